"""The contracts every signal and every structure check keeps, run over all of them (RapidFuzz-style scorer tests).

A new signal added to ``SIGNALS`` or a new check added to ``CHECKS`` is held to these without a line here.
"""

from __future__ import annotations

import pytest

from evaluator.core.context import prepare_answer
from evaluator.core.results import Check
from evaluator.core.signals import SIGNALS, Signal, SignalResult
from evaluator.core.structure import CHECKS
from evaluator.core.text import analyse
from tests.conftest import load_samples

SAMPLE = next(s for s in load_samples() if s.file == "q1_excellent.txt")
TEXTS = {
    "empty": "",
    "blank": "   \n\t ",
    "one word": "roadmap",
    "punctuation": "!?.,;:-- " * 20,
    "repeated": "DTTI DTTI DTTI " * 100,
    "Devanagari": "\u092d\u093e\u0930\u0924 \u0914\u0930 \u0905\u092e\u0947\u0930\u093f\u0915\u093e \u0915\u093e "
                  "\u0930\u0915\u094d\u0937\u093e \u0938\u0939\u092f\u094b\u0917\u0964",
    "sample": SAMPLE.text,
}


@pytest.fixture(scope="module")
def question(rubric):  # noqa: ANN001, ANN201
    return rubric.question("Q1")


def run(signal: Signal, text: str, question) -> list[SignalResult]:  # noqa: ANN001
    settings = question.settings
    answer = prepare_answer(analyse(text), question, settings=settings)
    return [signal(answer, point, settings=settings) if signal.runs_on(answer) else None for point in answer.points]


@pytest.mark.parametrize("signal", SIGNALS, ids=[s.name for s in SIGNALS])
@pytest.mark.parametrize("name", TEXTS)
def test_every_signal_is_bounded_deterministic_and_quotes_the_answer_exactly(signal, name, question):  # noqa: ANN001
    text = TEXTS[name]
    first, again = run(signal, text, question), run(signal, text, question)
    assert first == again
    for result in filter(None, first):
        assert 0.0 <= result.score <= 1.0
        assert isinstance(result.strong, bool)
        for evidence in result.evidence:
            assert text[evidence.start : evidence.end] == evidence.text
            assert 0.0 <= evidence.score <= 1.0


@pytest.mark.parametrize("signal", SIGNALS, ids=[s.name for s in SIGNALS])
@pytest.mark.parametrize("name", ["empty", "blank", "punctuation"])
def test_no_signal_finds_anything_in_an_answer_without_words(signal, name, question):  # noqa: ANN001
    for result in filter(None, run(signal, TEXTS[name], question)):
        assert (result.score, result.evidence, result.strong) == (0.0, (), False)


SUPPORTING = [s for s in SIGNALS if s.family != "contradiction"]
AGAINST = [s for s in SIGNALS if s.family == "contradiction"]


@pytest.mark.parametrize("signal", SUPPORTING, ids=[s.name for s in SUPPORTING])
def test_every_supporting_signal_finds_the_excellent_sample_on_some_point(signal, question):  # noqa: ANN001
    assert max(r.score for r in run(signal, TEXTS["sample"], question)) > 0.5


@pytest.mark.parametrize("signal", AGAINST, ids=[s.name for s in AGAINST])
def test_no_contradiction_is_found_in_the_excellent_sample(signal, question):  # noqa: ANN001
    assert all(r.score == 0.0 and not r.evidence for r in filter(None, run(signal, TEXTS["sample"], question)))


def test_signal_names_are_unique_and_families_known():
    assert len({s.name for s in SIGNALS}) == len(SIGNALS)
    assert {s.family for s in SIGNALS} == {"lexical", "meaning", "contradiction"}


@pytest.mark.parametrize("check", CHECKS, ids=[c.__name__ for c in CHECKS])
@pytest.mark.parametrize("name", TEXTS)
def test_every_structure_check_is_bounded_deterministic_and_named(check, name, question):  # noqa: ANN001
    analysed = analyse(TEXTS[name])
    result = check(analysed, question, settings=question.settings)
    assert isinstance(result, Check)
    assert result == check(analysed, question, settings=question.settings)
    assert 0.0 <= result.score <= 1.0
    assert result.name in question.settings.check_weights
    assert result.passed == (result.score == 1.0)
    assert result.message


@pytest.mark.parametrize("check", CHECKS, ids=[c.__name__ for c in CHECKS])
def test_no_structure_check_passes_an_empty_answer(check, question):  # noqa: ANN001
    assert not check(analyse(""), question, settings=question.settings).passed
