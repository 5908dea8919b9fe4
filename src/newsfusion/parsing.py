"""Small helpers over spaCy's parse shared by the stages."""

from __future__ import annotations

from .model import Span


def conjuncts(tok) -> list:
    """``tok`` and the tokens coordinated with it ("X and Y" -> [X, Y])."""
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(conjuncts(c))
    return out


def token_indices(sdoc, span: Span) -> list[int]:
    """The indices of the tokens a character span touches (none when it falls between tokens)."""
    toks = sdoc.char_span(span.start, span.end, alignment_mode="expand")
    return [t.i for t in toks] if toks is not None else []
