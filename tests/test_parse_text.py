"""spaCy reads long runs of marks broken by spaces, at the same offsets (stages/nlp.parse_text)."""

import time

import pytest

from newsfusion.stages.nlp import parse_text


@pytest.mark.parametrize("text,same", [
    ("Rebels said \"we hold the town\" -- and left...", True),
    ("A line of " + "=" * 63 + " marks", True),
    ("A line of " + "=" * 64 + " marks", False),
    ("Hamas" + '"' * 1000 + "said", False),
    ("x" * 5000, True),  # letters and digits are not marks
])
def test_parse_text_keeps_length_and_breaks_only_long_mark_runs(text, same):
    out = parse_text(text)
    assert len(out) == len(text)
    assert (out == text) is same
    assert all(a == b or (b == " " and not a.isalnum() and not a.isspace()) for a, b in zip(text, out))
    if not same:
        assert max(len(run) for run in out.split()) <= 64


def test_a_run_of_quote_marks_is_parsed_in_time_linear_in_its_length():
    """Each quote mark is a token, so the run costs what that many tokens cost; unbroken, the
    tokenizer's cost grew with the square of the run (16x for a run 4x longer)."""
    from newsfusion.stages.nlp import load_nlp

    nlp = load_nlp()
    nlp("Warm up.")

    def cost(n: int) -> float:
        text = "Officials said Hamas" + '"' * n + " attacked."
        t0 = time.process_time()
        nlp(parse_text(text))
        return time.process_time() - t0

    short, long = cost(5_000), cost(20_000)
    assert long <= 7 * short + 0.3, f"{long:.2f} s for 20k against {short:.2f} s for 5k"
