"""Relations between actors, each with its evidence span and the claim it rests on (docs/relations.md)."""

from .build import extract_relations  # noqa: F401
