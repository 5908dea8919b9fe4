"""The working record of one event mention while the rules fill it in."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Arg, Span, TimeExpr
from .fatalities import Figure
from .lexicon import TriggerRule


@dataclass(eq=False)
class Draft:
    """One event mention: its trigger, then its arguments, type and status as found."""

    frame: str
    rule: TriggerRule
    token: Any  # the head trigger token (spaCy Token)
    extra: list[Any] = field(default_factory=list)  # other trigger words: particle, compound, object
    sent: int = 0
    para: int = 0
    nominal: bool = False
    reference: bool = False  # a definite mention without arguments of its own ("the attack")
    status: str = "occurred"
    drop: str = ""  # why it is not an event ("" = it is one)
    actors: list[Arg] = field(default_factory=list)
    targets: list[Arg] = field(default_factory=list)
    victims: list[Any] = field(default_factory=list)  # victim head tokens (for typing)
    objects: list[Any] = field(default_factory=list)  # object head tokens (territory, weapons, people)
    arg_heads: list[Any] = field(default_factory=list)  # head tokens of the actor / target phrases
    locations: list[Arg] = field(default_factory=list)
    loc_level: int = 9  # 1 own phrase, 2 participants' phrases, 3 clause, 4 sentence, 5 paragraph, 6 article
    time: TimeExpr | None = None
    time_inherited: bool = False
    time_level: int = 9  # 1 attached to the trigger, 2 in its clause, 3 in the sentence, 4 previous sentence
    weapon: str | None = None
    figures: list[Figure] = field(default_factory=list)
    acled: tuple[str, str] | None = None
    evidence: Span | None = None
    merged: list["Draft"] = field(default_factory=list)
    claim_actor: bool = False  # actor taken from a claim of responsibility
    anaphoric: bool = False  # every participant is a definite description ("the suspects were detained")
    means_unknown: bool = False  # a bare "strike": the means is told elsewhere, or assumed aerial
    loc_coarse: int = 9  # 1 a town, 2 unknown, 3 a region or country (9: no place)
    loc_country: str | None = None  # ISO country of the place, when geocoded
    loc_point: tuple[float, float] | None = None  # its coordinates, when geocoded
    loc_admin1: str | None = None  # its first-level region, when geocoded
    loc_near: bool = False  # the place is approximate ("near Mogadishu", "outside Goma")
    loc_is_country: bool = False  # the place is a whole country
    richness: int = 0  # how much the mention itself states: actor, target, place, time, toll, means
    summary_used: bool = False  # the lede has already taken the body's account of its event
    background: bool = False  # told as the story's background, with a time of its own ("captured the town in 2016")
    colour: bool = False  # joins an incident as colour ("a loud explosion"): it does not retype it

    @property
    def trigger_span(self) -> Span:
        toks = [self.token, *[t for t in self.extra if abs(t.i - self.token.i) <= 3]]
        return Span(min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks))

    @property
    def loc_explicit(self) -> bool:
        """The text states the place in the event's sentence."""
        return self.loc_level <= 4

    @property
    def location(self) -> Arg | None:
        return self.locations[0] if self.locations else None

    @property
    def lethal(self) -> bool:
        """Violence that can kill: the host for the dead a sentence reports."""
        if self.acled is None:
            return False
        return self.acled[0] in ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots") or (
            self.acled[1] == "Excessive force against protesters")

    def participants(self) -> list[Arg]:
        return [*self.actors, *self.targets]
