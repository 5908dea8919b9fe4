"""Alembic migrations, run by newsfusion itself (users never call alembic).

:func:`upgrade` runs inside the caller's write transaction, so a database is
migrated all at once or not at all. Alembic records the revision in its
``alembic_version`` table; a revision this newsfusion does not know means the
database was written by a newer newsfusion (E303).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy.engine import Connection

from ..errors import StoreError

HERE = Path(__file__).resolve().parent


def config() -> Config:
    cfg = Config(str(HERE / "alembic.ini"))
    cfg.set_main_option("script_location", str(HERE / "migrations"))
    return cfg


@lru_cache(maxsize=1)
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(config())


def head() -> str:
    rev = _script().get_current_head()
    assert rev is not None
    return rev


def current(conn: Connection) -> str | None:
    """The revision the database is at (None: never migrated)."""
    return MigrationContext.configure(conn).get_current_revision()


def known(rev: str) -> bool:
    try:
        return _script().get_revision(rev) is not None
    except CommandError:
        return False


def check_not_newer(rev: str | None, label: str) -> None:
    if rev is not None and not known(rev):
        raise StoreError(
            "E303",
            f"the database schema (revision {rev}) is newer than this newsfusion understands (head {head()})",
            "upgrade newsfusion to the version that wrote it",
            path=label,
        )


def upgrade(conn: Connection, target: str = "head") -> None:
    """Migrate to ``target`` on ``conn``, inside the transaction the caller holds."""
    cfg = config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, target)
