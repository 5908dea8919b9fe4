"""Walking folders, stdin, dispatch by extension or content, overrides."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from newsfusion.errors import ConfigError
from newsfusion.ingest import FORMATS, read_bytes, read_path, read_paths, sniff
from newsfusion.model import Article

TEXT = "Title line\n\nBody of a short report about a road that was closed on Monday.\n"
HTML = "<html><head><title>T</title></head><body><article><p>Gunmen attacked a convoy on the road north of the town on Monday, officials said.</p></article></body></html>"
RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>R</title><item><title>I</title><description>Item text.</description></item></channel></rss>'
JSONL = '{"text": "one"}\n{"text": "two"}\n'


def tree(root: Path, files: dict[str, str]) -> None:
    for name, content in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(content, encoding="utf-8")


def names(items) -> list[str]:
    return [x.name if isinstance(x, Article) else f"!{x.code}" for x in items]


def test_folders_are_walked_recursively_sorted_skipping_hidden_and_readmes(tmp_path):
    tree(
        tmp_path,
        {
            "b.txt": TEXT,
            "a.txt": TEXT,
            "sub/c.txt": TEXT,
            "sub/deeper/d.md": TEXT,
            ".git/config.txt": TEXT,
            "sub/.e.txt": TEXT,
            "README.md": TEXT,
            "LICENSE": TEXT,
        },
    )
    assert names(read_paths([str(tmp_path)])) == ["a", "b", "c", "d"]


def test_explicit_paths_are_read_in_the_given_order_even_hidden_or_readme(tmp_path):
    tree(tmp_path, {"z.txt": TEXT, ".hidden.txt": TEXT, "README.md": TEXT})
    got = names(read_paths([str(tmp_path / "z.txt"), str(tmp_path / ".hidden.txt"), str(tmp_path / "README.md")]))
    assert got == ["z", ".hidden", "README"]


def test_symlinked_folders_are_not_followed(tmp_path):
    tree(tmp_path, {"real/a.txt": TEXT})
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert names(read_paths([str(tmp_path)])) == ["a"]


@pytest.mark.parametrize(
    "name,content,fmt",
    [
        ("a.txt", TEXT, "text"),
        ("a.md", TEXT, "text"),
        ("a.text", TEXT, "text"),
        ("a.html", HTML, "html"),
        ("a.HTM", HTML, "html"),
        ("a.json", '{"text": "x"}', "json"),
        ("a.jsonl", JSONL, "json"),
        ("a.ndjson", JSONL, "json"),
        ("a.xml", RSS, "rss"),
        ("a.rss", RSS, "rss"),
        ("a.atom", RSS, "rss"),
        # unknown or absent extension: sniffed
        ("noext", JSONL, "json"),
        ("page.php", HTML, "html"),
        ("feed.cgi", RSS, "rss"),
        ("story.log", TEXT, "text"),
        # the extension wins over the content
        ("looks_like_json.txt", '{"text": "x"}', "text"),
    ],
)
def test_dispatch(tmp_path, name, content, fmt):
    tree(tmp_path, {name: content})
    out = read_path(str(tmp_path / name))
    assert out and all(isinstance(x, Article) and x.source_format == fmt for x in out), out


SNIFF = [
    ('{"text": "a"}', "records"),
    ('[{"text": "a"}]', "records"),
    (JSONL, "records"),
    ("\ufeff  " + JSONL, "records"),
    ("[Updated] Rebels leave the town\n\nBody.", "text"),
    ("{not json} a text that starts with a brace", "text"),
    (HTML, "html"),
    ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    (RSS, "feed"),
    ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>', "feed"),
    ("Plain text.", "text"),
    ("Text mentioning <html> later", "text"),
]


@pytest.mark.parametrize("content,expected", SNIFF)
def test_sniff(content, expected):
    assert sniff(content) == expected


def test_every_extension_maps_to_a_reader():
    from newsfusion.ingest.readers import READERS

    assert set(FORMATS.values()) <= set(READERS)


@pytest.mark.parametrize(
    "data,expected",
    [
        (TEXT.encode(), ["stdin"]),
        (JSONL.encode(), ["stdin#1", "stdin#2"]),
        (HTML.encode("utf-16"), ["stdin"]),
        (b"", ["!E203"]),
        (b"\x89PNG\r\n\x1a\n\x00\x00", ["!E202"]),
    ],
)
def test_stdin_is_read_as_bytes_and_sniffed(monkeypatch, data, expected):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    out = list(read_paths(["-"]))
    assert names(out) == expected
    assert all(x.source_path == "-" for x in out if isinstance(x, Article))


def test_overrides_apply_to_every_article(tmp_path):
    tree(
        tmp_path,
        {"a.txt": "T\nPublished: 2020-01-01\n\nBody.", "b.jsonl": json.dumps({"text": "x", "outlet": "Old", "date": "2020-02-02"})},
    )
    out = list(read_paths([str(tmp_path)], published="14 October 2025", outlet="Kivu Dispatch"))
    assert [(a.published, a.outlet) for a in out] == [("2025-10-14", "Kivu Dispatch")] * 2


def test_empty_overrides_change_nothing(tmp_path):
    tree(tmp_path, {"a.txt": "T\nPublished: 2020-01-01\n\nBody."})
    [art] = read_paths([str(tmp_path)], published=None, outlet="")
    assert (art.published, art.outlet) == ("2020-01-01", None)


@pytest.mark.parametrize("bad", ["last week", "not a date", "2025-13-45"])
def test_invalid_published_override_is_a_config_error(bad):
    with pytest.raises(ConfigError) as info:
        list(read_paths([], published=bad))
    assert info.value.code == "E011"


def test_unknown_override_is_a_type_error():
    with pytest.raises(TypeError):
        list(read_paths([], author="x"))


def test_read_bytes_for_uploads():
    [art] = read_bytes(HTML.encode(), path="upload.html", name="upload", fmt="html", outlet="Web")
    assert (art.source_path, art.name, art.source_format, art.outlet) == ("upload.html", "upload", "html", "Web")


def test_path_objects_are_accepted(tmp_path):
    tree(tmp_path, {"a.txt": TEXT})
    assert names(read_paths([tmp_path / "a.txt", tmp_path])) == ["a", "a"]
