"""Finding a question in the bank: filters, search, and a question of the day that is the same for everyone."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from evaluator.rubrics.bank import NO_PAPER, Bank, load_bank
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(ROOT / "rubrics")


def test_every_question_of_every_rubric_is_in_the_bank(bank: Bank) -> None:
    assert len(bank.questions) >= 40 and not bank.problems
    assert bank.get("unsc-reform-india.yaml#Q4").text.startswith("The veto power")
    assert [q.key for q in bank.questions] == sorted(q.key for q in bank.questions)  # a stable order


def test_papers_come_in_syllabus_order(bank: Bank) -> None:
    assert bank.gs_papers == ["GS II", "GS III"]


def test_a_rubric_without_a_paper_is_listed_apart(tmp_path: Path) -> None:
    text = (ROOT / "rubrics" / "india_us_defence.yaml").read_text(encoding="utf-8")
    (tmp_path / "no_paper.yaml").write_text(text.replace("gs_paper: GS II\n", ""), encoding="utf-8")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "india-us-defence.txt").write_text(
        (ROOT / "rubrics" / "articles" / "india-us-defence.txt").read_text(encoding="utf-8"), encoding="utf-8")
    assert load_bank(tmp_path).gs_papers == [NO_PAPER]


@pytest.mark.parametrize(("filters", "expected"), [
    ({"gs_papers": ["GS II"], "search": "veto"}, {"gst-council-federalism.yaml#Q2", "unsc-reform-india.yaml#Q4"}),
    ({"topics": ["judiciary"]}, {f"collegium-judicial-appointments.yaml#Q{n}" for n in range(1, 5)}),
    ({"search": "SAMADHAN doctrine"}, {"left-wing-extremism.yaml#Q4"}),
    ({"search": "  samadhan   DOCTRINE "}, {"left-wing-extremism.yaml#Q4"}),  # case and spacing do not matter
    ({"gs_papers": ["GS III"], "topics": ["polity"]}, set()),
])
def test_filters_and_search_narrow_the_bank(bank: Bank, filters: dict, expected: set[str]) -> None:
    assert {q.key for q in bank.find(**filters)} == expected


def test_no_filter_finds_everything(bank: Bank) -> None:
    assert bank.find() == list(bank.questions)


def test_the_question_of_the_day_is_the_same_for_everyone_and_changes_every_day(bank: Bank) -> None:
    day = date(2026, 12, 1)
    assert load_bank(ROOT / "rubrics").question_of_the_day(day) == bank.question_of_the_day(day)
    days = [bank.question_of_the_day(day + timedelta(days=n)) for n in range(len(bank.questions))]
    assert all(a != b for a, b in zip(days, days[1:], strict=False))
    assert len(set(days)) == len(bank.questions)  # every question once before any comes back


def test_an_empty_bank_has_no_question_of_the_day(tmp_path: Path) -> None:
    assert load_bank(tmp_path).question_of_the_day(date(2026, 1, 1)) is None


def test_a_broken_rubric_is_reported_and_the_rest_is_listed(tmp_path: Path) -> None:
    text = (ROOT / "rubrics" / "india_us_defence.yaml").read_text(encoding="utf-8")
    (tmp_path / "good.yaml").write_text("\n".join(line for line in text.splitlines()
                                                 if not line.startswith("article_file:")), encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("id: bad\ntitle: x\nquestions: 3\n", encoding="utf-8")
    bank = load_bank(tmp_path)
    assert {q.file for q in bank.questions} == {"good.yaml"}
    assert len(bank.problems) == 1 and "bad.yaml" in bank.problems[0]
