#!/usr/bin/env python3
"""A rough look at relation recall on texts of other outlets: the re3d dev split.

usage: python scripts/re3d_relations.py [--split dev] [--misses] [--extra] [--out FILE]

re3d (../shared/benchmarks/re3d: Syria/Iraq texts from CENTCOM, the UK government, the
US State Department, the BBC, Wikipedia, ...) annotates relations in its own scheme,
broader than ours (a city "in charge of" a weapon, "fighting against" civilians). Four
of its types are mapped onto our predicates, between actors only (source a Person,
Organisation or Nationality; target an Organisation or Nationality):

    FightingAgainst -> hostile_to    AlliesOf -> allied_with (either direction)
    InChargeOf      -> leader_of     BelongsTo -> member_of / part_of / leader_of / spokesperson_of

A gold relation is found when a predicted one of a mapped predicate names both sides
(a side's folded name equals, or holds as whole words, one of the predicted entity's
forms). The figure is a proxy to compare two versions of the rules, not a benchmark
score: re3d's conventions are not ours, so recall stays low and unmatched predictions
are not all wrong (--extra lists them to be read by eye). Develop on the dev split
(the split of ``newsfusion.eval.re3d``); never tune on test.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))
from newsfusion.eval.re3d import split_of  # noqa: E402

_spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
S = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(S)

MAP = {
    "FightingAgainst": ("hostile_to",),
    "AlliesOf": ("allied_with",),
    "InChargeOf": ("leader_of",),
    "BelongsTo": ("member_of", "part_of", "leader_of", "spokesperson_of"),
}
SYMMETRIC = {"AlliesOf"}
ACTORS = {"Person", "Organisation", "Nationality"}
BODIES = {"Organisation", "Nationality"}


def _lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def load(root: Path, split: str) -> tuple[dict[str, str], list[dict]]:
    docs, gold = {}, []
    for folder in sorted(p for p in root.iterdir() if (p / "documents.json").exists()):
        kept = {d["_id"]: d["text"] for d in _lines(folder / "documents.json") if split in ("all", split_of(d["_id"]))}
        docs.update(kept)
        types = {(e["documentId"], e["begin"], e["end"]): e["type"] for e in _lines(folder / "entities.json") if e["documentId"] in kept}
        for r in _lines(folder / "relations.json"):
            if r["documentId"] not in kept or r["type"] not in MAP or r.get("confidence", 1) < 0.5:
                continue
            st = types.get((r["documentId"], r["sourceBegin"], r["sourceEnd"]))
            tt = types.get((r["documentId"], r["targetBegin"], r["targetEnd"]))
            if st in ACTORS and tt in BODIES:
                gold.append(r)
    return docs, gold


def _names(doc: dict, name: str) -> set[str]:
    out = {S.fold(name)}
    for e in doc.get("entities", []):
        forms = S.forms(e)
        if S.fold(name) in forms:
            out |= forms
    return {f for f in out if f}


def _same(doc: dict, gold_side: str, pred_side: str) -> bool:
    g = S.fold(gold_side)
    return bool(g) and any(f == g or f" {f} " in f" {g} " or f" {g} " in f" {f} " for f in _names(doc, pred_side))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="dev", choices=("dev", "test", "all"))
    ap.add_argument("--misses", action="store_true", help="list the gold relations not found")
    ap.add_argument("--extra", action="store_true", help="list the predicted relations no gold one matched")
    ap.add_argument("--out", default=f"/tmp/newsfusion-re3d-relations-{ROOT.name}.jsonl")
    args = ap.parse_args()
    root = SHARED / "benchmarks" / "re3d"
    if not root.is_dir():
        sys.exit(f"re3d_relations: {root} not found: this script needs ../shared beside the project")
    docs, gold = load(root, args.split)
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for doc_id, text in sorted(docs.items()):
            f = Path(tmp) / f"{doc_id}.txt"
            f.write_text(text, encoding="utf-8")
            files.append(str(f))
        with open(args.out, "w") as fh:
            subprocess.run([sys.executable, "-m", "newsfusion", "extract", *files, "--format", "json"], stdout=fh, check=True)
    pred = {d["doc_id"]: d for d in map(json.loads, Path(args.out).read_text().splitlines()) if d}
    found, total, used = collections.Counter(), collections.Counter(), set()
    for r in sorted(gold, key=lambda r: (r["documentId"], r["begin"])):
        doc = pred.get(r["documentId"], {})
        hit = False
        for i, p in enumerate(doc.get("relations", [])):
            if p["predicate"] not in MAP[r["type"]]:
                continue
            fwd = _same(doc, r["source"], p["subject"]) and _same(doc, r["target"], p["object"])
            back = r["type"] in SYMMETRIC and _same(doc, r["target"], p["subject"]) and _same(doc, r["source"], p["object"])
            if fwd or back:
                hit = True
                used.add((r["documentId"], i))
                break
        total[r["type"]] += 1
        found[r["type"]] += hit
        if args.misses and not hit:
            print(f"- {r['documentId'][:8]} {r['type']}: {r['source']!r} | {r['value'][:100]!r} | {r['target']!r}")
    n_pred = 0
    for doc_id, doc in sorted(pred.items()):
        for i, p in enumerate(doc.get("relations", [])):
            if p["predicate"] == "located_in" or p["predicate"] == "pledged_allegiance_to":
                continue
            n_pred += 1
            if args.extra and (doc_id, i) not in used:
                print(f"+ {doc_id[:8]} {p['subject']!r} {p['predicate']} {p['object']!r} | {p['evidence'][:120]}")
    for t in MAP:
        print(f"{t:16s} {found[t]:3d} / {total[t]:3d}")
    n = sum(total.values())
    print(f"re3d {args.split}: {len(docs)} documents, recall {sum(found.values())}/{n} = {sum(found.values()) / max(n, 1):.3f}; "
          f"{len(used)} of {n_pred} predicted actor relations matched")


if __name__ == "__main__":
    main()
