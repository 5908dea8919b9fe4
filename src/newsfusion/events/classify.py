"""ACLED event type and sub-event type of a mention, from its frame and arguments.

======================  ===========================================================
frame                   ACLED type / sub-event type
======================  ===========================================================
clash                   Battles / Armed clash
attack, kill            by who was hit: armed people or posts -> Battles / Armed
                        clash; protesters -> Protests / Excessive force against
                        protesters; civilians, or nobody armed -> Violence against
                        civilians / Attack
airstrike ... chemical  Explosions/Remote violence / Air/drone strike, Shelling/
                        artillery/missile attack, Remote explosive/landmine/IED,
                        Suicide bomb, Grenade, Chemical weapon
abduct, sexual          Violence against civilians / Abduction/forced
                        disappearance, Sexual violence
arrest                  Strategic developments / Arrests (by a non-state armed
                        group: Violence against civilians / Abduction)
capture, retake         territory -> Battles / Non-state actor overtakes territory
                        or Government regains territory (state actor); weapons ->
                        Strategic developments / Other (Disrupted weapons use when
                        the state seizes them); people -> Arrests or Abduction
withdraw                Strategic developments / Non-violent transfer of territory
destroy                 Strategic developments / Looting/property destruction
protest                 Protests / Peaceful protest; dispersed, tear gas, arrests
                        -> Protest with intervention; protesters killed or shot
                        -> Excessive force against protesters; protesters
                        torching, stoning, clashing -> Riots / Violent demonstration
riot, mob               Riots / Violent demonstration, Mob violence
allegiance              Strategic developments / Change to group/activity
base                    Strategic developments / Headquarters or base established
agreement               Strategic developments / Agreement
intel                   Strategic developments / Other
disrupt                 Strategic developments / Disrupted weapons use
======================  ===========================================================
"""

from __future__ import annotations

from ..model import Arg
from .context import DocContext
from .draft import Draft
from .syntax import preps

BATTLES, EXPL, VAC, PROT, RIOTS, SD = (
    "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots", "Strategic developments")
FIXED = {
    "clash": (BATTLES, "Armed clash"),
    "airstrike": (EXPL, "Air/drone strike"),
    "shelling": (EXPL, "Shelling/artillery/missile attack"),
    "ied": (EXPL, "Remote explosive/landmine/IED"),
    "suicide": (EXPL, "Suicide bomb"),
    "grenade": (EXPL, "Grenade"),
    "chemical": (EXPL, "Chemical weapon"),
    "abduct": (VAC, "Abduction/forced disappearance"),
    "sexual": (VAC, "Sexual violence"),
    "withdraw": (SD, "Non-violent transfer of territory"),
    "destroy": (SD, "Looting/property destruction"),
    "riot": (RIOTS, "Violent demonstration"),
    "mob": (RIOTS, "Mob violence"),
    "allegiance": (SD, "Change to group/activity"),
    "base": (SD, "Headquarters or base established"),
    "agreement": (SD, "Agreement"),
    "intel": (SD, "Other"),
    "disrupt": (SD, "Disrupted weapons use"),
    "deploy": (SD, "Other"),
    "coup": (SD, "Other"),
}
REPELLED = {"repel", "repulse", "fend", "beat", "thwart", "foil", "counter", "rebuff"}
STATE_KINDS = {"state_force", "government", "military", "police", "state"}
ARMED_KINDS = {"armed_group", "state_force", "military", "police", "militia", "rebel_group", "terrorist_group"}


def _words(arg: Arg) -> list[str]:
    return [w.strip(".,'’").lower() for w in arg.text.replace("-", " ").split()]


NONSTATE_WORDS = {"rebel", "rebels", "militia", "militias", "militant", "militants", "insurgent", "insurgents", "jihadist",
                  "jihadists", "terrorist", "terrorists", "liberation", "revolutionary", "independence", "resistance",
                  "front", "movement", "islamic", "mujahideen", "brigade", "brigades", "dissident", "dissidents",
                  "gunmen", "gunman", "bandits", "self-defense", "self-defence", "vigilante", "vigilantes"}
STATE_NAME = ("armed forces", "defense forces", "defence forces", "security forces", "police", "gendarmerie", "navy",
              "air force", "ministry", "government", "junta", "military", "national army", "national guard", "border guard")


def is_state(ctx: DocContext, arg: Arg) -> bool:
    """An actor of the state: its entity kind says so, or its words do ("Egyptian army",
    "security forces", "Israel Defense Forces"). A named "X Army" is a state army only
    when X is a country or nationality ("the Arakan Army" is a rebel group)."""
    if arg.entity is not None and ctx.doc.entities[arg.entity].kind:
        return ctx.doc.entities[arg.entity].kind in STATE_KINDS
    if arg.entity is not None and _country_entity(ctx.doc.entities[arg.entity]):
        return True  # "Israel captured the West Bank": a country acts as its state
    name = ctx.doc.entities[arg.entity].name if arg.entity is not None else arg.text
    words = [w.strip(".,'’").lower() for w in name.replace("-", " ").split()]
    if not words or any(w in NONSTATE_WORDS for w in words):
        return False
    low = " ".join(words)
    if arg.entity is not None:
        if any(k in low for k in STATE_NAME):
            return True
        return words[-1] == "army" and _national_prefix(ctx, arg)
    return any(ctx.lex.has("state", w) or ctx.lex.has("state", w.rstrip("s")) for w in words[-2:])


def _country_entity(ent) -> bool:
    return ent.type == "LOCATION" and ent.geo is not None and ent.geo.precision == 3 and ent.geo.admin1 is None and bool(ent.geo.country)


def _national_prefix(ctx: DocContext, arg: Arg) -> bool:
    """The name starts with a country or nationality ("Egyptian Army", "Mali Army")."""
    if arg.span is None:
        return False
    span = ctx.sdoc.char_span(arg.span.start, arg.span.end, alignment_mode="expand")
    toks = [t for t in span if t.lower_ not in ("the",)] if span is not None else []
    return bool(toks) and toks[0].ent_type_ in ("NORP", "GPE")


def _tok_class(ctx: DocContext, tok) -> str | None:
    """armed / civilian / protester for a victim or target head token."""
    for t in [tok, *[c for c in tok.children if c.dep_ == "appos"]]:
        forms = {t.lemma_.lower(), t.lower_, t.lower_.rstrip("s")}
        for cls in ("protester", "armed", "civilian"):
            if any(ctx.lex.has(cls, f) for f in forms):
                return cls
    if tok.ent_type_ == "NORP" or ctx.etype(tok) == "PERSON":
        return "civilian"  # a people or creed ("Christians"), a named person: not an armed party
    if ctx.etype(tok) == "ORG" and not ctx.is_demonym(tok):
        return "armed"
    return None


def _arg_class(ctx: DocContext, arg: Arg) -> str | None:
    if arg.entity is not None:
        ent = ctx.doc.entities[arg.entity]
        if ent.kind:
            return "armed" if ent.kind in ARMED_KINDS else ("civilian" if ent.type == "PERSON" else None)
        if ent.type == "ORG" and ctx.is_building(ent.name):  # "the Ambassador Hotel", "Al-Noor Mosque"
            words = set(ent.name.lower().split())
            return "armed" if words & ARMED_PLACES else "civilian"
        if ent.type == "ORG":
            return "civilian" if _norp(ctx, arg) else "armed"
        return "civilian" if ent.type == "PERSON" else None
    words = _words(arg)
    for w in reversed(words):
        for cls in ("protester", "armed", "civilian"):
            if ctx.lex.has(cls, w) or ctx.lex.has(cls, w.rstrip("s")):
                return cls
    return None


ARMED_PLACES = {"police", "military", "army", "base", "barracks", "checkpoint", "garrison", "camp", "gendarmerie"}


def _norp(ctx: DocContext, arg: Arg) -> bool:
    """The argument names a people or creed ("a Palestinian", "Christians"), not an organisation."""
    if arg.span is None:
        return False
    span = ctx.sdoc.char_span(arg.span.start, arg.span.end, alignment_mode="expand")
    return span is not None and any(t.ent_type_ == "NORP" for t in span)


def hit_class(ctx: DocContext, d: Draft) -> str | None:
    """Who was hit: protester, armed or civilian (the people killed first, then the targets)."""
    classes = [_tok_class(ctx, v) for v in d.victims]
    if not any(classes):
        classes = [_arg_class(ctx, a) for a in d.targets]
    for cls in ("protester", "armed", "civilian"):
        if cls in classes:
            return cls
    return None


def _violence(ctx: DocContext, d: Draft) -> tuple[str, str]:
    cls = hit_class(ctx, d)
    if cls == "protester":
        return PROT, "Excessive force against protesters"
    if cls == "armed":
        return BATTLES, "Armed clash"
    if cls is None and d.frame == "attack" and not d.victims and any(is_state(ctx, a) for a in d.actors):
        return BATTLES, "Armed clash"  # the state attacking: armed opponents unless told otherwise
    if cls is None and d.token.lemma_.lower() in CAMPAIGNS and any(_is_territory(ctx, a) for a in d.targets):
        return BATTLES, "Armed clash"  # "launched an offensive on Marib": a town held and fought for
    return VAC, "Attack"


CAMPAIGNS = {"offensive", "incursion", "counteroffensive", "counter-offensive", "push", "advance"}


def _is_territory(ctx: DocContext, a: Arg) -> bool:
    if a.entity is not None:
        return ctx.doc.entities[a.entity].type == "LOCATION"
    words = a.text.lower().split()
    return bool(words) and ctx.lex.has("territory", words[-1])


def _object_kind(ctx: DocContext, d: Draft) -> str | None:
    from .phrases import counted, resolve_pronoun

    objects = []
    for o in d.objects:
        if o.pos_ == "PRON":  # "after capturing them"
            o = resolve_pronoun(ctx, o) or o
        o = counted(ctx, o)  # "much of the province", "dozens of rifles"
        if o.lemma_.lower() == "control":  # "took control of the town" (the parser may hang "of" on the verb)
            objects.extend(x for p, x in [*preps(o), *preps(o.head)] if p in ("of", "over"))
        else:
            objects.append(o)
    for o in objects:
        if ctx.etype(o) == "LOCATION" or ctx.lex.has("territory", o.lemma_):
            return "territory"
        if ctx.lex.has("weapon", o.lemma_):
            return "weapon"
        if ctx.etype(o) == "PERSON" or ctx.lex.has("person_noun", o.lemma_) or ctx.lex.has("armed", o.lemma_):
            return "person"
    return None


def classify(ctx: DocContext, d: Draft, sentence_words: set[str]) -> tuple[str, str] | None:
    """(ACLED type, sub-event type) of the mention, or None when its frame does not fit."""
    state = any(is_state(ctx, a) for a in d.actors)
    f = d.frame
    if f == "airstrike" and d.token.lemma_ == "bomb" and d.actors and not state:
        return FIXED["ied"]
    if f == "clash" and any(_arg_class(ctx, a) == "protester" for a in d.participants()):
        return RIOTS, "Violent demonstration"  # protesters clashing with police
    if f == "base" and (state or any(_arg_class(ctx, a) == "civilian" for a in d.actors)):
        return None  # a government opening an office is no armed group's base
    if f in FIXED:
        return FIXED[f]
    if f in ("attack", "kill"):
        if f == "attack" and d.actors and all(_arg_class(ctx, a) == "protester" for a in d.actors):
            return RIOTS, "Violent demonstration"  # "demonstrators stormed police stations"
        if f == "attack" and d.token.dep_ == "dobj" and d.token.head.lemma_.lower() in REPELLED:
            return BATTLES, "Armed clash"  # "repelled 30 attacks": the target fought back
        if f == "attack" and d.token.lemma_ == "raid" and state and not d.victims and hit_class(ctx, d) != "armed":
            return None  # a police or army raid without fighting is a search, not an attack
        if any(c.lower_ in ("terror", "terrorist") for c in d.token.children) and hit_class(ctx, d) != "armed":
            return VAC, "Attack"
        return _violence(ctx, d)
    if f == "arrest":
        # "arrest" claims an authority's act: only armed men described as such abduct
        nonstate = d.actors and all(a.entity is None and not is_state(ctx, a) and _arg_class(ctx, a) == "armed" for a in d.actors)
        return (VAC, "Abduction/forced disappearance") if nonstate else (SD, "Arrests")
    if f in ("capture", "retake"):
        kind = _object_kind(ctx, d) or ("territory" if f == "retake" else None)
        if kind == "territory":
            return (BATTLES, "Government regains territory") if state else (BATTLES, "Non-state actor overtakes territory")
        if kind == "weapon":
            if not d.actors:
                return None  # weapons seized by no one named: part of another report
            return (SD, "Disrupted weapons use") if state else (SD, "Looting/property destruction")  # ACLED: goods seized
        if kind == "person":
            return (SD, "Arrests") if state else (VAC, "Abduction/forced disappearance")
        return None
    if f == "protest":
        return _protest(ctx, d, sentence_words)
    return None


RIOT_VERBS = {"torch", "loot", "burn", "throw", "hurl", "pelt", "clash", "attack", "smash", "vandalize", "vandalise", "set", "ransack", "storm"}


def _protest(ctx: DocContext, d: Draft, words: set[str]) -> tuple[str, str]:
    sent = ctx.sent_tokens(d.token)
    sent_text = " " + " ".join(t.lower_ for t in sent) + " "
    if any(f" {c} " in sent_text for c in ctx.lex.cue("lethal_force")):
        return PROT, "Excessive force against protesters"
    for t in sent:
        if t.pos_ == "VERB" and t.lemma_.lower() in RIOT_VERBS:
            subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
            if subj is not None and ctx.lex.has("protester", subj.lemma_.lower()):
                return RIOTS, "Violent demonstration"
    if any(f" {c} " in sent_text for c in ctx.lex.cue("intervention")):
        return PROT, "Protest with intervention"
    return PROT, "Peaceful protest"
