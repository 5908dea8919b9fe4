"""Fixtures for the web tests: knowledge bases built once per session, clients, live servers, a browser.

* ``rich_url``: the hand-built KB of ``richkb.py`` (events, relations, a
  contradiction, grades), on SQLite and on PostgreSQL (skipped without
  NEWSFUSION_TEST_PG);
* ``demo_url``: the demo corpus (examples/articles) through the real pipeline,
  on both engines (the pipeline is loaded once);
* ``live_server``: a real uvicorn server on a free loopback port, in a thread;
* ``browser``: Debian's chromium driven by Playwright (skipped when
  /usr/bin/chromium is missing).
"""

from __future__ import annotations

import os
import socket
import sys
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from richkb import build_rich_kb  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "articles"
ARTIFACTS = ROOT / "artifacts" / "web"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
PG_SKIP = "set NEWSFUSION_TEST_PG=postgresql://... or run .ci/run to test on PostgreSQL"
ENGINES = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def pg_schemas():
    """Makes fresh PostgreSQL schemas on demand; drops them at the end of the session."""
    base = os.environ.get("NEWSFUSION_TEST_PG")
    made: list[str] = []
    engine = None

    def make() -> str:
        nonlocal engine
        if not base:
            pytest.skip(PG_SKIP)
        from sqlalchemy import create_engine, text

        engine = engine or create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1))
        name = f"nf_web_{uuid.uuid4().hex[:12]}"
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{name}"'))
        made.append(name)
        sep = "&" if "?" in base else "?"
        return f"{base}{sep}options=-csearch_path%3D{name}"

    yield make
    if engine is not None:
        from sqlalchemy import text

        with engine.begin() as conn:
            for name in made:
                conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        engine.dispose()


def _url(engine: str, tmp_path_factory, pg_schemas, name: str) -> str:
    if engine == "sqlite":
        return str(tmp_path_factory.mktemp(name) / f"{name}.db")
    return pg_schemas()


@pytest.fixture(scope="session", params=ENGINES)
def rich_url(request, tmp_path_factory, pg_schemas) -> str:
    url = _url(request.param, tmp_path_factory, pg_schemas, "rich")
    build_rich_kb(url)
    return url


@pytest.fixture(scope="session")
def demo_pipeline():
    from newsfusion.pipeline import Pipeline

    return Pipeline()


def build_demo(url: str, pipeline) -> None:
    from newsfusion.kb import KnowledgeBase

    with KnowledgeBase(url) as kb:
        kb._pipeline = pipeline
        report = kb.ingest([str(EXAMPLES)])
    assert report.ok and len(report.added) >= 8, report.summary()


@pytest.fixture(scope="session", params=ENGINES)
def demo_url(request, tmp_path_factory, pg_schemas, demo_pipeline) -> str:
    url = _url(request.param, tmp_path_factory, pg_schemas, "demo")
    build_demo(url, demo_pipeline)
    return url


@pytest.fixture(scope="session")
def demo_sqlite(tmp_path_factory, demo_pipeline) -> str:
    """The demo KB on SQLite only (for the live server and the browser)."""
    url = str(tmp_path_factory.mktemp("demo_live") / "demo.db")
    build_demo(url, demo_pipeline)
    return url


@pytest.fixture(scope="session")
def rich_sqlite(tmp_path_factory) -> str:
    url = str(tmp_path_factory.mktemp("rich_live") / "rich.db")
    build_rich_kb(url)
    return url


def client_for(url: str, **kw):
    from fastapi.testclient import TestClient

    from newsfusion.web import create_app

    return TestClient(create_app(url, **kw))


@pytest.fixture(scope="session")
def rich(rich_url):
    with client_for(rich_url) as c:
        yield c


@pytest.fixture(scope="session")
def demo(demo_url):
    with client_for(demo_url) as c:
        yield c


# ------------------------------------------------------------ live servers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(app):
    """Run ``app`` with uvicorn on a free loopback port in a thread; yields the base URL."""
    import uvicorn

    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture(scope="session")
def live_demo(demo_sqlite):
    from newsfusion.web import create_app

    with serving(create_app(demo_sqlite, allowed_hosts=("127.0.0.1",))) as base:
        yield base


@pytest.fixture(scope="session")
def live_rich(rich_sqlite):
    from newsfusion.web import create_app

    with serving(create_app(rich_sqlite)) as base:
        yield base


# ----------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium, or run .ci/run)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


class PageLog:
    """Console errors, page errors, CSP violations and dialogs seen by a page."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on("dialog", self._dialog)

    def _dialog(self, d) -> None:
        self.dialogs.append(d.message)
        d.dismiss()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.log = PageLog(pg)
    yield pg
    ctx.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
