"""Disputed figures: two sources give casualty counts for one incident that cannot both hold.

Figures come from ``events.fatalities.read_figures`` (the reader the events
use). A figure counts here when a source other than the article states it, it
is not the headline's, and it is a toll of an incident, not a running total
("have been killed since January", "this year", "in the conflict").

Two figures from different speakers disagree when, read as intervals ("at
least 5" = [5, ∞), "between 10 and 12" = [10, 12], "up to 40" = [0, 40]):

* they count the same victims (same class: security forces, combatants,
  civilians; same party when both name one) and the intervals do not meet
  ("at least four" vs "five" agree; "between 10 and 12" vs "at least 15" do not);
* one counts a part of what the other counts ("five TNI soldiers" within "three
  soldiers", "five Armenian troops" within "no casualties") and the part is
  larger than the whole can be.

A speaker giving two figures for the same victims is revising its own count: an
update, not a contradiction. Of several disagreeing pairs, the closest in the
text stand for a pair of speakers. Figures far apart (more than ``MAX_APART``
sentences) dispute only when the events stage holds both in one event's
fatalities. A statement that another party's figures are
exaggerated ("the group routinely inflates its tolls") disputes that party's
figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..events.background import PERIOD_MARKERS
from ..events.fatalities import Figure, read_figures, word_number
from ..gazetteer.countries import country_by_name, demonym_country
from ..model import Contradiction, Doc, Side, Span
from .common import attributed, claim_of, entities_in, memo, same_speaker, sentence_in_paragraph, source_of, speaker_at, statement

GENERIC = {"people", "persons", "others", "victims", "bodies", "individuals", "totals", "deaths", "lives"}
SECURITY = {"soldiers", "police", "personnel", "personnels", "servicemen", "officers", "gendarmes", "guards", "marines",
            "commandos", "paratroopers", "conscripts", "recruits", "sailors", "airmen", "pilots", "forces",
            "policemen", "militias", "peacekeepers"}
COMBATANTS = {"militants", "fighters", "rebels", "insurgents", "jihadists", "terrorists", "gunmen", "attackers",
              "separatists", "assailants", "bandits", "combatants", "extremists", "guerrillas", "islamists", "members"}
CIVILIANS = {"civilians", "villagers", "residents", "childs", "children", "womans", "women", "worshippers",
             "passengers", "students", "journalists", "farmers", "herders", "pupils", "teachers", "workers",
             "patients", "refugees", "protesters", "demonstrators", "mourners", "shoppers", "traders", "babies"}
STATE_KINDS = {"state_force", "police", "government", "ministry", "intelligence"}
GROUP_KINDS = {"armed_group", "militia"}

# a toll over a period or a war, not an incident's
_PERIOD = re.compile(
    r"\b(?:" + "|".join(re.escape(m) for m in sorted(PERIOD_MARKERS, key=len, reverse=True)) + r"|last (?:year|month)|"
    r"in (?:the )?(?:last|past) (?:\w+ )?(?:days|weeks|months|years|decades?)|this (?:year|month)|in (?:19|20)\d\d\b|"
    r"a total of|in total|overall|tally|cumulative|all told)\b", re.I)
# what marks a whole sentence as a count over a period ("according to an AFP tally", "in June")
_AGGREGATE = re.compile(r"\b(?:tally|in total|overall|cumulative|all told|(?:in|during|since) (?:early |late |mid-)?"
                        r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b(?! \d))", re.I)
_WAR = re.compile(r"\b(?:conflict|war|insurgency|violence|uprising|crisis|campaign|fighting)\b", re.I)


@dataclass
class Stated:
    """A figure with who states it."""

    figure: Figure
    claim: int
    victims: str  # class: security, combatants, civilians, people, or the victims' own word
    party: set[str] = field(default_factory=set)  # whose dead: "country:AM", "entity:3"
    own: set[str] = field(default_factory=set)  # the speaker's side
    several: bool = False  # counts the dead of several incidents ("two explosions killed 7")
    another: bool = False  # an incident told apart ("two other explosions", "a separate attack")
    extra: int = 0  # dead the same speaker adds next ("a third was shot dead")

    @property
    def low(self) -> int:
        return (self.figure.low if self.figure.low is not None else 0) + self.extra

    @property
    def high(self) -> float:
        return self.figure.high + self.extra if self.figure.high is not None else float("inf")

    @property
    def value(self) -> int | None:
        v = self.figure.low if self.figure.low is not None else self.figure.high
        return None if v is None else v + self.extra


def _class_word(side: str) -> str:
    """The class of victims a plural noun names: security, combatants, civilians, people, or itself."""
    if side in GENERIC:
        return "people"
    for name, words in (("security", SECURITY), ("combatants", COMBATANTS), ("civilians", CIVILIANS)):
        if side in words:
            return name
    return side


def _class(doc: Doc, f: Figure) -> str:
    side = f.side
    if side in GENERIC:
        return "people"
    kinds = {doc.entities[e].kind for e in entities_in(doc, f.victims)} if f.victims else set()
    if side in ("members", "personnel", "personnels", "forces"):  # members of what: the body named with them
        if kinds & STATE_KINDS:
            return "security"
        if kinds & GROUP_KINDS:
            return "combatants"
    return _class_word(side)


def party_key(doc: Doc, e: int) -> str:
    """A side in the war: a state's forces, government and capital are the country's side."""
    ent = doc.entities[e]
    if ent.country and (ent.kind in STATE_KINDS or ent.type == "LOCATION"):
        return f"country:{ent.country}"
    return f"entity:{e}"


def speaker_party(doc: Doc, claim: int) -> set[str]:
    """The speaker's side: its entity's, or a country its description names
    ("Azerbaijan's defence ministry", "Israeli officials")."""
    c = doc.claims[claim]
    if c.source_entity is not None and doc.entities[c.source_entity].type != "PERSON":
        return {party_key(doc, c.source_entity)}
    for w in re.findall(r"[A-Z][\w-]+", c.source):
        iso = demonym_country(w) or (country.iso2 if (country := country_by_name(w)) else None)
        if iso:
            return {f"country:{iso}"}
    return set()


def _party(doc: Doc, f: Figure, claim: int) -> set[str]:
    """Whose dead the figure counts, when it says: a demonym ("Armenian troops"), a named
    body ("TNI personnel", "members of the people's militia"), "our/its own" (the speaker's);
    for "suffered no casualties" the subject's, for "denied any casualties" the speaker's."""
    if doc.nlp is None:
        return set()
    if f.victims is None:
        if f.low == 0:
            tok = doc.nlp.char_span(f.span.start, f.span.end, alignment_mode="expand")
            verb = tok.root.head if tok is not None else None
            subj = None
            for v in (verb, verb.head if verb is not None and verb.dep_ == "conj" else None):
                subj = subj or (next((c for c in v.children if c.dep_ == "nsubj"), None) if v is not None else None)
            if verb is not None and verb.lemma_.lower() in ("suffer", "sustain", "incur", "record") and subj is not None:
                return party_of(doc, Span(subj.left_edge.idx, subj.idx + len(subj.text)), claim)
            return speaker_party(doc, claim)
        return set()
    return party_of(doc, f.victims, claim)


def party_of(doc: Doc, span: Span, claim: int) -> set[str]:
    out = {party_key(doc, e) for e in entities_in(doc, span)}
    toks = doc.nlp.char_span(span.start, span.end, alignment_mode="expand") or []
    for t in toks:
        if t.pos_ in ("ADJ", "PROPN") and t.text[:1].isupper():
            iso = demonym_country(t.text)
            if iso:
                out.add(f"country:{iso}")
        if t.lower_ in ("our", "its", "own"):
            out |= speaker_party(doc, claim)
    return out


INCIDENT_NOUNS = {"attack", "strike", "airstrike", "raid", "clash", "ambush", "bombing", "explosion", "blast", "fighting",
                  "assault", "incident", "shelling", "operation", "fight", "battle", "massacre", "shooting", "crossfire",
                  "firefight", "gunfight", "skirmish", "offensive", "incursion"}


def _verb(doc: Doc, f: Figure):
    toks = doc.nlp.char_span(f.span.start, f.span.end, alignment_mode="expand") if doc.nlp is not None else None
    if toks is None:
        return None
    verbs = [t for t in toks if t.pos_ == "VERB"] or [t for t in toks if t.pos_ == "AUX"]
    if verbs:
        return verbs[0]
    up = [t for t in toks.root.ancestors if t.pos_ == "VERB"]  # "put the toll at 17", "has risen to 64 people"
    return up[0] if up and up[0].lemma_.lower() not in REPORT_VERBS else None


REPORT_VERBS = {"say", "tell", "report", "announce", "claim", "state", "add", "confirm", "quote"}


def _anchored(verb) -> bool:
    """The clause ties the deaths to an incident: "in the attack", "on Tuesday", "by a drone"."""
    return any(t.lemma_.lower() in INCIDENT_NOUNS or t.ent_type_ in ("DATE", "TIME") or t.dep_ == "agent"
               for t in verb.subtree)


def _compared(doc: Doc, span: Span, figure: Span | None = None) -> set[int]:
    """Token indices of a superlative comparison in ``span``: "the deadliest attack in the
    region this year", "one of the worst attacks of the conflict" ranks the incident among
    others; its period and its plural are not the figure's. Not "the deadliest year" (a period
    noun) nor a comparison holding the ``figure`` itself."""
    toks = doc.nlp.char_span(span.start, span.end, alignment_mode="expand") if doc.nlp is not None else None
    out: set[int] = set()
    for t in toks or []:
        if t.lemma_.lower() not in INCIDENT_NOUNS or t.pos_ != "NOUN":
            continue
        if not any(c.dep_ == "amod" and (c.tag_ == "JJS" or any(g.lower_ == "most" for g in c.children)) for c in t.children):
            continue
        sub = sorted(t.subtree, key=lambda x: x.i)
        if figure is not None and Span(sub[0].idx, sub[-1].idx + len(sub[-1].text)).overlaps(figure):
            continue
        out |= {x.i for x in sub}
    return out


def _uncompared_text(doc: Doc, span: Span, figure: Span | None = None) -> str:
    """``span``'s text with its superlative comparisons blanked."""
    skip = _compared(doc, span, figure)
    if not skip:
        return doc.span_text(span)
    text = list(doc.span_text(span))
    for t in doc.nlp.char_span(span.start, span.end, alignment_mode="expand") or []:
        if t.i in skip:
            for k in range(max(t.idx, span.start) - span.start, min(t.idx + len(t.text), span.end) - span.start):
                text[k] = " "
    return "".join(text)


def _period(doc: Doc, f: Figure) -> bool:
    """A running total: "since January", "this year", "in the last five months", "the war
    left 30,000 dead", "27 villagers have been killed" (present perfect, tied to no incident);
    not "the deadliest attack this year" (a comparison ranks the incident)."""
    verb = _verb(doc, f)
    if verb is not None:  # the figure's own clause: "since the UN said 70 died in the attack" is no period
        toks = sorted(verb.subtree, key=lambda t: t.i)
        text = _uncompared_text(doc, Span(toks[0].idx, toks[-1].idx + len(toks[-1].text)), f.span)
    else:
        text = _uncompared_text(doc, doc.sentence_of(f.span) or f.span, f.span)
    if _PERIOD.search(text) or _AGGREGATE.search(_uncompared_text(doc, doc.sentence_of(f.span) or f.span, f.span)):
        return True
    if _WAR.search(text) and re.search(r"\b(?:have|has) been killed\b|\bleft\b|\bclaimed\b", text, re.I) and (f.low or 0) >= 50:
        return True
    perfect = verb is not None and any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("has", "have", "'ve") for c in verb.children)
    return perfect and not _anchored(verb) and "toll" not in text.lower()


def _incidents(doc: Doc, f: Figure) -> tuple[bool, bool]:
    """(several, another): the figure's clause counts several incidents ("two explosions",
    "the attacks") or one told apart from the story's ("two other explosions", "a separate
    attack")."""
    span = _clause(doc, f)
    toks = doc.nlp.char_span(span.start, span.end, alignment_mode="expand") if doc.nlp is not None else None
    verb = _verb(doc, f)
    if (verb is None or verb.lemma_ == "be") and not any(t.lemma_.lower() in INCIDENT_NOUNS for t in toks or []):
        # "and there were no casualties": no act, no incident in its clause; its sentence's incident
        sent = sentence_in_paragraph(doc, f.span) or span
        toks = doc.nlp.char_span(sent.start, sent.end, alignment_mode="expand") if doc.nlp is not None else None
    several = another = False
    compared = _compared(doc, Span(toks[0].idx, toks[-1].idx + len(toks[-1].text)), f.span) if toks else set()
    for t in toks or []:
        if t.lemma_.lower() not in INCIDENT_NOUNS or t.pos_ != "NOUN" or t.i in compared:
            continue  # "one of the worst attacks" ranks the incident, it counts no other
        if t.tag_ == "NNS" or any(c.dep_ == "nummod" for c in t.children):
            several = True
        if any(c.lower_ in ("other", "another", "separate", "similar", "earlier", "previous", "second", "latest")
               for c in t.children if c.dep_ in ("amod", "det")):
            another = True
    return several, another


def _not_a_count(doc: Doc, f: Figure) -> bool:
    """"Killing a peacekeeper is a war crime" (a gerund subject: a rule, no incident);
    "the two died when ..." (the two just counted: a reference, not a count)."""
    verb = _verb(doc, f)
    if verb is not None and verb.tag_ == "VBG" and verb.dep_ in ("csubj", "nsubj", "csubjpass"):
        return True
    if f.victims is not None:
        head = doc.span_text(f.victims).lower().split()
        if len(head) >= 2 and head[0] in ("the", "these", "those") and word_number(head[1]) is not None:
            return True
    return False


def stated_figures(doc: Doc) -> list[Stated]:
    """Figures a source other than the article states about an incident (worked out once per
    article: four rules read them; none changes them)."""
    return memo(doc, "stated_figures", _stated_figures)


def _stated_figures(doc: Doc) -> list[Stated]:
    title = (doc.article.title or "").strip()
    out, added = [], []
    for f in read_figures(doc):
        if f.low is None and f.high is None:
            continue
        if title and f.span.start < len(title) + 2 and doc.text.startswith(title[:30]):
            continue  # the headline rounds what the body reports
        c = speaker_at(doc, f.span)
        if not attributed(doc, c) or _period(doc, f) or _not_a_count(doc, f):
            continue
        st = Stated(f, c, _class(doc, f), _party(doc, f, c), own=speaker_party(doc, c))
        st.several, st.another = _incidents(doc, f)
        if _additional(doc, f):
            prev = next((p for p in reversed(out) if p.victims == st.victims and p.claim is not None
                         and same_speaker(doc, doc.claims[p.claim], doc.claims[c]) and f.sentence - p.figure.sentence <= 2), None)
            if prev is not None:  # "two herders had been killed ... a third was shot dead": three
                prev.extra += st.low
            added.append(st)
            continue  # a count added to another is no toll of its own
        out.append(st)
    for st in out:  # "two more guards were found dead, raising the death toll to five": five guards
        if st.victims == "people" and not st.party:
            like = next((o for o in out + added if o is not st and o.figure.sentence == st.figure.sentence and o.victims != "people"
                         and o.claim == st.claim), None)
            if like is not None:
                st.victims, st.party = like.victims, set(like.party)
    return out


_MORE = re.compile(r"\b(another|other|more|further|additional|second|third|fourth|fifth|sixth)\b", re.I)


def _additional(doc: Doc, f: Figure) -> bool:
    """"a third Palestinian", "two more soldiers", "another civilian": added to a count told before."""
    return f.victims is not None and bool(_MORE.search(doc.span_text(f.victims)))


def disagree(a: Stated, b: Stated, one_event: bool = False) -> bool:
    """Interval logic on two figures (see the module docstring). An incident told apart
    ("a separate attack on the bus station") is apart from the figures told before it; a
    later figure the events stage holds with it (``one_event``: "nine were killed in the
    attack on the bus station") counts the same incident."""
    if a.party and b.party and not (a.party & b.party):
        return False  # the dead of two sides
    for x, y in ((a, b), (b, a)):
        if x.low == 0 and not x.party and y.party and y.party <= y.own and not (x.own & y.own):
            return False  # "no casualties" from one side against the other side's own losses
    first, later = (a, b) if a.figure.span.start <= b.figure.span.start else (b, a)
    if later.another or (first.another and not one_event):
        return False  # another incident's toll
    if a.several != b.several:  # the toll of several incidents holds the toll of one
        part, whole = (b, a) if a.several else (a, b)
        return (part.victims == whole.victims or whole.victims == "people") and part.low > whole.high
    if a.victims == b.victims and bool(a.party) == bool(b.party):
        return a.low > b.high or b.low > a.high
    part, whole = (a, b) if _within(a, b) else (b, a) if _within(b, a) else (None, None)
    if part is None:
        return False
    return part.low > whole.high


def _within(part: Stated, whole: Stated) -> bool:
    """``part`` counts some of what ``whole`` counts: specific victims within all the dead,
    one side's dead within those of no stated side."""
    if whole.victims == "people" and part.victims != "people":
        return True
    return part.victims == whole.victims and bool(part.party) and not whole.party


_DAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
                  r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}\b|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*)", re.I)


def _day(doc: Doc, span: Span) -> str | None:
    """The day a span names ("on February 14", "Saturday's raid"), lower-cased, or None."""
    m = _DAY.search(doc.span_text(span))
    return " ".join(m.group(1).lower().replace(".", "").split()) if m else None


def _clause(doc: Doc, f: Figure) -> Span:
    """The clause that tells the figure; for "..., killing 15 soldiers" the clause it hangs on."""
    verb = _verb(doc, f)
    if verb is None:
        return f.span
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.pos_ == "VERB":
        verb = verb.head
    toks = sorted(verb.subtree, key=lambda t: t.i)
    return Span(toks[0].idx, toks[-1].idx + len(toks[-1].text))


def _main_day(doc: Doc) -> str | None:
    """The day of the article's story: the first day the body's first sentences name."""
    title = (doc.article.title or "").strip()
    for sent in doc.sentences[:4]:
        if title and sent.start < len(title) + 2:
            continue
        day = _day(doc, sent)
        if day:
            return day
    return None


def _dated_apart(doc: Doc, a: Stated, b: Stated, one_event: bool = False) -> bool:
    """The figures' clauses name different days ("killed on February 14" against the
    weekend's toll): two incidents. An undated figure is of the story's day, unless the
    events stage holds both figures as one incident's (then only two named days differ)."""
    da, db = _day(doc, _clause(doc, a.figure)), _day(doc, _clause(doc, b.figure))
    if not (da or db):
        return False
    main = None if one_event else _main_day(doc)
    da, db = da or main, db or main
    return bool(da and db and da != db)


def _placed_apart(doc: Doc, a: Stated, b: Stated) -> bool:
    """The figures' clauses name different places ("killed in Kidal" against "died in Gao",
    or in a district of the province the other names): two incidents, or a part."""
    def places(s: Stated) -> set[int]:
        return {e for e in entities_in(doc, _clause(doc, s.figure)) if doc.entities[e].type == "LOCATION"}
    pa, pb = places(a), places(b)
    return bool(pa and pb and not pa & pb)  # a district within the province is a part of its toll, not the same count


MAX_APART = 8  # sentences: a dispute is told where both figures are, unless one event holds both


def _holding_events(doc: Doc, figs: list[Stated]) -> list[frozenset[int]]:
    """For each figure, the incidents (events not told as background) that took it into their
    fatalities: the events stage clustered its mention with the incident, so its text is among
    the event's figures and its value in the breakdown. Worked out once per figure, by the
    figure's text, so comparing every pair of figures costs a set intersection."""
    by_text: dict[str, list[int]] = {}
    for i, e in enumerate(doc.events):
        if not e.background:
            for text in e.fatalities.text.split("; "):
                by_text.setdefault(text, []).append(i)
    return [frozenset(i for i in by_text.get(s.figure.text, ()) if s.value in doc.events[i].fatalities.breakdown.values())
            for s in figs]


def disputed_figures(doc: Doc) -> list[Contradiction]:
    figs = stated_figures(doc)
    held = _holding_events(doc, figs)
    pairs = []
    for i, a in enumerate(figs):
        for j in range(i + 1, len(figs)):
            b = figs[j]
            one = bool(held[i] & held[j])  # the events stage read both as tolls of one incident
            if abs(a.figure.sentence - b.figure.sentence) > MAX_APART and not one:
                continue  # a dispute is told where both figures are, unless one event holds both
            if same_speaker(doc, doc.claims[a.claim], doc.claims[b.claim]) or not disagree(a, b, one):
                continue
            if _dated_apart(doc, a, b, one) or _placed_apart(doc, a, b):
                continue
            pairs.append((abs(a.figure.sentence - b.figure.sentence), a.figure.span.start, a, b))
    out, used, speakers = [], set(), set()
    for _, _, a, b in sorted(pairs, key=lambda p: (p[0], p[1])):
        key = (frozenset((doc.claims[a.claim].source.lower(), doc.claims[b.claim].source.lower())), a.victims, b.victims)
        if id(a) in used or id(b) in used or key in speakers:
            continue
        used |= {id(a), id(b)}
        speakers.add(key)
        out.append(_contradiction(doc, a, b))
    return sorted(out, key=lambda c: c.a.evidence.start)


def _contradiction(doc: Doc, a: Stated, b: Stated) -> Contradiction:
    if b.figure.span.start < a.figure.span.start:
        a, b = b, a
    victims = a.victims if a.victims != "people" else b.victims
    sa, sb = source_of(doc, a.claim), source_of(doc, b.claim)
    about = f"number of {victims} killed ({sa}: {_shown(a)}; {sb}: {_shown(b)})"
    return Contradiction(
        about=about, kind="numeric",
        a=Side(statement(doc, a.claim, a.figure.span), sa, a.claim, _event_of(doc, a.figure), a.value),
        b=Side(statement(doc, b.claim, b.figure.span), sb, b.claim, _event_of(doc, b.figure), b.value),
    )


def _shown(s: Stated) -> str:
    f = s.figure
    if f.low is not None and f.high is None:
        return f"at least {f.low}"
    if f.low is None:
        return f"up to {f.high}"
    return str(f.low) if f.low == f.high else f"{f.low}-{f.high}"


def _event_of(doc: Doc, f: Figure) -> int | None:
    """The event whose evidence states the figure."""
    hits = [i for i, e in enumerate(doc.events) if e.evidence.contains(f.span) or e.evidence.overlaps(f.span)]
    return hits[0] if hits else None


# -- "the toll is exaggerated" ---------------------------------------------------------------

_EXAGGERATED = re.compile(r"\b(?:exaggerat\w*|inflat\w*|overstat\w*|overestimat\w*|understat\w*|underestimat\w*|"
                          r"padded|bloated|far fewer|much lower|grossly)\b|"
                          r"\b(?:tolls?|numbers?|figures?|casualt\w+)\b[^.;]{0,30}?\b(?:is|was|were|are)(?: \w+)? "
                          r"(?:much |far |significantly |considerably )?(?:higher|lower|greater|smaller)\b"
                          r"(?! than (?!reported|stated|announced|claimed|given|the official))|"
                          r"\bmany more (?:people|civilians|soldiers) (?:were killed|died)\b", re.I)
_FIGURE_WORDS = re.compile(r"\b(figures?|tolls?|casualt\w+|numbers?|counts?|tallies|tally|claims?|losses|deaths?|dead|died|killed)\b", re.I)
_GROUP_NOUN = re.compile(r"\b(?:the|this|that)\s+(group|movement|militants|rebels|insurgents|jihadists|organi[sz]ation|army|military|ministry|government)\b", re.I)


def exaggerated(doc: Doc) -> list[Contradiction]:
    """A figure against a statement that it is wrong without a figure of its own: 'the group
    routinely exaggerates casualty figures', 'residents said the real toll was much higher'."""
    figs = stated_figures(doc)
    out, used = [], set()
    for k, sent in enumerate(doc.sentences):
        text = doc.span_text(sent)
        m = _EXAGGERATED.search(text)
        if not (m and _FIGURE_WORDS.search(text)):
            continue
        at = Span(sent.start + m.start(), sent.start + m.end())
        if any(sent.contains(s.figure.span) and s.figure.span.start >= at.start for s in figs):
            continue  # it gives its own figure: a numeric dispute, if any
        c = claim_of(doc, at)
        group = _GROUP_NOUN.search(text)  # "the group routinely exaggerates": its figures anywhere before
        before = [s for s in figs if s.figure.span.end <= at.start and (group or k - s.figure.sentence <= MAX_APART)
                  and (c is None or not same_speaker(doc, doc.claims[s.claim], doc.claims[c]))]
        if not before:
            continue
        if group:  # a figure an organisation gave
            orgs = [s for s in before if doc.claims[s.claim].source_kind == "named_org"]
            before = orgs or before
        s = before[-1]
        if id(s) in used:
            continue
        used.add(id(s))
        mine = statement(doc, c, at) if c is not None else sentence_in_paragraph(doc, at) or sent
        out.append(Contradiction(
            about=f"number of {s.victims} killed ({source_of(doc, s.claim)}: {_shown(s)}; {source_of(doc, c)}: disputes the figure)",
            kind="numeric",
            a=Side(statement(doc, s.claim, s.figure.span), source_of(doc, s.claim), s.claim, _event_of(doc, s.figure), s.value),
            b=Side(mine, source_of(doc, c), c, None, None)))
    return out


def revised_figures(doc: Doc) -> list[Contradiction]:
    """One speaker giving two different counts of the same victims for one incident: an
    update ("police said seven died ... police later said 11"), a the earlier, b the later."""
    figs = stated_figures(doc)
    out, used = [], set()
    for i, a in enumerate(figs):
        for b in figs[i + 1:]:
            if id(a) in used or id(b) in used or (a.low, a.high) == (b.low, b.high) or not (a.value and b.value):
                continue
            if a.victims != b.victims or a.party != b.party or a.another or b.another or a.several != b.several:
                continue
            if not same_speaker(doc, doc.claims[a.claim], doc.claims[b.claim]) or abs(a.figure.sentence - b.figure.sentence) > MAX_APART:
                continue
            if _dated_apart(doc, a, b) or _placed_apart(doc, a, b):
                continue
            used |= {id(a), id(b)}
            sa = source_of(doc, a.claim)
            out.append(Contradiction(
                about=f"{sa} revised the number of {a.victims} killed from {_shown(a)} to {_shown(b)}", kind="update",
                a=Side(statement(doc, a.claim, a.figure.span), sa, a.claim, _event_of(doc, a.figure), a.value),
                b=Side(statement(doc, b.claim, b.figure.span), source_of(doc, b.claim), b.claim, _event_of(doc, b.figure), b.value)))
    return out
