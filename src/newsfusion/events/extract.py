"""The event rules end to end: from a parsed, entity-tagged Doc to its Events.

Order: find trigger mentions (:mod:`.detect`), decide their status
(:mod:`.status`), fill their arguments (:mod:`.arguments`, :mod:`.setting`),
count the dead (:mod:`.fatalities`), type them (:mod:`.classify`), merge the
mentions of one event (:mod:`.coalesce`), then attach sources (:mod:`.sources`)
and the PLOVER code (:mod:`.plover`).
"""

from __future__ import annotations

from ..model import Arg, Doc, Event, EventMention, Span
from .arguments import fill_roles
from .background import background, habitual, not_a_report, tally, told_as_background
from .classify import classify
from .coalesce import in_sentence, members, richness
from .context import DocContext
from .detect import find_drafts
from .draft import Draft
from .fatalities import body_counts, figures_near, toll_of, is_fatality_word, toll_figures, victims_of
from .phrases import counted
from .parties import event_country, normalise
from .plover import plover_for
from .place import approximate, coarseness, find_locations, listed_places
from .setting import evidence_span, find_time, find_weapon, is_historical, sentence_time
from .story import across, attach_tolls
from .sources import claims_for, sources_and_status
from .status import drops, modality

RETYPE = ("attack", "kill", "protest")
PLACE_CARRY = 3  # sentences: a mention with no place of its own is where the event told just before was


def _sentence_times(ctx: DocContext) -> dict[int, object]:
    return {i: sentence_time(ctx, s) for i, s in enumerate(ctx.sdoc.sents)}


def _anchored(ctx: DocContext, times: dict[int, object]) -> set[int]:
    """Sentences set in a stated time: their own, or the previous sentence's in the paragraph."""
    out = set()
    sents = list(ctx.sdoc.sents)
    for i, s in enumerate(sents):
        if times.get(i) is not None:
            out.add(i)
        elif i > 0 and times.get(i - 1) is not None and ctx.para_of(sents[i - 1].start_char) == ctx.para_of(s.start_char):
            out.add(i)
    return out


def _prev_time(ctx: DocContext, times: dict[int, object], d: Draft):
    sents = ctx.doc.sentences  # the parse's sentences (not listed again per draft: a long article's cost)
    i = d.sent
    if 0 < i < len(sents) and ctx.para_of(sents[i - 1].start) == ctx.para_of(sents[i].start):
        return times.get(i - 1)
    return None


def _build(ctx: DocContext, d: Draft, prior: list[Arg], prev_loc: dict[int, Arg], dominant, times, anchored) -> str:
    """Fill one draft; return why it is not an event ('' when it is)."""
    d.status = modality(ctx, d.token, d.rule.participant)
    if drops(d.status):
        return d.status
    fill_roles(ctx, d, prior)
    if d.frame == "kill":
        d.victims = [counted(ctx, v) for v in victims_of(d.token)]
    find_locations(ctx, d, prev_loc.get(d.para), dominant)
    _place_facts(ctx, d)
    find_time(ctx, d, _prev_time(ctx, times, d))
    d.background = is_historical(ctx, d) or told_as_background(ctx, d)
    context = not_a_report(ctx, d)
    if context:
        return context
    if habitual(ctx, d.token, d.time_level <= 2):
        return "habitual present"
    if background(d.token, d.time_level <= 2):
        return "background description"
    people = victims_of(d.token) or [o for o in d.objects if not list(o.children)]  # "thousands have been arrested"
    if tally(ctx, d.token, people, d.time_level <= 1):
        return "a running total, not an event"
    find_weapon(ctx, d)
    d.acled = classify(ctx, d, {t.lower_ for t in d.token.sent})
    if d.acled is None:
        return "no ACLED type fits"
    d.evidence = evidence_span(ctx, d)
    return ""


def _another_incident(told: Draft, d: Draft) -> bool:
    """``d`` is marked as another incident than the one told before ("a similar assault", "In
    January, ..." after an attack on April 17): the place carried from it is not its place."""
    from .coalesce import _separate, _time_ok
    own_time = d.time is not None and not d.time_inherited and d.time_level <= 2
    return _separate(d) or (own_time and not _time_ok(told, d))


def _refines(ctx: DocContext, place: Arg, dominant: int | None) -> bool:
    """The place is a spot inside the country the article is about (carrying it to the next
    sentence refines the article's place instead of contradicting it)."""
    if dominant is None or place.entity == dominant:
        return False
    dom = ctx.doc.entities[dominant].geo
    geo = ctx.doc.entities[place.entity].geo if place.entity is not None else None
    if dom is None or dom.precision != 3 or dom.admin1 is not None:
        return False  # the article's place is not a whole country
    return geo is None or (geo.country == dom.country and geo.precision < 3)


def _place_facts(ctx: DocContext, d: Draft) -> None:
    """How coarse the mention's place is, and its country, for merging mentions."""
    if d.location is None:
        return
    d.loc_coarse = coarseness(ctx, d.location)
    e = d.location.entity
    geo = ctx.doc.entities[e].geo if e is not None else None
    # a place the gazetteer lacks is put in a country by its neighbours: a guess, no evidence
    d.loc_country = geo.country if geo is not None and (geo.place_id is not None or geo.lat is not None) else None
    d.loc_admin1 = geo.admin1 if geo is not None else None
    d.loc_is_country = geo is not None and geo.precision == 3 and geo.admin1 is None and bool(geo.country)
    if geo is not None and geo.lat is not None and geo.lon is not None and geo.precision == 1:
        d.loc_point = (geo.lat, geo.lon)
    d.loc_near = d.loc_level <= 4 and approximate(ctx, d.location)


def _sentence_figures(ctx: DocContext, group: list[Draft]) -> None:
    """Give each fatality word of the sentence to the nearest violent mention."""
    lethal = [d for d in group if d.lethal and d.frame not in ("abduct", "sexual")] or [d for d in group if d.lethal]
    if not lethal:
        return  # the dead of "killed nine and abducted 15" go to the killing, not the abduction
    sent = ctx.sent_tokens(lethal[0].token)
    for t in sent:
        if is_fatality_word(t):
            host = min(lethal, key=lambda d: abs(d.token.i - t.i))
            host.figures.extend(figures_near(ctx, t))
            if not host.victims:
                host.victims = [counted(ctx, v) for v in victims_of(t)]
    lethal[0].figures.extend(toll_figures(ctx, sent) + body_counts(ctx, sent))  # "14 bodies were found after an attack"


def _retype(ctx: DocContext, d: Draft) -> None:
    if d.acled == ("Battles", "Armed clash") and any(m.frame == "clash" for m in d.merged):
        return  # the attack turned into a clash: whoever was hit, both sides fought
    if d.frame in RETYPE:
        new = classify(ctx, d, {t.lower_ for t in d.token.sent})
        if new is not None and not (d.acled and d.acled[0] == "Protests" and new[0] == "Protests"):
            d.acled = new


COUNT_DROPS = ("a count of incidents", "aggregate")


def _toll_of_count(d: Draft, counted_verbs: set[int]) -> bool:
    """"carried out 13 air strikes in five months, killing 20": the participle tells what the
    counted incidents did together, no incident of its own."""
    t = d.token
    return t.tag_ == "VBG" and t.dep_ in ("advcl", "xcomp", "conj") and t.head.i in counted_verbs


def extract_events(doc: Doc) -> list[Event]:
    """All events ``doc`` states, with arguments, fatalities, status, sources and PLOVER code."""
    if doc.nlp is None:
        return []
    ctx = DocContext.build(doc)
    times = _sentence_times(ctx)
    anchored = _anchored(ctx, times)
    drafts = find_drafts(ctx, anchored)
    prior: list[Arg] = []
    prev_loc: dict[int, Arg] = {}
    prev_from: dict[int, Draft] = {}  # the mention that stated the paragraph's latest place
    last_loc: tuple[int, Arg] | None = None  # the latest place an event stated, and its sentence
    dominant = ctx.dominant_place()
    kept, dropped = [], []
    counted_verbs: set[int] = set()  # verbs whose object is a count of incidents ("has carried out 13 strikes")
    for d in drafts:
        near = last_loc[1] if last_loc is not None and d.sent - last_loc[0] <= PLACE_CARRY and _refines(ctx, last_loc[1], dominant) else None
        d.drop = d.drop or _build(ctx, d, prior, {**prev_loc, d.para: prev_loc.get(d.para) or near}, dominant, times, anchored)
        if not d.drop and _toll_of_count(d, counted_verbs):
            d.drop = "the toll of a count of incidents ('carried out 13 strikes, killing 20')"
        if d.drop:
            if d.drop.startswith(COUNT_DROPS) and d.nominal and d.token.head.pos_ in ("VERB", "AUX"):
                counted_verbs.add(d.token.head.i)
            dropped.append(d)
            continue
        prior.extend(a for a in d.actors if a.entity is not None)
        carried_from = prev_from.get(d.para) if d.loc_level == 5 else None
        if carried_from is not None and _another_incident(carried_from, d) and dominant is not None:
            ent = ctx.doc.entities[dominant]
            d.locations, d.loc_level = [Arg(ent.name, None, dominant)], 6
            _place_facts(ctx, d)
        if d.loc_explicit and d.location is not None:
            prev_loc[d.para] = d.location
            prev_from[d.para] = d
            last_loc = (d.sent, d.location)
        kept.append(d)
    by_sent: dict[tuple[int, int], list[Draft]] = {}
    for d in kept:
        by_sent.setdefault((d.sent, d.para), []).append(d)
    merged: list[Draft] = []
    for s in sorted(by_sent):
        _sentence_figures(ctx, by_sent[s])
        for d in by_sent[s]:
            d.richness = richness(ctx, d)
        for d in in_sentence(ctx, by_sent[s]):
            _retype(ctx, d)
            if d.merged:
                d.richness = richness(ctx, d)  # the sentence states what its mentions state together
            merged.append(d)
    events = across(ctx, merged, dropped)
    with_trigger = {d.sent for d in drafts}
    tolls = [(i, f) for i, s in enumerate(ctx.sdoc.sents) if i not in with_trigger for f in toll_figures(ctx, s) + body_counts(ctx, s)]
    attach_tolls(ctx, events, tolls)
    for d in events:
        _finest_place(d)
    _news_day(ctx, events)
    return [ev for d in events for ev in to_events(ctx, d)]


def _news_day(ctx: DocContext, events: list[Draft]) -> None:
    """An incident the report tells with no time anywhere ("a third man was shot dead near X",
    "another drone strike hit Y") happened when the story's incident did: ACLED dates an
    undated report by the news it belongs to. The news is the lede's incident, dated by a time
    of its own (not the date of a claim); background and an undated change of territory stay
    undated."""
    lede = next((d for d in events if not d.background and any(ctx.is_lede(m.sent) for m in members(d))), None)
    if lede is None or lede.time is None or lede.time_inherited or lede.time_claimed or lede.time_level > 3:
        return
    for d in events:
        if d.time is None and not d.background and d is not lede and d.acled and d.acled[1] not in TERRITORY_SUB_TYPES:
            d.time, d.time_inherited, d.time_level = lede.time, True, 5


# who holds a place: an undated change of hands is as often the history of the place as the day's news
TERRITORY_SUB_TYPES = ("Non-state actor overtakes territory", "Government regains territory",
                       "Non-violent transfer of territory")


def _finest_place(d: Draft) -> None:
    """The event's place is the most specific place any telling of it states ("in northern
    Mozambique" ... "the raid took place in the hamlet of Nangade")."""
    from .coalesce import members
    best = d
    for m in members(d):
        if m is d or m.location is None or m.loc_level > 3 or m.loc_coarse >= best.loc_coarse:
            continue
        if d.loc_country and m.loc_country and d.loc_country != m.loc_country:
            continue
        best = m
    if best is not d:
        d.locations, d.loc_level, d.loc_coarse = best.locations, best.loc_level, best.loc_coarse
        d.loc_country, d.loc_point, d.loc_admin1 = best.loc_country, best.loc_point, best.loc_admin1


def to_events(ctx: DocContext, d: Draft) -> list[Event]:
    """The Event(s) of a draft: one per place when it names several."""
    doc = ctx.doc
    claim_ids, by_author = claims_for(doc, d)
    sources, status = sources_and_status(doc, d, claim_ids, by_author)
    ptype, pmode = plover_for(d.acled[1], d.frame, d.weapon)
    fat = toll_of(d.acled[1], d.figures)
    # "occupied two towns, A and B": one event per town listed under a plural place noun, as ACLED
    # codes one event per location; "captured A, B and C" is one act, one event (at the first)
    places = d.locations if d.loc_level == 1 and len(d.locations) > 1 and not d.background and listed_places(ctx, d.locations) \
        else d.locations[:1]
    rule = f"{d.frame}:{d.token.lemma_.lower()}" + (f" +{len(d.merged)} merged" if d.merged else "")
    conf = 0.5 + 0.15 * any(a.entity is not None for a in d.actors) + 0.15 * (d.loc_level <= 3) - 0.2 * d.reference
    tellings = sorted({(m.trigger_span.start, m.trigger_span.end, m.evidence.start, m.evidence.end)
                       for m in members(d) if m.evidence is not None})
    mentions = [EventMention(Span(a, b), Span(c, e)) for a, b, c, e in tellings]
    out = []
    for place in places or [None]:
        country = event_country(ctx, place)
        actors = normalise(ctx, d.actors, country=country, target=False)
        targets = [t for t in normalise(ctx, d.targets, country=country, target=True) if not _is_actor(t, actors)]
        out.append(Event(
            acled_type=d.acled[0], acled_sub_type=d.acled[1], trigger=d.trigger_span, evidence=d.evidence,
            actors=actors, targets=targets, location=place, time=d.time, fatalities=fat,
            weapon=d.weapon, status=status, sources=sources, plover_type=ptype, plover_mode=pmode,
            confidence=round(min(conf, 0.95), 2), claims=claim_ids, rule=rule, background=d.background,
            mentions=list(mentions)))
    return out


def _is_actor(t: Arg, actors: list[Arg]) -> bool:
    """A party does not act on itself: a target that is the actor is a misreading ("clashes with
    protesters" read from both sides, "its drones" resolved to the shooter)."""
    return any((t.entity is not None and t.entity == a.entity) or t.text.lower() == a.text.lower() for a in actors)
