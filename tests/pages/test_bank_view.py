"""The question bank on the student page, run headless with Streamlit's AppTest: today's question, filters, search,
and practising a question from the bank."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from evaluator.rubrics.bank import load_bank
from ui.bank import today_in_india

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
TIMEOUT_S = 60


@pytest.fixture
def open_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[], AppTest]:
    monkeypatch.setenv("UPSC_EVAL_DB", str(tmp_path / "attempts.sqlite"))
    monkeypatch.delenv("UPSC_EVAL_RUBRICS", raising=False)

    def open_page() -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S).run()
        assert not at.exception, at.exception
        return at

    return open_page


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def button(at: AppTest, key: str):  # noqa: ANN201 - streamlit's Button element
    return next(b for b in at.button if b.key == key)


def test_the_question_of_the_day_is_shown_and_can_be_practised(open_app: Callable[[], AppTest]) -> None:
    today = load_bank(ROOT / "rubrics").question_of_the_day(today_in_india())
    at = open_app()
    assert "**Question of the day**" in markdown(at)
    assert today.text[:40] in markdown(at)
    button(at, "bank_today").click().run()
    assert not at.exception and not at.warning
    assert at.selectbox(key="rubric").value == today.file
    assert at.selectbox(key="question_id").value == today.question_id
    assert f"#### {today.question_id}." in markdown(at)


def test_filters_and_search_narrow_the_bank_and_a_found_question_is_practised(open_app: Callable[[], AppTest]) -> None:
    at = open_app()
    at.multiselect(key="bank_papers").select("GS III").run()
    at.text_input(key="bank_search").input("SAMADHAN").run()
    assert any(c.value.startswith("1 of ") for c in at.caption)
    assert "What is the SAMADHAN doctrine?" in markdown(at)
    button(at, "bank_pick_left-wing-extremism.yaml#Q4").click().run()
    assert not at.exception
    assert at.selectbox(key="rubric").value == "left-wing-extremism.yaml"
    assert at.selectbox(key="question_id").value == "Q4"
    assert "**10 marks** · word limit **150** · directive: **Discuss**" in markdown(at)


def test_topic_filter_lists_only_that_topic(open_app: Callable[[], AppTest]) -> None:
    at = open_app()
    at.multiselect(key="bank_topics").select("judiciary").run()
    picks = [b.key for b in at.button if (b.key or "").startswith("bank_pick_")]
    assert picks and all(k.startswith("bank_pick_collegium-judicial-appointments.yaml#") for k in picks)


def test_a_search_without_matches_says_what_to_do(open_app: Callable[[], AppTest]) -> None:
    at = open_app()
    at.text_input(key="bank_search").input("quantum entanglement of ducks").run()
    assert any("No question matches" in i.value for i in at.info)
    assert not [b for b in at.button if (b.key or "").startswith("bank_pick_")]


def test_the_only_question_card_above_the_answer_box_is_the_chosen_question(open_app: Callable[[], AppTest]) -> None:
    today = load_bank(ROOT / "rubrics").question_of_the_day(today_in_india())
    at = open_app()
    [bank] = [e for e in at.expander if e.label.startswith("Question bank")]
    # today's question is inside the bank, not a second card beside the chosen one
    assert any("**Question of the day**" in m.value and today.text[:40] in m.value for m in bank.markdown)


@pytest.mark.parametrize("key", ["bank_today", "bank_pick_left-wing-extremism.yaml#Q4"])
def test_practise_folds_the_bank_away_without_a_warning(open_app: Callable[[], AppTest], key: str,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    at = open_app()
    at.session_state["bank_open"] = True
    if key != "bank_today":
        at.text_input(key="bank_search").input("SAMADHAN").run()
    with caplog.at_level("WARNING"):
        button(at, key).click().run()
    assert not at.exception
    assert at.session_state["bank_open"] is False
    # regression: the first Practise printed "created with a default value but also had its value set via the
    # Session State API" with a stack trace in the terminal
    assert not [r for r in caplog.records if "default value" in r.getMessage()]
