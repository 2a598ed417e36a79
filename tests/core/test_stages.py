"""Specification of the stage timer: off unless recording, and an evaluation recorded stage by stage."""

from __future__ import annotations

import pytest

from evaluator import evaluate
from evaluator.core.stages import recording, stage, timed
from tests.conftest import ROOT

ANSWERS = ROOT / "tests" / "data" / "upsc_answers"


@timed("outer")
def outer() -> None:
    with stage("inner"):
        pass


def test_nested_stages_are_counted_once_under_their_own_path() -> None:
    with recording() as times:
        outer()
        outer()
    assert set(times.seconds) == {"outer", "outer/inner"}
    assert times.calls == {"outer": 2, "outer/inner": 2}
    assert all(s >= 0 for s in times.seconds.values())
    assert times.top_level() == {"outer": pytest.approx(sum(times.seconds.values()))}


def test_nothing_is_recorded_outside_a_recording() -> None:
    with recording() as times:
        pass
    outer()
    assert times.seconds == {}


@pytest.mark.parametrize(("file", "question", "expected"), [
    # every stage of the pipeline an answer passes through
    ("q1_topper.txt", "Q1", {"analyse", "structure", "prepare", "encode", "encode/model", "signal:keyword",
                             "signal:meaning", "signal:alignment", "signal:contradiction", "feedback"}),
    # an answer written for another question: the other questions are scored inside the wrong-question check
    ("q1_wrong_question.txt", "Q1", {"wrong-question", "wrong-question/prepare", "wrong-question/signal:keyword"}),
])
def test_an_evaluation_is_recorded_by_pipeline_stage(rubric, file: str, question: str,  # noqa: ANN001
                                                     expected: set[str]) -> None:
    text = (ANSWERS / file).read_text(encoding="utf-8") + "\n\nA sentence of its own, for this test only."
    with recording() as times:
        result = evaluate(text, rubric.question(question), rubric=rubric)
    assert result.ok
    assert expected <= set(times.seconds)
