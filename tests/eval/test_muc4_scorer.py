"""The MUC-4 scorers on hand-made templates, and on the reference systems' stored predictions."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date

import pytest

from newsfusion.eval.muc4_keys import KeyTemplate, PredIncident, parse_key_date, parse_key_file, parse_key_location, score_keys
from newsfusion.eval.muc4_scorer import ceaf_ree_score, gold_templates_from_gtt, gtt_score, normalize


def tmpl(typ, **roles):
    return {"incident_type": typ, **roles}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Shining Path!", "shining path"),
        ("a bomb", "bomb"),
        ("  Anti-tank   mine ", "antitank mine"),
        ("theatre of the war", "theatre of war"),
        ("AN-2 plane", "an2 plane"),
    ],
)
def test_normalize(text, expected):
    assert normalize(text) == expected


def _prf(res, slot="micro"):
    r = res[slot]
    return round(r.precision, 4), round(r.recall, 4), round(r.f1, 4)


def test_gtt_paired_template_counts_by_hand():
    gold = {"d": [tmpl("attack / bombing", PerpInd=[["armed men", "men"]], PerpOrg=[["shining path"]], Target=[],
                       Victim=[["john doe"]], Weapon=[["bomb"]])]}
    pred = {"d": [tmpl("bombing", PerpInd=[["The armed men"]], PerpOrg=[["FMLN"]], Victim=[["John Doe"], ["the mayor"]])]}
    res = gtt_score(pred, gold)
    # type 1/1; PerpInd 1/1; PerpOrg 0/1; Victim 1 of 2 predicted, 1 of 1 gold; Weapon 0 of 1 gold
    assert (res["micro"].p_num, res["micro"].p_den, res["micro"].r_num, res["micro"].r_den) == (3, 5, 3, 5)
    assert _prf(res) == (0.6, 0.6, 0.6)
    assert _prf(res, "Victim") == (0.5, 1.0, 0.6667)
    assert _prf(res, "Weapon") == (0.0, 0.0, 0.0)


def test_gtt_type_mismatch_pairs_nothing_but_still_counts():
    gold = {"d": [tmpl("attack", PerpInd=[["armed men"]], PerpOrg=[], Target=[], Victim=[], Weapon=[])]}
    pred = {"d": [tmpl("kidnapping", PerpInd=[["armed men"]])]}
    res = gtt_score(pred, gold)
    assert (res["micro"].p_num, res["micro"].p_den, res["micro"].r_num, res["micro"].r_den) == (0, 2, 0, 2)


def test_gtt_predicted_entity_must_be_inside_one_gold_entity():
    gold = {"d": [tmpl("attack", PerpInd=[["armed men", "men"]], PerpOrg=[], Target=[], Victim=[], Weapon=[])]}
    pred = {"d": [tmpl("attack", PerpInd=[["armed men", "soldiers"]])]}
    res = gtt_score(pred, gold)
    assert res["PerpInd"].p_num == 0 and res["PerpInd"].r_num == 0
    assert res["incident_type"].p_num == 1


def test_gtt_finds_the_best_assignment_not_the_first():
    empty = dict(PerpInd=[], PerpOrg=[], Target=[], Weapon=[])
    gold = {"d": [tmpl("attack", Victim=[["x"]], **empty), tmpl("attack", Victim=[["y"]], **empty)]}
    pred = {"d": [tmpl("attack", Victim=[["y"]]), tmpl("attack", Victim=[["x"]])]}
    assert _prf(gtt_score(pred, gold)) == (1.0, 1.0, 1.0)


def test_gtt_extra_template_and_missing_document():
    empty = dict(PerpInd=[], PerpOrg=[], Target=[], Weapon=[])
    gold = {"a": [tmpl("attack", Victim=[["x"]], **empty)], "b": [tmpl("bombing", Victim=[], **empty)]}
    pred = {"a": [tmpl("attack", Victim=[["x"]]), tmpl("arson", Target=[["house"]])]}
    res = gtt_score(pred, gold)
    # a: paired (2 correct) + spurious arson template (2 predicted); b: missing (1 gold)
    assert (res["micro"].p_num, res["micro"].p_den, res["micro"].r_num, res["micro"].r_den) == (2, 4, 2, 3)


def test_gold_templates_drop_offsets_empty_entities_and_duplicates():
    raw = [{"incident_type": "attack", "PerpInd": [[["men", 3]], []], "PerpOrg": [], "Target": [], "Victim": [], "Weapon": []}] * 2
    assert gold_templates_from_gtt(raw) == [tmpl("attack", PerpInd=[["men"]], PerpOrg=[], Target=[], Victim=[], Weapon=[])]


def test_ceaf_ree_is_one_to_one():
    gold = {"d": {"PerpInd": [["a1", "a2"], ["b"]], "PerpOrg": [], "Target": [], "Victim": [], "Weapon": []}}
    pred = {"d": {"PerpInd": [["a1"], ["a2"], ["b"]]}}
    res = ceaf_ree_score(pred, gold)
    assert (res["PerpInd"].p_num, res["PerpInd"].p_den, res["PerpInd"].r_den) == (2, 3, 2)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("16 NOV 89", [(date(1989, 11, 16), date(1989, 11, 16))]),
        ("- 19 APR 89", [(None, date(1989, 4, 19))]),
        ("25 NOV 88 - 30 NOV 88", [(date(1988, 11, 25), date(1988, 11, 30))]),
        ("(18 MAR 89) / (- 19 MAR 89)", [(date(1989, 3, 18), date(1989, 3, 18)), (None, date(1989, 3, 19))]),
        ("-", []),
    ],
)
def test_parse_key_date(value, expected):
    assert parse_key_date(value) == expected


def test_parse_key_location():
    assert parse_key_location("(HONDURAS: TEGUCIGALPA (CITY)) / (HONDURAS)") == {"honduras", "tegucigalpa"}
    assert parse_key_location("PERU: LIMA (CITY): SAN ISIDRO (NEIGHBORHOOD)") == {"peru", "lima", "san isidro"}


KEY = """0.  MESSAGE: ID                    TST3-MUC4-0002
1.  MESSAGE: TEMPLATE              1
2.  INCIDENT: DATE                 16 NOV 89
3.  INCIDENT: LOCATION             EL SALVADOR: SAN SALVADOR (CITY)
4.  INCIDENT: TYPE                 ATTACK
19. HUM TGT: DESCRIPTION           "JESUITS"
                                   "MAIDS"
21. HUM TGT: NUMBER                6: "JESUITS"
                                   2: "MAIDS"
23. HUM TGT: EFFECT OF INCIDENT    DEATH: "JESUITS"
                                   DEATH: "MAIDS"

0.  MESSAGE: ID                    TST3-MUC4-0003
1.  MESSAGE: TEMPLATE              *
4.  INCIDENT: TYPE                 *
"""


def test_parse_key_file_and_score_keys(tmp_path):
    path = tmp_path / "key"
    path.write_text(KEY)
    keys = parse_key_file(path)
    assert keys["TST3-MUC4-0003"] == []
    (k,) = keys["TST3-MUC4-0002"]
    assert (k.incident_type, k.deaths, k.places) == ("attack", 8, {"el salvador", "san salvador"})
    ours = {
        "TST3-MUC4-0002": [
            PredIncident("attack", locations=["San Salvador"], dates=[(date(1989, 11, 15), date(1989, 11, 15))], deaths=[(6, 8)]),
            PredIncident("bombing", locations=["Lima"]),
        ]
    }
    res = score_keys(ours, keys)
    assert (res["location"].p_num, res["location"].p_den, res["location"].r_den) == (1, 2, 1)
    assert (res["date"].p_num, res["date"].p_den, res["date"].r_den) == (0, 1, 1)
    assert (res["deaths"].p_num, res["deaths"].p_den, res["deaths"].r_den) == (1, 1, 1)


def test_optional_key_template_costs_no_recall():
    keys = {"d": [KeyTemplate("d", "attack", places={"peru"}, optional=True)]}
    assert score_keys({}, keys)["location"].r_den == 0


# --- reproduction of the published numbers from the stored predictions -------------------------

def _key(docid):
    parts = docid.split("-")
    return str(int(parts[0][-1]) * 10000 + int(parts[-1]))


@pytest.fixture(scope="module")
def muc4_dir(shared_dir):
    d = shared_dir / "benchmarks" / "muc4"
    if not (d / "reference_predictions").is_dir():
        pytest.skip(f"needs ../shared/benchmarks/muc4 with reference_predictions/; not found at {d}")
    return d


@pytest.fixture(scope="module")
def gtt_gold(muc4_dir):
    golds = {}
    for line in (muc4_dir / "gtt_template_filling" / "test.json").read_text().splitlines():
        d = json.loads(line)
        golds[_key(d["docid"])] = gold_templates_from_gtt(d["templates"])
    return golds


def _pct(res, slot="micro"):
    r = res[slot]
    return round(100 * r.precision, 2), round(100 * r.recall, 2), round(100 * r.f1, 2)


@pytest.mark.shared
def test_gtt_reference_predictions_reproduce_published_scores(muc4_dir, gtt_gold):
    d = json.loads((muc4_dir / "reference_predictions" / "gtt_bert-base_test_preds.json").read_text())
    res = gtt_score({k: v["pred_templates"] for k, v in d.items()}, gtt_gold)
    assert _pct(res) == (61.69, 42.36, 50.23)
    per_slot = [_pct(res, s)[2] for s in ("incident_type", "PerpInd", "PerpOrg", "Target", "Victim", "Weapon")]
    assert per_slot == [67.44, 44.04, 41.79, 32.39, 54.12, 59.71]


@pytest.mark.shared
@pytest.mark.parametrize(
    ("encoder", "expected"),
    [
        ("bart-base", (49.75, 45.69, 47.64)),
        ("bert-base", (52.25, 51.11, 51.67)),
        ("bart-large", (54.28, 50.37, 52.25)),
        ("t5-large-enc", (60.92, 46.92, 53.01)),
    ],
)
def test_iterx_reference_predictions_reproduce_published_scores(muc4_dir, gtt_gold, encoder, expected):
    preds = defaultdict(list)
    for line in (muc4_dir / "reference_predictions" / f"iterx_{encoder}_test_preds.jsonl").read_text().splitlines():
        for docid, temps in json.loads(line).items():
            preds[_key(docid)].extend(temps)
    res = gtt_score(preds, gtt_gold)
    assert _pct(res) == expected
    if encoder == "t5-large-enc":
        per_slot = [_pct(res, s)[2] for s in ("incident_type", "PerpInd", "PerpOrg", "Target", "Victim", "Weapon")]
        assert per_slot == [68.18, 43.44, 38.24, 47.51, 56.25, 63.96]


@pytest.mark.shared
def test_grit_reference_predictions_reproduce_published_ceaf_ree(muc4_dir):
    golds = {}
    for line in (muc4_dir / "grit_ree" / "test.json").read_text().splitlines():
        d = json.loads(line)
        golds[_key(d["docid"])] = {r: [[m[0] for m in e] for e in v] for r, v in d["extracts"].items()}
    d = json.loads((muc4_dir / "reference_predictions" / "grit_ree_test_preds.json").read_text())
    res = ceaf_ree_score({k: v["pred_extracts"] for k, v in d.items()}, golds)
    assert _pct(res) == (64.19, 47.36, 54.50)
    assert [_pct(res, r)[2] for r in ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")] == [49.55, 51.85, 48.98, 67.84, 59.13]
