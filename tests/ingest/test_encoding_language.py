"""A UTF-8 file with stray bytes stays UTF-8; short non-English texts are recognised, short English ones are not refused."""

from __future__ import annotations

import logging

import pytest

from newsfusion.errors import InputError, SkippedInput
from newsfusion.ingest import read_bytes
from newsfusion.ingest.decode import decode
from newsfusion.ingest.language import detect_language
from newsfusion.model import Article

ACCENTED = (
    "Le délégué régional a confirmé que les réfugiés étaient arrivés à Hérault-sur-Mer après "
    "la fermeture du pont. Les autorités de Zélande-Orientale ont promis une aide d'urgence. "
) * 3


@pytest.mark.parametrize(
    "data, encoding, text",
    [
        # one stray byte in a UTF-8 file: UTF-8, the byte as U+FFFD, every accent intact
        (ACCENTED.encode()[:50] + b"\xff" + ACCENTED.encode()[50:], "utf-8", None),
        # a stray byte in the middle of a multi-byte sequence
        ("Zürich, Genève, Bogotá, São Tomé. ".encode() * 4 + b"\xc3(" + "Málaga.".encode(), "utf-8", None),
        # a real cp1252 file is still cp1252
        ("The café in Genève reopened, the mayor said. Résumé of talks.".encode("cp1252"), "cp1252", "The café in Genève reopened, the mayor said. Résumé of talks."),
        # ASCII with one stray high byte: no UTF-8 evidence, the legacy code page reads it
        (b"Officials said the convoy left at dawn \xe9 and returned by noon.", "cp1252", "Officials said the convoy left at dawn é and returned by noon."),
    ],
)
def test_charset_of_files_with_stray_bytes(data, encoding, text):
    got = decode(data, "x.txt")
    assert got.encoding == encoding
    if text is not None:
        assert got.text == text
    if encoding == "utf-8":
        assert got.text.count("\ufffd") == 1
        for word in ("é", "ü", "è", "á", "ã"):
            if word.encode() in data:
                assert word in got.text
        assert "Ã" not in got.text and "©" not in got.text  # nothing garbled


def test_stray_byte_is_reported_as_a_warning(caplog):
    data = ACCENTED.encode()[:80] + b"\xfe" + ACCENTED.encode()[80:]
    with caplog.at_level(logging.WARNING, logger="newsfusion.ingest"):
        decode(data, "report.txt")
    assert any("report.txt" in r.getMessage() and "1 stray byte" in r.getMessage() for r in caplog.records)


def test_mostly_garbage_is_not_taken_for_utf8():
    data = "é".encode() + bytes(range(0x80, 0xC0)) * 4  # one valid sequence, 256 bad bytes
    try:
        assert decode(data, "x").encoding != "utf-8"
    except InputError as e:  # or refused as undecodable
        assert e.code == "E205"


SHORT = [
    ("Des hommes armés ont attaqué un village près de la frontière mardi soir, selon la police.", "fr"),
    ("Le gouvernement a annoncé un couvre-feu après des affrontements dans la capitale.", "fr"),
    ("Bei einem Angriff auf einen Konvoi wurden drei Soldaten getötet, teilte die Armee mit.", "de"),
    ("Gunmen killed six villagers near the border on Tuesday night, police said.", None),
    ("Militants kill 10 soldiers near Karamoja border", None),
    ("Xavier Nkurunziza told Radio Okapi that Mbwebwe militia took Kalembo-Ouest.", None),
    ("Les rebelles ont pris la ville.", None),  # under 40 characters: not judged
]


@pytest.mark.parametrize("text, expected", SHORT)
def test_short_texts_are_judged_only_when_near_certain(text, expected):
    code, _ = detect_language(text)
    assert (code if code != "en" else None) == expected


@pytest.mark.parametrize("text, expected", SHORT)
def test_short_non_english_files_are_skipped(text, expected):
    [item] = list(read_bytes(text.encode(), path="short.txt", name="short"))
    if expected is None:
        assert isinstance(item, Article)
    else:
        assert isinstance(item, SkippedInput) and item.code == "E210" and expected in item.message
