"""From a head token to an event argument: the entity it names, or its description.

Rules (in order) for one head noun:

1. a relative or personal pronoun is replaced by its antecedent; a quantity
   ("dozens of X", "17 of its soldiers") by what it counts; a definite
   description of a group ("the group", "the militants") by the group the text
   named before;
2. a mention of an entity covering the head gives that entity;
3. so does an apposition ("a jihadist, Younis X"), or "under the banner of X";
4. for actors only, a member noun ("fighters", "security forces", "group")
   attached to an organisation ("ISIS fighters", "X's group", "members of X")
   gives the organisation; nationality adjectives ("Egyptian troops") and
   non-member nouns ("ISIS followers") keep the description;
5. otherwise the noun phrase itself, without determiners, numbers, relative
   clauses and prepositional phrases: "ISIS-allied gunmen and imams".
"""

from __future__ import annotations

from ..model import Arg, Span
from .context import DocContext
from .syntax import PRONOUNS, RELATIVE, conjuncts, first, kids, preps, subject_of

_KEEP_DEPS = {"compound", "amod", "nmod", "poss", "npadvmod", "conj", "cc", "punct", "case", "nummod", "quantmod"}
_DROP_WORDS = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your"}
_BANNER = {"banner", "flag", "name", "umbrella", "auspices", "command", "leadership"}
_DEFINITE = {"the", "this", "these", "those", "that"}
_COREF_NOUNS = {"group", "faction", "organization", "organisation", "movement", "militant", "fighter", "jihadist",
                "insurgent", "rebel", "gunman", "gunmen", "terrorist", "militia", "cell", "attacker", "assailant",
                "militiaman", "militiamen"}


PART_WORDS = {"much", "part", "parts", "swath", "swaths", "swathe", "swathes", "half", "rest", "bulk", "portion",
              "portions", "most", "large", "chunk", "chunks"}


def _is_quantity(ctx: DocContext, tok) -> bool:
    """A number, a vague quantity or a part ("much of the province", "swaths of the country")."""
    return (tok.pos_ == "NUM" or ctx.lex.has("vague_quantity", tok.lower_) or tok.lower_ in PART_WORDS
            or tok.lemma_ in ("dozen", "score", "hundred", "thousand", "number", "handful", "couple", "total"))


def counted(ctx: DocContext, tok):
    """"dozens of X" / "17 of its soldiers" -> X; anything else -> itself."""
    if _is_quantity(ctx, tok):
        for p, o in preps(tok):
            if p == "of":
                return o
    return tok


def resolve_pronoun(ctx: DocContext, tok):
    """The antecedent of a personal or relative pronoun, or None."""
    low = tok.lower_
    if low in ("its", "their"):
        low = "it" if low == "its" else "they"
    if low in RELATIVE:
        v = tok.head
        return v.head if v.dep_ == "relcl" else None
    if low not in PRONOUNS:
        return None
    # the nearest non-pronoun subject of an enclosing clause, before the pronoun
    for anc in tok.ancestors:
        s = first(anc, "nsubj", "nsubjpass")
        if s is not None and s.i < tok.i and s.lower_ not in PRONOUNS and s.lower_ not in RELATIVE and s.i != tok.i:
            return counted(ctx, s)
    # else the first agreeing noun of the sentence that is not in a prepositional phrase
    plural = low in ("they", "them")
    for t in tok.sent:
        if t.i >= tok.i:
            break
        if t.pos_ not in ("NOUN", "PROPN") or t.dep_ in ("pobj", "compound", "poss", "npadvmod") or t.ent_type_ in ("DATE", "TIME"):
            continue
        if ctx.etype(t) == "LOCATION":
            continue
        if plural == (t.tag_ in ("NNS", "NNPS") or ctx.etype(t) == "ORG"):
            return counted(ctx, t)
    # else the subject of the previous sentence (not the speaker of a quote: '"We lost six men," X said.
    # "They came at night ..."' -- "they" are the attackers the quote spoke of, not X)
    sent = tok.sent
    if sent.start > 0:
        prev = ctx.sdoc[sent.start - 1].sent
        if prev.root.lemma_ in SPEECH_VERBS:
            return None
        s = subject_of(prev.root)
        if s is not None and s.lower_ not in PRONOUNS and _agrees(ctx, tok, s):
            return counted(ctx, s)
    return None


def _agrees(ctx: DocContext, pron, noun) -> bool:
    """"they" stands for a plural or a group, not for one person ("Okello said ... 'They attacked'")."""
    if pron.lower_ in ("they", "them", "their"):
        return noun.tag_ in ("NNS", "NNPS") or ctx.etype(noun) == "ORG" or noun.pos_ == "NUM"
    if pron.lower_ in ("he", "she", "him", "her", "his"):
        return noun.tag_ not in ("NNS", "NNPS") and ctx.etype(noun) != "ORG"
    return True


SPEECH_VERBS = {"say", "tell", "add", "state", "report", "announce", "confirm", "claim", "explain", "note", "write",
                "insist", "allege", "declare"}


def resolve_description(ctx: DocContext, tok, prior_actors: list[Arg]):
    """"the group" / "the militants": the same noun named earlier, or the last actor."""
    if tok.lemma_.lower() not in _COREF_NOUNS or not any(c.lower_ in _DEFINITE for c in kids(tok, "det")):
        return None
    if any(ctx.mention_of(t) is not None for t in tok.subtree):
        return None
    from .classify import is_state

    look_from = _sentences_back(ctx, tok, 3)
    for t in reversed(ctx.sdoc[look_from:tok.i]):
        if t.lemma_ == tok.lemma_ and t.pos_ == "NOUN" and not any(c.lower_ in _DEFINITE for c in kids(t, "det")):
            return t
    # "the rebels" / "the group" is not a state force: the latest non-state actor named before
    for a in reversed(prior_actors):
        if a.entity is not None and not is_state(ctx, a):
            return a
    for t in reversed(ctx.sdoc[_sentences_back(ctx, tok, 1):tok.i]):
        if ctx.etype(t) == "ORG" and not ctx.is_demonym(t) and ctx.entity_of(t) is not None:
            if not is_state(ctx, Arg(t.text, ctx.mention_span(t), ctx.entity_of(t))):
                return t
    return None


def _sentences_back(ctx: DocContext, tok, n: int) -> int:
    """Token index where the sentence ``n`` sentences before ``tok``'s starts."""
    start = tok.sent.start
    for _ in range(n):
        if start == 0:
            break
        start = ctx.sdoc[start - 1].sent.start
    return start


def _entity_in_name(ctx: DocContext, tok) -> int | None:
    """The organisation or person a (possibly longer) name phrase stands for: the mention on the
    head, else in an apposition ("the ... Movement (AFC/M23)"), else on a part of the name."""
    if ctx.etype(tok) in ("ORG", "PERSON") and ctx.entity_of(tok) is not None:
        return ctx.entity_of(tok)
    parts = kids(tok, "appos") + [c for c in tok.subtree if c.dep_ in ("compound", "nmod", "appos") and c.i != tok.i]
    for t in parts:
        if ctx.etype(t) in ("ORG", "PERSON") and ctx.entity_of(t) is not None and not ctx.is_demonym(t):
            return ctx.entity_of(t)
    return None


def _entity_via(ctx: DocContext, tok, actor: bool, depth: int = 0, members: bool = True) -> int | None:
    """Rules 2-4 for one head token."""
    for ap in kids(tok, "appos"):  # "a jihadist, Younis X": the name is the more specific
        e = ctx.entity_of(ap)
        if e is not None and ctx.etype(ap) in ("PERSON", "ORG") and ap.pos_ == "PROPN":
            return e
    ent = ctx.entity_of(tok)
    if ent is not None and not ctx.is_demonym(tok):
        return ent
    for p, o in preps(tok):
        if p == "under" and o.lemma_ in _BANNER:
            for p2, o2 in preps(o):
                if p2 == "of" and ctx.entity_of(o2) is not None:
                    return ctx.entity_of(o2)
    if not (actor or members) or depth > 2 or ctx.lex.has_tok("nonmember", tok) or not ctx.lex.has_tok("member", tok):
        return None  # "ISIS fighters", "two of its fighters": the group (as actor or as target)
    owners = [c for c in tok.children if c.dep_ in ("compound", "poss", "nmod")] + [o for p, o in preps(tok) if p == "of"]
    owners = [(resolve_pronoun(ctx, o) or o) if o.lower_ in ("its", "their") else o for o in owners]  # "its fighters"
    for o in owners:
        if ctx.is_demonym(o):
            continue
        e = _entity_in_name(ctx, o)
        if e is not None:
            return e
        if ctx.lex.has_tok("member", o):
            e = _entity_via(ctx, o, actor, depth + 1, members)
            if e is not None:
                return e
    return None


def description(ctx: DocContext, heads: list) -> tuple[str, Span] | None:
    """The noun phrase of ``heads`` (conjuncts) without determiners, numbers and clauses."""
    keep: list = []
    for h in heads:
        stack = [h]
        while stack:
            t = stack.pop()
            keep.append(t)
            for c in t.children:
                if c.dep_ in _KEEP_DEPS and not (c.dep_ == "conj" and c not in heads):
                    if c.dep_ in ("nummod", "quantmod") or c.lower_ in _DROP_WORDS:
                        continue
                    if c.dep_ == "amod" and (ctx.lex.has("drop_modifier", c.lower_) or c.tag_ == "VBG" and ctx.lex.rules_for(c.lemma_)):
                        continue
                    stack.append(c)
    keep = sorted({t.i: t for t in keep}.values(), key=lambda t: t.i)
    # trim punctuation and conjunctions at the edges
    while keep and (keep[0].is_punct or keep[0].dep_ == "cc"):
        keep = keep[1:]
    while keep and (keep[-1].is_punct or keep[-1].dep_ in ("cc", "case")):
        keep = keep[:-1]  # "the army's" -> "army"
    if not keep:
        return None
    text = "".join(t.text_with_ws for t in keep).strip()
    return text, Span(keep[0].idx, keep[-1].idx + len(keep[-1].text))


def resolve_head(ctx: DocContext, tok, prior_actors: list[Arg]):
    """Rule 1: follow pronouns, quantities and definite group descriptions. May return an Arg."""
    t = tok
    for _ in range(3):
        if t.lower_ in PRONOUNS or t.lower_ in RELATIVE:
            nxt = resolve_pronoun(ctx, t)
            if nxt is None:
                return None
            t = nxt
            continue
        c = counted(ctx, t)
        if c.i != t.i:
            t = c
            continue
        d = resolve_description(ctx, t, prior_actors)
        if isinstance(d, Arg):
            return d
        if d is not None:
            t = d
            continue
        break
    return t


FIRST_PLURAL = {"we", "us", "our"}
NOT_PARTICIPANTS = {"those", "these", "this", "that", "toll", "number", "figure", "tally", "death", "deaths",
                    "strength", "ability", "capacity", "control", "power"}
SPOKES = {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "commander", "leader", "official", "chief",
          "member", "head"}


def _speaker_org(ctx: DocContext, tok) -> Arg | None:
    """"we" in a quote: the organisation of the person quoted ("X, the group's spokesman, said: 'we ...'")."""
    from .syntax import subject_of as subj_of
    sent = tok.sent
    speakers = [t for t in sent if t.pos_ == "VERB" and t.lemma_ in SPEECH_VERBS | {"tell"}]
    for v in speakers:
        s = subj_of(v)
        if s is None:
            continue
        for t in [s, *s.subtree]:
            if t.lemma_.lower() in SPOKES:
                owners = [c for c in t.children if c.dep_ in ("poss", "compound", "nmod")] + [o for p, o in preps(t) if p in ("for", "of")]
                for o in owners:
                    e = _entity_in_name(ctx, o)
                    if e is not None and ctx.doc.entities[e].type == "ORG":
                        return Arg(ctx.doc.entities[e].name, ctx.mention_span(o) or Span(o.idx, o.idx + len(o.text)), e)
    return None


# what an attack is "on" when it is really on someone: "an attack on his life", "a strike on the
# location", "an attack on a Peshmerga position" -- the owner named in the phrase, else nothing
STAND_INS = {"life", "lives", "location", "locations", "position", "positions", "range", "whereabouts", "vicinity",
             "frontline", "front", "line", "lines"}
_VAGUE_STAND_INS = {"life", "lives", "location", "locations", "range", "whereabouts", "vicinity"}


def _stood_for(ctx: DocContext, head, prior_actors: list[Arg]) -> list[Arg]:
    for t in (t for t in head.subtree if t.i < head.i):
        if t.lower_ in ("his", "her", "their", "its"):
            ante = resolve_pronoun(ctx, t) if t.lower_ in ("their", "its") else next(
                (s for a in t.ancestors for s in [first(a, "nsubj", "nsubjpass")]
                 if s is not None and s.i < t.i and s.lower_ not in PRONOUNS), None)  # "X survived an attack on his life"
            if ante is not None:
                return make_args(ctx, ante, actor=False, prior_actors=prior_actors)
        e = ctx.entity_of(t)
        if e is not None and ctx.doc.entities[e].type in ("ORG", "PERSON"):
            return [Arg(ctx.doc.entities[e].name, ctx.mention_span(t) or Span(t.idx, t.idx + len(t.text)), e)]
    if head.lower_ in _VAGUE_STAND_INS:
        return []
    desc = description(ctx, [head])
    return [Arg(desc[0], desc[1], None)] if desc is not None else []


def make_args(ctx: DocContext, tok, *, actor: bool, prior_actors: list[Arg] | None = None, members: bool = True) -> list[Arg]:
    """The arguments ``tok`` (a head token) stands for: one per named entity, else one description."""
    if tok is None:
        return []
    if actor and tok.lower_ in FIRST_PLURAL:
        org = _speaker_org(ctx, tok)  # '"we stormed the base," said X, the group's spokesman'
        if org is not None:
            return [org]
    head = resolve_head(ctx, tok, prior_actors or [])
    if head is None:
        return []
    if isinstance(head, Arg):
        return [head]
    if ctx.in_dateline(head) or head.lower_ in NOT_PARTICIPANTS:
        return []  # "JENIN, West Bank (Reuters) -": where the report was filed; "those", "the toll"
    if head.pos_ == "NUM" or (head.lower_ in ("most", "some", "many", "all") and head.pos_ != "NOUN"):
        return []
    if ctx.lex.has("vague_quantity", head.lower_) and not any(p == "of" for p, _ in preps(head)):
        return []  # "killing dozens": a count, not a participant
    if not actor and head.lower_ in STAND_INS:
        return _stood_for(ctx, head, prior_actors or [])
    out: list[Arg] = []
    plain: list = []
    for h in conjuncts(head):
        e = _entity_via(ctx, h, actor, members=members)
        if e is not None:
            if all(a.entity != e for a in out):
                sp = ctx.mention_span(h) or Span(h.idx, h.idx + len(h.text))
                out.append(Arg(ctx.doc.entities[e].name, sp, e))
        else:
            plain.append(h)
    if len(plain) == 1 and ctx.lex.has_tok("nonmember", plain[0]):
        org = next((o for p, o in preps(plain[0]) if p == "of" and ctx.etype(o) == "ORG" and ctx.entity_of(o) is not None), None)
        if org is not None:  # "followers of ISIS" -> "ISIS followers"
            h = plain[0]
            name = ctx.doc.entities[ctx.entity_of(org)].name
            return out + [Arg(f"{name} {h.text}", Span(h.idx, org.idx + len(org.text)), None)]
    if plain:
        desc = description(ctx, plain)
        if desc is not None:
            out.append(Arg(desc[0], desc[1], None))
    return out
