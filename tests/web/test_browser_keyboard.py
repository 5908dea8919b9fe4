"""Keyboard only, in Chromium: every control of every page is reached by Tab with a visible focus, and the
graph's nodes are reached and opened with the arrow keys and Enter.

On a fresh copy of the hand-built knowledge base (richkb.py) served with a token, so the pages carry their
write forms (merge, rename, split, rate, review) too.
"""

from __future__ import annotations

import pytest

from richkb import CON_TOLL, DOC_A, ENT_M23, EVT_CLASH
from test_browser import clean
from test_browser_workbench import login, served  # noqa: F401 - the fixture

pytestmark = pytest.mark.browser

PAGES = ["/", "/graph", "/timeline", "/map", "/entities", "/documents", "/claims", "/contradictions", "/sources", "/review", "/search?q=Kirumba",
         f"/entities/{ENT_M23}", f"/events/{EVT_CLASH}", f"/documents/{DOC_A}"]

# what a keyboard user must be able to reach: every visible, enabled control (a collapsed <details> hides its form
# until its <summary>, itself a control, opens it)
MARK_CONTROLS = """() => {
  const sel = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';
  const out = [];
  document.querySelectorAll(sel).forEach((el, i) => {
    if (!el.checkVisibility({visibilityProperty: true})) return;
    el.setAttribute('data-kbd', String(i));
    out.push(String(i));
  });
  return out;
}"""

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const cs = getComputedStyle(el);
  const visible = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none';
  return {kbd: el.getAttribute('data-kbd'), visible: visible, what: el.tagName + (el.id ? '#' + el.id : '') + ' ' + (el.textContent || el.name || '').trim().slice(0, 40) + ' ' + cs.outlineStyle + ' ' + cs.outlineWidth + ' ' + el.matches(':focus')};
}"""


@pytest.mark.parametrize("path", PAGES)
def test_every_control_is_reached_by_tab_with_a_visible_focus(page, served, path):  # noqa: F811
    base, app = served
    login(page, base, path)
    if path == "/graph":
        page.wait_for_selector("#graph[data-ready='1']", timeout=15000)
    controls = page.evaluate(MARK_CONTROLS)
    assert controls, f"{path}: no control at all?"
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    reached, unmarked, invisible = set(), [], []
    for _ in range(len(controls) + 10):
        page.keyboard.press("Tab")
        f = page.evaluate(FOCUSED)
        if f is None:
            continue
        if f["kbd"] is None:
            unmarked.append(f["what"])  # focusable but not visible when marked (it should not happen)
            continue
        reached.add(f["kbd"])
        if not f["visible"]:
            invisible.append(f["what"])
        if reached >= set(controls):
            break
    missing = [page.evaluate("(k) => { const el = document.querySelector(`[data-kbd='${k}']`); return el.tagName + ' ' + (el.textContent || el.name || el.outerHTML).trim().slice(0, 60); }", k)
               for k in controls if k not in reached]
    assert missing == [], f"{path}: never reached by Tab: {missing}"
    assert invisible == [], f"{path}: focused without a visible focus: {invisible}"
    assert unmarked == [], f"{path}: focus went to hidden elements: {unmarked}"
    clean(page)


def test_graph_nodes_by_keyboard(page, served):  # noqa: F811
    base, app = served
    login(page, base, "/graph")
    page.wait_for_selector("#graph[data-ready='1']", timeout=15000)
    page.focus("#graph-unfocus")  # the last control before the graph
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "graph"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"  # focus visible
    first = page.get_attribute("#graph", "data-current")
    nodes = page.evaluate("window.newsfusionGraph.nodes().map(n => n.id())")
    assert first == nodes[0]  # the most mentioned is highlighted first
    assert page.evaluate("window.newsfusionGraph.getElementById(document.getElementById('graph').getAttribute('data-current')).hasClass('kbd')")
    assert "Enter opens it" in page.inner_text("#graph-status")
    moved = set()
    for key in ["ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp"]:
        page.keyboard.press("Home")
        page.keyboard.press(key)
        moved.add(page.get_attribute("#graph", "data-current"))
    assert moved - {first}, "an arrow key moves to a neighbouring node"
    page.keyboard.press("Home")
    order = [first]
    for _ in nodes[1:]:
        page.keyboard.press("PageDown")
        order.append(page.get_attribute("#graph", "data-current"))
    assert order == nodes  # Page Down reaches every node, most mentioned first
    page.keyboard.press("PageDown")
    assert page.get_attribute("#graph", "data-current") == first  # and wraps round
    page.keyboard.press("Home")
    assert page.get_attribute("#graph", "data-current") == first
    page.keyboard.press("ArrowRight")
    target = page.get_attribute("#graph", "data-current")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/entities/{target}") or f"/entities/{target}" in page.url
    assert page.locator("h1").count() == 1
    clean(page)
