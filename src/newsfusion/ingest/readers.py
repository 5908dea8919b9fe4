"""Walk paths, guard against bad input, dispatch each file to its reader.

``read_paths(paths, **overrides)`` yields, in order, every Article found and one
InputError per input (or per bad record) that cannot be read. It never raises
for a bad file and never prints. Folders are walked recursively in sorted
order; hidden files and folders (``.git``, ``.DS_Store``) and README, LICENSE
and CHANGELOG files are skipped inside folders (but read when named
explicitly). ``-`` reads bytes from stdin, sniffed like a file.

The format comes from the extension (``FORMATS``) or, when it is unknown or
absent, from the content (:func:`sniff`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..config import settings
from ..errors import ConfigError, InputError, SkippedInput
from ..model import Article
from ..pipeline import too_long
from .dates import normalise_date
from .decode import decode
from .feeds import read_feed
from .html import read_html
from .language import MIN_CONFIDENCE, detect_language
from .records import read_records
from .sidecar import apply_sidecar, is_sidecar, read_sidecar
from .source import Source
from .text import read_text

Reader = Callable[[str, Source], Iterator[Article | InputError]]
READERS: dict[str, Reader] = {"text": read_text, "html": read_html, "records": read_records, "feed": read_feed}
FORMATS: dict[str, str] = {
    ".txt": "text",
    ".md": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".json": "records",
    ".jsonl": "records",
    ".ndjson": "records",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
OVERRIDES = ("published", "outlet")
SKIPPED_IN_FOLDERS = ("readme", "license", "licence", "changelog")
# One record per line: a file of these over NEWSFUSION_MAX_BYTES is read line by line (the limit
# then applies to each line), so a 1 GB export is never held in memory.
STREAMED = (".jsonl", ".ndjson")


def read_paths(paths: Iterable[str | os.PathLike[str]], **overrides: str | None) -> Iterator[Article | InputError]:
    """Yield an Article per article found in ``paths`` and an InputError per bad input.

    ``overrides`` (``published``, ``outlet``) replace that metadata on every
    article; an invalid ``published`` raises ConfigError E011 before anything
    is read.
    """
    fixed = check_overrides(overrides)
    for path in map(os.fspath, paths):
        if path == "-":
            yield from _read_stdin(fixed)
            continue
        p = Path(path)
        if p.is_dir():
            yield from _read_folder(p, path, fixed)
        else:
            yield from read_file(p, path, **fixed)


def read_path(path: str, **overrides: str | None) -> list[Article | InputError]:
    """Everything read from one path (file, folder or ``-``), as a list."""
    return list(read_paths([path], **overrides))


def read_file(p: Path, shown: str | None = None, **overrides: str | None) -> Iterator[Article | InputError]:
    """Read one file, guarding against missing, unreadable and oversized files."""
    shown = shown or str(p)
    limit = settings().max_bytes
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        yield InputError("E201", "no such file or folder", "check the path and its spelling", path=shown)
        return
    except OSError as e:
        yield _unreadable(e, shown)
        return
    if not p.is_file():
        yield InputError("E207", "not a regular file", "pass article files or folders", path=shown)
        return
    fmt = FORMATS.get(p.suffix.lower())
    if size > limit and p.suffix.lower() in STREAMED:
        yield from _read_lines(p, shown, check_overrides(overrides))
        return
    if size > limit:
        yield _too_large(size, limit, shown)
        return
    try:
        with p.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as e:
        yield _unreadable(e, shown)
        return
    if len(data) > limit:  # the file grew since stat
        yield _too_large(len(data), limit, shown)
        return
    meta, problem = read_sidecar(p, shown) if fmt in ("text", "html", None) else ({}, None)
    if problem is not None:
        yield problem
    for item in read_bytes(data, path=shown, name=p.stem, fmt=fmt, **overrides):
        if meta and isinstance(item, Article):
            apply_sidecar(item, meta)
            item.sanitize()
        yield item


def read_bytes(
    data: bytes, *, path: str, name: str, fmt: str | None = None, **overrides: str | None
) -> Iterator[Article | InputError]:
    """Read articles from raw bytes (a file's, stdin's or an upload's).

    ``fmt`` is one of ``READERS`` ("text", "html", "records", "feed") or None
    to sniff the content.
    """
    fixed = check_overrides(overrides)
    src = Source(path=path, name=name)
    if not data.strip():
        yield src.error("E203", "empty file", "check the file has content")
        return
    try:
        decoded = decode(data, path)
    except InputError as e:
        yield e
        return
    text = decoded.text
    if not text.strip():
        yield src.error("E203", "empty file (only whitespace)", "check the file has content")
        return
    src = Source(path=path, name=name, encoding=decoded.encoding)
    yield from _finished(READERS[fmt or sniff(text)](text, src), src, fixed)


def _finished(items: Iterator[Article | InputError], src: Source, fixed: dict[str, str]) -> Iterator[Article | InputError]:
    """A reader's items, finished one at a time as they are read (a file of many records is
    never turned into all its articles at once); a reader bug ends the file with E206."""
    while True:
        try:
            item = next(items)
        except StopIteration:
            return
        except Exception as e:  # a reader bug must not end the run: report it as this file's error
            yield src.error("E206", f"could not be read ({type(e).__name__}: {e})", "report this as a bug")
            return
        yield item if isinstance(item, InputError) else _finish(item, src, fixed)


def sniff(text: str) -> str:
    """Guess the format of decoded content: "records", "feed", "html" or "text".

    JSON when the content (or its first line) parses as JSON; markup starting
    with ``<`` is a feed when an ``<rss``, ``<feed`` or ``<rdf:RDF`` element
    opens it, else HTML; anything else is plain text.
    """
    head = text.lstrip("\ufeff \t\r\n")[:2048]
    low = head.lower()
    if head[:1] and head[:1] in "{[" and _looks_like_json(text):
        return "records"
    if head.startswith("<"):
        if "<rss" in low or "<feed" in low or "<rdf:rdf" in low:
            return "feed"
        return "html"
    return "text"


def check_overrides(overrides: dict[str, str | None]) -> dict[str, str]:
    """Validate overrides; ``published`` is normalised to an ISO date."""
    unknown = set(overrides) - set(OVERRIDES)
    if unknown:
        raise TypeError(f"unknown override(s): {', '.join(sorted(unknown))}; expected {', '.join(OVERRIDES)}")
    fixed = {k: v.strip() for k, v in overrides.items() if isinstance(v, str) and v.strip()}
    if "published" in fixed:
        iso = normalise_date(fixed["published"])
        if iso is None:
            raise ConfigError(
                "E011", f"--published {fixed['published']!r} is not a full date", "give a date such as 2025-03-03"
            )
        fixed["published"] = iso
    return fixed


def _finish(art: Article, src: Source, overrides: dict[str, str]) -> Article | InputError:
    """Apply overrides, refuse empty, too long or non-English articles."""
    for key, value in overrides.items():
        setattr(art, key, value)
    art.sanitize()
    label = f"{art.name}: " if art.name and art.name != src.name else ""
    if not art.text.strip():
        return src.error("E203", f"{label}article has no text", "check the file has content")
    error = too_long(art, src.path)
    if error is not None:
        error.message = label + error.message
        return error
    code, prob = detect_language(art.text)
    reliable = code is not None and prob >= MIN_CONFIDENCE
    if reliable and code != "en":
        return SkippedInput(
            "E210", f"{label}not English (detected {code})", "skipped: newsfusion reads English articles only", path=src.path
        )
    art.language = code if reliable else None
    return art


def _read_stdin(overrides: dict[str, str]) -> Iterator[Article | InputError]:
    limit = settings().max_bytes
    stream = getattr(sys.stdin, "buffer", None)
    try:
        data = stream.read(limit + 1) if stream is not None else sys.stdin.read(limit + 1).encode("utf-8")
    except (OSError, ValueError, UnicodeError) as e:
        yield _unreadable(e, "-")
        return
    if len(data) > limit:
        yield _too_large(len(data), limit, "-", exact=False)
        return
    yield from read_bytes(data, path="-", name="stdin", **overrides)


def _read_folder(root: Path, shown: str, overrides: dict[str, str]) -> Iterator[Article | InputError]:
    """Read every file under ``root``; E208 when no article came out of it."""
    tried = found = 0
    for f in walk(root):
        if isinstance(f, InputError):
            yield f
            continue
        tried += 1
        for item in read_file(f, **overrides):
            found += isinstance(item, Article)
            yield item
    if not found:
        what = "contains no files" if not tried else f"holds no readable article ({tried} file(s) tried)"
        yield InputError("E208", f"folder {what}", "check the folder; hidden files and READMEs are skipped", path=shown)


def walk(root: Path) -> Iterator[Path | InputError]:
    """Files under ``root``, sorted, skipping hidden entries and READMEs.

    Symlinked folders are not followed; a folder that cannot be listed gives
    an E207 error in place of its files.
    """
    errors: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=errors.append, followlinks=False):
        while errors:
            e = errors.pop(0)
            yield _unreadable(e, str(e.filename or folder))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name.lower().startswith(SKIPPED_IN_FOLDERS):
                continue
            if is_sidecar(Path(folder) / name):
                continue  # NAME.meta.json: metadata of NAME.txt, read with it
            yield Path(folder) / name
    for e in errors:
        yield _unreadable(e, str(e.filename or root))


def _looks_like_json(text: str) -> bool:
    import json

    body = text.strip().lstrip("\ufeff")
    first = next((ln for ln in body.split("\n") if ln.strip()), "")
    for candidate in (first, body):
        try:
            json.loads(candidate)
            return True
        except (ValueError, RecursionError):
            continue
    return False


def _read_lines(p: Path, shown: str, fixed: dict[str, str]) -> Iterator[Article | InputError]:
    """A JSONL file too large to read whole, one line at a time (UTF-8; a line over the
    byte limit is E204 and skipped, the others are read)."""
    from .records import read_jsonl_lines

    limit = settings().max_bytes
    src = Source(path=shown, name=p.stem, encoding="utf-8")

    def lines() -> Iterator[tuple[int, str | InputError]]:
        with p.open("rb") as fh:
            for n, raw in enumerate(fh, 1):
                if len(raw) > limit:
                    yield n, _too_large(len(raw), limit, f"{shown}:{n}")
                    continue
                try:
                    yield n, decode(raw, shown).text
                except InputError as e:
                    yield n, e

    try:
        yield from _finished(read_jsonl_lines(lines(), src), src, fixed)
    except OSError as e:
        yield _unreadable(e, shown)


def _too_large(size: int, limit: int, shown: str, exact: bool = True) -> InputError:
    what = f"{size / 1e6:.1f} MB" if exact else f"more than {limit / 1e6:g} MB"
    return InputError(
        "E204",
        f"file too large: {what}, the limit is {limit / 1e6:g} MB",
        "split it into articles, or raise NEWSFUSION_MAX_BYTES",
        path=shown,
    )


def _unreadable(e: BaseException, shown: str) -> InputError:
    if isinstance(e, PermissionError):
        return InputError("E207", "permission denied", "check the file's permissions (chmod +r)", path=shown)
    reason = getattr(e, "strerror", None) or str(e) or type(e).__name__
    return InputError("E207", f"cannot read: {reason}", "check the file is readable", path=shown)
