"""newsfusion's errors: each has a code, says the cause and the fix.

Exception tree::

    NewsfusionError            every error newsfusion raises on purpose
    ├── InputError             a file or record cannot be read as an article (E2xx)
    │   └── SkippedInput       readable, but deliberately not ingested (non-English, duplicate)
    ├── StoreError             the database cannot be opened or written (E3xx)
    │   └── QueryError         the database is fine, the request is not (unknown id, bad grade)
    ├── PipelineError          the stages are misconfigured (E1xx)
    └── ConfigError            a setting is invalid (E0xx)

The CLI prints ``str(error)`` on one line and never a traceback.
"""

from __future__ import annotations


class NewsfusionError(Exception):
    """Base class. ``code`` identifies the error, ``fix`` says what to do."""

    exit_code = 1

    def __init__(self, code: str, message: str, fix: str = "", *, path: str | None = None):
        self.code = code
        self.message = message
        self.fix = fix
        self.path = path
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        fix = f" ({self.fix})" if self.fix else ""
        return f"{where}{self.message}{fix} [{self.code}]"


class ConfigError(NewsfusionError):
    exit_code = 2


class PipelineError(NewsfusionError):
    exit_code = 3


class InputError(NewsfusionError):
    exit_code = 4


class SkippedInput(InputError):
    """Input that is readable but deliberately not ingested."""


class StoreError(NewsfusionError):
    exit_code = 5


class QueryError(StoreError):
    """The database is fine but the request names nothing in it, or is invalid."""

    exit_code = 2
