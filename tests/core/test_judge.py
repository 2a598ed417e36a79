"""The consistency judge: its contract (labels, probabilities, order, empty and huge input) and clear cases.

The behaviour pairs are written for these tests in our own words, about topics of held-out articles (the judge
never trained on them): a wrong amendment, year, case or verdict must be called contradicted; correct statements
that say the same thing with negation, a percentage, a fraction or another verdict word must not be.
"""

from __future__ import annotations

import math

import pytest

from evaluator.core.judge import LABELS, ConsistencyJudge, Verdict, load_judge


@pytest.fixture(scope="session")
def judge() -> ConsistencyJudge:
    judge = load_judge()
    assert judge is not None, "the committed model evaluator/models/judge/model.onnx did not load"
    return judge


PAIRS = [
    ("The Supreme Court struck down the commission in 2015.", "The court upheld the commission."),
    ("Panchayats received constitutional status through the 73rd Amendment.", "Village councils are constitutional."),
    ("Groundwater supplies most of the irrigation in the north-west.", "Naxal violence has declined since 2010."),
]


def test_every_verdict_is_a_label_with_probabilities_that_sum_to_one(judge: ConsistencyJudge) -> None:
    for v in judge.judge(PAIRS):
        assert v.label in LABELS
        probs = (v.entailed, v.contradicted, v.unrelated)
        assert all(0.0 <= p <= 1.0 for p in probs)
        assert math.isclose(sum(probs), 1.0, abs_tol=1e-4)
        assert v.label == LABELS[probs.index(max(probs))]
        assert v.margin == pytest.approx(v.contradicted - max(v.entailed, v.unrelated))


def test_no_pairs_no_verdicts(judge: ConsistencyJudge) -> None:
    assert judge.judge([]) == []


def test_same_pairs_same_verdicts_in_the_order_given(judge: ConsistencyJudge) -> None:
    first = judge.judge(PAIRS)
    assert judge.judge(PAIRS) == first
    reversed_ = judge.judge(PAIRS[::-1])[::-1]
    assert [v.label for v in reversed_] == [v.label for v in first]


@pytest.mark.parametrize("premise, hypothesis", [
    (" ".join(["The panchayat levies local taxes and maintains village roads."] * 400), "Panchayats levy taxes."),
    ("Panchayats levy taxes.", "word " * 3000),
    ("", ""),
])
def test_very_long_or_empty_text_is_truncated_without_error(judge: ConsistencyJudge, premise: str,
                                                             hypothesis: str) -> None:
    (v,) = judge.judge([(premise, hypothesis)])
    assert isinstance(v, Verdict) and v.label in LABELS


def test_the_judge_is_loaded_once() -> None:
    assert load_judge() is load_judge()


# what the committed model still gets wrong (see its model card): kept as specifications a better model must meet
KNOWN_MISS = pytest.mark.xfail(reason="the committed judge model misses this clear case (model card)", strict=False)

# clear held-out cases (our own words): a changed fact is a contradiction
CONTRADICTIONS = [
    ("Local self-government in villages got constitutional status through the 73rd Amendment in 1992.",
     "Village panchayats got constitutional status through the 74th Amendment in 1992."),
    ("The Supreme Court struck down the National Judicial Appointments Commission in 2015.",
     "The Supreme Court upheld the National Judicial Appointments Commission in 2015."),
    pytest.param("The collegium for the Supreme Court is the Chief Justice and the four senior-most judges.",
                 "The collegium for the Supreme Court is the Chief Justice and the two senior-most judges.",
                 marks=KNOWN_MISS),
    ("India has sought a permanent seat in the Security Council since the 1990s as part of the G4.",
     "India has sought a permanent seat in the Security Council since the 1990s as part of the G20."),
]
# correct statements in other words: never a contradiction
CONSISTENT = [
    pytest.param("The Council's recommendations are not binding on the states.",
                 "The Council's recommendations are only advisory for the states.", marks=KNOWN_MISS),
    pytest.param("The Supreme Court struck down the National Judicial Appointments Commission in 2015.",
                 "In 2015 the National Judicial Appointments Commission was invalidated by the Supreme Court.",
                 marks=KNOWN_MISS),
    ("Decisions need a majority of three-fourths of the weighted votes.",
     "Decisions need 75% of the weighted votes."),
    ("One-third of the seats in panchayats are reserved for women.",
     "One-third of panchayat seats are kept for women."),
]


@pytest.mark.parametrize("premise, hypothesis", CONTRADICTIONS)
def test_a_changed_fact_is_contradicted(judge: ConsistencyJudge, premise: str, hypothesis: str) -> None:
    (v,) = judge.judge([(premise, hypothesis)])
    assert v.label == "contradicted", v


@pytest.mark.parametrize("premise, hypothesis", CONSISTENT)
def test_a_correct_rewording_is_not_contradicted(judge: ConsistencyJudge, premise: str, hypothesis: str) -> None:
    (v,) = judge.judge([(premise, hypothesis)])
    assert v.label != "contradicted", v


def test_another_topic_is_unrelated(judge: ConsistencyJudge) -> None:
    (v,) = judge.judge([("Groundwater supplies most of the irrigation in the north-west.",
                         "The collegium recommends names for appointment as judges.")])
    assert v.label == "unrelated", v
