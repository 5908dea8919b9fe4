#!/usr/bin/env python3
"""Show what the extraction missed and what it added, per article, for one kind.

usage: python scripts/devdiff.py KIND [--pred FILE] [--gold DIR] [--docs 101,203]

KIND is entities, events, claims, relations or contradictions. PRED defaults
to the file scripts/devscore.py writes. Matching is score.py's own (imported
from ../shared/eval/score.py), so what is listed here is what the scorer counts:
'-' gold items no prediction matched, '+' predictions no gold item matched,
'~' matched pairs whose attributes differ.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
_spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
S = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(S)

EVENT_ATTRS = ("acled_sub_type", "actors", "targets", "location", "time_text", "fatalities")


def brief(kind: str, x: dict) -> str:
    if kind == "entities":
        return f"{x.get('type')} {x.get('name')!r} aliases={x.get('aliases')}"
    if kind == "events":
        f = x.get("fatalities") or {}
        return (f"{x.get('acled_type')}/{x.get('acled_sub_type')} actors={x.get('actors')} targets={x.get('targets')} "
                f"loc={x.get('location')!r} time={x.get('time_text')!r} fat={f.get('min')}/{f.get('max')}\n      | {x.get('evidence')}")
    if kind == "claims":
        return f"[{x.get('source_kind')}/{x.get('stance')}] {x.get('source')!r} cue={x.get('cue')!r}\n      | {x.get('evidence')}"
    if kind == "relations":
        return f"{x.get('subject')!r} {x.get('predicate')} {x.get('object')!r}\n      | {x.get('evidence')}"
    a, b = x.get("a"), x.get("b")
    a = a if isinstance(a, str) else (a or {}).get("evidence")
    b = b if isinstance(b, str) else (b or {}).get("evidence")
    return f"{x.get('about')!r}\n      a| {a}\n      b| {b}"


def matcher(kind: str, ent_forms):
    if kind == "entities":
        return lambda g, p: bool(S.forms(g) & S.forms(p))
    if kind == "events":
        return lambda g, p: g["acled_type"] == p.get("acled_type") and S.covers(p.get("evidence", ""), g["evidence"])
    if kind == "claims":
        return lambda g, p: S.covers(p.get("evidence", ""), g["evidence"])
    if kind == "relations":
        return lambda g, p: (g["predicate"] == p.get("predicate")
                             and S.same_name(g["subject"], p.get("subject") or "", ent_forms)
                             and S.same_name(g["object"], p.get("object") or "", ent_forms))

    def side(p, k):
        v = p.get(k)
        return v if isinstance(v, str) else (v or {}).get("evidence", "")
    return lambda g, p: ((S.covers(side(p, "a"), g["a"]) and S.covers(side(p, "b"), g["b"]))
                         or (S.covers(side(p, "a"), g["b"]) and S.covers(side(p, "b"), g["a"])))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("kind", choices=["entities", "events", "claims", "relations", "contradictions"])
    ap.add_argument("--pred", default=f"/tmp/newsfusion-devscore-{ROOT.name}.jsonl")
    ap.add_argument("--gold", default=str(SHARED / "devset" / "gold"))
    ap.add_argument("--docs", default="", help="comma-separated doc ids (default: all)")
    args = ap.parse_args()
    preds = S.load_pred(args.pred)
    want = set(filter(None, args.docs.split(",")))
    for gf in sorted(Path(args.gold).glob("*.json")):
        if gf.stem.startswith("_") or (want and gf.stem not in want):
            continue
        gold = json.loads(gf.read_text())
        pred = preds.get(gf.stem, {})
        ent_forms = [S.forms(e) for e in gold.get("entities", [])] + [S.forms(e) for e in pred.get("entities", [])]
        g_items, p_items = gold.get(args.kind, []), pred.get(args.kind, [])
        pairs = S.match(g_items, p_items, matcher(args.kind, ent_forms))
        got_g = {id(g) for g, _ in pairs}
        got_p = {id(p) for _, p in pairs}
        lines = [f"  - {brief(args.kind, g)}" for g in g_items if id(g) not in got_g]
        lines += [f"  + {brief(args.kind, p)}" for p in p_items if id(p) not in got_p]
        for g, p in pairs:
            if args.kind == "events":
                diffs = []
                for a in EVENT_ATTRS:
                    gv, pv = g.get(a), p.get(a)
                    if a in ("actors", "targets"):
                        if gv and not any(S.same_name(x, y, ent_forms) for x in gv for y in pv or []):
                            diffs.append(f"{a}: gold {gv} pred {pv}")
                    elif a == "location":
                        if gv and not S.same_name(gv, pv or "", ent_forms):
                            diffs.append(f"{a}: gold {gv!r} pred {pv!r}")
                    elif a == "fatalities":
                        gf_ = gv or {}
                        pf = pv or {}
                        if gf_.get("min") is not None and (gf_.get("min"), gf_.get("max")) != (pf.get("min"), pf.get("max")):
                            diffs.append(f"fatalities: gold {gf_.get('min')}/{gf_.get('max')} pred {pf.get('min')}/{pf.get('max')}")
                    elif a == "time_text":
                        if gv and not S.covers(pv or "", gv, 0.99):
                            diffs.append(f"time: gold {gv!r} pred {pv!r}")
                    elif gv != pv:
                        diffs.append(f"{a}: gold {gv!r} pred {pv!r}")
                if diffs:
                    lines.append(f"  ~ {g['evidence'][:90]!r}\n      " + "\n      ".join(diffs))
            elif args.kind == "claims":
                diffs = [f"{a}: gold {g.get(a)!r} pred {p.get(a)!r}" for a in ("source_kind", "stance") if g.get(a) != p.get(a)]
                gs, ps = S.words(g["source"]), S.words(p.get("source") or "")
                if not (bool(gs) and len(gs & ps) / len(gs) >= 0.5 or S.same_name(g["source"], p.get("source") or "", ent_forms)):
                    diffs.append(f"source: gold {g['source']!r} pred {p.get('source')!r}")
                if diffs:
                    lines.append(f"  ~ {g['evidence'][:90]!r}\n      " + "\n      ".join(diffs))
            elif args.kind == "entities":
                miss = [a for a in g.get("aliases", []) if S.fold(a) not in S.forms(p)]
                if miss or g["type"] != p.get("type"):
                    lines.append(f"  ~ {g['name']!r} type {g['type']}/{p.get('type')} missing aliases {miss} (pred {p.get('name')!r} {p.get('aliases')})")
        if lines:
            print(f"== {gf.stem}")
            print("\n".join(lines))


if __name__ == "__main__":
    main()
