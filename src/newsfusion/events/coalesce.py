"""One event per happening within an article: the shared rules and the merges in one sentence.

A sentence may state an event several times ("an air strike hit the market,
killing 30"): a killing belongs to the attack, strike or clash the sentence
reports; property destroyed belongs to the strike that destroyed it; a raid
that ends in arrests is the arrests; an attack linked to a weapon is the
weapon's event; a protest that turns violent is one riot; an attack and the
clash it became ("militiamen attacked the suburb, where they clashed with
residents") are one armed clash; two mentions of one ACLED type are one event
unless they name different places. An abduction is its own event beside the
attack it happened in (a facet of the incident, with its own sub-type).

:func:`absorb` merges two mentions: the mention that states the event most
fully (its own actor, target, place, time, toll and means; never the headline
or a bare reference) keeps its evidence and trigger, the other fills what it
lacks; a bare "strike" takes the means another mention states, and of two
violent readings the one by means beats the armed clash, which beats the attack
on civilians. Merges across sentences are in :mod:`.story`.
"""

from __future__ import annotations

from .context import DocContext
from .draft import Draft
from .fatalities import Figure

GATHERING_ORDER = [("Protests", "Peaceful protest"), ("Protests", "Protest with intervention"),
                   ("Riots", "Violent demonstration"), ("Riots", "Mob violence"),
                   ("Protests", "Excessive force against protesters")]
SEPARATE = {"separate", "separately", "another", "elsewhere", "second", "earlier", "meanwhile", "similar",
            "previous", "prior"}
TIME_ORDER = {"earlier", "previous", "prior"}
SPEECH_OR_CLAIM = {"say", "tell", "claim", "announce", "report", "confirm", "state", "add", "deny", "accuse", "blame",
                   "note", "warn", "allege", "acknowledge", "admit"}
WINDOW = 3
LEDE_BONUS = 0.25


def _norm(name: str) -> set[str]:
    stop = {"the", "of", "north", "south", "east", "west", "northern", "southern", "eastern", "western", "city", "province", "region", "district", "state", "strip", "peninsula", "governorate"}
    return {w for w in name.lower().replace("-", " ").split() if w not in stop}


def _stated_place(d: Draft):
    """The place the mention itself states: its own phrase for a reference, its clause otherwise."""
    return d.location if d.loc_level <= (1 if d.reference else 3) else None


def members(d: Draft) -> list[Draft]:
    """The mention and every mention merged into it."""
    out, stack = [], [d]
    while stack:
        x = stack.pop()
        out.append(x)
        stack.extend(x.merged)
    return out


def place_ok(a: Draft, b: Draft, strict: bool) -> bool:
    """``b``'s place can be the place of event ``a``: compatible with the place every mention of
    ``a`` states (complete link); ``strict`` also asks that both state one."""
    stated = [m for m in members(a) if _stated_place(m) is not None]
    if any(not _place_ok(m, b, False) for m in stated):
        return False
    return not strict or any(_place_ok(m, b, True) for m in stated)


def _place_ok(a: Draft, b: Draft, strict: bool) -> bool:
    """The two mentions' places can be one place: the same, or a town inside the region or
    country the other names ("in Mali" / "in the village of X"), unless geocodes differ."""
    la, lb = _stated_place(a), _stated_place(b)
    if la is None or lb is None:
        return not strict
    if same_place(la, lb):
        return True
    if far_apart(a, b):
        return False
    if a.loc_country and b.loc_country and a.loc_country != b.loc_country:
        return False
    if (a.loc_is_country and b.loc_country in (a.loc_country, None)) or (b.loc_is_country and a.loc_country in (b.loc_country, None)):
        return True  # "in Nigeria" and "in Borno State" (or a district the gazetteer does not know)
    if a.loc_point and b.loc_point and _km(a.loc_point, b.loc_point) <= NEAR_KM:
        return True  # a suburb and its city
    if a.loc_near or b.loc_near:
        return True  # "near Mogadishu": a landmark, the spot is elsewhere
    if 0 in (a.loc_coarse, b.loc_coarse):
        return True  # a named building and the town it stands in
    return (a.loc_coarse == 3) != (b.loc_coarse == 3)


NEAR_KM = 25


def _km(p: tuple[float, float], q: tuple[float, float]) -> float:
    from math import asin, cos, radians, sin, sqrt

    la1, lo1, la2, lo2 = map(radians, (*p, *q))
    h = sin((la2 - la1) / 2) ** 2 + cos(la1) * cos(la2) * sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * asin(sqrt(h))


def same_place(la, lb) -> bool:
    if la.entity is not None and la.entity == lb.entity:
        return True
    na, nb = _norm(la.text), _norm(lb.text)
    if bool(na & nb) or la.text.lower() in lb.text.lower() or lb.text.lower() in la.text.lower():
        return True
    return bool(na and nb) and _same_name(" ".join(sorted(na)), " ".join(sorted(nb)))  # "Korsi" / "Kosri"


def time_ok(a: Draft, b: Draft) -> bool:
    """``b``'s own time can be the time of event ``a``: compatible with every mention of ``a``."""
    return all(_time_ok(m, b) for m in members(a))


def _time_ok(a: Draft, b: Draft) -> bool:
    """The two mentions' own times can be one (a time carried from the sentence before is no
    time of the mention's own)."""
    ta = None if a.time_inherited or a.time_claimed else a.time
    tb = None if b.time_inherited or b.time_claimed else b.time
    if ta is None or tb is None:
        return True
    if ta.start and tb.start and ta.end and tb.end:
        return ta.start <= tb.end and tb.start <= ta.end
    if not (_dated(ta.text) and _dated(tb.text)):
        return True  # "a day", "recent weeks": too vague to tell two events apart
    return _unresolved_times_agree(ta.text, tb.text)


_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"}
_RELATIVE_DAYS = {"today", "yesterday", "tonight"}


def _unresolved_times_agree(x: str, y: str) -> bool:
    """Two times the article date could not resolve: they disagree only when both name a
    weekday, a month, a year or a relative day and these differ ("on Monday" / "on Tuesday");
    "last week" and "last Tuesday" can be one time."""
    wx = {w.strip(".,'’").lower() for w in x.split()}
    wy = {w.strip(".,'’").lower() for w in y.split()}
    for group in (_WEEKDAYS, _MONTHS, _RELATIVE_DAYS):
        gx, gy = wx & group, wy & group
        if gx and gy and not gx & gy:
            return False
    yx = {w for w in wx if w.isdigit() and len(w) == 4}
    yy = {w for w in wy if w.isdigit() and len(w) == 4}
    return not (yx and yy and not yx & yy)


_DATE_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
               "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
               "month", "week", "year", "yesterday", "today", "morning", "night", "evening", "afternoon"}


def _dated(text: str) -> bool:
    low = text.lower()
    return any(ch.isdigit() for ch in low) or any(w.strip(".,").rstrip("s") in _DATE_WORDS for w in low.split())


def _entities(d: Draft) -> set[int]:
    return {a.entity for a in d.participants() if a.entity is not None}


def actors_fit(ctx: DocContext, a: Draft, b: Draft) -> bool:
    """The actors can be the same: one names none, or they share one (a place as target does
    not count against it)."""
    return not a.actors or not b.actors or _shared(ctx, a.actors, b.actors)


GENERIC_ARMED = {"gunman", "gunmen", "militant", "militants", "attacker", "attackers", "assailant", "assailants",
                 "fighter", "fighters", "rebel", "rebels", "insurgent", "insurgents", "jihadist", "jihadists",
                 "terrorist", "terrorists", "bandit", "bandits", "militiaman", "militiamen", "perpetrator",
                 "perpetrators", "men", "group", "militia", "militias", "extremist", "extremists", "guerrilla",
                 "guerrillas"}


def _generic(a) -> bool:
    """A description that names no one: "gunmen", "suspected jihadists", "the attackers"."""
    words = a.text.lower().replace("-", " ").split()
    return a.entity is None and bool(words) and words[-1] in GENERIC_ARMED


def _fits(ctx: DocContext, x, y) -> bool:
    """Two actor arguments can be the same party."""
    from .classify import is_state
    if x.entity is not None and x.entity == y.entity:
        return True
    sx, sy = is_state(ctx, x) or _is_country(ctx, x), is_state(ctx, y) or _is_country(ctx, y)
    if sx and sy:
        return True
    if (_generic(x) and not sy) or (_generic(y) and not sx):
        return True  # "gunmen" ... "the ADF"
    if (x.entity is None or y.entity is None) and not (sx or sy):
        return True  # a description ("Salafists", "the attacking group") may be the group named
    lx, ly = x.text.lower().split()[-1:], y.text.lower().split()[-1:]
    return bool(lx) and lx == ly


def _same_party(ctx: DocContext, x, y) -> bool:
    """Surely one party: one entity, or both the state (its forces or the country)."""
    from .classify import is_state
    if x.entity is not None and x.entity == y.entity:
        return True
    return (is_state(ctx, x) or _is_country(ctx, x)) and (is_state(ctx, y) or _is_country(ctx, y))


def _is_country(ctx: DocContext, a) -> bool:
    if a.entity is None:
        return False
    e = ctx.doc.entities[a.entity]
    return e.type == "LOCATION" and e.geo is not None and e.geo.precision == 3 and e.geo.admin1 is None


def actors_conflict(ctx: DocContext, a: Draft, b: Draft) -> bool:
    """The two mentions name different parties as the actor, or the roles are reversed (the
    strike on Hezbollah and Hezbollah's drones launched in reply)."""
    if "clash" in (a.frame, b.frame):  # in a clash both sides act: the two sides are its participants
        pa, pb = a.participants(), b.participants()
        return bool(a.actors and b.actors) and not any(_fits(ctx, x, y) for x in pa for y in pb)
    if a.actors and b.actors and not any(_fits(ctx, x, y) for x in a.actors for y in b.actors):
        return True
    a_hits_b = any(_same_party(ctx, x, y) for x in a.actors for y in b.targets)
    b_hits_a = any(_same_party(ctx, x, y) for x in b.actors for y in a.targets)
    same_actor = any(_fits(ctx, x, y) for x in a.actors for y in b.actors)
    return (a_hits_b or b_hits_a) and not same_actor  # "Israeli forces killed two" / "a rocket was fired into Israel"


def far_apart(a: Draft, b: Draft) -> bool:
    """Both places are geocoded inside the same country but in different first-level regions, or
    towns more than 25 km apart."""
    if a.loc_point and b.loc_point:
        return _km(a.loc_point, b.loc_point) > (3 * NEAR_KM if (a.loc_near or b.loc_near) else NEAR_KM)
    return bool(a.loc_admin1 and b.loc_admin1 and a.loc_country == b.loc_country and a.loc_level <= 3 and b.loc_level <= 3
                and not _same_name(a.loc_admin1, b.loc_admin1))


def _same_name(x: str, y: str) -> bool:
    """Spellings of one region name across gazetteers ("Amhara" / "Amara", "Ma’rib" / "Marib")."""
    from difflib import SequenceMatcher
    fx, fy = _fold(x), _fold(y)
    return fx == fy or SequenceMatcher(None, fx, fy).ratio() >= 0.75


def _fold(name: str) -> str:
    """"Ma’rib" and "Marib" are one name."""
    import unicodedata
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return "".join(ch for ch in s if ch.isalnum())


def participants_ok(a: Draft, b: Draft) -> bool:
    ea, eb = _entities(a), _entities(b)
    return not (ea and eb) or bool(ea & eb)


def _shared(ctx: DocContext, a: list, b: list) -> bool:
    """Some argument of ``a`` is some argument of ``b``: same entity, same head word, or both
    forces of the state ("the army" and "the Egyptian military")."""
    from .classify import is_state
    for x in a:
        for y in b:
            if is_state(ctx, x) and is_state(ctx, y):
                return True
            if x.entity is not None and x.entity == y.entity:
                return True
            if x.entity is None and y.entity is None and x.text.lower().split()[-1:] == y.text.lower().split()[-1:]:
                return True
    return False


def _same_kind(a: Draft, b: Draft) -> bool:
    """Same sub-event type; an attack and a clash are one kind (the headline's "attack" may be
    the body's clash), so are a bare "strike" and the strike the body tells, and a gathering
    however it turned."""
    fights = {("Battles", "Armed clash"), ("Violence against civilians", "Attack")}
    if a.acled == b.acled or (a.acled in fights and b.acled in fights):
        return True
    if a.acled[0] == b.acled[0] == "Explosions/Remote violence":
        return a.means_unknown or b.means_unknown
    return {a.acled[0], b.acled[0]} <= {"Protests", "Riots"}


def _separate(d: Draft) -> bool:
    """The sentence marks another incident ("a separate attack", "a similar attack", "earlier");
    "yet another attack" is this one, one more of a series."""
    if _followed(d.token):
        return True  # "the raid comes after the killing on Friday of 12 farmers": that killing was before
    for t in d.token.sent:
        if t.lower_ in ("reply", "response", "retaliation", "revenge", "reprisal") and t.head.lower_ == "in":
            return True  # "fired rockets in reply": another act, the answer to the first
        if t.lower_ not in SEPARATE:
            continue
        if t.lower_ in TIME_ORDER and not _orders_the_event(d, t):
            continue  # "the group earlier claimed responsibility": when it was said, not another incident
        if t.lower_ in ("another", "second"):
            if t.i > 0 and t.nbor(-1).lower_ == "yet":
                continue  # "yet another attack": this one, one more of a series
            if t.dep_ not in ("det", "amod") or t.head.pos_ not in ("NOUN", "PROPN"):
                continue  # "another died": another person
        return True
    return False


def _followed(tok) -> bool:
    """The mention is what another event followed or came after ("follows the killing of",
    "came days after an attack on", "was preceded by a car bomb")."""
    t = tok
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    h = t.head
    if t.dep_ == "dobj" and h.lemma_.lower() in ("follow", "precede"):
        return True
    if t.dep_ == "pobj" and h.lower_ in ("after", "by") and h.head.lemma_.lower() in ("come", "follow", "precede"):
        return True
    return False


def _orders_the_event(d: Draft, t) -> bool:
    """"an earlier attack", "Earlier, gunmen killed two": the word places this event before
    another; "the group earlier claimed responsibility" only dates the claim."""
    h = t.head
    if t.dep_ == "amod":
        return h.i == d.token.i or h.lemma_.lower() in ("incident", "attack", "day", "week", "month")
    if t.dep_ == "advmod" and h.pos_ in ("VERB", "AUX"):
        return h.lemma_.lower() not in SPEECH_OR_CLAIM
    return t.dep_ == "advmod" and h.pos_ in ("NOUN", "PROPN")  # "earlier this month"


def richness(ctx: DocContext, d: Draft) -> int:
    """How fully a mention states its event by itself: its own actor, target, named place (a
    town more than a country), time and toll, and the means; the headline and a bare
    reference ("the attack") only summarise or point back."""
    if d.reference or ctx.is_title(d.sent):
        return -1
    if ctx.is_telegraphic(d.sent):
        return 0  # a standfirst in headline style sums up like the title
    own_actor = bool(d.actors) and not d.rule.participant  # "protesters" act for themselves
    named = own_actor and any(a.entity is not None for a in d.actors)  # a named group states more than "gunmen"
    score = own_actor + 0.5 * named + bool(d.targets) + bool(d.figures) + (d.frame in WEAPON_FRAMES and not d.means_unknown)
    if d.location is not None and d.loc_level <= 3:
        score += 1 + (d.loc_coarse < 3)
    if d.time is not None and d.time_level <= 2 and not d.time_inherited:
        score += 1
    if ctx.is_lede(d.sent):
        score += LEDE_BONUS  # the lede sums up; the body wins only with more
    if d.status in ("alleged", "denied"):
        score -= 1  # "were reportedly killed", "accused X of": a statement that asserts it states it better
    return score


def _rank(ctx: DocContext, d: Draft) -> tuple:
    """A statement beats a definite noun ("the attack on X"), which beats the headline and a
    bare reference; then the fuller mention wins."""
    tier = 0 if (d.reference or ctx.is_title(d.sent)) else 1 if _definite(d) else 2
    return tier, (d.richness if d.richness else richness(ctx, d))


def _definite(d: Draft) -> bool:
    return d.nominal and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in d.token.children)


def _generic_armed(ctx: DocContext, a) -> bool:
    """"gangs", "gunmen", "militants": a description a named group can stand in for."""
    if a.entity is not None:
        return False
    words = a.text.lower().split()
    return bool(words) and (ctx.lex.has("armed", words[-1]) or ctx.lex.has("armed", words[-1].rstrip("s")))


def _states(ctx: DocContext, d: Draft) -> bool:
    """The mention states the event: not a reference, not a definite noun ("the ISIS rally"),
    not the headline or the lede (which summarise what the body then reports)."""
    if d.reference or ctx.is_title(d.sent) or ctx.is_lede(d.sent):
        return False
    return not (d.nominal and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in d.token.children))


def absorb(ctx: DocContext, host: Draft, other: Draft, swap: bool = True, told_apart: bool = False) -> Draft:
    """Merge ``other`` into ``host``; the mention that states the event keeps the evidence
    (``swap=False``: the host keeps it, as when a toll or a killing joins the attack)."""
    primary, second = host, other
    if swap and _rank(ctx, other) > _rank(ctx, host):
        primary, second = other, host
    if ctx.is_title(second.sent) and primary.figures:
        second.figures = []  # the headline rounds what the body counts
    primary.figures = _unique_figures(primary.figures + second.figures)
    if not primary.actors:
        primary.actors = second.actors
    elif all(_generic_armed(ctx, a) for a in primary.actors) and any(a.entity is not None for a in second.actors):
        primary.actors = [a for a in second.actors if a.entity is not None]  # "gangs" ... "led by the X group"
    if not primary.targets:
        primary.targets = second.targets
    if not primary.victims:
        primary.victims = second.victims
    weak = ctx.is_title(second.sent) or second.reference  # they only fill a place the statement lacks
    finer = (second.loc_level <= (3 if weak else 4) and second.loc_coarse < primary.loc_coarse and primary.loc_coarse == 3
             and not ctx.is_title(second.sent))  # "in the Amhara region" ... "the strike hit the town of X"
    coarser = second.loc_coarse > primary.loc_coarse and primary.loc_level <= 4  # "in Burkina Faso" / "in Koumbri"
    if (second.loc_level < primary.loc_level and not (weak and primary.loc_level <= 4) and not coarser) or finer:
        primary.locations, primary.loc_level = second.locations, second.loc_level
        primary.loc_coarse, primary.loc_country = second.loc_coarse, second.loc_country
        primary.loc_point, primary.loc_near, primary.loc_admin1 = second.loc_point, second.loc_near, second.loc_admin1
        primary.loc_is_country = second.loc_is_country
    title = ctx.is_title(second.sent)  # the headline only fills what the body leaves empty
    better = second.time_level < primary.time_level or (primary.time_claimed and not second.time_claimed)
    if second.time is not None and (primary.time is None or (better and not title)):
        primary.time, primary.time_inherited, primary.time_level = second.time, second.time_inherited, second.time_level
        primary.time_claimed = second.time_claimed
    if primary.acled and second.acled and {primary.acled[0], second.acled[0]} <= {"Protests", "Riots"}:
        primary.acled = max(primary.acled, second.acled, key=GATHERING_ORDER.index)
    if not (primary.colour or second.colour) or primary.means_unknown or second.means_unknown:
        _stronger_means(primary, second, told_apart)
    primary.status = min(primary.status, second.status, key=["occurred", "alleged", "planned", "denied"].index) if {primary.status, second.status} <= {"occurred", "alleged", "planned", "denied"} else primary.status
    primary.merged.append(second)
    primary.weapon = primary.weapon or second.weapon
    return primary


DEFINITE = {"the", "this", "that", "these", "those"}
VIOLENT_ORDER = [("Violence against civilians", "Attack"), ("Battles", "Armed clash")]


def _strength(d: Draft) -> int:
    """2 a means of remote violence, 1 an armed clash, 0 an attack on civilians (-1 otherwise)."""
    if d.acled is None:
        return -1
    if d.acled[0] == "Explosions/Remote violence":
        return 2 if not d.means_unknown else 1.5
    return VIOLENT_ORDER.index(d.acled) if d.acled in VIOLENT_ORDER else -1


def _stronger_means(primary: Draft, second: Draft, told_apart: bool = False) -> None:
    """One incident told twice keeps the most telling type: a bare "strike" takes the means
    another mention states ("a ballistic missile hit the blocks"); remote violence by means beats an
    armed clash, which beats an attack on civilians ("six militiamen died in an attack" / "an
    army post was targeted by gunmen"). Told in other sentences (``told_apart``), only the means
    retypes: between a clash and an attack on civilians the fullest account decides (accounts of
    one incident disagree on who was hit)."""
    a, b = _strength(primary), _strength(second)
    if a < 0 or b < 0 or (told_apart and b < 1.5 and not primary.means_unknown):
        return
    if b > a or (primary.means_unknown and b == 2):
        primary.acled = second.acled
        if second.frame in WEAPON_FRAMES:
            primary.frame = second.frame
        primary.means_unknown = second.means_unknown


def _unique_figures(figs: list[Figure]) -> list[Figure]:
    out, seen = [], set()
    for f in figs:
        key = (f.span.start, f.span.end)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _score(d: Draft) -> tuple:
    return (not d.reference, len(d.actors) + len(d.targets) + (d.loc_level <= 3), -d.token.i)


WEAPON_FRAMES = ("airstrike", "shelling", "ied", "suicide", "grenade", "chemical")


def in_sentence(ctx: DocContext, drafts: list[Draft]) -> list[Draft]:
    """Step 1 for the drafts of one sentence."""
    drafts = _ground_strike(ctx, drafts)
    lethal = [d for d in drafts if d.lethal and d.frame not in ("kill", "destroy")]
    weapons = [d for d in lethal if d.frame in WEAPON_FRAMES]
    riots = [d for d in drafts if d.acled and d.acled[0] == "Riots"]
    out: list[Draft] = []
    for d in drafts:
        linked = [w for w in weapons if w is not d and (_linked(w.token, d.token) or not d.participants())]
        if d.frame == "attack" and linked:  # "gunmen and suicide bombers attacked", "attacked with rockets"
            absorb(ctx, linked[0], d)
            continue
        hosts = [h for h in lethal if h is not d and not _followed(h.token)]  # "the raid follows the murder of ..."
        if d.reference and d.frame in ("attack", "kill", "clash") and hosts:  # "... committed the attack"
            absorb(ctx, min(hosts, key=lambda h: abs(h.token.i - d.token.i)), d)
            continue
        if d.acled and d.acled[0] == "Protests" and riots and d.acled[1] != "Excessive force against protesters":
            absorb(ctx, riots[0], d)  # the gathering turned violent: one riot
            continue
        if d.frame == "kill" and [h for h in lethal if h is not d]:
            strong = [h for h in lethal if h.frame not in ("abduct", "sexual") and h is not d] or [h for h in lethal if h is not d]
            strong = [h for h in strong if not _coordinated(h.token, d.token)] or ([] if _coordinated(strong[0].token, d.token) else strong)
            if not strong:  # "shooting a guard, then planting a bomb beside his car and setting it off": two acts
                out.append(d)
                continue
            linked = [h for h in strong if _linked(h.token, d.token) or _same_clause(h.token, d.token)]
            host = min(linked or strong, key=lambda h: abs(h.token.i - d.token.i))  # "killing 95 ... by its bombardment"
            host.victims = host.victims or d.victims
            if host.acled and host.acled[1] == "Excessive force against protesters" and d.actors:
                host.actors = d.actors  # the force that fired is the actor, the protesters the target
            if d.targets:  # the people killed are the targets, before places and buildings
                kept = [a for a in host.targets if a.entity is not None and all(a.entity != t.entity for t in d.targets)]
                host.targets = d.targets + kept
            absorb(ctx, host, d, swap=False)
            continue
        hosts = lethal or [x for x in drafts if x.frame == "kill" and x.lethal]
        if d.frame == "destroy" and hosts and not _arson_or_looting(d):  # property a strike or a blast destroyed
            absorb(ctx, min(hosts, key=lambda h: abs(h.token.i - d.token.i)), d)
            continue
        bare = [x for x in out if x.lethal and not x.participants() and x.frame not in NOT_BARE and not _two_means(x, d)]
        if d.lethal and not d.participants() and d.frame not in NOT_BARE and bare:  # "an explosion rang out and shooting followed"
            d.colour = True
            absorb(ctx, bare[0], d, swap=False)
            continue
        purpose = [x for x in drafts if x is not d and _in_purpose(d.token, x.token)]
        if d.frame == "deploy" and purpose:  # "sent policemen to disperse a rally": the deployment serves that event
            absorb(ctx, purpose[0], d, swap=False)
            continue
        gathering = next((x for x in drafts if x is not d and x.acled and x.acled[0] == "Protests" and _aimed_at(ctx, d, x)), None)
        if d.frame == "attack" and gathering is not None:  # "shot three marchers in a charge on the rally"
            absorb(ctx, gathering, d, swap=False)
            continue
        if d.frame == "attack" and not d.figures and any(x.frame == "arrest" for x in drafts):
            absorb(ctx, next(x for x in drafts if x.frame == "arrest"), d)
            continue
        out.append(d)
    merged: list[Draft] = []
    for d in sorted(out, key=_score, reverse=True):
        host = next((h for h in merged if h.acled and d.acled and (_fight(h, d) or (h.acled[0] == d.acled[0] and (
                     h.acled[1] == d.acled[1] or (h.acled[0] in ("Protests", "Battles") and d.frame in ("clash", "kill", "attack", "protest")
                                                  and "territory" not in h.acled[1] + d.acled[1]))))
                     and place_ok(h, d, strict=False) and not _distinct_places(h, d)), None)
        if host is None:
            merged.append(d)
        else:
            absorb(ctx, host, d)
    return sorted(merged, key=lambda x: x.token.i)


def _ground_strike(ctx: DocContext, drafts: list[Draft]) -> list[Draft]:
    """"Militants killed three policemen after storming a camp in their biggest strike on a
    government compound": a bare "strike" by no state, beside an attack on the ground in the
    same sentence, is a word for that attack, not an air strike."""
    from .classify import is_state
    ground = [x for x in drafts if x.frame in ("attack", "clash") and x.acled and x.acled[0] != "Explosions/Remote violence"]
    out = []
    for d in drafts:
        if d.means_unknown and ground and not any(is_state(ctx, a) for a in d.actors):
            x = min(ground, key=lambda g: abs(g.token.i - d.token.i))
            d.acled, d.frame, d.means_unknown = x.acled, x.frame, False
            absorb(ctx, x, d, swap=False)
            continue
        out.append(d)
    return out


def _coordinated(a, b) -> bool:
    """Two verbs coordinated as successive acts ("killing X, then hiding ... and detonating"),
    each with an object of its own."""
    if a.pos_ != "VERB" or b.pos_ != "VERB":
        return False
    if b.i not in _sequence(a) and a.i not in _sequence(b):
        return False
    obj = lambda v: next((c for c in v.children if c.dep_ in ("dobj", "nsubjpass")), None)
    oa, ob = obj(a), obj(b)
    return oa is not None and ob is not None and oa.i != ob.i


NOT_BARE = ("kill", "capture", "retake")
ARSON_LOOTING = {"torch", "burn", "loot", "plunder", "ransack", "pillage", "set", "raze", "arson", "looting", "vandalize",
                 "vandalise"}


def _arson_or_looting(d: Draft) -> bool:
    """Houses torched, shops looted: an act of its own beside the killing (ACLED codes it apart),
    unlike what a strike or a blast destroys."""
    return d.token.lemma_.lower() in ARSON_LOOTING


def _two_means(a: Draft, b: Draft) -> bool:
    """Two remote-violence mentions naming different means (a suicide bombing, a car bomb)."""
    return bool(a.acled and b.acled) and a.acled[0] == b.acled[0] == "Explosions/Remote violence" and a.acled != b.acled \
        and not (a.means_unknown or b.means_unknown)


def _sequence(v) -> set[int]:
    """The verbs told as successive acts with ``v``: its conjuncts, and verbs hung on it as a
    loose "dep" or "parataxis" (", then planted explosives"), with theirs."""
    out, stack = set(), [v]
    while stack:
        t = stack.pop()
        if t.i in out:
            continue
        out.add(t.i)
        stack.extend(c for c in t.children if c.pos_ == "VERB" and c.dep_ in ("conj", "dep", "parataxis"))
        if t.dep_ == "conj":
            stack.append(t.head)
    return out


def _aimed_at(ctx: DocContext, d: Draft, x: Draft) -> bool:
    """The attack is aimed at a gathering ("a charge on anti-government rallies") the other mention reports."""
    for a in d.targets:
        words = a.text.lower().split()
        if words and any(r.frame == "protest" for r in ctx.lex.rules_for(words[-1], words[-1].rstrip("s"))):
            return True
    return False


def _same_clause(a, b) -> bool:
    """``b`` lies in the phrase or clause ``a`` governs, or the reverse."""
    return a.left_edge.i <= b.i <= a.right_edge.i and a.pos_ in ("VERB", "NOUN") and b.head.i != a.head.i or \
        b.left_edge.i <= a.i <= b.right_edge.i and b.pos_ in ("VERB", "NOUN") and a.head.i != b.head.i


def _in_purpose(v, tok) -> bool:
    """``tok`` lies in a "to" clause of verb ``v`` ("sent troops to disperse the march")."""
    for c in v.children:
        if c.dep_ in ("xcomp", "advcl") and any(a.lower_ == "to" for a in c.children) and c.left_edge.i <= tok.i <= c.right_edge.i:
            return True
    return False


def _fight(a: Draft, b: Draft) -> bool:
    """An attack and the clash it turned into, told in one sentence: one armed clash."""
    kinds = {a.acled, b.acled}
    return kinds == {("Violence against civilians", "Attack"), ("Battles", "Armed clash")} and "clash" in (a.frame, b.frame)


def _linked(a, b) -> bool:
    """One word depends on the other directly or through a subject / object / "with" phrase."""
    for x, y in ((a, b), (b, a)):
        t = x
        for _ in range(3):
            if t.head.i == t.i or t.dep_ in ("advcl", "ccomp", "relcl", "parataxis"):
                break
            t = t.head
            if t.i == y.i:
                return True
    return False


def _distinct_places(a: Draft, b: Draft) -> bool:
    """Both mentions state their own place and the places cannot be one ("in Kandahar" and "in
    Afghanistan" can)."""
    return bool(a.loc_level <= 1 and b.loc_level <= 1 and a.location and b.location
                and a.location.entity != b.location.entity and not place_ok(a, b, True))


