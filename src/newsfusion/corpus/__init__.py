"""The per-article records the corpus steps read, typed (``records``), and their FORMAT.md edge (``format``)."""

from .format import entity_from_format, entity_to_format, from_format, to_format  # noqa: F401
from .records import Claim, Contradiction, DocRecord, DocumentInfo, EntityMention, EventReport, Relation  # noqa: F401
