"""Entities: who and where, with every name they go by in an article (docs/entities.md).

``build_entities(doc)`` fills ``doc.mentions`` and ``doc.entities``:
``recognize`` (gazetteer, rules and spaCy candidates), ``aliases`` (one entity
per referent, each join explained), ``places`` (offline geocoding in context).
"""

from .build import build_entities  # noqa: F401
