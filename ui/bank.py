"""The question bank on the student page: today's question, filters by GS paper and topic, search, and a button
that puts the chosen question into the sidebar's pickers."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import streamlit as st

from evaluator import RubricError
from evaluator.rubrics.bank import Bank, BankQuestion, bank_from
from evaluator.views.highlight import escape_markdown
from ui.pickers import rubric_files
from ui.resources import cached_rubric

INDIA = timezone(timedelta(hours=5, minutes=30))  # the day turns at midnight in India for every student
BANK_OPEN = "bank_open"  # session key of the bank expander's state (closed after Practise)
MAX_SHOWN = 10  # matches listed at once; the count says how many more a narrower search would show


def today_in_india() -> date:
    return datetime.now(INDIA).date()


def current_bank() -> Bank:
    """The bank of the rubric files the pickers offer (each loaded once per edit, through the shared cache)."""
    loaded, problems = [], []
    for path in rubric_files():
        try:
            loaded.append((path.name, cached_rubric(str(path), path.stat().st_mtime)))
        except (RubricError, OSError) as exc:
            problems.append(f"{path.name}: {getattr(exc, 'reason', None) or exc}")
    return bank_from(loaded, problems)


def practise(question: BankQuestion) -> None:
    """Callback of a bank button: choose this rubric and question in the pickers (before they are drawn) and fold the
    bank away, so the chosen question and the answer box are what the student sees."""
    st.session_state["rubric"] = question.file
    st.session_state["question_id"] = question.question_id
    st.session_state[BANK_OPEN] = False


def _label(question: BankQuestion) -> str:
    topics = ", ".join(question.topics)
    return (f"**{escape_markdown(question.text)}**  \n"
            f"{question.gs_paper} · {question.marks:g} marks · {question.word_limit} words · "
            f"{escape_markdown(question.directive)}{' · ' + escape_markdown(topics) if topics else ''}")


def bank_view(*, day: date | None = None) -> None:
    """Today's question and the searchable bank, in an expander so the answer box stays near the top."""
    bank = current_bank()
    if not bank.questions:
        return
    today = bank.question_of_the_day(day or today_in_india())
    # today's question is in the bank, not above the answer box: the one question card on the page is the chosen one
    with st.expander(f"Question bank · today's question and {len(bank.questions)} questions",
                     icon=":material/library_books:", key=BANK_OPEN, on_change="rerun"):
        with st.container(border=True):
            st.markdown(f":material/today: **Question of the day** · {_label(today)}")
            st.button("Practise today's question", key="bank_today", on_click=practise, args=(today,),
                      icon=":material/edit:")
        left, middle = st.columns(2)
        papers = left.multiselect("GS paper", bank.gs_papers, key="bank_papers", placeholder="All papers")
        topics = middle.multiselect("Topic", bank.topics, key="bank_topics", placeholder="All topics")
        search = st.text_input("Search the questions", key="bank_search",
                               placeholder="e.g. veto, PESA, groundwater")
        found = bank.find(gs_papers=papers, topics=topics, search=search)
        more = f" (the first {MAX_SHOWN} are shown: narrow the search to see the rest)" \
            if len(found) > MAX_SHOWN else ""
        st.caption(f"{len(found)} of {len(bank.questions)} questions{more}")
        if not found:
            st.info("No question matches: remove a filter or try other words.")
        for question in found[:MAX_SHOWN]:
            text, button = st.columns([5, 1], vertical_alignment="center")
            text.markdown(_label(question))
            button.button("Practise", key=f"bank_pick_{question.key}", on_click=practise, args=(question,))
        for problem in bank.problems:
            st.caption(f"Not in the bank: {escape_markdown(problem)}")
