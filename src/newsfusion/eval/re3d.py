"""re3d: entity recognition on Syria/Iraq conflict texts, on the types newsfusion emits.

re3d types are mapped by ``re3d_types.tsv`` (Person, Organisation, Location
-> PERSON, ORG, LOCATION; the others are not scored). Gold entities with an
aggregation confidence below 0.5 are dropped. Scored: newsfusion's entity
mentions ``(start, end, type)`` against the gold spans, exact boundaries and
partial (overlap, same type), micro over documents and per type.

re3d has no official split; ours is deterministic: a document is in *dev*
when the first 8 hex digits of the MD5 of its id are divisible by 3, else in
*test* (reported). Nothing is trained on re3d.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..model import Article
from .base import PRF, Published, Result
from .context import DataMissing, EvalContext, load_mapping
from .spans import entity_counts

NAME = "re3d"
SPLITS = ("dev", "test", "all")
REPORT_SPLIT = "test"
MIN_CONFIDENCE = 0.5

PUBLISHED: list[Published] = []  # ConfliBERT's re3d NER scores use its own re-split: not comparable


def split_of(doc_id: str) -> str:
    return "dev" if int(hashlib.md5(doc_id.encode()).hexdigest()[:8], 16) % 3 == 0 else "test"


def _lines(path: Path) -> list[dict]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            out.append(json.loads(line))
    return out


def load(root: Path, split: str) -> tuple[list[dict], dict[str, set[tuple[int, int, str]]]]:
    """Documents of the split and their gold entities in newsfusion types."""
    types = {k: ("" if v.strip() == "-" else v.strip()) for k, v in load_mapping("re3d_types.tsv").items()}
    docs, gold = [], {}
    for folder in sorted(p for p in root.iterdir() if (p / "documents.json").exists()):
        for d in _lines(folder / "documents.json"):
            if split in ("all", split_of(d["_id"])):
                docs.append(d)
                gold[d["_id"]] = set()
        for e in _lines(folder / "entities.json"):
            typ = types.get(e["type"], "")
            if e["documentId"] in gold and typ and e.get("confidence", 1) >= MIN_CONFIDENCE:
                gold[e["documentId"]].add((e["begin"], e["end"], typ))
    return docs, gold


def run(ctx: EvalContext) -> Result:
    split = ctx.split or REPORT_SPLIT
    root = ctx.folder(NAME)
    docs, gold = load(root, split)
    if not docs:
        raise DataMissing(f"no re3d documents.json under {root} (give --data DIR or set NEWSFUSION_BENCHMARKS)")
    docs = ctx.take(docs)
    res = Result(NAME, split, published=list(PUBLISHED), n_docs=len(docs), setting="end to end from raw text; PERSON, ORG, LOCATION")
    arts = [Article(text=d["text"], title=d.get("title"), name=d["_id"]) for d in docs]
    exact, partial = PRF(), PRF()
    per_type = {t: PRF() for t in ("PERSON", "ORG", "LOCATION")}
    nested = 0
    for doc in ctx.run(arts, [a.name for a in arts]):
        g = gold[doc.doc_id]
        p = {(m.span.start, m.span.end, m.type) for m in doc.mentions}
        exact.add(entity_counts(p, g))
        partial.add(entity_counts(p, g, partial=True))
        for t in per_type:
            per_type[t].add(entity_counts({x for x in p if x[2] == t}, {x for x in g if x[2] == t}))
        nested += sum(1 for a in g for b in g if a != b and b[0] <= a[0] and a[1] <= b[1])
    res.metrics["entities exact"] = exact.as_dict() | {"per_slot": {t: v.as_dict() for t, v in per_type.items()}}
    res.metrics["entities partial"] = partial.as_dict()
    n_gold = int(exact.r_den)
    res.notes.append(f"{n_gold} gold entities (confidence >= {MIN_CONFIDENCE}) of which {nested} nest inside another gold entity "
                     "(a flat tagger cannot get those).")
    res.notes.append("Split: deterministic MD5 split of document ids (dev about 1/3); nothing tuned on re3d.")
    res.notes.append("No comparable published score: ConfliBERT (Hu et al. 2022) reports re3d NER on its own re-split CoNLL version.")
    return res
