"""Specification of feedback: what a student reads after an evaluation, in what order, quoting what."""

from __future__ import annotations

import pytest

from evaluator import evaluate
from tests.conftest import load_samples

BY_FILE = {s.file: s for s in load_samples()}


@pytest.fixture(scope="module")
def average(rubric):  # noqa: ANN001, ANN201
    return evaluate(BY_FILE["q1_average.txt"].text, rubric.question("Q1"))


def test_the_summary_comes_first_and_counts_the_points(average) -> None:  # noqa: ANN001
    summary = average.feedback[0]
    counts = {s: sum(p.status == s for p in average.points) for s in ("covered", "partial", "missing")}
    assert summary.kind == "summary"
    assert summary.message == (f"{average.marks:g}/{average.max_marks:g}: {counts['covered']} of {len(average.points)} "
                               f"key points covered, {counts['partial']} partly, {counts['missing']} missing.")


def test_every_point_gets_exactly_one_line_of_its_status(average) -> None:  # noqa: ANN001
    lines = {f.point_id: f.kind for f in average.feedback if f.point_id}
    assert lines == {p.id: p.status for p in average.points}


def test_missing_points_come_most_important_first_with_their_hint(average, rubric) -> None:  # noqa: ANN001
    missing = [f for f in average.feedback if f.kind == "missing"]
    weights = [next(p.weight for p in average.points if p.id == f.point_id) for f in missing]
    assert weights == sorted(weights, reverse=True)
    hints = {p.id: p.hint for p in rubric.question("Q1").key_points}
    assert all(hints[f.point_id] in f.message for f in missing)


def test_covered_points_quote_the_answer_and_long_quotes_end_on_a_word(average) -> None:  # noqa: ANN001
    text = " ".join(BY_FILE["q1_average.txt"].text.split())
    for item in (f for f in average.feedback if f.kind == "covered"):
        quote = item.message.split('You wrote: "', 1)[1].rsplit('"', 1)[0]
        assert len(quote) <= 110
        assert quote.rstrip("…") in text
        if quote.endswith("…"):
            assert text[text.index(quote[:-1]) + len(quote) - 1] == " "  # cut at a space, not inside a word


def test_failed_structure_checks_become_advice_and_passed_ones_do_not(average) -> None:  # noqa: ANN001
    advice = [f.message for f in average.feedback if f.kind == "structure"]
    assert advice == [c.message for c in average.structure.checks if not c.passed]


@pytest.mark.parametrize(("file", "warning"), [
    ("q1_keywords.txt", "reads as a list of keywords"),
    ("q1_offtopic.txt", "Most of this answer is off the question"),
])
def test_red_flags_are_warned_about_right_after_the_summary(rubric, file: str, warning: str) -> None:  # noqa: ANN001
    result = evaluate(BY_FILE[file].text, rubric.question("Q1"))
    assert result.feedback[1].kind == "warning" and warning in result.feedback[1].message


@pytest.mark.parametrize(("threshold", "warned"), [(0.5, True), (0.0, False)])
def test_the_off_topic_warning_follows_its_setting(rubric, threshold: float, warned: bool) -> None:  # noqa: ANN001
    question = rubric.question("Q1")
    settings = question.settings.model_copy(update={"off_topic_warning": threshold})
    result = evaluate(BY_FILE["q1_offtopic.txt"].text, question, settings=settings)
    assert result.relevance == 0
    assert any("off the question" in f.message for f in result.feedback) is warned


THIN_ON_TOPIC = "1. It needs a common market.\n2. Problem for states.\n3. Union is strong.\n4. Some states unhappy."


def test_regression_a_thin_but_on_topic_list_is_told_what_is_missing_not_that_it_is_off_the_question() -> None:
    from evaluator import evaluate, load_rubric
    from tests.conftest import ROOT

    rubric = load_rubric(ROOT / "rubrics" / "gst-council-federalism.yaml")
    result = evaluate(THIN_ON_TOPIC, rubric.question("Q1"), rubric=rubric)
    warnings = [f.message for f in result.feedback if f.kind == "warning"]
    assert not any("off the question" in w for w in warnings)
    assert result.marks > 0 and any(f.kind in ("partial", "missing") for f in result.feedback)


# Thin is not off-topic (issue 24, item 8): short numbered lists of vague points, each judged before scoring.
# On the question's subject they earn a little and are told what is missing; on another subject they are told
# they are off the question and earn nothing, however thin.
THIN = [
    ("groundwater-depletion", "Q1", "1. Farmers pump too much water.\n2. Electricity is free.\n3. Water level is "
                                    "falling.\n4. Government schemes are not enough."),
    ("chandrayaan-3", "Q1", "1. It landed near the south pole.\n2. It was a cheap mission.\n3. The rover did "
                            "experiments.\n4. India's prestige went up."),
    ("anti-defection-law", "Q1", "1. MLAs still switch parties.\n2. Speaker delays decisions.\n3. Legislators must "
                                 "follow whip.\n4. Debate is weak."),
    ("upi-digital-payments", "Q1", "1. Many poor people now pay by phone.\n2. No fee for users.\n3. Banks lose "
                                   "money.\n4. Fraud is a worry."),
]
THIN_OFF_TOPIC = [
    ("gst-council-federalism", "Q1", "1. Cricket is popular.\n2. Players train hard.\n3. Stadiums are full.\n4. Fans "
                                     "are happy."),
    ("gst-council-federalism", "Q1", "1. Farmers pump too much water.\n2. Electricity is free.\n3. Water level is "
                                     "falling.\n4. Recharge wells are needed."),
    ("gst-council-federalism", "Q1", "1. Demonetisation removed old notes.\n2. Cash became scarce.\n3. Small traders "
                                     "suffered.\n4. Digital payments grew."),
    ("chandrayaan-3", "Q1", "1. Many poor people now pay by phone.\n2. No fee for users.\n3. Banks lose money.\n4. "
                            "Fraud is a worry."),
    ("anti-defection-law", "Q1", "1. Rivers are polluted.\n2. Factories dump waste.\n3. Fish die.\n4. Clean-up is "
                                 "needed."),
]


def _evaluate_bundled(rubric_id: str, question_id: str, text: str):  # noqa: ANN202
    from evaluator import load_rubric
    from tests.conftest import ROOT

    rubric = load_rubric(ROOT / "rubrics" / f"{rubric_id}.yaml")
    return evaluate(text, rubric.question(question_id), rubric=rubric)


@pytest.mark.parametrize(("rubric_id", "question_id", "text"), THIN)
def test_a_thin_list_on_the_subject_earns_a_little_and_is_told_what_is_missing(rubric_id: str, question_id: str,
                                                                               text: str) -> None:
    result = _evaluate_bundled(rubric_id, question_id, text)
    warnings = [f.message for f in result.feedback if f.kind == "warning"]
    assert not any("off the question" in w or "fits question" in w for w in warnings)
    assert 0 < result.marks <= 0.3 * result.max_marks
    assert any(f.kind == "missing" for f in result.feedback)
    assert any("develop your points" in f.message for f in result.feedback if f.kind == "structure")


@pytest.mark.parametrize(("rubric_id", "question_id", "text"), THIN_OFF_TOPIC)
def test_a_thin_list_on_another_subject_is_still_off_the_question(rubric_id: str, question_id: str,
                                                                   text: str) -> None:
    result = _evaluate_bundled(rubric_id, question_id, text)
    assert result.marks == 0
    assert any("off the question" in f.message for f in result.feedback if f.kind == "warning")
