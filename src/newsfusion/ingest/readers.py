"""Dispatch by file type (minimal: plain text)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article
from .text import read_text


def read_path(path: str) -> list[Article]:
    if path == "-":
        return [read_text(sys.stdin.read(), source_path="-", name="stdin")]
    p = Path(path)
    if not p.exists():
        raise InputError("E201", "no such file or folder", "check the path", path=path)
    return [read_text(p.read_text(encoding="utf-8"), source_path=str(p), name=p.stem)]


def read_paths(paths: Iterable[str]) -> Iterator[Article | InputError]:
    for path in paths:
        p = Path(path)
        files = sorted(x for x in p.rglob("*") if x.is_file()) if p.is_dir() else [p]
        for f in files:
            try:
                yield from read_path(str(f) if path != "-" else "-")
            except InputError as e:
                yield e
