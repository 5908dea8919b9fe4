"""Shared fixtures. Tests that need ../shared skip with a message when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSFUSION_SHARED", ROOT.parent / "shared"))
EXAMPLES = ROOT / "examples" / "articles"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"needs ../shared (seeds, gold, benchmarks) beside the project; not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir) -> Path:
    return shared_dir / "seeds"


@pytest.fixture(scope="session")
def pipeline():
    """The full default pipeline, loaded once per test session."""
    from newsfusion.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def nlp():
    from newsfusion.stages.nlp import load_nlp

    return load_nlp()


def make_doc(pipeline, text: str, **meta):
    """Run ``text`` through ``pipeline`` as an article."""
    from newsfusion.model import Article

    return pipeline(Article(text=text, **meta))
