"""What the relation patterns share: word lists, the token-to-entity index, small helpers.

Every pattern names its two sides through :class:`Ctx`, so a subject or object is
always the canonical name of one of the article's entities (``doc.entities``):
a mention's entity, or, for a common noun ("the army", "police", "the
government", "a military officer"), the article's national institution entity
of that kind (see :meth:`Ctx.institution`).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from ..gazetteer import country_by_name, demonym_country
from ..model import Doc, Span
from ..parsing import conjuncts, token_indices

# A role noun: the predicate it gives its holder, and the kind of body it belongs
# to when the text names none ("Defence Minister X": the government).
ROLES: dict[str, tuple[str, str | None]] = {
    "spokesman": ("spokesperson_of", None), "spokeswoman": ("spokesperson_of", None),
    "spokesperson": ("spokesperson_of", None), "mouthpiece": ("spokesperson_of", None),
    "leader": ("leader_of", None), "head": ("leader_of", None), "chief": ("leader_of", None),
    "commander": ("leader_of", None), "founder": ("leader_of", None), "co-founder": ("leader_of", None),
    "emir": ("leader_of", None), "amir": ("leader_of", None), "chairman": ("leader_of", None),
    "chairwoman": ("leader_of", None), "chairperson": ("leader_of", None), "chair": ("leader_of", None),
    "ringleader": ("leader_of", None), "boss": ("leader_of", None), "director": ("leader_of", None),
    "president": ("leader_of", "government"), "premier": ("leader_of", "government"),
    "governor": ("leader_of", "place"), "mayor": ("leader_of", "place"),
    "member": ("member_of", None), "fighter": ("member_of", None), "militant": ("member_of", None),
    "aide": ("member_of", None), "adviser": ("member_of", None), "advisor": ("member_of", None),
    "deputy": ("member_of", None), "official": ("member_of", None), "operative": ("member_of", None),
    "officer": ("member_of", "army"), "soldier": ("member_of", "army"), "activist": ("member_of", None),
    "loyalist": ("member_of", None), "recruit": ("member_of", None), "minister": ("member_of", "government"),
    "lawmaker": ("member_of", None), "legislator": ("member_of", None), "senator": ("member_of", None),
    "correspondent": ("member_of", None), "reporter": ("member_of", None), "journalist": ("member_of", None),
    "researcher": ("member_of", None), "analyst": ("member_of", None), "policeman": ("member_of", "police"),
    "policewoman": ("member_of", "police"), "agent": ("member_of", None), "envoy": ("member_of", None),
    "negotiator": ("member_of", None), "staffer": ("member_of", None), "employee": ("member_of", None),
    "secretary": ("member_of", None), "representative": ("member_of", None), "delegate": ("member_of", None),
    "coordinator": ("member_of", None), "militiaman": ("member_of", None), "gunman": ("member_of", None),
    "commissioner": ("member_of", None),
}
# Military and police ranks: a member of the army (the police when the phrase says so).
RANKS = {
    "general", "gen", "gen.", "lieutenant", "lt", "lt.", "colonel", "col", "col.", "major", "maj", "maj.",
    "captain", "capt", "capt.", "sergeant", "sgt", "sgt.", "corporal", "cpl", "cpl.", "private", "pvt", "pvt.",
    "brigadier", "brig", "brig.", "admiral", "adm", "adm.", "marshal", "commodore", "inspector",
    "superintendent", "commissioner", "warrant", "lance", "staff", "first", "second",
}
# A qualifier that makes a role someone else's deputy or a former one.
DEPUTY_WORDS = {"deputy", "vice", "assistant", "acting", "associate"}
FORMER_WORDS = {"former", "ex", "ex-", "late", "onetime", "erstwhile", "would-be"}

# The national institutions a common noun names, by kind: the words that, alone or
# after a country's name or adjective, stand for that body.
INSTITUTION_WORDS: dict[str, str] = {
    "army": "army", "military": "army", "troops": "army", "soldiers": "army", "soldier": "army",
    "armed forces": "army", "defence forces": "army", "defense forces": "army", "junta": "army",
    "police": "police", "policemen": "police", "gendarmerie": "police", "gendarmes": "police",
    "government": "government", "cabinet": "government", "administration": "government",
    "regime": "government",
}
# The words an institution entity's name or alias holds, by kind.
INSTITUTION_NAMES: dict[str, tuple[str, ...]] = {
    "army": ("army", "military", "armed forces", "defence forces", "defense forces", "troops", "national army"),
    "police": ("police", "gendarmerie", "police force"),
    "government": ("government", "cabinet", "administration"),
}
INSTITUTION_KINDS: dict[str, tuple[str, ...]] = {
    "army": ("state_force", "military"),
    "police": ("police",),
    "government": ("government",),
}

ORG_ANAPHORS = {"group", "movement", "militia", "organisation", "organization", "faction", "network", "outfit", "rebels", "insurgents", "jihadists", "militants"}
UNIT_NOUNS = {"wing", "arm", "branch", "unit", "division", "faction", "offshoot", "bureau", "office", "cell", "battalion", "brigade", "province", "department", "ministry", "agency", "media"}
ALLY_LEMMAS = {"ally", "link", "affiliate", "tie", "align", "associate", "connect", "loyal"}
HOSTILE_VERBS = {"declare": "war", "wage": "war"}
NON_CLASSIFYING = {"rival", "other", "various", "several", "many", "some", "new", "old", "former", "small", "large", "big", "main", "major", "minor", "certain", "different", "numerous", "few", "such", "dozens", "most", "local", "both", "all", "more", "fellow"}
GROUP_NOUNS = {"group", "groups", "faction", "factions", "organization", "organizations", "organisation", "organisations", "movement", "movements", "militia", "militias", "network", "networks", "cell", "cells", "outfit", "outfits", "brigade", "brigades", "coalition", "alliance"}
SETTLEMENT_NOUNS = {"city", "town", "village", "capital", "province", "region", "district", "state", "governorate", "port", "area", "oasis", "suburb", "neighbourhood", "neighborhood", "camp"}
PLACE_KINDS = {"place", "government"}


# National capitals, which news reports use for their governments ("Moscow launched an
# invasion", "an insurgency against Ankara"): a capital acting, or fought by war, is a party.
CAPITALS = frozenset(c.lower() for c in (
    "Abu Dhabi", "Abuja", "Accra", "Addis Ababa", "Algiers", "Amman", "Ankara", "Antananarivo", "Ashgabat",
    "Asmara", "Astana", "Athens", "Baghdad", "Baku", "Bamako", "Bangkok", "Bangui", "Banjul", "Beijing", "Beirut",
    "Belgrade", "Berlin", "Bern", "Bishkek", "Bissau", "Bogota", "Bogotá", "Brasilia", "Brasília", "Bratislava",
    "Brazzaville", "Brussels", "Bucharest", "Budapest", "Buenos Aires", "Bujumbura", "Cairo", "Canberra", "Caracas",
    "Chisinau", "Colombo", "Conakry", "Copenhagen", "Dakar", "Damascus", "Dhaka", "Dili", "Djibouti", "Dodoma",
    "Doha", "Dublin", "Dushanbe", "Freetown", "Gaborone", "Gitega", "Hanoi", "Harare", "Havana", "Helsinki",
    "Islamabad", "Jakarta", "Jerusalem", "Juba", "Kabul", "Kampala", "Kathmandu", "Khartoum", "Kiev", "Kigali",
    "Kinshasa", "Kyiv", "Lilongwe", "Lima", "Lisbon", "Lome", "Lomé", "London", "Luanda", "Lusaka", "Madrid",
    "Malabo", "Managua", "Manila", "Maputo", "Maseru", "Mexico City", "Minsk", "Mogadishu", "Monrovia",
    "Montevideo", "Moscow", "Muscat", "Nairobi", "Naypyidaw", "Naypyitaw", "N'Djamena", "Ndjamena", "New Delhi",
    "Niamey", "Nicosia", "Nouakchott", "Oslo", "Ottawa", "Ouagadougou", "Paris", "Phnom Penh", "Port-au-Prince",
    "Prague", "Pretoria", "Pyongyang", "Quito", "Rabat", "Riyadh", "Rome", "Sanaa", "Sana'a", "Santiago",
    "Sarajevo", "Seoul", "Skopje", "Sofia", "Stockholm", "Taipei", "Tashkent", "Tbilisi", "Tegucigalpa", "Tehran",
    "Tel Aviv", "Tirana", "Tokyo", "Tripoli", "Tunis", "Ulaanbaatar", "Vienna", "Vientiane", "Vilnius", "Warsaw",
    "Washington", "Windhoek", "Yaounde", "Yaoundé", "Yerevan", "Zagreb",
))


def capital(ctx: "Ctx", tok) -> int | None:
    """The place entity ``tok`` names when that place is a national capital, else None."""
    e = ctx.ent(tok)
    if e is None or ctx.type(e) != "LOCATION":
        return None
    return e if any(f.lower().replace("’", "'") in CAPITALS for f in ctx.doc.entities[e].forms()) else None


def latest_org_before(ctx: "Ctx", pos: int, kinds=("armed_group", "militia", None), topic: bool = False) -> int | None:
    """The organisation an article last named before ``pos``: what "the group" refers to.
    With ``topic``, the last one that was a subject within the four sentences before (the
    group a new sentence goes on about), else the last one named."""
    cands = []
    for m in ctx.doc.mentions:
        if m.entity is None or m.span.end > pos or ctx.doc.entities[m.entity].type != "ORG":
            continue
        if ctx.doc.entities[m.entity].kind not in kinds:
            continue
        cands.append(m)
    if not cands:
        return None
    cands.sort(key=lambda m: m.span.start)
    if topic and ctx.sdoc is not None:
        sents = list(ctx.sdoc.sents)
        cur = next((k for k, s in enumerate(sents) if s.start_char <= pos < s.end_char), len(sents) - 1)
        window = sents[max(0, cur - 4) : cur + 1]
        for m in reversed(cands):
            if not any(s.start_char <= m.span.start < s.end_char for s in window):
                break
            toks = token_indices(ctx.sdoc, m.span)
            head = ctx.sdoc[toks[-1]] if toks else None
            while head is not None and head.dep_ in ("compound", "flat") and head.head is not head:
                head = head.head
            if head is not None and head.dep_ in ("nsubj", "nsubjpass"):
                return m.entity
    return cands[-1].entity


def latest_person_before(ctx: "Ctx", pos: int, window: int = 400) -> int | None:
    """The person an article last named before ``pos`` (within ``window`` characters): what "his" refers to."""
    best, best_pos = None, -1
    for m in ctx.doc.mentions:
        if m.entity is None or m.span.end > pos or pos - m.span.end > window or ctx.type(m.entity) != "PERSON":
            continue
        if m.span.start > best_pos:
            best, best_pos = m.entity, m.span.start
    return best


class Ctx:
    """What the patterns share: the doc, entity look-ups by token."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.sdoc = doc.nlp
        self.tok_ent: dict[int, int] = {}
        for m in doc.mentions:
            if m.entity is not None:
                for i in token_indices(self.sdoc, m.span):
                    self.tok_ent.setdefault(i, m.entity)
        self._country: str | None | bool = False
        # a person -> the organisation they speak for or lead, once the roles are read
        self.speaks_for: dict[int, int] = {}
        self.leaders: set[int] = set()  # persons who lead a body (leader_of found)
        self.described: set[int] = set()  # persons a role noun describes, its body found or not

    def ent(self, tok) -> int | None:
        return self.tok_ent.get(tok.i)

    @cached_property
    def _words(self) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
        lemmas: dict[str, list[int]] = {}
        forms: dict[str, list[int]] = {}
        for t in self.sdoc:
            lemmas.setdefault(t.lemma_.lower(), []).append(t.i)
            forms.setdefault(t.lower_, []).append(t.i)
        return lemmas, forms

    def tokens(self, lemmas: Iterable[str] = (), forms: Iterable[str] = ()) -> list:
        """The tokens with one of these (lowercased) lemmas or forms, in text order: a rule that
        looks for a few words visits those, not every token of the article (one pass, shared)."""
        by_lemma, by_form = self._words
        idx = sorted({i for w in lemmas for i in by_lemma.get(w, ())} | {i for w in forms for i in by_form.get(w, ())})
        return [self.sdoc[i] for i in idx]

    def entity_tokens(self) -> list:
        """The tokens of entity mentions, in text order."""
        return [self.sdoc[i] for i in sorted(self.tok_ent)]

    def name(self, idx: int) -> str:
        return self.doc.entities[idx].name

    def type(self, idx: int) -> str:
        return self.doc.entities[idx].type

    def ent_in(self, tok, types=("ORG", "PERSON", "LOCATION")) -> int | None:
        """The entity a phrase names: its head, else a compound/possessive inside it."""
        e = self.ent(tok)
        if e is not None and self.type(e) in types:
            return e
        # the name in the phrase before its owner: "Lebanon's Iran-backed Hezbollah group" is Hezbollah
        mods = sorted((c for c in tok.children if c.dep_ in ("compound", "poss", "nmod", "amod") and c.i < tok.i), key=lambda c: c.dep_ == "poss")
        for c in mods:
            e = self.ent(c)
            if e is not None and self.type(e) in types:
                return e
        return None

    # --- national institutions -------------------------------------------------

    def country_of(self, tok) -> str | None:
        """The country a word names or qualifies ("Chadian", "Nigeria", "Nigeria's"): its ISO code."""
        iso = demonym_country(tok.text)
        if iso is None:
            e = self.ent(tok)
            if e is not None and self.type(e) == "LOCATION":
                c = country_by_name(self.name(e)) or next((country_by_name(f) for f in self.doc.entities[e].forms() if country_by_name(f)), None)
                iso = c.iso2 if c is not None else None
            elif e is None:
                c = country_by_name(tok.text)
                iso = c.iso2 if c is not None and tok.pos_ == "PROPN" else None
        return iso

    def article_country(self) -> str | None:
        """The country the article is mostly about: the one its places are most often in."""
        if self._country is False:
            counts: dict[str, int] = {}
            for e in self.doc.entities:
                iso = e.country or (e.geo.country if e.geo else None)
                if iso and e.type in ("LOCATION", "ORG"):
                    counts[iso] = counts.get(iso, 0) + max(1, len(e.mentions))
            self._country = max(counts, key=counts.get) if counts else None
        return self._country or None

    def institution(self, kind: str, iso: str | None = None, word: str | None = None) -> int | None:
        """The article's entity for a national institution of ``kind`` (army, police, government):
        of country ``iso`` when given, else the one whose forms hold ``word`` as written, else the
        only one there is."""
        words = INSTITUTION_NAMES.get(kind, ())
        kinds = INSTITUTION_KINDS.get(kind, ())
        named, kinded = [], []
        for i, e in enumerate(self.doc.entities):
            if e.type != "ORG":
                continue
            forms = [f.lower() for f in e.forms()]
            if any(f.endswith(" " + w) or f == w or f == "the " + w for f in forms for w in words):
                named.append(i)
                if e.kind in kinds or e.kind is None and self._ent_country(i) is not None:
                    kinded.append(i)
            elif e.kind in kinds and kind != "army":
                kinded.append(i)
        # a state body ("Cameroonian government") before a name that merely ends in the word
        # ("Southern Cameroons Interim Government")
        cands = kinded or named
        if not cands:
            return None
        if iso is not None:
            own = [i for i in cands if self._ent_country(i) == iso]
            return own[0] if len(own) == 1 else (self._by_word(own, word) if own else None)
        if word is not None:
            hit = self._by_word(cands, word)
            if hit is not None:
                return hit
        if len(cands) == 1:
            return cands[0]
        home = self.article_country()
        own = [i for i in cands if self._ent_country(i) == home]
        return own[0] if len(own) == 1 else None

    def _by_word(self, cands: list[int], word: str | None) -> int | None:
        if word is None:
            return cands[0] if len(cands) == 1 else None
        w = word.lower()
        hits = [i for i in cands if any(f.lower() in (w, "the " + w) for f in self.doc.entities[i].forms())]
        if len(hits) == 1:
            return hits[0]
        hits = [i for i in cands if any(f.lower().endswith(" " + w) for f in self.doc.entities[i].forms())]
        return hits[0] if len(hits) == 1 else (cands[0] if len(cands) == 1 else None)

    def _ent_country(self, i: int) -> str | None:
        e = self.doc.entities[i]
        if e.country:
            return e.country
        first = e.name.split()[0] if e.name.split() else ""
        return demonym_country(first) or (country_by_name(first).iso2 if country_by_name(first) else None)

    def country_entity(self, iso: str) -> int | None:
        """The article's LOCATION entity for country ``iso``."""
        for i, e in enumerate(self.doc.entities):
            if e.type == "LOCATION":
                c = country_by_name(e.name)
                if c is not None and c.iso2 == iso:
                    return i
        return None

    def institution_of(self, tok) -> int | None:
        """The institution a common noun phrase names ("the army", "Chadian soldiers",
        "police", "Nigeria's government", "military" in "a military officer")."""
        low = tok.lower_
        if tok.pos_ == "PROPN" and any(c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" for c in tok.children):
            return None  # a word of a name ("Sudan People's Liberation Army")
        kind = INSTITUTION_WORDS.get(low) or INSTITUTION_WORDS.get(tok.lemma_.lower())
        if kind is None:
            prev = tok.doc[tok.i - 1] if tok.i > 0 else None
            if prev is not None and f"{prev.lower_} {low}" in INSTITUTION_WORDS:
                kind = INSTITUTION_WORDS[f"{prev.lower_} {low}"]
            else:
                return None
        iso = None
        for c in tok.children:
            if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < tok.i:
                iso = self.country_of(c) or iso
        if iso is None and tok.dep_ in ("amod", "compound"):
            for c in tok.head.children:
                if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < tok.i:
                    iso = self.country_of(c) or iso
        return self.institution(kind, iso, low)

    def resolve(self, tok, types=("ORG", "PERSON", "LOCATION")) -> int | None:
        """A phrase's entity: a name in it, else the national institution a common noun stands for."""
        e = self.ent_in(tok, types)
        if e is None and "ORG" in types:
            e = self.institution_of(tok)
        return e

    def span(self, toks) -> Span:
        toks = list(toks)
        return Span(min(t.idx for t in toks), max(t.idx + len(t) for t in toks))

    def sentence_span(self, tok) -> Span:
        return Span(tok.sent.start_char, tok.sent.end_char)

    def mention_tokens(self, ent: int, near) -> list[int]:
        """The token of ``ent``'s mention nearest to token ``near``."""
        best = None
        for i, e in self.tok_ent.items():
            if e == ent and (best is None or abs(i - near.i) < abs(best - near.i)):
                best = i
        return [best] if best is not None else []


def coordinated(tok) -> list:
    """``tok`` and what is coordinated with it, "as well as" included ("AMISOM as well as
    Kenya and Uganda": the parser hangs Kenya on the second "as")."""
    out = []
    for t in conjuncts(tok):
        out.append(t)
        for c in t.children:
            if c.dep_ == "cc" and c.lower_ == "as":
                for p in c.children:
                    if p.dep_ == "pobj":
                        out.extend(x for x in coordinated(p) if x not in out)
    return out


def describe(tok) -> str:
    """A short description of an unnamed group: the classifying words before the head
    ('rival Salafist groups' -> 'Salafist groups', 'masked militiamen')."""
    words = [tok.text]
    i = tok.i - 1
    while i >= tok.sent.start:
        t = tok.doc[i]
        if t.is_punct or t.pos_ in ("DET", "PRON", "ADP", "NUM", "CCONJ") or t.lower_ in NON_CLASSIFYING or t.like_num:
            break
        if t.pos_ not in ("ADJ", "NOUN", "PROPN", "VERB") or (t.pos_ == "VERB" and t.tag_ not in ("VBN", "VBD")):
            break
        words.insert(0, t.text)
        i -= 1
        if i - 1 >= tok.sent.start and tok.doc[i].text == "-" and not tok.doc[i].whitespace_:
            words.insert(0, tok.doc[i - 1].text + "-")  # "Gaza-based"
            words[0:2] = [words[0] + words[1]]
            i -= 2
    return " ".join(words)


def objects(ctx: Ctx, prep, types=("ORG", "PERSON", "LOCATION"), head_only: bool = False) -> list[int]:
    """Entities a preposition's objects name ('to Al-Qaeda and ISIS'); with ``head_only``
    'with ISIS ideology' names none (ISIS only modifies the noun)."""
    out = []
    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
        for t in coordinated(pobj):
            e = ctx.ent(t) if head_only else ctx.resolve(t, types)
            if e is not None and ctx.type(e) not in types:
                e = None
            if e is not None and e not in out:
                out.append(e)
    return out
