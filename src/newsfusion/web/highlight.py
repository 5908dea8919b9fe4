"""An article as HTML with its entities, events and claims highlighted (like displaCy's view).

The HTML is built from character spans into the text, and **every slice of
article text is escaped** (``markupsafe.escape``) before it is put between
the tags this module writes; labels, ids and link targets are escaped too.
Nothing from the article can open a tag, an attribute or a script.

Overlapping spans: the text is cut at every span boundary into segments.
Link spans (entity mentions → entity page, event triggers → event page, claim
cues → the claim in the list below) are chosen first, without overlaps
(entities win over triggers over cues, then earlier and longer spans); each
becomes one ``<a>``. Every segment then gets the classes of all the spans
that cover it (claim content underlined by stance, claim source, event
evidence, unlinked entities), so the markup nests properly whatever the
spans do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup, escape

from ..kb import Annotation

LINK_KINDS = {"entity": 0, "event": 1, "claim_cue": 2}
_SAFE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"


def css_token(value: str | None) -> str:
    """A value reduced to a safe CSS class fragment (letters, digits, - and _)."""
    return "".join(ch if ch in _SAFE else "-" for ch in (value or "none"))[:40]


def href_for(a: Annotation) -> str | None:
    if a.kind == "entity" and a.target:
        return "/entities/" + quote(a.target, safe="")
    if a.kind == "event" and a.target:
        return "/events/" + quote(a.target, safe="")
    if a.kind == "claim_cue" and a.ref:
        return "#claim-" + quote(a.ref, safe="")
    return None


def choose_links(notes: Iterable[Annotation]) -> list[Annotation]:
    """Non-overlapping link spans, by priority (entity, event, claim cue), then earlier and longer."""
    cands = sorted((a for a in notes if a.kind in LINK_KINDS), key=lambda a: (LINK_KINDS[a.kind], a.start, -(a.end - a.start)))
    chosen: list[Annotation] = []
    for a in cands:
        if all(a.end <= b.start or b.end <= a.start for b in chosen):
            chosen.append(a)
    return sorted(chosen, key=lambda a: a.start)


def _classes(a: Annotation) -> list[str]:
    if a.kind == "entity":
        return ["hl-ent", "hl-ent-" + css_token(a.tone)]
    if a.kind in ("claim_content", "claim_cue", "claim_source"):
        return ["hl-" + a.kind.replace("_", "-"), "hl-" + css_token(a.tone)]
    if a.kind == "event_evidence":
        return ["hl-event-evidence"]
    if a.kind == "event":
        return ["hl-event"]
    return []


@dataclass
class _Segment:
    start: int
    end: int
    classes: list[str]


def _segments(text: str, notes: list[Annotation], links: list[Annotation], extra: Iterable[int] = ()) -> list[_Segment]:
    cuts = {0, len(text), *extra}
    for a in notes:
        cuts.update((a.start, a.end))
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    linked = {id(a) for a in links}
    out = []
    for s, e in zip(bounds, bounds[1:]):
        classes: list[str] = []
        for a in notes:
            if a.start <= s and e <= a.end and id(a) not in linked:
                classes += [c for c in _classes(a) if c not in classes]
        out.append(_Segment(s, e, classes))
    return out


def _render_segment(text: str, seg: _Segment) -> Markup:
    piece = escape(text[seg.start : seg.end])
    if not seg.classes:
        return piece
    return Markup('<span class="{}">{}</span>').format(" ".join(seg.classes), piece)


def _open_link(a: Annotation) -> Markup:
    cls = " ".join(["hl", *_classes(a)])
    title = f"{a.label}" + (f" ({a.ref})" if a.ref else "")
    href = href_for(a)
    tag = "a" if href else "span"
    attrs = Markup(' href="{}"').format(href) if href else Markup("")
    return Markup('<{} class="{}"{} title="{}" data-ref="{}">').format(Markup(tag), cls, attrs, title, a.ref or "")


def _close_link(a: Annotation) -> Markup:
    label = Markup('<span class="hl-label" aria-hidden="true">{}</span>').format(a.label) if a.kind == "entity" else Markup("")
    return label + Markup("</a>" if href_for(a) else "</span>")


@dataclass(frozen=True)
class Anchor:
    """A place in the text other pages link to (``#at-claim-c0``), with a link back to what it anchors."""

    pos: int
    id: str  # the element id, e.g. "at-claim-c0"
    back: str  # where the marker links: "#claim-c0" on the same page
    label: str  # its tooltip: "claim c0"


def _anchor(a: Anchor) -> Markup:
    return Markup('<a class="anchor" id="{}" href="{}" title="{}" aria-label="{}"></a>').format(a.id, a.back, a.label, a.label)


def anchors_for(claims: Iterable[object], events: Iterable[dict], relations: Iterable[dict], contradictions: Iterable[object], doc_id: str) -> list[Anchor]:
    """Where each claim, event report, relation and contradiction side of one article starts in its text."""
    out: list[Anchor] = []

    def add(span: object, ident: str, back: str, label: str) -> None:
        if isinstance(span, list | tuple) and len(span) == 2 and isinstance(span[0], int):
            out.append(Anchor(span[0], "at-" + css_token(ident), "#" + css_token(back), label))

    for c in claims:
        local = getattr(c, "local_id", "")
        add(getattr(c, "evidence_span", None), f"claim-{local}", f"claim-{local}", f"claim {local}: see it below")
    for ev in events:
        local = str(ev.get("local_id") or ev.get("id") or "")
        add(ev.get("evidence_span"), f"report-{local}", f"report-{local}", f"event report {local}")
    for r in relations:
        local = str(r.get("id") or "").rsplit(":", 1)[-1]
        add(r.get("evidence_span"), f"relation-{local}", f"relation-{local}", f"relation {local}")
    for x in contradictions:
        for side in ("a", "b"):
            s = getattr(x, side, None) or {}
            if s.get("doc_id") == doc_id:
                add(s.get("evidence_span"), f"con-{x.id}-{side}", f"con-{x.id}", f"contradiction {x.id}")
    return out


def highlight(text: str, notes: Iterable[Annotation], anchors: Iterable[Anchor] = ()) -> Markup:
    """``text`` as escaped HTML with the annotations' spans marked and linked.

    ``anchors`` are placed where they start (moved before a link they would fall in)."""
    notes = [a for a in notes if 0 <= a.start < a.end <= len(text)]
    links = choose_links(notes)
    starts = {a.start: a for a in links}
    ends = {a.end: a for a in links}
    at: dict[int, list[Anchor]] = {}
    for an in anchors:
        if not 0 <= an.pos < len(text):
            continue
        pos = next((l.start for l in links if l.start < an.pos < l.end), an.pos)
        at.setdefault(pos, []).append(an)
    out: list[Markup] = []
    for seg in _segments(text, notes, links, at):
        for an in at.get(seg.start, ()):
            out.append(_anchor(an))
        if seg.start in starts:
            out.append(_open_link(starts[seg.start]))
        out.append(_render_segment(text, seg))
        if seg.end in ends:
            out.append(_close_link(ends[seg.end]))
    return Markup("").join(out)
