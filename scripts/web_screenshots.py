"""Screenshots of every workbench page at 1440 px and 390 px, with what each page costs.

    python scripts/web_screenshots.py                      # the hand-built test KB (tests/web/richkb.py)
    python scripts/web_screenshots.py --db newsfusion.db   # any knowledge base (opened read-only in spirit:
                                                           # the script takes no decision)

Serves the knowledge base on a free loopback port (in this process), opens each
page in Debian's Chromium (/usr/bin/chromium, driven by Playwright; it never
downloads a browser) at each width, and writes ``artifacts/web/pages/NAME-WIDTH.jpg``
(the first screen, JPEG: small enough to commit). Prints one line per page and
width: load time (navigation start to the load event), the server's part of it
(request sent to the first byte of the page), the time the graph was drawn
(navigation start to the end of Cytoscape's layout, the graph's ``/api/graph``
fetch included) or how many markers the map drew, DOM nodes, whether the page
is wider than the screen (a phone would scroll sideways), console errors. The
first width is the first load of each page on a fresh server (cold caches);
the second width loads them again.
Exits 1 if any page has a console error or overflows at 390 px.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
WIDTHS = (1440, 390)
HEIGHT = {1440: 900, 390: 844}


def pages(base: str) -> list[tuple[str, str]]:
    """The pages to take: the lists, and the first entity, event and article of this knowledge base."""
    import httpx

    def first(path: str, key: str = "id") -> str | None:
        items = httpx.get(base + path, timeout=60).json().get("items") or []
        return items[0][key] if items else None

    out = [("overview", "/"), ("graph", "/graph"), ("timeline", "/timeline"), ("map", "/map"), ("entities", "/entities"), ("documents", "/documents"),
           ("claims", "/claims"), ("contradictions", "/contradictions"), ("sources", "/sources"), ("review", "/review"), ("search", "/search?q=killed")]
    for name, path, prefix in (("entity", "/api/entities?limit=1", "/entities/"), ("event", "/api/events?limit=1", "/events/"), ("document", "/api/documents?limit=1", "/documents/")):
        ident = first(path)
        if ident:
            out.append((name, prefix + ident))
    return out


def measure(page, url: str) -> dict:
    """Open ``url``; its load time, DOM size, horizontal overflow."""
    page.goto(url)
    page.wait_for_load_state("load")
    t = page.evaluate("() => { const n = performance.getEntriesByType('navigation')[0]; return n ? [n.loadEventEnd - n.startTime, n.responseStart - n.requestStart] : [0, 0]; }")
    row = {"load_ms": round(t[0] or 0), "server_ms": round(t[1] or 0)}
    if page.locator("#graph").count():
        page.wait_for_selector("#graph[data-ready='1']", timeout=60000)
        row["drawn_ms"] = int(page.get_attribute("#graph", "data-drawn-ms") or 0)
        row["graph_nodes"] = page.evaluate("() => window.newsfusionGraph ? window.newsfusionGraph.nodes().length : 0")
    if page.locator("figure.map-wrap svg").count():
        row["markers"] = page.evaluate("() => document.querySelectorAll('figure.map-wrap svg circle').length")
    row["nodes"] = page.evaluate("() => document.getElementsByTagName('*').length")
    row["overflow_px"] = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    return row


def capture(base: str, out: Path | None, widths: tuple[int, ...] = WIDTHS, browser=None) -> list[dict]:
    """Every page at every width; screenshots into ``out`` (None: none)."""
    from playwright.sync_api import sync_playwright

    rows = []
    todo = pages(base)

    def run(b) -> None:
        for width in widths:
            ctx = b.new_context(viewport={"width": width, "height": HEIGHT.get(width, 900)})
            page = ctx.new_page()
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            for name, path in todo:
                errors.clear()
                row = {"page": name, "width": width, **measure(page, base + path)}
                if out is not None:
                    page.screenshot(path=str(out / f"{name}-{width}.jpg"), type="jpeg", quality=60)
                row["errors"] = list(errors)
                rows.append(row)
            ctx.close()

    if browser is not None:
        run(browser)
    else:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            try:
                run(b)
            finally:
                b.close()
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", help="the knowledge base (default: a copy of the hand-built test KB)")
    ap.add_argument("--out", default=str(ROOT / "artifacts" / "web" / "pages"))
    args = ap.parse_args()
    if not CHROMIUM.exists():
        print(f"needs Debian's chromium at {CHROMIUM}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT / "tests" / "web"))
    from conftest import serving  # the test suite's uvicorn-in-a-thread helper

    from newsfusion.web import create_app

    db = args.db
    if db is None:
        from richkb import build_rich_kb

        db = str(Path(tempfile.mkdtemp()) / "rich.db")
        build_rich_kb(db)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with serving(create_app(db, allowed_hosts=("127.0.0.1",))) as base:
        rows = capture(base, out)
    bad = 0
    print(f"{'page':<16}{'width':>6}{'load ms':>9}{'server':>8}{'drawn':>7}{'DOM':>7}{'overflow':>9}  errors / markers")
    for r in rows:
        flag = r["errors"] or (r["width"] <= 390 and r["overflow_px"] > 0)
        bad += bool(flag)
        extra = f"{r['graph_nodes']} nodes drawn" if "graph_nodes" in r else f"{r['markers']} markers" if "markers" in r else ""
        print(f"{r['page']:<16}{r['width']:>6}{r['load_ms']:>9}{r['server_ms']:>8}{r.get('drawn_ms', ''):>7}{r['nodes']:>7}{r['overflow_px']:>9}  {'; '.join(r['errors'])[:80]} {extra}")
    print(f"screenshots in {out}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
