"""``ingest`` streams: inputs are read a batch at a time, never all first (issue #15.5).

A generator of articles records how far it was consumed each time an article is
stored; the reports (added, duplicates, failed) and the knowledge base are those
of the whole input."""

from __future__ import annotations

import json

import pytest

from newsfusion.errors import InputError
from newsfusion.ingest import read_path
from newsfusion.kb import KnowledgeBase, count_inputs
from newsfusion.model import Article
from newsfusion.workers import _in_order
from store_helpers import FakePipeline, article, write_articles

BATCH = 8


@pytest.fixture
def kb(tmp_path):
    k = KnowledgeBase(str(tmp_path / "kb.db"))
    k._pipeline = FakePipeline(batch_size=BATCH)
    yield k
    k.close()


class Counted:
    """An input stream that knows how many items were taken from it."""

    def __init__(self, items):
        self.items, self.taken = items, 0

    def __iter__(self):
        for x in self.items:
            self.taken += 1
            yield x


def spy_store(kb, monkeypatch, stream: Counted) -> list[int]:
    """Record, for every article stored, how many inputs had been taken by then."""
    seen: list[int] = []
    real = kb.store.add_batch

    def add(items, **kw):
        for item, new in real(items, **kw):
            seen.append(stream.taken)
            yield item, new

    monkeypatch.setattr(kb.store, "add_batch", add)
    return seen


def test_articles_are_stored_before_the_input_is_read_to_its_end(kb, monkeypatch):
    n = 120
    stream = Counted(article(i) for i in range(n))
    taken_at = spy_store(kb, monkeypatch, stream)
    r = kb.ingest(stream)
    assert len(r.added) == n and len(taken_at) == n
    assert taken_at[0] <= BATCH + 1  # the first article is stored after one batch is read, not all 120
    # never more than about a batch read ahead of what is stored
    assert max(t - stored for stored, t in enumerate(taken_at, 1)) <= BATCH + 1
    assert kb.status().counts["documents"] == n


def test_duplicates_across_batches_and_in_the_store_are_reported_in_order(kb):
    kb.ingest([article(3)])
    items = [article(i) for i in range(20)] + [article(0), article(15)]
    r = kb.ingest(iter(items))  # a stream, not a list
    assert len(r.added) == 19
    assert [d for _, d in r.duplicates] == [article(i).content_hash for i in (3, 0, 15)]
    assert [label for label, _ in r.duplicates] == ["report_3.txt", "report_0.txt", "report_15.txt"]


def test_reading_errors_keep_their_place_and_others_are_stored(kb, monkeypatch):
    table = {
        "a": [article(1), InputError("E206", "line 2: malformed JSON", "fix it", path="a:2"), article(2)],
        "b": [InputError("E201", "no such file or folder", "check the path", path="b")],
    }

    def read_paths(paths):
        for p in paths:
            yield from table[p]

    monkeypatch.setattr("newsfusion.ingest.read_paths", read_paths)
    r = kb.ingest(["a", "b"])
    assert len(r.added) == 2 and [e.code for e in r.failed] == ["E206", "E201"]


def test_progress_counts_inputs_and_knows_the_total_of_a_folder(kb, tmp_path):
    folder = tmp_path / "many"
    write_articles(folder, 20)
    calls: list[tuple[int, int | None]] = []
    kb.ingest([str(folder)], progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 20) and calls[-1] == (20, 20)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)  # never goes back
    again: list[tuple[int, int | None]] = []
    kb.ingest(iter([article(1), article(2)]), progress=lambda done, total: again.append((done, total)))
    assert again[0] == (0, None) and again[-1] == (2, None)  # a stream: no total


@pytest.mark.parametrize(
    "names, expected",
    [
        (["a.txt", "b.html"], 2),
        (["a.txt", "feed.jsonl"], None),  # a records file holds any number of articles
        (["x.xml"], None),
    ],
)
def test_count_inputs_counts_files_not_contents(tmp_path, names, expected):
    for n in names:
        (tmp_path / n).write_text("Fighters attacked a village, officials said.\n")
    assert count_inputs([str(tmp_path)]) == expected
    assert count_inputs([Article(text="One."), *(str(tmp_path / n) for n in names)]) == (None if expected is None else expected + 1)
    assert count_inputs(["-"]) is None


def test_a_jsonl_over_the_byte_limit_is_read_line_by_line(tmp_path, monkeypatch):
    lines = [json.dumps({"id": f"r{i}", "text": f"Fighters attacked village number {i} on Monday, officials said."}) for i in range(40)]
    lines.insert(5, json.dumps({"id": "big", "text": "word " * 400}))  # one line over the limit
    lines.insert(9, "{not json")
    p = tmp_path / "export.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("NEWSFUSION_MAX_BYTES", "1000")  # the file is ~4 kB: over the limit, each line under it but one
    items = read_path(str(p))
    arts = [x for x in items if isinstance(x, Article)]
    errors = [x for x in items if isinstance(x, InputError)]
    assert [a.name for a in arts] == [f"r{i}" for i in range(40)]
    assert [e.code for e in errors] == ["E204", "E206"] and errors[0].path.endswith("export.jsonl:6")
    monkeypatch.setenv("NEWSFUSION_MAX_BYTES", "1000000")
    whole = [a for a in read_path(str(p)) if isinstance(a, Article)]  # under the limit: read whole, the big line too
    assert [(a.name, a.text) for a in whole if a.name != "big"] == [(a.name, a.text) for a in arts]


def test_a_big_plain_file_is_still_refused(tmp_path, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_text("Fighters attacked a village, officials said. " * 100)
    monkeypatch.setenv("NEWSFUSION_MAX_BYTES", "1000")
    assert [x.code for x in read_path(str(p))] == ["E204"]


def test_workers_take_chunks_only_as_they_free_up():
    stream = Counted([[("l", i)] for i in range(50)])
    taken: list[int] = []
    for out in _in_order(stream, submit=lambda c: c, limit=4, result=lambda c: c):
        taken.append(stream.taken)
    assert len(taken) == 50 and max(t - done for done, t in enumerate(taken, 1)) <= 4
