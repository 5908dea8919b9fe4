"""Event extraction: ACLED-typed events with arguments, fatalities, status, sources, PLOVER.

Public entry point: :func:`extract_events` (used by the ``events`` stage). The
rules live one concern per module: :mod:`.lexicon` (trigger lexicon and word
classes, read from ``data/event_*.json``), :mod:`.detect` (trigger mentions),
:mod:`.status`, :mod:`.arguments` and :mod:`.phrases` (who), :mod:`.setting`
(where, when, how, evidence), :mod:`.fatalities`, :mod:`.classify` (ACLED
typing), :mod:`.coalesce` (one event per happening), :mod:`.sources`,
:mod:`.plover`, and :mod:`.similarity` (sentence embeddings for fusion).
"""

from .extract import extract_events
from .fatalities import combine as combine_fatalities
from .plover import plover_for

__all__ = ["extract_events", "combine_fatalities", "plover_for"]
