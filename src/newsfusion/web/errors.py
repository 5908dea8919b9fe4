"""Web errors: one JSON shape for every API error, the HTTP status on the class.

Exception tree (under :class:`~newsfusion.errors.NewsfusionError`)::

    WebError                 status 500, E719 unless given
    ├── BadRequest           400  E710 a parameter is invalid
    ├── Unauthorized         401  E711 the token is missing or wrong
    ├── Forbidden            403  E712 write actions without a token
    ├── NotFound             404  E713 no such page or endpoint
    ├── MethodNotAllowed     405  E714
    ├── TooLarge             413  E715 the request body is too large
    └── Unavailable          503  E716 the database is busy or unreachable
    ServeError               E701-E704: ``newsfusion serve`` cannot start (exit 2)

Every API error is answered as (datasette's error shape, plus code and fix)::

    {"ok": false, "status": 404, "code": "E305", "error": "no entity 'x'", "fix": "..."}

Store errors keep their codes: E305 (no such id) is a 404, E306 (ambiguous
prefix) and E307 (invalid value) are 400s, E302 (locked) is a 503.
"""

from __future__ import annotations

from typing import Any

from ..errors import ConfigError, NewsfusionError, StoreError


class WebError(NewsfusionError):
    status = 500
    default_code = "E719"

    def __init__(self, message: str, fix: str = "", *, code: str | None = None):
        super().__init__(code or self.default_code, message, fix)


class BadRequest(WebError):
    status, default_code = 400, "E710"


class Unauthorized(WebError):
    status, default_code = 401, "E711"


class Forbidden(WebError):
    status, default_code = 403, "E712"


class NotFound(WebError):
    status, default_code = 404, "E713"


class MethodNotAllowed(WebError):
    status, default_code = 405, "E714"


class TooLarge(WebError):
    status, default_code = 413, "E715"


class Unavailable(WebError):
    status, default_code = 503, "E716"


class ServeError(ConfigError):
    """``newsfusion serve`` refuses to start (exit code 2)."""


# Store error codes and the web error class they become.
STORE_STATUS: dict[str, type[WebError]] = {"E305": NotFound, "E306": BadRequest, "E307": BadRequest, "E302": Unavailable, "E304": Unavailable}

STATUS_CLASS: dict[int, type[WebError]] = {c.status: c for c in (BadRequest, Unauthorized, Forbidden, NotFound, MethodNotAllowed, TooLarge, Unavailable)}


def as_web_error(exc: BaseException) -> WebError:
    """Any exception as a WebError (unexpected ones as a 500 that reveals nothing)."""
    if isinstance(exc, WebError):
        return exc
    if isinstance(exc, StoreError):
        cls = STORE_STATUS.get(exc.code, WebError)
        return cls(exc.message, exc.fix, code=exc.code)
    if isinstance(exc, NewsfusionError):
        return BadRequest(exc.message, exc.fix, code=exc.code)
    return WebError("internal error", "see the server's log; report it with the request that caused it")


def error_body(err: WebError) -> dict[str, Any]:
    return {"ok": False, "status": err.status, "code": err.code, "error": err.message, "fix": err.fix}


ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["ok", "status", "code", "error", "fix"],
    "properties": {
        "ok": {"type": "boolean", "const": False},
        "status": {"type": "integer", "description": "the HTTP status"},
        "code": {"type": "string", "description": "newsfusion error code, e.g. E305"},
        "error": {"type": "string", "description": "what went wrong"},
        "fix": {"type": "string", "description": "what to do about it"},
    },
}
