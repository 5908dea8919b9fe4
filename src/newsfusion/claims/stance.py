"""A claim's stance: assert, deny or hedge.

- ``deny``: a denial cue ("denied", "rejected", "dismissed"); dismissive
  content ("lies and fabrications", "baseless", "misleading", "not
  correct", "inflated"); an act said not to have been done ("did not carry
  out strikes"); negating content when the speaker answers an allegation
  ("Asked to comment on ...", "in response to ...") or sets it against what
  was said before ("However, X said they were not members of any group"); a
  speaker's next claim in the same paragraph after a denial when it negates,
  in the same sentence ("..., adding that the officers are safe") always.
- ``hedge``: the author's passive hedge ("are believed to be", "is said to")
  or a cue softened by "reportedly"/"allegedly"; a cue of supposition
  ("investigators suspect", "rumours suggested"); content that says what is
  not known or not confirmed ("could not confirm casualties", "the number is
  not known", "did not immediately have details", "were suspected of", "may
  have", "the leading theory is", "we are assessing").
- ``assert`` otherwise.
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
# what the speaker does not know or has not confirmed
_UNCERTAIN = re.compile(
    r"\b(?:not|n't|never|unable\s+to|yet\s+to)\s+(?:\w+\s+){0,2}?(?:confirm\w*|verif\w*|know|known|knew|determin\w*|establish\w*|ascertain\w*|clear|sure|certain|immediately)\b"
    r"|\b(?:unclear|unconfirmed|unverified)\b"
    r"|\b(?:is|are|was|were|be|been|being)\s+(?:\w+\s+)?(?:suspected|believed|thought|presumed|feared)\s+(?:of|to)\b"
    r"|\b(?:may|might)\s+(?:well\s+)?have\s+\w+"
    r"|\b(?:theory|hypothesis|speculation)\b"
    r"|\b(?:not|n't|never)\s+(?:\w+\s+)?comment\b|\bno\s+comment\b"
    r"|\b(?:are|is|were|was)\s+(?:\w+\s+)?(?:assessing|investigating|examining|looking\s+into|checking)\b",
    re.I,
)
# cues of supposition: the speaker does not state, they suppose
HEDGE_CUES = {"suspect", "speculate", "guess", "presume", "assume", "suggest", "surmise"}
# cues that go on with what the speaker was saying ("..., adding that ...")
_GOING_ON = {"add", "say", "claim", "insist", "stress", "explain", "maintain", "note", "reiterate", "argue", "tell", "state"}
_CONTRAST = re.compile(r"^\W*(?:however|but|yet|nevertheless|nonetheless|in contrast|on the contrary)\b", re.I)
_NEGATION = re.compile(r"\b(no|not|nothing|never|none|neither|nor|nobody|without)\b|n't\b", re.I)


@lru_cache(maxsize=1)
def _denial_re() -> re.Pattern:
    words = sorted(lexicon().denial_phrases, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


@lru_cache(maxsize=4096)
def is_dismissive(content: str) -> bool:
    return bool(_denial_re().search(content))


def negates(content: str) -> bool:
    return bool(_NEGATION.search(content))


def in_response(context: str) -> bool:
    low = context.lower()
    return any(m in low for m in lexicon().response_markers)


def uncertain(content: str) -> bool:
    return bool(_UNCERTAIN.search(content))


def stance_of(cue_lemma: str, stance_hint: str | None, hedge: bool, content: str, context: str, continues_denial: bool,
              cue_modifiers: list[str], same_sentence: bool = False) -> str:
    """Decide the stance from the cue, the content and the context before the cue
    (``continues_denial``: the same speaker denied just before, in the same
    sentence when ``same_sentence``)."""
    if hedge:
        return "hedge"
    if stance_hint == "deny":
        return "deny"
    if is_dismissive(content):
        return "deny"
    if _DENIED_ACT.search(content):
        return "deny"  # "it did not carry out strikes on the city": a party denies an act
    if (in_response(context) or continues_denial or _CONTRAST.search(context)) and negates(content) and not uncertain(content):
        return "deny"
    if continues_denial and same_sentence and cue_lemma in _GOING_ON:
        return "deny"  # "said the allegation was false, adding that the officers are safe"
    if any(m.lower() in lexicon().hedge_adverbs for m in cue_modifiers):
        return "hedge"
    if cue_lemma in HEDGE_CUES or uncertain(content):
        return "hedge"
    return "assert"
