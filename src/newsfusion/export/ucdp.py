"""Knowledge-base events as UCDP GED-style rows: deaths as low/best/high from the sources' figures.

UCDP's Georeferenced Event Dataset keeps what ACLED does not: every report's
figures as a range and who originally said them. One row per political
violence event (battles, explosions/remote violence, violence against
civilians, mob violence, excessive force against protesters); GED itself keeps
only events with at least one death, so filter ``best > 0`` to match it.

* ``type_of_violence``: 1 state-based (state forces on one side), 3 one-sided
  (an organised actor against civilians), 2 non-state (anything else);
  ``side_a`` is the state side in state-based violence;
* ``low``/``high``: the lowest and highest figure any report gives (a toll
  counted on another event of the same incident is left out, ``data.py``);
  ``best`` the median of the reports' conservative figures; with no sides'
  split, ``best`` goes to ``deaths_civilians`` in one-sided violence and to
  ``deaths_unknown`` otherwise;
* ``where_prec`` 1 exact place, 3 a district, 4 a province, 6 the country only;
  ``date_prec`` 1 day, 3 week, 4 month; ``event_clarity`` 2 when any report
  says the event is alleged or denied;
* ``source_article``/``source_office``/``source_date``/``source_headline``:
  one entry per reporting article (";"); ``source_original``: who the
  reports quote; ``number_of_sources``: reporting articles.
"""

from __future__ import annotations

from statistics import median
from typing import IO, Any

from .acled import disorder_type
from .common import english_admin, write_csv_rows
from .data import EventFacts, ExportData, event_facts

UCDP_COLUMNS = (
    "id", "year", "type_of_violence", "conflict_name", "dyad_name", "side_a", "side_b",
    "number_of_sources", "source_article", "source_office", "source_date", "source_headline", "source_original",
    "where_prec", "where_coordinates", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt",
    "country", "iso", "region", "event_clarity", "date_prec", "date_start", "date_end",
    "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low",
)
WHERE_PREC = {1: 1, 2: 3, 3: 4}
DATE_PREC = {1: 1, 2: 3, 3: 4}


def ucdp_region(acled_region: str | None, iso2: str | None) -> str | None:
    if not acled_region:
        return None
    if acled_region == "Middle East" or iso2 in ("EG", "LY"):
        return "Middle East"
    if acled_region.endswith("Africa"):
        return "Africa"
    if acled_region in ("Europe", "Caucasus and Central Asia") and iso2 not in ("KZ", "KG", "TJ", "TM", "UZ"):
        return "Europe"
    if acled_region in ("North America", "Central America", "South America", "Caribbean"):
        return "Americas"
    return "Asia"


def is_political_violence(f: EventFacts) -> bool:
    return "Political violence" in (disorder_type(f.event.acled_type, f.event.acled_sub_type) or "")


def ucdp_row(f: EventFacts, data: ExportData) -> dict[str, Any]:
    ev = f.event
    a, b = f.actor1, f.actor2
    if b is not None and b.inter == 1 and (a is None or a.inter != 1):
        a, b = b, a  # side_a is the state
    if b is not None and b.inter == 7:
        violence = 3
    elif (a is not None and a.inter == 1) or (b is not None and b.inter == 1):
        violence = 1
    else:
        violence = 2
    counted = [x for x in f.figures if x.counted and (x.min is not None or x.max is not None)]
    conservative = [x.min if x.min is not None else x.max for x in counted]
    best = int(median(conservative)) if conservative else 0
    low = f.fatalities_low if f.fatalities_low is not None else 0
    high = f.fatalities_high if f.fatalities_high is not None else 0
    docs = [data.documents[d] for d in dict.fromkeys(d for d, _ in f.reports) if d in data.documents]
    quoted = list(dict.fromkeys(s for _, r in f.reports for s in r.get("sources") or []))
    lat, lon = ev.latitude, ev.longitude
    c = f.country
    time = (ev.summary or {}).get("time") or {}
    return {
        "id": ev.id,
        "year": f.year,
        "type_of_violence": violence,
        "conflict_name": None,
        "dyad_name": " - ".join(p.name for p in (a, b) if p is not None) or None,
        "side_a": a.name if a else None,
        "side_b": b.name if b else None,
        "number_of_sources": len(docs),
        "source_article": "; ".join(", ".join(x for x in (d.outlet, d.published, d.title) if x) or d.id for d in docs) or None,
        "source_office": "; ".join(d.outlet or "" for d in docs) or None,
        "source_date": "; ".join(d.published or "" for d in docs) or None,
        "source_headline": "; ".join(d.title or "" for d in docs) or None,
        "source_original": "; ".join(quoted) or None,
        "where_prec": WHERE_PREC.get(ev.geo_precision or 0, 6 if ev.country else None),
        "where_coordinates": ev.location,
        "adm_1": english_admin(ev.admin1, ev.country),
        "adm_2": None,
        "latitude": lat,
        "longitude": lon,
        "geom_wkt": f"POINT ({lon} {lat})" if lat is not None and lon is not None else None,
        "country": c.name if c else ev.country,
        "iso": c.numeric if c else None,
        "region": ucdp_region(c.region if c else None, ev.country),
        "event_clarity": 2 if any(t in f.tags for t in ("alleged", "denied")) else 1,
        "date_prec": DATE_PREC.get(ev.time_precision or 0),
        "date_start": time.get("start") or ev.event_date,
        "date_end": time.get("end") or time.get("start") or ev.event_date,
        "deaths_a": 0,
        "deaths_b": 0,
        "deaths_civilians": best if violence == 3 else 0,
        "deaths_unknown": 0 if violence == 3 else best,
        "best": best,
        "high": max(high, best),
        "low": min(low, best) if conservative else 0,
    }


def ucdp_rows(data: ExportData) -> list[dict[str, Any]]:
    return [ucdp_row(f, data) for f in event_facts(data) if is_political_violence(f)]


def write_ucdp_csv(data: ExportData, fp: IO[str]) -> int:
    return write_csv_rows(ucdp_rows(data), UCDP_COLUMNS, fp)
