"""Geocoding accuracy against a gold table of places (``tests/data/devset_geocodes.tsv``).

The table gives, per article, each place the gold lists as a LOCATION entity
(by its gold canonical name), its country (ISO 3166-1 alpha-2, ``-`` when it
spans countries or is disputed) and the gazetteer entries that are right for
it (``geonames:<id>``, ``country:<ISO2>``, ``places:<name>``, several joined
by ``|``; empty when no table has the place).

A row is read through the gold entity of that name: the extraction's LOCATION
entity whose names (name or alias) share a form with the gold entity's is the
one whose geocode is judged (the scorer's folding). Rows whose place the
extraction did not find, or found as a PERSON or an ORG (listed in
``other_type``), are left out: recognition and typing are measured by the
entity F1 and type accuracy. Of the rest:

* **country accuracy**: rows with a country, the geocode's country is it (no
  geocode is wrong);
* **place accuracy**: rows with gazetteer entries, the geocode's ``place_id``
  is one of them.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..resolve.entities import place_id


@dataclass
class GeoRow:
    doc: str
    name: str
    country: str | None  # None: not scored
    places: tuple[str, ...]  # empty: not scored


@dataclass
class GeoResult:
    rows: int
    found: int
    country_ok: int
    country_n: int
    place_ok: int
    place_n: int
    errors: list[dict[str, Any]] = field(default_factory=list)
    other_type: list[str] = field(default_factory=list)  # places the extraction found, typed PERSON or ORG

    @property
    def country_accuracy(self) -> float:
        return self.country_ok / self.country_n if self.country_n else 0.0

    @property
    def place_accuracy(self) -> float:
        return self.place_ok / self.place_n if self.place_n else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"rows": self.rows, "found": self.found, "country_accuracy": round(self.country_accuracy, 4), "country_scored": self.country_n,
                "place_accuracy": round(self.place_accuracy, 4), "place_scored": self.place_n, "errors": self.errors,
                "found_with_another_type": self.other_type}


def load_table(path: Path) -> list[GeoRow]:
    rows = []
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if not ln.startswith("#")]
    for r in csv.DictReader(lines, delimiter="\t"):
        country = (r.get("country") or "").strip()
        places = tuple(p for p in (r.get("place") or "").strip().split("|") if p)
        rows.append(GeoRow(r["doc"].strip(), r["name"].strip(), None if country in ("", "-") else country, places))
    return rows


def measure(rows: list[GeoRow], records: dict[str, dict[str, Any]], gold: dict[str, dict[str, Any]], fold: Callable[[str], str]) -> GeoResult:
    """``records``/``gold``: doc name -> the extraction's record / the gold object."""
    res = GeoResult(len(rows), 0, 0, 0, 0, 0)
    for row in rows:
        rec, g = records.get(row.doc), gold.get(row.doc)
        if rec is None or g is None:
            continue
        gent = next((e for e in g.get("entities", []) if e.get("name") == row.name), {"name": row.name, "aliases": []})
        gforms = {fold(f) for f in [gent["name"], *(gent.get("aliases") or [])] if fold(f)}
        cands = [e for e in rec.get("entities", []) if gforms & {fold(f) for f in [e["name"], *(e.get("aliases") or [])]}]
        ent = next((e for e in cands if e.get("type") == "LOCATION"), None)
        if ent is None:
            if cands:
                res.other_type.append(f"{row.doc}:{row.name} ({cands[0].get('type')})")
            continue
        res.found += 1
        geo = ent.get("geo") or {}
        bad = {}
        if row.country:
            res.country_n += 1
            if geo.get("country") == row.country:
                res.country_ok += 1
            else:
                bad["country"] = (row.country, geo.get("country"))
        if row.places:
            res.place_n += 1
            if place_id(geo) in row.places:
                res.place_ok += 1
            else:
                bad["place"] = ("|".join(row.places), place_id(geo))
        if bad:
            res.errors.append({"doc": row.doc, "name": row.name, "as": ent["name"], **bad, "method": geo.get("method")})
    return res
