"""newsfusion: turn news reports about armed conflict into a sourced knowledge base."""

__version__ = "0.1.0"

from .model import Article, Doc, Span  # noqa: E402
from .pipeline import Pipeline, stage  # noqa: E402

__all__ = ["Article", "Doc", "Span", "Pipeline", "stage", "__version__"]
