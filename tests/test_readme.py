"""The README and the docs stay true: the README's two commands come first, every command and doc it names
exists, and every shell and Python example in README.md and docs/*.md runs against the demo corpus."""

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsfusion.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands():
    first_block = README.split("```")[1]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()[1:] if line.strip()]
    assert commands == ["make demo", "make test"]


def test_every_command_is_in_the_readme_reference():
    for name in main.commands:
        assert f"newsfusion {name}" in README or f"/ `{name}" in README or f"`{name} " in README, name


def test_every_doc_the_readme_names_exists():
    for path in set(re.findall(r"docs/[\w-]+\.md", README)):
        assert (ROOT / path).exists(), path


def test_results_block_is_marked():
    assert "<!-- results:start -->" in README and "<!-- results:end -->" in README


# ----------------------------------------------- every example in README.md and docs/*.md runs
#
# Each ```sh / ```bash / ```python block of README.md and docs/*.md runs against a fresh copy of the
# demo knowledge base (examples/articles), in a scratch folder holding newsfusion.db, examples/, src/,
# .venv/bin/newsfusion and a few invented inputs the examples name. Shell lines run in bash; `curl`
# lines run through the web app (FastAPI TestClient) and every "key": value the doc shows under them
# must be in the answer, so ids, counts and coordinates that drift fail here. A line is skipped only
# for one of the reasons in SKIP (servers, PostgreSQL, network, long benchmarks, make targets).

SRC = ROOT / "src"
DOC_FILES = [ROOT / "README.md", *sorted(p for p in (ROOT / "docs").glob("*.md") if p.name != "results.md")]
TOKEN = "doc-example-token"

# (what a skipped line contains, why it cannot run in the test suite)
SKIP = [
    ("make ", "a make target: the set-up itself (CI runs `make test`)"),
    (" serve", "starts a server that runs until stopped (the API it serves is tested through the curl examples)"),
    ("datasette newsfusion.db", "starts a server (tests/export checks the metadata it reads)"),
    ("postgresql://", "needs a PostgreSQL server"),
    (".ci/run", "the CI script: installs PostgreSQL and Chromium from Debian's packages"),
    ("npm ", "network: npm downloads the front-end packages"),
    ("cd src/newsfusion/web/frontend", "the front-end build (network: npm)"),
    ("bench/web_load.py", "a long benchmark (50 clients for 10 s)"),
    ("pytest ", "runs the test suite itself"),
    ("pip install", "installs packages (CI installs every extra through `make test`)"),
    ("revision --autogenerate", "writes a new migration into the source tree"),
]
# Python blocks that are fragments of a larger program, by their first line.
FRAGMENTS = {
    "from newsfusion.claims import ClaimBuilder, attribution_from_spans, extract_claims":
        "a fragment: needs a parsed doc and a learned model's spans from the surrounding text",
}
# Invented inputs the examples name.
INPUTS = {
    "reports/okapi_report.txt": "Militiamen attacked the village of Mbau on Monday, killing four farmers, "
                                "the local administrator said.\n",
    "article.txt": "Soldiers repelled an attack on the town of Beni on Tuesday, an army spokesman said.\n",
    "more.jsonl": json.dumps({"text": "Two rockets struck the airport road on Friday, police said.",
                              "published": "2025-10-17", "name": "airport_rockets"}) + "\n",
}


def doc_blocks() -> list[tuple[str, int, str, str]]:
    """(file, line, language, text) of every shell and Python block."""
    out = []
    for path in DOC_FILES:
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"^```(sh|bash|shell|python)\n(.*?)^```", text, re.M | re.S):
            out.append((str(path.relative_to(ROOT)), text[: m.start()].count("\n") + 1, m.group(1), m.group(2)))
    return out


def shell_commands(block: str) -> list[tuple[str, list[str]]]:
    """(command, the output lines the doc shows under it) for each command of a shell block."""
    out: list[tuple[str, list[str]]] = []
    lines = block.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip() or line.lstrip().startswith("#"):
            i += 1
            continue
        if out and (line.startswith((" ", "{", "[", '"')) and not out[-1][0].endswith("\\")):
            out[-1][1].append(line)  # the output shown under the previous command
            i += 1
            continue
        cmd = line
        while cmd.rstrip().endswith("\\") and i + 1 < len(lines):
            i += 1
            cmd = cmd.rstrip()[:-1] + " " + lines[i].strip()
        out.append((cmd, []))
        i += 1
    return out


def skip_reason(cmd: str) -> str | None:
    return next((why for what, why in SKIP if what in cmd), None)


def test_the_shell_parser_keeps_commands_and_shown_output_apart():
    block = ("# a comment\nnewsfusion status   # what is in it\ncurl -s -X POST \\\n     -d '{\"a\": 1}' x/api\n"
             "{\"ok\": true,\n  \"n\": 2}\nmake demo\n")
    assert shell_commands(block) == [
        ("newsfusion status   # what is in it", []),
        ("curl -s -X POST  -d '{\"a\": 1}' x/api", ['{"ok": true,', '  "n": 2}']),
        ("make demo", []),
    ]
    assert skip_reason("make demo") and skip_reason("newsfusion serve --port 8080") and not skip_reason("newsfusion status")


def shown_pairs(shown: str) -> list[tuple[str, object]]:
    """The scalar "key": value pairs a doc shows as an answer ("..." elisions are left out)."""
    pairs = []
    for key, raw in re.findall(r'"(\w+)": ("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|true|false|null)', shown):
        value = json.loads(raw)
        if value != "...":
            pairs.append((key, value))
    return pairs


def answer_pairs(data) -> list[tuple[str, object]]:
    out = []
    if isinstance(data, dict):
        for k, v in data.items():
            out.extend([(k, v)] if not isinstance(v, (dict, list)) else answer_pairs(v))
    elif isinstance(data, list):
        for v in data:
            out.extend(answer_pairs(v))
    return out


def same(shown, actual) -> bool:
    if isinstance(shown, float) and isinstance(actual, (int, float)):
        decimals = len(repr(shown).split(".")[1])
        return round(actual, decimals) == shown
    return shown == actual


def test_shown_answers_compare_key_by_key():
    shown = '{"items": [{"id": "e1", "lat": -0.53, "n": 2, "x": "..."}], "total": 1, ...}'
    answer = answer_pairs({"items": [{"id": "e1", "lat": -0.5297, "n": 2, "x": [1]}], "total": 1, "more": 3})
    assert all(any(k == a and same(v, b) for a, b in answer) for k, v in shown_pairs(shown))
    assert not any(k == "n" and same(3, b) for k, b in answer)


@pytest.fixture
def scratch(demo_db, tmp_path, monkeypatch):
    """A folder laid out like a checkout after `make demo`."""
    shutil.copy(demo_db, tmp_path / "newsfusion.db")
    for name in ("examples", "src"):
        (tmp_path / name).symlink_to(ROOT / name)
    for name, text in INPUTS.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    wrapper = f'#!/bin/sh\nexec "{sys.executable}" -m newsfusion "$@"\n'
    for folder in (tmp_path / "bin", tmp_path / ".venv" / "bin"):
        folder.mkdir(parents=True)
        (folder / "newsfusion").write_text(wrapper)
        (folder / "newsfusion").chmod(0o755)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSFUSION_DB", raising=False)
    return tmp_path


def run_curl(cmd: str, shown: list[str], db) -> None:
    from fastapi.testclient import TestClient

    from newsfusion.web.app import create_app

    args = shlex.split(cmd.replace("$TOKEN", TOKEN))[1:]
    method, headers, body, url = "GET", {}, None, None
    while args:
        a = args.pop(0)
        if a == "-X":
            method = args.pop(0)
        elif a == "-H":
            k, _, v = args.pop(0).partition(":")
            headers[k.strip()] = v.strip()
        elif a == "-d":
            body = args.pop(0)
        elif not a.startswith("-"):
            url = a
    assert url is not None, cmd
    path = "/" + url.split("/", 1)[1]
    with TestClient(create_app(db.name, token=TOKEN if "Authorization" in headers else None)) as client:
        r = client.request(method, path, headers=headers, content=body)
    assert 200 <= r.status_code < 300, f"{cmd}: HTTP {r.status_code} {r.text[:300]}"
    answer = answer_pairs(r.json())
    missing = [(k, v) for k, v in shown_pairs("\n".join(shown)) if not any(k == a and same(v, b) for a, b in answer)]
    assert not missing, f"{cmd}: the doc shows {missing}, the demo answers {r.text[:600]}"


BLOCKS = doc_blocks()


@pytest.mark.slow
@pytest.mark.parametrize("where,line,lang,block", BLOCKS, ids=[f"{f}:{n}" for f, n, _, _ in BLOCKS])
def test_doc_example_runs(where, line, lang, block, scratch, monkeypatch):
    if lang == "python":
        first = block.splitlines()[0]
        if first in FRAGMENTS:
            pytest.skip(FRAGMENTS[first])
        monkeypatch.setattr(sys, "stdin", __import__("io").StringIO("Gunmen burned a market in the town on Sunday.\n"))
        exec(compile(block, f"{where}:{line}", "exec"), {"__name__": "__doc_example__"})
        return
    env = {**os.environ, "PATH": f"{scratch / 'bin'}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}", "TOKEN": TOKEN}
    ran = 0
    for cmd, shown in shell_commands(block):
        if skip_reason(cmd):
            continue
        ran += 1
        if cmd.startswith("curl "):
            run_curl(cmd, shown, scratch / "newsfusion.db")
            continue
        cmd = cmd.replace(" /tmp/", f" {scratch}/").replace("=/tmp/", f"={scratch}/")  # scratch files stay in the scratch folder
        r = subprocess.run(["bash", "-c", cmd], cwd=scratch, env=env, capture_output=True, text=True, timeout=300,
                           stdin=subprocess.DEVNULL)
        assert r.returncode == 0 and "Traceback" not in r.stderr, f"{where}:{line}: {cmd}\n{r.stderr[-1500:]}"
    if not ran:
        pytest.skip("; ".join(sorted({skip_reason(c) for c, _ in shell_commands(block)})))
