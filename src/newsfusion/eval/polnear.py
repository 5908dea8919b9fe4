"""PolNeAR: attribution source, cue and content spans, exact and overlap F1.

Gold: the brat ``.ann`` files (``Source``, ``Cue``, ``Content`` spans and
``E`` relations); for articles annotated by several people, the file of the
first annotator listed in ``metadata.tsv``. ``Discuss``/``Discard`` marks are
ignored. newsfusion's claims give the predictions: ``source_span`` (None for
the author or an unnamed source), ``cue`` and ``content`` spans. Spans are
compared as whitespace-token sets (see :mod:`spans`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from ..claims.learned import attribution_scope
from ..errors import InputError
from ..model import Article, Doc
from .base import PRF, Published, Result
from .context import EvalContext
from .spans import Segments, Tokens, exact_counts, overlap_counts

NAME = "polnear"
SPLITS = ("dev", "test")
REPORT_SPLIT = "test"
ROLES = ("source", "cue", "content")

PUBLISHED = [
    Published("Citron on PARC 3.0 (different corpus)", "cue exact", None, None, 82.3, "V"),
    Published("Citron on PARC 3.0 (different corpus)", "source exact", None, None, 82.0, "V"),
    Published("Citron on PARC 3.0 (different corpus)", "content exact", None, None, 59.3, "V"),
    Published("Citron on PARC 3.0 (different corpus)", "content overlap", None, None, 83.3, "V"),
    Published("Citron on PARC 3.0 (different corpus)", "relation exact", None, None, 56.7, "V"),
    Published("Citron on PARC 3.0 (different corpus)", "relation overlap", None, None, 83.2, "V"),
]


@dataclass
class Attribution:
    source: Segments | None
    cue: Segments | None
    content: Segments | None


@dataclass
class AnnDoc:
    name: str
    text: str
    spans: dict[str, list[Segments]] = field(default_factory=dict)  # role -> spans
    relations: list[Attribution] = field(default_factory=list)


def parse_ann(text: str, ann: str, name: str = "") -> AnnDoc:
    """Spans per role and attribution relations of one brat file."""
    doc = AnnDoc(name, text, {r: [] for r in ROLES})
    by_id: dict[str, Segments] = {}
    for n, line in enumerate(ann.splitlines(), 1):
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            typ, _, offs = parts[1].partition(" ")
            try:
                segs = tuple(tuple(int(x) for x in s.split()) for s in offs.split(";"))
            except ValueError as e:
                raise InputError("E261", f"line {n}: bad offsets {offs!r}", "restore the .ann file", path=name) from e
            by_id[parts[0]] = segs  # type: ignore[assignment]
            if typ.lower() in ROLES and segs not in doc.spans[typ.lower()]:
                doc.spans[typ.lower()].append(segs)  # type: ignore[arg-type]
        elif line.startswith("E") and len(parts) >= 2:
            args = dict(a.split(":", 1) for a in parts[1].split() if ":" in a)
            doc.relations.append(
                Attribution(by_id.get(args.get("Source", "")), by_id.get(args.get("Cue", "")), by_id.get(args.get("Content", "")))
            )
    return doc


def load_split(root: Path, split: str) -> list[AnnDoc]:
    """Every article of a split with its first annotator's annotation."""
    first: dict[str, str] = {}
    with (root / "metadata.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["compartment"] == split:
                first[row["filename"]] = row["annotators"].split("|")[0]
    docs = []
    for name in sorted(first):
        ann = root / split / "attributions" / f"{name}_{first[name]}.ann"
        if not ann.exists():
            cands = sorted((root / split / "attributions").glob(f"{name}_*.ann"))
            if not cands:
                continue
            ann = cands[0]
        text = (root / split / "text" / f"{name}.txt").read_text(encoding="utf-8")
        docs.append(parse_ann(text, ann.read_text(encoding="utf-8"), str(ann)))
    return docs


def _seg(span) -> Segments | None:
    return None if span is None else ((span.start, span.end),)


def _minus(span, holes) -> Segments | None:
    """A content span without the claim's own cue and source inside it ("“...,” he said, “...”")."""
    if span is None:
        return None
    segs = [(span.start, span.end)]
    for h in holes:
        if h is None:
            continue
        segs = [p for a, b in segs for p in ((a, min(b, h.start)), (max(a, h.end), b)) if p[0] < p[1]]
    return tuple(segs) or None


def predicted(doc: Doc) -> AnnDoc:
    """newsfusion's claims as attribution spans."""
    out = AnnDoc(doc.doc_id, doc.text, {r: [] for r in ROLES})
    for c in doc.claims:
        rel = Attribution(_seg(c.source_span), _seg(c.cue), _minus(c.content, (c.cue, c.source_span)))
        out.relations.append(rel)
        for role in ROLES:
            s = getattr(rel, role)
            if s is not None and s not in out.spans[role]:
                out.spans[role].append(s)
    return out


def _relation_counts(tok: Tokens, pred: list[Attribution], gold: list[Attribution], overlap: bool) -> PRF:
    def key(a: Attribution):
        return tuple(tok.cover(getattr(a, r) or ()) for r in ROLES)

    def same(p, g) -> bool:
        if not overlap:
            return p == g
        return all((not x and not y) or bool(x & y) for x, y in zip(p, g))

    pk, gk = [key(a) for a in pred], [key(a) for a in gold]
    return PRF(sum(any(same(p, g) for g in gk) for p in pk), len(pk), sum(any(same(p, g) for p in pk) for g in gk), len(gk))


def score(pairs: list[tuple[AnnDoc, AnnDoc]]) -> dict[str, PRF]:
    """Exact and overlap counts per role and for whole relations, summed over documents."""
    out = {f"{r} {m}": PRF() for r in (*ROLES, "relation") for m in ("exact", "overlap")}
    for gold, pred in pairs:
        tok = Tokens(gold.text)
        for role in ROLES:
            g = [tok.cover(s) for s in gold.spans[role]]
            p = [tok.cover(s) for s in pred.spans[role]]
            out[f"{role} exact"].add(exact_counts(p, g))
            out[f"{role} overlap"].add(overlap_counts(p, g))
        out["relation exact"].add(_relation_counts(tok, pred.relations, gold.relations, overlap=False))
        out["relation overlap"].add(_relation_counts(tok, pred.relations, gold.relations, overlap=True))
    return out


def run(ctx: EvalContext) -> Result:
    split = ctx.split or REPORT_SPLIT
    root = ctx.folder(NAME, "metadata.tsv", f"{split}/text", f"{split}/attributions")
    golds = ctx.take(load_split(root, split))
    res = Result(NAME, split, published=list(PUBLISHED), n_docs=len(golds), setting="end to end from raw text; every attribution kept, thoughts and intentions included (PolNeAR's definition)")
    arts = [Article(text=g.text, name=Path(g.name).stem) for g in golds]
    with attribution_scope("attributions"):  # PolNeAR annotates thoughts and intentions too
        pairs = [(g, predicted(d)) for g, d in zip(golds, ctx.run(arts, [a.name for a in arts]))]
    order = ["source exact", "cue exact", "content exact", "source overlap", "cue overlap", "content overlap",
             "relation exact", "relation overlap"]
    counts = score(pairs)
    res.metrics = {k: counts[k].as_dict() for k in order}
    n_claims = sum(len(p.relations) for _, p in pairs)
    n_gold = sum(len(g.relations) for g, _ in pairs)
    res.notes.append(f"{n_gold} gold attributions; newsfusion produced {n_claims} claims.")
    res.notes.append("Spans compared as whitespace-token sets ignoring punctuation and quotation marks at the edges.")
    res.notes.append("No published system scores on PolNeAR; Citron's PARC 3.0 numbers give the scale only.")
    return res
