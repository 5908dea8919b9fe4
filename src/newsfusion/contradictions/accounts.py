"""Conflicting accounts of one incident: who was hit.

One speaker says the dead or the targets were civilians, another that they were
fighters ("ten civilians were killed by troops" / "ten rebel terrorists were
neutralised"; "two children were killed" / "forces targeted two militants"; "a
militia commander, his bodyguard and a cook were killed" / "three of the dead were
teachers, not members of any militia"). An account is

* a casualty figure (``numeric.stated_figures``: its victims' class and count);
* a count of people a violent verb acted on ("targeted two militants",
  "neutralised ten terrorists");
* a statement of who the victims were ("the victims were journalists", "those
  killed were farmers", "were not members of any militia").

Two accounts conflict when different speakers give them a few sentences apart,
one names civilians and the other fighters or forces, and they count the same
number of people, or one of them says who "the victims" were. Incidents on
other days or in other places, and another incident told apart, do not count.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..events.fatalities import noun_phrase, quantity
from ..model import Contradiction, Doc, Side, Span
from .common import attributed, claim_of, same_speaker, source_of, statement
from .numeric import CIVILIANS, COMBATANTS, SECURITY, Stated, _class_word, stated_figures

TARGET_VERBS = {"target", "strike", "hit", "neutralise", "neutralize", "eliminate", "shoot", "kill", "bomb", "attack"}
VICTIM_WORDS = {"victim", "dead", "casualty", "those", "body", "deceased"}
NEAR = 6  # sentences


@dataclass
class Account:
    claim: int
    side: str  # civilians | armed (fighters and forces)
    count: int | None
    span: Span  # what the account says
    sentence: int
    victims_named: bool = False  # "the victims were ...": says who the dead of the incident were
    figure: Stated | None = None


def _side(word_class: str) -> str | None:
    if word_class == "civilians":
        return "civilians"
    if word_class in ("combatants", "security"):
        return "armed"
    return None


def _from_figures(doc: Doc) -> list[Account]:
    out = []
    for s in stated_figures(doc):
        side = _side(s.victims)
        if side is None or s.another or s.several:
            continue
        count = s.figure.low if s.figure.low == s.figure.high else None
        out.append(Account(s.claim, side, count, s.figure.victims or s.figure.span, s.figure.sentence, figure=s))
    return out


def _from_targets(doc: Doc) -> list[Account]:
    """'ground forces targeted two Palestinian militants', 'ten terrorists were neutralised'."""
    out = []
    for tok in doc.nlp:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in TARGET_VERBS:
            continue
        for obj in [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]:
            num = next((c for c in obj.children if c.dep_ == "nummod"), None)
            side = _side(_class_word(obj.lower_ if obj.tag_ == "NNS" else obj.lemma_.lower() + "s"))
            if num is None or side is None:
                continue
            q = quantity(num)
            span = noun_phrase(obj)
            c = claim_of(doc, span)
            if q is None or not attributed(doc, c):
                continue
            out.append(Account(c, side, q[0] if q[0] == q[1] else None, span, _sentence(doc, span)))
    return out


def _from_identity(doc: Doc) -> list[Account]:
    """'three of the dead were teachers', 'were not members of any militia'."""
    out = []
    for tok in doc.nlp:
        if tok.dep_ != "attr" or tok.head.lemma_ != "be" or tok.pos_ != "NOUN":
            continue
        be = tok.head
        subj = next((c for c in be.children if c.dep_ == "nsubj"), None)
        if subj is None and be.dep_ == "conj":
            subj = next((c for c in be.head.children if c.dep_ == "nsubj"), None)
        if subj is None or not _names_victims(subj):
            continue
        negated = any(c.dep_ == "neg" for c in be.children)
        word = _class_word(tok.lower_ if tok.tag_ == "NNS" else tok.lemma_.lower() + "s")
        side = _side(word) if word != "members" else "armed"
        if side is None:
            continue
        if negated:
            if side != "armed":
                continue
            side = "civilians"  # "were not members of any militia", "were not fighters"
        span = Span(subj.left_edge.idx, max(t.idx + len(t.text) for t in tok.subtree))
        c = claim_of(doc, span)
        if not attributed(doc, c):
            continue
        num = subj if subj.pos_ == "NUM" else None
        q = quantity(num) if num is not None else None
        out.append(Account(c, side, q[0] if q and q[0] == q[1] else None, span, _sentence(doc, span), victims_named=True))
    return out


def _names_victims(subj) -> bool:
    """The victims, the dead, those killed, two of the victims."""
    if subj.lemma_.lower() in VICTIM_WORDS:
        return subj.lower_ != "those" or any(c.lemma_ in ("kill", "die") for c in subj.children)
    if subj.pos_ == "NUM":
        return any(c.dep_ == "prep" and c.lower_ == "of" and any(o.lemma_.lower() in VICTIM_WORDS for o in c.children)
                   for c in subj.children)
    return False


def _sentence(doc: Doc, span: Span) -> int:
    return next((i for i, s in enumerate(doc.sentences) if s.start <= span.start < s.end), -1)


def conflicting_accounts(doc: Doc) -> list[Contradiction]:
    from .numeric import _dated_apart, _placed_apart

    if doc.nlp is None:
        return []
    accounts = sorted(_from_figures(doc) + _from_targets(doc) + _from_identity(doc), key=lambda a: a.span.start)
    pairs = []
    for i, a in enumerate(accounts):
        for b in accounts[i + 1:]:
            if a.side == b.side or abs(a.sentence - b.sentence) > NEAR:
                continue
            if same_speaker(doc, doc.claims[a.claim], doc.claims[b.claim]):
                continue
            same_count = a.count is not None and a.count == b.count
            if not (same_count or a.victims_named or b.victims_named):
                continue
            if a.figure is not None and b.figure is not None and (_dated_apart(doc, a.figure, b.figure) or _placed_apart(doc, a.figure, b.figure)):
                continue
            pairs.append((abs(a.sentence - b.sentence), a.span.start, a, b))
    out, used, told = [], set(), set()
    for _, _, a, b in sorted(pairs, key=lambda p: (p[0], p[1])):
        key = frozenset((source_of(doc, a.claim).lower(), source_of(doc, b.claim).lower()))
        ka, kb = (a.claim, a.span.start), (b.claim, b.span.start)
        if key in used or ka in told or kb in told:
            continue  # each account answers one other: the nearest
        used.add(key)
        told |= {ka, kb}
        civ, arm = (a, b) if a.side == "civilians" else (b, a)
        out.append(Contradiction(
            about=f"who was hit ({source_of(doc, civ.claim)}: civilians; {source_of(doc, arm.claim)}: fighters or forces)",
            kind="account",
            a=Side(statement(doc, a.claim, a.span), source_of(doc, a.claim), a.claim, None, a.count),
            b=Side(statement(doc, b.claim, b.span), source_of(doc, b.claim), b.claim, None, b.count)))
    return out
