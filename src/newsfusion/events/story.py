"""One event per happening within an article: the merges across sentences.

A report tells its incident several times: the headline, the lede that sums it
up, the body's account, the quotes that add colour ("there was a loud explosion,
then shooting for an hour"), the toll told later. In text order, each mention
joins the earlier event it tells, or starts a new one:

* a reference ("the attack", "At the rally") joins the latest event of its kind
  with a compatible place and time (if that event was not kept, historical or
  hypothetical, the reference goes too);
* a killing or a toll within three sentences of a violent event, compatible in
  place, time and side, adds its dead to it;
* the headline and the lede sum up the story the body tells: the body's first
  violent account of an incident compatible with the lede's (actors shared or
  unnamed, places that can be one, times that agree) is the lede's incident,
  whether it reads as an attack or a clash (a shelling stays apart from a clash;
  a bare "strike" takes the means the body tells);
* a violent mention that names no actor, no named target and no time of its own
  is colour on the incident told just before ("fierce fighting", "a loud explosion");
* one gathering is one event however it turned; an anaphoric mention ("the
  suspects were detained") joins the event told just before; an accusation and
  its denial are one alleged event; two statements of the same sub-type at the
  same place, at agreeing times and without clashing participants are one event.

A mention marked as another incident ("a separate attack", "a similar attack",
"earlier") starts its own event. Figures told without a trigger ("put the number
of dead soldiers at 65") go to the latest violent event within three sentences.
"""

from __future__ import annotations

from .coalesce import (WINDOW, actors_conflict, members, actors_fit, _entities, _same_kind, _separate, _shared, _states,
                       _unique_figures, absorb, far_apart, participants_ok, place_ok, same_place, time_ok)
from .context import DocContext
from .draft import Draft
from .fatalities import Figure, zero_toll

VIOLENT = {("Battles", "Armed clash"), ("Violence against civilians", "Attack")}
DEFINITE = {"the", "this", "that"}
# why a mention was dropped when a reference to it is no report either: it did not happen, or long ago
NOT_HAPPENED = ("hypothetical", "negated", "threatened", "historical", "background", "start of a period", "a pattern",
                "habitual", "a trend", "a count")


def _summary(ctx: DocContext, d: Draft) -> bool:
    """"two explosions", "three attacks": a mention that counts several events ("two missiles"
    counts the munitions of one salvo)."""
    from .fatalities import word_number
    if ctx.lex.has_tok("weapon", d.token) or ctx.lex.has_tok("heavy_weapon", d.token) or d.rule.participant:
        return False  # "two protesters" counts people
    return d.nominal and d.token.tag_ in ("NNS", "NNPS") and any(
        c.dep_ == "nummod" and (word_number(c.text) or 0) >= 2 for c in d.token.children)


def across(ctx: DocContext, drafts: list[Draft], dropped: list[Draft]) -> list[Draft]:
    """Fold later mentions into the earlier event they report. A mention that counts several
    events ("two explosions") is kept only when the article does not report them apart."""
    kept = _across(ctx, [d for d in drafts if not _summary(ctx, d)], dropped)
    for s in (d for d in drafts if _summary(ctx, d)):
        told = _told_in_sentence(s, kept)
        if told is not None:
            absorb(ctx, told, s, swap=False)  # "X was preceded by a car bomb and the two attacks killed 11"
            continue
        same = [k for k in kept if k.acled and s.acled and k.acled[0] == s.acled[0]]
        fit = [k for k in same if place_ok(k, s, False) and time_ok(k, s)]
        colour = _elaboration_host(ctx, s, kept) if not same else None
        if len(same) == 1 and fit:
            absorb(ctx, fit[0], s, swap=False)  # "two explosions" heard: the strike already told
        elif colour is not None:
            absorb(ctx, colour, s, swap=False)  # "we heard two explosions": colour on the attack told
        elif len(same) < 2:
            kept.append(s)
    return sorted(kept, key=lambda d: d.token.i)


def _told_in_sentence(s: Draft, kept: list[Draft]):
    """"the two attacks", "both blasts": a definite count of events points back to the violent
    events its sentence has just told; its dead go to the first of them (a joint toll is not split)."""
    if not any(c.dep_ == "det" and c.lower_ in DEFINITE | {"these", "both"} for c in s.token.children):
        return None
    told = [(m.token.i, k) for k in kept if k.lethal for m in members(k) if m.sent == s.sent and m.token.i < s.token.i]
    return min(told, key=lambda x: x[0])[1] if told else None


def _across(ctx: DocContext, drafts: list[Draft], dropped: list[Draft]) -> list[Draft]:
    kept: list[Draft] = []
    for d in drafts:
        # the news and its background are told apart; what one sentence kept apart stays apart
        pool = [k for k in kept if k.background == d.background and all(m.sent != d.sent for m in members(k))]
        host = _host_for(ctx, d, pool, dropped)
        if host == "drop":
            continue
        if host is None:
            kept.append(d)
            continue
        follow_up = (d.frame == "kill" or d.frame == "attack" and d.figures) and not d.actors  # a toll told after
        summary = ctx.is_title(host.sent) or host.reference or ctx.is_telegraphic(host.sent)  # the body's statement replaces a headline
        merged = absorb(ctx, host, d, swap=summary or not follow_up, told_apart=True)
        if merged is not host:
            kept[kept.index(host)] = merged
    return kept


def _violent(d: Draft) -> bool:
    """Violence against people: a clash, an attack, remote violence, force against protesters."""
    return bool(d.acled) and (d.acled in VIOLENT or d.acled[0] == "Explosions/Remote violence"
                              or d.acled[1] == "Excessive force against protesters")


def _same_sub(a: Draft, b: Draft) -> bool:
    """Same sub-event type, or a bare "strike" and a remote-violence mention that says how."""
    if a.acled == b.acled:
        return True
    return a.acled[0] == b.acled[0] == "Explosions/Remote violence" and (a.means_unknown or b.means_unknown)


def _host_for(ctx: DocContext, d: Draft, kept: list[Draft], dropped: list[Draft]):
    if d.acled is None:
        return None
    if d.reference:
        return _reference_host(d, kept, dropped)
    ref = next((m for m in d.merged if m.reference and m.sent == d.sent), None)
    if ref is not None and not _separate(d):  # "the clashes occurred on Monday, when X shelled Y": the sentence tells the incident again
        host = _reference_host(ref, kept, dropped)
        if host is not None and host != "drop" and not actors_conflict(ctx, host, d):
            d.colour = True
            return host
    if d.frame == "kill" or (d.frame == "attack" and d.figures and not d.actors):
        host = _toll_host(ctx, d, kept)
        if host is not None:
            return host
    same_type = [h for h in kept if h.acled and h.acled[0] == d.acled[0]]
    for h in kept:
        # the headline and the body report the same story: same kind of event, whatever place words
        if h.acled and (ctx.is_title(d.sent) or ctx.is_title(h.sent)) and _same_kind(h, d) and time_ok(h, d):
            return h
    host = _lede_host(ctx, d, kept)
    if host is not None:
        host.summary_used = True
        return host
    host = _definite_host(ctx, d, kept) or _denial_host(d, kept) or _incident_host(ctx, d, kept)
    if host is not None:
        return host
    gathering = [h for h in kept if h.acled and h.acled[0] in ("Protests", "Riots")]
    if d.acled[0] in ("Protests", "Riots"):
        for h in reversed(gathering):  # one gathering, however it turned
            if place_ok(h, d, False) and time_ok(h, d) and not _separate(d):
                return h
    host = _statement_host(ctx, d, same_type)
    return host if host is not None else _elaboration_host(ctx, d, kept)


def _incident_host(ctx: DocContext, d: Draft, kept: list[Draft]):
    """One incident told again in other words ("militants stormed the camp" ... "the gunmen
    killed three policemen" ... "the assailants opened fire"): the latest violent event that the
    mention cannot be told apart from -- no new-incident cue, times and places that can be one,
    actors that can be one, the same means when both name one."""
    if not _violent(d) or _separate(d):
        return None
    same = [h for h in kept if h.acled == d.acled]
    for h in [*reversed(same), *reversed([h for h in kept if h.acled != d.acled])]:  # the same kind first
        if not _violent(h) or _other_means(h, d) or (h.acled != d.acled and _period(d) != _period(h)):
            continue
        if not (time_ok(h, d) and _recent(ctx, d) == _recent(ctx, h) and place_ok(h, d, False)) or far_apart(h, d):
            continue
        if actors_conflict(ctx, h, d) or _victims_differ(ctx, h, d) or _other_means_elsewhere(h, d):
            continue
        d.colour = True  # told again: it adds to the incident, it does not retype it
        return h
    return None


def _other_means_elsewhere(a: Draft, b: Draft) -> bool:
    """A bomb or shell that names its means beside an attack on the ground, each at a town of
    its own ("gunmen raided a village near A" ... "a roadside bomb killed five near B"): two incidents."""
    remote = [x for x in (a, b) if x.acled[0] == "Explosions/Remote violence" and not x.means_unknown]
    if len(remote) != 1:
        return False
    towns = [[m.location for m in members(x) if m.loc_level <= 3 and m.loc_coarse < 3 and m.location is not None] for x in (a, b)]
    return all(towns) and not any(same_place(p, q) for p in towns[0] for q in towns[1])


def _victims_differ(ctx: DocContext, a: Draft, b: Draft) -> bool:
    """One mention was aimed at armed men, the other at civilians ("attacked 25 soldiers" /
    "an ambush on road builders"): two incidents."""
    from .classify import hit_class
    ca, cb = hit_class(ctx, a), hit_class(ctx, b)
    return {ca, cb} == {"armed", "civilian"}


def _other_means(a: Draft, b: Draft) -> bool:
    """Two remote-violence mentions that each name their means, and different ones (a suicide
    bombing and a car bomb beside it): two events."""
    remote = [x for x in (a, b) if x.acled[0] == "Explosions/Remote violence" and not x.means_unknown]
    if len(remote) == 1:  # air strikes by one party beside the ground fighting: two events
        other = b if remote[0] is a else a
        return bool(remote[0].actors) and other.frame == "clash"
    if a.acled[0] != "Explosions/Remote violence" or b.acled[0] != "Explosions/Remote violence":
        return False
    return a.acled != b.acled and not (a.means_unknown or b.means_unknown)


def _reference_host(d: Draft, kept: list[Draft], dropped: list[Draft]):
    if d.frame in ("attack", "kill", "clash") and d.lethal:  # "the fighting": a clash or an attack before a town taken
        pool = [h for h in kept if _violent(h)] or [h for h in kept if h.lethal]
    else:
        pool = [h for h in kept if h.acled and h.acled[0] == d.acled[0]]
    earlier = [h for h in pool if place_ok(h, d, False) and time_ok(h, d)]
    gone = [x for x in dropped if x.frame == d.frame and x.token.i < d.token.i and x.sent >= d.sent - 2
            and x.drop.startswith(NOT_HAPPENED)]
    if gone and (not earlier or gone[-1].token.i > earlier[-1].token.i):
        return "drop"
    if earlier:
        return earlier[-1]
    # a reference to nothing reported is no report, unless it brings its own dead, people or time
    own_time = d.time is not None and not d.time_inherited and d.time_level <= 2 and not pool  # "the insurgency, which erupted in 2009"
    return None if (d.figures or d.participants() or own_time) else "drop"


def _toll_host(ctx: DocContext, d: Draft, kept: list[Draft]):
    """A toll told apart: within three sentences, or anywhere when it names no actor and no place."""
    loose = not d.actors and d.loc_level > 3
    for fighting in (True, False):  # the dead of a clash or an attack before those of a town taken
        for h in reversed(kept):
            near = d.sent - h.sent <= WINDOW or loose
            same_side = not d.actors or _shared(ctx, h.participants(), d.actors) or _attackers(d)
            if fighting and not _violent(h):
                continue
            if h.lethal and near and same_side and place_ok(h, d, False) and time_ok(h, d) \
                    and (_attackers(d) or not actors_conflict(ctx, h, d)) and not _separate(d):
                return h
    return None


ROLE_NOUNS = {"attacker", "attackers", "assailant", "assailants", "perpetrator", "perpetrators", "raider", "raiders"}


def _attackers(d: Draft) -> bool:
    """"security forces killed three attackers": the dead are named by their part in the incident."""
    return any(a.entity is None and a.text.lower().split()[-1:] and a.text.lower().split()[-1] in ROLE_NOUNS for a in d.targets)


def _lede_host(ctx: DocContext, d: Draft, kept: list[Draft]):
    """The lede (or headline) sums up the incident the body then tells: the body's first
    violent account that fits it joins it, whichever type each reading suggests."""
    if not _violent(d) or ctx.is_title(d.sent) or ctx.is_lede(d.sent) or _separate(d) or not _recent(ctx, d):
        return None
    for h in kept:
        if not _violent(h) or not (ctx.is_title(h.sent) or ctx.is_lede(h.sent)) or actors_conflict(ctx, h, d):
            continue  # an account by other actors is another incident
        if (h.acled in VIOLENT) != (d.acled in VIOLENT) or (h.acled not in VIOLENT and not _same_sub(h, d)):
            continue  # a clash and a shelling are two events; one air strike told twice is one
        if place_ok(h, d, False) and time_ok(h, d) and participants_ok(h, d):
            return h
    return None


def _definite_host(ctx: DocContext, d: Draft, kept: list[Draft]):
    """"The attack on X was led by Y": a definite noun points back to the incident told,
    even when it adds arguments of its own."""
    definite = any((c.dep_ == "det" and c.lower_ in DEFINITE) or (c.dep_ == "poss" and c.ent_type_ not in ("DATE", "TIME"))
                   for c in d.token.children)  # "the attack", "the rebels' attack"
    if not (_violent(d) and d.nominal and definite):
        return None
    for h in reversed(kept):
        generic = d.frame == "attack" and not d.figures and d.acled != ("Battles", "Armed clash")
        # "the attack" may name a strike or a shelling; "repelled the attack" is a clash
        if _violent(h) and place_ok(h, d, False) and time_ok(h, d) and participants_ok(h, d) and _recent(ctx, d) == _recent(ctx, h) and (
                generic or (h.acled in VIOLENT) == (d.acled in VIOLENT)):
            return h
    return None


def _denial_host(d: Draft, kept: list[Draft]):
    """"The army denied that it had targeted civilians": a denial answers the incident reported,
    unless it names a time of its own."""
    if d.status != "denied" or not _violent(d) or (d.time is not None and d.time_level <= 2):
        return None
    for h in reversed(kept):
        if _violent(h):
            return h if place_ok(h, d, False) else None
    return None


def _recent(ctx: DocContext, d: Draft) -> bool:
    """The mention is dated to the news of the day, or not dated: not "two weeks ago", not
    "in late September", not "last month"."""
    t = d.time
    if t is None or d.time_level > 3 or d.time_inherited:
        return True
    pub = ctx.doc.article.published
    if t.start and pub:
        from datetime import date

        try:
            return (date.fromisoformat(pub[:10]) - date.fromisoformat(t.start)).days <= RECENT_DAYS
        except ValueError:
            return True
    words = [w.strip(".,'’").lower() for w in t.text.split()]
    if "ago" in words or "last" in words or "earlier" in words or any(w.isdigit() and len(w) == 4 for w in words):
        return False
    if any(w.isdigit() and len(w) <= 2 for w in words):
        return True  # "April 17": a day, perhaps the news of the day (the article's date is unknown)
    return not any(w in MONTHS for w in words)


RECENT_DAYS = 7
NEARBY = 6  # sentences: two statements of one sub-type this close, nothing setting them apart, are one event
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "month", "months", "year", "years"}


def _statement_host(ctx: DocContext, d: Draft, same_type: list[Draft]):
    for h in reversed(same_type):
        if not _same_sub(h, d) or (h.acled != d.acled and _period(d) != _period(h)):
            continue  # a campaign of shelling "since Friday" is not the bare "strike" told before
        if actors_conflict(ctx, h, d):
            continue
        if d.anaphoric and d.sent - h.sent <= 4 and place_ok(h, d, False) and time_ok(h, d):
            return h  # "the suspects were detained": the arrests told just before
        if d.status in ("alleged", "denied") and h.status in ("alleged", "denied") \
                and place_ok(h, d, False) and time_ok(h, d) and _shared(ctx, h.participants(), d.participants()):
            return h  # an accusation and its denial
        if (not _states(ctx, h) or ctx.is_title(d.sent)) and place_ok(h, d, False) and time_ok(h, d) and participants_ok(h, d) \
                and (h.time is not None or _recent(ctx, d)) and not _separate(d):
            return h
        if place_ok(h, d, True) and time_ok(h, d) and (_entities(h) & _entities(d)) and not _separate(d):
            return h
        if _one_place(h, d) and time_ok(h, d) and actors_fit(ctx, h, d) and not _separate(d):
            return h  # "seized the town of X" ... "the capture of X": one place, one event
        if d.sent - h.sent <= NEARBY and place_ok(h, d, False) and time_ok(h, d) and actors_fit(ctx, h, d) \
                and not _separate(d) and _recent(ctx, d) == _recent(ctx, h):
            return h  # "there was shooting and arrests" ... "men were detained in X"
    return None


def _period(d: Draft) -> bool:
    """The mention's own time is a period ("since Friday", "over the past week"): a campaign
    told as a whole, not the incident of one day."""
    if d.time is None or d.time_inherited or d.time_level > 2:
        return False
    first = d.time.text.lower().split()[:1]
    return first in (["since"], ["over"], ["throughout"], ["for"])


def _one_place(a: Draft, b: Draft) -> bool:
    """Both mentions state the same town (not just the same country or region)."""
    la = a.location if a.loc_level <= 3 else None
    lb = b.location if b.loc_level <= 3 else None
    return la is not None and lb is not None and a.loc_coarse < 3 and b.loc_coarse < 3 and same_place(la, lb)


def _elaboration_host(ctx: DocContext, d: Draft, kept: list[Draft]):
    """"There was a loud explosion, then shooting for an hour": a violent mention without an actor,
    a named target or a time of its own adds colour to the incident told just before."""
    if not _violent(d) or d.actors or not all(_given(ctx, t) for t in d.targets) or _separate(d):
        return None
    if d.time is not None and d.time_level <= 2 and not d.time_inherited:
        return None
    if ctx.is_title(d.sent) or ctx.is_lede(d.sent):
        return None
    for h in reversed(kept):
        if _violent(h) and h.sent <= d.sent:
            if place_ok(h, d, False) and h.status == d.status:
                d.colour = True
                return h
            return None  # colour goes to the latest incident told, or nowhere
    return None


GIVEN = {"the", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my"}


def _given(ctx: DocContext, a) -> bool:
    """A target already known to the reader ("their community", "the base"), not a new one
    ("a bus station") nor a named one: colour on the incident told, not another incident."""
    if a.entity is not None:
        return False
    span = ctx.arg_span(a)
    if span is None:
        return False
    root = span.root
    return any(c.dep_ in ("det", "poss") and c.lower_ in GIVEN for c in root.children)


def attach_tolls(ctx: DocContext, events: list[Draft], tolls: list[tuple[int, Figure]]) -> None:
    """Figures stated without a trigger go to the latest violent event before them; "no
    injuries were reported" says nobody died in it, when nothing else counts its dead."""
    for sent, fig in tolls:
        host = _latest_lethal(events, sent)
        if host is not None:
            fig.sentence = sent
            host.figures = _unique_figures(host.figures + [fig])
    for i, s in enumerate(ctx.sdoc.sents):
        zero = zero_toll(ctx, ctx.sent_tokens(s[0]))
        host = _latest_lethal(events, i) if zero is not None else None
        if host is not None and not host.figures:
            zero.sentence = i
            host.figures = [zero]


def _latest_lethal(events: list[Draft], sent: int):
    host = None
    for e in events:
        if e.lethal and 0 <= sent - e.sent <= WINDOW:
            host = e if host is None or e.sent >= host.sent else host
    return host
