"""Knowledge-base events as a GeoJSON FeatureCollection (RFC 7946) for QGIS, Leaflet or geopandas.

One Feature per event: a Point at ``[longitude, latitude]`` (WGS 84), or a
null geometry when the place could not be geocoded (RFC 7946 allows it; QGIS
keeps the row). The properties are the event's ACLED row (``acled.py``), so a
layer and the CSV share column names, plus ``id`` (the stable event id). The
collection carries ``attribution`` and ``license`` for the GeoNames
coordinates (CC BY 4.0), as foreign members RFC 7946 allows.
"""

from __future__ import annotations

import json
from typing import IO, Any

from .acled import acled_row
from .common import GEONAMES_ATTRIBUTION, GEONAMES_LICENSE
from .data import ExportData, event_facts


def feature_collection(data: ExportData) -> dict[str, Any]:
    features = []
    for f in event_facts(data):
        row = acled_row(f, data)
        lat, lon = row["latitude"], row["longitude"]
        geometry = {"type": "Point", "coordinates": [float(lon), float(lat)]} if lat is not None and lon is not None else None
        features.append({"type": "Feature", "id": f.event.id, "geometry": geometry, "properties": {"id": f.event.id, **row}})
    return {
        "type": "FeatureCollection",
        "name": "newsfusion events",
        "attribution": GEONAMES_ATTRIBUTION,
        "license": GEONAMES_LICENSE,
        "features": features,
    }


def write_geojson(data: ExportData, fp: IO[str]) -> int:
    fc = feature_collection(data)
    json.dump(fc, fp, ensure_ascii=False, indent=1)
    fp.write("\n")
    return len(fc["features"])
