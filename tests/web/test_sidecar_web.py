"""A ``.txt`` shipped with ``NAME.meta.json`` beside it: ingest reads the sidecar, and the workbench shows it.

End to end: a folder of one invented article and its sidecar goes through
``KnowledgeBase.ingest`` (the real pipeline), and the article's page shows the
outlet, the date, the author and the address as a link (http/https only).
"""

from __future__ import annotations

import json

from conftest import client_for

TEXT = "Gunmen attacked a market in the town of Arlit on Monday, killing four traders, a local official said.\n"


def test_a_txt_with_a_sidecar_keeps_its_outlet_date_address_and_author(tmp_path, demo_pipeline):
    from newsfusion.kb import KnowledgeBase

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "market_attack.txt").write_text(TEXT, encoding="utf-8")
    meta = {"outlet": "Sahel Wire", "published": "2024-03-05", "url": "https://sahelwire.example/market-attack", "author": "A. Reporter"}
    (folder / "market_attack.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    url = str(tmp_path / "kb.db")
    with KnowledgeBase(url) as kb:
        kb._pipeline = demo_pipeline
        report = kb.ingest([str(folder)])
    assert report.ok and len(report.added) == 1, report.summary()  # the sidecar is not an article of its own
    with client_for(url) as c:
        doc = c.get("/api/documents/market_attack").json()["document"]
        assert (doc["outlet"], doc["published"], doc["url"], doc["author"]) == ("Sahel Wire", "2024-03-05", meta["url"], "A. Reporter")
        page = c.get("/documents/market_attack").text
        assert 'href="https://sahelwire.example/market-attack"' in page and "Sahel Wire" in page and "2024-03-05" in page


def test_only_http_addresses_become_links():
    from newsfusion.web.render import safe_url

    cases = [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("http://example.org/", "http://example.org/"),
        ("javascript:alert(1)", None),
        ("JAVASCRIPT:alert(1)", None),
        ("data:text/html,<script>x</script>", None),
        ("//evil.example/x", None),
        ("https://example.org/a b", None),
        ("", None),
        (None, None),
    ]
    for value, expected in cases:
        assert safe_url(value) == expected, value
