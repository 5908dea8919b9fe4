"""The offline basemap: the vendored Natural Earth outlines decode, project and draw."""

from __future__ import annotations

import re

import pytest

from newsfusion.web.basemap import ATLAS, WIDTH, WORLD, MapPoint, Projection, countries, fit, render_map


def _inside(ring, lon, lat) -> bool:
    """Point in polygon (ray casting)."""
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


@pytest.mark.parametrize(
    "lon, lat, country",
    [
        (29.1787, -0.5297, "Dem. Rep. Congo"),  # Kirumba
        (30.0619, -1.9441, "Rwanda"),  # Kigali
        (2.3522, 48.8566, "France"),  # Paris
        (-58.3816, -34.6037, "Argentina"),  # Buenos Aires (the coast, southern hemisphere)
    ],
)
def test_known_places_fall_in_their_country(lon, lat, country):
    found = [c.name for c in countries() if any(_inside(list(r), lon, lat) for r in c.rings)]
    assert found == [country]


def test_the_atlas_is_vendored_with_its_licence():
    assert ATLAS.is_file() and (ATLAS.parent / "world-atlas.LICENSE.txt").is_file()
    assert 200 < len(countries()) < 260


def test_projection_maps_the_view_onto_the_picture():
    view = (20.0, -10.0, 40.0, 10.0)
    p = Projection(view)
    (x0, y0), (x1, y1) = p(view[0], view[3]), p(view[2], view[1])
    assert x0 == pytest.approx(p.dx) and y0 == pytest.approx(p.dy)
    assert x1 == pytest.approx(WIDTH - p.dx) and y1 == pytest.approx(p.height - p.dy)
    assert p(30.0, 0.0) == pytest.approx((WIDTH / 2, p.height / 2))


def test_fit_frames_the_points_and_falls_back_to_the_world():
    assert fit([]) == WORLD
    w, s, e, n = fit([MapPoint(29.0, -0.5, "a", "/x", "place"), MapPoint(30.2, 1.5, "b", "/y", "place")])
    assert w < 29.0 < 30.2 < e and s < -0.5 < 1.5 < n and (e - w) >= 4.0


def test_map_draws_countries_points_and_escapes_labels():
    pts = [MapPoint(29.1787, -0.5297, "<script>x</script> (2 mentions)", "/entities/ent_1", "place", 2), MapPoint(29.2, -0.5, "Attack", "/events/evt_1", "event", 9)]
    svg = str(render_map(pts))
    assert svg.startswith('<svg class="map"') and svg.endswith("</svg>")
    assert "<title>Rwanda</title>" in svg and "<title>Dem. Rep. Congo</title>" in svg
    assert "<title>France</title>" not in svg  # out of view, not drawn
    assert "<script>" not in svg and "&lt;script&gt;x&lt;/script&gt;" in svg
    assert re.search(r'<a href="/events/evt_1" class="pt pt-event"><circle cx="[\d.]+" cy="[\d.]+" r="[\d.]+"/>', svg)
    assert svg.index("pt-place") < svg.index("pt-event")  # events drawn on top


@pytest.mark.parametrize("kind, size, cap", [("event", 0, 14.0), ("event", 5000, 14.0), ("place", 1, 9.0), ("place", 100000, 9.0)])
def test_marker_radius_is_capped(kind, size, cap):
    from newsfusion.web.basemap import MapPoint, _radius

    r = _radius(MapPoint(29.0, -1.0, "x", "/x", kind, size))
    assert 0 < r <= cap
