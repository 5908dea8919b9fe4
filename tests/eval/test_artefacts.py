"""The small trained artefacts shipped under newsfusion/data/models load and make sense."""

from __future__ import annotations

import json
from pathlib import Path

import newsfusion

MODELS = Path(newsfusion.__file__).parent / "data" / "models"


def test_ecbplus_fusion_parameters_load():
    from newsfusion.eval.ecbplus_system import FusionParams

    p = FusionParams.load()
    assert "dev topics" in p.tuned_on  # tuned on dev, never on test
    assert 0 < p.threshold < 1 and p.dev_conll and p.dev_conll > 70


def test_polnear_cue_lexicon_separates_cues_from_function_words():
    data = json.loads((MODELS / "polnear_cues.json").read_text())
    lemmas = data["lemmas"]
    assert lemmas["say"][2] > 0.8 and lemmas["accord"][2] > 0.8
    assert lemmas["the"][2] < 0.05
    assert all(c <= n for c, n, _ in lemmas.values())
    assert data["phrases"]["according to"] > 100
    assert (MODELS / "polnear_cues.json").stat().st_size < 1_000_000
