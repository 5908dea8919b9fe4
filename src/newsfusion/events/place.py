"""Where an event happened: the place phrases of its mention, then its sentence, its
neighbours, the article.

First found wins: a place in a locative phrase ("in / at / near X") of the trigger, its
light verb or its participle; a place object ("captured Kidal"); where a projectile struck
before where it came from ("fired from Idlib at a base in Latakia"); a place
coordinated verbs share ("were shot and detained in X"); a place in the participants'
phrases; a target place ("an attack on Kadji"); the finite clause; the sentence; the place
of the event told just before (in the paragraph, or within three sentences when it refines
the country the article is about); the article's dominant place. Places coordinated in the
winning phrase are all kept; listed under a plural place noun ("two towns, A and B") they
split the event into one per place, as ACLED codes one event per location (merely
coordinated, "captured A, B and C", they are one act: one event at the first). Never a place: a building, a possessor ("Syria's
forces"), the dateline ("NAIROBI:"), where a source or a force sits ("the UK-based
monitor", "the US-led coalition"), a weapon's name ("Grad rockets"), a line ("near the
Malian border"), a party ("fighting between Armenia and Azerbaijan").
"""

from __future__ import annotations

from ..model import Arg, Span
from .context import DocContext
from .draft import Draft
from .setting import SPEECH, cluster
from .syntax import clause_head, conjuncts, kids, preps

LOC_PREPS = {"in", "at", "near", "outside", "around", "inside", "across", "from", "throughout", "within", "along", "off"}
TARGET_PLACE_PREPS = {"on", "against", "toward", "towards", "into", "over", "upon"}
IN_PREPS = {"in", "at", "near", "outside", "inside", "around", "across", "throughout"}


SETTLEMENT = {"village", "town", "city", "district", "regency", "county", "municipality", "commune", "province",
              "region", "department", "prefecture", "governorate", "locality", "hamlet", "township", "suburb",
              "neighbourhood", "neighborhood", "camp", "state", "division", "subdistrict", "sub-district"}


HELD_BY = ("-controlled", "-held", "-occupied", "-run", " controlled", " held")


def held_area(name: str) -> bool:
    """"IS-controlled territory", "rebel-held areas": who holds it, no place."""
    low = name.lower()
    return any(h in low for h in HELD_BY) and low.split()[-1] in REGION_WORDS | {"territory", "territories", "areas", "parts"}


def _loc_entity(ctx: DocContext, tok) -> int | None:
    e = ctx.entity_of(tok)
    if e is None:
        return None
    ent = ctx.doc.entities[e]
    if held_area(ent.name):
        return None
    if ctx.etype(tok) == "LOCATION" or (ent.type != "LOCATION" and _named_as_place(ctx, tok)):
        return None if _unnamed_building(ctx, ent.name) else e
    if ent.type == "ORG" and ctx.is_building(ent.name) and tok.pos_ == "PROPN":
        return e  # "the Ambassador Hotel": a named building is the most specific place
    return None


def _named_as_place(ctx: DocContext, tok) -> bool:
    """A name the text calls a place whatever its tagged type: "in Puncak regency", "the
    village of Kadji", "Bama district"."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ in SETTLEMENT and tok.dep_ == "compound" and tok.pos_ == "PROPN":  # not "a police camp"
        mi = ctx.tok_mention.get(tok.i)
        # "Islamic State", "Arakan Army": a settlement word inside an organisation's name
        return not (mi is not None and ctx.tok_mention.get(nxt.i) == mi and ctx.doc.mentions[mi].type == "ORG")
    h = tok.head
    if tok.dep_ == "pobj" and h.lower_ == "of" and h.head.lower_ in SETTLEMENT:
        return True  # "the village of Kadji"
    return tok.dep_ == "appos" and h.lower_ in SETTLEMENT


def _unnamed_building(ctx: DocContext, name: str) -> bool:
    """A building word with no name of its own ("the mosque"): not a place."""
    return ctx.is_building(name) and len(name.split()) < 2


def _group(ctx: DocContext, tok) -> list[Arg]:
    """The place ``tok`` names with the places coordinated with it ("in A and B"); an
    apposition ("Helmand Province, Afghanistan") only says where the first one is."""
    toks = []
    for h in conjuncts(tok.head if tok.dep_ == "compound" else tok):
        toks.append(h)
        toks.extend(o for o in kids(h, "pobj"))  # "A and to B" (a parser quirk)
    out: list[Arg] = []
    for t in [tok, *toks]:
        e = _loc_entity(ctx, t)
        if e is not None and all(a.entity != e for a in out):
            out.append(Arg(ctx.doc.entities[e].name, ctx.mention_span(t) or Span(t.idx, t.idx + len(t.text)), e))
    return out


LINE_NOUNS = {"border", "frontier", "boundary", "coast", "coastline"}
LINE_NAMES = {"line", "border", "frontier", "boundary"}


def not_a_place_here(ctx: DocContext, t) -> bool:
    """A place name that does not say where: a possessor ("Syria's forces"), the dateline
    ("NAIROBI:"), where someone sits ("the UK-based monitor"), a weapon's name ("Grad
    rockets"), a line ("near the Malian border"), or a party named in "fighting between X
    and Y"."""
    if t.dep_ == "poss" or (t.head.dep_ == "poss" and t.dep_ == "compound"):
        return True
    if ctx.in_dateline(t):
        return True
    if _where_someone_sits(t):
        return True
    e = ctx.entity_of(t)
    if e is not None and set(ctx.doc.entities[e].name.lower().split()) & LINE_NAMES:
        return True  # "the Line of Control": a line, not a place
    top = t
    while top.dep_ == "compound" and top.head.pos_ == "PROPN" and top.head.i != top.i:
        top = top.head  # "Burkina Faso": the name's head word
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    if top.dep_ == "pobj" and top.head.lower_ in ("in", "at") and top.head.head.lower_ in SEATED_IN:
        return True  # "an affiliate based in Mali": where the group sits
    if top.dep_ == "pobj" and top.head.lower_ in ("with", "between") and top.head.head.lemma_.lower() in LINE_NOUNS | {"area", "region"} \
            and any(x.lemma_.lower() in LINE_NOUNS for x in [top.head.head, *top.head.head.children]):
        return True  # "near the border area with Mali and Mauritania"
    if t.dep_ in ("compound", "amod", "nmod") and t.head.pos_ in ("NOUN", "PROPN"):
        h = t.head
        line = h.lemma_.lower() in LINE_NOUNS and not (h.dep_ == "compound" and h.head.lemma_.lower() in SETTLEMENT | {"area"})
        if ctx.lex.has_tok("weapon", h) or ctx.lex.has_tok("heavy_weapon", h) or line:
            return True  # "the Malian border", not "the Nagorno-Karabakh border region"
        if ctx.etype(h) == "PERSON" or ctx.lex.has_tok("person_noun", h) or ctx.lex.has_tok("title", h):
            return True  # "Kenyan President William Ruto", "the Kunar governor": whose, not where
    top = t
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    if top.dep_ == "pobj" and top.head.lower_ == "between" and ctx.lex.rules_for(top.head.head.lemma_.lower()):
        return True
    return False


SEATED_IN = {"based", "headquartered", "registered", "born", "exiled"}
SEAT_PARTICIPLES = {"based", "headquartered", "led", "backed", "funded", "sponsored", "supported", "born", "registered"}


def _where_someone_sits(t) -> bool:
    """"the UK-based war monitor", "the US-led coalition", "Iran-backed militias": the place
    says where an organisation sits or who leads it, not where the event happened."""
    doc = t.doc
    end = t.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":  # the rest of a multi-word name
        end += 1
    return end + 1 < len(doc) and doc[end].text in ("-", "–") and doc[end + 1].lower_ in SEAT_PARTICIPLES


def _first_place(ctx: DocContext, tokens, avoid: set[int]) -> list[Arg]:
    """The first place named among ``tokens``; a finer one in the same phrase wins ("the Iraq
    border town of Rutba", "a checkpoint near X in the Y region" -> the town)."""
    tokens = list(tokens)
    for i, t in enumerate(tokens):
        if t.pos_ != "PROPN" and ctx.entity_of(t) is None:
            continue  # neither a named entity nor a proper noun: no place whatever the rest says
        if not_a_place_here(ctx, t):
            continue
        e = _loc_entity(ctx, t)
        if e is not None and e not in avoid:
            got = _group(ctx, t)
            if got and coarseness(ctx, got[0]) >= 3:
                finer = _finer_place(ctx, tokens[i + 1:], avoid, t, coarseness(ctx, got[0]))
                if finer:
                    return finer
            return got
        if e is None and ctx.entity_of(t) is None and t.pos_ == "PROPN" and _named_as_place(ctx, t):
            h = t.head if t.dep_ == "compound" else t  # "Bama district", a name the entities missed
            toks = [x for x in h.subtree if x.dep_ == "compound" or x is h] if h is not t else [t]
            lo, hi = min(x.idx for x in toks), max(x.idx + len(x.text) for x in toks)
            return [Arg(ctx.doc.text[lo:hi], Span(lo, hi), None)]
    return []


def _finer_place(ctx: DocContext, tokens, avoid: set[int], first_tok, level: int) -> list[Arg]:
    """A named place after ``first_tok`` in the same phrase that is finer than ``level``."""
    for t in tokens:
        if ctx.entity_of(t) is None:
            continue  # _loc_entity needs an entity
        if not_a_place_here(ctx, t) or ctx.entity_of(t) == ctx.entity_of(first_tok):
            continue
        e = _loc_entity(ctx, t)
        if e is not None and e not in avoid:
            got = _group(ctx, t)
            if got and coarseness(ctx, got[0]) < level:
                return got
    return []


def find_locations(ctx: DocContext, d: Draft, prev: Arg | None, dominant: int | None) -> None:
    """Set ``d.locations`` and ``d.loc_level`` (1 the event's own phrase ... 5 the article's place)."""
    avoid = {a.entity for a in d.participants() if a.entity is not None}
    got = _own_place(ctx, d)
    target_place = _target_place(ctx, d)
    if got and target_place and coarseness(ctx, target_place[0]) < coarseness(ctx, got[0]):
        got = target_place  # "an attack on Kadji in the Tillaberi region": the village, not the region
    if not got and not d.nominal:
        got = _shared_place(ctx, d)
    if got:
        d.locations, d.loc_level = got, 1
        return
    # 2. places in the participants' phrases ("ISIS militants in the Sinai"), or "there"
    for h in d.arg_heads:
        holders = [h, *[o for p, o in preps(h) if p == "of"]]  # "followers of ISIS in Gaza"
        for x in holders:
            for p, o in preps(x):
                got = _first_place(ctx, o.subtree, avoid) if p in IN_PREPS else []
                if got:
                    d.locations, d.loc_level = got[:1], 2
                    return
    if target_place:
        d.locations, d.loc_level = target_place, 2
        return
    if prev is not None and any(t.lower_ == "there" and t.dep_ == "advmod" for c in cluster(ctx, d) for t in [c, *c.children]):
        d.locations, d.loc_level = [prev], 3
        return
    # 3. the finite clause, 4. the sentence (places that are not the participants first)
    clause = _finite_clause(d.token)
    para = ctx.para_of(d.token.idx)
    scopes = [(3, lambda: [t for t in clause.subtree if not _in_side_clause(t, clause, d.token) and ctx.para_of(t.idx) == para]),
              (4, lambda: [t for t in ctx.sent_tokens(d.token) if not _in_side_clause(t, clause, d.token)])]
    for level, scope_of in scopes:  # the sentence's tokens read only when the clause names no place
        scope = [t for t in scope_of() if not _in_attribution(t)]
        for av in (avoid, set()):
            got = _first_place(ctx, scope, av)
            if got:
                d.locations, d.loc_level = got[:1], level
                return
    # 5. the previous event of the paragraph, 6. the dominant place
    if prev is not None:
        d.locations, d.loc_level = [prev], 5
    elif dominant is not None and not held_area(ctx.doc.entities[dominant].name):
        ent = ctx.doc.entities[dominant]
        d.locations, d.loc_level = [Arg(ent.name, None, dominant)], 6


def _own_place(ctx: DocContext, d: Draft) -> list[Arg]:
    """The finest place named in the locative phrases or place objects of the trigger cluster;
    where a projectile came "from" only when nothing says where it struck."""
    found = list(_own_places(ctx, d))
    return min(found, key=lambda g: (g[0], coarseness(ctx, g[1][0]), -len(g[1])))[1] if found else []


def _own_places(ctx: DocContext, d: Draft):
    """(tier, places) in a locative phrase of the trigger cluster, or place objects (and their
    phrases); tier 1 for an origin ("fired from Idlib"), 0 otherwise."""
    extra = {t.i for t in d.extra}
    where = LOC_PREPS | ({"to", "into"} if d.frame == "deploy" else set())  # troops are sent where they go
    for t in cluster(ctx, d):
        for p, o in preps(t) if t.i not in extra else ():
            if p in where:
                got = _first_place(ctx, o.subtree, set())
                if got:
                    yield (1 if p == "from" else 0), got
        for o in kids(t, "dobj"):
            if o.lemma_.lower() == "control":  # "took control of the town of X"
                for p, o2 in preps(o):
                    got = _first_place(ctx, o2.subtree, set()) if p in ("of", "over") else []
                    if got:
                        yield 0, got
            split = _split_objects(ctx, o)
            if len(split) > 1:
                yield 0, split
            for h in conjuncts(o):
                named = [o2 for p, o2 in preps(h) if p == "of" and ctx.lex.has("territory", h.lemma_)]  # "the town of X"
                got = _first_place(ctx, [h, *kids(h, "appos"), *named], set())
                if got:
                    yield 0, _split_objects(ctx, o) or got
            for p, o2 in preps(o):
                if p in IN_PREPS:
                    got = _first_place(ctx, o2.subtree, set())
                    if got:
                        yield 0, got


def _shared_place(ctx: DocContext, d: Draft) -> list[Arg]:
    """"were shot and detained in Tula": coordinated verbs share the place phrase the
    parser hangs on the last one."""
    v = d.token
    others = [c for c in v.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    if v.dep_ == "conj" and v.head.pos_ == "VERB":
        others.append(v.head)
    for o in others:
        for p, x in preps(o):
            got = _first_place(ctx, x.subtree, set()) if p in IN_PREPS else []
            if got:
                return got
    return []


def _target_place(ctx: DocContext, d: Draft) -> list[Arg]:
    """A place the event is aimed at: "an attack on Kadji", "rockets fired towards Sderot"."""
    for t in cluster(ctx, d):
        for p, o in preps(t):
            got = _first_place(ctx, o.subtree, set()) if p in TARGET_PLACE_PREPS else []
            if got:
                return got
    return []


NEAR_PREPS = {"near", "outside", "around", "close", "towards", "toward", "off"}


def approximate(ctx: DocContext, a: Arg) -> bool:
    """The place is told as a landmark ("near Mogadishu", "outside Goma"), not as the spot."""
    span = ctx.arg_span(a)
    if span is None:
        return False
    t = span.root
    for _ in range(3):
        if t.dep_ == "pobj" and t.head.lower_ in NEAR_PREPS:
            return True
        if t.head.i == t.i or t.dep_ not in ("pobj", "prep", "compound", "appos", "conj"):
            return False
        t = t.head
    return False


REGION_WORDS = {"region", "province", "state", "district", "territory", "county", "department", "governorate", "area",
                "zone", "division", "prefecture", "oblast", "valley", "peninsula", "strip", "regency", "subdistrict"}
TOWN_WORDS = {"village", "town", "city", "hamlet", "camp", "commune", "municipality", "township", "neighbourhood",
              "neighborhood", "suburb", "locality"}


def coarseness(ctx: DocContext, a: Arg) -> int:
    """0 a named building, 1 a town, 2 unknown, 3 a region or country: the text's word first
    ("the Tillaberi region", "Kadji village"), then the geocoded precision."""
    if a.entity is not None and ctx.is_building(ctx.doc.entities[a.entity].name):
        return 0
    if a.span is not None:
        own = ctx.doc.text[a.span.start:a.span.end].lower().split()
        after = ctx.doc.text[a.span.end:a.span.end + 12].lower().split()
        # the kind word inside the name ("Mangu district") or just after it ("Mangu district" untagged)
        for word in ([own[-1]] if len(own) > 1 else []) + ([after[0].strip(",.")] if after else []):
            if word in REGION_WORDS:
                return 3
            if word in TOWN_WORDS:
                return 1
    if a.entity is not None and ctx.doc.entities[a.entity].geo is not None:
        return ctx.doc.entities[a.entity].geo.precision
    return 2


def _finite_clause(tok):
    """The clause of ``tok``, climbing out of infinitives and participles to the finite verb."""
    v = clause_head(tok)
    for _ in range(4):
        if v.dep_ in ("xcomp", "acl") or (v.dep_ == "conj" and v.head.pos_ in ("VERB", "AUX")):
            v = clause_head(v.head)
        else:
            break
    return v


SIDE_CLAUSES = ("advcl", "conj", "ccomp", "relcl", "parataxis", "acl")


def _in_side_clause(tok, clause, trigger=None) -> bool:
    """Inside another clause hanging off ``clause`` ("Marking ..., X plans"; "... pledges allegiance
    and accuses the government in Kinshasa"), unless the trigger sits in that clause too."""
    for anc in [tok, *tok.ancestors]:
        if anc.i == clause.i:
            return False
        if anc.dep_ in SIDE_CLAUSES and anc.head.i == clause.i and anc.pos_ in ("VERB", "AUX"):
            return trigger is None or not (anc.left_edge.i <= trigger.i <= anc.right_edge.i)
    return False


def _split_objects(ctx: DocContext, obj) -> list[Arg]:
    """"occupied two towns, A and B": every place in apposition / coordination with a plural
    object; under a place noun ("towns", "villages") a name is a place whatever its tagged type."""
    out: list[Arg] = []
    if obj.tag_ not in ("NNS", "NNPS") and not any(c.dep_ == "conj" for c in obj.children):
        return out
    place_noun = ctx.lex.has_tok("territory", obj)
    for t in _listed(obj):
        e = _loc_entity(ctx, t)
        if e is None and place_noun and t.pos_ == "PROPN" and t.dep_ in ("appos", "conj", "pobj"):
            name = ctx.mention_span(t) or Span(t.idx, t.idx + len(t.text))
            e_any = ctx.entity_of(t)
            arg = Arg(ctx.doc.text[name.start:name.end], name, e_any)
            if all(a.text != arg.text for a in out):
                out.append(arg)
            continue
        if e is not None and all(a.entity != e for a in out):
            out.append(Arg(ctx.doc.entities[e].name, ctx.mention_span(t) or Span(t.idx, t.idx + len(t.text)), e))
    return sorted(out, key=lambda a: a.span.start if a.span else 0)


def listed_places(ctx: DocContext, places: list[Arg]) -> bool:
    """The places are listed under a plural place noun ("two towns, A and B", "the villages of A
    and B"), not just coordinated ("captured A, B and C")."""
    span = ctx.arg_span(places[0])
    if span is None:
        return False
    t = span.root
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    h = t.head
    if t.dep_ == "pobj" and h.lower_ == "of":
        h = h.head  # "the villages of A and B"
    elif t.dep_ != "appos":
        return False
    return h.tag_ in ("NNS", "NNPS") and ctx.lex.has_tok("territory", h)


def _listed(obj) -> list:
    """The names listed with ``obj``: its appositions and their coordinated items ("A and (to) B")."""
    out, stack = [], [obj]
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ in ("appos", "conj") or (c.dep_ == "pobj" and t.dep_ == "conj"):
                stack.append(c)
    return out


def _in_attribution(tok) -> bool:
    """Inside the attribution of a statement: "a militant in Gaza told WND by phone from Gaza"."""
    for anc in tok.ancestors:
        if anc.lemma_ in SPEECH and anc.pos_ == "VERB":
            return tok.i < anc.i or any(c.dep_ in ("nsubj", "prep", "npadvmod", "dative") and c.i <= tok.i <= c.right_edge.i for c in anc.children if c.i > anc.i and c.dep_ != "ccomp")
        if anc.dep_ in ("ccomp",):
            return False
    return False
