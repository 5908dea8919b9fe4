"""A claim's stance: assert, deny or hedge.

- ``deny``: a denial cue ("denied", "rejected", "dismissed"); dismissive
  content ("lies and fabrications", "a sick joke", "baseless", "propaganda");
  or, when the speaker is answering an allegation ("Asked to comment on ...",
  "in response to ...") or continuing a denial in the same paragraph, content
  that negates ("has nothing to do with", "There is no presence of ...").
- ``hedge``: the author's passive hedge ("are believed to be", "is said to")
  or a cue softened by "reportedly"/"allegedly".
- ``assert`` otherwise. Hedging words inside a source's content ("seems to be
  losing control") leave the claim an assertion *by that source*.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import lexicon

_DENIED_ACT = re.compile(
    r"\b(?:did|does|do|had|has|have|was|were)\s*(?:not|n't|never)\s+(?:\w+\s+){0,2}?"
    r"(?:carr(?:y|ied) out|plan(?:ned)?|attack(?:ed)?|target(?:ed)?|strik(?:e|ing)|struck|kill(?:ed)?|bomb(?:ed)?|shell(?:ed)?|fire[d]?|abduct(?:ed)?|involved)\b",
    re.I,
)
_NEGATION = re.compile(r"\b(no|not|nothing|never|none|neither|nor|nobody|without)\b|n't\b", re.I)


@lru_cache(maxsize=1)
def _denial_re() -> re.Pattern:
    words = sorted(lexicon().denial_phrases, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


def is_dismissive(content: str) -> bool:
    return bool(_denial_re().search(content))


def negates(content: str) -> bool:
    return bool(_NEGATION.search(content))


def in_response(context: str) -> bool:
    low = context.lower()
    return any(m in low for m in lexicon().response_markers)


def stance_of(cue_lemma: str, stance_hint: str | None, hedge: bool, content: str, context: str, continues_denial: bool, cue_modifiers: list[str]) -> str:
    """Decide the stance from the cue, the content and the context before the cue."""
    if hedge:
        return "hedge"
    if stance_hint == "deny":
        return "deny"
    if is_dismissive(content):
        return "deny"
    if _DENIED_ACT.search(content):
        return "deny"  # "it did not carry out strikes on the city": a party denies an act
    if (in_response(context) or continues_denial) and negates(content):
        return "deny"
    if any(m.lower() in lexicon().hedge_adverbs for m in cue_modifiers):
        return "hedge"
    return "assert"
