"""Where things are: geolocated events and places, for the map.

A place's coordinates come from its knowledge-base entity (``entities.geo``)
when the corpus step set them, else from the first article whose record
geocoded one of its members (``documents.record`` → ``entities[].geo``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from . import schema as t
from .rows import from_json
from .views import View


@dataclass
class Place(View):
    id: str
    name: str
    lat: float
    lon: float
    admin1: str | None
    country: str | None
    mentions: int


@dataclass
class MapEvent(View):
    id: str
    acled_type: str | None
    acled_sub_type: str | None
    event_date: str | None
    location: str | None
    lat: float
    lon: float
    fatalities_max: int | None


def _coords(geo: Any) -> tuple[float, float] | None:
    if isinstance(geo, dict) and all(isinstance(geo.get(k), (int, float)) and not isinstance(geo.get(k), bool) for k in ("lat", "lon")):
        lat, lon = float(geo["lat"]), float(geo["lon"])
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            return lat, lon
    return None


def _member_geo(conn: Connection, missing: set[str]) -> dict[str, dict[str, Any]]:
    """Geo of the first geocoded member of each entity in ``missing``, from the stored records."""
    em = t.entity_members.c
    wanted: dict[str, dict[str, str]] = defaultdict(dict)  # doc -> local id -> entity
    ids = sorted(missing)
    for i in range(0, len(ids), 500):
        for eid, doc, local in conn.execute(select(em.entity_id, em.doc_id, em.local_id).where(em.entity_id.in_(ids[i : i + 500]))):
            wanted[doc][local] = eid
    out: dict[str, dict[str, Any]] = {}
    d = t.documents.c
    docs = sorted(wanted)
    for i in range(0, len(docs), 200):
        for doc, rec in conn.execute(select(d.id, d.record).where(d.id.in_(docs[i : i + 200])).order_by(d.ingested_at, d.id)):
            if isinstance(rec, str) and '"lat"' not in rec:
                continue  # nothing geocoded in it: not worth parsing
            for e in from_json(rec, {}).get("entities", []):
                eid = wanted[doc].get(e.get("id"))
                if eid and eid not in out and _coords(e.get("geo")):
                    out[eid] = e["geo"]
    return out


def places(conn: Connection) -> list[Place]:
    """Every LOCATION entity with coordinates, most mentioned first."""
    e, ro = t.entities.c, t.entity_roles.c
    rows = conn.execute(
        select(e.id, e.name, e.geo, e.country, ro.mentions).select_from(t.entities.outerjoin(t.entity_roles, ro.entity_id == e.id)).where(func.upper(e.type) == "LOCATION")
    ).all()
    mentions = {r.id: r.mentions or 0 for r in rows}  # entity_roles: what store/linkrows.py counted when the KB was written
    geo = {r.id: from_json(r.geo) for r in rows}
    missing = {r.id for r in rows if not _coords(geo[r.id])}
    geo.update(_member_geo(conn, missing) if missing else {})
    out = []
    for r in rows:
        c = _coords(geo.get(r.id))
        if c:
            g = geo[r.id]
            out.append(Place(r.id, r.name, c[0], c[1], g.get("admin1"), g.get("country") or r.country, int(mentions.get(r.id, 0))))
    return sorted(out, key=lambda p: (-p.mentions, p.name, p.id))


def map_events(conn: Connection) -> list[MapEvent]:
    e = t.events.c
    stmt = select(e.id, e.acled_type, e.acled_sub_type, e.event_date, e.location, e.latitude, e.longitude, e.fatalities_max).where(e.latitude.is_not(None), e.longitude.is_not(None))
    return [MapEvent(r.id, r.acled_type, r.acled_sub_type, r.event_date, r.location, r.latitude, r.longitude, r.fatalities_max) for r in conn.execute(stmt.order_by(e.event_date, e.id))]
