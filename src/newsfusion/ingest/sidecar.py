"""Metadata files beside an article: ``NAME.meta.json`` next to ``NAME.txt``.

Collections of reports often keep what the page said about itself (outlet,
date, address) in a small JSON file beside each text. When
``report.meta.json`` lies next to ``report.txt`` (or ``report.html``), its
fields fill what the article's own header did not give:

=============================  =================
key in the sidecar             Article field
=============================  =================
``outlet``, ``source``         ``outlet``
``published``, ``date``        ``published`` (normalised to an ISO date)
``source_url``, ``url``        ``url``
``author``, ``byline``         ``author``
``title``, ``headline``        ``title``
=============================  =================

What the article states itself wins over the sidecar, and ``--outlet`` /
``--published`` win over both. Other keys are ignored. Inside folders,
sidecars are not read as articles of their own.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import InputError
from ..model import Article
from .dates import normalise_date

SUFFIX = ".meta.json"
KEYS = {
    "outlet": "outlet",
    "source": "outlet",
    "published": "published",
    "date": "published",
    "source_url": "url",
    "url": "url",
    "author": "author",
    "byline": "author",
    "title": "title",
    "headline": "title",
}
MAX_BYTES = 64_000


def sidecar_of(p: Path) -> Path:
    """Where the metadata of article file ``p`` would be."""
    return p.with_name(p.name[: -len(p.suffix)] + SUFFIX if p.suffix else p.name + SUFFIX)


def is_sidecar(p: Path) -> bool:
    """A ``NAME.meta.json`` with an article ``NAME.*`` beside it."""
    if not p.name.endswith(SUFFIX):
        return False
    stem = p.name[: -len(SUFFIX)]
    return any(q != p and q.is_file() for q in p.parent.glob(_glob_escape(stem) + ".*") if not q.name.endswith(SUFFIX))


def read_sidecar(p: Path, shown: str) -> tuple[dict[str, str], InputError | None]:
    """The metadata in the sidecar of ``p`` (empty when there is none), and an error when it is unusable."""
    meta_path = sidecar_of(p)
    if p.name.endswith(SUFFIX) or not meta_path.is_file():
        return {}, None
    where = str(Path(shown).with_name(meta_path.name))
    try:
        raw = meta_path.read_bytes()[: MAX_BYTES + 1]
        if len(raw) > MAX_BYTES:
            raise ValueError(f"larger than {MAX_BYTES // 1000} kB")
        data = json.loads(raw.decode("utf-8-sig"))
    except (OSError, ValueError, UnicodeError, RecursionError) as e:
        reason = getattr(e, "strerror", None) or str(e).split("\n")[0][:120]
        return {}, InputError("E211", f"metadata file ignored: {reason}", "fix or remove the .meta.json file", path=where)
    if not isinstance(data, dict):
        return {}, InputError("E211", "metadata file ignored: not a JSON object", "write an object such as {\"outlet\": \"...\"}", path=where)
    meta: dict[str, str] = {}
    for key, field in KEYS.items():
        value = data.get(key)
        if field in meta or not isinstance(value, str) or not value.strip():
            continue
        value = value.strip()
        if field == "published":
            value = normalise_date(value) or ""
            if not value:
                continue
        meta[field] = value[:500]
    return meta, None


def apply_sidecar(art: Article, meta: dict[str, str]) -> None:
    """Fill the fields the article itself left empty."""
    for field, value in meta.items():
        if getattr(art, field, None) in (None, ""):
            setattr(art, field, value)


def _glob_escape(s: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in s)
