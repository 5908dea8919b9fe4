"""Readers: one module per input format, each turning bytes into ``Article`` objects.

``read_paths(paths)`` walks files and folders (recursively; ``-`` is stdin) and
yields, for each input, either an :class:`~newsfusion.model.Article` or the
:class:`~newsfusion.errors.InputError` that says why it could not be read.
"""

from .readers import read_path, read_paths  # noqa: F401
