"""Registers the built-in corpus steps (each lives in its own module)."""

from . import entities, events, contradictions, grading  # noqa: F401
