"""Learn an attribution-cue lexicon from PolNeAR train (never dev/test) for the claims stage.

For every lemma, counts how often a token with that lemma lies inside a gold
``Cue`` span and how often it occurs at all; keeps lemmas seen as a cue at
least 3 times, with P(cue | lemma), plus the most frequent full cue phrases.
Then checks a naive tagger (a token is a cue when P >= 0.5) on the dev split.
Writes ``src/newsfusion/data/models/polnear_cues.json`` (a few KB); CPU, a few
minutes:

    PYTHONPATH=src python scripts/train_cue_lexicon.py [--data DIR]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from newsfusion.eval import default_data_dir
from newsfusion.eval.base import PRF
from newsfusion.eval.polnear import load_split
from newsfusion.eval.spans import Tokens, exact_counts
from newsfusion.stages.nlp import load_nlp

OUT = Path(__file__).resolve().parents[1] / "src" / "newsfusion" / "data" / "models" / "polnear_cues.json"


def _cue_tokens(doc, sdoc) -> list[bool]:
    spans = [seg for s in doc.spans["cue"] for seg in s]
    return [any(a < t.idx + len(t) and t.idx < b for a, b in spans) for t in sdoc]


def count(docs, nlp) -> tuple[Counter, Counter, Counter]:
    cue, total, phrases = Counter(), Counter(), Counter()
    for doc, sdoc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=16)):
        marks = _cue_tokens(doc, sdoc)
        for t, is_cue in zip(sdoc, marks):
            if t.is_alpha:
                total[t.lemma_.lower()] += 1
                cue[t.lemma_.lower()] += is_cue
        for segs in doc.spans["cue"]:
            words = " ".join(doc.text[a:b] for a, b in segs).lower().split()
            if 0 < len(words) <= 4:
                phrases[" ".join(words)] += 1
    return cue, total, phrases


def check(docs, nlp, lexicon: dict[str, list]) -> PRF:
    """Cue exact F1 of 'maximal runs of tokens whose lemma has P(cue) >= 0.5'."""
    out = PRF()
    for doc, sdoc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=16)):
        tok = Tokens(doc.text)
        runs, cur = [], []
        for t in sdoc:
            if t.lemma_.lower() in lexicon and lexicon[t.lemma_.lower()][2] >= 0.5:
                cur.append((t.idx, t.idx + len(t)))
            elif cur:
                runs.append(((cur[0][0], cur[-1][1]),))
                cur = []
        if cur:
            runs.append(((cur[0][0], cur[-1][1]),))
        out.add(exact_counts([tok.cover(r) for r in runs], [tok.cover(s) for s in doc.spans["cue"]]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=default_data_dir())
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    t0 = time.time()
    root = args.data / "polnear"
    nlp = load_nlp()
    cue, total, phrases = count(load_split(root, "train"), nlp)
    lexicon = {lem: [cue[lem], total[lem], round(cue[lem] / total[lem], 3)]
               for lem in sorted(cue, key=lambda x: -cue[x]) if cue[lem] >= 3}
    dev = check(load_split(root, "dev"), nlp, lexicon)
    data = {
        "_doc": "Attribution cues learned from PolNeAR train (first annotator per article) by scripts/train_cue_lexicon.py. "
                "lemmas: lemma -> [times inside a gold Cue span, occurrences, P(cue | lemma)]; phrases: most frequent cue phrases.",
        "dev_check": {"tagger": "token is a cue when P >= 0.5; maximal runs are spans",
                      "cue_exact_p": round(100 * dev.precision, 2), "cue_exact_r": round(100 * dev.recall, 2),
                      "cue_exact_f1": round(100 * dev.f1, 2)},
        "lemmas": lexicon,
        "phrases": dict(phrases.most_common(200)),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(lexicon)} cue lemmas; dev cue exact P/R/F1 {data['dev_check']}; {time.time() - t0:.0f} s -> {args.out}")


if __name__ == "__main__":
    main()
