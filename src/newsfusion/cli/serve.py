"""``newsfusion serve``: the analyst's workbench (pages and REST API) over the knowledge base."""

from __future__ import annotations

import ipaddress
import re
import socket

import click

from .common import db_option, main

TOKEN_RE = re.compile(r"^[A-Za-z0-9._~-]{16,256}$")
TOKEN_FIX = "use 16 or more letters, digits or ._~- characters, e.g. from: python -c 'import secrets; print(secrets.token_urlsafe())'"


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and localhost; any other address or name is beyond loopback."""
    h = host.strip().strip("[]").lower()
    if h == "localhost":
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False


def check_serve(host: str, token: str | None) -> None:
    """Refuse to start beyond loopback without a token, or with a weak token (E701, E702)."""
    from ..web.errors import ServeError

    if token is not None and not TOKEN_RE.match(token):
        raise ServeError("E702", "the token is too short or has characters that do not fit a header or a cookie", TOKEN_FIX)
    if token is None and not is_loopback(host):
        raise ServeError("E701", f"refusing to listen on {host} without --token: anyone who can reach it could read the knowledge base", "add --token TOKEN, or listen on 127.0.0.1")


def check_db(db: str) -> None:
    """A SQLite file must exist: serving a typo'd path would create an empty database (E704)."""
    from ..store.connect import resolve
    from ..web.errors import ServeError

    target = resolve(db)
    if target.dialect == "sqlite" and target.path is not None and not target.path.exists():
        raise ServeError("E704", f"no database at {db}", "ingest articles first (newsfusion ingest --db FILE PATHS) or give the right --db", path=db)


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, or E703 on one line (port in use, no permission, unknown host)."""
    from ..web.errors import ServeError

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        family, kind, proto, _, addr = infos[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(addr)
    except OSError as exc:
        raise ServeError("E703", f"cannot listen on {host}:{port}: {exc.strerror or exc}", "choose another --port or --host") from None
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; beyond loopback needs --token.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on (0: any free port).")
@click.option("--token", default=None, envvar="NEWSFUSION_TOKEN", show_envvar=True, help="Require this token on every request; enables write actions.")
def serve(db: str, host: str, port: int, token: str | None) -> None:
    """Serve the knowledge base: pages for analysts and a REST API under /api/.

    Pages: overview, actor graph, timeline, map, entities, events, articles
    with highlights, claims, contradictions, sources, search. The API is
    described at /openapi.json. Without --token the server listens on
    loopback only and is read-only; with --token every request must carry
    it (Authorization: Bearer TOKEN, or ?token=TOKEN once in a page address)
    and POST /api/entities/merge, /api/entities/{id}/split and
    /api/sources/rate are allowed.

    \b
    Example:
      newsfusion serve --db newsfusion.db
      newsfusion serve --host 0.0.0.0 --port 8080 --token "$(python -c 'import secrets; print(secrets.token_urlsafe())')"
    """
    import uvicorn

    from ..kb import KnowledgeBase
    from ..web.security import LOOPBACK_HOSTS
    from ..web import create_app
    from ..web.basemap import countries

    check_serve(host, token)
    check_db(db)
    kb = KnowledgeBase(db)
    sock = bind(host, port)
    countries()  # decode the basemap now rather than on the first visit to /map
    allowed = None if token else tuple(dict.fromkeys([*LOOPBACK_HOSTS, host.lower()]))
    app = create_app(kb=kb, token=token, allowed_hosts=allowed)
    real_port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"newsfusion: serving {kb.store.label} at http://{shown}:{real_port}/ ({'token required' if token else 'read-only, loopback'}); Ctrl-C to stop", err=True)
    config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False, proxy_headers=False)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
        kb.close()
