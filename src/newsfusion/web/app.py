"""The web application: ``create_app(db)`` builds the FastAPI app over one knowledge base.

Example::

    from newsfusion.web import create_app
    import uvicorn

    uvicorn.run(create_app("newsfusion.db"), host="127.0.0.1", port=8000)

``newsfusion serve`` does this with the checks that keep it safe (see
docs/web.md): a token is required beyond loopback, and without one only
loopback Host headers are answered.
"""

from __future__ import annotations

import logging
import threading
from contextlib import asynccontextmanager

import anyio

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from .. import __version__
from ..errors import NewsfusionError
from ..kb import KnowledgeBase
from . import api, basemap, downloads, pages, schemas
from .errors import STATUS_CLASS, BadRequest, NotFound, WebError, as_web_error, error_body
from .context import ResultCache
from .render import STATIC, environment
from .security import Access, Guard, is_api
from .worker import Worker

log = logging.getLogger("newsfusion.web")

DESCRIPTION = """The newsfusion knowledge base over HTTP: documents, entities, events,
claims, contradictions, sources, the actor graph and full-text search.

Listings take `limit` and `offset` and answer `{"items", "total", "limit", "offset"}`.
Errors answer `{"ok": false, "status", "code", "error", "fix"}`.
Write actions (POST) need the server's token in `Authorization: Bearer TOKEN`.
"""


def _error(request: Request, err: WebError) -> Response:
    if is_api(request.url.path):
        return JSONResponse(error_body(err), status_code=err.status)
    try:
        html = request.app.state.templates.get_template("error.html").render(err=err, request_path=request.url.path, kb_stale=False, page_key="", n_open=0)
    except Exception:  # noqa: BLE001 - the error page must not fail
        log.exception("cannot render the error page")
        html = f"<!doctype html><title>error</title><p>{err.status}: {err.code}</p>"
    return HTMLResponse(html, status_code=err.status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for e in exc.errors()[:5]:
        where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {e.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def _install_handlers(app: FastAPI) -> None:
    async def on_error(request: Request, exc: Exception) -> Response:
        err = as_web_error(exc)
        if err.status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc, exc_info=not isinstance(exc, WebError))
        return _error(request, err)

    async def on_http(request: Request, exc: HTTPException) -> Response:
        cls = STATUS_CLASS.get(exc.status_code, WebError)
        if cls is NotFound:
            return _error(request, NotFound(f"no such {'endpoint' if is_api(request.url.path) else 'page'}: {request.url.path}", "see /openapi.json for the API, / for the pages"))
        return _error(request, cls(str(exc.detail)))

    async def on_invalid(request: Request, exc: RequestValidationError) -> Response:
        return _error(request, BadRequest(_validation_message(exc), "see /openapi.json for the parameters"))

    app.add_exception_handler(NewsfusionError, on_error)
    app.add_exception_handler(HTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_invalid)


def _lifespan(threads: int):
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # Few worker threads: the work is CPU-bound Python, and 40 threads fighting over the
        # GIL answer 50 concurrent clients more slowly than a handful taking turns.
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        app.state.worker.wake()  # decisions a stopped server left open
        # decode the vendored country outlines (about 0.4 s) before the first map is asked for, not during it
        threading.Thread(target=basemap.countries, name="newsfusion-basemap", daemon=True).start()
        yield
        app.state.worker.stop()

    return lifespan


def create_app(
    db: str | None = None, *, kb: KnowledgeBase | None = None, token: str | None = None, allowed_hosts: tuple[str, ...] | None = None, threads: int = 4
) -> FastAPI:
    """The app over ``kb`` (or a KnowledgeBase opened on ``db``).

    ``token``: every request must carry it, and write actions are enabled.
    ``allowed_hosts``: Host headers answered (None: any). ``threads``: worker
    threads for the (blocking) database reads.
    """
    kb = kb if kb is not None else KnowledgeBase(db)
    app = FastAPI(
        title="newsfusion", version=__version__, description=DESCRIPTION, docs_url=None, redoc_url=None, openapi_url="/openapi.json", lifespan=_lifespan(threads)
    )
    app.state.kb = kb
    app.state.access = Access(token, allowed_hosts)
    app.state.templates = environment()
    app.state.templates.globals["can_write"] = app.state.access.page_writes
    app.state.cache = ResultCache()
    app.state.worker = Worker(kb, on_change=app.state.cache.forget_version, on_reattach=app.state.cache.clear)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(downloads.router)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    _install_handlers(app)
    app.add_middleware(Guard, access=app.state.access)

    def openapi() -> dict:
        if app.openapi_schema is None:
            spec = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            app.openapi_schema = schemas.add_components(spec)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
