"""A page of entities reads its first relations in one statement (web_entities.first_relations): the same
relations, in the same order, as reading each entity's own (entity_relations), at any cut."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from newsfusion.store import Store
from newsfusion.store import schema as t
from newsfusion.store.web_entities import entity_relations, first_relations


@pytest.mark.parametrize("limit", [1, 2, 10])
def test_first_relations_are_each_entitys_first_relations(rich_url, limit):
    with Store(rich_url) as s, s.read() as conn:
        ids = list(conn.execute(select(t.entities.c.id).order_by(t.entities.c.id)).scalars())
        assert len(ids) > 2
        got = first_relations(conn, ids + ids[:1], limit)  # a repeated id is read once
        assert set(got) == set(ids)
        assert any(got.values())
        for eid in ids:
            assert got[eid] == entity_relations(conn, eid, limit)
