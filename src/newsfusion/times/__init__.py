"""Time expressions: found as written (``find``), resolved against the article date (``resolve``)."""

from .find import find_times  # noqa: F401
from .resolve import NO_DATE, Resolved, resolve_time  # noqa: F401
