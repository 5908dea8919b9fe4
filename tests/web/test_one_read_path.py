"""The CLI and the REST API read the same knowledge base the same way: for the same query they
list the same entities, events and claims, in the same order, with the same values."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsfusion.cli import main

from conftest import client_for


def _cli(url: str, *args: str) -> list[dict]:
    res = CliRunner().invoke(main, [*args, "--db", url, "--json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


def _api(client, path: str) -> list[dict]:
    r = client.get(path)
    assert r.status_code == 200, r.text
    return r.json()["items"]


ENTITY_KEYS = ("id", "name", "type", "kind", "country", "kb_id", "aliases", "documents")
EVENT_KEYS = ("id", "acled_type", "acled_sub_type", "event_date", "location", "country", "admin1", "latitude", "longitude", "actor1", "actor2",
              "fatalities_min", "fatalities_max", "sources", "grade", "notes", "summary")


@pytest.mark.parametrize("url_fixture", ["rich_sqlite", "demo_sqlite"])
def test_cli_and_api_list_the_same_things(url_fixture, request):
    url = request.getfixturevalue(url_fixture)
    with client_for(url) as c:
        for cli_args, path in ((("entities",), "/api/entities?limit=500"), (("entities", "--type", "person"), "/api/entities?type=person&limit=500"),
                               (("entities", "--name", "a"), "/api/entities?name=a&limit=500")):
            cli, api = _cli(url, *cli_args), _api(c, path)
            assert cli, cli_args
            assert [{k: e[k] for k in ENTITY_KEYS} for e in cli] == [{k: e[k] for k in ENTITY_KEYS} for e in api]
        cli, api = _cli(url, "events"), _api(c, "/api/events?limit=500")
        assert [{k: e[k] for k in EVENT_KEYS} for e in cli] == [{k: e[k] for k in EVENT_KEYS} for e in api]
        assert [[list(r) for r in e["reports"]] for e in cli] == [[list(r) for r in e["reports"]] for e in api]
        for cli_args, query in ((("claims",), ""), (("claims", "--stance", "deny"), "&stance=deny"), (("claims", "--type", "anonymous"), "&source_kind=anonymous")):
            cli, api = _cli(url, *cli_args), _api(c, "/api/claims?limit=500" + query)
            assert [(x["doc_id"], x["id"], x["source"], x["source_kind"], x["stance"], x["cue"], x["content"], x["evidence"], x["evidence_span"], x["grade"]) for x in cli] == [
                (x["doc_id"], x["local_id"], x["source"], x["source_kind"], x["stance"], x["cue"], x["content"], x["evidence"], x["evidence_span"], x["grade"]) for x in api
            ]
        assert _cli(url, "claims"), "the knowledge base has claims"
