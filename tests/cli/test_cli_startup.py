"""Fast start: --help imports no web, store or NLP module; bad input is reported before the model loads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[2] / "src")
HEAVY = ("fastapi", "starlette", "uvicorn", "sqlalchemy", "alembic", "spacy", "torch", "sentence_transformers",
         "newsfusion.web", "newsfusion.store", "newsfusion.kb", "newsfusion.stages")

PROBE = """
import json, sys
import click
from newsfusion.cli import main

def helps(group, prefix):
    for name, cmd in group.commands.items():
        yield prefix + [name, "--help"]
        if isinstance(cmd, click.Group):
            yield from helps(cmd, prefix + [name])

calls = [["--help"], *helps(main, [])]
for args in calls:
    try:
        main(args, standalone_mode=False)
    except SystemExit:
        pass
print(json.dumps({"calls": len(calls), "modules": sorted(sys.modules)}))
"""


def probe(code: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=300)


def heavy(modules) -> list[str]:
    return [m for m in modules if m.split(".")[0] in HEAVY or m.startswith(tuple(h + "." for h in HEAVY)) or m in HEAVY]


def test_help_of_every_command_imports_no_web_store_or_nlp_module():
    r = probe(PROBE)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out["calls"] > 10  # the root, every command and every subcommand
    assert heavy(out["modules"]) == []


def test_extract_reports_a_missing_or_empty_file_before_loading_nlp(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code = (
        "import sys\nfrom newsfusion.cli import main\n"
        "try:\n    main(['extract', sys.argv[1], sys.argv[2]], standalone_mode=False)\n"
        "except SystemExit as e:\n    print('exit', e.code)\n"
        "print('spacy' in sys.modules)\n"
    )
    r = probe(code, str(tmp_path / "missing.txt"), str(empty))
    assert "[E201]" in r.stderr and "[E203]" in r.stderr and "Traceback" not in r.stderr
    assert r.stdout.split() == ["exit", "1", "False"]


# The bar is 0.3 s of CPU for `newsfusion --help` (issue #18); measured 0.13-0.19 s per command on the
# 2-core development machine under load. The test allows 1.5x the bar, best of two runs, because
# CPU time of a subprocess still varies with cache pressure from other jobs; a regression that imports
# the web, store or NLP stack costs well over a second and fails it anyway.
HELP_CPU_BAR = 0.3
HELP_CPU_MARGIN = 1.5


def help_cpu_seconds(*args: str) -> float:
    """CPU seconds (user + system) of `python -m newsfusion ARGS --help`, best of two runs."""
    import resource

    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    best = float("inf")
    for _ in range(2):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        r = subprocess.run([sys.executable, "-m", "newsfusion", *args, "--help"], capture_output=True, env=env,
                           timeout=120)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        assert r.returncode == 0, r.stderr
        best = min(best, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return best


def test_help_of_the_tool_and_every_command_costs_under_the_cpu_bar():
    from newsfusion.cli import main

    costs = {name: help_cpu_seconds(*([name] if name else [])) for name in ["", *sorted(main.commands)]}
    slow = {name or "--help": round(cost, 3) for name, cost in costs.items() if cost > HELP_CPU_BAR * HELP_CPU_MARGIN}
    assert not slow, f"--help over {HELP_CPU_BAR} s CPU (x{HELP_CPU_MARGIN} margin): {slow}"
