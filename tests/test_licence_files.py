"""The licence and citation files agree with pyproject.toml, and GeoNames is credited."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_licence_citation_and_attribution_agree_with_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    cff = (ROOT / "CITATION.cff").read_text()
    assert re.search(r"^version: " + re.escape(project["version"]) + "$", cff, re.M)
    assert re.search(r"^license: MIT$", cff, re.M) and "cff-version: 1.2.0" in cff
    assert "CC BY 4.0" in (ROOT / "docs" / "gazetteer.md").read_text() and "CC-BY-4.0" in cff
