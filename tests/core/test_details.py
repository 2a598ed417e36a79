"""Specification of the detail check: years, figures, ordinals and article numbers against the source."""

from __future__ import annotations

import pytest

from evaluator import evaluate
from evaluator.core.context import prepare_answer
from evaluator.core.details import details_of
from evaluator.core.text import analyse
from evaluator.authoring.short_answer import SHORT_ANSWER_SETTINGS


@pytest.mark.parametrize(
    ("text", "details"),
    [
        ("The 73rd Amendment of 1992 devolved 29 subjects.", [("ordinal", "73"), ("year", "1992"), ("number", "29")]),
        ("Article 124(2) and Art. 217; the Union has one-third of the votes.",
         [("article", "124"), ("article", "217"), ("number", "1/3")]),
        ("Ministries were capped at 15% of the House (Art. 75(1A), 164(1A)).",
         [("number", "15%"), ("article", "75"), ("article", "164")]),
        ("Part IX added the Eleventh Schedule; India became the fourth country to land.",
         [("article", "part ix"), ("ordinal", "11"), ("ordinal", "4")]),
        ("Two countries signed 3 pacts.", []),  # single digits and number words are not checked
    ],
)
def test_the_details_of_a_sentence(text: str, details: list[tuple[str, str]]) -> None:
    assert [(d.kind, d.value) for d in details_of(text)] == details


def conflicts(rubric, question_id: str, text: str) -> list[tuple[str, str]]:  # noqa: ANN001
    question = rubric.question(question_id)
    answer = prepare_answer(analyse(text), question, settings=question.settings)
    return [(d.kind, ",".join(d.wrote)) for d in answer.detail_conflicts]


@pytest.mark.parametrize(
    ("question_id", "text", "wrong"),
    [
        # a sentence restating the source with another year or figure
        ("Q2", "iCET was launched by Prime Minister Modi and President Biden in May 2015 to build a technology "
               "partnership.", [("year", "2015")]),
        ("Q4", "DTTI, started in 2019, aims to move the relationship beyond buying and selling to co-development.",
         [("year", "2019")]),
        # the source's own details, or outside knowledge the source does not contradict, are not wrong
        ("Q2", "iCET was launched by Prime Minister Modi and President Biden in May 2022 to build a technology "
               "partnership.", []),
        ("Q4", "DTTI, started in 2012, aims to move the relationship beyond buying and selling to co-development.", []),
        ("Q3", "Chinese research vessels operate in the Indian Ocean, as when Yuan Wang 5 docked at Hambantota in "
               "2022; China also has a base in Djibouti.", []),
        ("Q1", "Defence ties have grown steadily since the end of the Cold War in 1991.", []),
    ],
)
def test_a_detail_the_source_gives_otherwise_is_wrong(rubric, question_id, text, wrong) -> None:  # noqa: ANN001
    assert conflicts(rubric, question_id, text) == wrong


def test_a_wrong_detail_is_quoted_with_the_source_in_the_feedback(rubric) -> None:  # noqa: ANN001
    text = ("iCET was launched by Prime Minister Modi and President Biden in May 2015 to build a strategic technology "
            "partnership linking governments, businesses and universities of both countries.")
    result = evaluate(text, rubric.question("Q2"))
    assert [d.wrote for d in result.wrong_details] == ["2015"]
    lines = [f.message for f in result.feedback if f.kind == "warning" and f.message.startswith("Check this year")]
    assert lines and "you wrote 2015" in lines[0] and "2022" in lines[0]


def test_the_check_is_off_for_short_answer_settings(rubric) -> None:  # noqa: ANN001
    question = rubric.question("Q2").model_copy(update={"scoring": SHORT_ANSWER_SETTINGS})
    text = "iCET was launched by Prime Minister Modi and President Biden in May 2015 to build a technology partnership."
    answer = prepare_answer(analyse(text), question, settings=SHORT_ANSWER_SETTINGS)
    assert answer.detail_conflicts == ()
