"""The evaluation harness: newsfusion on public benchmarks, in each one's own metric.

One module per benchmark (``muc4``, ``wikievents``, ``polnear``, ``ecbplus``,
``re3d``, ``devset``, ``seeds``), each with ``NAME``, ``SPLITS``, ``REPORT_SPLIT`` and
``run(ctx) -> Result``; the scorers live in their own modules
(``*_scorer.py``, ``coref_metrics.py``, ``spans.py``) so they can be tested
on hand-made examples. See docs/eval.md.

Example::

    from newsfusion.eval import run_benchmark
    from newsfusion.eval.context import EvalContext
    res = run_benchmark("muc4", EvalContext(data=default_data_dir(), limit=5))
"""

from __future__ import annotations

import importlib
import time
from types import ModuleType

from ..errors import ConfigError
from .base import Result, default_data_dir, default_results_dir
from .context import DataMissing, EvalContext

BENCHMARKS = ("muc4", "wikievents", "polnear", "ecbplus", "re3d", "devset", "seeds")

__all__ = ["BENCHMARKS", "EvalContext", "Result", "benchmark", "default_data_dir", "default_results_dir", "run_benchmark"]


def benchmark(name: str) -> ModuleType:
    """The adapter module of a benchmark."""
    if name not in BENCHMARKS:
        raise ConfigError("E060", f"unknown benchmark {name!r}", f"choose from: {', '.join(BENCHMARKS)}, all")
    return importlib.import_module(f"{__name__}.{name}")


def run_benchmark(name: str, ctx: EvalContext) -> Result:
    """Run one benchmark; absent data give a skipped result, not an error."""
    mod = benchmark(name)
    split = ctx.split or mod.REPORT_SPLIT
    if split not in mod.SPLITS:
        raise ConfigError("E061", f"{name} has no split {split!r}", f"choose from: {', '.join(mod.SPLITS)}")
    t0 = time.perf_counter()
    try:
        res = mod.run(ctx)
    except DataMissing as e:
        res = Result(name, split, skipped=str(e))
    res.runtime_s = time.perf_counter() - t0
    res.limited = ctx.limit is not None
    return res
