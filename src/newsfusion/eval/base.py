"""Shared pieces of the evaluation harness: counts, results, locations.

Every benchmark adapter returns a :class:`Result`: the metrics of our system
in the benchmark's own metric, the reference systems' scores recomputed with
our scorer (where the benchmark ships their predictions), and the published
scores from the benchmark's README, so the three can be printed side by side.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# src/newsfusion/eval/base.py -> project root
PROJECT_ROOT = Path(__file__).resolve().parents[3]


@dataclass
class PRF:
    """Micro-averaged counts. ``p_num``/``r_num`` may differ (e.g. GTT scorer)."""

    p_num: float = 0
    p_den: float = 0
    r_num: float = 0
    r_den: float = 0

    @classmethod
    def of(cls, correct: float, predicted: float, gold: float) -> "PRF":
        return cls(correct, predicted, correct, gold)

    def add(self, other: "PRF") -> "PRF":
        self.p_num += other.p_num
        self.p_den += other.p_den
        self.r_num += other.r_num
        self.r_den += other.r_den
        return self

    @property
    def precision(self) -> float:
        return self.p_num / self.p_den if self.p_den else 0.0

    @property
    def recall(self) -> float:
        return self.r_num / self.r_den if self.r_den else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self, digits: int = 2) -> dict[str, float]:
        """Percentages rounded to ``digits`` plus the raw counts."""
        return {
            "p": round(100 * self.precision, digits),
            "r": round(100 * self.recall, digits),
            "f1": round(100 * self.f1, digits),
            "counts": [self.p_num, self.p_den, self.r_num, self.r_den],
        }


def prf_dict(p: float, r: float, f1: float, digits: int = 2) -> dict[str, float]:
    """A metric given as fractions (not counts), e.g. an average of F1s."""
    return {"p": round(100 * p, digits), "r": round(100 * r, digits), "f1": round(100 * f1, digits)}


@dataclass
class Published:
    """A score copied from the benchmark README (with its status letter)."""

    system: str
    metric: str
    p: float | None
    r: float | None
    f1: float | None
    status: str = ""  # R recomputed, S secondary, M from memory, V verified in source
    ref: str | None = None  # name of the reference system whose stored predictions we re-score
    tol: float = 0.0  # accepted difference when a documented cause (tol_note) explains it
    tol_note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass
class Result:
    """One benchmark run: ours, the reproduced references, the published numbers."""

    benchmark: str
    split: str
    metrics: dict[str, dict[str, Any]] = field(default_factory=dict)  # ours, by metric name
    reference: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)  # system -> metric -> prf
    published: list[Published] = field(default_factory=list)
    setting: str = ""  # e.g. "gold triggers", "gold mentions"
    notes: list[str] = field(default_factory=list)
    n_docs: int = 0
    runtime_s: float = 0.0
    skipped: str | None = None  # why the benchmark was not run
    limited: bool = False  # scored on a --limit subset: not comparable with published numbers

    def reproduction(self) -> list[dict[str, Any]]:
        """Published vs recomputed scores of every reference system we re-scored."""
        rows = []
        for pub in self.published:
            got = self.reference.get(pub.ref or "", {}).get(pub.metric)
            if got is None:
                continue
            diffs = [abs(want - got[k]) for k, want in (("p", pub.p), ("r", pub.r), ("f1", pub.f1)) if want is not None]
            same: bool | str = all(d < 0.006 for d in diffs)
            if not same and pub.tol and all(d <= pub.tol for d in diffs):
                same = f"within {pub.tol} ({pub.tol_note})"
            rows.append({"system": pub.system, "metric": pub.metric, "published": [pub.p, pub.r, pub.f1],
                         "recomputed": [got["p"], got["r"], got["f1"]], "reproduced": None if self.limited else same})
        return rows

    def as_record(self) -> dict[str, Any]:
        return {
            "name": self.benchmark,
            "split": self.split,
            "commit": git_commit(),
            "date": now_utc(),
            "setting": self.setting,
            "n_docs": self.n_docs,
            "limited": self.limited,
            "metrics": self.metrics,
            "reference": self.reference,
            "published": [p.as_dict() for p in self.published],
            "reproduction": self.reproduction(),
            "notes": self.notes,
            "runtime_s": round(self.runtime_s, 1),
            "skipped": self.skipped,
        }


def now_utc() -> str:
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def git_commit(root: Path = PROJECT_ROOT) -> str:
    """Short commit hash of the project, with ``-dirty`` when files are modified."""
    try:
        rev = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, timeout=10
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", "src"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return (rev or "unknown") + ("-dirty" if dirty else "")


def default_data_dir() -> Path:
    """``$NEWSFUSION_BENCHMARKS``, else ``../shared/benchmarks`` beside the project root."""
    env = os.environ.get("NEWSFUSION_BENCHMARKS")
    if env:
        return Path(env)
    return PROJECT_ROOT.parent / "shared" / "benchmarks"


def default_results_dir() -> Path:
    """``results/`` in the project root when run from a checkout, else in the working directory."""
    if (PROJECT_ROOT / "pyproject.toml").is_file():
        return PROJECT_ROOT / "results"
    return Path.cwd() / "results"
