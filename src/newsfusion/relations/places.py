"""Places: located_in between two places, or an organisation and its place.

Read off the words between two mentions (the parse of place chains is poor in
a small model, the wording is regular):

| form | example (inner -> outer) |
|---|---|
| comma chain, not a list | "Sitio A, Barangay B, Town"; a dateline "KOLO, North Region" |
| "in" / "located in" / "based in" | "Kolo village in Dara district", "X, located in northern Y", "(in the Y commune, Z territory)" |
| an administrative noun and "of" | "the Kolo district of Y province", "Kolo town of southern Y", "Kolo, the second city of Y" |
| a possessive | "Y province's Kolo village", "Y's southern port city of Kolo", "Y's capital Kolo" |
| a place word after the outer place | "the Y border town of Kolo", "the Y State capital Kolo" |
| a national adjective | "the Nigerian city of Kolo", "Kolo - the eastern Nigerian city" |
| "which includes" | "the Y department, which includes Kolo" |
| "X-based" | "a Kolo-based rights group, Z" |
| an organisation and its country | "the Egyptian newspaper Z", "Z, the Somali armed group", "Haiti's National Police" |

Never a country inside another place, never the items of a list ("Mali, Niger
and Chad"), never a larger place inside a smaller one when both are geocoded.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from ..gazetteer import country_by_iso, country_by_name, demonym_country
from ..model import Mention, Relation, Span
from .common import Ctx

ADMIN = (
    "city|town|village|capital|province|region|district|state|governorate|port|area|oasis|suburb|neighbou?rhood|camp|"
    "regency|commune|territory|county|municipality|barangay|sitio|prefecture|department|locality|sub-?district|township|"
    "parish|zone|division|emirate|oblast|canton|woreda|kebele|ward|enclave|valley|island|settlement|hamlet|quarter|"
    "borough|localities|villages|towns|cities"
)
DIR = r"(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?|central|upper|lower|occupied|far|mid|coastal|restive|remote)"
_SP = r"[ \t]+"
# a word that is no function word: "Syria's cultural heritage by Daesh" is no place chain
_CONTENT = r"(?!(?:by|of|in|on|at|for|with|from|to|and|or|but|the|a|an|is|are|was|were|has|had|have|said|says|that|which|who|as)\b)"
_ADJS = r"(?:[a-z][\w-]*[ \t]+){0,3}?"

# inner, then words, then the outer place
_INNER_FIRST = [
    # "Kolo, Dara", "Kolo, northern Dara" (a comma chain) -- checked against lists below
    ("chain", re.compile(r"(?:[ \t]+(?:" + ADMIN + r"))?,[ \t]+(?:" + DIR + r"[ \t]+)?", re.I)),
    # "Kolo in (the) (northern) Dara", "X, located in Y", "(in the Y commune", "X in the heart of Y"
    # "X, which lies in Y", "X, in the northeastern state of Y"
    ("in", re.compile(r",?[ \t]*(?:\(|,[ \t]+)?(?:(?:which|that)[ \t]+(?:is|are|was|lies|lie|lay|sits|sit)[ \t]+(?:[a-z]+[ \t]+){0,5}?)?(?:(?:located|situated|based|headquartered|established|founded|nestled|lying)[ \t]+)?(?:" + ADMIN + r")?[ \t]*in[ \t]+(?:the[ \t]+)?(?:" + DIR + r"[ \t]+)?(?:(?:part|heart|cent(?:re|er)|middle|(?:" + ADMIN + r"))[ \t]+of[ \t]+(?:the[ \t]+)?)?", re.I)),
    # "Kolo town of southern Dara", "Kolo, the second largest city of Dara", "Kolo district of Dara"
    ("of", re.compile(r"(?:,[ \t]+(?:(?:the|a)[ \t]+)?" + _ADJS + r"|[ \t]+" + _ADJS + r")(?:" + ADMIN + r")[ \t]+(?:of|in)[ \t]+(?:the[ \t]+)?(?:" + DIR + r"[ \t]+)?", re.I)),
    # "Kolo (Dara region)", "Kolo (northern Dara province)": a bracketed unit after the place
    ("paren", re.compile(r"[ \t]*\([ \t]*(?:" + DIR + r"[ \t]+)?", re.I)),
    # "the Nord department, which includes Kolo" (outer first, read backwards below)
]
_UNIT_THEN_UNIT = re.compile(r"[ \t]+(?:" + ADMIN + r")[ \t]+(?:[a-z-]+[ \t]+)?(?:" + ADMIN + r")[ \t]+of\b", re.I)
_UNIT_OF = re.compile(r"[ \t]+(?:" + ADMIN + r")[ \t]+of[ \t]+(?:the[ \t]+)?(?:" + DIR + r"[ \t]+)?", re.I)
_ADMIN_END = re.compile(r"\b(?:" + ADMIN + r")$", re.I)
_ADMIN_AFTER = re.compile(r"[ \t]+(?:" + ADMIN + r")\b", re.I)
_OF = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?(?:" + DIR + r"[ \t]+)?", re.I)
# outer, then words, then the inner place
_OUTER_FIRST = [
    # "Dara province's Kolo village", "Dara's southern port city of Kolo", "Dara's capital Kolo"
    ("poss", re.compile(r"(?:[ \t]+(?:" + ADMIN + r"))?['’]s?[ \t]+(?:" + _CONTENT + r"[\w-]+[ \t]+){0,3}?(?:(?:" + ADMIN + r")[ \t]+(?:of[ \t]+)?)?", re.I)),
    # "the Dara border town of Kolo", "the Dara State capital Kolo"
    ("admin", re.compile(r"[ \t]+(?:[a-z][\w-]*[ \t]+){0,2}?(?:(?:" + ADMIN + r")[ \t]+of|capital)[ \t]+", re.I)),
    ("includes", re.compile(r"(?:[ \t]+(?:" + ADMIN + r"))?,[ \t]+which[ \t]+(?:includes|contains|encompasses|comprises)[ \t]+(?:the[ \t]+)?", re.I)),
]
_PEOPLE_AFTER = re.compile(r"\s+(?:rulers|leaders|fighters|militants|members|officials|supporters|commanders|troops|soldiers|gunmen|forces|police|army|military|government|authorities)\b", re.I)
_FACILITY = re.compile(r"\b(?:brigade|battalion|base|barracks|camp|hospital|clinic|school|university|college|office|headquarters|station|post|prison|jail|embassy|consulate|mosque|church|market|bank|hotel|airport|compound|centre|center|mission|checkpoint|park|stadium)\b", re.I)
_DEMONYM_BEFORE = re.compile(r"\b(?:the|a|an)[ \t]+(?:[\w-]+[ \t]+){0,3}?([A-Z][a-z]+)[ \t]+(?:[a-z-]+[ \t]+)?(?:" + ADMIN + r")[ \t]+of[ \t]+$")
_DEMONYM_AFTER = re.compile(r"^[ \t]*(?:,|[–—-]{1,2})[ \t]*(?:the|a|an)[ \t]+(?:[\w-]+[ \t]+){0,4}?([A-Z][a-z]+)[ \t]+(?:[a-z-]+[ \t]+)?(?:" + ADMIN + r")\b")
_ORG_COUNTRY_BEFORE = re.compile(r"\bthe ([A-Z][a-z]+) (?:[a-z-]+ )?(newspaper|daily|broadcaster|channel|agency|news agency|outlet|television|radio|weekly|group|militia|movement|party|rebels?|army)\s+$")
_ORG_COUNTRY_AFTER = re.compile(r"^,[ \t]+(?:the|a|an)[ \t]+(?:[a-z-]+[ \t]+){0,2}?([A-Z][a-z]+)[ \t]+(?:[a-z-]+[ \t]+){0,2}?(newspaper|daily|broadcaster|channel|agency|outlet|television|radio|weekly|group|militia|movement|party|organi[sz]ation|rebels?|insurgents|jihadists)\b")
_BASED = re.compile(r"\b([A-Z][\w.’']*(?:[ -][A-Z][\w.’']*){0,3})-based\b")


def _kind(ctx: Ctx, e: int) -> str:
    """The entity's type, a body the recogniser typed ORG but named as a place
    ("the Nord department") counted as a place."""
    ent = ctx.doc.entities[e]
    if ent.type == "ORG" and ent.kind is None and _ADMIN_END.search(ent.name) and not re.search(r"\b(?:police|security|health|state|fire|defen[cs]e)\b", ent.name, re.I):
        return "LOCATION"
    return ent.type


def _is_country(ctx: Ctx, e: int) -> bool:
    ent = ctx.doc.entities[e]
    return country_by_name(ent.name) is not None


def _country_iso(ctx: Ctx, e: int) -> str | None:
    ent = ctx.doc.entities[e]
    c = country_by_name(ent.name)
    if c is not None:
        return c.iso2
    return ent.geo.country if ent.geo else ent.country


class _Places:
    def __init__(self, ctx: Ctx):
        self.ctx = ctx
        self.doc = ctx.doc
        self.ms = sorted((m for m in ctx.doc.mentions if m.entity is not None), key=lambda m: m.span.start)
        self.starting = {m.span.start: m for m in self.ms}
        self.starts = [m.span.start for m in self.ms]  # gap_to starts from the first mention after a

    def at(self, pos: int) -> Mention | None:
        return self.starting.get(pos)

    def fits(self, inner: int, outer: int, geo_country: bool = True) -> bool:
        """Whether ``inner`` can lie in ``outer``: not itself, not a country; with ``geo_country``
        also not geocoded as larger or to another country than ``outer`` (for bare chains,
        where the text says little; an explicit "X district of Y" outweighs the geocoder)."""
        ctx = self.ctx
        if inner == outer or _kind(ctx, outer) != "LOCATION":
            return False
        if ctx.type(inner) == "LOCATION" and _is_country(ctx, inner):
            return False
        gi, go = self.doc.entities[inner].geo, self.doc.entities[outer].geo
        if geo_country and gi and go and gi.lat is not None and go.lat is not None and gi.precision > go.precision:
            return False  # a region is not in a town (a place only put in a country has no point and no size)
        if geo_country and _is_country(ctx, outer):
            iso = _country_iso(ctx, outer)
            ci = gi.country if gi else None
            if ci and iso and ci != iso:
                return False
        return True

    def in_list(self, a: Mention, b: Mention) -> bool:
        """'Mali, Niger and Chad': a and b are items of one list, not a chain."""
        text = self.doc.text
        pos = b.span.end
        # run on over ", <place>" to the end of the run; a list ends in "and/or <place>"
        while True:
            m = re.match(r",[ \t]+", text[pos : pos + 3])
            nxt = self.at(pos + m.end()) if m else None
            if nxt is None:
                break
            pos = nxt.span.end
        if re.match(r",?[ \t]+(?:and|or|as well as)[ \t]+(?:the[ \t]+)?", text[pos : pos + 20]):
            m = re.match(r",?[ \t]+(?:and|or|as well as)[ \t]+(?:the[ \t]+)?", text[pos : pos + 20])
            if self.at(pos + m.end()) is not None:
                return True
        before = text[max(0, a.span.start - 3) : a.span.start]
        return bool(re.search(r",[ \t]*$", before)) and self._place_before(a.span.start) and _is_country(self.ctx, a.entity)

    def _place_before(self, pos: int) -> bool:
        return any(m.span.end in (pos - 2, pos - 1) and self.ctx.type(m.entity) == "LOCATION" for m in self.ms)

    def gap_to(self, a: Mention, rx: re.Pattern, ok=None, reach: int = 110):
        """The first mention after ``a`` (that ``ok`` accepts) whose gap from it the pattern matches whole."""
        text = self.doc.text
        end = a.span.end
        ms = self.ms
        for k in range(bisect_left(self.starts, end), len(ms)):
            b = ms[k]
            if b is a:
                continue
            if b.span.start > end + reach:
                break
            m = rx.fullmatch(text[end : b.span.start])
            if m is not None and (ok is None or ok(b)):
                return m, b
        return None, None

    def followed_by_possessive(self, m: Mention) -> bool:
        return bool(re.match(r"(?:[ \t]+(?:" + ADMIN + r"))?['’]s?\s", self.doc.text[m.span.end : m.span.end + 20], re.I))

    def rel(self, inner: Mention | int, outer: Mention | int, start: int, end: int, rule: str = "located") -> Relation:
        i = inner.entity if isinstance(inner, Mention) else inner
        o = outer.entity if isinstance(outer, Mention) else outer
        return Relation(self.ctx.name(i), "located_in", self.ctx.name(o), Span(start, end), i, o, rule=rule)


def located(ctx: Ctx) -> Iterator[Relation]:
    P = _Places(ctx)
    text = ctx.doc.text
    for a in P.ms:
        ta = _kind(ctx, a.entity)
        if ta == "PERSON":
            continue
        after = text[a.span.end : a.span.end + 120]
        for name, rx in _INNER_FIRST:
            m, b = P.gap_to(a, rx, lambda b: ctx.type(b.entity) != "PERSON")
            if b is None or not P.fits(a.entity, b.entity, geo_country=name == "chain"):
                continue
            if ta == "ORG" and not _org_may_be_in(ctx, a, m.group(0), name):
                continue
            if name == "paren" and not (text[b.span.end : b.span.end + 1] == ")" and (_ADMIN_END.search(b.text) or _is_country(ctx, b.entity))):
                continue  # "Kolo (Dara)" may be a gloss or another name; "Kolo (Dara region)" is not
            if name == "chain":
                if P.in_list(a, b) or P.followed_by_possessive(b) or (ta == "ORG" and not _FACILITY.search(a.text)):
                    continue
                if _variant(a.text, b.text):
                    continue  # "Khaybar, Khaibar": two spellings of one name
            if name in ("in", "of") and P.followed_by_possessive(b):
                # "Kumbo in Cameroon's English-speaking region of North West": in the possessed place
                _, c = P.gap_to(b, _OUTER_FIRST[0][1], lambda c: ctx.type(c.entity) == "LOCATION")
                if c is not None and P.fits(a.entity, c.entity, geo_country=False):
                    yield P.rel(a, c, a.span.start, c.span.end)
                continue
            if name == "of" and ta == "ORG":
                continue
            if name == "of" and ((_ADMIN_END.search(a.text) and _UNIT_OF.fullmatch(m.group(0))) or _UNIT_THEN_UNIT.match(m.group(0))):
                # "the Ouaka prefecture town of Bambari": the named unit holds the town
                if P.fits(b.entity, a.entity, geo_country=False):
                    yield P.rel(b, a, a.span.start, b.span.end)
                break
            yield P.rel(a, b, a.span.start, b.span.end)
            break
        # "the Kolo district of Dara": the administrative word inside the inner name
        if ta == "LOCATION" and _ADMIN_END.search(a.text):
            m, b = P.gap_to(a, _OF)
            # (the text says it outright: it outweighs the geocoder's guess of the two sizes)
            if b is not None and P.fits(a.entity, b.entity, geo_country=False):
                yield P.rel(a, b, a.span.start, b.span.end)
        # outer first
        if ta == "LOCATION":
            for name, rx in _OUTER_FIRST:
                m, b = P.gap_to(a, rx, lambda b: ctx.type(b.entity) != "PERSON" and not (ctx.type(b.entity) == "ORG" and _ADMIN_AFTER.match(text[b.span.end : b.span.end + 20])))
                if b is None:
                    continue
                if re.search(r"\b(?:twin|sister|neighbou?ring|nearby|rival|fellow|other)\b", m.group(0), re.I):
                    continue  # "X's twin city of Y" is beside X, not in it
                if name == "admin" and not (_is_country(ctx, a.entity) or "capital" in m.group(0).lower()):
                    continue  # "the Chad border town of Y"; but "Kolo town of Dara" is Kolo in Dara
                if ctx.type(b.entity) == "ORG":
                    if name != "poss" or _PEOPLE_AFTER.match(text[b.span.end : b.span.end + 20]) or text[b.span.end : b.span.end + 1] == "-":
                        continue  # "Gaza's Hamas rulers": the name qualifies people, not a body
                    if re.search(r"\b(?:" + ADMIN + r")\b", m.group(0), re.I):
                        continue
                    inst, place = ctx.doc.entities[b.entity], ctx.doc.entities[a.entity]
                    if inst.kind in ("state_force", "police", "government", "ministry") and inst.country and inst.country == place.country:
                        continue  # "Haiti's police", "Egypt's armed forces": the country's own institution, not a location
                    yield P.rel(b, a, a.span.start, b.span.end)
                    break
                if P.fits(b.entity, a.entity, geo_country=False):
                    yield P.rel(b, a, a.span.start, b.span.end)
                    break
        # "Kolo - the eastern Nigerian city", "Kolo, the Somali port city"
        if ta == "LOCATION":
            m = _DEMONYM_AFTER.match(after)
            if m is not None:
                c = _demonym_entity(ctx, m.group(1))
                if c is not None and P.fits(a.entity, c):
                    yield P.rel(a, c, a.span.start, a.span.end + m.end())
        # "ADF, the Ugandan rebel group"
        if ta == "ORG":
            m = _ORG_COUNTRY_AFTER.match(after)
            if m is not None:
                c = _demonym_entity(ctx, m.group(1))
                if c is not None:
                    yield P.rel(a, c, a.span.start, a.span.end + m.end())
        before = text[max(0, a.span.start - 80) : a.span.start]
        # "the Ukrainian city of Kremenchuk"
        if ta == "LOCATION":
            m = _DEMONYM_BEFORE.search(before)
            if m is not None:
                c = _demonym_entity(ctx, m.group(1))
                if c is not None and P.fits(a.entity, c):
                    yield P.rel(a, c, a.span.start - len(before) + m.start(), a.span.end)
        # "the Egyptian newspaper Al-Masry Al-Youm"
        if ta == "ORG":
            m = _ORG_COUNTRY_BEFORE.search(before)
            if m is not None:
                c = _demonym_entity(ctx, m.group(1), create=True)
                if c is not None:
                    yield Relation(ctx.name(a.entity), "located_in", c[1], Span(a.span.start - len(before) + m.start(), a.span.end), a.entity, c[0], rule="located")
    yield from _based(ctx, P)
    yield from _based_in(ctx)
    yield from _dateline(ctx, P)
    yield from _where(ctx)
    yield from _parenthesis(ctx, P)


def _variant(a: str, b: str) -> bool:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a.lower(), b.lower()).ratio() >= 0.75


def _org_may_be_in(ctx: Ctx, a: Mention, words: str, name: str) -> bool:
    """An organisation is in a place when the text says it is based there, or when it is a
    post, base or office ("a gendarmerie brigade in Kolo"), not whenever it acts there."""
    if re.search(r"\b(?:located|situated|based|headquartered|established|founded)\b", words):
        return True
    if _ADMIN_AFTER.match(words) and ctx.doc.entities[a.entity].kind is None:
        return True  # "Kolo village in ...": a place the recogniser took for a body
    return name in ("in", "chain") and bool(_FACILITY.search(a.text)) and "which" not in words


def _demonym_entity(ctx: Ctx, word: str, create: bool = False):
    iso = demonym_country(word)
    if iso is None:
        return None
    e = ctx.country_entity(iso)
    if not create:
        return e
    if e is not None:
        return e, ctx.name(e)
    country = country_by_iso(iso)
    return (None, country.name) if country is not None else None


def _based(ctx: Ctx, P: _Places) -> Iterator[Relation]:
    """'a London-based watchdog, Amnesty International': the organisation the phrase names is in the place."""
    text = ctx.doc.text
    for m in _BASED.finditer(text):
        place = next((x for x in P.ms if x.span.start >= m.start(1) and x.span.end <= m.end(1) and ctx.type(x.entity) == "LOCATION"), None)
        if place is None:
            place_e = next((i for i, e in enumerate(ctx.doc.entities) if e.type == "LOCATION" and m.group(1) in e.forms()), None)
        else:
            place_e = place.entity
        if place_e is None:
            continue
        org = next((x for x in P.ms if m.end() < x.span.start <= m.end() + 60 and ctx.type(x.entity) == "ORG"), None)
        if org is None or "." in text[m.end() : org.span.start] or "\n" in text[m.end() : org.span.start]:
            continue
        yield Relation(ctx.name(org.entity), "located_in", ctx.name(place_e), Span(m.start(), org.span.end), org.entity, place_e, rule="located")


_BASED_VERBS = {"base", "headquarter", "locate", "situate", "establish", "found", "station"}


def _based_in(ctx: Ctx) -> Iterator[Relation]:
    """'AQIM, an al-Qaeda branch based in Algeria': the body the participle describes is there."""
    from .groups import _org_holder

    for tok in ctx.sdoc:
        if tok.lemma_.lower() not in _BASED_VERBS or tok.tag_ != "VBN" or tok.dep_ not in ("acl", "amod", "relcl"):
            continue
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "in"), None)
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        place = ctx.ent(pobj) if pobj is not None else None
        if place is None or ctx.type(place) != "LOCATION":
            continue
        noun = tok.head
        who = ctx.ent(noun)
        if who is None:
            who = _org_holder(ctx, noun)
        if who is None or who == place or ctx.type(who) != "ORG":
            continue
        yield Relation(ctx.name(who), "located_in", ctx.name(place), ctx.span([noun, tok, pobj]), who, place, rule="located")


_DATELINE = re.compile(r"^([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3}),[ \t]+", re.M)


def _dateline(ctx: Ctx, P: _Places) -> Iterator[Relation]:
    """'KOLO, North Region (Reuters) -': the dateline's town lies in the place after it, even
    when the recogniser left the capitalised town out."""
    for m in _DATELINE.finditer(ctx.doc.text):
        if P.at(m.start()) is not None:
            continue  # a mention: the chain rule has it
        b = P.at(m.end())
        if b is None or ctx.type(b.entity) != "LOCATION":
            continue
        word = m.group(1).casefold()
        inner = next((i for i, e in enumerate(ctx.doc.entities) if e.type == "LOCATION" and any(f.casefold() == word for f in e.forms())), None)
        if inner is not None and P.fits(inner, b.entity):
            yield P.rel(inner, b, m.start(), b.span.end)


def _where(ctx: Ctx) -> Iterator[Relation]:
    """'the capital Nairobi, where gunmen attacked the Westgate shopping centre': a facility
    named in a 'where' clause is in the place the clause hangs on."""
    for tok in ctx.sdoc:
        if tok.lower_ != "where" or tok.dep_ != "advmod" or tok.head.dep_ != "relcl":
            continue
        verb, place = tok.head, tok.head.head
        outer = ctx.ent(place)
        if outer is None or _kind(ctx, outer) != "LOCATION":
            continue
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        objs += [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("at", "on", "in", "inside") for p in c.children if p.dep_ == "pobj"]
        for o in objs:
            e = ctx.ent_in(o, ("ORG", "LOCATION"))
            if e is None or e == outer or not (_FACILITY_NAME.search(ctx.name(e)) or _FACILITY_NAME.fullmatch(o.text)):
                continue
            yield Relation(ctx.name(e), "located_in", ctx.name(outer), ctx.span([place, tok, verb, *o.subtree]), e, outer, rule="located")


_FACILITY_NAME = re.compile(r"\b(?:cent(?:er|re)|mall|market|mosque|church|hospital|clinic|school|university|college|hotel|airport|stadium|camp|base|barracks|prison|station|embassy|bank|bridge|port|compound)\b", re.I)
_DIR_BEFORE = re.compile(r"\b" + DIR + r"[ \t]+$", re.I)


def _parenthesis(ctx: Ctx, P: "_Places") -> Iterator[Relation]:
    """'northeast Syria (Rojava)': the name in brackets after a part of a place is in it."""
    text = ctx.doc.text
    for a in P.ms:
        if _kind(ctx, a.entity) != "LOCATION" or not _DIR_BEFORE.search(text[max(0, a.span.start - 20) : a.span.start]):
            continue
        m = re.match(r"[ \t]*\([ \t]*", text[a.span.end : a.span.end + 5])
        b = P.at(a.span.end + m.end()) if m else None
        if b is None or _kind(ctx, b.entity) != "LOCATION" or text[b.span.end : b.span.end + 1] != ")":
            continue
        if P.fits(b.entity, a.entity):
            yield P.rel(b, a, a.span.start, b.span.end + 1)
