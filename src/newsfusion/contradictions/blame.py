"""Two parties blaming each other for one incident.

A speaker blames a party when it accuses it ("accused Baku of violating the
ceasefire", "blamed the rebels for the attack", "holds the army responsible")
or says that party's forces attacked ("Eritrean army units shelled Ethiopian
positions", said by Ethiopia). Two statements blame each other when they come
from different speakers a few sentences apart, each blames a party other than
its own, one of them blames the other's side, and at least one is an accusation
(two plain reports of attacks are no dispute).

Sides are parties as ``numeric`` reads them: a country for a state's forces,
government, capital or demonym, else the organisation itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Contradiction, Doc, Side, Span
from .common import attributed, same_speaker, source_of, statement
from .numeric import party_of, speaker_party

ACCUSE = {"accuse", "blame", "hold", "charge"}
ATTACK = {"attack", "shell", "fire", "strike", "bomb", "violate", "ambush", "raid", "storm", "launch", "target",
          "breach", "provoke", "invade", "shoot", "kill", "start"}
NEAR = 4  # sentences


@dataclass
class Blame:
    claim: int
    own: set[str]
    blamed: set[str]
    span: Span
    sentence: int
    accusation: bool


def _blames(doc: Doc) -> list[Blame]:
    out = []
    for i, c in enumerate(doc.claims):
        if not attributed(doc, i) or c.stance == "deny" or c.cue is None:
            continue
        own = speaker_party(doc, i)
        cue = doc.nlp.char_span(c.cue.start, c.cue.end, alignment_mode="expand")
        head = cue.root if cue is not None else None
        sent = next((k for k, s in enumerate(doc.sentences) if s.start <= c.cue.start < s.end), -1)
        if head is not None and head.lemma_.lower() in ACCUSE:
            obj = next((t for t in head.children if t.dep_ == "dobj"), None)
            if obj is not None:
                blamed = party_of(doc, Span(obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text)), i) - own
                if blamed and (head.lemma_.lower() != "hold" or any(t.lower_ == "responsible" for t in head.subtree)):
                    out.append(Blame(i, own, blamed, c.evidence, sent, True))
                    continue
        content = doc.nlp.char_span(c.content.start, c.content.end, alignment_mode="expand")
        for t in content or []:
            opened_fire = t.lemma_.lower() == "open" and any(o.dep_ == "dobj" and o.lemma_.lower() == "fire" for o in t.children)
            if t.pos_ != "VERB" or not (t.lemma_.lower() in ATTACK or opened_fire):
                continue
            subj = next((s for s in t.children if s.dep_ == "nsubj"), None)
            if subj is None:
                continue
            blamed = party_of(doc, Span(subj.left_edge.idx, subj.idx + len(subj.text)), i)
            if blamed and own and not blamed & own:
                out.append(Blame(i, own, blamed, c.evidence, sent, False))
                break
    return out


def mutual_blame(doc: Doc) -> list[Contradiction]:
    if doc.nlp is None:
        return []
    blames = _blames(doc)
    out, used = [], set()
    for x in blames:
        for y in blames:
            if x is y or x.claim in used or y.claim in used or abs(x.sentence - y.sentence) > NEAR:
                continue
            if not (x.accusation or y.accusation) or same_speaker(doc, doc.claims[x.claim], doc.claims[y.claim]):
                continue
            if x.own & y.own:
                continue  # one side
            if y.blamed & x.own and (not y.own or x.blamed & y.own):  # y blames x's side, x blames y's (or a third)
                a, b = sorted((x, y), key=lambda z: z.span.start)
                used |= {x.claim, y.claim}
                sa, sb = source_of(doc, a.claim), source_of(doc, b.claim)
                out.append(Contradiction(
                    about=f"who is to blame ({sa} blames the other side; {sb} blames the other side)", kind="blame",
                    a=Side(statement(doc, a.claim, doc.claims[a.claim].content), sa, a.claim, None, None),
                    b=Side(statement(doc, b.claim, doc.claims[b.claim].content), sb, b.claim, None, None)))
    return out
