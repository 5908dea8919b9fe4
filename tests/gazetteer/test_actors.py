"""The actor gazetteer: look-ups, patterns and the validity of actors.jsonl."""

from __future__ import annotations

import collections
import json

import pytest

from newsfusion.errors import ConfigError
from newsfusion.gazetteer.actors import ACTOR_KINDS, ACTORS_PATH, load_actors_from
from newsfusion.gazetteer.normalize import case_key, name_key


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Daesh", "isis"),
        ("ISIL", "isis"),
        ("Islamic State of Iraq and Syria", "isis"),
        ("The Islamic State", "isis"),
        ("IS", "isis"),
        ("Is", None),  # ambiguous alias: exact case only
        ("is", None),
        ("Qassam Brigades", "qassam"),
        ("Al Qassam Brigades", "qassam"),
        ("al-Qassam Brigades", "qassam"),
        ("Ezzedine al-Qassam Brigades", "qassam"),
        ("Izz ad-Din al-Qassam Brigades", "qassam"),
        ("Palestinian Authority", "pa"),
        ("PA", "pa"),
        ("Al-Aqsa Martyrs’ Brigades", "aqmb"),
        ("Islamic Jihad", "pij"),
        ("al-Quds Brigades", "al_quds_brigades"),
        ("Egyptian army", "egypt_armed_forces"),
        ("Israel Defense Forces", "idf"),
        ("Israeli army", "idf"),
        ("Wilayat Sinai", "isis_sinai"),
        ("Ansar Beit al-Maqdis", "abm"),
        ("ISWAP", "iswap"),
        ("IS-K", "iskp"),
        ("Houthis", "houthis"),
        ("Ansar Allah", "houthis"),
        ("Hizbullah", "hezbollah"),
        ("SAF", "saf"),
        ("RSF", "rsf"),
        ("Wagner Group", "wagner"),
        ("Tatmadaw", "tatmadaw"),
        ("Shining Path", "shining_path"),
        ("Sendero Luminoso", "shining_path"),
        ("FMLN", "fmln"),
        ("Manuel Rodriguez Patriotic Front", "fpmr"),
        ("M-19", "m19"),
        ("ELN", "eln"),
        ("CJNG", "cjng"),
        ("Viv Ansanm", "viv_ansanm"),
        ("Associated Press", "ap"),
        ("AP", "ap"),
        ("Agence France-Presse", "afp"),
        ("WND", "wnd"),
        ("Al-Masry Al-Youm", "al_masry_al_youm"),
        ("Ahram Online", "ahram"),
        ("the New York Times", "nyt"),
        ("JeM", "jem"),
        ("JEM", "jem_sudan"),
        ("Ansar al-Sharia", None),  # shared by the Libyan and Tunisian groups
        ("UN", "un"),
        ("un", None),
        ("Mohammed Morsi", None),
        ("Egyptian security sources", None),
    ],
)
def test_lookup(actors, text, expected):
    found = actors.lookup(text)
    assert (found.id if found else None) == expected


def test_shared_ambiguous_alias_lists_every_actor(actors):
    ids = {a.id for a in actors.lookup_all("Ansar al-Sharia")}
    assert ids == {"ansar_al_sharia_libya", "ansar_al_sharia_tunisia"}


def test_parents_chain(actors):
    chain = [a.id for a in actors.parents(actors.get("qassam"))]
    assert chain == ["hamas"]
    assert [a.id for a in actors.parents(actors.get("is_sahel"))] == ["isis"]


def test_patterns_cover_variants(actors):
    forms = {(form, actor.id) for form, actor in actors.patterns()}
    assert ("al Qassam Brigades", "qassam") in forms  # hyphen variant
    assert ("Al-Qassam Brigades", "qassam") in forms  # capitalised article
    assert ("Islamic State", "isis") in forms  # "The Islamic State" without "the"
    assert ("IS", "isis") in forms
    without = {form for form, _ in actors.patterns(include_ambiguous=False)}
    assert "IS" not in without and "Daesh" in without


# ---- data validation -------------------------------------------------------------


def _records():
    return [json.loads(line) for line in ACTORS_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_counts(actors):
    kinds = collections.Counter(a.kind for a in actors)
    assert len(actors) >= 450
    assert kinds["outlet"] >= 80
    assert set(kinds) <= set(ACTOR_KINDS)
    for kind in ("armed_group", "militia", "state_force", "police", "intelligence", "government",
                 "ministry", "political_party", "intl_org", "ngo", "company"):
        assert kinds[kind] > 0, kind


REGIONS = {
    "MENA": "SY IQ YE LY IL PS LB EG",
    "Sahel/West Africa": "ML BF NE NG TD",
    "Horn/East Africa": "SO ET SD SS",
    "Central Africa": "CD CF CM MZ",
    "South/Central Asia": "AF PK IN MM PH",
    "Europe": "RU UA AZ AM GE XK BA RS GB",
    "Latin America": "CO MX HT PE SV GT CL",
}


@pytest.mark.parametrize("region", sorted(REGIONS))
def test_every_region_has_armed_actors(actors, region):
    for iso in REGIONS[region].split():
        armed = [a for a in actors if a.country == iso and a.kind in ("armed_group", "militia", "state_force")]
        assert armed, f"no armed actor for {iso} ({region})"


def test_unique_ids_and_parents_exist():
    records = _records()
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids))
    known = set(ids)
    assert all(r["parent"] in known for r in records if r.get("parent"))


def test_no_unlisted_alias_collisions():
    owners: dict[str, set[str]] = collections.defaultdict(set)
    unambiguous: dict[str, set[str]] = collections.defaultdict(set)
    for r in _records():
        for form in [r["name"], *r["aliases"]]:
            key = name_key(form)
            owners[key].add(r["id"])
            if form not in r.get("ambiguous", []):
                unambiguous[key].add(r["id"])
    clashes = {k: v for k, v in owners.items() if len(v) > 1 and unambiguous[k]}
    assert clashes == {}


def test_ambiguous_forms_are_names_and_unique_per_case():
    by_case: dict[str, set[str]] = collections.defaultdict(set)
    for r in _records():
        for form in r.get("ambiguous", []):
            assert form in r["aliases"] or form == r["name"], (r["id"], form)
            by_case[case_key(form)].add(r["id"])
    shared = {k for k, v in by_case.items() if len(v) > 1}
    assert shared <= {"Ansar al Sharia", "Ansar al Shariah", "ADF", "SNA", "TDF", "ISF", "PNC", "PNP", "FAR", "AA",
                      "PTI", "NDF"}


def test_fields_and_codes(countries):
    for r in _records():
        assert r["type"] == "ORG"
        assert r["country"] is None or r["country"] in countries.by_iso, r["id"]
        assert r["acled_inter"] in (None, 1, 2, 3, 4, 5, 6, 7, 8), r["id"]
        if r["kind"] in ("outlet", "ngo"):
            assert r["acled_inter"] is None, r["id"]
        assert r["name"] not in r["aliases"], r["id"]


def test_bad_file_gives_one_line_error(tmp_path):
    path = tmp_path / "actors.jsonl"
    path.write_text('{"id": "x", "name": "X", "type": "ORG", "kind": "armed_group", "aliases": []}\n{oops\n')
    with pytest.raises(ConfigError) as err:
        load_actors_from(path)
    message = str(err.value)
    assert str(path) in message and "line 2" in message and "\n" not in message


@pytest.mark.parametrize(
    "record, problem",
    [
        ({"id": "x", "name": "X", "type": "ORG", "kind": "rebels", "aliases": []}, "kind"),
        ({"id": "x", "name": "X", "type": "ORG", "aliases": []}, "missing"),
        ({"id": "x", "name": "X", "type": "ORG", "kind": "ngo", "aliases": [], "colour": 1}, "unknown"),
        ({"id": "x", "name": "X", "type": "ORG", "kind": "ngo", "aliases": ["A"], "ambiguous": ["B"]}, "ambiguous"),
    ],
)
def test_schema_errors(tmp_path, record, problem):
    path = tmp_path / "actors.jsonl"
    path.write_text(json.dumps(record) + "\n")
    with pytest.raises(ConfigError, match=problem):
        load_actors_from(path)
