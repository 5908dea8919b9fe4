"""Document stages, one module each. Importing this package registers them."""

from . import nlp, entities, times, claims, events, relations, contradictions  # noqa: F401
