"""Candidate entity mentions: gazetteer matches, rules and the spaCy model.

Sources, strongest first (an overlap keeps the stronger one):

1. ``author``  the byline's name;
2. ``actor``   the actor gazetteer (armed groups, forces, bodies, outlets);
3. ``rule``    organisation names the model cuts short ("the Information
               Bureau" + "of the Aleppo Province");
4. ``place``   our place table and country names: the gazetteer wins over the
               model where the small model calls "Rafah" or "Sheikh Zuweid" a
               person;
5. ``model``   spaCy's PERSON/ORG/GPE/LOC/FAC; NORP (nationalities,
               religions) only when the gazetteer knows the group.

A longer model name that contains a gazetteer match ("Michael Jordan" over
the country "Jordan") keeps the model's reading when it is a full personal
name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..gazetteer import Actor, demonym_country, is_place_name, load_actors, load_places
from ..gazetteer.countries import country_table
from ..model import Doc
from .lexicon import entity_lexicon

PRIORITY = {"author": 0, "actor": 1, "rule": 2, "place": 3, "model": 4}
MODEL_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION"}
PLACE_PREPS = {"in", "at", "near", "from", "to", "into", "toward", "towards", "outside", "around", "across", "inside", "via", "through"}
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
_INNER_POSSESSIVE = re.compile(r"['’]s?\b\s")


@dataclass
class Cand:
    start: int
    end: int
    type: str
    source: str
    actor: Actor | None = None
    label: str = ""
    forms: list[str] = field(default_factory=list)  # extra surface forms found by rules
    inst: tuple[str, str] | None = None  # (country, institution) of "the army", "Kenyan police" (institutions.py)
    inst_head: str = ""  # the institution's head as written, lower case ("troops")
    inst_head_start: int = -1  # where the head starts (the country before it may be a place mention)
    inst_demonym: str | None = None  # the country's adjective as written in the phrase

    @property
    def length(self) -> int:
        return self.end - self.start


_DISAMBIGUATOR = re.compile(r"\s*\([^()]*\)$")


@lru_cache(maxsize=4)
def _matchers(vocab_id: int, nlp):
    """PhraseMatchers for actors (case-folded and exact-case) and places (exact case)."""
    from spacy.matcher import PhraseMatcher

    actors = load_actors()
    lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    forms: dict[str, Actor] = {}
    for form, actor in actors.patterns():
        key = f"A{len(forms)}"
        forms[key] = actor
        matcher = exact if form in actor.ambiguous else lower
        matcher.add(key, [nlp.make_doc(form)])
        bare = _DISAMBIGUATOR.sub("", form)
        if bare != form and actor.country:
            key = f"C{len(forms)}"  # "National News Agency (Lebanon)" written without its country
            forms[key] = actor
            lower.add(key, [nlp.make_doc(bare)])
    places = PhraseMatcher(nlp.vocab, attr="ORTH")
    names = {f for p in load_places().places for f in p.forms()}
    for country in country_table().by_iso.values():
        names.update(n for n in (country.name, *country.names) if len(n) >= 4 or n.replace(".", "").isupper())
    places.add("PLACE", [nlp.make_doc(n) for n in sorted(names) if n[:1].isupper()])
    return lower, exact, places, forms


def actor_candidates(doc: Doc) -> list[Cand]:
    sdoc = doc.nlp
    lower, exact, _, forms = _matchers(id(sdoc.vocab), _nlp_of(sdoc))
    by_span: dict[tuple[int, int], list[Actor]] = {}
    for matcher in (lower, exact):
        for key, start, end in matcher(sdoc):
            span = sdoc[start:end]
            if not any(ch.isupper() for ch in span.text):
                continue  # "the army" is not the actor "Army"
            name = sdoc.vocab.strings[key]
            actor = forms[name]
            if name.startswith("C") and actor.country not in _named_countries(doc):
                continue  # a name the gazetteer tells apart by its country, in an article not about it
            bucket = by_span.setdefault((span.start_char, span.end_char), [])
            if actor not in bucket:
                bucket.append(actor)
    out = []
    for (start, end), actors in by_span.items():
        actor = actors[0] if len(actors) == 1 else _disambiguate(doc, actors)
        if actor is not None:
            out.append(Cand(start, end, actor.type, "actor", actor))
    return out


def _named_countries(doc: Doc) -> set[str]:
    """Countries the article names, by name or adjective."""
    found = {c.iso2 for c in country_table().by_iso.values() if c.name in doc.text}
    found.update(iso for t in doc.nlp if t.text[:1].isupper() and (iso := demonym_country(t.text)))
    return found


def _disambiguate(doc: Doc, actors: list[Actor]) -> Actor | None:
    """'ADF' in an article that also says 'Allied Democratic Forces' is that group;
    otherwise the one based in a country the article names; otherwise nobody."""
    low = doc.text.lower()
    spelled = [a for a in actors if any(len(f) > 5 and f.lower() in low for f in a.forms())]
    if len(spelled) == 1:
        return spelled[0]
    countries = {c.iso2 for c in country_table().by_iso.values() if c.name in doc.text}
    local = [a for a in actors if a.country in countries]
    return local[0] if len(local) == 1 else None


def place_candidates_in(doc: Doc) -> list[Cand]:
    sdoc = doc.nlp
    _, _, places, _ = _matchers(id(sdoc.vocab), _nlp_of(sdoc))
    out = []
    for _, s, e in places(sdoc):
        span = sdoc[s:e]
        if _macro_region(span.text) and _modifier_only(span):
            continue  # "Mideast affairs", "their Middle East territories"
        out.append(Cand(span.start_char, span.end_char, "LOCATION", "place"))
    return out


def _macro_region(text: str) -> bool:
    """A region spanning countries (the Middle East, the Sahel), not a country's place."""
    return any(p.country is None for p in load_places().find(text))


def _nlp_of(sdoc):
    from ..stages.nlp import load_nlp

    return load_nlp()


def author_candidates(doc: Doc) -> list[Cand]:
    author = doc.article.author
    if not author:
        return []
    i = doc.text.find(author)
    return [Cand(i, i + len(author), "PERSON", "author")] if i >= 0 else []


def outlet_candidates(doc: Doc) -> list[Cand]:
    """The article's outlet, where its name stands in the text (a byline 'By X | Outlet')."""
    outlet = doc.article.outlet
    if not outlet or len(outlet) < 2:
        return []
    out = []
    for m in re.finditer(r"(?<![\w-])" + re.escape(outlet) + r"(?![\w-])", doc.text):
        out.append(Cand(m.start(), m.end(), "ORG", "author"))
    return out


def model_candidates(doc: Doc) -> list[Cand]:
    lex = entity_lexicon()
    out = []
    for ent in doc.nlp.ents:
        label = ent.label_
        typ = MODEL_TYPES.get(label)
        text = ent.text
        first = ent[0].text if ent[0].lower_ != "the" or len(ent) == 1 else ent[1].text
        last = ent[-1].text
        if label in ("PERSON", "ORG", "NORP") and len(ent) == 1 and demonym_country(text):
            continue  # "Gazan", "Egyptians": nationalities, not entities
        if last in lex.facility_heads and typ is not None:
            typ = "LOCATION"
        elif last in lex.org_heads and typ in ("PERSON", "LOCATION"):
            typ = "ORG"
        elif first in lex.kunya and len(ent) > 1 and label in ("GPE", "NORP", "ORG", "PERSON", "LOC"):
            typ = "PERSON"
        elif typ is None and label in ("LANGUAGE", "PRODUCT", "WORK_OF_ART", "EVENT", "NORP") and is_place_name(text):
            typ = "LOCATION"
        elif typ == "PERSON" and _strong_place_context(ent):
            typ, label = "LOCATION", "PLACE_CONTEXT"
        elif typ == "PERSON" and _place_context(ent) and is_place_name(text):
            typ = "LOCATION"
        elif typ in ("ORG", "LOCATION") and ent.start > 0 and ent.doc[ent.start - 1].lower_ in ROLE_NOUNS and not is_place_name(text):
            typ = "PERSON"  # "M23 spokesperson Willy Ngoma"
        elif typ == "ORG" and len(ent) == 1 and is_place_name(text):
            typ = "LOCATION"
        if typ is None:
            continue
        if len(ent) == 1 and ent[0].pos_ != "PROPN" and not ent.text.isupper() and not (typ == "LOCATION" and is_place_name(text)):
            continue  # "Eyewitnesses" opening a sentence is not a name
        if typ == "LOCATION" and _modifier_only(ent) and not is_place_name(ent.text):
            continue
        if typ == "PERSON" and _office_of(ent):
            continue  # "Deputy Commissioner of Humanitarian Aid": an office, not a person
        out.append(Cand(ent.start_char, ent.end_char, typ, "model", label=label))
    return out


PLACE_NOUNS = {"town", "towns", "city", "cities", "village", "villages", "province", "provinces", "district", "districts", "region", "regions", "area", "areas", "camp", "camps", "neighbourhood", "neighborhood", "state", "county", "locality", "localities", "municipality", "capital"}


OFFICES = {"commissioner", "minister", "ministry", "director", "secretary", "department", "office", "bureau", "head", "chief", "commission", "council", "committee", "university", "school", "institute", "court", "chamber", "house", "bank", "board", "agency", "authority"}


def _office_of(ent) -> bool:
    doc = ent.doc
    i = ent.start
    return i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in OFFICES


def _strong_place_context(ent) -> bool:
    """'the town of Nyanzale', 'the village of Mamuri': a place whatever the geocoder knows."""
    doc = ent.doc
    i = ent.start
    return i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in PLACE_NOUNS


def _place_context(ent) -> bool:
    """'in Rafah', 'two towns, Rafah and Sheikh Zuweid', 'the town of Rafah'."""
    doc = ent.doc
    prev = doc[ent.start - 1] if ent.start > 0 else None
    if prev is not None and prev.lower_ in PLACE_PREPS:
        return True
    if prev is not None and prev.lower_ == "of" and ent.start >= 2 and doc[ent.start - 2].lower_.rstrip("ern") in ("north", "south", "east", "west", "northwest", "northeast", "southwest", "southeast", "outskirts"):
        return True  # "west of Goma", "the outskirts of Goma"
    window = [t.lower_ for t in doc[max(0, ent.start - 4) : ent.start]]
    if any(w in PLACE_NOUNS for w in window):
        return True
    # "Goma, the capital of North Kivu"
    after = [t.lower_ for t in doc[ent.end : ent.end + 4]]
    if after[:1] == [","] and any(w in PLACE_NOUNS for w in after[1:]):
        return True
    # coordinated with a place: "between Beni and Oicha", "Rafah and Sheikh Zuweid"
    if prev is not None and prev.lower_ in ("and", "or", ",") and ent.start >= 2 and _placey(doc[ent.start - 2]):
        return True
    nxt = doc[ent.end] if ent.end < len(doc) else None
    return nxt is not None and nxt.lower_ in ("and", "or") and ent.end + 1 < len(doc) and _placey(doc[ent.end + 1])


def _placey(tok) -> bool:
    return tok.ent_type_ in ("GPE", "LOC", "FAC") or (tok.pos_ == "PROPN" and is_place_name(tok.text))


def _modifier_only(ent) -> bool:
    """'their Middle East territories': a region name used as a modifier, not a place."""
    last = ent[-1]
    return last.dep_ in ("compound", "amod", "nmod") and last.head.pos_ == "NOUN" and last.head.i >= ent.end and (len(ent) > 1 or _macro_region(ent.text))


def rule_candidates(doc: Doc) -> list[Cand]:
    """Organisation names the model cuts short: '<ORG ending in Bureau/Ministry/...> of (the) <Name>'."""
    lex = entity_lexicon()
    sdoc = doc.nlp
    out = []
    for ent in sdoc.ents:
        if ent.label_ != "ORG" or ent[-1].text not in lex.org_heads:
            continue
        j = ent.end
        if j < len(sdoc) and sdoc[j].lower_ == "of":
            k = j + 1
            if k < len(sdoc) and sdoc[k].lower_ == "the":
                k += 1
            m = k
            while m < len(sdoc) and sdoc[m].pos_ == "PROPN" and sdoc[m].text[:1].isupper():
                m += 1
            if m > k:
                out.append(Cand(ent.start_char, sdoc[m - 1].idx + len(sdoc[m - 1]), "ORG", "rule"))
    text = doc.text
    for m in _UNIT.finditer(text):  # "6th Infantry Division", "3rd Assault Brigade"
        out.append(Cand(m.start(), m.end(), "ORG", "rule"))
    for m in _FACILITY.finditer(text):  # "Saudi Hospital", "Al-Shifa Hospital"
        out.append(Cand(m.start(), m.end(), "LOCATION", "rule"))
    for m in _dateline_places(doc):
        out.append(m)
    for pat in (_PLACE_OF, _PLACE_APPOS):  # "the town of Nyanzale", "Goma, capital of North Kivu"
        for m in pat.finditer(text):
            out.append(Cand(m.start(1), m.end(1), "LOCATION", "rule", label="PLACE_CONTEXT"))
    return out


_PLACE_APPOS = re.compile(r"\b((?:(?:al|el|Al|El)-)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}),\s+(?:the\s+)?(?:[a-z]+\s+){0,3}(?:capital|city|town|village|port|hub)\s+(?:of|in)\b")


_PLACE_OF = re.compile(r"\b(?:town|village|city|district|region|province|commune|locality|municipality|area)\s+of\s+((?:(?:al|el|Al|El)-)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})")


_UNIT = re.compile(r"\b\d{1,3}(?:st|nd|rd|th)\s+(?:[A-Z][a-z]+\s+){0,3}(?:Division|Brigade|Battalion|Regiment|Corps|Army|Infantry|Squadron|Company|Group|Fleet|Command)\b")
_FACILITY = re.compile(r"\b(?:(?:Al|al|El|el)-)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}\s+(?:Hospital|Mosque|Cathedral|Church|Airport|Prison|Stadium|Refinery|Barracks|Air Base|Airbase|Camp)\b")


def _dateline_places(doc: Doc) -> list[Cand]:
    """'BEIRUT:', 'GOMA, Congo (Reuters) -': the place a dateline names."""
    from ..stages.nlp import _DATELINE

    out = []
    starts = [0] + [m.end() for m in re.finditer(r"\n\s*", doc.text)]
    for pos in starts:
        m = _DATELINE.match(doc.text, pos)
        if not m:
            continue
        name = re.match(r"[A-Za-z'’ .-]+", doc.text[pos : m.end()]).group(0).strip(" .-")
        if name and is_place_name(name.title() if name.isupper() else name):
            out.append(Cand(pos, pos + len(name), "LOCATION", "place"))
    return out


ROLE_NOUNS = {"spokesman", "spokeswoman", "spokesperson", "leader", "commander", "chief", "head", "member", "official", "officer", "minister", "governor", "mayor", "general", "colonel", "captain", "aide", "adviser", "advisor", "deputy", "director", "president", "founder", "emir", "militant", "fighter", "resident", "witness", "analyst", "researcher", "journalist", "correspondent", "doctor", "activist", "lawyer", "envoy", "ambassador", "secretary", "chairman", "chairwoman", "lieutenant", "sergeant", "soldier", "father", "mother", "son", "daughter", "brother", "wife", "husband", "farmer", "teacher", "trader", "student", "villager", "survivor", "victim", "cleric", "imam", "priest", "pastor", "chief"}


def name_candidates(doc: Doc, taken: list[Cand]) -> list[Cand]:
    """Personal names the model missed: two or three capitalised words set off by a
    role ('Ousmane Diallo, a JNIM commander', 'spokesman Ali Rage')."""
    sdoc = doc.nlp
    lex = entity_lexicon()
    out = []
    i = 0
    while i < len(sdoc):
        j = i
        while j < len(sdoc) and sdoc[j].pos_ == "PROPN" and sdoc[j].text[:1].isupper() and sdoc[j].text.isalpha():
            j += 1
        if 2 <= j - i <= 4:
            span = sdoc[i:j]
            s, e = span.start_char, span.end_char
            if not any(c.start < e and s < c.end for c in taken) and not is_place_name(span.text) and not any(t.text in lex.titles for t in span):
                after = [t.lower_ for t in sdoc[j : j + 4]]
                before = sdoc[i - 1].lower_ if i > 0 else ""
                role_after = after[:1] == [","] and any(w in ROLE_NOUNS for w in after[1:])
                role_before = before in ROLE_NOUNS
                if role_after or role_before:
                    out.append(Cand(s, e, "PERSON", "model", label="RULE"))
        i = max(j, i + 1)
    return out


def surname_candidates(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """A person's surname used alone ('Chérizier', 'Lazarre'): a mention of a person,
    joined to the full name by the part-name rule."""
    out = []
    lasts = {}
    for c in cands:
        words = doc.text[c.start : c.end].split()
        if c.type == "PERSON" and len(words) >= 2 and len(words[-1]) >= 4 and words[-1][:1].isupper():
            lasts.setdefault(words[-1], c)
    for last in lasts:
        if is_place_name(last) or load_actors().lookup(last):
            continue
        for m in re.finditer(r"(?<![\w-])" + re.escape(last) + r"(?![\w-])", doc.text):
            if not any(c.start <= m.start() < c.end for c in cands):
                out.append(Cand(m.start(), m.end(), "PERSON", "model", label="SURNAME"))
    return out


def expand_person(doc: Doc, c: Cand) -> Cand:
    """'Abu Al-Ayna' + ' al-Ansari': extend a personal name over following name tokens."""
    sdoc = doc.nlp
    lex = entity_lexicon()
    span = sdoc.char_span(c.start, c.end, alignment_mode="expand")
    if span is None:
        return c
    j = span.end
    while j < len(sdoc):
        t = sdoc[j]
        if t.text in lex.name_particles and j + 2 < len(sdoc) and sdoc[j + 1].text == "-" and sdoc[j + 2].text[:1].isupper():
            j += 3
        elif t.text == "-" and j + 1 < len(sdoc) and sdoc[j + 1].text[:1].isupper() and sdoc[j - 1].text in lex.name_particles:
            j += 2
        elif t.pos_ == "PROPN" and t.text[:1].isupper() and t.ent_type_ in ("", "PERSON", "GPE", "NORP") and not t.is_sent_start and t.text not in lex.titles:
            j += 1
        else:
            break
    if j > span.end:
        return Cand(c.start, sdoc[j - 1].idx + len(sdoc[j - 1]), c.type, c.source, c.actor, c.label, c.forms)
    return c


_IZAFAT = re.compile(r"(?:-(?:e|i|ul|ur|ud|us|ut|un|al|el)-[A-Z][\w'’]*)+")
_CONTROLLED = re.compile(r"[\w'’]+(?: [A-Z][\w'’]+)?-(?:controlled|run|led|backed|allied|linked|tied|affiliated|aligned|supported|sponsored|funded|held)\s+")


def trim(doc: Doc, c: Cand) -> Cand | None:
    """Strip a leading 'the', a trailing possessive and punctuation; cut at an inner possessive."""
    text = doc.text[c.start : c.end]
    start, end = c.start, c.end
    m = re.match(r"(?i)(the|a|an|their|its|his|her)\s+", text)
    if m:
        start += m.end()
    text = doc.text[start:end]
    ctl = _CONTROLLED.match(text)
    if ctl and c.source == "model":
        start += ctl.end()  # "Hamas-run Health Ministry": Hamas is its own mention
    izafat = _IZAFAT.match(doc.text, end)
    if izafat:
        end = izafat.end()  # "Tehreek-e-Jihad", "Lashkar-e-Taiba": the name goes on
    text = doc.text[start:end]
    if "\n" in text.strip():
        end = start + text.index("\n", len(text) - len(text.lstrip()))  # a name never runs across lines
    text = doc.text[start:end]
    paren = re.search(r"\s*[(\[]", text)
    if paren and paren.start() > 0:
        end = start + paren.start()  # "Allied Democratic Forces (ADF": the bracket is another mention
    text = doc.text[start:end]
    inner = _INNER_POSSESSIVE.search(text)
    if inner and c.source in ("model", "rule"):
        end = start + inner.start()
    text = doc.text[start:end]
    pm = _POSSESSIVE.search(text)
    if pm:
        end = start + pm.start()
    while end > start and doc.text[end - 1] in " ,.;:-–—'’\"”)":
        if doc.text[end - 1] == "." and re.search(r"(?:\b[A-Z]\.)+$", doc.text[start:end]):
            break  # "U.N.", "U.S.": the dot belongs to the abbreviation
        end -= 1
    if c.type == "LOCATION" and c.source == "model":
        low = re.search(r"\s+(?:region|province|state|district|territory|governorate|county|area)$", doc.text[start:end])
        if low:
            end = start + low.start()  # "the Lower Shabelle region" -> "Lower Shabelle"
    tail = re.search(r"(?:\s+(?:of|and|the|for|in|on|at))+$", doc.text[start:end])
    if tail:
        end = start + tail.start()  # "the Joint Force of the": the model stopped mid-name
    if end <= start:
        return None
    return Cand(start, end, c.type, c.source, c.actor, c.label, c.forms)


def plausible(doc: Doc, c: Cand) -> bool:
    lex = entity_lexicon()
    text = doc.text[c.start : c.end]
    if c.source in ("actor", "author"):
        return True
    words = re.findall(r"[\w']+", text)
    if not words or not re.search(r"[A-Za-z]", text):
        return False
    first = words[0]
    if not first[:1].isupper() and first not in lex.name_particles and not first.startswith(("al-", "el-")):
        return False
    if c.source == "model" and (words[-1].lower() in lex.not_entities or all(w.lower() in lex.not_entities for w in words)):
        return False  # "Islamists", "State of the Caliphate"; but "Islamic Resistance" stays
    if len(text) < 2:
        return False
    if all(w in lex.titles or w.lower() in ("lieutenant", "general", "major", "colonel", "captain") for w in words):
        return False  # "Major General", "Colonel": a rank, not a name
    return True


def resolve_overlaps(cands: list[Cand], doc: Doc) -> list[Cand]:
    def rank(c: Cand):
        return (PRIORITY[c.source], -c.length)

    kept: list[Cand] = []
    for c in sorted(cands, key=rank):
        clash = [k for k in kept if k.start < c.end and c.start < k.end]
        if not clash:
            kept.append(c)
            continue
        # an organisation named after another: "the Joint Force of the SAF"
        if c.source == "rule" and all(k.source in ("actor", "place") and c.start <= k.start and k.end <= c.end and k.length < c.length for k in clash):
            for k in clash:
                kept.remove(k)
            kept.append(c)
            continue
        # a longer model name over a place word inside it: a full personal name
        # ("Michael Jordan"), or a body named after its country ("Israel Defense Forces")
        if c.source == "model" and all(k.source == "place" and c.start <= k.start and k.end <= c.end and k.length < c.length for k in clash) and _named_longer(doc, c):
            for k in clash:
                kept.remove(k)
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def _named_longer(doc: Doc, c: Cand) -> bool:
    lex = entity_lexicon()
    words = doc.text[c.start : c.end].split()
    if c.type == "PERSON":
        return len(words) >= 2
    if c.type == "LOCATION" and (words[0] in lex.directions or is_place_name(" ".join(words))):
        return True  # "North Darfur" over "Darfur"
    return words[-1] in lex.org_heads or words[-1] in lex.facility_heads or words[-1] in lex.place_suffixes


def recognize(doc: Doc) -> list[Cand]:
    raw = author_candidates(doc) + outlet_candidates(doc) + actor_candidates(doc) + rule_candidates(doc) + place_candidates_in(doc) + model_candidates(doc)
    raw += name_candidates(doc, raw)
    raw += surname_candidates(doc, [c for c in raw if c.source != "place"])
    cands = []
    for c in raw:
        t = trim(doc, c)
        if t is None or not plausible(doc, t):
            continue
        if t.type == "PERSON" and t.source == "model":
            t = expand_person(doc, t)
        cands.append(t)
    return resolve_overlaps(cands, doc)
