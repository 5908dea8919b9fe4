"""The background worker: applies the analysts' corrections off the request path.

A request that takes a correction (merge, split, rename, rate) only records it
``pending`` (:func:`newsfusion.store.web_decisions.record`) and wakes the
worker; the page shows it pending and asks ``GET /api/decisions/{id}`` until
it is ``done``. The worker, one thread per app, takes the open decisions
oldest first and calls the knowledge base's own method
(``KnowledgeBase.merge_entities`` / ``split_entity`` / ``rename_entity`` /
``rate_source``), storing what it returned (the override, the warnings) on the
decision, so that an undo can take exactly that back. Decisions left open by a
server that stopped are taken up by the next one (on its first correction or
at start).

After every rebuild it sees (its own, or another process's ``newsfusion
ingest`` / ``rebuild``: the knowledge base's build time changed; looked at
every :data:`POLL` seconds) the worker re-attaches the decisions whose entity,
event or contradiction id the rebuild replaced
(:func:`newsfusion.store.web_decisions.reattach`) and calls ``on_reattach``
(the app empties its results cache) when it moved any.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from ..errors import NewsfusionError
from ..kb import KnowledgeBase
from ..store import web_decisions as wd

log = logging.getLogger("newsfusion.web")
POLL = 1.0  # seconds between looks at the knowledge base's build time


class Worker:
    """One daemon thread applying open decisions; :meth:`wake` after recording one."""

    def __init__(self, kb: KnowledgeBase, on_change: Callable[[], None] = lambda: None, on_reattach: Callable[[], None] = lambda: None):
        self.kb = kb
        self.on_change = on_change
        self.on_reattach = on_reattach
        self._built: object = object()  # the build time decisions were last re-attached for
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.idle = threading.Event()
        self.idle.set()

    def wake(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="newsfusion-decisions", daemon=True)
                self._thread.start()
        self.idle.clear()
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    def wait(self, timeout: float = 30.0) -> bool:
        """Until nothing is left to apply (for tests and scripts)."""
        return self.idle.wait(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                self.reattach()
                while self.step():
                    pass
            except Exception:  # noqa: BLE001 - the worker must survive a broken database
                log.exception("the decision worker failed")
            self.idle.set()
            self._wake.wait(POLL)

    def reattach(self, force: bool = False) -> list[tuple[int, str, str]]:
        """After a rebuild: move decisions whose ids it replaced onto what holds their references now."""
        with self.kb.store.read() as conn:
            built = self.kb.store.get_meta("kb_built_at", conn)
            if built == self._built and not force:
                return []
            if not wd.has_renumberable(conn):
                self._built = built
                return []
        with self.kb.store.write() as conn:
            moved = wd.reattach(conn)
        self._built = built
        if moved:
            log.info("re-attached %d decisions to renumbered ids", len(moved))
            self.on_reattach()
        return moved

    def step(self) -> bool:
        """Apply or undo the oldest open decision; False when there is none."""
        with self.kb.store.read() as conn:
            dec = wd.next_open(conn)
        if dec is None:
            return False
        self.reattach()  # a rebuild since it was recorded may have renumbered its target
        with self.kb.store.read() as conn:
            dec = wd.get(conn, dec.id)
        try:
            if dec.status == "pending":
                result = self.apply(dec)
                status = "done"
            else:
                result = {**dec.result, "undo_warnings": self.undo(dec)}
                if dec.result.get("members"):
                    with self.kb.store.read() as conn:
                        result["entities"] = wd.holders(conn, [tuple(m) for m in dec.result["members"]])
                status = "undone"
            with self.kb.store.write() as conn:
                wd.finish(conn, dec.id, status, result=result)
        except NewsfusionError as exc:
            with self.kb.store.write() as conn:
                wd.finish(conn, dec.id, "failed" if dec.status == "pending" else "done", error=f"{exc} [{exc.code}]" if getattr(exc, "code", None) else str(exc))
        except Exception as exc:  # noqa: BLE001 - recorded on the decision, logged in full
            log.exception("decision %s failed", dec.id)
            with self.kb.store.write() as conn:
                wd.finish(conn, dec.id, "failed" if dec.status == "pending" else "done", error=f"unexpected error: {type(exc).__name__}")
        self.on_change()
        return True

    def apply(self, dec: wd.Decision) -> dict[str, Any]:
        """Apply one correction; for an entity, also where its members are afterwards (``entities``)."""
        members: list[tuple[str, str]] = []
        if dec.target == "entity":
            with self.kb.store.read() as conn:
                members = wd.members(conn, dec.target_id) + wd.members(conn, str(dec.params.get("other", "")))
        out = self._apply(dec)
        if members:
            out["members"] = [list(m) for m in members[:200]]
            with self.kb.store.read() as conn:
                out["entities"] = wd.holders(conn, members)
        return out

    def _apply(self, dec: wd.Decision) -> dict[str, Any]:
        p, kb = dec.params, self.kb
        if dec.action == "merge":
            change = kb.merge_entities(dec.target_id, str(p.get("other", "")))
        elif dec.action == "split":
            change = kb.split_entity(dec.target_id)
        elif dec.action == "rename":
            change = kb.rename_entity(dec.target_id, str(p.get("name", "")))
        elif dec.action == "rate":
            with kb.store.read() as conn:
                previous = wd.previous_rating(conn, dec.target_id)
            change = kb.rate_source(dec.target_id, str(p.get("grade", "")))
            return {"change": change.override, "warnings": change.warnings, "previous": previous}
        else:
            return {}
        return {"change": change.override, "warnings": change.warnings, "override_id": change.override.get("id")}

    def undo(self, dec: wd.Decision) -> list[str]:
        with self.kb.store.write() as conn:
            if dec.action == "rate":
                wd.restore_rating(conn, dec.target_id, dec.result.get("previous"))
            elif dec.result.get("override_id") is not None:
                wd.remove_override(conn, int(dec.result["override_id"]))
            else:
                return []
        return self.kb.rebuild()
