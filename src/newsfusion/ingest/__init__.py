"""Readers: one module per input format, each turning bytes into ``Article`` objects.

``read_paths(paths, **overrides)`` walks files and folders (recursively; ``-`` is
stdin) and yields, for each article found, an :class:`~newsfusion.model.Article`,
and for each input that cannot be read, the :class:`~newsfusion.errors.InputError`
that says why (a :class:`~newsfusion.errors.SkippedInput` for a readable input
that is deliberately left out, such as a non-English article).

Modules: ``readers`` (walk, guards, dispatch), ``decode`` (binary check and
encoding detection), ``text``, ``html``, ``records`` (JSON/JSONL), ``feeds``
(RSS/Atom), ``dates`` and ``language``. See docs/ingest.md.
"""

from .dates import normalise_date
from .readers import FORMATS, read_bytes, read_file, read_path, read_paths, sniff, walk

__all__ = ["FORMATS", "normalise_date", "read_bytes", "read_file", "read_path", "read_paths", "sniff", "walk"]
