#!/usr/bin/env python3
"""A bounded load test of the web API, on loopback only: N concurrent clients for S seconds.

Each client loops over a fixed mix of API requests (listings, details, graph,
search; ids taken from the knowledge base itself) until the time is up, one
request at a time, and records each latency and status. Prints requests,
throughput, p50/p95/p99 latency overall and per endpoint, and the error
count (any status other than 200, any connection error).

usage:
  python bench/web_load.py --db newsfusion.db                 # starts `newsfusion serve` on a free port
  python bench/web_load.py --url http://127.0.0.1:8000        # a server already running (loopback only)
  python bench/web_load.py --db kb.db --clients 50 --seconds 10 --think 0 --out bench/web_load.md

``--think`` adds a pause between one client's requests (seconds), like an
analyst clicking; 0 means closed loop (each client fires as soon as it has
its answer), the hardest case.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import math
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

import httpx

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Result:
    clients: int
    seconds: float
    latencies: dict[str, list[float]] = field(default_factory=dict)  # endpoint -> seconds
    errors: list[str] = field(default_factory=list)

    @property
    def all(self) -> list[float]:
        return [x for v in self.latencies.values() for x in v]

    def summary(self) -> dict[str, float]:
        lat = sorted(self.all)
        n = len(lat)
        return {
            "requests": n,
            "errors": len(self.errors),
            "rps": n / self.seconds if self.seconds else 0.0,
            "p50_ms": 1000 * pct(lat, 50),
            "p95_ms": 1000 * pct(lat, 95),
            "p99_ms": 1000 * pct(lat, 99),
            "max_ms": 1000 * (lat[-1] if lat else 0.0),
        }


def pct(sorted_values: list[float], p: float) -> float:
    """The nearest-rank percentile of already sorted values."""
    if not sorted_values:
        return 0.0
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def check_loopback(url: str) -> None:
    host = urlsplit(url).hostname or ""
    try:
        ok = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        ok = False
    if not ok:
        raise SystemExit(f"web_load: {url}: refusing to load anything but a loopback server")


def endpoints(base: str, headers: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(name, path) of the requests to make, with real ids from the server."""
    with httpx.Client(base_url=base, headers=headers, timeout=30) as c:
        doc = next(iter(c.get("/api/documents?limit=1").json()["items"]), None)
        ent = next(iter(c.get("/api/entities?limit=1").json()["items"]), None)
        evt = next(iter(c.get("/api/events?limit=1").json()["items"]), None)
    out = [
        ("status", "/api/status"),
        ("documents", "/api/documents?limit=20"),
        ("entities", "/api/entities?limit=50"),
        ("events", "/api/events?limit=50"),
        ("claims", "/api/claims?limit=50"),
        ("contradictions", "/api/contradictions"),
        ("sources", "/api/sources"),
        ("graph", "/api/graph"),
        ("search", "/api/search?q=army"),
    ]
    if doc:
        out.append(("document", "/api/documents/" + quote(doc["id"], safe="")))
    if ent:
        out.append(("entity", "/api/entities/" + quote(ent["id"], safe="")))
    if evt:
        out.append(("event", "/api/events/" + quote(evt["id"], safe="")))
    return out


class Conn:
    """One keep-alive HTTP/1.1 connection, as light as it gets (httpx's pool, not the server,
    was the bottleneck with 50 concurrent clients on 2 cores)."""

    def __init__(self, base: str, headers: dict[str, str] | None):
        u = urlsplit(base)
        self.host, self.port = u.hostname or "127.0.0.1", u.port or 80
        extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
        self.head = f"Host: {self.host}:{self.port}\r\n{extra}Connection: keep-alive\r\n\r\n"
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"GET {path} HTTP/1.1\r\n{self.head}".encode())
        await self.writer.drain()
        status = int((await self.reader.readline()).split()[1])
        length, chunked = 0, False
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "transfer-encoding" and "chunked" in value.lower():
                chunked = True
        if chunked:
            while (size := int((await self.reader.readline()).strip() or b"0", 16)):
                await self.reader.readexactly(size + 2)
            await self.reader.readline()
        else:
            await self.reader.readexactly(length)
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


async def _client(i: int, base: str, headers: dict[str, str] | None, mix: list[tuple[str, str]], deadline: float, think: float, res: Result) -> None:
    conn = Conn(base, headers)
    k = i
    try:
        while time.perf_counter() < deadline:
            name, path = mix[k % len(mix)]
            k += 1
            t0 = time.perf_counter()
            try:
                status = await asyncio.wait_for(conn.get(path), 30)
                if status != 200:
                    res.errors.append(f"{path}: {status}")
            except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError, IndexError) as exc:
                res.errors.append(f"{path}: {type(exc).__name__}")
                conn.close()
            res.latencies.setdefault(name, []).append(time.perf_counter() - t0)
            if think:
                await asyncio.sleep(think)
    finally:
        conn.close()


async def _run(base: str, clients: int, seconds: float, think: float, headers: dict[str, str] | None) -> Result:
    mix = endpoints(base, headers)
    res = Result(clients, seconds)
    deadline = time.perf_counter() + seconds
    await asyncio.gather(*(_client(i, base, headers, mix, deadline, think, res) for i in range(clients)))
    return res


def run_load(base: str, clients: int = 50, seconds: float = 5.0, think: float = 0.0, token: str | None = None) -> Result:
    """Load ``base`` (loopback only) with ``clients`` concurrent clients for ``seconds``."""
    check_loopback(base)
    headers = {"Authorization": f"Bearer {token}"} if token else None
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(_run(base, clients, seconds, think, headers))
    out: list[Result] = []  # a loop already runs in this thread (e.g. Playwright's): use a thread of our own
    t = threading.Thread(target=lambda: out.append(asyncio.run(_run(base, clients, seconds, think, headers))))
    t.start()
    t.join()
    if not out:
        raise RuntimeError("the load run failed (see the thread's traceback above)")
    return out[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Served:
    url: str
    pid: int

    def cpu_seconds(self) -> float | None:
        """CPU time the server process has used so far (Linux), None elsewhere."""
        try:
            f = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            return None


@contextmanager
def server(db: str, port: int | None = None):
    """``newsfusion serve`` on a free loopback port in a subprocess; yields a :class:`Served`."""
    port = port or free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    cmd = [sys.executable, "-c", "from newsfusion.cli import run; run()", "serve", "--db", db, "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"web_load: the server exited: {proc.stderr.read().decode(errors='replace').strip()}")
            try:
                if httpx.get(base + "/api/status", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("web_load: the server did not start within 60 s")
            time.sleep(0.1)
        yield Served(base, proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def report(res: Result, label: str) -> str:
    s = res.summary()
    lines = [
        f"## {label}",
        "",
        f"{res.clients} concurrent clients for {res.seconds:g} s: {s['requests']} requests, {s['rps']:.0f} requests/s, {s['errors']} errors",
        "",
        f"latency: p50 {s['p50_ms']:.1f} ms, p95 {s['p95_ms']:.1f} ms, p99 {s['p99_ms']:.1f} ms, max {s['max_ms']:.1f} ms",
        "",
        "| endpoint | requests | p50 ms | p95 ms |",
        "|---|---|---|---|",
    ]
    for name, lat in sorted(res.latencies.items()):
        lat = sorted(lat)
        lines.append(f"| {name} | {len(lat)} | {1000 * statistics.median(lat):.1f} | {1000 * pct(lat, 95):.1f} |")
    if res.errors:
        lines += ["", "errors (first 10): " + "; ".join(res.errors[:10])]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--db", help="knowledge base to serve (a subprocess runs newsfusion serve)")
    where.add_argument("--url", help="a running server on loopback")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--think", type=float, default=0.0, help="pause between one client's requests, seconds")
    ap.add_argument("--token", default=None)
    ap.add_argument("--out", help="append the report (Markdown) to this file")
    ap.add_argument("--cold", action="store_true", help="no warm-up: the 50 clients meet a fresh server's empty caches")
    a = ap.parse_args(argv)
    if a.clients < 1 or a.clients > 500 or a.seconds <= 0 or a.seconds > 600:
        ap.error("clients must be 1-500 and seconds 0-600 (the test is bounded)")

    cpu = None
    if a.url:
        if not a.cold:
            run_load(a.url, clients=1, seconds=min(2.0, a.seconds), token=a.token)  # warm up (caches, connections)
        res = run_load(a.url, a.clients, a.seconds, a.think, a.token)
    else:
        with server(a.db) as srv:
            if not a.cold:
                run_load(srv.url, clients=1, seconds=min(2.0, a.seconds), token=a.token)
            c0 = srv.cpu_seconds()
            res = run_load(srv.url, a.clients, a.seconds, a.think, a.token)
            c1 = srv.cpu_seconds()
            cpu = (c1 - c0) if c0 is not None and c1 is not None else None
    text = report(res, f"{a.clients} clients, think {a.think:g} s{', cold caches (no warm-up)' if a.cold else ''}")
    if cpu is not None and res.all:
        text += f"\nserver CPU: {1000 * cpu / len(res.all):.2f} ms per request ({100 * cpu / a.seconds:.0f}% of one core)\n"
    print(text)
    if a.out:
        with open(a.out, "a", encoding="utf-8") as fh:
            fh.write(text + "\n")
    return 1 if res.errors else 0


if __name__ == "__main__":
    sys.exit(main())
