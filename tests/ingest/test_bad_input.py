"""Every kind of bad input gives one InputError with its code, the file and a fix."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from newsfusion.errors import InputError, SkippedInput
from newsfusion.ingest import read_path, read_paths
from newsfusion.model import Article

ARTICLE = (
    "Police dispersed a crowd of several hundred traders who had blocked the main road into the town on "
    "Thursday to protest against new market taxes, the mayor's office said. Witnesses said officers fired "
    "tear gas and arrested at least six people before the road was reopened in the afternoon."
)


def one_error(path) -> InputError:
    out = read_path(str(path))
    assert len(out) == 1 and isinstance(out[0], InputError), out
    err = out[0]
    text = str(err)
    assert "\n" not in text and text.startswith(f"{path}: ")
    assert f"[{err.code}]" in text and err.fix
    return err


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


BINARY = [
    ("image.png", b"\x89PNG\r\n\x1a\n" + os.urandom(200), "PNG image"),
    ("photo.txt", b"\xff\xd8\xff\xe0" + os.urandom(200), "JPEG image"),
    ("program", b"\x7fELF\x02\x01\x01" + bytes(200), "ELF executable"),
    ("report.txt", b"%PDF-1.7\n" + os.urandom(100), "PDF document"),
    ("notes.docx", b"PK\x03\x04" + os.urandom(100), "ZIP archive"),
    ("data.bin", b"abc\x00def" * 50, "NUL bytes"),
    ("noise.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 100, "control characters"),
]


@pytest.mark.parametrize("name,data,what", BINARY)
def test_binary_file_is_e202(tmp_path, name, data, what):
    err = one_error(write(tmp_path, name, data))
    assert err.code == "E202" and what in err.message


@pytest.mark.parametrize("data", [b"", b"   ", b"\n\n\t \r\n", "\ufeff".encode("utf-8"), "\u3000\n".encode("utf-8")])
def test_empty_or_whitespace_file_is_e203(tmp_path, data):
    assert one_error(write(tmp_path, "empty.txt", data)).code == "E203"


def test_missing_path_is_e201(tmp_path):
    err = one_error(tmp_path / "nope.txt")
    assert err.code == "E201" and "no such file" in err.message


def test_file_over_the_limit_is_refused_from_its_size_without_reading(tmp_path, monkeypatch):
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:  # a sparse 50 MB file
        fh.truncate(50_000_000)

    def no_read(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_read)
    err = one_error(big)
    assert err.code == "E204" and "50.0 MB" in err.message and "20 MB" in err.message


def test_limit_follows_the_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSFUSION_MAX_BYTES", "100")
    p = write(tmp_path, "a.txt", ARTICLE.encode())
    assert one_error(p).code == "E204"
    monkeypatch.setenv("NEWSFUSION_MAX_BYTES", "100000")
    assert isinstance(read_path(str(p))[0], Article)


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16"])
def test_non_utf8_file_is_decoded_and_the_encoding_noted(tmp_path, encoding):
    text = "Café owners in Butembo reopen\n\n" + ARTICLE.replace("mayor's", "mayor’s" if encoding != "latin-1" else "mayor's") + " Crème brûlée."
    p = write(tmp_path, "a.txt", text.encode(encoding))
    [art] = read_path(str(p))
    assert isinstance(art, Article)
    assert art.text == text and art.title == "Café owners in Butembo reopen"
    assert art.encoding == {"cp1252": "cp1252", "latin-1": "cp1252", "utf-16": "utf-16"}[encoding]


def test_undecodable_bytes_are_e205(tmp_path, monkeypatch):
    import charset_normalizer

    class NoMatch:
        def best(self):
            return None

        def __iter__(self):
            return iter(())

    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda data: NoMatch())
    err = one_error(write(tmp_path, "a.txt", b"caf\xe9 " * 40))
    assert err.code == "E205" and "iconv" in err.fix


def test_random_high_bytes_are_e205(tmp_path):
    data = bytes(range(128, 256)) * 3
    assert one_error(write(tmp_path, "a.txt", data)).code == "E205"


def test_non_english_article_is_skipped_with_e210(tmp_path):
    fr = (
        "Les commerçants du marché central ont bloqué la route principale jeudi pour protester contre les "
        "nouvelles taxes, a indiqué la mairie. Selon des témoins, la police a tiré des gaz lacrymogènes et "
        "arrêté au moins six personnes avant de rouvrir la route dans l'après-midi."
    )
    err = one_error(write(tmp_path, "fr.txt", fr.encode()))
    assert isinstance(err, SkippedInput) and err.code == "E210"
    assert err.message == "not English (detected fr)"


def test_very_short_texts_are_not_judged(tmp_path):  # under MIN_SHORT_CHARS
    [art] = read_path(str(write(tmp_path, "short.txt", "Les rebelles ont pris la ville mardi.".encode())))
    assert isinstance(art, Article) and art.language is None


def test_jsonl_with_one_malformed_line(tmp_path):
    p = write(tmp_path, "batch.jsonl", b'{"text": "first"}\n{"text": broken}\n{"text": "third"}\n')
    out = read_path(str(p))
    assert [type(x).__name__ for x in out] == ["Article", "InputError", "Article"]
    assert out[1].code == "E206" and str(out[1]).startswith(f"{p}: line 2: malformed JSON")


def test_permission_denied_is_e207(tmp_path, monkeypatch):
    p = write(tmp_path, "secret.txt", ARTICLE.encode())

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)
    err = one_error(p)
    assert err.code == "E207" and "permission denied" in err.message


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root can read any file")
def test_permission_denied_for_real(tmp_path):
    p = write(tmp_path, "secret.txt", ARTICLE.encode())
    p.chmod(0)
    try:
        assert one_error(p).code == "E207"
    finally:
        p.chmod(0o644)


def test_special_file_is_e207(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert one_error(fifo).code == "E207"


@pytest.mark.parametrize(
    "files,message",
    [
        ({}, "contains no files"),
        ({".hidden.txt": ARTICLE.encode(), "README.md": b"# notes"}, "contains no files"),
        ({"a.png": b"\x89PNG\r\n\x1a\n" + bytes(10), "b.txt": b""}, "2 file(s) tried"),
    ],
)
def test_folder_without_readable_files_is_e208(tmp_path, files, message):
    for name, data in files.items():
        write(tmp_path, name, data)
    out = list(read_paths([str(tmp_path)]))
    assert all(isinstance(x, InputError) for x in out)
    assert out[-1].code == "E208" and message in out[-1].message
    assert len(out) == len([n for n in files if not n.startswith(".") and n != "README.md"]) + 1


def test_html_without_text_is_e209(tmp_path):
    p = write(tmp_path, "page.html", b"<html><head><title>x</title></head><body><nav>Home</nav></body></html>")
    assert one_error(p).code == "E209"


def test_bad_inputs_do_not_stop_the_good_ones(tmp_path):
    write(tmp_path, "1.txt", b"")
    write(tmp_path, "2.png", b"\x89PNG\r\n\x1a\n")
    write(tmp_path, "3.txt", ARTICLE.encode())
    write(tmp_path, "4.jsonl", b"{oops\n")
    out = list(read_paths([str(tmp_path), str(tmp_path / "missing")]))
    assert [getattr(x, "code", "ok") for x in out] == ["E203", "E202", "ok", "E206", "E201"]


def test_read_paths_never_prints(tmp_path, capsys):
    write(tmp_path, "a.png", b"\x89PNG\r\n\x1a\n")
    write(tmp_path, "b.txt", ARTICLE.encode())
    list(read_paths([str(tmp_path), "missing"]))
    assert capsys.readouterr() == ("", "")


def test_stdin_over_the_limit_is_e204(monkeypatch):
    monkeypatch.setenv("NEWSFUSION_MAX_BYTES", "50")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 100)))
    [err] = read_path("-")
    assert err.code == "E204" and str(err).startswith("-: ")


def test_cp1252_wins_over_equally_clean_candidates(tmp_path, monkeypatch):
    """On big files charset-normalizer may rank mac_latin2 first by a noisy coherence score."""
    import charset_normalizer

    class Match:
        def __init__(self, encoding, chaos, coherence):
            self.encoding, self.chaos, self.coherence = encoding, chaos, coherence
            self.could_be_from_charset = [encoding]

    class Matches(list):
        def best(self):
            return self[0]

    fake = Matches([Match("mac_latin2", 0.0, 0.70), Match("cp1250", 0.0, 0.678), Match("cp1252", 0.0, 0.678),
                    Match("cp850", 0.04, 0.70)])
    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda data: fake)
    text = "Café owners in Butembo said the army’s patrols had resumed — a “relief”, one said."
    [art] = read_path(str(write(tmp_path, "a.txt", text.encode("cp1252"))))
    assert (art.text, art.encoding) == (text, "cp1252")
