"""``NAME.meta.json`` beside an article fills what its header left empty."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsfusion.errors import InputError
from newsfusion.ingest import read_path, read_paths
from newsfusion.model import Article

BODY = "Gunmen attacked a convoy on the road north of the town on Monday, officials said.\n"


def write(root: Path, files: dict[str, str]) -> None:
    for name, content in files.items():
        (root / name).write_text(content, encoding="utf-8")


def articles(items) -> list[Article]:
    return [x for x in items if isinstance(x, Article)]


@pytest.mark.parametrize(
    "meta, expected",
    [
        ({"outlet": "Radio Kivu", "published": "2024-03-02", "source_url": "https://example.org/a"},
         {"outlet": "Radio Kivu", "published": "2024-03-02", "url": "https://example.org/a"}),
        ({"source": "Daily Post", "date": "March 2, 2024"}, {"outlet": "Daily Post", "published": "2024-03-02"}),
        ({"outlet": "X", "published": None, "retrieved_from": "a mirror"}, {"outlet": "X", "published": None}),
        ({"published": "last week"}, {"published": None}),  # not a full date: ignored
        ({"outlet": ["not", "a", "string"]}, {"outlet": None}),
    ],
)
def test_sidecar_fields(tmp_path, meta, expected):
    write(tmp_path, {"a.txt": "Title\n\n" + BODY, "a.meta.json": json.dumps(meta)})
    (art,) = articles(read_path(str(tmp_path / "a.txt")))
    for field, value in expected.items():
        assert getattr(art, field) == value


def test_the_article_header_and_overrides_win(tmp_path):
    write(tmp_path, {"a.txt": "Title\nSource: Own Outlet\nDate: 2024-01-05\n\n" + BODY,
                     "a.meta.json": json.dumps({"outlet": "Sidecar", "published": "2023-12-31", "url": "https://x.org"})})
    (art,) = articles(read_path(str(tmp_path / "a.txt")))
    assert (art.outlet, art.published, art.url) == ("Own Outlet", "2024-01-05", "https://x.org")
    (art,) = articles(read_paths([str(tmp_path / "a.txt")], outlet="Given"))
    assert art.outlet == "Given"


def test_sidecars_are_not_articles_in_a_folder(tmp_path):
    write(tmp_path, {"a.txt": "Title\n\n" + BODY, "a.meta.json": json.dumps({"outlet": "O"}),
                     "orphan.meta.json": json.dumps({"text": "A record whose name only looks like a sidecar."})})
    items = read_path(str(tmp_path))
    assert [a.name for a in articles(items)] == ["a", "orphan.meta"]
    assert not [x for x in items if isinstance(x, InputError)]


@pytest.mark.parametrize("content, reason", [("{not json", "metadata file ignored"), ("[1, 2]", "not a JSON object")])
def test_a_bad_sidecar_is_one_error_and_the_article_is_still_read(tmp_path, content, reason):
    write(tmp_path, {"a.txt": "Title\n\n" + BODY, "a.meta.json": content})
    items = read_path(str(tmp_path / "a.txt"))
    (err,) = [x for x in items if isinstance(x, InputError)]
    assert err.code == "E211" and reason in str(err) and "a.meta.json" in str(err)
    (art,) = articles(items)
    assert art.outlet is None
