"""Opening a database: URL rules, the checks made before anything is written, engines.

``--db`` takes a file path (SQLite) or a ``postgresql://`` URL (psycopg 3).
Before a single byte is written, an existing SQLite file is checked read-only:
a file that is not SQLite, or a SQLite database without the newsfusion
marker, is refused with E301 and left untouched. Driver errors are turned into
coded :class:`~newsfusion.errors.StoreError` lines by :func:`translate`.

A SQLite file in a folder newsfusion cannot write to (or a file it cannot
write) is opened read-only and immutable (``?mode=ro&immutable=1``): WAL mode
needs its ``-shm`` file next to the database, which such a folder cannot hold,
so without this even ``status`` would fail. Reads work; any write is refused
with E304.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from ..errors import StoreError
from .schema import APPLICATION

SQLITE_MAGIC = b"SQLite format 3\x00"
NOT_OURS_FIX = "give --db a new file name or an existing newsfusion database"
LOCKED_FIX = "another newsfusion or program is writing to it: wait for it to finish or close it, then retry"


@dataclass(frozen=True)
class Target:
    """Where the database is: ``url`` for SQLAlchemy, ``label`` for messages."""

    url: str
    label: str
    dialect: str  # sqlite | postgresql
    path: Path | None = None  # the SQLite file


def resolve(db: str) -> Target:
    """Turn a ``--db`` value into a :class:`Target` (no I/O)."""
    db = (db or "").strip()
    if not db:
        raise StoreError("E304", "no database given", "pass --db FILE or set NEWSFUSION_DB")
    if db.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        rest = db.split("://", 1)[1]
        url = "postgresql+psycopg://" + rest
        try:
            label = make_url(url).render_as_string(hide_password=True)
        except ArgumentError as exc:
            raise StoreError("E304", f"not a valid PostgreSQL URL: {exc}", "use postgresql://USER:PASSWORD@HOST:PORT/DBNAME") from None
        return Target(url, label.replace("postgresql+psycopg://", "postgresql://", 1), "postgresql")
    if db.startswith("sqlite:///"):
        db = db[len("sqlite:///") :]
    elif "://" in db:
        scheme = db.split("://", 1)[0]
        raise StoreError("E304", f"unsupported database URL scheme {scheme!r}", "use a SQLite file path or a postgresql:// URL", path=db)
    path = Path(db).expanduser()
    return Target("sqlite:///" + str(path.absolute()), db, "sqlite", path)


def writable(path: Path) -> bool:
    """Whether SQLite can write ``path`` and create its -wal/-shm files beside it."""
    return os.access(path.parent, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def read_only(target: Target) -> bool:
    """An existing SQLite file that must be opened read-only (see the module docstring)."""
    return target.path is not None and target.path.exists() and not writable(target.path)


def _ro_uri(path: Path) -> str:
    return f"file:{quote(str(path.absolute()))}?mode=ro&immutable=1"


def check_sqlite_file(target: Target, busy_timeout: float) -> bool:
    """Check an SQLite file without modifying it; return True when it is new (to be created)."""
    path = target.path
    assert path is not None
    if path.is_dir():
        raise StoreError("E304", "is a folder, not a database file", "give --db a file name", path=target.label)
    if not path.parent.is_dir():
        raise StoreError("E304", "its folder does not exist", "create the folder or choose another path", path=target.label)
    if not path.exists() or path.stat().st_size == 0:
        return True
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError("E304", f"cannot read the file: {exc.strerror}", "check its permissions", path=target.label) from None
    if head != SQLITE_MAGIC:
        raise StoreError("E301", "not a newsfusion database (not an SQLite file)", NOT_OURS_FIX, path=target.label)
    tables, marker = _peek(path, target.label, busy_timeout)
    if not tables:
        return True
    if marker != APPLICATION:
        raise StoreError("E301", "an SQLite database, but not a newsfusion one (no newsfusion marker)", NOT_OURS_FIX, path=target.label)
    return False


def _peek(path: Path, label: str, busy_timeout: float) -> tuple[set[str], str | None]:
    """Table names and the marker, read through a read-only connection."""
    uri = _ro_uri(path) if not writable(path) else f"file:{quote(str(path.absolute()))}?mode=ro"
    try:
        con = sqlite3.connect(uri, uri=True, timeout=busy_timeout)
    except sqlite3.Error as exc:
        raise StoreError("E304", f"cannot open the file: {exc}", "check its permissions", path=label) from None
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        marker = None
        if "meta" in tables:
            row = con.execute("SELECT value FROM meta WHERE key = 'application'").fetchone()
            marker = row[0] if row else None
        return tables, marker
    except sqlite3.DatabaseError as exc:
        raise translate(exc, label) from None
    finally:
        con.close()


def make_engine(target: Target, busy_timeout: float) -> Engine:
    """An engine whose transactions the :class:`~newsfusion.store.Store` controls."""
    if target.dialect == "sqlite":
        if read_only(target):
            assert target.path is not None
            engine = create_engine("sqlite:///" + _ro_uri(target.path) + "&uri=true", connect_args={"timeout": busy_timeout})
            _sqlite_transactions(engine, busy_timeout, wal=False)
        else:
            engine = create_engine(target.url, connect_args={"timeout": busy_timeout})
            _sqlite_transactions(engine, busy_timeout)
        return engine
    return create_engine(target.url, pool_pre_ping=True, connect_args={"connect_timeout": 10})


def _sqlite_transactions(engine: Engine, busy_timeout: float, *, wal: bool = True) -> None:
    """WAL, a busy timeout, foreign keys, and real BEGIN / BEGIN IMMEDIATE.

    pysqlite's own transaction handling is switched off so that reads see one
    snapshot and a write transaction takes the write lock up front (no
    deadlocks when upgrading a read transaction).
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):  # pragma: no cover - exercised by every test
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        if wal:  # not on a read-only file: switching the journal mode is a write
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):  # pragma: no cover - exercised by every test
        write = conn.get_execution_options().get("newsfusion_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def postgres_state(engine: Engine, label: str) -> bool:
    """True when the PostgreSQL schema is empty (to be created); E301 when it is someone else's."""
    with engine.connect() as conn:
        names = set(inspect(conn).get_table_names())
        if not names:
            return True
        marker = None
        if "meta" in names:
            marker = conn.execute(text("SELECT value FROM meta WHERE key = 'application'")).scalar()
    if marker != APPLICATION:
        raise StoreError(
            "E301",
            "this PostgreSQL database has tables but is not a newsfusion database",
            "use an empty database, or a schema of its own (?options=-csearch_path%3Dnewsfusion)",
            path=label,
        )
    return False


def translate(exc: BaseException, label: str) -> StoreError:
    """A driver error as a one-line coded StoreError."""
    orig = getattr(exc, "orig", None) or exc
    msg = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    low = msg.lower()
    if "locked" in low or "busy" in low or getattr(orig, "sqlstate", None) == "55P03":
        return StoreError("E302", "the database is locked", LOCKED_FIX, path=label)
    if "file is not a database" in low or "file is encrypted" in low:
        return StoreError("E301", "not a newsfusion database (not an SQLite file)", NOT_OURS_FIX, path=label)
    if "disk" in low and ("full" in low or "i/o" in low):
        return StoreError("E308", f"cannot write: {msg}", "free some disk space, then retry", path=label)
    if "readonly" in low or "read-only" in low or "permission denied" in low:
        return StoreError("E304", f"cannot write: {msg}", "check the permissions of the file and its folder", path=label)
    if isinstance(exc, OperationalError) and _is_connect_error(msg):
        return StoreError("E304", f"cannot connect: {msg}", "start the server or fix the URL", path=label)
    if isinstance(exc, (DBAPIError, sqlite3.Error)):
        return StoreError("E308", f"database error: {msg}", "report this with the command you ran", path=label)
    return StoreError("E308", f"{type(exc).__name__}: {msg}", "report this with the command you ran", path=label)


def _is_connect_error(msg: str) -> bool:
    low = msg.lower()
    return any(k in low for k in ("connection", "could not translate host", "password authentication", "does not exist", "timeout"))
