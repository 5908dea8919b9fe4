"""The analyst's workbench: a REST API and server-rendered pages over the knowledge base.

``create_app(db)`` builds the FastAPI app; ``newsfusion serve`` runs it with
uvicorn. See docs/web.md.
"""

from .app import create_app

__all__ = ["create_app"]
