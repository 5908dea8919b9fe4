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
from ..parseview import spacy_doc
from .lexicon import entity_lexicon
from .occurrences import occurrences

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
            key = f"C{len(forms)}"  # "General Intelligence Directorate (Egypt)" written without its country
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
    named: set[str] | None = None
    for matcher in (lower, exact):
        for key, start, end in matcher(spacy_doc(sdoc)):
            span = sdoc[start:end]
            if not any(ch.isupper() for ch in span.text):
                continue  # "the army" is not the actor "Army"
            name = sdoc.vocab.strings[key]
            actor = forms[name]
            if name.startswith("C") or _generic_state_form(actor, span.text) or _bare_acronym(doc, actor, span.text):
                named = _named_countries(doc) if named is None else named
                if actor.country not in named:
                    continue  # "Border Police", "(Lebanon)", "ONA": a country's body, in an article not about that country
            bucket = by_span.setdefault((span.start_char, span.end_char), [])
            if actor not in bucket:
                bucket.append(actor)
    out = []
    titles = [t for t in entity_lexicon().titles if " " in t]
    for (start, end), actors in by_span.items():
        if any(doc.text.startswith(t, start) or doc.text[max(0, start - len(t)) : end].endswith(t) for t in titles):
            continue  # "Vice" of "Vice President" is no outlet
        actor = actors[0] if len(actors) == 1 else _disambiguate(doc, actors)
        if actor is not None:
            out.append(Cand(start, end, actor.type, "actor", actor))
    return out


_STATE_KINDS = {"state_force", "police", "government", "ministry", "intelligence"}
_GENERIC_WORDS = {"border", "federal", "national", "special", "republican", "presidential", "security", "general", "state",
                  "central", "counter", "terrorism", "counter-terrorism", "intelligence", "media", "government", "air",
                  "naval", "coast", "reserve", "rapid", "intervention", "royal", "internal", "public", "armed", "defence",
                  "defense", "forces", "force", "police", "army", "military", "navy", "guard", "guards", "ministry",
                  "office", "service", "services", "agency", "directorate", "command", "department", "authority",
                  "council", "unit", "corps", "brigade", "division", "gendarmerie", "of", "the", "and", "for"}


def _generic_state_form(actor: Actor, text: str) -> bool:
    """A state body's form made of generic words only ('Border Police', 'Federal Police',
    'Interior Ministry'): it names that country's body only in an article about the country."""
    if actor.country is None or actor.kind not in _STATE_KINDS:
        return False
    lex = entity_lexicon()
    words = [w for w in re.split(r"[\s'’]+", text.lower()) if w and w != "s"]
    return bool(words) and all(w in _GENERIC_WORDS or w in lex.ministry_topics for w in words)


def _bare_acronym(doc: Doc, actor: Actor, text: str) -> bool:
    """A short acronym ('PLA', 'NSS') of a state body tied to one country, whose longer names
    the article never writes: another body's initials as likely as this one's. Armed groups'
    and agencies' initials ('M23', 'AFP') travel with them and are kept."""
    if actor.country is None or actor.kind not in _STATE_KINDS or not text.replace(".", "").isupper() or len(text) > 3:
        return False
    low = doc.text.lower()
    return not any(len(f) > 5 and f.lower() in low for f in actor.forms())


def _named_countries(doc: Doc) -> set[str]:
    """Countries the article names, by any of their names ('DRC', 'Congo') or adjective."""
    found = {c.iso2 for c in country_table().by_iso.values() if c.name in doc.text}
    toks = [t for t in doc.nlp if not t.is_space]
    for k, t in enumerate(toks):
        if not t.text[:1].isupper():
            continue
        if iso := demonym_country(t.text):
            found.add(iso)
        for n in (1, 2, 3):
            words = " ".join(x.text for x in toks[k : k + n])
            country = country_table().by_any_name(words) if len(words) >= 2 else None
            if country is not None:
                found.add(country.iso2)
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
    for _, s, e in places(spacy_doc(sdoc)):
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
        if len(ent) == 1 and demonym_country(text) and (label in ("PERSON", "ORG", "NORP") or country_table().by_any_name(text) is None):
            continue  # "Gazan", "Egyptians", "Saudi": nationalities, not entities
        if len(ent) == 1 and text.lower() in lex.description_nouns:
            continue  # "Gunmen" opening a sentence names no one
        if ent[-1].lower_ in lex.weapon_words and typ in ("ORG", "PERSON"):
            continue  # "Rocket Propelled Grenades": a weapon, not an actor
        if typ == "PERSON" and len(ent) > 1 and ent[-1].text in lex.outlet_words:
            typ = "ORG"  # "reports Deccan Herald": a newspaper
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
    """Organisation names the model cuts short: '<ORG ending in Bureau/Ministry/...> of/for (the) <Name>'."""
    lex = entity_lexicon()
    sdoc = doc.nlp
    out = []
    for ent in sdoc.ents:
        if ent.label_ != "ORG" or ent[-1].text not in lex.org_heads:
            continue
        j = ent.end
        if j < len(sdoc) and sdoc[j].lower_ in ("of", "for"):
            k = j + 1
            if k < len(sdoc) and sdoc[k].lower_ == "the":
                k += 1
            m = k
            while m < len(sdoc) and sdoc[m].pos_ in ("PROPN", "ADJ", "NOUN") and sdoc[m].text[:1].isupper():
                m += 1  # "Committee for Sudanese Doctors": capitalised words the tagger read as adjective or noun
            while m > k and sdoc[m - 1].pos_ == "ADJ":
                m -= 1  # "Committee for Kurdish refugees": a name does not end on an adjective
            if m > k:
                out.append(Cand(ent.start_char, sdoc[m - 1].idx + len(sdoc[m - 1]), "ORG", "rule"))
    text = doc.text
    for m in _UNIT.finditer(text):  # "6th Infantry Division", "3rd Assault Brigade"
        out.append(Cand(m.start(), m.end(), "ORG", "rule"))
    out += admin_place_candidates(doc) + facility_candidates(doc)
    for m in _dateline_places(doc):
        out.append(m)
    for m in _NICKNAME.finditer(text):  # 'a rebel commander known as "General Sky Hawk"'
        out.append(Cand(m.start("n"), m.end("n"), "PERSON", "model", label="NICKNAME"))
    for pat in (_PLACE_OF, _PLACE_APPOS):  # "the town of Nyanzale", "Goma, capital of North Kivu"
        for m in pat.finditer(text):
            out.append(Cand(m.start(1), m.end(1), "LOCATION", "rule", label="PLACE_CONTEXT"))
    return out


_NICKNAME = re.compile(
    r"\b(?:commander|leader|warlord|chief|fighter|militant|man|general|boss|kingpin|rebel|gunman)\s+"
    r"(?:(?:who\s+(?:is|was)\s+)?(?:also\s+|better\s+|popularly\s+)?known\s+as|nicknamed|dubbed|alias)\s+[\"“](?P<n>[A-Z][^\"”\n]{1,40})[\"”]"
)
_PLACE_APPOS = re.compile(r"\b((?:(?:al|el|Al|El)-)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}),\s+(?:the\s+|an?\s+)?(?:[a-z]+\s+){0,3}(?:capital|city|town|village|port|hub|favela|slum|neighbou?rhood|suburb|district|settlement|township|municipality|commune|locality|province|region|camp|oasis|island)\s+(?:(?:located|situated|lying)\s+)?(?:of|in|near)\b")


_PLACE_OF = re.compile(r"\b(?:town|village|city|district|region|province|commune|locality|municipality|area)\s+of\s+((?:(?:al|el|Al|El)-)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})")


_UNIT = re.compile(r"\b\d{1,3}(?:st|nd|rd|th)\s+(?:[A-Z][a-z]+\s+){0,3}(?:Division|Brigade|Battalion|Regiment|Corps|Army|Infantry|Squadron|Company|Group|Fleet|Command)\b")


_NAME = r"(?:(?:al|el|Al|El)[-\s]|(?:ad|ar|as|ash|an|at|az)-)?[A-Z][\w'’-]*(?:\s+(?:(?:al|el|de|du|la|des|wa)[-\s])?[A-Z][\w'’-]*){0,3}"
_LEAD = {"The", "A", "An", "This", "That", "These", "Its", "Their", "His", "Her", "Each", "Every", "Another", "One",
         "Some", "Our", "In", "On", "At", "For", "From", "Of", "And", "But", "As", "By", "Near", "Outside", "Inside",
         "Across", "Into", "To", "With", "While", "When", "After", "Before", "Since", "Meanwhile", "Last", "Next"}


@lru_cache(maxsize=1)
def _admin_re() -> re.Pattern:
    words = sorted(entity_lexicon().admin_words, key=len, reverse=True)
    return re.compile(r"(?<![\w'’-])(" + _NAME + r")\s+((?i:" + "|".join(re.escape(w) for w in words) + r"))\b")


def _name_part(doc: Doc, start: int, name: str) -> tuple[int, str] | None:
    """Drop capitalised function words opening a name ('In Bama' -> 'Bama'); None when nothing is left
    or what is left is no place name (a demonym, a country, a weekday, an organisation word)."""
    lex = entity_lexicon()
    words = name.split()
    while words and words[0] in _LEAD:
        start += len(words[0]) + 1
        while start < len(doc.text) and doc.text[start] == " ":
            start += 1
        words = words[1:]
    if not words:
        return None
    poss = [k for k, w in enumerate(words) if re.search(r"['’]s$", w)]
    if poss and poss[-1] < len(words) - 1:  # "Sudan's Darfur region": the name is what follows the possessor
        cut = poss[-1] + 1
        start = doc.text.index(words[cut], start + sum(len(w) + 1 for w in words[:cut]) - 1)
        words = words[cut:]
    name = " ".join(words)
    if demonym_country(name) or country_table().by_any_name(name) is not None:
        return None
    if any(demonym_country(part) for part in re.split(r"[-\s]", name)) and not is_place_name(name):
        return None  # "the Iraqi-Syrian state border"
    span = doc.nlp.char_span(start, start + len(name), alignment_mode="expand")
    if span is not None and all(t.pos_ == "ADJ" for t in span if not t.is_punct):
        return None  # "a Kurdish state", "the Anglophone region": an adjective, not a name
    if any(w.lower() in lex.not_entities or w in lex.titles or w in lex.org_heads for w in words):
        return None
    return start, name


def admin_place_candidates(doc: Doc) -> list[Cand]:
    """'Harmal province', 'Kot township', 'Dabbo village', 'Zamzam camp': the administrative word
    belongs to the place (GUIDE), and the name before it is a place whatever the model read.
    The bare name is kept as a form ('Harmal' of 'Harmal province')."""
    lex = entity_lexicon()
    out = []
    for m in _admin_re().finditer(doc.text):
        part = _name_part(doc, m.start(1), m.group(1))
        if part is None:
            continue
        start, name = part
        word = m.group(2)
        if word[:1].isupper() and (word in lex.admin_weak_capitalised or word.lower() not in lex.admin_words) and not is_place_name(name):
            continue  # "Islamic State", "Defence Department": not a place with its administrative word
        if word.lower() == "state" and (re.search(r"\bthe\s+$", doc.text[max(0, start - 5) : start], re.I) or not is_place_name(name)):
            continue  # "the Sahel state", "the Gulf state": an epithet of a country, not "Kaduna state"
        c = Cand(start, m.end(2), "LOCATION", "rule", label="PLACE_CONTEXT")
        if word.islower() and name.split()[0] not in _FEATURE_WORDS:
            c.forms = [name]  # "Harmal" of "Harmal province"; but "Lake Kivu" is not its region, "Gaza" not "Gaza City"
        out.append(c)
    for m in _FEATURE_RE.finditer(doc.text):  # "Lake Kivu", "River Niger", "Mount Elgon"
        out.append(Cand(m.start(), m.end(), "LOCATION", "rule", label="PLACE_CONTEXT"))
    return out


_FEATURE_WORDS = {"Lake", "River", "Mount", "Mt.", "Gulf", "Bay", "Sea", "Cape", "Lac", "Wadi", "Jebel", "Jabal"}
_FEATURE_RE = re.compile(r"\b(?:Lake|River|Mount|Mt\.|Lac|Wadi|Jebel|Jabal|Gulf of|Bay of|Sea of|Cape)\s+(?:(?:al|el)-)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?")


@lru_cache(maxsize=1)
def _facility_re() -> re.Pattern:
    words = entity_lexicon().facility_words
    return re.compile(r"(?<![\w'’-])(" + _NAME + r"(?:['’]s)?)\s+((?i:" + "|".join(re.escape(w) for w in words) + r"))\b")


def facility_candidates(doc: Doc) -> list[Cand]:
    """'al-Nour mosque', 'al-Salam market', 'Sarit shopping center', 'St Joseph's Church':
    the facility word belongs to the name. A known place before a lower-case facility word is
    a description ('a Gaza hospital'), not a name."""
    out = []
    for m in _facility_re().finditer(doc.text):
        part = _name_part(doc, m.start(1), m.group(1))
        if part is None:
            continue
        start, name = part
        if m.group(2)[:1].islower() and (is_place_name(re.sub(r"['’]s$", "", name)) or load_actors().lookup(name)):
            continue
        out.append(Cand(start, m.end(2), "LOCATION", "rule", label="FACILITY"))
    return out


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
        while i < j and _is_rank(sdoc[i].text):
            i += 1  # "Staff Sgt. Ochieng": the rank is no part of the name
        r = i - 2 if i >= 2 and sdoc[i - 1].text == "." else i - 1  # "Sgt ." split by the tokenizer
        rank_before = r >= 0 and _is_rank(sdoc[r].text) and sdoc[r].text[:1].isupper()
        if (2 if not rank_before else 1) <= j - i <= 4:
            span = sdoc[i:j]
            s, e = span.start_char, span.end_char
            if not any(c.start < e and s < c.end for c in taken) and not is_place_name(span.text) and not any(t.text in lex.titles or t.text in lex.org_heads or _is_rank(t.text) for t in span):
                after = [t.lower_ for t in sdoc[j : j + 4]]
                before = sdoc[i - 1].lower_ if i > 0 else ""
                role_after = after[:1] == [","] and any(w in ROLE_NOUNS for w in after[1:])
                role_before = before in ROLE_NOUNS
                if role_after or role_before or rank_before:
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
        if c.type != "PERSON" or len(words) < 2:
            continue
        last = re.sub(r"^(?:al|el|Al|El|ad|ar|as|ash|at|az|an)-", "", words[-1])  # "Hassani" of "al-Hassani"
        if len(last) >= 4 and last[:1].isupper():
            lasts.setdefault(last, c)
    covered = bytearray(len(doc.text) + 1)  # the characters some candidate spans
    for c in cands:
        covered[c.start : c.end] = b"\1" * max(0, c.end - c.start)
    for last in lasts:
        if is_place_name(last) or load_actors().lookup(last):
            continue
        for s, e in occurrences(doc.text, last):
            if not covered[s]:
                out.append(Cand(s, e, "PERSON", "model", label="SURNAME"))
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
    i = span.start  # "led by Tembo Mwenda" where the model took the surname only
    while i > 0:
        t = sdoc[i - 1]
        if (t.pos_ == "PROPN" and t.text[:1].isupper() and t.text.isalpha() and t.ent_type_ in ("", "PERSON")
                and not t.is_sent_start and not _is_rank(t.text) and not demonym_country(t.text) and not is_place_name(t.text)
                and not sdoc[i].is_sent_start):
            i -= 1
        else:
            break
    if j > span.end or i < span.start:
        return Cand(sdoc[i].idx, sdoc[j - 1].idx + len(sdoc[j - 1]), c.type, c.source, c.actor, c.label, c.forms)
    return c


_IZAFAT = re.compile(r"(?:-(?:e|i|ul|ur|ud|us|ut|un|al|el)-[A-Z][\w'’]*)+")
_CONTROLLED = re.compile(r"[\w'’]+(?: [A-Z][\w'’]+)?-(?:controlled|run|led|backed|allied|linked|tied|affiliated|aligned|supported|sponsored|funded|held)\s+")


def trim(doc: Doc, c: Cand) -> Cand | None:
    """Strip a leading 'the', a trailing possessive and punctuation; cut at an inner possessive."""
    full = doc.text
    text = full[c.start : c.end]
    start, end = c.start, c.end
    forms = list(c.forms)
    m = re.match(r"(?i)(the|a|an|their|its|his|her)\s+", text)
    if m:
        start += m.end()
    text = full[start:end]
    ctl = _CONTROLLED.match(text)
    if ctl and c.source == "model":
        start += ctl.end()  # "Hamas-run Health Ministry": Hamas is its own mention
    izafat = _IZAFAT.match(full, end)
    if izafat:
        end = izafat.end()  # "Tehreek-e-Jihad", "Lashkar-e-Taiba": the name goes on
    text = full[start:end]
    if "\n" in text.strip():
        end = start + text.index("\n", len(text) - len(text.lstrip()))  # a name never runs across lines
    text = full[start:end]
    bar = text.find("|")
    if bar > 0:
        end = start + bar  # "Agency| 2020-01-01 08:00|Editor: ...": a header run into a name
    text = full[start:end]
    agency = re.search(r"\s+(?:news agency|newspaper|news service|broadcaster|daily)$", text)
    if agency and c.type == "ORG" and load_actors().lookup(text[: agency.start()]) is not None:
        end = start + agency.start()  # "the AP news agency" -> "AP" (the long form: aliases.add_descriptions)
    text = full[start:end]
    paren = re.search(r"\s*[(\[]", text)
    if paren and paren.start() > 0:
        end = start + paren.start()  # "Allied Democratic Forces (ADF": the bracket is another mention
    text = full[start:end]
    inner = _INNER_POSSESSIVE.search(text)
    if inner and c.source in ("model", "rule") and c.label != "FACILITY":
        end = start + inner.start()
    text = full[start:end]
    pm = _POSSESSIVE.search(text)
    if pm:
        end = start + pm.start()
    while end > start and full[end - 1] in " ,.;:-–—'’\"”)":
        if full[end - 1] == "." and re.search(r"(?:\b[A-Z]\.)+$", full[start:end]):
            break  # "U.N.", "U.S.": the dot belongs to the abbreviation
        end -= 1
    if c.source == "model":
        words = re.finditer(r"\S+", full[start:end])
        ranks = 0
        new_start = start
        for w in words:
            if _is_rank(w.group(0)):
                ranks += 1
                new_start = start + w.end()
            else:
                break
        rest = full[new_start:end].strip()
        if ranks and rest and rest[:1].isupper() and rest.split()[-1] not in entity_lexicon().org_heads:
            start = new_start + (len(full[new_start:end]) - len(full[new_start:end].lstrip()))
            c = Cand(start, end, "PERSON", c.source, c.actor, c.label, c.forms)  # a rank is followed by a person
    last = full[start:end].split()
    if c.source == "model" and len(last) > 1 and last[-1].lower() in entity_lexicon().description_nouns and last[-1].lower() not in ("army", "military", "police", "militia", "security"):
        end = start + len(full[start:end][: full[start:end].rindex(last[-1])].rstrip())  # "Daily Excelsior Militants": the next sentence's subject
    tail = re.search(r"(?:\s+(?:of|and|the|for|in|on|at))+$", full[start:end])
    if tail:
        end = start + tail.start()  # "the Joint Force of the": the model stopped mid-name
    if end <= start:
        return None
    return Cand(start, end, c.type, c.source, c.actor, c.label, forms)


def plausible(doc: Doc, c: Cand) -> bool:
    lex = entity_lexicon()
    text = doc.text[c.start : c.end]
    if text in lex.platforms:
        return False  # "Twitter", "Telegram": where something was said, not who
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
    if all(_is_rank(w) for w in text.replace("-", " ").split()):
        return False  # "Major General", "Second Sgt", "Vice": a rank, not a name
    if c.source == "model" and all(w.lower() in lex.ministry_topics or w in lex.titles for w in words):
        return False  # "Defence" of "Defence Minister X"
    if c.source == "model" and _headline_fragment(doc, c):
        return False
    return True


@lru_cache(maxsize=8192)
def _is_rank(word: str) -> bool:
    lex = entity_lexicon()
    return word in lex.titles or word in lex.rank_words or word.rstrip(".") in lex.rank_words or word.lower() in ("lieutenant", "general", "major", "colonel", "captain")


def _headline_fragment(doc: Doc, c: Cand) -> bool:
    """Title-case words of a headline read as a name: 'Kivu Attack', 'Kill 3 Guards',
    'Mali Niger'. A word the article writes in lower case elsewhere, or a number,
    betrays a fragment; so does a 'person' made of place names only."""
    title_end = doc.text.find("\n")
    if title_end <= 0 or c.start >= title_end:
        return False
    words = doc.text[c.start : c.end].split()
    if any(any(ch.isdigit() for ch in w) for w in words):
        return True
    body = doc.text[title_end:]
    for w in words:
        if w[:1].isupper() and re.search(r"(?<![\w-])" + re.escape(w.lower()) + r"(?![\w-])", body):
            return True
    return c.type == "PERSON" and len(words) > 1 and all(is_place_name(w) for w in words)


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
    cands += case_variants(doc, cands)
    return resolve_overlaps(cands, doc)


def case_variants(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """'Kasai police brigade' after 'Kasai Police Brigade': a name written again in
    other case is a mention of the same name (the model reads only its first word)."""
    out = []
    names = {doc.text[c.start : c.end]: c for c in cands if c.type in ("ORG", "LOCATION") and c.source in ("model", "rule", "actor") and len(doc.text[c.start : c.end].split()) >= 2}
    for name, c in names.items():
        for s, e in occurrences(doc.text, name, ignore_case=True):
            found = doc.text[s:e]
            if found != name and found[:1].isupper() and found.lower() != found:
                out.append(Cand(s, e, c.type, "model", c.actor, label=c.label))
    return out
