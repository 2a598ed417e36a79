"""Student page (Score an answer): pick a question, write or upload an answer, get marks with evidence and feedback.

Each section of the page is one function below, called in order at the bottom. Attempts are kept in
``$UPSC_EVAL_DB`` or the user's data directory, per account (the logged-in student's, or the laptop's single user's
without login): a student sees only their own.
"""

from __future__ import annotations

import sqlite3

import altair as alt
import pandas as pd
import streamlit as st

from evaluator import Question, Rubric, evaluate
from evaluator.agreement.calibration import RubricCalibration
from evaluator.core.question_match import better_question
from evaluator.core.text import count_words
from evaluator.rubrics.vocabulary import correct_ocr
from evaluator.store.attempts import Attempt, AttemptStore, default_db_path
from evaluator.store.users import SCORE, Account
from evaluator.views.highlight import escape_markdown
from evaluator.views.progress import statuses_of
from ui.auth import require
from ui.bank import bank_view
from ui.pickers import calibration_for, pick_question, pick_rubric
from ui.resources import attempt_store, models
from ui.result_view import show_evaluation
from ui.scan_view import SCAN, ScanUpload, show_pages, show_read_text
from ui.state import ScoredAnswer
from ui.uploads import ANSWER_TYPES, read_upload_file, scan_upload_mb

RESULT = "result"  # session key of the last ScoredAnswer
READ_PENDING = "read_pending"  # an upload to read on this run
JUST_SCORED = "just_scored"  # set by Evaluate, read once by the result (to scroll to it)
RESULT_ANCHOR = "result"  # the Result heading's id
SCROLL_TO_RESULT = (f"<script>setTimeout(() => document.getElementById('{RESULT_ANCHOR}')"
                    "?.scrollIntoView({block: 'start'}), 50);</script>")
PAGE_ICON = "📝"  # an emoji favicon is drawn by the browser; a :material/...: one is fetched from Google's servers


# --- helpers -------------------------------------------------------------------------------------------------------


def upload_changed() -> None:
    """Callback of the uploader: the file is read on the rerun, above the answer box, where progress can show (a
    callback can draw nothing: a 20-30 s photo only greyed the page out)."""
    st.session_state[READ_PENDING] = True


def load_uploaded_answer(question: Question) -> None:
    """Put the uploaded file's text into the answer box (before the box is drawn); a photo or scan is read by OCR page
    by page with a progress bar, its words checked against the question's vocabulary and English, and kept to be
    shown beside the box."""
    if not st.session_state.pop(READ_PENDING, False):
        return
    upload = st.session_state.get("upload")
    st.session_state["upload_error"] = ""
    st.session_state.pop(SCAN, None)
    for key in [k for k in st.session_state if str(k).startswith("ocr_fix_")]:  # the last photo's undo boxes
        del st.session_state[key]
    if upload is None:
        return
    progress = st.progress(0.0, text=f"Reading {upload.name} …")

    def on_page(number: int, pages: int) -> None:
        progress.progress((number - 1) / pages, text=f"Reading page {number} of {pages} …")

    answer, error = read_upload_file(upload.name, upload.getvalue(), on_page=on_page)
    progress.empty()
    if answer is None:
        st.session_state["upload_error"] = error
    elif answer.ocr is not None:
        scan = ScanUpload(upload.name, answer.ocr, correct_ocr(answer.text, question))
        st.session_state[SCAN] = scan
        st.session_state["answer"] = scan.corrected.text()
    else:
        st.session_state["answer"] = answer.text


def saved_attempts(store: AttemptStore | None, rubric_id: str, question_id: str, student: str
                   ) -> tuple[list[Attempt], str]:
    """This student's scored attempts at one question, oldest first, or none and a message when the database fails."""
    if store is None:
        return [], ""
    try:
        return [a for a in store.history(rubric_id, question_id, student=student) if a.outcome == "scored"], ""
    except sqlite3.Error as exc:
        return [], f"Attempt history could not be read from {store.path}: {exc}"


def switch_question(question_id: str) -> None:
    """Callback of the 'score it as …' button: pick that question and evaluate the same answer again."""
    st.session_state["question_id"] = question_id
    st.session_state["evaluate_now"] = True


def plural(count: int, noun: str) -> str:
    """ "1 attempt", "3 attempts". """
    return f"{count} {noun}{'' if count == 1 else 's'}"


def word_count_caption(words: int, question: Question) -> str:
    """The live count under the answer box, amber past the limit and red past the tolerated length."""
    limit = question.word_limit
    tolerated = question.tolerated_words
    count = f"**{words}** / {limit} words"
    if words > tolerated:
        count = f":red[{count} — over the limit: cut to about {limit}]"
    elif words > limit:
        count = f":orange[{count} — slightly over; up to {tolerated} is tolerated]"
    return f"{count}  ·  press Ctrl+Enter (or click outside the box) to update the count"


def history_frame(attempts: list[Attempt]) -> pd.DataFrame:
    """Attempts, oldest first, as a table for the history chart and list."""
    return pd.DataFrame(
        [
            {"Attempt": i, "When": a.created_at.astimezone().replace(tzinfo=None), "Marks": a.marks,
             "Words": a.word_count}
            for i, a in enumerate(attempts, start=1)
        ]
    )


def history_chart(history: pd.DataFrame, max_marks: float) -> alt.Chart:
    """Marks per attempt, in the order they were made, on the question's full scale."""
    return (
        alt.Chart(history)
        .mark_line(point=alt.OverlayMarkDef(size=70))
        .encode(
            x=alt.X("Attempt:O", title="Attempt (oldest → newest)", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("Marks:Q", scale=alt.Scale(domain=[0, max_marks]), title="Marks"),
            tooltip=["Attempt", alt.Tooltip("When:T", format="%d %b %Y %H:%M"), "Marks", "Words"],
        )
        .properties(height=200)
    )


# --- sections, in page order ----------------------------------------------------------------------------------------


def choose_question() -> tuple[Rubric, Question, RubricCalibration | None]:
    """The topic (rubric) and question, in the page itself (on a phone the sidebar starts folded away)."""
    st.subheader("1. Pick a question")
    topic, which = st.columns([2, 3])
    choice = pick_rubric(topic)
    rubric = choice.rubric
    calibration, problem = calibration_for(choice)
    question = rubric.question(pick_question(rubric, which))
    with st.sidebar:
        st.caption(f"{escape_markdown(rubric.title)} · rubric version {rubric.version}")
        if problem:
            st.caption(problem)
    return rubric, question, calibration


def show_question(question: Question) -> None:
    with st.container(border=True):
        st.markdown(f"#### {question.id}. {escape_markdown(question.text)}")
        st.markdown(
            f"**{question.marks:g} marks** · word limit **{question.word_limit}** · "
            f"directive: **{escape_markdown(question.directive.capitalize())}**"
        )


def answer_box(question: Question) -> str:
    """The answer box, its live word count, and the upload that fills it; a photo or scan is shown beside the box,
    with the words OCR was unsure of marked, so the student checks and corrects the text before evaluating."""
    st.subheader("2. Your answer")
    load_uploaded_answer(question)
    scan: ScanUpload | None = st.session_state.get(SCAN)
    if scan is not None:
        page_column, box_column = st.columns(2)
        with page_column:
            show_pages(scan)
    else:
        box_column = st.container()
    with box_column:
        answer: str = st.text_area(
            "Type or paste your answer",
            key="answer",
            height=560 if scan is not None else 280,
            placeholder="Introduction… Body (one point per paragraph or bullet)… Way forward / conclusion…",
        )
        st.caption(word_count_caption(count_words(answer), question))
    if scan is not None:
        show_read_text(scan)
    st.file_uploader(
        "…or upload your answer: a file (.txt, .docx, .pdf) or a photo or scan of your handwritten pages",
        type=ANSWER_TYPES,
        max_upload_size=scan_upload_mb(),
        key="upload",
        on_change=upload_changed,
        help="The text is put into the answer box above, where you can check and edit it before evaluating. "
             "Photos and scans (up to 8 pages, 20 MB) are read by OCR: check the words marked in orange.",
    )
    if st.session_state.get("upload_error"):
        st.error(escape_markdown(st.session_state["upload_error"]))  # it names the uploaded file
    return answer


def open_store() -> tuple[AttemptStore | None, str]:
    db_path = default_db_path()
    try:
        return attempt_store(str(db_path)), ""
    except (sqlite3.Error, OSError) as exc:
        return None, f"Attempt history is unavailable ({db_path}: {exc}). Marks are still shown but not saved."


def evaluate_on_request(rubric: Rubric, question: Question, answer: str, store: AttemptStore | None,
                        student: str, previous: list[Attempt], calibration: RubricCalibration | None = None) -> str:
    """Evaluate when the button is pressed (or a switch of question asks for it) and save the attempt."""
    if not (st.button("Evaluate", type="primary") | st.session_state.pop("evaluate_now", False)):
        return ""
    st.session_state[JUST_SCORED] = True
    problem = ""
    scan: ScanUpload | None = st.session_state.get(SCAN)
    settings = question.settings.for_ocr() if scan is not None else None  # OCR's misreads are not the student's
    with st.spinner("Evaluating your answer…"):
        evaluation = evaluate(answer, question, settings=settings, rubric=rubric)  # another question's answer is found
        better = better_question(answer, rubric, evaluation)
        if calibration is not None:
            evaluation = calibration.apply(evaluation, question)
    if evaluation.ok and store is not None:
        try:  # an answer from a photo keeps what OCR read beside what the student corrected it to
            store.save(rubric.id, rubric.version, question.id, answer, evaluation, student=student,
                       ocr_text=scan.text if scan is not None else "")
        except sqlite3.Error as exc:
            problem = f"This attempt could not be saved to {store.path}: {exc}"
    st.session_state[RESULT] = ScoredAnswer(rubric.id, question.id, answer, evaluation,
                                            previous[-1].marks if previous else None, better,
                                            tuple(statuses_of(previous[-1].evaluation).items()) if previous else None)
    return problem


def attempts_section(rubric: Rubric, question: Question, store: AttemptStore | None, account: Account,
                     attempts: list[Attempt]) -> None:
    """This question's history, including the attempt just saved, and deleting it: on the page, below the result
    (on a phone the sidebar starts folded away)."""
    with st.container(border=True, key="attempts"):
        st.subheader(f"Your attempts at {question.id}")
        kept = ("kept on this computer" if account.local
                else f"kept under your account, {escape_markdown(account.username)}: only you see them")
        if not attempts:
            st.caption(f"No attempts yet: your marks are saved here after each evaluation, {kept}.")
            return
        history = history_frame(attempts)
        best = history["Marks"].max()
        st.caption(f"{plural(len(attempts), 'attempt')} · best {best:g} / {question.marks:g} · {kept}")
        st.altair_chart(history_chart(history, float(question.marks)), width="stretch")
        st.dataframe(history.iloc[::-1][["Attempt", "When", "Marks"]], hide_index=True, width="stretch",
                     column_config={"When": st.column_config.DatetimeColumn(format="D MMM, HH:mm")})
        with st.popover(f"Delete {'this attempt' if len(attempts) == 1 else f'these {len(attempts)} attempts'}",
                        icon=":material/delete:"):
            st.caption("This removes them for good.")
            if st.button(f"Yes, delete {plural(len(attempts), 'attempt')}", type="primary") and store is not None:
                try:
                    store.forget(rubric.id, question.id, student=account.username)
                except sqlite3.Error as exc:
                    st.warning(f"The attempts could not be deleted from {store.path}: {exc}")
                else:
                    result = st.session_state.get(RESULT)
                    if result is not None:  # its "since last attempt" compared with a deleted one
                        st.session_state[RESULT] = result.without_previous()
                    st.rerun()


def results(rubric: Rubric, question: Question, answer: str, *, just_scored: bool) -> None:
    """The last evaluation of this question, or what to do to get one; scrolled into view when it was just made."""
    result: ScoredAnswer | None = st.session_state.get(RESULT)
    if result is None or not result.is_for(rubric.id, question.id):
        st.info("Write your answer above, then press **Evaluate**. Your marks and feedback will appear here.")
        return
    evaluation = result.evaluation
    if not evaluation.ok:
        if result.answer == answer:
            st.error(escape_markdown(evaluation.message))
        else:  # the message was about an answer that is no longer in the box
            st.info("Your answer has changed: press **Evaluate** to score it.")
        return
    st.divider()
    st.header("Result", anchor=RESULT_ANCHOR)
    if just_scored:  # the button is above the fold's end: bring the marks up (the page's own script, no fetch)
        st.html(SCROLL_TO_RESULT, unsafe_allow_javascript=True)
    if result.answer != answer:
        st.warning("You have edited your answer since this evaluation: press **Evaluate** again to score the new "
                   "version.")
    if (other := result.better) is not None:
        st.warning(
            f"Did you pick the right question? This answer fits **{other.question.id}** "
            f"({escape_markdown(other.question.text[:90])}…) better: it would earn {other.evaluation.marks:g} / "
            f"{other.evaluation.max_marks:g} there, against {evaluation.marks:g} / {evaluation.max_marks:g} here.",
            icon=":material/help:",
        )
        st.button(f"Score it as {other.question.id} instead", on_click=switch_question, args=(other.question.id,))
    show_evaluation(evaluation, question, result.answer, previous_marks=result.previous_marks,
                    previous_points=dict(result.previous_points) if result.previous_points is not None else None,
                    other_question_shown=other is not None)


# --- the page ------------------------------------------------------------------------------------------------------

st.set_page_config(page_title="UPSC answer evaluator", page_icon=PAGE_ICON)
account = require(SCORE)
st.title("UPSC Mains answer evaluator")
st.markdown(
    "**1.** Pick a question  ·  **2.** Paste or type your answer (or upload a file or a photo)  ·  "
    "**3.** Press **Evaluate** to get marks, the key points you covered or missed, and feedback."
)
rubric, question, calibration = choose_question()
bank_view()
models()
show_question(question)
answer = answer_box(question)
store, store_error = open_store()
student = account.username  # attempts belong to the account, never to a typed name
previous, _ = saved_attempts(store, rubric.id, question.id, student)
store_error = evaluate_on_request(rubric, question, answer, store, student, previous, calibration) or store_error
attempts, history_error = saved_attempts(store, rubric.id, question.id, student)
if store_error or history_error:
    st.warning(store_error or history_error)
results(rubric, question, answer, just_scored=st.session_state.pop(JUST_SCORED, False))
attempts_section(rubric, question, store, account, attempts)
