"""docs/web.md documents every endpoint and page, and the vendored asset versions it names are the ones shipped."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest


ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "web.md").read_text(encoding="utf-8")
VENDOR = ROOT / "src" / "newsfusion" / "web" / "static" / "vendor"


def _routes():
    from newsfusion.web import api, pages

    out = []
    for r in [*api.router.routes, *pages.router.routes]:
        for m in sorted(getattr(r, "methods", None) or []):
            if m != "HEAD":
                out.append((m, r.path))
    assert len(out) > 20
    return out


ROUTES = _routes()


@pytest.mark.parametrize("method, path", [(m, p) for m, p in ROUTES if p.startswith("/api/")])
def test_every_endpoint_is_documented(method, path):
    shown = re.sub(r"\{[^}]+\}", "{id}", path)
    assert re.search(rf"`{method} {re.escape(shown)}[`?]", DOC), f"{method} {path} is missing from docs/web.md"


@pytest.mark.parametrize("path", [p for m, p in ROUTES if m == "GET" and not p.startswith(("/api", "/openapi", "/static"))])
def test_every_page_is_documented(path):
    shown = re.sub(r"\{[^}]+\}", "{id}", path)
    assert re.search(rf"`{re.escape(shown)}[`?]", DOC), f"page {path} is missing from docs/web.md"


def test_vendored_versions_match_the_docs_and_the_lockfile():
    versions = json.loads((VENDOR / "VERSIONS.json").read_text())
    lock = json.loads((ROOT / "src" / "newsfusion" / "web" / "frontend" / "package-lock.json").read_text())
    for pkg, version in versions.items():
        assert f"`{pkg}` {version}" in DOC
        assert lock["packages"][f"node_modules/{pkg}"]["version"] == version


def test_error_codes_are_documented():
    from newsfusion.web import errors

    for cls in (errors.BadRequest, errors.Unauthorized, errors.Forbidden, errors.NotFound, errors.MethodNotAllowed, errors.TooLarge, errors.Unavailable, errors.WebError):
        assert re.search(rf"\| {cls.status} \| [^|]*{cls.default_code}", DOC), cls.__name__
