"""Corpus-level steps: what spans articles.

Each step is a named function ``(CorpusState) -> CorpusState`` registered with
:func:`corpus_step`; :func:`run_steps` runs them in order and reports each
step's result or error instead of dying half way (like graphrag's workflow
runner). The steps work on typed data, not on the database: the store loads a
:class:`CorpusState` from its tables, runs the steps, and writes back what they
produced. That keeps every step testable on a handful of hand-built records.

Default order: ``entities`` (cross-article entity resolution), ``sources``
(every claim's source tied to an entity), ``events`` (event fusion),
``contradictions``, ``grading`` (corroboration and Admiralty grades).
"""

from .base import (  # noqa: F401
    CorpusState,
    Grade,
    KBContradiction,
    KBEntity,
    KBEvent,
    StepResult,
    corpus_step,
    registered_steps,
    run_steps,
)
