"""OpenAPI response schemas, generated from the store's view dataclasses.

The API answers with the dataclasses' ``to_dict()`` (no second set of models
to keep in step); pydantic's ``TypeAdapter`` turns the same dataclasses into
JSON Schema for ``/openapi.json``. :data:`DEFS` collects the shared
definitions, which :func:`add_components` puts under ``components/schemas``.
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from .errors import ERROR_SCHEMA

REF = "#/components/schemas/{model}"
DEFS: dict[str, Any] = {"Error": ERROR_SCHEMA}


def schema(tp: Any) -> dict[str, Any]:
    """The JSON Schema of ``tp`` with its definitions moved to :data:`DEFS`."""
    s = TypeAdapter(tp).json_schema(ref_template=REF, mode="serialization")
    DEFS.update(s.pop("$defs", {}))
    name = getattr(tp, "__name__", None)
    if name and s.get("type") == "object":  # a dataclass: a named component
        DEFS[name] = s
        return {"$ref": REF.format(model=name)}
    return s


def page(tp: Any) -> dict[str, Any]:
    """A paginated listing of ``tp``."""
    return {
        "type": "object",
        "required": ["items", "total", "limit", "offset"],
        "properties": {
            "items": {"type": "array", "items": schema(tp)},
            "total": {"type": "integer", "description": "rows in the whole listing"},
            "limit": {"type": "integer"},
            "offset": {"type": "integer"},
        },
    }


def responses(ok: dict[str, Any], *statuses: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route: the 200 schema and the error statuses it may answer."""
    err = {"content": {"application/json": {"schema": {"$ref": REF.format(model="Error")}}}}
    out: dict[int | str, dict[str, Any]] = {200: {"description": "OK", "content": {"application/json": {"schema": ok}}}}
    for st in (400, 401, *statuses):
        out[st] = {"description": _DESCRIPTIONS.get(st, "error"), **err}
    return out


_DESCRIPTIONS = {
    400: "a parameter is invalid (E710, E306, E307)",
    401: "the server has a token and the request does not carry it (E711)",
    403: "write actions need the server's token in the Authorization header (E712)",
    404: "no such id (E305)",
    503: "the database is busy or unreachable (E716, E302)",
}


def add_components(spec: dict[str, Any]) -> dict[str, Any]:
    spec.setdefault("components", {}).setdefault("schemas", {}).update(DEFS)
    return spec
