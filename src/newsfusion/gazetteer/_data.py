"""Reading the JSON data files shipped in ``newsfusion/data`` with one-line errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

from newsfusion.errors import ConfigError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line_number, object)`` for each non-blank line of a JSON Lines file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError("E040", f"cannot read gazetteer data ({exc.strerror})",
                          "reinstall newsfusion or restore the file", path=str(path)) from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError("E041", f"line {number}: not valid JSON ({exc.msg})",
                              "fix the line; one JSON object per line", path=str(path)) from None
        if not isinstance(obj, dict):
            raise ConfigError("E041", f"line {number}: expected a JSON object",
                              "fix the line; one JSON object per line", path=str(path))
        yield number, obj


def read_json(path: Path) -> Any:
    """Read a whole JSON file."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError("E040", f"cannot read gazetteer data ({exc.strerror})",
                          "reinstall newsfusion or restore the file", path=str(path)) from None
    except json.JSONDecodeError as exc:
        raise ConfigError("E041", f"line {exc.lineno}: not valid JSON ({exc.msg})",
                          "fix the file", path=str(path)) from None


def bad_field(path: Path, number: int, message: str) -> ConfigError:
    """The error for a record whose fields do not fit the schema."""
    return ConfigError("E042", f"line {number}: {message}", "fix the record (see docs/gazetteer.md)",
                       path=str(path))
