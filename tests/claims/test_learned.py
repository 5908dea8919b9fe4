"""The learned attribution model (claims/learned/): its parts on hand-made inputs,
a tiny model trained here, and the built model (when there) on invented
sentences (none from the seeds, the development set or PolNeAR)."""

from __future__ import annotations

import numpy as np
import pytest

from newsfusion.claims.learned import decode, load_model
from newsfusion.claims.learned.features import Table
from newsfusion.claims.learned.linear import Linear, hash_features
from newsfusion.eval.polnear import _minus
from newsfusion.model import Span


# ----------------------------------------------------------------- linear model

def _toy(n=400, seed=1):
    """Label 1 when the 'w=a' feature is present, 2 for 'w=b', else 0, with noise features."""
    rng = np.random.default_rng(seed)
    rows, ys = [], []
    for _ in range(n):
        k = int(rng.integers(0, 3))
        word = {0: "w=z", 1: "w=a", 2: "w=b"}[k]
        rows.append(["bias", word, f"noise={int(rng.integers(0, 50))}", None])
        ys.append(k)
    return rows, np.array(ys)


def test_linear_learns_a_separable_toy_problem():
    rows, y = _toy()
    X = hash_features(rows, 12)
    m = Linear(["O", "A", "B"], 12).fit(X, y, epochs=3)
    test = hash_features([["bias", "w=a", "noise=7", None], ["bias", "w=b", None, None], ["bias", "w=z", None, None]], 12)
    assert list(m.proba(test).argmax(axis=1)) == [1, 2, 0]


def test_linear_training_is_deterministic_and_roundtrips():
    rows, y = _toy()
    X = hash_features(rows, 12)
    a = Linear(["O", "A", "B"], 12).fit(X, y, epochs=2, seed=3)
    b = Linear(["O", "A", "B"], 12).fit(X, y, epochs=2, seed=3)
    assert a.to_bytes() == b.to_bytes()
    c = Linear.from_bytes(a.to_bytes())
    assert np.allclose(c.scores(X), a.scores(X), atol=5e-2)  # weights are stored as int8


def test_hashing_is_stable_and_none_is_row_zero():
    X = hash_features([["bias", None]], 20)
    assert X[0, 1] == 0 and X[0, 0] != 0
    assert hash_features([["bias"]], 20)[0, 0] == X[0, 0]


# ----------------------------------------------------------------- decoding

O, B, I = 0, 1, 2


def _logp(labels):
    """Log probabilities that make the given label sequence clearly best."""
    out = np.full((len(labels), 3), np.log(0.05))
    for i, lab in enumerate(labels):
        out[i, lab] = np.log(0.9)
    return out


@pytest.mark.parametrize("labels, spans", [
    ([O, B, O], [(1, 2)]),
    ([B, I, I, O, B], [(0, 3), (4, 5)]),
    ([O, O, O], []),
    ([B, B, O], [(0, 1), (1, 2)]),
])
def test_bio_spans(labels, spans):
    assert decode.bio_spans(_logp(labels)) == spans


def test_bio_spans_never_starts_with_inside():
    logp = np.log(np.array([[0.3, 0.2, 0.5], [0.3, 0.2, 0.5]]))  # I is likeliest everywhere
    assert decode.bio_spans(logp) == [(0, 2)]  # read as B I, never a dangling I


@pytest.mark.parametrize("scores, breaks, expected", [
    ([-1, 2, 3, -1], set(), (1, 3)),
    ([2, -1, 2], set(), (0, 3)),
    ([2, -1, 2], {2}, (0, 1)),
    ([-1, -2], set(), (0, 0)),
])
def test_best_run(scores, breaks, expected):
    a, b, _ = decode.best_run(scores, breaks)
    assert (a, b) == expected


def test_content_without_its_own_cue_and_source():
    # “We will stay,” the mayor said, “until the end.” -> content in two pieces
    content, cue, source = Span(0, 60), Span(20, 24), Span(25, 34)
    assert _minus(content, (cue, source)) == ((0, 20), (24, 25), (34, 60))
    assert _minus(Span(0, 10), (Span(20, 24), None)) == ((0, 10),)


# ----------------------------------------------------------------- features

def test_paths_from_the_cue(nlp):
    text = "The minister said that the bridge was closed."
    tb = Table(nlp(text), text)
    said = next(i for i in range(tb.n) if tb.lower[i] == "said")
    cue = tb.make_cue([said])
    toks, feats = tb.role_instances(cue)
    path = {tb.lower[t]: f[1] for t, f in zip(toks, feats)}
    assert path["minister"] == "path=Dh:nsubj="
    assert path["bridge"].startswith("path=Dh:ccomp/")
    assert "said" not in path  # the cue is never its own source or content


def test_quotations_are_token_ranges(nlp):
    text = 'He said: “The road is open.” Then he left.'
    tb = Table(nlp(text), text)
    inside = [tb.lower[i] for i in range(tb.n) if tb.quote[i] >= 0]
    assert "road" in inside and "left" not in inside


# ----------------------------------------------------------------- the packaged model

needs_model = pytest.mark.skipif(load_model() is None, reason="the attribution model is not built (make train-attribution; it is not in the repository)")

# (text, cue, source, words the content must hold)
MODEL_CASES = [
    ("Local officials told reporters that the bridge had been destroyed by the floods.",
     "told", "Local officials", "bridge had been destroyed"),
    ("The ceasefire is holding, a spokeswoman for the regional council said on Friday.",
     "said", "a spokeswoman for the regional council", "ceasefire is holding"),
    ("According to the health ministry, 14 people were wounded in the blast.",
     "According to", "the health ministry", "14 people were wounded"),
    ("The opposition party accused the electoral commission of rigging the count.",
     "accused", "The opposition party", "electoral commission of rigging"),
]


@needs_model
@pytest.mark.parametrize("text, cue, source, content", MODEL_CASES)
def test_model_finds_cue_source_and_content(nlp, text, cue, source, content):
    tb = Table(nlp(text), text)
    found = load_model().predict(tb)
    words = lambda ts: " ".join(tb.sdoc[i].text for i in ts)  # noqa: E731
    got = {words(f.cue.tokens).lower(): f for f in found}
    assert cue.lower() in got, f"cues found: {list(got)}"
    f = got[cue.lower()]
    assert words(f.source) == source
    assert content in words(f.content)


@needs_model
@pytest.mark.parametrize("text", [
    "Heavy rain fell across the valley overnight.",
    "The convoy reached the border crossing at dawn.",
])
def test_model_finds_nothing_in_plain_narration(nlp, text):
    tb = Table(nlp(text), text)
    assert load_model().predict(tb) == []


@needs_model
def test_model_artefact_says_what_it_was_built_from():
    meta = load_model().meta
    assert "PolNeAR" in meta["trained_on"] and meta["seed"] == 0
    assert meta["dev"]["source exact"] > 60


@pytest.mark.slow
@pytest.mark.shared
def test_training_runs_end_to_end_on_a_few_articles(shared_dir, tmp_path):
    from newsfusion.claims.learned.model import AttributionModel
    from newsfusion.claims.learned.train import main

    bench = shared_dir / "benchmarks"
    if not (bench / "polnear" / "metadata.tsv").is_file():
        pytest.skip(f"needs PolNeAR at {bench / 'polnear'}")
    out = tmp_path / "attribution.nfm"
    assert main(["--data", str(bench), "--out", str(out), "--limit", "3"]) == 0
    model = AttributionModel.from_bytes(out.read_bytes())
    assert model.meta["trained_on"].startswith("PolNeAR") and "source exact" in model.meta["dev"]


def test_training_needs_polnear(tmp_path, capsys):
    from newsfusion.claims.learned.train import main

    assert main(["--data", str(tmp_path), "--out", str(tmp_path / "m.nfm")]) == 2
    assert "E004" in capsys.readouterr().err


# ----------------------------------------------------------------- a tiny model, trained here

# Invented training sentences: (text, source, cue, content).
TINY_TRAIN = [
    ("The governor said that the road was open.", "The governor", "said", "that the road was open"),
    ("A farmer said the well had dried up.", "A farmer", "said", "the well had dried up"),
    ("The police said two cars were stolen.", "The police", "said", "two cars were stolen"),
    ("Witnesses told reporters that the market burned.", "Witnesses", "told", "that the market burned"),
    ("The council announced that the school would close.", "The council", "announced", "that the school would close"),
    ("The rain stopped before noon.", None, None, None),
    ("Traders said prices had doubled.", "Traders", "said", "prices had doubled"),
    ("The army denied that its troops had fired.", "The army", "denied", "that its troops had fired"),
]


def _ann(text, source, cue, content):
    from newsfusion.eval.polnear import AnnDoc, Attribution

    seg = lambda w: None if w is None else ((text.index(w), text.index(w) + len(w)),)  # noqa: E731
    rels = [Attribution(seg(source), seg(cue), seg(content))] if cue else []
    return AnnDoc("tiny", text, {}, rels)


@pytest.fixture(scope="module")
def tiny_model(nlp):
    """Both taggers fitted on the eight sentences above in a fraction of a second."""
    from newsfusion.claims.learned.data import dataset
    from newsfusion.claims.learned.decode import CUE_LABELS, ROLE_LABELS
    from newsfusion.claims.learned.model import AttributionModel

    tables = [Table(nlp(t), t) for t, *_ in TINY_TRAIN]
    anns = [_ann(*row) for row in TINY_TRAIN]
    X, y = dataset(tables, anns, "cue", 16)
    cue = Linear(CUE_LABELS, 16).fit(X, y, epochs=20, min_count=1)
    X, y = dataset(tables, anns, "role", 16)
    role = Linear(ROLE_LABELS, 16).fit(X, y, epochs=20, min_count=1)
    return AttributionModel.from_bytes(AttributionModel(cue, role, meta={"trained_on": "eight sentences"}).to_bytes())


def test_tiny_model_learns_cue_source_and_content(nlp, tiny_model):
    text = "The mayor said that the bridge was closed."
    tb = Table(nlp(text), text)
    found = tiny_model.predict(tb)
    words = lambda ts: " ".join(tb.sdoc[i].text for i in ts)  # noqa: E731
    assert [words(f.cue.tokens) for f in found] == ["said"]
    assert words(found[0].source) == "The mayor"
    assert "bridge was closed" in words(found[0].content)
    assert tiny_model.meta["trained_on"] == "eight sentences"  # meta survives the round trip


def test_artefact_of_another_layout_is_refused(tiny_model):
    import io
    import json
    import zipfile

    from newsfusion.claims.learned.model import AttributionModel

    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(tiny_model.to_bytes())) as src, zipfile.ZipFile(buf, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "meta.json":
                data = json.dumps(dict(json.loads(data), format=-1)).encode()
            dst.writestr(name, data)
    with pytest.raises(ValueError, match="format"):
        AttributionModel.from_bytes(buf.getvalue())


@pytest.mark.parametrize("mode", ["off", "only", "on"])
def test_the_setting_chooses_rules_model_or_both(nlp, tiny_model, monkeypatch, mode):
    import newsfusion.claims.learned as learned
    from newsfusion.claims import extract_claims
    from newsfusion.model import Article
    from newsfusion.pipeline import Pipeline

    monkeypatch.setattr(learned, "load_model", lambda: tiny_model)
    monkeypatch.setenv("NEWSFUSION_ATTRIBUTION_MODEL", mode)
    doc = Pipeline(["nlp", "entities"])(Article(text="The mayor said that the bridge was closed."))
    rules = {"off": True, "only": False, "on": True}[mode]
    claims = extract_claims(doc)
    assert [doc.span_text(c.cue) for c in claims] == ["said"]
    assert (claims[0].rule != "learned") == rules  # a cue both found stays the rules' claim
    assert claims[0].source == "mayor" or "mayor" in claims[0].source


@pytest.mark.parametrize("value, mode", [("", "off"), ("off", "off"), ("0", "off"), ("ON", "on"), ("yes", "on"), (" only ", "only")])
def test_attribution_setting_values(value, mode):
    from newsfusion.config import _attribution_mode

    assert _attribution_mode(value) == mode


def test_attribution_setting_refuses_other_values():
    from newsfusion.config import _attribution_mode
    from newsfusion.errors import ConfigError

    with pytest.raises(ConfigError, match="on, off or only"):
        _attribution_mode("maybe")
