"""How every benchmark ends: the report printed, and written to ``--out`` when given."""

from __future__ import annotations

from pathlib import Path


def emit(lines: list[str], out: str | None) -> int:
    """Print the report's lines and write them to ``out`` (when given); the exit status 0."""
    text = "\n".join(lines)
    print(text)
    if out:
        Path(out).write_text(text + "\n", encoding="utf-8")
    return 0
