"""One entity per real-world referent inside an article, with all its names.

Mentions are grouped with a union-find; each rule below joins two groups or
adds a surface form, and records why in ``Entity.evidence``:

- ``gazetteer``    forms of one gazetteer actor ("ISIS", "The Islamic State");
- ``same_name``    the same name up to case, hyphens and the Arabic article;
- ``bracket``      "Palestinian Authority [PA]", "X (Palestinian X)";
- ``known_as``     "... [ISIS] -- also known as \"The Islamic State\"";
- ``apposition``   "Hamas's so-called military wing, the Al Qassam Brigades";
- ``acronym``      "PA" = the initials of "Palestinian Authority";
- ``part_name``    a person's surname or first names ("al-Masri" of "Mushir al
                   Masri"), only when one person in the article has it;
- ``place_part``   "Gaza" of "Gaza Strip", "North Sinai" of "Sinai", never
                   "Gaza" of "Gaza City" nor "Sudan" of "South Sudan";
- ``epithet``      "the Jewish state" for Israel when Israel is in the article;
- ``controlled``   "the Hamas-controlled Ministry of Interior";
- ``institution``  "the Malian military", "Mali's armed forces" and a later
                   "the army" are one force; one entity per country and
                   institution (institutions.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..gazetteer import country_by_name, geocode
from ..gazetteer.normalize import lowered_for_search, name_key
from ..model import Doc, Span
from ..unionfind import UnionFind
from .institutions import actor_institution
from .lexicon import entity_lexicon
from .recognize import Cand


@dataclass
class Group:
    type: str
    cands: list[Cand] = field(default_factory=list)
    forms: list[tuple[str, Span | None]] = field(default_factory=list)  # extra forms, with a span when in the text
    evidence: list[str] = field(default_factory=list)
    actor_id: str | None = None
    kind: str | None = None
    country: str | None = None


class Groups(UnionFind):
    """Union-find over candidate indices."""

    def __init__(self, doc: Doc, cands: list[Cand]):
        super().__init__(len(cands))
        self.doc = doc
        self.cands = cands
        self.extra: dict[int, list[tuple[str, Span | None]]] = {}
        self.why: dict[int, list[str]] = {}

    def union(self, i: int, j: int, why: str, any_type: bool = False) -> None:
        a, b = self.find(i), self.find(j)
        if a == b:
            return
        if self.cands[a].type != self.cands[b].type and not any_type:
            return
        self.parent[b] = a
        self.extra.setdefault(a, []).extend(self.extra.pop(b, []))
        self.why.setdefault(a, []).extend(self.why.pop(b, []))
        self.why[a].append(f"{why}: {self.text(i)!r} = {self.text(j)!r}")

    def add_form(self, i: int, form: str, span: Span | None, why: str) -> None:
        r = self.find(i)
        self.extra.setdefault(r, []).append((form, span))
        self.why.setdefault(r, []).append(f"{why}: {form!r} for {self.text(i)!r}")

    def text(self, i: int) -> str:
        c = self.cands[i]
        return self.doc.text[c.start : c.end]



def _tokens(text: str) -> list[str]:
    return name_key(text).split()


# -- rules -------------------------------------------------------------------


def join_same(g: Groups) -> None:
    seen: dict[tuple, int] = {}
    for i, c in enumerate(g.cands):
        if c.inst is not None:
            continue  # "the army" of one country is not "the army" of another: join_institutions
        key = ("actor", c.actor.id) if c.actor is not None else ("name", name_key(g.text(i)))
        if key in seen:
            g.union(seen[key], i, "gazetteer" if c.actor is not None else "same_name", any_type=True)
        else:
            seen[key] = i
    # a gazetteer actor and a model mention with the same name
    by_name: dict[tuple[str, str], int] = {}
    for i, c in enumerate(g.cands):
        if c.inst is None:
            by_name.setdefault((c.type, name_key(g.text(i))), i)
    for i, c in enumerate(g.cands):
        if c.actor is not None:
            for form in c.actor.forms():
                j = by_name.get((c.type, name_key(form)))
                if j is not None and g.cands[j].actor is None:
                    g.union(i, j, "gazetteer")


_BRACKET = re.compile(r"\s*[\(\[]\s*([^\)\]\n]{1,60}?)\s*[\)\]]")
_KNOWN_AS = re.compile(
    r"[\s,\-–—]*+(?:(?:who|which) (?:is|are|was|were) )?(?:also|better|formerly|commonly|widely)?\s*(?:known as|called|nicknamed|a\.k\.a\.?|aka)\s+"
    r"(?:[\"“](?P<q>[^\"”\n]{2,60})[\"”]|(?P<w>(?:[Tt]he\s+)?[A-Z][\w'’-]*(?:\s+(?:of|al|the|and\s+)?[A-Z][\w'’-]*)*))"
)


LANGUAGES = r"(?:Arabic|Somali|Pashto|Dari|Hausa|Swahili|French|Persian|Farsi|Kurdish|Urdu|Hebrew|Turkish|Amharic|Tigrinya|Oromo|Russian|Ukrainian|Spanish|Portuguese|Burmese|Tamil|Bengali|Hindi|Fulani|Tamasheq|Lingala|Kinyarwanda)"
_GLOSS = re.compile(
    r"\s*[,(]\s*(?:which\s+means|meaning|(?:the\s+|an?\s+)?" + LANGUAGES + r"\s+(?:word\s+|term\s+|name\s+|acronym\s+|phrase\s+)?(?:for|meaning))\s+"
    r"[\"“‘']?(?P<g>(?:the\s+)?[^\"”’',;()\n]{2,60}?)[\"”’']?\s*[,;.)]"
)


def join_brackets(g: Groups) -> None:
    text = g.doc.text
    starts = {c.start: i for i, c in enumerate(g.cands)}
    for i, c in enumerate(g.cands):
        m = _BRACKET.match(text, c.end)
        if m:
            inner_start, inner = m.start(1), m.group(1)
            j = starts.get(inner_start)
            if j is not None and g.cands[j].end == m.end(1):
                if _is_alias_of(g.text(i), inner):
                    _retype_acronym(g, i, inner)
                    g.union(i, j, "bracket")
            elif _is_alias_of(g.text(i), inner):
                g.add_form(i, inner, Span(inner_start, m.end(1)), "bracket")
                for k in _retype_acronym(g, i, inner):
                    g.union(i, k, "bracket")
            end = m.end()
        else:
            end = c.end
        gl = _GLOSS.match(text, c.end)
        if gl and c.type == "ORG":  # "Boko Haram (Hausa for 'Western education is forbidden')": a translated gloss
            form = re.sub(r"^the\s+", "", gl.group("g").strip())
            g.add_form(i, form, None, "gloss")
        k = _KNOWN_AS.match(text, end)
        if k and c.inst is None:
            grp = "q" if k.group("q") else "w"
            form = k.group(grp).strip().rstrip(".,;:")
            if not form[:1].isupper():
                continue  # 'police, known as "militias."': a description of others, not a name
            j = starts.get(k.start(grp))
            if j is not None:
                g.union(i, j, "known_as")
            else:
                g.add_form(i, form, Span(k.start(grp), k.start(grp) + len(form)), "known_as")


def _acronym(long: str) -> str:
    """Initials of the capitalised words: 'Islamic State of Iraq and Syria' -> 'ISIS'."""
    words = [w for w in re.split(r"[\s\-/]+", long) if w and w[0].isupper() and w.lower() not in ("of", "the", "and", "for")]
    return "".join(w[0] for w in words).upper()


def _is_acronym_of(short: str, long: str) -> bool:
    """'PA' of 'Palestinian Authority'; 'AFC/M23' of 'Alliance Fleuve Congo/March 23
    Movement' (its letters in order among the initials, most of them)."""
    letters = re.sub(r"[^A-Z]", "", short)
    initials = _acronym(long)
    if len(letters) < 2 or not initials or letters[0] != initials[0]:
        return False
    it = iter(initials)
    return all(ch in it for ch in letters) and len(letters) >= 0.6 * len(initials)


def _retype_acronym(g: Groups, i: int, inner: str) -> list[int]:
    """'Zone of Control (ZoC)': every other 'ZoC' the model read is the zone, of its type
    (returned, to be joined to it)."""
    c = g.cands[i]
    if not _looks_acronym(inner) or c.source == "author":
        return []
    out = []
    for k, other in enumerate(g.cands):
        if k != i and g.text(k) == inner and other.source in ("model", "place") and other.actor is None:
            other.type = c.type
            out.append(k)
    return out


def _looks_acronym(text: str) -> bool:
    """'PA', 'U.N.', 'AFC/M23', 'GoK', 'ZoC': short, with two capitals or more and no lower-case word."""
    if not 2 <= len(text) <= 10:
        return False
    bare = text.replace(".", "").replace("/", "").replace("-", "")
    return bare.isupper() or (len(re.findall(r"[A-Z]", bare)) >= 2 and " " not in text and bare[:1].isupper())


def _is_alias_of(name: str, inner: str) -> bool:
    """'Palestinian Authority [PA]', 'Abu Qatadah Al-Filistini (Palestinian Abu Qatadah)'."""
    if _looks_acronym(inner):
        return _is_acronym_of(inner, name)
    shared = set(_tokens(name)) & set(_tokens(inner)) - {"al", "the", "of"}
    return bool(shared) and inner[:1].isupper()


def join_acronyms(g: Groups) -> None:
    longs = [(i, _acronym(g.text(i))) for i, c in enumerate(g.cands) if len(g.text(i).split()) >= 2 and c.inst is None]
    for j, c in enumerate(g.cands):
        t = g.text(j)
        if t.isupper() and 2 <= len(t) <= 8 and c.actor is None:
            hits = [i for i, _ in longs if _is_acronym_of(t, g.text(i)) and (g.cands[i].type == c.type or c.source == "model")]
            if len({g.find(i) for i in hits}) == 1:
                if c.source == "model":  # the model's type for an acronym is a guess: it takes its expansion's
                    for k, other in enumerate(g.cands):
                        if g.text(k) == t and other.source == "model":
                            other.type = g.cands[hits[0]].type
                g.union(hits[0], j, "acronym", any_type=c.source == "model")


def _contains(full: list[str], part: list[str]) -> bool:
    n = len(part)
    return any(full[k : k + n] == part for k in range(len(full) - n + 1))


def _org_like(text: str) -> bool:
    lex = entity_lexicon()
    words = text.split()
    return any(w in lex.org_heads or w in lex.facility_heads or w in lex.place_suffixes or w.lower() in lex.admin_words for w in words) or geocode(text) is not None


def join_part_names(g: Groups) -> None:
    """A person's surname or leading names, when one person in the article has them.
    A surname the model read as an organisation or an unknown place ("Dossou said")
    is that person; a surname match wins over a first-name match ("Musa said" is the
    spokesman Ali Musa, not Musa Hamid)."""
    lex = entity_lexicon()
    generic = {k.lower() for k in lex.kunya} | {p.lower() for p in lex.name_particles}
    person_names = [_tokens(g.text(k)) for k, p in enumerate(g.cands) if p.type == "PERSON"]
    for i, c in enumerate(g.cands):  # "Al-Ansari's" tagged as a place, surname of a person here
        if c.source != "model" or c.inst is not None or c.type == "PERSON" or c.actor is not None:
            continue
        if c.type == "LOCATION" and geocode(g.text(i)) is not None:
            continue
        toks = _tokens(g.text(i))
        if len(toks) >= 2 and [toks[-1]] in person_names and not _org_like(g.text(i)):
            c.type = "PERSON"  # "Aime Dossou" read as an organisation, "Dossou" as a person
        elif c.type == "ORG" and len(toks) != 1:
            continue  # an organisation's name may share a word with a person's
        elif any(len(full) > len(toks) and _contains(full, toks) for full in person_names):
            c.type = "PERSON"
    persons = [i for i, c in enumerate(g.cands) if c.type == "PERSON"]
    fulls = {}
    for i in persons:
        toks = _tokens(g.text(i))
        if len(toks) >= 2:
            fulls.setdefault(tuple(toks), i)
    for j in persons:
        short = _tokens(g.text(j))
        if not short or all(t in generic for t in short):
            continue
        surname, first = set(), set()
        n = len(short)
        for full, i in fulls.items():
            if n >= len(full):
                continue
            if tuple(full[-n:]) == tuple(short):
                surname.add(g.find(i))
            elif tuple(full[:n]) == tuple(short) and (n >= 2 or full[0] not in generic):
                first.add(g.find(i))  # "Yohannes" of "Yohannes Tesfaye", when no one else is called so
        hits = surname or first
        if len(hits) == 1:
            g.union(hits.pop(), j, "part_name")


def _one_edit(a: str, b: str) -> bool:
    """a and b differ by one letter replaced, added or dropped ('Tawila' / 'Tawilla')."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:k] + long[k + 1 :] == short for k in range(len(long)))


def _variant(a: str, b: str, shortest: int = 5) -> bool:
    """Two spellings of one name: the same words but one, which differs by a letter and keeps
    its first letter ('Bura Kamte' / 'Bara Kamte', 'Yusuf Warsame' / 'Yusuf Warsami')."""
    wa, wb = name_key(a).split(), name_key(b).split()
    if len(wa) != len(wb) or wa == wb:
        return False
    diff = [(x, y) for x, y in zip(wa, wb) if x != y]
    return len(diff) == 1 and diff[0][0][0] == diff[0][1][0] and min(len(diff[0][0]), len(diff[0][1])) >= shortest and _one_edit(*diff[0])


def _variant_keys(words: list[str], ids: dict) -> list[tuple]:
    """Keys two spellings share when they can be variants (``_variant``): the same words
    but at one place, whose first letter they keep. Comparing only names that share a key
    keeps a long article's many names from being compared pair by pair. The words before
    and after that place are stood for by numbers ``ids`` gives each sequence of words
    (shared between the names compared), so a key's size does not grow with the name."""
    n = len(words)
    before = [0] * (n + 1)
    for k, w in enumerate(words):
        before[k + 1] = ids.setdefault(("<", before[k], w), len(ids) + 1)
    after = [0] * (n + 1)
    for k in range(n - 1, -1, -1):
        after[k] = ids.setdefault((">", after[k + 1], words[k]), len(ids) + 1)
    return [(n, k, before[k], words[k][:1], after[k + 1]) for k in range(n) if words[k]]


def _variant_pairs(texts: list[str], shortest: int) -> list[tuple[int, int]]:
    """The pairs (m, n), m < n, of positions in ``texts`` that ``_variant`` joins, in the
    order a loop over every pair would meet them."""
    words = [name_key(t).split() for t in texts]
    by_words: dict[tuple, list[int]] = {}
    for n, w in enumerate(words):
        by_words.setdefault(tuple(w), []).append(n)
    buckets: dict[tuple, list[tuple]] = {}
    ids: dict = {}
    for w in by_words:
        for key in _variant_keys(list(w), ids):
            buckets.setdefault(key, []).append(w)
    pairs = set()
    for forms in buckets.values():
        for x, wa in enumerate(forms):
            for wb in forms[x + 1 :]:
                a, b = by_words[wa][0], by_words[wb][0]
                if not _variant(texts[a], texts[b], shortest):
                    continue
                pairs.update((min(m, n), max(m, n)) for m in by_words[wa] for n in by_words[wb])
    return sorted(pairs)


def join_variants(g: Groups) -> None:
    """Spelling variants of one place or person in an article join (transliterations), unless
    the geocoder knows them as two different places."""
    for t in ("LOCATION", "PERSON"):
        idx = [i for i, c in enumerate(g.cands) if c.type == t and c.inst is None and country_by_name(g.text(i)) is None]
        for m, n in _variant_pairs([g.text(i) for i in idx], 4 if t == "LOCATION" else 5):
            i, j = idx[m], idx[n]
            if g.find(i) == g.find(j):
                continue
            if t == "LOCATION":
                gi, gj = geocode(g.text(i)), geocode(g.text(j))
                if gi is not None and gj is not None and (gi.geonames_id, gi.country) != (gj.geonames_id, gj.country):
                    continue
            g.union(i, j, "variant")
    # a variant the model read as a person or an organisation: "Bura Kamte" beside the place "Bara Kamte"
    locs = [i for i, c in enumerate(g.cands) if c.type == "LOCATION" and country_by_name(g.text(i)) is None]
    by_key: dict[tuple, list[int]] = {}
    ids: dict = {}
    for k in locs:
        for key in _variant_keys(name_key(g.text(k)).split(), ids):
            by_key.setdefault(key, []).append(k)
    for j, c in enumerate(g.cands):
        if c.type not in ("PERSON", "ORG") or c.source != "model" or c.actor is not None or _org_like(g.text(j)):
            continue
        near = sorted({k for key in _variant_keys(name_key(g.text(j)).split(), ids) for k in by_key.get(key, ())})
        i = next((k for k in near if _variant(g.text(k), g.text(j), 4)), None)
        if i is not None:
            c.type = "LOCATION"
            g.union(i, j, "variant")


_FEATURES = ("Lake", "River", "Mount", "Mountain", "Mountains", "Gulf", "Sea", "Bay")


def join_places(g: Groups) -> None:
    """'Harmal' and 'Harmal province', 'Sinai' and 'North Sinai': one place. A country and
    'X region', or a lake and its region ('Lake Kivu' / 'Lake Kivu region'), stay two."""
    lex = entity_lexicon()
    locs = [i for i, c in enumerate(g.cands) if c.type == "LOCATION"]
    for j in locs:
        short = g.text(j).split()
        if country_by_name(g.text(j)) is not None or short[0] in _FEATURES:
            continue
        for i in locs:
            long = g.text(i).split()
            if len(long) != len(short) + 1 or g.find(i) == g.find(j):
                continue
            if long[:-1] == short and (long[-1] in lex.place_suffixes or long[-1] in lex.admin_words):  # never 'Gaza' of 'Gaza City'
                g.union(i, j, "place_part")
            elif long[1:] == short and long[0] in lex.directions and country_by_name(g.text(i)) is None:
                g.union(j, i, "place_part")
    # the bare name of 'X district' read by the model as a person or an organisation: 'Harmal said ...'
    bare = {name_key(f): i for i, c in enumerate(g.cands) if c.label == "PLACE_CONTEXT" for f in c.forms
            if g.text(i).split()[-1] in lex.admin_words}
    for j, c in enumerate(g.cands):
        i = bare.get(name_key(g.text(j)))
        if i is not None and c.source in ("model", "place") and c.inst is None and g.find(i) != g.find(j):
            c.type = "LOCATION"
            g.union(i, j, "place_part")


def add_apposition(g: Groups) -> None:
    """'Hamas's so-called military wing, the Al Qassam Brigades': 'military wing' names the Brigades."""
    lex = entity_lexicon()
    sdoc = g.doc.nlp
    for i, c in enumerate(g.cands):
        if c.type == "PERSON":
            continue  # a role ("the village chief, X") is a relation, not a name
        before = g.doc.text[max(0, c.start - 6) : c.start]
        if not re.search(r",\s+the\s+$", before, re.I) and not re.search(r",\s+$", before):
            continue
        comma = g.doc.text.rfind(",", 0, c.start)
        tok = sdoc.char_span(comma - 1, comma, alignment_mode="expand") if comma > 0 else None
        if tok is None or len(tok) == 0:
            continue
        head = tok[-1]
        if head.lemma_.lower() not in lex.apposition_heads or head.pos_ != "NOUN" or head.tag_ == "NNS":
            continue  # "two towns, Rafah and ...": a plural description names no one place
        mods = [t for t in head.lefts if t.dep_ in ("amod", "compound") and t.lower_ not in ("so", "-", "called")]
        mods = [t for t in mods if not t.text.startswith("so")]
        words = mods + [head]
        start = min(t.idx for t in words)
        if any(k.start < head.idx + len(head) and start < k.end for k in g.cands):
            continue  # "in Dabbo village, Tembo district ...": a name of its own, not a description
        form = g.doc.text[start : head.idx + len(head)]
        g.add_form(i, form, Span(start, head.idx + len(head)), "apposition")


def add_controlled(g: Groups) -> None:
    """'the Hamas-controlled Ministry of Interior': the modified name is a form of the ministry."""
    lex = entity_lexicon()
    text = g.doc.text
    for i, c in enumerate(g.cands):
        if c.type != "ORG":
            continue
        m = re.search(r"([A-Z][\w'’]+(?:[\s][A-Z][\w'’]+)?)-(\w+)\s+$", text[max(0, c.start - 40) : c.start])
        if m and m.group(2).lower() in lex.control_modifiers:
            start = c.start - (len(text[max(0, c.start - 40) : c.start]) - m.start())
            g.add_form(i, text[start : c.end], Span(start, c.end), "controlled")


def add_epithets(g: Groups) -> None:
    text = g.doc.text
    low = lowered_for_search(text)
    for phrase, target in entity_lexicon().epithets.items():
        if low is not None and phrase.isascii() and phrase.lower() not in low:
            continue  # a quick no: the phrase is nowhere in the article
        for m in re.finditer(r"\b" + re.escape(phrase) + r"\b", text, re.I):
            i = _target(g, target)
            if i is not None:
                g.add_form(i, text[m.start() : m.end()], Span(m.start(), m.end()), "epithet")


def _target(g: Groups, target: str) -> int | None:
    for i, c in enumerate(g.cands):
        if c.type != "LOCATION":
            continue
        t = g.text(i)
        if len(target) == 2 and target.isupper():
            country = country_by_name(t)
            if country is not None and country.iso2 == target:
                return i
        elif name_key(t) == name_key(target):
            return i
    return None


def join_institutions(g: Groups) -> None:
    """One entity per country and institution ('the army', 'Chadian soldiers' and
    'Chad's armed forces'); the gazetteer's entry for that institution ('FARDC' for the
    Congolese army) joins it. Two countries' armies stay two."""
    first: dict[tuple[str, str], int] = {}
    for i, c in enumerate(g.cands):
        key = c.inst
        if key is None and c.actor is not None:
            inst = actor_institution(c.actor)
            key = (c.actor.country, inst) if inst else None
        if key is None:
            continue
        if key in first:
            g.union(first[key], i, "institution", any_type=True)
        else:
            first[key] = i


def join_countries(g: Groups) -> None:
    """'Democratic Republic of Congo' and 'Congo', 'Burkina Faso' and 'Burkina': one country."""
    by_iso: dict[str, int] = {}
    for i, c in enumerate(g.cands):
        if c.type != "LOCATION":
            continue
        country = country_by_name(g.text(i))
        if country is None:
            continue
        if country.iso2 in by_iso:
            g.union(by_iso[country.iso2], i, "same_country")
        else:
            by_iso[country.iso2] = i


_NATION = re.compile(r"\b[Tt]he ((?:[A-Z][a-z]+(?:-[A-Z][a-z]+)? ){1,3}(?:nation|country|state|kingdom|republic))\b")
_LINKED = re.compile(r"\b[Tt]he ((?:(?:al[- ])?[A-Z][\w]*[- ])+(?:linked|backed|allied|aligned|affiliated) (?:group|militia|movement|faction|outfit|organi[sz]ation))\b")
_DESCRIPTOR = re.compile(r"\b[Tt]he ((?:[\w.]+ ){1,3}(?:agency|newspaper|daily|broadcaster|channel|group|militia|movement|coalition|network|organi[sz]ation|body|monitor|watchdog))\s+$")


def add_descriptions(g: Groups) -> None:
    """Descriptions that name an entity of the article:
    'the African nation' / 'the Sahel state' for the country the article is most about;
    'the al Qaeda-linked group' for the armed group
    last named; 'the U.N. humanitarian agency OCHA' for the name that follows."""
    text = g.doc.text
    countries = [i for i, c in enumerate(g.cands) if c.type == "LOCATION" and country_by_name(g.text(i)) is not None]
    if countries:
        main = max({g.find(i) for i in countries}, key=lambda r: sum(1 for i in countries if g.find(i) == r))
        for m in _NATION.finditer(text):
            head = g.doc.nlp.char_span(m.end(1) - 1, m.end(1), alignment_mode="expand")
            if head is not None and head[-1].dep_ in ("compound", "amod", "nmod") and head[-1].head.i > head[-1].i:
                continue  # "the Iraqi-Syrian state border": 'state' qualifies the border
            g.add_form(main, m.group(1), Span(m.start(1), m.end(1)), "epithet")
    for m in _LINKED.finditer(text):
        before = [i for i, c in enumerate(g.cands) if c.type == "ORG" and c.end <= m.start() and c.actor is not None and c.actor.kind in ("armed_group", "militia")]
        if before:
            i = max(before, key=lambda i: g.cands[i].start)
            if not g.text(i).lower() in m.group(1).lower():
                g.add_form(i, m.group(1), Span(m.start(1), m.end(1)), "epithet")
    for i, c in enumerate(g.cands):
        if c.type != "ORG":
            continue
        kind = re.match(r"\s+(news agency|news service|newspaper|daily|broadcaster|television|channel|radio)\b", text[c.end : c.end + 20])
        if kind and c.actor is not None and c.actor.kind == "outlet":  # "the AP news agency"
            g.add_form(i, text[c.start : c.end + kind.end()], Span(c.start, c.end + kind.end()), "apposition")
        d = _DESCRIPTOR.search(text[max(0, c.start - 60) : c.start])
        if d:
            start = c.start - (len(text[max(0, c.start - 60) : c.start]) - d.start(1))
            g.add_form(i, d.group(1), Span(start, start + len(d.group(1))), "apposition")


RULES = (join_same, join_countries, join_institutions, join_brackets, join_acronyms, join_part_names, join_places, join_variants, add_apposition, add_controlled, add_epithets, add_descriptions)
