"""Honest run log: an ingest that died without finishing is shown as interrupted.

``start_run`` records who runs it in ``meta`` (``run_owner:ID`` = host, pid and
the process's start time) and ``finish_run`` removes that key. A run still
marked ``running`` whose owner is a process on this machine that no longer
exists (``kill -9``, a crash, a power cut) is dead: reads show it as
``interrupted`` with the number of documents it stored, and the next run that
starts writes that into the row. A run owned by another machine, or by an
older newsfusion that left no owner, is left as it is (it may be running).
"""

from __future__ import annotations

import os
import socket
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Connection

from . import schema as t
from .rows import from_json, to_json

DEAD_WARNING = "the process stopped without finishing (killed or crashed); shown as interrupted at a later start"


def owner_key(run_id: int) -> str:
    return f"run_owner:{run_id}"


def _start_ticks(pid: int) -> str:
    """The process's start time in clock ticks since boot (Linux), '' elsewhere: tells a reused pid apart."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[19].decode()
    except (OSError, IndexError):
        return ""


def this_owner() -> str:
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{_start_ticks(pid)}"


def is_dead(owner: str | None) -> bool:
    """True when ``owner`` names a process on this machine that has ended."""
    if not owner:
        return False
    host, _, rest = owner.partition(":")
    pid_s, _, ticks = rest.partition(":")
    if host != socket.gethostname() or not pid_s.isdigit():
        return False
    pid = int(pid_s)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OSError):
        return False  # exists, owned by someone else
    return bool(ticks) and _start_ticks(pid) not in ("", ticks)  # the pid was reused


def stored_by(conn: Connection, run_id: int) -> int:
    return int(conn.execute(select(func.count()).select_from(t.documents).where(t.documents.c.run_id == run_id)).scalar_one())


def _owner(conn: Connection, run_id: int) -> str | None:
    return conn.execute(select(t.meta.c.value).where(t.meta.c.key == owner_key(run_id))).scalar()


def as_seen(conn: Connection, row: dict[str, Any]) -> dict[str, Any]:
    """A run row as it truly is: a dead ``running`` run becomes ``interrupted`` with what it stored."""
    if row.get("status") != "running" or not is_dead(_owner(conn, row["id"])):
        return row
    warnings = from_json(row.get("warnings"), []) or []
    return {**row, "status": "interrupted", "added": stored_by(conn, row["id"]), "warnings": to_json([*warnings, DEAD_WARNING])}


def close_dead_runs(conn: Connection) -> list[int]:
    """Write ``interrupted`` (and what they stored) into every dead run's row; their ids."""
    closed = []
    for row in conn.execute(select(t.ingest_runs).where(t.ingest_runs.c.status == "running")).mappings():
        seen = as_seen(conn, dict(row))
        if seen["status"] == "interrupted":
            closed.append(row["id"])
            conn.execute(update(t.ingest_runs).where(t.ingest_runs.c.id == row["id"]).values(status="interrupted", added=seen["added"], warnings=seen["warnings"]))
            conn.execute(delete(t.meta).where(t.meta.c.key == owner_key(row["id"])))
    return closed
