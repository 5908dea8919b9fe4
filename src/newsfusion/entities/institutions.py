"""National institutions named by a common noun: "the army", "police", "the government".

A conflict report names its most frequent actors and targets with common nouns:
"troops", "the army", "police", "the interior ministry", "security forces". Each
becomes a mention of one entity per country and institution, named from the
country ("Nigerian army", "Nigerian police", "Nigerian interior ministry") with
every plain form the article uses as an alias.

The country comes, in order, from

1. the phrase itself: an adjective ("Chadian soldiers"), a country as modifier
   ("Cameroon army") or possessor ("Nigeria's armed forces"), "of" and a
   country ("the government of Burundi"), a place of that country ("Goma
   police" are the Congolese police);
2. the same institution named with its country in the sentence before or the
   same sentence ("Malian troops ... the army");
3. the article's country (``article_countries``): the country named most, by
   name, adjective and the places of that country, the headline counting double.

Not every such noun is a national institution: a possessor or modifier that is
another organisation or a person ("the group's army", "Wagner troops",
"Rwandan-led force"), a word from ``institution_blockers`` ("rebel troops",
"local government", "their soldiers"), a capitalised word that is neither a
country nor a place ("Kurdish forces"), or "loyal to" after it leave the noun
alone. "forces", "authorities" and "regime" need the country in the phrase.
"military" counts as a noun only ("the military said", not "military operation").

Heads (``institution_heads`` in ``data/entity_lexicon.json``) map to one
institution: "troops", "soldiers", "military", "armed forces" and a country's
"forces" are its army; "security forces", "border police", "federal police"
stay their own. A ministry is "<topic> ministry" or "ministry of <topic>".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..gazetteer import country_by_iso, country_by_name, demonym_country, geocode, is_place_name, load_actors
from ..gazetteer.normalize import name_key
from ..model import Doc
from .lexicon import entity_lexicon
from .recognize import Cand

STOP_WORDS = {"the", "a", "an", "this", "that", "these", "those", "some", "several", "many", "most", "all", "any",
              "no", "more", "other", "both", "each", "every", "of", "and", "or", "by", "with", "to", "from", "in",
              "on", "at", "for", "as", "than", "about", "against", "between", "among", "into", "including"}
SELF_PRONOUNS = {"its", "his", "her"}  # "his government", "its army": the country's own
PERSON_TYPES = ("PERSON",)
ROLE_AFTER = {"loyal", "allied", "aligned", "affiliated", "linked", "backed"}


@dataclass(frozen=True)
class InstMention:
    start: int
    end: int
    head_start: int
    country: str | None  # ISO 3166-1 alpha-2 from the phrase itself, None when it must come from context
    key: str  # "army", "police", "interior ministry", ...
    head: str  # the head as written, lower case ("troops", "military")
    demonym: str | None  # the adjective written in the phrase ("Kenyan"), if any
    explicit: bool  # the country is stated in the phrase
    part: bool = False  # one of two coordinated countries: "Rwandan [and Burundian] troops"
    modifier: bool = False  # the head modifies another noun: "government officials", "army spokesman"
    head_i: int = -1  # token index of the head's last word
    head_end: int = -1  # where the head ends
    full: tuple[int, int] | None = None  # the whole phrase with its country ("Mali's police force")
    needs_country: bool = False  # "the National Guard", "the authorities": only after that country's was named


@lru_cache(maxsize=1)
def _heads() -> dict[tuple[str, ...], str]:
    raw = entity_lexicon().institution_heads
    return {tuple(k.split()): v for k, v in raw.items() if not k.startswith("_")}


def kind_of(key: str) -> str:
    kinds = entity_lexicon().institution_kinds
    return kinds.get(key, "ministry" if key.endswith("ministry") else "state_force")


def country_demonym(iso: str) -> str:
    country = country_by_iso(iso)
    if country is None:
        return iso
    dem = next((d for d in country.demonyms if not d.endswith("s") or d.endswith("ese")), None)
    return dem or (country.demonyms[0] if country.demonyms else country.name)


def institution_name(iso: str, key: str, noun: str | None = None, demonym: str | None = None) -> str:
    """'Nigerian army', 'Kenyan police', 'Israeli border police', 'Indian home ministry'."""
    return f"{demonym or country_demonym(iso)} {noun or key}"


# -- the article's country ------------------------------------------------------


def article_countries(doc: Doc, cands: list[Cand]) -> list[str]:
    """Countries the article is about, most named first: country names and the places
    of a country count one each, adjectives ("Nigerian") one, the headline double."""
    text = doc.text
    title_end = text.find("\n")
    title_end = title_end if title_end > 0 else 0
    score: Counter[str] = Counter()
    first: dict[str, int] = {}

    def add(iso: str | None, pos: int, weight: float = 1.0) -> None:
        if not iso:
            return
        score[iso] += weight * (2 if pos < title_end else 1)
        first.setdefault(iso, pos)

    for c in cands:
        if c.actor is not None and c.actor.country and c.actor.kind in STATE_KINDS:
            add(c.actor.country, c.start)  # "government of Burundi" names the country
        if c.type != "LOCATION":
            continue
        name = text[c.start : c.end]
        country = country_by_name(name)
        if country is not None:
            add(country.iso2, c.start)
            continue
        geo = geocode(name)
        if geo is not None and geo.country:
            add(geo.country, c.start, 0.5)
    for tok in doc.nlp:
        if tok.text[:1].isupper() and tok.pos_ in ("ADJ", "PROPN", "NOUN") and not tok.text.endswith("s"):
            iso = demonym_country(tok.text)
            if iso and country_by_name(tok.text) is None:
                add(iso, tok.idx)
    return sorted(score, key=lambda iso: (-score[iso], first[iso]))


# -- finding the phrases ----------------------------------------------------------


def _match_head(lows: list[str], i: int) -> tuple[int, str] | None:
    """The longest institution head starting at token i: (end token, key). ``lows``: the
    lowercased tokens of the article (read once: a token object per look-up made this the
    pipeline's busiest loop)."""
    heads = _heads()
    best = None
    first = lows[i]
    blank = " " in first  # a whitespace token: no index by first word, try every length
    for n in (6, 5, 4, 3, 2, 1) if blank else _head_lengths().get(first, ()):
        if i + n > len(lows):
            continue
        words = tuple(lows[i : i + n])
        if words in heads:
            best = (i + n, heads[words])
            break
    if not blank and first not in _ministry_firsts():
        return best  # no ministry phrase starts with this word
    ministry = _match_ministry(lows, i)
    if ministry is not None and (best is None or ministry[0] > best[0]):
        return ministry
    return best


@lru_cache(maxsize=1)
def _head_lengths() -> dict[str, tuple[int, ...]]:
    """First word of an institution head -> the lengths (up to 6 words) of the heads it starts, longest first."""
    out: dict[str, set[int]] = {}
    for k in _heads():
        if 0 < len(k) <= 6:
            out.setdefault(k[0], set()).add(len(k))
    return {w: tuple(sorted(ns, reverse=True)) for w, ns in out.items()}


@lru_cache(maxsize=1)
def _ministry_firsts() -> frozenset[str]:
    """The words a ministry phrase can start with: a topic's first word, or 'ministry'."""
    return frozenset(t.split(" ")[0] for t in entity_lexicon().ministry_topics) | {"ministry"}


def _match_ministry(lows: list[str], i: int) -> tuple[int, str] | None:
    """'interior ministry', 'Ministry of Defence', 'ministry of foreign affairs'."""
    topics = entity_lexicon().ministry_topics
    low = lows[i : i + 5]
    for n in (2, 1):
        topic = " ".join(low[:n])
        if topic in topics and len(low) > n and low[n] == "ministry":
            return i + n + 1, f"{topic} ministry"
    if low[:1] == ["ministry"] and len(low) > 2 and low[1] == "of":
        k = 3 if low[2] == "the" else 2
        for n in (2, 1):
            topic = " ".join(low[k : k + n])
            if topic in topics and len(low) >= k + n:
                return i + k + n, f"{topic} ministry"
    return None


def _cand_ending(cands: list[Cand], end: int) -> Cand | None:
    hits = [c for c in cands if c.end == end and c.source != "author"]
    return max(hits, key=lambda c: c.length) if hits else None


def _place_country(text: str) -> tuple[str | None, bool]:
    """(country, is the country itself) of a place name."""
    country = country_by_name(text)
    if country is not None:
        return country.iso2, True
    geo = geocode(text)
    return (geo.country if geo is not None else None), False


def _left(doc: Doc, cands: list[Cand], h: int, key: str):
    """Walk left from the head at token h over its modifiers.

    Returns (start token, [(iso, demonym written, token index, coordinated)], blocked)."""
    sdoc = doc.nlp
    lex = entity_lexicon()
    national = key == "government" or key.endswith("ministry")  # a region's government is not the nation's
    countries: list[tuple[str, str | None, int, bool]] = []
    start = h
    k = h - 1
    sent_start = max(0, h - 8)  # a hard-wrapped line may start a "sentence" mid-phrase: punctuation stops the walk
    while k >= sent_start:
        t = sdoc[k]
        low = t.lower_
        if t.is_space:
            k -= 1
            continue
        if t.text in ("'s", "’s", "'", "’") and k > sent_start:
            # a possessor: "Cameroon's army", "the country's army", "the group's fighters"
            j = k - 1
            while j > 0 and sdoc[j].is_space:
                j -= 1
            owner = _cand_ending(cands, sdoc[j].idx + len(sdoc[j]))
            if owner is not None and owner.type == "LOCATION":
                iso, is_country = _place_country(doc.text[owner.start : owner.end])
                if iso is None or (national and not is_country):
                    return start, countries, True
                first = sdoc.char_span(owner.start, owner.end, alignment_mode="expand")
                first_i = first.start if first is not None else j
                countries.append((iso, None, first_i, False))
                return first_i, countries, False
            if owner is not None:
                return start, countries, True  # "Hamas's military wing", "Assad's troops"
            if sdoc[j].lower_ in ("country", "nation", "state"):
                return start, countries, False  # "the country's army": the article's country
            return start, countries, True
        if low in ("and", ",", "or") and countries and k - 1 >= sent_start:
            prev = sdoc[k - 1]
            iso = demonym_country(prev.text) if prev.text[:1].isupper() else None
            if iso is not None:  # "Rwandan and Burundian troops": both countries' troops
                countries.append((iso, prev.text, k - 1, True))
                k -= 2
                continue
            break
        if low in STOP_WORDS or t.like_num or (t.is_punct and t.text != "-"):
            break
        if low in SELF_PRONOUNS:
            if _group_antecedent(doc, cands, k):
                return start, countries, True  # "the group's fighters and its armed forces"
            break
        if t.pos_ == "PRON" or t.tag_ == "PRP$":
            return start, countries, True
        if low in lex.institution_blockers:
            return start, countries, True
        if t.text == "-":
            return start, countries, True  # "Rwandan-led force", "pro-government", "Hamas-run"
        c = _cand_ending(cands, t.idx + len(t))
        if c is None:  # a country inside a longer gazetteer match ("Cameroon army"), a town the model missed
            for n in (3, 2, 1):
                words = sdoc[max(0, k - n + 1) : k + 1]
                if len(words) == n and words[0].text[:1].isupper() and (country_by_name(words.text) is not None or (t.pos_ == "PROPN" and is_place_name(words.text))):
                    c = Cand(words.start_char, words.end_char, "LOCATION", "place")
                    break
        iso = demonym_country(t.text) if t.text[:1].isupper() else None
        if iso is not None and (c is None or c.type == "LOCATION" or c.source == "model"):
            countries.append((iso, t.text, k, False))
            start = k
            k -= 1
            continue
        if c is not None:
            if c.type == "LOCATION":
                iso, is_country = _place_country(doc.text[c.start : c.end])
                if iso is None or (national and not is_country):
                    return start, countries, True  # "Kano state government": not the nation's
                span = sdoc.char_span(c.start, c.end, alignment_mode="expand")
                start = span.start if span is not None else k
                countries.append((iso, None, start, False))
                k = start - 1
                continue
            if c.type == "ORG" and name_key(doc.text[c.start : c.end]) in _generic_keys():
                start = k
                k -= 1
                continue
            return start, countries, True  # "Shabaab forces", "Wagner troops", "the general's soldiers"
        if not _modifies(t, k, h + len(key.split())):
            break  # "accused [government troops]", "the convoy carried [police]"
        if t.text[:1].isupper() and not t.is_sent_start and low not in _MODIFIERS_OK:
            return start, countries, True  # "Kurdish forces", "Tigrayan forces": a group, not a state
        if t.pos_ in ("NOUN", "PROPN") and low not in _MODIFIERS_OK:
            return start, countries, True  # "youth army", "student police": another body
        start = k
        k -= 1
    own = [i for _, _, i, coord in countries if not coord]
    if own:
        start = min(own)  # "masked Ugandan forces" -> "Ugandan forces"
    return start, countries, False


GROUP_NOUNS = {"group", "groups", "movement", "militia", "militias", "organisation", "organization", "rebels", "faction",
               "alliance", "coalition", "insurgents", "militants", "jihadists", "network", "gang", "gangs"}


def _group_antecedent(doc: Doc, cands: list[Cand], k: int) -> bool:
    """Whether 'its'/'his' at token k most likely refers to a non-state group: the nearest
    name or group noun before it in the sentence or the one before."""
    sdoc = doc.nlp
    sent = sdoc[k].sent
    lo = sdoc[sent.start - 1].sent.start if sent.start > 0 else 0
    for j in range(k - 1, lo - 1, -1):
        t = sdoc[j]
        c = next((c for c in cands if c.start <= t.idx < c.end), None)
        if c is not None:
            if c.type == "ORG":
                return not (c.actor is not None and c.actor.kind in STATE_KINDS) and not generic_cand(doc, c)
            return False  # a country or a person: "his government", "its army"
        if t.lower_ in GROUP_NOUNS:
            return True
        if t.lower_ in _heads_first_words():
            return False
    return False


@lru_cache(maxsize=1)
def _heads_first_words() -> frozenset[str]:
    return frozenset(k[-1] for k in _heads())


MOD_DEPS = {"amod", "compound", "nmod", "advmod", "npadvmod", "nummod"}


def _modifies(t, k: int, end: int) -> bool:
    """Token t (at k, left of the head) modifies the phrase: its syntactic head lies between
    it and the end of the institution's head, by a modifier relation."""
    return t.dep_ in MOD_DEPS and k < t.head.i < end


_MODIFIERS_OK = {"federal", "national", "central", "state", "government", "transitional", "interim", "military", "royal",
                 "republican", "regular", "border", "riot", "special", "presidential", "security", "army", "police",
                 "junta", "union", "unity", "defence", "defense", "counterterrorism", "elite", "commando", "reserve"}


@lru_cache(maxsize=1)
def _generic_keys() -> frozenset[str]:
    return frozenset(" ".join(k) for k in _heads())


def _right(doc: Doc, cands: list[Cand], end: int, key: str) -> tuple[int, str | None, bool]:
    """'the government of Burundi', 'forces loyal to X': (new end token, country, blocked)."""
    sdoc = doc.nlp
    if end < len(sdoc) and sdoc[end].lower_ in ROLE_AFTER:
        return end, None, True
    preps = ("of", "from") if kind_of(key) in ("state_force", "police") else ("of",)
    if end + 1 < len(sdoc) and sdoc[end].lower_ in preps:
        k = end + 1
        if sdoc[k].lower_ == "the" and k + 1 < len(sdoc):
            k += 1
        c = next((c for c in cands if c.start == sdoc[k].idx and c.type == "LOCATION"), None)
        if c is not None:
            country = country_by_name(doc.text[c.start : c.end])
            if country is not None:
                span = sdoc.char_span(c.start, c.end, alignment_mode="expand")
                return (span.end if span is not None else k + 1), country.iso2, False
        for n in (4, 3, 2, 1):  # a country inside a gazetteer name: "government of Burundi"
            words = sdoc[k : k + n]
            if len(words) == n and words[0].text[:1].isupper() and (country := country_by_name(words.text)) is not None:
                return k + n, country.iso2, False
    return end, None, False


def _noun_use(sdoc, h: int, end: int) -> bool:
    """'the military said' but not 'a military operation'; 'army spokesman' names the army."""
    head = sdoc[h]
    if head.lower_ not in ("military", "militaries"):
        return True
    nxt = sdoc[end] if end < len(sdoc) else None
    if head.pos_ == "NOUN" and (nxt is None or nxt.pos_ not in ("NOUN", "PROPN")):
        return True
    return nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "ADJ")


def find_mentions(doc: Doc, cands: list[Cand]) -> list[InstMention]:
    """Every institution phrase in the article, with the country it states, if any."""
    sdoc = doc.nlp
    need = entity_lexicon().institution_need_country
    out: list[InstMention] = []
    lows = [t.lower_ for t in sdoc]
    i = 0
    while i < len(sdoc):
        m = _match_head(lows, i)
        if m is None and lows[i] == "ministry" and i > 0 and lows[i - 1] == "the":
            t = sdoc[i]  # "the ministry": the ministry last named
            out.append(InstMention(t.idx, t.idx + len(t), t.idx, None, "ministry", "ministry", None, False, head_i=i, head_end=t.idx + len(t)))
            i += 1
            continue
        if m is None:
            i += 1
            continue
        end, key = m
        head = " ".join(t.lower_ for t in sdoc[i:end])
        hs, he = sdoc[i].idx, sdoc[end - 1].idx + len(sdoc[end - 1])
        # inside a proper name that is more than the institution: "Police Academy", "Kasai Gendarmerie Brigade"
        proper = [c for c in cands if c.start < he and hs < c.end and c.source != "author"
                  and not (c.start >= hs and c.end <= he) and not generic_cand(doc, c)]
        if proper or not _noun_use(sdoc, i, end):
            i = end
            continue
        start, countries, blocked = _left(doc, cands, i, key)
        new_end, of_country, blocked_right = _right(doc, cands, end, key)
        if blocked or blocked_right:
            i = end
            continue
        head_end_tok = end
        if of_country:
            countries.append((of_country, None, end, False))
            end = new_end
        if not countries and head in ("forces", "authorities"):
            i = end
            continue  # "forces" alone are anyone's; "authorities" alone speak anonymously (GUIDE)
        s, e = sdoc[start].idx, sdoc[end - 1].idx + len(sdoc[end - 1])
        full = (s, e)
        # "Mali's police force", "Cameroon army": the country stays its own place mention
        places = [c.end for c in cands if c.type == "LOCATION" and s <= c.start and c.end <= hs]
        places += [pe for _, pe in countries_inside(doc, s, hs)] if s < hs else []
        if places:
            after = sdoc.char_span(max(places), hs, alignment_mode="expand")
            rest = [t for t in (after or []) if t.idx >= max(places) and not t.is_space and t.text not in ("'s", "’s", "'", "’")]
            s = rest[0].idx if rest else hs
        own = [(iso, dem) for iso, dem, _, coord in countries if not coord]
        iso, dem = own[0] if own else (None, None)
        hi = head_end_tok - 1
        last = sdoc[hi]
        modifier = last.dep_ in ("compound", "amod", "nmod") and last.head.i > last.i
        out.append(InstMention(s, e, hs, iso, key, head, dem, bool(own), modifier=modifier, head_i=hi, head_end=he, full=full,
                               needs_country=head in need))
        for iso2, dem2, ti, coord in countries:
            if coord and iso2 != iso:
                t = sdoc[ti]
                out.append(InstMention(t.idx, t.idx + len(t), hs, iso2, key, head, dem2, True, part=True, head_i=hi, head_end=he))
        i = end
    return sorted(out, key=lambda m: m.start)


def generic_cand(doc: Doc, c: Cand) -> bool:
    """A candidate that is itself an institution phrase: 'Israeli forces', 'Kenyan police',
    'the Defence Ministry', 'government of Burundi' (the model's or the gazetteer's reading
    of a common noun). A gazetteer name whose head is capitalised ('Israel Defense Forces',
    'Government of Burundi') is a proper name and stays."""
    if c.source == "actor" and c.actor is not None and c.actor.kind not in STATE_KINDS:
        return False
    if c.source not in ("model", "actor", "rule"):
        return False
    text = re.sub(r"(?:['’]s)?\s+of\s+(?:the\s+)?[A-Z][\w.'’ -]*$", "", doc.text[c.start : c.end])
    if text != doc.text[c.start : c.end] and country_by_name(doc.text[c.start : c.end][len(text) :].split(" of ", 1)[-1].strip()) is None:
        return False  # "Ministry of X" where X is no country: a name
    words = re.sub(r"['’]s\b", "", text).split()
    while words and (demonym_country(words[0]) or country_by_name(words[0]) or words[0].lower() in ("the", "a")):
        words = words[1:]
    rest = " ".join(words)
    if not rest:
        return False
    if c.source == "actor" and rest[:1].isupper():
        return False
    low = rest.lower()
    return tuple(low.split()) in _heads() or low.endswith("ministry") or low.startswith("ministry of")


def countries_inside(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of country names inside [start, end): 'Burundi' of 'government of Burundi'."""
    span = doc.nlp.char_span(start, end, alignment_mode="expand")
    out: list[tuple[int, int]] = []
    if span is None:
        return out
    i = span.start
    while i < span.end:
        for n in (4, 3, 2, 1):
            words = doc.nlp[i : min(i + n, span.end)]
            if len(words) == n and words[0].text[:1].isupper() and country_by_name(words.text) is not None:
                out.append((words.start_char, words.end_char))
                i += n - 1
                break
        i += 1
    return out


STATE_KINDS = {"state_force", "police", "government", "ministry", "intelligence", "outlet"}


# -- from mentions to candidates ------------------------------------------------------


def main_actor(iso: str, key: str):
    """The gazetteer's entry for a country's institution ('Nigerian army' -> Nigerian Army)."""
    return _main_actors().get((iso, key))


@lru_cache(maxsize=1)
def _main_actors() -> dict[tuple[str, str], object]:
    lex = entity_lexicon()
    nouns = {"army": list(lex.institution_army_names), "police": ["police"], "government": ["government"],
             "security forces": ["security forces"], "border police": ["border police"],
             "federal police": ["federal police"], "navy": ["navy"], "air force": ["air force"],
             "state media": ["state news agency", "state media"], "state television": ["state television"]}
    out: dict[tuple[str, str], object] = {}
    for actor in load_actors():
        if actor.country is None or actor.kind not in STATE_KINDS:
            continue
        country = country_by_iso(actor.country)
        if country is None:
            continue
        keys = {name_key(f) for f in actor.forms()}
        for key, words in nouns.items():
            if any(name_key(f"{dem} {w}") in keys for dem in country.demonyms for w in words):
                out.setdefault((actor.country, key), actor)
                break
    return out


def actor_institution(actor) -> str | None:
    """The institution key a gazetteer actor stands for as a country's main one, if it does."""
    if actor is None or actor.country is None:
        return None
    return next((key for (iso, key), a in _main_actors().items() if a is actor and iso == actor.country), None)


def institution_candidates(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """ORG candidates for the institution phrases, each marked ``inst=(country, key)``."""
    mentions = find_mentions(doc, cands)
    if not mentions:
        return []
    ranking = article_countries(doc, cands)
    main = ranking[0] if ranking else None
    sent_of = {s.start: n for n, s in enumerate(doc.nlp.sents)}
    placed: list[tuple[InstMention, str, str]] = []  # (mention, country, key)
    recent: dict[str, tuple[str, int]] = {}  # key -> (country, sentence) of the last mention naming its country
    ever: dict[str, str] = {}  # key -> the country of the last mention naming it, anywhere before
    last_ministry: tuple[str, str] | None = None
    for m in mentions:
        si = sent_of.get(doc.nlp[m.head_i].sent.start, -1)
        iso, key = m.country, m.key
        if key == "ministry":
            if last_ministry is None:
                continue
            iso, key = last_ministry
        elif iso is None and m.needs_country:
            if key not in ever:
                continue  # "the authorities", "the National Guard" with no country named for them
            iso = ever[key]
        elif iso is None:
            owner = _owner(doc, cands, placed, m)
            if owner == "":
                continue  # "the UN sent soldiers": the soldiers are the UN's
            last = recent.get(key)
            iso = owner or (last[0] if last is not None and si - last[1] <= 1 else main)
        else:
            recent[key] = (iso, si)
            ever[key] = iso
        if iso is None:
            continue
        if key.endswith("ministry"):
            last_ministry = (iso, key)
        placed.append((m, iso, key))
    placed = _forces_as_security(placed)
    placed = _police_as_special(placed)
    placed = _drop_weak_governments(placed)
    out = []
    for m, iso, key in placed:
        c = Cand(m.start, m.end, "ORG", "rule", label="INST_PART" if m.part else "INST")
        c.inst = (iso, key)
        c.inst_head = m.head
        c.inst_head_start = m.head_start
        c.inst_demonym = m.demonym
        if m.part and m.demonym:  # "Rwandan troops" of "Rwandan and Burundian troops"
            c.forms = [f"{m.demonym} {army_noun([m.head]) if key == 'army' and m.head.startswith('arm') else m.head}"]
        else:  # "police force" of "Mali's weary police force", and the whole phrase
            c.forms = [] if m.head in entity_lexicon().institution_need_country else [doc.text[m.head_start : m.head_end]]
            if m.full and m.full != (m.start, m.end):
                c.forms.append(doc.text[m.full[0] : m.full[1]])
        out.append(c)
    return out


def _owner(doc: Doc, cands: list[Cand], placed, m: InstMention) -> str | None:
    """Whose troops: the subject of the verb they are the object of. 'Kenya sent troops'
    -> KE; 'the UN deployed soldiers' -> '' (not a national institution); None: unknown."""
    tok = doc.nlp[m.head_i]
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ not in ("dobj", "obj"):
        return None
    verb = tok.head
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return None
    for pm, iso, _ in placed:
        if pm.start <= subj.idx < pm.end:
            return iso  # "the government deployed troops"
    c = next((c for c in cands if c.start <= subj.idx < c.end), None)
    if c is None:
        return None
    if c.type == "LOCATION":
        country = country_by_name(doc.text[c.start : c.end])
        return country.iso2 if country is not None else None
    if c.type == "ORG":
        if c.actor is not None and c.actor.country and c.actor.kind in STATE_KINDS:
            return c.actor.country
        return ""
    return None


def _forces_as_security(placed):
    """'Malian forces' in an article about 'Malian security forces' and no Malian army are
    those security forces."""
    security = {iso for _, iso, key in placed if key == "security forces"}
    army_heads: dict[str, set[str]] = {}
    for m, iso, key in placed:
        if key == "army":
            army_heads.setdefault(iso, set()).add(m.head)
    move = {iso for iso in security if army_heads.get(iso) == {"forces"}}
    return [(m, iso, "security forces" if key == "army" and iso in move else key) for m, iso, key in placed]


def _police_as_special(placed):
    """Plain 'police' in an article about one country's 'border police' or 'federal police'
    (and no other force of police named for it) are that police."""
    special: dict[str, set[str]] = {}
    for _, iso, key in placed:
        if key in ("border police", "federal police"):
            special.setdefault(iso, set()).add(key)
    one = {iso: keys.pop() for iso, keys in special.items() if len(keys) == 1}
    return [(m, iso, one[iso] if key == "police" and iso in one else key) for m, iso, key in placed]


def _drop_weak_governments(placed):
    """A government only ever named as a modifier ('government officials', 'a government
    compound'), its country never stated, is a description, not an actor of the article."""
    strong = {(iso, key) for m, iso, key in placed if not m.modifier or m.explicit}
    return [(m, iso, key) for m, iso, key in placed if key != "government" or (iso, key) in strong]


def army_noun(heads: list[str]) -> str:
    """The name an army goes by in the article: the most used of army, military, armed forces."""
    names = entity_lexicon().institution_army_names
    counts = Counter(h.split()[-2] + " " + h.split()[-1] if h.endswith("armed forces") else h.split()[-1] for h in heads)
    counts = Counter({("army" if n == "armies" else n): v for n, v in counts.items()})
    used = [n for n in names if counts.get(n)]
    if not used:
        return "army"
    return max(used, key=lambda n: (counts[n], -names.index(n)))


def group_name(iso: str, key: str, heads: list[str], demonyms: list[str | None], head_texts: list[str]) -> str:
    """The name of an institution group: the country's adjective and the institution."""
    noun = army_noun(heads) if key == "army" else key
    if key.endswith("ministry") and head_texts:
        noun = _ministry_words(head_texts[0], key)
    written = [d for d in demonyms if d and demonym_country(d) == iso and country_by_name(d) is None]
    dem = Counter(written).most_common(1)[0][0] if written else None
    return institution_name(iso, key, noun, dem)


def _ministry_words(text: str, key: str) -> str:
    """'Defense Ministry' as the article writes it; 'Ministry of Defence' -> 'Defence ministry'."""
    m = re.search(r"(?i)\b(" + re.escape(key[: -len(" ministry")]) + r")\s+ministry\b", text)
    if m:
        return text[m.start() : m.end()]
    return key
