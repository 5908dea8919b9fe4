"""Packaged data files (``newsfusion/data/``), read the same way everywhere."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from .errors import ConfigError


def read_text(name: str) -> str:
    """The text of ``data/<name>``; a missing or unreadable file is a coded error."""
    try:
        return resources.files("newsfusion").joinpath("data", name).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError("E041", f"cannot read the data file {name}: {exc}", f"reinstall newsfusion or restore src/newsfusion/data/{name}") from exc


def read_json(name: str) -> Any:
    try:
        return json.loads(read_text(name))
    except ValueError as exc:
        raise ConfigError("E041", f"the data file {name} is not valid JSON: {exc}", f"restore src/newsfusion/data/{name}") from exc
