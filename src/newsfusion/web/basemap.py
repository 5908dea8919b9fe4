"""An offline basemap: country outlines drawn as plain SVG on the server.

The outlines are Natural Earth's 1:50m Admin 0 countries (public domain) as
packaged in TopoJSON by the npm package ``world-atlas`` 2.0.2 (ISC licence),
vendored in ``static/vendor/countries-50m.json``. :func:`countries` decodes
the TopoJSON once; :func:`render_map` projects the countries that fall in view
(equirectangular, x scaled by the cosine of the middle latitude) and the
points (events, places) onto one SVG. Names and titles are escaped; the map
links each point to its page.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

ATLAS = Path(__file__).resolve().parent / "static" / "vendor" / "countries-50m.json"
WIDTH, MAX_HEIGHT, MIN_HEIGHT = 960, 640, 360
WORLD = (-180.0, -58.0, 180.0, 84.0)

Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class Country:
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]
    boxes: tuple[tuple[float, float, float, float], ...]  # each ring's west, south, east, north
    bbox: tuple[float, float, float, float]  # west, south, east, north
    label_at: tuple[float, float]  # lon, lat inside its largest ring (roughly)


@dataclass
class MapPoint:
    lon: float
    lat: float
    label: str
    href: str
    kind: str  # event | place
    size: int = 1  # fatalities or mentions, for the radius


def _arcs(topo: dict) -> list[Ring]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append((x * sx + tx, y * sy + ty))
        out.append(pts)
    return out


def _ring(arcs: list[Ring], idx: list[int]) -> Ring:
    pts: Ring = []
    for i in idx:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(arc if not pts else arc[1:])
    return pts


def _box(pts) -> tuple[float, float, float, float]:
    lons = [p[0] for p in pts]
    lats = [p[1] for p in pts]
    return (min(lons), min(lats), max(lons), max(lats))


def _country(name: str, rings: list[Ring]) -> Country:
    boxes = tuple(_box(r) for r in rings)
    big = max(rings, key=len)
    label = (sum(p[0] for p in big) / len(big), sum(p[1] for p in big) / len(big))
    bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    return Country(name, tuple(tuple(r) for r in rings), boxes, bbox, label)


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Every country of the vendored atlas, decoded from TopoJSON."""
    topo = json.loads(ATLAS.read_text(encoding="utf-8"))
    arcs = _arcs(topo)
    out = []
    for g in topo["objects"]["countries"]["geometries"]:
        polys = [g["arcs"]] if g.get("type") == "Polygon" else g.get("arcs", []) if g.get("type") == "MultiPolygon" else []
        rings = [_ring(arcs, r) for poly in polys for r in poly]
        rings = [r for r in rings if len(r) >= 3]
        if rings:
            out.append(_country((g.get("properties") or {}).get("name") or "", rings))
    return tuple(out)


def fit(points: list[MapPoint], pad: float = 0.2, min_span: float = 4.0) -> tuple[float, float, float, float]:
    """A view (west, south, east, north) around the points, or the world when there are none."""
    if not points:
        return WORLD
    w, e = min(p.lon for p in points), max(p.lon for p in points)
    s, n = min(p.lat for p in points), max(p.lat for p in points)
    cx, cy = (w + e) / 2, (s + n) / 2
    half_x = max(e - w, min_span) * (1 + pad) / 2
    half_y = max(n - s, min_span) * (1 + pad) / 2
    return (max(cx - half_x, -180.0), max(cy - half_y, -85.0), min(cx + half_x, 180.0), min(cy + half_y, 85.0))


class Projection:
    """Equirectangular, x scaled by cos(middle latitude), fitted to WIDTH."""

    def __init__(self, view: tuple[float, float, float, float]):
        self.w, self.s, self.e, self.n = view
        self.k = max(math.cos(math.radians((self.s + self.n) / 2)), 0.2)
        span_x = (self.e - self.w) * self.k
        span_y = self.n - self.s
        self.scale = WIDTH / span_x
        self.height = int(min(max(span_y * self.scale, MIN_HEIGHT), MAX_HEIGHT))
        self.scale = min(self.scale, self.height / span_y)
        self.dx = (WIDTH - span_x * self.scale) / 2
        self.dy = (self.height - span_y * self.scale) / 2

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (self.dx + (lon - self.w) * self.k * self.scale, self.dy + (self.n - lat) * self.scale)


def _meets(box: tuple[float, float, float, float], view: tuple[float, float, float, float], margin: float) -> bool:
    w, s, e, n = view
    return not (box[2] < w - margin or box[0] > e + margin or box[3] < s - margin or box[1] > n + margin)


def _visible_rings(c: Country, view: tuple[float, float, float, float], margin: float) -> list:
    if not _meets(c.bbox, view, margin):
        return []
    return [r for r, b in zip(c.rings, c.boxes) if _meets(b, view, margin)]


def _path(proj: Projection, rings, tolerance: float = 1.2) -> str:
    """SVG path data; a vertex closer than ``tolerance`` pixels to the last one kept is dropped."""
    parts = []
    dx, dy, w, n, k, scale = proj.dx, proj.dy, proj.w, proj.n, proj.k, proj.scale  # Projection.__call__, inlined (the same arithmetic)
    for ring in rings:
        pts: list[str] = []
        lx = ly = math.inf
        for lon, lat in ring:
            x, y = dx + (lon - w) * k * scale, dy + (n - lat) * scale
            if abs(x - lx) + abs(y - ly) < tolerance:
                continue
            lx, ly = x, y
            pts.append(f"{round(x, 1):g},{round(y, 1):g}")
        if len(pts) >= 3:
            parts.append("M" + "L".join(pts) + "Z")
    return "".join(parts)


MAX_RADIUS = {"event": 14.0, "place": 9.0}  # a mass-casualty event or a capital must not cover the map


def _radius(p: MapPoint) -> float:
    base = 5.0 if p.kind == "event" else 3.5
    r = base + 2.2 * math.sqrt(max(p.size, 0)) if p.kind == "event" else base + math.sqrt(max(p.size - 1, 0))
    return round(min(r, MAX_RADIUS.get(p.kind, 14.0)), 1)


class _Labels:
    """Greedy label placement: a label that would overlap one already placed is left out (the point keeps its tooltip)."""

    def __init__(self) -> None:
        self.boxes: list[tuple[float, float, float, float]] = []

    def place(self, x: float, y: float, text: str, size: float, centred: bool = False) -> bool:
        w, h = 0.6 * size * len(text), size
        box = (x - w / 2, y - h, x + w / 2, y) if centred else (x, y - h, x + w, y)
        if any(not (box[2] < b[0] or b[2] < box[0] or box[3] < b[1] or b[3] < box[1]) for b in self.boxes):
            return False
        self.boxes.append(box)
        return True


def _point(proj: Projection, p: MapPoint, labels: _Labels) -> Markup:
    x, y = proj(p.lon, p.lat)
    r = _radius(p)
    out = Markup('<a href="{}" class="pt pt-{}"><circle cx="{:.1f}" cy="{:.1f}" r="{}"/><title>{}</title></a>').format(p.href, p.kind, x, y, r, p.label)
    name = p.label.split(" (")[0] if p.kind == "place" else ""
    if name and labels.place(x + r + 2, y + 4, name, 10):
        out += Markup('<text class="place-label" x="{:.1f}" y="{:.1f}">{}</text>').format(x + r + 2, y + 3, name)
    return out


def render_map(points: list[MapPoint], view: tuple[float, float, float, float] | None = None) -> Markup:
    """The SVG map: countries in view, then places, then events (events on top), each linked."""
    view = view or fit(points)
    proj = Projection(view)
    margin = 0.1 * max(view[2] - view[0], view[3] - view[1])
    out = [Markup('<svg class="map" id="map" viewBox="0 0 {} {}" role="img" aria-label="map of geolocated events and places">').format(WIDTH, proj.height)]
    out.append(Markup('<rect class="sea" x="0" y="0" width="{}" height="{}"/>').format(WIDTH, proj.height))
    shown = [(c, rings) for c in countries() if (rings := _visible_rings(c, view, margin))]
    for c, rings in shown:
        out.append(Markup('<path class="country" d="{}"><title>{}</title></path>').format(_path(proj, rings), c.name))
    labels = _Labels()
    for p in sorted(points, key=lambda p: (p.kind != "event", -p.size)):  # biggest first get their labels
        x, y = proj(p.lon, p.lat)
        labels.boxes.append((x - _radius(p), y - _radius(p), x + _radius(p), y + _radius(p)))
    marks = [_point(proj, p, labels) for p in sorted(points, key=lambda p: (p.kind == "event", -p.size))]
    for c, _ in shown:
        lon, lat = c.label_at
        if view[0] <= lon <= view[2] and view[1] <= lat <= view[3] and (c.bbox[2] - c.bbox[0]) > (view[2] - view[0]) / 12:
            x, y = proj(lon, lat)
            if labels.place(x, y, c.name, 11, centred=True):
                out.append(Markup('<text class="country-label" x="{:.1f}" y="{:.1f}">{}</text>').format(x, y, c.name))
    out += marks
    out.append(Markup("</svg>"))
    return Markup("").join(out)
