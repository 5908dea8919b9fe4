"""One read path: the CLI, the web app (pages, REST API, downloads) and the exports read the
knowledge base through ``newsfusion.kb`` only, never through the store's query modules.

An import-graph check over the source (every ``import`` and ``from ... import``, also those
inside functions and ``if TYPE_CHECKING:``), and the snapshot the web reads in."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import newsfusion
from newsfusion.kb import KnowledgeBase

SRC = Path(newsfusion.__file__).resolve().parent
READERS = ("web", "cli", "export")  # the packages that show or write out what the knowledge base holds

# The store modules a reader may import, and why (none of them reads the knowledge base).
ALLOWED: dict[tuple[str, str], str] = {
    ("cli/output.py", "newsfusion.store.connect"): "the --db URL is checked (E309) before a KnowledgeBase opens it",
    ("cli/serve.py", "newsfusion.store.connect"): "the --db URL is checked (E704) before the server opens it",
    ("web/worker.py", "newsfusion.store.web_decisions"): "the decision queue's writes (finish, reattach, undo) stay with the worker",
}


def imports(source: str, module: str) -> set[str]:
    """Every module ``source`` (the file of ``module``, dotted) imports, absolute; ``from x import y`` counts x and x.y."""
    package = module.rsplit(".", 1)[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            out.add(name)
            out.update(f"{name}.{a.name}" for a in node.names)
    return out


def store_imports(source: str, module: str) -> set[str]:
    """The ``newsfusion.store`` modules among them (``from ..store import web_claims`` is store.web_claims)."""
    found = {m for m in imports(source, module) if m == "newsfusion.store" or m.startswith("newsfusion.store.")}
    return {m for m in found if not any(o.startswith(m + ".") for o in found)} or found


def reader_files() -> list[Path]:
    return sorted(p for pkg in READERS for p in (SRC / pkg).rglob("*.py"))


@pytest.mark.parametrize(
    ("source", "module", "expected"),
    [
        ("from ..store import web_claims, web_entities\n", "newsfusion.web.api", {"newsfusion.store.web_claims", "newsfusion.store.web_entities"}),
        ("from ..store.views import EventInfo\n", "newsfusion.export.data", {"newsfusion.store.views.EventInfo"}),
        ("def f():\n    from ...store import queries as q\n", "newsfusion.web.sub.mod", {"newsfusion.store.queries"}),
        ("import newsfusion.store.search\n", "newsfusion.cli.query", {"newsfusion.store.search"}),
        ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..store.views import Annotation\n", "newsfusion.web.highlight", {"newsfusion.store.views.Annotation"}),
        ("from ..kb import KnowledgeBase, Page\nfrom .context import read\n", "newsfusion.web.pages", set()),
        ("from ..storefront import x\n", "newsfusion.web.pages", set()),
    ],
)
def test_the_check_sees_store_imports_of_every_form(source, module, expected):
    assert store_imports(source, module) == expected


def test_readers_import_the_store_only_through_the_knowledge_base():
    files = reader_files()
    assert len(files) >= 20 and any(p.name == "pages.py" for p in files)
    bad = []
    for path in files:
        rel = path.relative_to(SRC).as_posix()
        module = "newsfusion." + rel[:-3].replace("/", ".")
        for m in sorted(store_imports(path.read_text(encoding="utf-8"), module)):
            if not any(rel == f and (m == a or m.startswith(a + ".")) for f, a in ALLOWED):
                bad.append(f"{rel} imports {m}")
    assert bad == [], "read the knowledge base through newsfusion.kb.KnowledgeBase (add a method there if it lacks one):\n" + "\n".join(bad)


def test_the_allowed_exceptions_are_still_needed():
    """An exception nobody uses any more is removed from ALLOWED, so the list stays the truth."""
    for (rel, allowed), _why in ALLOWED.items():
        path = SRC / rel
        found = store_imports(path.read_text(encoding="utf-8"), "newsfusion." + rel[:-3].replace("/", "."))
        assert any(m == allowed or m.startswith(allowed + ".") for m in found), (rel, allowed)


def test_one_module_holds_the_view_types():
    """The web's items and the CLI's listings are defined once, in store/views.py (no second module of view types)."""
    from newsfusion.store import views

    for name in ("ClaimItem", "EntityItem", "EventItem", "EntityFull", "EventFull", "DocumentFull", "Annotation", "Overview", "Report", "GradeInfo", "EntityEvent"):
        assert getattr(views, name).__module__ == "newsfusion.store.views"
    assert not (SRC / "store" / "webviews.py").exists()
    classes = {n.name: p.name for p in (SRC / "store").glob("*.py") for n in ast.parse(p.read_text(encoding="utf-8")).body if isinstance(n, ast.ClassDef)}
    assert all(classes[name] == "views.py" for name in ("ClaimItem", "EntityItem", "EventItem", "EntityFull", "EventFull", "DocumentFull", "Annotation"))


def test_reads_inside_a_snapshot_share_one_transaction(tmp_path, monkeypatch):
    """The web reads a page's data version and its data in one snapshot: one read transaction for all of them."""
    kb = KnowledgeBase(str(tmp_path / "kb.db"))
    opened = []
    real = kb.store.read

    def counting():
        opened.append(1)
        return real()

    monkeypatch.setattr(kb.store, "read", counting)
    with kb.snapshot() as conn:
        version = kb.data_version()
        with kb.snapshot() as inner:
            assert inner is conn
        assert kb.documents_page(limit=5).total == 0
        assert kb.entities_page(limit=5).items == []
        assert kb.events_page(limit=5).total == 0
        assert kb.event_types() == []
        assert kb.status().counts["documents"] == 0
    assert len(opened) == 1
    assert version == (None, "0", 0, (0, None, None, None))  # never built, not stale, no articles, no decisions
    kb.documents_page(limit=5)
    kb.claims_page(limit=5)
    assert len(opened) == 3  # outside a snapshot: one transaction per read
    kb.close()
