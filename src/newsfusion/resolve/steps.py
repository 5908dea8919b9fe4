"""Registers the built-in corpus steps (each lives in its own module)."""

from . import entities, sources, events, contradictions, grading  # noqa: F401
