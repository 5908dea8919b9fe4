"""One event per happening within an article: merging the mentions of the same event.

1. In one sentence: a killing ("..., killing 30 people") belongs to the attack,
   strike or clash the sentence reports; property destroyed belongs to the strike
   that destroyed it; a raid that ends in arrests is the arrests; two mentions of
   the same ACLED type are one event unless they name different places.
2. Across sentences, in text order:
   * a reference ("the attack", "At the rally") joins the latest event of its type;
     if that event was not kept (historical, hypothetical), the reference goes too;
   * a killing reported within three sentences of a violent event, in a compatible
     place and time, adds its dead to that event (the death toll of the battle);
   * two statements of the same type and sub-type are one event when both state the
     place and the places agree, their times agree and they share a named participant;
   * protests merge like references, the strongest sub-type winning (peaceful <
     with intervention < excessive force).
   When two mentions merge, the one that *states* the event (not a reference, not the
   headline) keeps its evidence and trigger; the other fills what it lacks.
3. Figures in sentences without a trigger ("put the number of dead soldiers at 65")
   go to the latest violent event within three sentences.
"""

from __future__ import annotations

from .context import DocContext
from .draft import Draft
from .fatalities import Figure

GATHERING_ORDER = [("Protests", "Peaceful protest"), ("Protests", "Protest with intervention"),
                   ("Riots", "Violent demonstration"), ("Riots", "Mob violence"),
                   ("Protests", "Excessive force against protesters")]
SEPARATE = {"separate", "separately", "another", "elsewhere", "second", "earlier", "later", "meanwhile"}
WINDOW = 3


def _norm(name: str) -> set[str]:
    stop = {"the", "of", "north", "south", "east", "west", "northern", "southern", "eastern", "western", "city", "province", "region", "district", "state", "strip", "peninsula", "governorate"}
    return {w for w in name.lower().replace("-", " ").split() if w not in stop}


def _stated_place(d: Draft):
    """The place the mention itself states: its own phrase for a reference, its clause otherwise."""
    return d.location if d.loc_level <= (1 if d.reference else 3) else None


def place_ok(a: Draft, b: Draft, strict: bool) -> bool:
    la, lb = _stated_place(a), _stated_place(b)
    if la is None or lb is None:
        return not strict
    if la.entity is not None and la.entity == lb.entity:
        return True
    na, nb = _norm(la.text), _norm(lb.text)
    return bool(na & nb) or la.text.lower() in lb.text.lower() or lb.text.lower() in la.text.lower()


def time_ok(a: Draft, b: Draft) -> bool:
    ta, tb = a.time, b.time
    if ta is None or tb is None:
        return True
    if ta.start and tb.start and ta.end and tb.end:
        return ta.start <= tb.end and tb.start <= ta.end
    if not (_dated(ta.text) and _dated(tb.text)):
        return True  # "a day", "recent weeks": too vague to tell two events apart
    strip = lambda t: " ".join(w for w in t.text.lower().split() if w not in ("in", "on", "at", "over", "during", "just"))
    return strip(ta) == strip(tb)


_DATE_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
               "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
               "month", "week", "year", "yesterday", "today", "morning", "night", "evening", "afternoon"}


def _dated(text: str) -> bool:
    low = text.lower()
    return any(ch.isdigit() for ch in low) or any(w.strip(".,").rstrip("s") in _DATE_WORDS for w in low.split())


def _entities(d: Draft) -> set[int]:
    return {a.entity for a in d.participants() if a.entity is not None}


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
    """Same ACLED type, and not a territory change against a clash."""
    return a.acled[0] == b.acled[0] and ("territory" in a.acled[1]) == ("territory" in b.acled[1])


def _separate(d: Draft) -> bool:
    return any(t.lower_ in SEPARATE for t in d.token.sent)


def _rank(ctx: DocContext, d: Draft) -> int:
    """How fully a mention states its event: 2 a statement, 1 the lede or a definite noun, 0 the headline or a reference."""
    if d.reference or ctx.is_title(d.sent):
        return 0
    return 2 if _states(ctx, d) else 1


def _states(ctx: DocContext, d: Draft) -> bool:
    """The mention states the event: not a reference, not a definite noun ("the ISIS rally"),
    not the headline or the lede (which summarise what the body then reports)."""
    if d.reference or ctx.is_title(d.sent) or ctx.is_lede(d.sent):
        return False
    return not (d.nominal and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in d.token.children))


def absorb(ctx: DocContext, host: Draft, other: Draft, swap: bool = True) -> Draft:
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
    if not primary.targets:
        primary.targets = second.targets
    if not primary.victims:
        primary.victims = second.victims
    weak = ctx.is_title(second.sent) or second.reference  # they only fill a place the statement lacks
    if second.loc_level < primary.loc_level and not (weak and primary.loc_level <= 4):
        primary.locations, primary.loc_level = second.locations, second.loc_level
    title = ctx.is_title(second.sent)  # the headline only fills what the body leaves empty
    if second.time is not None and (primary.time is None or (second.time_level < primary.time_level and not title)):
        primary.time, primary.time_inherited, primary.time_level = second.time, second.time_inherited, second.time_level
    if primary.acled and second.acled and {primary.acled[0], second.acled[0]} <= {"Protests", "Riots"}:
        primary.acled = max(primary.acled, second.acled, key=GATHERING_ORDER.index)
    primary.status = min(primary.status, second.status, key=["occurred", "alleged", "planned", "denied"].index) if {primary.status, second.status} <= {"occurred", "alleged", "planned", "denied"} else primary.status
    primary.merged.append(second)
    primary.weapon = primary.weapon or second.weapon
    return primary


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
    lethal = [d for d in drafts if d.lethal and d.frame not in ("kill", "destroy")]
    weapons = [d for d in lethal if d.frame in WEAPON_FRAMES]
    riots = [d for d in drafts if d.acled and d.acled[0] == "Riots"]
    out: list[Draft] = []
    for d in drafts:
        linked = [w for w in weapons if w is not d and (_linked(w.token, d.token) or not d.participants())]
        if d.frame == "attack" and linked:  # "gunmen and suicide bombers attacked", "attacked with rockets"
            absorb(ctx, linked[0], d)
            continue
        hosts = [h for h in lethal if h is not d]
        if d.reference and d.frame in ("attack", "kill", "clash") and hosts:  # "... committed the attack"
            absorb(ctx, min(hosts, key=lambda h: abs(h.token.i - d.token.i)), d)
            continue
        if d.acled and d.acled[0] == "Protests" and riots and d.acled[1] != "Excessive force against protesters":
            absorb(ctx, riots[0], d)  # the gathering turned violent: one riot
            continue
        if d.frame == "kill" and lethal:
            strong = [h for h in lethal if h.frame not in ("abduct", "sexual")] or lethal
            host = min(strong, key=lambda h: abs(h.token.i - d.token.i))
            host.victims = host.victims or d.victims
            if host.acled and host.acled[1] == "Excessive force against protesters" and d.actors:
                host.actors = d.actors  # the force that fired is the actor, the protesters the target
            if d.targets:  # the people killed are the targets, before places and buildings
                kept = [a for a in host.targets if a.entity is not None and all(a.entity != t.entity for t in d.targets)]
                host.targets = d.targets + kept
            absorb(ctx, host, d, swap=False)
            continue
        hosts = lethal or [x for x in drafts if x.frame == "kill" and x.lethal]
        if d.frame == "destroy" and hosts:  # property destroyed in a strike, an attack, a riot
            absorb(ctx, min(hosts, key=lambda h: abs(h.token.i - d.token.i)), d)
            continue
        if d.frame == "attack" and not d.figures and any(x.frame == "arrest" for x in drafts):
            absorb(ctx, next(x for x in drafts if x.frame == "arrest"), d)
            continue
        out.append(d)
    merged: list[Draft] = []
    for d in sorted(out, key=_score, reverse=True):
        host = next((h for h in merged if h.acled and d.acled and h.acled[0] == d.acled[0]
                     and (h.acled[1] == d.acled[1] or (h.acled[0] in ("Protests", "Battles") and d.frame in ("clash", "kill", "attack", "protest")
                                                       and "territory" not in h.acled[1] + d.acled[1]))
                     and place_ok(h, d, strict=False) and not _distinct_places(h, d)), None)
        if host is None:
            merged.append(d)
        else:
            absorb(ctx, host, d)
    return sorted(merged, key=lambda x: x.token.i)


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
    return bool(a.loc_level <= 1 and b.loc_level <= 1 and a.location and b.location and a.location.entity != b.location.entity)


def _summary(d: Draft) -> bool:
    """"two explosions", "three attacks": a mention that counts several events."""
    from .fatalities import word_number
    return d.nominal and d.token.tag_ in ("NNS", "NNPS") and any(
        c.dep_ == "nummod" and (word_number(c.text) or 0) >= 2 for c in d.token.children)


def across(ctx: DocContext, drafts: list[Draft], dropped: list[Draft]) -> list[Draft]:
    """Step 2: fold later mentions into the earlier event they report. A mention that counts
    several events ("two explosions") is kept only when the article does not report them apart."""
    kept = _across(ctx, [d for d in drafts if not _summary(d)], dropped)
    for s in (d for d in drafts if _summary(d)):
        same = [k for k in kept if k.acled and s.acled and k.acled[0] == s.acled[0]]
        fit = [k for k in same if place_ok(k, s, False) and time_ok(k, s)]
        if len(same) == 1 and fit:
            absorb(ctx, fit[0], s, swap=False)  # "two explosions" heard: the strike already told
        elif len(same) < 2:
            kept.append(s)
    return sorted(kept, key=lambda d: d.token.i)


def _across(ctx: DocContext, drafts: list[Draft], dropped: list[Draft]) -> list[Draft]:
    kept: list[Draft] = []
    for d in drafts:
        host = _host_for(ctx, d, kept, dropped)
        if host == "drop":
            continue
        if host is None:
            kept.append(d)
            continue
        follow_up = d.frame == "kill" or (d.frame == "attack" and d.figures and not d.actors)
        merged = absorb(ctx, host, d, swap=not follow_up)
        if merged is not host:
            kept[kept.index(host)] = merged
    return kept


def _host_for(ctx: DocContext, d: Draft, kept: list[Draft], dropped: list[Draft]):
    if d.acled is None:
        return None
    same_type = [h for h in kept if h.acled and h.acled[0] == d.acled[0]]
    if d.reference:
        pool = [h for h in kept if h.lethal] if d.frame in ("attack", "kill", "clash") and d.lethal else same_type
        earlier = [h for h in pool if place_ok(h, d, False) and time_ok(h, d)]
        gone = [x for x in dropped if x.frame == d.frame and x.token.i < d.token.i and x.sent >= d.sent - 2]
        if gone and (not earlier or gone[-1].token.i > earlier[-1].token.i):
            return "drop"
        if earlier:
            return earlier[-1]
        # a reference to nothing reported is no report, unless it brings its own dead or people
        return None if (d.figures or d.participants()) else "drop"
    if d.frame == "kill" or (d.frame == "attack" and d.figures and not d.actors):
        # a toll told apart: within three sentences, or anywhere when it names no actor and no place
        loose = not d.actors and d.loc_level > 3
        for h in reversed(kept):
            near = d.sent - h.sent <= WINDOW or loose
            same_side = not d.actors or _shared(ctx, h.participants(), d.actors)
            if h.lethal and near and same_side and place_ok(h, d, False) and time_ok(h, d) and participants_ok(h, d) and not _separate(d):
                return h
        return None
    for h in same_type:
        # the headline and the body report the same story: same kind of event, whatever place words
        if (ctx.is_title(d.sent) or ctx.is_title(h.sent)) and _same_kind(h, d) and time_ok(h, d):
            return h
    gathering = [h for h in kept if h.acled and h.acled[0] in ("Protests", "Riots")]
    if d.acled[0] in ("Protests", "Riots"):
        for h in reversed(gathering):  # one gathering, however it turned
            if place_ok(h, d, False) and time_ok(h, d) and not _separate(d):
                return h
    for h in reversed(same_type):
        if h.acled == d.acled and d.anaphoric and d.sent - h.sent <= 4 and place_ok(h, d, False) and time_ok(h, d):
            return h  # "the suspects were detained": the arrests told just before
        if h.acled == d.acled and d.status in ("alleged", "denied") and h.status in ("alleged", "denied") \
                and place_ok(h, d, False) and time_ok(h, d) and _shared(ctx, h.participants(), d.participants()):
            return h  # an accusation and its denial
        if h.acled == d.acled and (not _states(ctx, h) or ctx.is_title(d.sent)) and place_ok(h, d, False) and time_ok(h, d) and participants_ok(h, d):
            return h
        if h.acled == d.acled and place_ok(h, d, True) and time_ok(h, d) and (_entities(h) & _entities(d)) and not _separate(d):
            return h
    return None


def attach_tolls(ctx: DocContext, events: list[Draft], tolls: list[tuple[int, Figure]]) -> None:
    """Step 3: figures stated without a trigger go to the latest violent event before them."""
    for sent, fig in tolls:
        host = None
        for e in events:
            if e.lethal and 0 <= sent - e.sent <= WINDOW and (e.sent < sent or True):
                host = e if host is None or e.sent >= host.sent else host
        if host is not None:
            fig.sentence = sent
            host.figures = _unique_figures(host.figures + [fig])
