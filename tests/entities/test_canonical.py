"""Canonical names inside an article: the gazetteer's name when the article writes it,
a country's table name, else the fullest, best-spelled form - never just the first seen.
Sentences written for these tests."""

import pytest

from newsfusion.model import Article
from newsfusion.pipeline import Pipeline

CASES = [
    # the gazetteer's name, written with a descriptor, wins over the acronym seen first
    ("IS fighters attacked Baiji. The Islamic State group said 12 died.", "IS", "Islamic State"),
    # a country goes by the country table's name
    ("US drones struck near Jilib. A US official confirmed it.", "US", "United States"),
    # the fullest name, even when a short form comes first
    ("Hamid said the road was closed. Ali Musa Hamid is the district commissioner.", "Hamid", "Ali Musa Hamid"),
    # of two spellings the accented one
    ("José Mbusa Kasongo said the town fell. Later Jose Mbussa Kasongo denied it.", "Jose Mbussa Kasongo", "José Mbusa Kasongo"),
    # of two spellings the one written most
    ("Shells hit Tawilla on Monday. Families fled Tawila for the camps. Tawila is now empty.", "Tawilla", "Tawila"),
    # a gazetteer actor whose name is not written goes by its fullest form in the article
    ("Daesh gunmen attacked a checkpoint in Deir ez-Zor.", "Daesh", "Daesh"),
]


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(["nlp", "entities"])


@pytest.mark.parametrize("text,form,name", CASES, ids=[c[0][:40] for c in CASES])
def test_canonical_name(pipe, text, form, name):
    doc = pipe(Article(text=text))
    ent = next((e for e in doc.entities if form in e.forms()), None)
    assert ent is not None, [(e.name, e.aliases) for e in doc.entities]
    assert ent.name == name, (ent.name, ent.aliases)
