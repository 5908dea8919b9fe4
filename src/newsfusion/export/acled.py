"""Knowledge-base events as ACLED rows: ACLED's 31 columns, in ACLED's order, with its conventions.

One row per knowledge-base event (however many articles report it). Facts come
from :func:`newsfusion.export.data.event_facts`; the conventions:

* ``country`` is the English name, ``iso`` the ISO 3166-1 numeric code,
  ``region`` ACLED's region (UN M49 sub-regions, ACLED's names); ``admin1``
  the region's English name ("Ḩalab" -> "Aleppo", ``common.english_admin``);
* ``inter1``/``inter2``: 1 state forces, 2 rebel groups, 3 political militias,
  4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other
  forces, from the actor gazetteer, the entity's kind, then general words; 0
  when there is no actor 2. ``interaction`` is the two codes, lower first (12),
  or the sole actor's code times ten (20);
* ``civilian_targeting`` is "Civilian targeting" when actor 2 is civilians;
  ``disorder_type`` follows the event type;
* ``time_precision`` from the time resolution (1 day, 2 week, 3 month); an
  event without a resolved date takes its earliest report's publication date
  with precision 3 and the tag "date from publication" (no date at all: the
  tag "date unknown");
* ``fatalities`` is the most conservative figure, 0 when none is stated, and
  a toll is counted once per incident (``data.py``);
* ``source`` lists the outlets that report the event, ``source_scale``
  National/International from the outlets the gazetteer knows;
* ``notes`` is one sentence from the first report (the first whole one)
  followed by the sources'
  figures, the dispute and who denies it; ``tags`` holds the status (alleged,
  denied, planned ...), "fatalities disputed" and the Admiralty grade;
* ``timestamp`` is when the knowledge base was built (Unix seconds).

Every export with coordinates credits GeoNames: the CSV cannot carry it, so
the CLI prints it and docs/exports.md states it.
"""

from __future__ import annotations

from typing import IO, Any

from .common import english_admin, write_csv_rows
from .data import EventFacts, ExportData, event_facts, timestamp

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Demonstrations",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
DISORDER_BY_SUB = {"Excessive force against protesters": "Political violence; Demonstrations", "Mob violence": "Political violence"}
NOTE_CHARS = 400


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str | None:
    return DISORDER_BY_SUB.get(sub_event_type or "") or DISORDER.get(event_type or "")


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    if not inter1 and not inter2:
        return None
    if not inter2:
        return inter1 * 10 if inter1 else None
    if not inter1:
        return inter2 * 10
    lo, hi = sorted((inter1, inter2))
    return lo * 10 + hi


def _sentence(text: str | None) -> str:
    s = " ".join((text or "").split())
    if len(s) > NOTE_CHARS:
        s = s[: NOTE_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return s


def notes(f: EventFacts, data: ExportData) -> str:
    """The first report's sentence, then the sources' figures, the dispute and the denials."""
    sentences = [r.get("evidence") for _, r in f.reports if r.get("evidence")]
    # a whole sentence (capital first) before a fragment the extraction cut from one
    first = next((s for s in sentences if s[:1].isupper()), sentences[0] if sentences else f.event.notes)
    parts = [_sentence(first)]
    extra = []
    shown = [x for x in f.figures if x.counted and (x.min is not None or x.max is not None)]
    if f.disputes:
        extra.append("fatalities disputed: " + " | ".join(f.disputes))
    elif shown:
        who = "; ".join(dict.fromkeys(f"{_fig(x)} per {', '.join(x.sources) or data.doc_label(x.doc_id)}" for x in shown))
        extra.append(f"fatalities: {who}")
    if f.toll_counted_with:
        extra.append(f"the toll is counted with event {f.toll_counted_with}")
    if f.deniers:
        extra.append("denied by " + ", ".join(f.deniers))
    if len(f.outlets) > 1:
        extra.append(f"reported by {len(f.outlets)} outlets")
    if extra:
        parts.append("[" + "; ".join(extra) + "]")
    return " ".join(p for p in parts if p)


def _fig(x) -> str:
    from .data import _figure_text

    return _figure_text(x)


def source_scale(f: EventFacts) -> str | None:
    from ..gazetteer import load_actors

    gaz = load_actors()
    scales = set()
    for outlet in f.outlets:
        a = gaz.lookup(outlet)
        if a is None or a.kind != "outlet" or not a.country or not f.event.country:
            continue
        scales.add("National" if a.country == f.event.country else "International")
    return "-".join(s for s in ("National", "International") if s in scales) or None


def acled_row(f: EventFacts, data: ExportData, grade: str | None = None) -> dict[str, Any]:
    ev = f.event
    date, precision, tags = ev.event_date, ev.time_precision, list(f.tags)
    if not date:
        published = sorted(p for d, _ in f.reports if (doc := data.documents.get(d)) and (p := doc.published))
        if published:
            date, precision = published[0], 3
            tags.append("date from publication")
        else:
            tags.append("date unknown")
    inter1 = f.actor1.inter if f.actor1 else None
    inter2 = f.actor2.inter if f.actor2 else 0
    grade = grade or ev.grade
    if grade:
        tags.append(f"admiralty grade {grade}")
    c = f.country
    return {
        "event_id_cnty": ev.id,
        "event_date": date,
        "year": int(date[:4]) if date and date[:4].isdigit() else None,
        "time_precision": precision,
        "disorder_type": disorder_type(ev.acled_type, ev.acled_sub_type),
        "event_type": ev.acled_type,
        "sub_event_type": ev.acled_sub_type,
        "actor1": f.actor1.name if f.actor1 else None,
        "assoc_actor_1": "; ".join(p.name for p in f.assoc1) or None,
        "inter1": inter1,
        "actor2": f.actor2.name if f.actor2 else None,
        "assoc_actor_2": "; ".join(p.name for p in f.assoc2) or None,
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if f.actor2 is not None and f.actor2.inter == 7 else None,
        "iso": c.numeric if c else None,
        "region": c.region if c else None,
        "country": c.name if c else ev.country,
        "admin1": english_admin(ev.admin1, ev.country),
        "admin2": None,
        "admin3": None,
        "location": ev.location,
        "latitude": ev.latitude,
        "longitude": ev.longitude,
        "geo_precision": ev.geo_precision,
        "source": "; ".join(f.outlets) or None,
        "source_scale": source_scale(f),
        "notes": notes(f, data),
        "fatalities": f.fatalities,
        "tags": "; ".join(tags) or None,
        "timestamp": timestamp(data.built_at),
    }


def acled_rows(data: ExportData) -> list[dict[str, Any]]:
    return [acled_row(f, data) for f in event_facts(data)]


def write_acled_csv(data: ExportData, fp: IO[str]) -> int:
    return write_csv_rows(acled_rows(data), ACLED_COLUMNS, fp)
