"""The 1992 MUC-4 answer keys: date, location and deaths, which the GTT data drop.

The key files (``original_muc34/TASK/CORPORA/tst*/key-*``) hold one template
per incident with 25 numbered slots; a slot's value may continue on the next
lines. We read slot 2 (INCIDENT: DATE), 3 (INCIDENT: LOCATION), 4 (INCIDENT:
TYPE) and the human-target slots 18-24 to derive the number of people killed.

Scoring (our own, documented in docs/eval.md; the 1992 scorer's partial
credit is not reproduced): our incidents are paired one-to-one with key
templates of a compatible type (the GTT rule: our type is a substring of the
key type), in order. Then, per slot,

* location: correct when our location, normalised, equals the name of any
  place in the key's hierarchy (``PERU: LIMA (CITY)`` -> ``peru``, ``lima``),
  in any alternative;
* date: correct when our resolved date range lies inside the key's range; a
  key ``- 19 APR 89`` ("on or before") accepts any date up to 19 APR 89;
* deaths: correct when the key's number of people killed lies in our
  fatalities ``[min, max]``.

P = correct / our incidents that fill the slot, R = correct / key templates
that fill it (an OPTIONAL key template counts only when paired).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .base import PRF
from .muc4_scorer import normalize

KEY_FILES = {
    "dev": ["tst1/key-tst1.v7", "tst2/key-tst2.v4"],
    "test": ["tst3/key-tst3.v2", "tst4/key-tst4.v2"],
}
TEXT_FILES = {
    "dev": ["tst1/tst1-muc3", "tst2/tst2-muc4"],
    "test": ["tst3/tst3-muc4", "tst4/tst4-muc4"],
}
_MONTHS = {m: i for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), 1)}
_DATE = re.compile(r"(\d{1,2}) (JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC) (\d\d)")
_SLOT = re.compile(r"^(\d+)\.\s+(\S.*?)(?:\s{2,}(.*))?$")
_DOCID = re.compile(r"^(DEV-MUC3-\d{4}|TST\d-MUC\d-\d{4})\b")


@dataclass
class KeyTemplate:
    docid: str
    incident_type: str  # lower case, e.g. "attack", "bombing / attack"
    dates: list[tuple[date | None, date]] = field(default_factory=list)  # alternatives (start or None, end)
    places: set[str] = field(default_factory=set)  # normalised names of every place level
    deaths: int | None = None  # people killed, when the key states a number
    optional: bool = False


def _to_date(m: re.Match) -> date | None:
    d, mon, yy = int(m.group(1)), _MONTHS[m.group(2)], int(m.group(3))
    try:
        return date(1900 + yy, mon, d)
    except ValueError:
        return None


def parse_key_date(value: str) -> list[tuple[date | None, date]]:
    """``16 NOV 89`` / ``- 19 APR 89`` / ``15 JAN 89 - 21 JAN 89``, with ``/`` alternatives."""
    out: list[tuple[date | None, date]] = []
    for alt in value.split(" / "):
        alt = alt.strip().strip("()").strip()
        ds = [d for d in (_to_date(m) for m in _DATE.finditer(alt)) if d]
        if not ds:
            continue
        if alt.startswith("-"):
            out.append((None, ds[0]))
        elif len(ds) >= 2:
            out.append((ds[0], ds[1]))
        else:
            out.append((ds[0], ds[0]))
    return out


def parse_key_location(value: str) -> set[str]:
    """Every place name in ``(PERU: LIMA (CITY)) / (PERU)``, normalised."""
    names = set()
    for part in re.split(r"[:/]", value):
        part = re.sub(r"\([A-Z ]+\)", " ", part.replace("(", " (")).strip(" ()*-?\"")
        n = normalize(part)
        if n:
            names.add(n)
    return names


def _deaths(slots: dict[int, list[str]]) -> int | None:
    """People killed: the numbers (slot 21) of the targets whose effect (23) is DEATH."""
    dead = [re.sub(r"^DEATH:\s*", "", v).strip() for v in slots.get(23, []) if v.startswith("DEATH")]
    if not dead:
        return None
    numbers: dict[str, str] = {}
    for v in slots.get(21, []):
        if ":" in v:
            n, who = v.split(":", 1)
            numbers[who.strip()] = n.strip()
    total = 0
    for who in dead:
        n = numbers.get(who)
        if n is None or not n.isdigit():
            return None
        total += int(n)
    return total


def _slots(block: list[str]) -> dict[int, list[str]]:
    slots: dict[int, list[str]] = {}
    cur = None
    for line in block:
        m = _SLOT.match(line)
        if m:
            cur = int(m.group(1))
            slots[cur] = [(m.group(3) or "").strip()]
        elif cur is not None and line.strip():
            slots[cur].append(line.strip())
    return slots


def parse_key_file(path: Path) -> dict[str, list[KeyTemplate]]:
    """Key templates by document id; irrelevant documents (``*``) get an empty list."""
    out: dict[str, list[KeyTemplate]] = {}
    blocks = re.split(r"\n\s*\n", path.read_text(encoding="latin-1"))
    for block in blocks:
        slots = _slots(block.splitlines())
        if 0 not in slots:
            continue
        docid = slots[0][0].split()[0]
        tmpl = out.setdefault(docid, [])
        typ = " ".join(slots.get(4, ["*"])).strip()
        if typ.startswith("*") or not typ:
            continue
        tmpl.append(
            KeyTemplate(
                docid=docid,
                incident_type=typ.lower(),
                dates=parse_key_date(" ".join(slots.get(2, []))),
                places=parse_key_location(" ".join(slots.get(3, []))),
                deaths=_deaths(slots),
                optional="OPTIONAL" in " ".join(slots.get(1, [])),
            )
        )
    return out


def parse_datelines(path: Path) -> dict[str, date]:
    """The dateline date of every text (``SAN SALVADOR, 10 JAN 90 -- ...``)."""
    out: dict[str, date] = {}
    current = None
    for line in path.read_text(encoding="latin-1").splitlines():
        m = _DOCID.match(line)
        if m:
            current = m.group(1)
            continue
        if current and current not in out and "--" in line:
            d = _DATE.search(line.split("--")[0])
            if d and _to_date(d):
                out[current] = _to_date(d)  # type: ignore[assignment]
            current = None if d else current
    return out


@dataclass
class PredIncident:
    """Our incident's extra slots, for comparison with the key."""

    incident_type: str
    locations: list[str] = field(default_factory=list)
    dates: list[tuple[date, date]] = field(default_factory=list)
    deaths: list[tuple[int, int | None]] = field(default_factory=list)  # (min, max)


def _date_ok(pred: tuple[date, date], key: list[tuple[date | None, date]]) -> bool:
    s, e = pred
    return any((ks is None or ks <= s) and e <= ke for ks, ke in key)


def _deaths_ok(pred: tuple[int, int | None], n: int) -> bool:
    lo, hi = pred
    return lo <= n <= (hi if hi is not None else lo)


def score_keys(preds: dict[str, list[PredIncident]], keys: dict[str, list[KeyTemplate]]) -> dict[str, PRF]:
    """Location, date and deaths P/R/F1 over the key documents (see module doc)."""
    out = {"location": PRF(), "date": PRF(), "deaths": PRF()}
    for docid, key_ts in keys.items():
        ours = preds.get(docid, [])
        for p in ours:
            out["location"].p_den += bool(p.locations)
            out["date"].p_den += bool(p.dates)
            out["deaths"].p_den += bool(p.deaths)
        used: set[int] = set()
        for k in key_ts:
            i = next((i for i, p in enumerate(ours) if i not in used and p.incident_type in k.incident_type), None)
            if i is None and k.optional:
                continue  # an optional key template costs no recall when missed
            out["location"].r_den += bool(k.places)
            out["date"].r_den += bool(k.dates)
            out["deaths"].r_den += k.deaths is not None
            if i is None:
                continue
            used.add(i)
            p = ours[i]
            hits = {
                "location": bool(k.places) and any(normalize(x) in k.places for x in p.locations),
                "date": bool(k.dates) and any(_date_ok(d, k.dates) for d in p.dates),
                "deaths": k.deaths is not None and any(_deaths_ok(d, k.deaths) for d in p.deaths),
            }
            for slot, ok in hits.items():
                out[slot].p_num += ok
                out[slot].r_num += ok
    return out
