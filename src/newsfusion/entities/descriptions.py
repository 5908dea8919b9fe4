"""Descriptions the article ties to a name: 'the group', 'the militant group', 'the top court'.

Rules over the union-find of ``aliases.py`` (each records its reason in the
entity's evidence):

- ``name_descriptor``  a name inside a description: "the Shabaab militant group",
                       "Hamas forces" give "Shabaab militant group" and "militant
                       group" as forms of the group;
- ``appositive``       "al-Shabaab, the Somali armed group, said": the description
                       set off after the name;
- ``group_anaphor``    "the group", "the jihadist group", "the Palestinian militant
                       group" later on: the armed group of the last sentences the
                       article names most (one of that country when the description
                       has a country's adjective);
- ``head_anaphor``     "the top court", "the rights commission": the one organisation
                       of the article whose name ends in that noun ("Constitutional
                       Court").

A description is definite ("the ..."), singular, and not followed by a name of
its own ("the U.N. humanitarian agency OCHA" is handled in ``aliases.py``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter

from ..gazetteer import demonym_country
from ..model import Span
from .aliases import Groups

GROUP_HEADS = {"group", "militia", "movement", "organisation", "organization", "outfit", "faction", "network",
               "alliance", "coalition", "insurgency"}
PLURAL_GROUP_HEADS: set[str] = set()  # "the rebels", "the militants" count people, not the group
ALLIANCE_HEADS = {"alliance", "coalition"}
ORG_HEAD_NOUNS = {"army", "court", "commission", "council", "agency", "committee", "observatory", "tribunal", "assembly",
                  "parliament", "bureau", "authority", "union", "bank", "mission", "board", "monitor", "service",
                  "directorate", "department", "institute", "foundation", "fund", "programme", "program"}
NOT_ARMED = {"outlet", "company", "ngo", "intl_org", "government", "ministry", "political_party", "police", "state_force",
             "intelligence"}
MOD_DEPS = {"amod", "compound", "nmod", "npadvmod", "advmod", "poss"}
CONTROL = {"linked", "backed", "led", "allied", "aligned", "affiliated", "run", "controlled", "sponsored", "funded", "supported", "inspired"}
WINDOW = 3  # sentences back in which the referent of 'the group' was named


def _np_left(tok):
    """The modifiers left of a head noun, as the parse gives them (stops at the determiner)."""
    doc = tok.doc
    start = tok.i
    k = tok.i - 1
    while k >= 0:
        t = doc[k]
        if t.dep_ in MOD_DEPS and start <= t.head.i <= tok.i or t.text in ("-",) or (t.dep_ == "punct" and t.text == "-"):
            start = k
            k -= 1
            continue
        if t.head.i >= start and t.head.i <= tok.i and t.dep_ in ("case",):  # "Iran 's"
            start = k
            k -= 1
            continue
        break
    return start


def _cand_at(g: Groups, char: int) -> int | None:
    for i, c in enumerate(g.cands):
        if c.start <= char < c.end:
            return i
    return None


def _sentence_no(g: Groups):
    starts = [s.start_char for s in g.doc.nlp.sents]

    def at(char: int) -> int:
        return max(0, bisect_right(starts, char) - 1)

    return at


NOT_GROUP_WORDS = {"radio", "television", "tv", "news", "agency", "post", "times", "tribune", "herald", "journal", "press",
                   "ministry", "court", "commission", "council", "office", "committee", "university", "bank", "company",
                   "observatory", "foundation", "institute", "mission", "programme", "program", "fund", "organization"}


def _armed(g: Groups, i: int, head: str) -> bool:
    """Whether the ORG candidate i can be what 'the group' (or 'the alliance') refers to."""
    c = g.cands[i]
    if c.type != "ORG" or c.inst is not None:
        return False
    if c.actor is not None:
        if head in ALLIANCE_HEADS:
            return c.actor.kind not in ("outlet", "company", "ministry", "police", "government")
        return c.actor.kind not in NOT_ARMED
    return g.text(i).split()[-1].lower() not in NOT_GROUP_WORDS


def add_described(g: Groups) -> None:
    sdoc = g.doc.nlp
    text = g.doc.text
    sent_no = _sentence_no(g)
    for tok in sdoc:
        low = tok.lower_
        if tok.pos_ not in ("NOUN", "PROPN") or (low not in GROUP_HEADS and low not in ORG_HEAD_NOUNS):
            continue
        if low.endswith("s") and low not in PLURAL_GROUP_HEADS and low not in ("bus",):
            continue
        if _cand_at(g, tok.idx) is not None:
            continue  # the noun is part of a name ("Islamic Movement") or an institution ("the army")
        start = _np_left(tok)
        det = sdoc[start - 1] if start > 0 else None
        if any(t.lower_ in CONTROL for t in sdoc[start : tok.i]):
            continue  # "the al Qaeda-linked group" is not al Qaeda (aliases.add_descriptions)
        inside = [_cand_at(g, t.idx) for t in sdoc[start : tok.i]]
        names = [i for i in dict.fromkeys(inside) if i is not None and g.cands[i].type == "ORG" and g.cands[i].inst is None]
        span = Span(sdoc[start].idx, tok.idx + len(tok))
        form = text[span.start : span.end]
        if names and low in GROUP_HEADS | {"forces", "fighters"}:
            i = names[-1]  # "the Shabaab militant group", "Hamas forces"
            if text[g.cands[i].end : g.cands[i].end + 2] in ("'s", "’s"):
                continue  # "the Guard's drug trafficking network": the name owns the group, is not it
            g.add_form(i, form, span, "name_descriptor")
            after = sdoc[max(t.i for t in sdoc[start : tok.i] if _cand_at(g, t.idx) == i) + 1 : tok.i + 1]
            if len(after) >= 2:
                g.add_form(i, after.text, Span(after.start_char, after.end_char), "name_descriptor")
            continue
        hyphened = {i for k, i in enumerate(inside) if i is not None and _hyphened(sdoc, start + k)}
        if any(i is not None and i not in hyphened for i in inside):
            continue  # a place or a person inside: "the Gaza group", "Musa's group"; but "the pro-Tehran group"
        if det is None or det.lower_ != "the":
            continue
        nxt = sdoc[tok.i + 1] if tok.i + 1 < len(sdoc) else None
        if nxt is not None and (_cand_at(g, nxt.idx) is not None or nxt.lower_ in ("of", "for") or (nxt.text == "," and tok.i + 2 < len(sdoc) and _cand_at(g, sdoc[tok.i + 2].idx) is not None)):
            continue  # "the group X", "the group of states", "the agency, OCHA": a name follows
        core = sdoc[start + 1 : tok.i + 1] if tok.i - start >= 2 and sdoc[start].pos_ == "ADJ" and sdoc[start].text.islower() else None
        prev_name = _appositive_to(g, sdoc, start)
        if prev_name is not None:
            g.add_form(prev_name, form, span, "appositive")
            if core is not None:
                g.add_form(prev_name, core.text, None, "appositive")
            continue
        if low in ORG_HEAD_NOUNS:
            heads = {g.find(i) for i, c in enumerate(g.cands) if c.type == "ORG" and c.inst is None and c.start < tok.idx
                     and g.text(i).split()[-1].lower() == low}
            if len(heads) == 1:
                g.add_form(heads.pop(), form, span, "head_anaphor")
            continue
        here = sent_no(tok.idx)
        dems = {demonym_country(t.text) for t in sdoc[start : tok.i] if t.text[:1].isupper()} - {None}
        recent = [i for i, c in enumerate(g.cands) if c.end <= tok.idx and here - sent_no(c.start) <= WINDOW and _armed(g, i, low)
                  and not _modifier_only(g, i)]
        if dems:
            recent = [i for i in recent if (g.cands[i].actor is not None and g.cands[i].actor.country in dems)]
        if not recent:
            continue
        count = Counter(g.find(i) for i, c in enumerate(g.cands) if c.type == "ORG" and not _modifier_only(g, i))
        for r, forms in g.extra.items():
            count[g.find(r)] += sum(1 for _, sp in forms if sp is not None)
        same = [i for i in recent if sent_no(g.cands[i].start) == here]
        last = {}
        for i in same or recent:
            last[g.find(i)] = max(last.get(g.find(i), -1), g.cands[i].start)
        if same:  # "raids against ISIS ... against the group": the group just named
            best = max(last, key=lambda r: last[r])
        else:  # "the group said": the one the article is about
            best = max(last, key=lambda r: (count[r], last[r]))
        g.add_form(best, form, span, "group_anaphor")
        if core is not None:  # "the powerful pro-Tehran group": also "pro-Tehran group"
            g.add_form(best, core.text, None, "group_anaphor")


def _hyphened(sdoc, k: int) -> bool:
    """Token k is part of a hyphenated modifier: 'pro-Tehran', 'London-based', 'Arab-led'."""
    return (k > 0 and sdoc[k - 1].text == "-") or (k + 1 < len(sdoc) and sdoc[k + 1].text == "-")


def _modifier_only(g: Groups, i: int) -> bool:
    """'al Qaeda' of 'the al Qaeda-linked group': named only to describe another."""
    text = g.doc.text
    return text[g.cands[i].end : g.cands[i].end + 1] == "-" and text[g.cands[i].end + 1 : g.cands[i].end + 12].split(" ")[0].lower() in CONTROL


def _appositive_to(g: Groups, sdoc, start: int) -> int | None:
    """'al-Shabaab, the Somali armed group': the ORG name right before ', the'."""
    k = start - 2  # the token before 'the'
    if k < 0 or sdoc[k].text != ",":
        return None
    prev = sdoc[k - 1] if k >= 1 else None
    if prev is None:
        return None
    i = _cand_at(g, prev.idx)
    if i is None or g.cands[i].type != "ORG" or g.cands[i].inst is not None or g.cands[i].end != prev.idx + len(prev):
        return None
    return i
