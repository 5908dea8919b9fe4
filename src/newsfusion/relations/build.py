"""Run the relation patterns, attach each relation to the claim it rests on."""

from __future__ import annotations

from ..model import Doc, Relation
from ..parsing import token_indices
from .common import Ctx
from .groups import affiliation, alongside, allegiance, backed_by, backs, body_nouns, hyphenated, in_support_of, pro, support_from, units, wings
from .hostility import acts, between, from_events, hostility, regards
from .places import located
from .roles import ranks, roles, whose_leader

ROLE_PREDICATES = ("spokesperson_of", "leader_of", "member_of")


def _claim_sources(doc: Doc) -> dict[int, str]:
    """Token index of each claim's cue verb -> the claim's (resolved) source."""
    out = {}
    for c in doc.claims:
        if c.cue is not None:
            for i in token_indices(doc.nlp, c.cue):
                out[i] = c.source
    return out


def _speakers(doc: Doc, rels: list[Relation]) -> list:
    """(claim content, the speaker's organisation) from the role relations found."""
    org_of = {r.subject: r.object for r in rels if r.predicate in ROLE_PREDICATES}
    out = []
    for c in doc.claims:
        org = org_of.get(c.source)
        if c.source_kind == "named_org":
            org = c.source
        if org is not None:
            out.append((c.evidence, org))
    return out


def extract_relations(doc: Doc) -> list[Relation]:
    ctx = Ctx(doc)
    rels: list[Relation] = []
    for pattern in (roles, whose_leader):
        rels.extend(pattern(ctx))
    rels.extend(ranks(ctx, {r.subject_entity for r in rels if r.predicate in ROLE_PREDICATES}))
    for r in rels:
        if r.subject_entity is not None and r.object_entity is not None and doc.entities[r.object_entity].type == "ORG":
            ctx.speaks_for.setdefault(r.subject_entity, r.object_entity)
        if r.predicate == "leader_of" and r.subject_entity is not None:
            ctx.leaders.add(r.subject_entity)
    for pattern in (wings, units, body_nouns, hyphenated, affiliation, backed_by, backs, pro, support_from, in_support_of, alongside, located, from_events, acts, between, regards):
        rels.extend(pattern(ctx))
    rels.extend(allegiance(ctx, _claim_sources(doc)))
    rels.extend(hostility(ctx, _speakers(doc, rels)))
    return _dedupe(doc, rels)


def _dedupe(doc: Doc, rels: list[Relation]) -> list[Relation]:
    """One relation per (subject, predicate, object); a person with a role in a body is not
    also listed as a plain member of it; "fighting between X and Y" gives both directions
    only when the text states neither (an attack of X on Y told elsewhere gives the direction);
    each kept relation gets the claim it rests on."""
    roles_held = {(r.subject.lower(), r.object.lower()) for r in rels if r.predicate in ("spokesperson_of", "leader_of")}
    directed = {(r.subject.lower(), r.object.lower()) for r in rels if r.predicate == "hostile_to" and r.rule != "conflict"}
    rels = [r for r in rels if not (r.rule == "conflict" and (r.object.lower(), r.subject.lower()) in directed and (r.subject.lower(), r.object.lower()) not in directed)]
    seen, out = set(), []
    for r in rels:
        key = (r.subject.lower(), r.predicate, r.object.lower())
        if key in seen or r.subject.lower() == r.object.lower():
            continue
        if r.predicate == "member_of" and (key[0], key[2]) in roles_held:
            continue
        seen.add(key)
        r.claim = next((i for i, c in enumerate(doc.claims) if c.evidence.contains(r.evidence) or c.content.contains(r.evidence)), None)
        out.append(r)
    return out
