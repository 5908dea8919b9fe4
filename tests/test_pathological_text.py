"""No pattern is super-linear on hostile text: long runs of spaces, digits or commas
after an entity name cost about what the same length of ordinary text costs.

Times are compared as ratios against ordinary text of the same size (never in
absolute seconds), with generous bounds: before the fixes an entity name followed
by 100k spaces took minutes (the alias and dateline patterns backtracked over
every split of the run), ordinary text a few seconds.
"""

from __future__ import annotations

import re
import time

import pytest

from newsfusion.model import Article
from newsfusion.pipeline import Pipeline

SIZE = 100_000
ORDINARY = "Gunmen attacked a market in the town of Ostrava on Monday, killing four people, a local official said. "
RUNS = {"spaces": " ", "newlines and spaces": " \n ", "digits": "9", "digits and commas": "9,"}


def cpu(fn) -> float:
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


@pytest.fixture(scope="module")
def entity_pipeline():
    pipe = Pipeline(["nlp", "entities"])
    pipe(Article(text=ORDINARY))  # load the model outside the timings
    return pipe


@pytest.fixture(scope="module")
def ordinary_cost(entity_pipeline):
    text = (ORDINARY * (SIZE // len(ORDINARY) + 1))[:SIZE]
    return cpu(lambda: entity_pipeline(Article(text=text)))


@pytest.mark.parametrize("run", RUNS)
def test_entity_name_followed_by_a_long_run(entity_pipeline, ordinary_cost, run):
    unit = RUNS[run]
    text = "Officials said Hamas" + unit * (SIZE // len(unit)) + " attacked the town."
    cost = cpu(lambda: entity_pipeline(Article(text=text)))
    assert cost <= 3 * ordinary_cost + 0.5, f"{run}: {cost:.2f} s against {ordinary_cost:.2f} s for ordinary text"


def test_whose_pattern_is_linear_on_a_run_of_spaces():
    from newsfusion.relations.roles import _WHOSE

    hostile = "Officials said Hamas" + " " * SIZE + ", whose leader spoke."
    ordinary = (ORDINARY * (SIZE // len(ORDINARY) + 1))[:SIZE]
    scan = re.compile(r"\s+")  # a linear scan of the same text, as the yardstick
    cost = cpu(lambda: list(_WHOSE.finditer(hostile)))
    base = cpu(lambda: (list(scan.finditer(ordinary)), list(_WHOSE.finditer(ordinary))))
    assert cost <= 10 * base + 0.2, f"{cost:.3f} s against {base:.3f} s"
    assert [m.group(1) for m in _WHOSE.finditer(hostile)] == ["leader"]


@pytest.mark.parametrize("text,alias", [
    ("Hezbollah, also known as the Party, said", "the Party"),
    ("the Rapid Support Forces - better known as RSF - said", "RSF"),
    ("Hamas" + " " * 50_000 + "said", None),
])
def test_known_as_pattern_still_reads_aliases(text, alias):
    from newsfusion.entities.aliases import _KNOWN_AS

    end = text.index(",") if "," in text else text.index(" ")
    if text.startswith("the Rapid"):
        end = text.index(" -")
    m = _KNOWN_AS.match(text, end)
    assert (m and (m.group("q") or m.group("w"))) == alias


@pytest.mark.parametrize("text,dateline", [
    ("KHARTOUM, Oct 30: Fighters attacked the city.", "KHARTOUM, Oct 30: "),
    ("Goma (Reuters) - Rebels said on Monday.", "Goma (Reuters) - "),
    ("KYIV -- Drones struck the capital.", "KYIV -- "),
])
def test_dateline_pattern_still_reads_datelines(text, dateline):
    from newsfusion.entities.places import _DATELINE

    m = _DATELINE.match(text)
    assert m is not None and m.group(0) == dateline
