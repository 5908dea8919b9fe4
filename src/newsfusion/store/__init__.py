"""The knowledge-base store: one schema on SQLite (default) and PostgreSQL.

``Store(db)`` opens (creating or migrating) a database; see ``store.py`` for
the writer, ``schema.py`` for the tables and docs/store.md for the guide.
"""

from .schema import metadata  # noqa: F401
from .store import Store, override_dict  # noqa: F401

__all__ = ["Store", "metadata", "override_dict"]
