"""Kept for imports written before the view types were one module: they live in :mod:`.views`."""

from .views import Annotation, ClaimItem, DocumentFull, EntityEvent, EntityFull, EntityItem, EventFull, EventItem, GradeInfo, Overview, Report  # noqa: F401
