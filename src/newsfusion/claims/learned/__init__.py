"""Learned attribution: a model trained on PolNeAR proposes what the rules miss.

``combine(doc, rule_atts)`` is the one hook the claims stage calls. The model
(``model.py``: a cue tagger and a role tagger, linear over parse features,
``features.py``) finds cues with their source and content; each becomes an
:class:`~newsfusion.claims.detect.Attribution` like the rules' own, so the
same claim builder resolves its source, decides its kind and its stance.

The setting ``NEWSFUSION_ATTRIBUTION_MODEL`` (``config.py``) chooses:

- ``on`` (default): rules and model. A cue both found stays the rule's
  attribution (the rules' spans follow this project's conventions), except
  that its content is the model's when the two do not overlap at all (the
  rule misread the parse). A cue only the model found is added when it is a
  statement (:func:`is_statement`: the rules' own limits) and the model gives
  it at least ``add_threshold``;
- ``off``: the rules alone (also when the artefact is missing);
- ``only``: the model alone (for measuring it).

``attribution_scope("attributions")`` (used by the PolNeAR benchmark) keeps
every model attribution, in the model's spans.

The artefact is ``data/models/attribution.nfm`` (``train.py`` builds it;
docs/claims.md#learned-attribution says how and under which terms).
"""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from functools import lru_cache

from ...config import settings
from ...errors import ConfigError
from ...model import Doc, Span
from ..detect import _NOT_SPEECH_HEADS, Attribution
from ..lexicon import lexicon
from .features import Table
from .model import AttributionModel, Found

ARTEFACT = "models/attribution.nfm"
SCOPES = ("claims", "attributions")
_SCOPE: ContextVar[str] = ContextVar("attribution_scope", default="claims")


@contextmanager
def attribution_scope(scope: str):
    """``attributions``: keep every attribution the model finds, in its own spans
    (thoughts, intentions and negated cues included, as PolNeAR annotates them);
    ``claims`` (default): only the statements a claim is made of."""
    if scope not in SCOPES:
        raise ValueError(f"scope {scope!r} is not one of {SCOPES}")
    token = _SCOPE.set(scope)
    try:
        yield
    finally:
        _SCOPE.reset(token)


@lru_cache(maxsize=1)
def load_model() -> AttributionModel | None:
    """The packaged model, or None when it is not there."""
    from importlib import resources

    path = resources.files("newsfusion").joinpath("data", ARTEFACT)
    if not path.is_file():
        return None
    try:
        return AttributionModel.from_bytes(path.read_bytes())
    except (OSError, ValueError, KeyError) as exc:
        raise ConfigError("E044", f"cannot read the attribution model {ARTEFACT}: {exc}",
                          "rebuild it with 'make train-attribution' or set NEWSFUSION_ATTRIBUTION_MODEL=off") from exc


def mode() -> str:
    m = settings().attribution_model
    if m != "off" and load_model() is None:
        return "off"
    return m


@dataclass(frozen=True)
class Combine:
    """How the model's attributions join the rules' (chosen on the development set and PolNeAR dev)."""

    add_threshold: float = 0.5  # a cue only the model found is added when P(cue) is at least this
    agree: str = "content"  # a cue both found: "rules" keeps the rule's spans; "content" takes the
    # model's content where the rule's does not overlap it; "model" takes all the model's spans


def _combine_settings() -> Combine:
    over = os.environ.get("NEWSFUSION_ATTRIBUTION_PARAMS")  # for experiments: a JSON object of Combine fields
    return replace(Combine(), **json.loads(over)) if over else Combine()


def _span(tb: Table, toks: list[int]) -> Span:
    return Span(tb.idx[toks[0]], tb.end[toks[-1]])


def _head(tb: Table, toks: list[int]) -> int:
    """The syntactic head of a run of tokens: of the words governed from outside it,
    the one with the most of the run below it."""
    inside = set(toks)
    tops = [t for t in toks if tb.head[t] not in inside or tb.head[t] == t]
    if not tops:
        return toks[-1]

    def below(t: int) -> int:
        return sum(1 for x in tb.sdoc[t].subtree if x.i in inside)

    return max(tops, key=lambda t: (below(t), t))


_RELATIVE = {"who", "which", "that", "whom", "what"}


def _bases(tb: Table, i: int) -> set[str]:
    """The word's lemma and the base forms its ending allows (the tagger's lemma
    can be wrong: "hopes" -> "hop")."""
    w = tb.lower[i]
    out = {tb.lemma[i], w}
    for suf in ("s", "es", "d", "ed", "ing"):
        if w.endswith(suf) and len(w) > len(suf) + 2:
            out.update({w[: -len(suf)], w[: -len(suf)] + "e"})
    return out


def _intention(tb: Table, i: int) -> bool:
    return bool(_bases(tb, i) & _NOT_SPEECH_HEADS)


def is_statement(tb: Table, f: Found) -> bool:
    """The rules' own limits on what a claim is, applied to a model attribution:
    a cue is a verb, noun or adjective, not negated ("has not commented"), not
    an intention ("hopes to", "plans to say"), with a source that is no relative
    pronoun ("who requested anonymity")."""
    h = f.cue.head
    if tb.pos[h] not in ("VERB", "NOUN", "ADJ"):
        return False
    if any(tb.dep[c] == "neg" for c in tb.kids[h]):
        return False
    if _intention(tb, h):
        return False
    if tb.dep[h] in ("xcomp", "advcl") and _intention(tb, tb.head[h]):
        return False
    if not f.source or tb.lower[_head(tb, f.source)] in _RELATIVE:
        return False
    return True


def to_attribution(tb: Table, f: Found) -> Attribution | None:
    """A model attribution as the rules write one."""
    if not f.content:
        return None
    sdoc = tb.sdoc
    head = f.cue.head
    sent = sdoc[head].sent
    lemma = tb.lemma[head]
    content = _span(tb, f.content)
    src_head = _head(tb, f.source) if f.source else None
    quote = any(tb.quote[t] >= 0 for t in f.content)
    return Attribution(
        cue=_span(tb, f.cue.tokens),
        cue_lemma=lemma,
        content=content,
        sentence=Span(sent.start_char, sent.end_char),
        source_head=src_head,
        source_span=_span(tb, f.source) if f.source else None,
        rule="learned",
        stance_hint=lexicon().verbs.get(lemma, "assert"),
        quote=quote,
        extra={"cue_p": round(f.cue_p, 3), "content_tokens": f.content, "source_tokens": f.source},
    )


def propose(doc: Doc) -> list[tuple[Found, Attribution, bool]]:
    """The model's attributions, each with whether it passes :func:`is_statement`."""
    model = load_model()
    if model is None or doc.nlp is None:
        return []
    tb = Table(doc.nlp, doc.text)
    out = []
    for f in model.predict(tb):
        a = to_attribution(tb, f)
        if a is not None:
            out.append((f, a, is_statement(tb, f)))
    return out


def combine(doc: Doc, rule_atts: list[Attribution]) -> list[Attribution]:
    """The rules' attributions with the model's: see the module docstring."""
    m = mode()
    if m == "off":
        return rule_atts
    proposals = propose(doc)
    if m == "only":
        return [a for _, a, _ in proposals]
    prm = _combine_settings()
    every = _SCOPE.get() == "attributions"
    out = list(rule_atts)
    for f, a, statement in proposals:
        same = [r for r in rule_atts if r.cue.overlaps(a.cue)]
        if same:
            r = same[0]
            if prm.agree == "model" or every:
                r.cue, r.content = a.cue, a.content
                if a.source_span is not None:
                    r.source_span, r.source_head, r.source_words = a.source_span, a.source_head, None
            elif prm.agree == "content" and not r.content.overlaps(a.content):
                r.content = a.content  # the two disagree on where the content is: the model read every word
            continue
        if every or (statement and f.cue_p >= prm.add_threshold):
            out.append(a)
    return out
