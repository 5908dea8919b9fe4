"""``ingest --engine ray`` stores what one process stores (a local Ray), and E105 without ray."""

from __future__ import annotations

import builtins
import importlib.util
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsfusion.cli import main
from newsfusion.errors import ConfigError
from newsfusion.kb import KnowledgeBase
from store_helpers import stored_records

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
HAS_RAY = importlib.util.find_spec("ray") is not None



@pytest.fixture(scope="module")
def local_ray():
    if not HAS_RAY:
        pytest.skip("ray is not installed (pip install 'newsfusion[ray]'): --engine ray not tested")
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_ray_engine_gives_the_single_process_knowledge_base(tmp_path, local_ray):
    src = tmp_path / "in"
    src.mkdir()
    for p in sorted(EXAMPLES.glob("*"))[:4]:
        shutil.copy(p, src / p.name)
    one, ray_db = tmp_path / "one.db", tmp_path / "ray.db"
    r1 = CliRunner().invoke(main, ["ingest", "--db", str(one), str(src)])
    r2 = CliRunner().invoke(main, ["ingest", "--db", str(ray_db), "--engine", "ray", "--workers", "2", str(src)])
    assert r1.exit_code == 0, r1.output
    assert r2.exit_code == 0, r2.output
    assert stored_records(one) == stored_records(ray_db) and len(stored_records(one)) >= 3
    with KnowledgeBase(str(one)) as a, KnowledgeBase(str(ray_db)) as b:
        assert a.store.kb_snapshot() == b.store.kb_snapshot()
        # a second ray ingest of the same files stores nothing new
        again = b.ingest([str(src)], engine="ray", workers=2)
        assert not again.added and len(again.duplicates) == len(stored_records(one))


@pytest.fixture
def no_ray(monkeypatch):
    real = builtins.__import__

    def fake(name, *args, **kwargs):
        if name == "ray" or name.startswith("ray."):
            raise ImportError("No module named 'ray'")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake)


def test_ray_engine_without_ray_is_e105_naming_the_extra(tmp_path, no_ray):
    with KnowledgeBase(str(tmp_path / "kb.db")) as kb, pytest.raises(ConfigError) as e:
        kb.ingest([str(EXAMPLES)], engine="ray")
    assert e.value.code == "E105" and "newsfusion[ray]" in e.value.fix
    with KnowledgeBase(str(tmp_path / "kb.db")) as kb:
        assert not stored_records(str(tmp_path / "kb.db"))  # nothing was read or stored


def test_ray_engine_without_ray_exits_2_on_the_cli(tmp_path, no_ray):
    r = CliRunner().invoke(main, ["ingest", "--db", str(tmp_path / "kb.db"), "--engine", "ray", str(EXAMPLES)])
    assert r.exit_code == 2 and "E105" in r.output and "newsfusion[ray]" in r.output


def test_unknown_engine_is_refused(tmp_path):
    with KnowledgeBase(str(tmp_path / "kb.db")) as kb, pytest.raises(Exception) as e:
        kb.ingest([str(EXAMPLES)], engine="spark")
    assert getattr(e.value, "code", "") == "E307"
