"""A short, bounded load test: `newsfusion serve` in a subprocess, 50 concurrent clients, no errors.

Latency is not asserted (the machine is shared); bench/web_load.py measures it
and docs/web.md reports the figures.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _bench():
    spec = importlib.util.spec_from_file_location("web_load", ROOT / "bench" / "web_load.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["web_load"] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


web_load = _bench()


def test_fifty_concurrent_clients_get_no_errors(demo_sqlite):
    with web_load.server(demo_sqlite) as srv:
        res = web_load.run_load(srv.url, clients=50, seconds=2.0)
    s = res.summary()
    print(web_load.report(res, "test run"))
    assert s["errors"] == 0, res.errors[:10]
    assert s["requests"] >= 50  # every client got at least one answer
    assert len(res.latencies) >= 11  # every endpoint of the mix was hit


@pytest.mark.parametrize("url", ["http://10.0.0.1:8000", "http://example.org", "http://0.0.0.0:8000"])
def test_the_bench_refuses_anything_but_loopback(url):
    with pytest.raises(SystemExit):
        web_load.run_load(url, clients=1, seconds=0.1)


@pytest.mark.parametrize("values, p, expected", [([1, 2, 3, 4], 50, 2), ([1, 2, 3, 4], 95, 4), (list(range(1, 101)), 95, 95), ([], 50, 0.0), ([7], 99, 7)])
def test_percentiles(values, p, expected):
    assert web_load.pct(values, p) == expected
