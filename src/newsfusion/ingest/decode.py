"""Bytes to text: refuse binary files, decode UTF-8 or detect the encoding.

``decode(data, path)`` returns a :class:`Decoded` (the text and the encoding it
was read with) or raises :class:`~newsfusion.errors.InputError`:

* E202 binary content (a known file signature such as PNG, PDF or ELF, a NUL
  byte, or mostly control characters);
* E205 bytes that are neither UTF-8 nor any encoding charset-normalizer can
  make sense of.

A byte-order mark selects UTF-8/16/32 and is dropped, so offsets in the text
count characters of the decoded content, after the BOM. A file that is UTF-8
but for a few stray bytes (valid multi-byte sequences outnumber the invalid
bytes :data:`MOSTLY_UTF8` to one) is decoded as UTF-8 with each bad byte
replaced by U+FFFD and a warning logged, never as a legacy code page that
would garble every accent. Other files that are not
UTF-8 are decoded with the encoding charset-normalizer finds; among the
candidates as free of garbled characters ("chaos") as the best one, the
Western code pages (cp1252, then Latin-1) win,
because an English article with an accent or a curly quote is far more often
cp1252 than Central European cp1250.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass

from ..errors import InputError

# File signatures of common non-text formats, with what to do instead.
SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "newsfusion reads text, HTML, JSON and RSS files"),
    (b"\xff\xd8\xff", "a JPEG image", "newsfusion reads text, HTML, JSON and RSS files"),
    (b"GIF87a", "a GIF image", "newsfusion reads text, HTML, JSON and RSS files"),
    (b"GIF89a", "a GIF image", "newsfusion reads text, HTML, JSON and RSS files"),
    (b"%PDF-", "a PDF document", "extract its text first, e.g. pdftotext FILE.pdf FILE.txt"),
    (b"\x7fELF", "an ELF executable", "pass article files, not programs"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx)", "unzip it, or save the document as .txt or .html"),
    (b"\x1f\x8b", "a gzip archive", "decompress it first (gunzip)"),
    (b"SQLite format 3\x00", "a SQLite database", "pass article files, not databases"),
)

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_PREFERRED = ("cp1252", "latin_1", "iso8859_15")
# Control bytes that never appear in text (tab, newlines, form feed and ESC are allowed).
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}
_SNIFF = 65536
# Valid multi-byte UTF-8 sequences per invalid byte above which a file is UTF-8 with stray bytes.
MOSTLY_UTF8 = 4
_UTF8_MULTI = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")

log = logging.getLogger("newsfusion.ingest")


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, and the encoding used."""

    text: str
    encoding: str


def binary_kind(data: bytes) -> tuple[str, str] | None:
    """``(what, fix)`` when ``data`` is not text, else None. Looks at the head only."""
    for magic, what, fix in SIGNATURES:
        if data.startswith(magic):
            return what, fix
    if any(data.startswith(bom) for bom, _ in BOMS):
        return None
    head = data[:_SNIFF]
    if b"\x00" in head:
        return "binary data (it contains NUL bytes)", "pass text, HTML, JSON or RSS files"
    if head and sum(b in _CONTROL for b in head) > 0.1 * len(head):
        return "binary data (mostly control characters)", "pass text, HTML, JSON or RSS files"
    return None


def decode(data: bytes, path: str) -> Decoded:
    """Decode ``data`` read from ``path``; raise InputError E202/E205 when it is not text."""
    kind = binary_kind(data)
    if kind:
        what, fix = kind
        raise InputError("E202", f"not a text file: {what}", fix, path=path)
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding).lstrip("\ufeff"), encoding.replace("-sig", ""))
            except UnicodeDecodeError:
                break
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data, path)
    if mostly is not None:
        return mostly
    return _detect(data, path)


def _mostly_utf8(data: bytes, path: str) -> Decoded | None:
    """UTF-8 with U+FFFD for a few stray bytes, when valid multi-byte sequences dominate."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    if bad <= 0 or len(_UTF8_MULTI.findall(data)) < MOSTLY_UTF8 * bad:
        return None
    log.warning("%s: not valid UTF-8: %d stray byte(s) read as U+FFFD (the rest is UTF-8) [W205]", path, bad)
    return Decoded(text, "utf-8")


def _detect(data: bytes, path: str) -> Decoded:
    """Decode non-UTF-8 bytes with the encoding charset-normalizer finds best."""
    from charset_normalizer import from_bytes

    try:
        matches = from_bytes(data)
        best = matches.best()
    except Exception:  # charset-normalizer is a heuristic; never let it crash a run
        best = None
    if best is None:
        raise InputError(
            "E205",
            "cannot decode the file: it is not UTF-8 and no text encoding fits",
            "convert it to UTF-8, e.g. iconv -f LATIN1 -t UTF-8 FILE > FILE.utf8",
            path=path,
        )
    encoding = best.encoding
    # Candidates as clean as the best one (coherence, a language guess, is too noisy to split them).
    ties = [m for m in matches if m.chaos <= best.chaos + 0.01]
    for preferred in _PREFERRED:
        if any(preferred == m.encoding or preferred in m.could_be_from_charset for m in ties):
            try:
                return Decoded(data.decode(preferred), preferred)
            except UnicodeDecodeError:
                continue
    return Decoded(str(best), encoding)
