"""The Streamlit app: the student page (pick a question, write or upload an answer, get marks with
evidence and feedback) and, in the page list, the mentors' Batch scoring and Rubric tuning pages.

Run with ``make run`` (or ``streamlit run app.py``). Attempts are kept in ``$UPSC_EVAL_DB``
or the user's data directory; rubrics are read from ``rubrics/*.yaml`` (or ``$UPSC_EVAL_RUBRICS``).
"""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

from evaluator import Evaluation, Question, Rubric, RubricError, evaluate, load_rubric
from evaluator.attempts import Attempt, AttemptStore, default_db_path, student_key
from evaluator.embedding import get_encoder
from evaluator.highlight import HIGHLIGHT_CSS, escape_markdown, highlight_html, legend_html
from evaluator.ingest import SUPPORTED_SUFFIXES, IngestError, extract_text
from evaluator.limits import LimitsError, limits_from_env
from evaluator.outline import outline_markdown
from evaluator.question_match import better_question
from evaluator.rubric import DEFAULT_RUBRIC, rubric_dir
from evaluator.text import count_words, nlp

RUBRIC_DIR = rubric_dir()
# Material icons ship with Streamlit, so they render even where no emoji font is installed
ICONS = {
    "covered": ":green[:material/check_circle:]",
    "partial": ":orange[:material/change_circle:]",
    "missing": ":red[:material/cancel:]",
    "structure": ":blue[:material/format_align_left:]",
    "passed": ":green[:material/check_circle:]",
    "failed": ":red[:material/cancel:]",
}
BAR_COLOURS = {"covered": "#3fa564", "partial": "#e8a33d", "missing": "#d9534f"}
CHECK_NAMES = {"length": "Length", "introduction": "Introduction", "body": "Body", "conclusion": "Conclusion",
               "directive": "Directive"}


@st.cache_resource(show_spinner="Loading the language model (first run only)…")
def warm_up() -> bool:
    """Load the spaCy pipeline and the sentence encoder once per server process."""
    nlp()
    get_encoder()
    return True


@st.cache_resource(show_spinner=False)
def cached_rubric(path: str, modified: float) -> Rubric:
    """The rubric at ``path``; ``modified`` (the file's mtime) reloads it after an edit."""
    return load_rubric(path)


@st.cache_resource(show_spinner=False)
def attempt_store(path: str) -> AttemptStore:
    """One store per database file for all sessions (it opens a connection per call)."""
    return AttemptStore(path)


def load_selected_rubric(path: Path) -> tuple[Rubric | None, str]:
    """The rubric, or ``None`` and the error message saying what is wrong with the file."""
    try:
        return cached_rubric(str(path), path.stat().st_mtime), ""
    except RubricError as exc:
        return None, str(exc)
    except OSError as exc:
        return None, f"{path}: cannot read file: {exc.strerror or exc}"


def load_uploaded_answer() -> None:
    """Put the uploaded file's text into the answer box (a callback: runs before the page reruns)."""
    upload = st.session_state.get("upload")
    st.session_state["upload_error"] = ""
    if upload is None:
        return
    try:
        max_bytes = limits_from_env().max_file_bytes
        st.session_state["answer"] = extract_text(upload.name, upload.getvalue(), max_bytes=max_bytes)
    except (IngestError, LimitsError) as exc:
        st.session_state["upload_error"] = f"Could not read the file — {exc}"


def saved_attempts(store: AttemptStore | None, rubric_id: str, question_id: str, student: str
                   ) -> tuple[list[Attempt], str]:
    """This student's scored attempts at one question, oldest first, or none and a message when the database fails."""
    if store is None:
        return [], ""
    try:
        return [a for a in store.history(rubric_id, question_id, student=student) if a.outcome == "scored"], ""
    except sqlite3.Error as exc:
        return [], f"Attempt history could not be read from {store.path}: {exc}"


def current_student() -> tuple[str, bool]:
    """Whose attempts these are: the name typed in the sidebar, else this browser session only.

    Returns the key attempts are filed under and whether it is a name (kept across visits).
    """
    name = student_key(st.session_state.get("student", ""))
    if name:
        return name, True
    if "session_student" not in st.session_state:
        st.session_state["session_student"] = f"session:{uuid.uuid4().hex}"
    return st.session_state["session_student"], False


def switch_question(question_id: str) -> None:
    """Callback of the 'score it as …' button: pick that question and evaluate the same answer again."""
    st.session_state["question_id"] = question_id
    st.session_state["evaluate_now"] = True


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


def feedback_markdown(evaluation: Evaluation, kinds: tuple[str, ...]) -> str:
    """One Markdown list of the feedback items of these kinds, answer quotes escaped."""
    return "\n".join(
        f"- {ICONS[item.kind]} {escape_markdown(item.message)}" for item in evaluation.feedback if item.kind in kinds
    )


def points_frame(evaluation: Evaluation) -> pd.DataFrame:
    """One row per key point: statement, status, score and the label used in the highlights."""
    return pd.DataFrame(
        [
            {"#": i, "Key point": p.point, "Status": p.status, "Score": p.score, "Label": p.id}
            for i, p in enumerate(evaluation.points, start=1)
        ]
    )


def coverage_chart(points: pd.DataFrame, covered_at: float) -> alt.LayerChart:
    """Horizontal bars of coverage per key point, coloured by status, with the 'covered' threshold."""
    bars = (
        alt.Chart(points)
        .mark_bar()
        .encode(
            x=alt.X("Score:Q", scale=alt.Scale(domain=[0, 1]), title="Coverage (0–1)"),
            y=alt.Y("Label:N", sort=list(points["Label"]), title=None, axis=alt.Axis(labelLimit=260)),
            color=alt.Color("Status:N", scale=alt.Scale(domain=list(BAR_COLOURS), range=list(BAR_COLOURS.values())),
                            legend=alt.Legend(orient="bottom", title=None)),
            tooltip=["#", "Key point", "Status", alt.Tooltip("Score:Q", format=".2f")],
        )
    )
    threshold = alt.Chart(pd.DataFrame({"x": [covered_at]})).mark_rule(strokeDash=[4, 4], color="#888").encode(x="x:Q")
    return (bars + threshold).properties(height=34 * len(points) + 40)


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


def student_page() -> None:
    """The student page: question, answer box, marks, feedback, highlights, history."""
    # ---- sidebar: inputs -------------------------------------------------------------------------------------------
    st.set_page_config(page_title="UPSC answer evaluator", page_icon=":material/edit_note:")
    rubric_files = sorted(RUBRIC_DIR.glob("*.yaml"))
    with st.sidebar:
        st.header("1. Pick a question")
        rubric_path = st.selectbox(
            "Rubric",
            rubric_files,
            index=next((i for i, p in enumerate(rubric_files) if p.name == DEFAULT_RUBRIC), 0),
            format_func=lambda p: p.stem.replace("_", " "),
            help="A rubric is a set of questions with the key points an examiner looks for.",
        )
        rubric, rubric_error = load_selected_rubric(rubric_path) if rubric_path else (None, "")
        question: Question | None = None
        if rubric is not None:
            if st.session_state.get("question_id") not in rubric.question_ids:
                st.session_state.pop("question_id", None)  # another rubric was picked
            question = rubric.question(
                st.selectbox(
                    "Question",
                    rubric.question_ids,
                    key="question_id",
                    format_func=lambda qid: f"{qid} · {rubric.question(qid).marks:g} marks · "
                                            f"{rubric.question(qid).text[:60]}…",
                )
            )
            st.caption(f"{rubric.title} · rubric version {rubric.version}")
        st.text_input("Your name (optional)", key="student", max_chars=100,
                      help="Your attempts are kept under this name, so you can see your progress on your next visit. "
                           "Without a name they are kept for this browser session only.")

    # ---- title and guards ------------------------------------------------------------------------------------------
    st.title("UPSC Mains answer evaluator")
    st.markdown(
        "**1.** Pick a question in the sidebar  ·  **2.** Paste or type your answer (or upload a file)  ·  "
        "**3.** Press **Evaluate** to get marks, the key points you covered or missed, and feedback."
    )
    if not rubric_files:
        st.info(f"No rubric files found in `{RUBRIC_DIR}`. Add a rubric `.yaml` file there and reload.")
        st.stop()
    if rubric is None or question is None:
        st.error(f"This rubric file cannot be used. {rubric_error}")
        st.stop()
    warm_up()

    # ---- the question ----------------------------------------------------------------------------------------------
    with st.container(border=True):
        st.markdown(f"#### {question.id}. {escape_markdown(question.text)}")
        st.markdown(
            f"**{question.marks:g} marks** · word limit **{question.word_limit}** · "
            f"directive: **{escape_markdown(question.directive.capitalize())}**"
        )

    # ---- the answer ------------------------------------------------------------------------------------------------
    st.subheader("2. Your answer")
    answer: str = st.text_area(
        "Type or paste your answer",
        key="answer",
        height=280,
        placeholder="Introduction… Body (one point per paragraph or bullet)… Way forward / conclusion…",
    )
    st.caption(word_count_caption(count_words(answer), question))
    st.file_uploader(
        "…or upload your answer as a file",
        type=[s.lstrip(".") for s in SUPPORTED_SUFFIXES],
        key="upload",
        on_change=load_uploaded_answer,
        help="The file's text is put into the answer box above, where you can edit it before evaluating.",
    )
    if st.session_state.get("upload_error"):
        st.error(st.session_state["upload_error"])

    db_path = default_db_path()
    store: AttemptStore | None = None
    store_error = ""
    try:
        store = attempt_store(str(db_path))
    except (sqlite3.Error, OSError) as exc:
        store_error = f"Attempt history is unavailable ({db_path}: {exc}). Marks are still shown but not saved."

    # ---- evaluate and save -----------------------------------------------------------------------------------------
    student, named = current_student()
    if named and store is not None and "session_student" in st.session_state:
        try:  # attempts made before the name was typed are the same student's
            store.reassign(st.session_state["session_student"], student)
        except sqlite3.Error as exc:
            store_error = f"Earlier attempts of this session could not be filed under your name: {exc}"
    previous, _ = saved_attempts(store, rubric.id, question.id, student)
    if st.button("Evaluate", type="primary") | st.session_state.pop("evaluate_now", False):
        with st.spinner("Evaluating your answer…"):
            evaluation = evaluate(answer, question)
            other = better_question(answer, rubric, question, evaluation)
        if evaluation.ok and store is not None:
            try:
                store.save(rubric.id, rubric.version, question.id, answer, evaluation, student=student)
            except sqlite3.Error as exc:
                store_error = f"This attempt could not be saved to {db_path}: {exc}"
        last_marks = previous[-1].marks if previous else None
        st.session_state["result"] = (rubric.id, question.id, answer, evaluation, last_marks, other)
    attempts, history_error = saved_attempts(store, rubric.id, question.id, student)
    if store_error or history_error:
        st.warning(store_error or history_error)

    # ---- sidebar: this question's history, including the attempt just saved ----------------------------------------
    with st.sidebar:
        st.divider()
        st.header(f"Your attempts at {question.id}")
        kept = (f"kept under the name '{student}' (anyone typing it sees them: add your roll number to keep "
                "them yours)" if named
                else "kept for this browser session only: type your name above to keep them across visits")
        if attempts:
            history = history_frame(attempts)
            st.caption(f"{len(attempts)} attempt(s) · best {history['Marks'].max():g} / {question.marks:g} · {kept}")
            st.altair_chart(history_chart(history, float(question.marks)), width="stretch")
            st.dataframe(history.iloc[::-1][["Attempt", "When", "Marks"]], hide_index=True, width="stretch",
                         column_config={"When": st.column_config.DatetimeColumn(format="D MMM, HH:mm")})
            with st.popover(f"Delete these {len(attempts)} attempt(s)", icon=":material/delete:"):
                st.caption("This removes them for good.")
                if st.button(f"Yes, delete {len(attempts)} attempt(s)", type="primary") and store is not None:
                    try:
                        store.forget(rubric.id, question.id, student=student)
                    except sqlite3.Error as exc:
                        st.warning(f"The attempts could not be deleted from {db_path}: {exc}")
                    else:
                        if "result" in st.session_state:  # its "since last attempt" compared with a deleted one
                            st.session_state["result"] = (*st.session_state["result"][:4], None,
                                                          st.session_state["result"][5])
                        st.rerun()
        else:
            st.caption(f"No attempts yet: your marks are saved here after each evaluation, {kept}.")

    # ---- guard: nothing evaluated yet for this question -----------------------------------------------------------
    result = st.session_state.get("result")
    if result is None or result[:2] != (rubric.id, question.id):
        st.info("Write your answer above, then press **Evaluate**. Your marks and feedback will appear here.")
        st.stop()
    _, _, evaluated_answer, evaluation, previous_marks, other = result
    if not evaluation.ok:
        if evaluated_answer == answer:
            st.error(evaluation.message)
        else:  # the message was about an answer that is no longer in the box
            st.info("Your answer has changed: press **Evaluate** to score it.")
        st.stop()

    # ---- results ---------------------------------------------------------------------------------------------------
    st.divider()
    st.header("Result")
    if evaluated_answer != answer:
        st.warning("You have edited your answer since this evaluation: press **Evaluate** again to score the new "
                   "version.")
    if other is not None:
        st.warning(
            f"Did you pick the right question? This answer fits **{other.question.id}** "
            f"({escape_markdown(other.question.text[:90])}…) better: it would earn {other.evaluation.marks:g} / "
            f"{other.evaluation.max_marks:g} there, against {evaluation.marks:g} / {evaluation.max_marks:g} here.",
            icon=":material/help:",
        )
        st.button(f"Score it as {other.question.id} instead", on_click=switch_question, args=(other.question.id,))
    points = points_frame(evaluation)
    marks_col, points_col, words_col = st.columns(3)
    marks_col.metric(
        "Marks",
        f"{evaluation.marks:g} / {evaluation.max_marks:g}",
        delta=None if previous_marks is None else (
            "no change since last attempt" if previous_marks == evaluation.marks
            else f"{evaluation.marks - previous_marks:+g} since last attempt"),
        delta_color="off" if previous_marks == evaluation.marks else "normal",
        delta_arrow="off" if previous_marks == evaluation.marks else "auto",
    )
    points_col.metric("Key points covered", f"{(points['Status'] == 'covered').sum()} / {len(points)}")
    words_col.metric("Words", f"{evaluation.word_count} / {question.word_limit}")
    st.caption(
        f"As with UPSC examiners, a flawless answer earns about {question.settings.top_share:.0%} of full marks here "
        f"({question.settings.top_share * question.marks:g} of {question.marks:g})."
    )

    st.subheader("Feedback")
    for item in evaluation.feedback:
        if item.kind == "summary":
            st.markdown(f"**{escape_markdown(item.message)}**")
        elif item.kind == "warning":
            st.warning(item.message, icon=":material/warning:")
    if improve := feedback_markdown(evaluation, ("missing", "partial", "structure")):
        st.markdown("**To improve**\n\n" + improve)
    if done := feedback_markdown(evaluation, ("covered",)):
        st.markdown("**What you covered**\n\n" + done)

    st.subheader("Key points")
    st.table(
        points.set_index("#")
        .style.format({"Score": "{:.2f}"})
        .map(lambda status: f"color: {BAR_COLOURS[status]}; font-weight: 600", subset=["Status"])
    )
    st.altair_chart(coverage_chart(points, question.settings.covered_threshold), width="stretch")
    st.caption(f"The dashed line marks the score at which a key point counts as covered "
               f"({question.settings.covered_threshold:g}). A point above it stays partial when the answer only lists "
               "its terms, restates the question or says it in vague words: add the specifics the hint asks for.")

    st.subheader("Your answer, highlighted")
    st.caption("Each highlighted phrase earned credit for the key point named after it; hover over a phrase to see "
               "what it matched.")
    st.html(legend_html())
    st.html(HIGHLIGHT_CSS + highlight_html(evaluated_answer, evaluation))

    st.subheader("Structure")
    if evaluation.structure is not None:
        st.markdown("\n".join(
            f"- {ICONS['passed' if c.passed else 'failed']} **{CHECK_NAMES.get(c.name, c.name.title())}** — "
            f"{escape_markdown(c.message)}"
            for c in evaluation.structure.checks
        ))

    with st.expander("Model answer outline (open after you have tried)", icon=":material/lightbulb:"):
        st.markdown(outline_markdown(question))


# Streamlit lists pages by title: the student page is "Score an answer", not the file name "app"
PAGES = [
    st.Page(student_page, title="Score an answer", icon=":material/edit_note:", default=True),
    st.Page("pages/1_Batch_scoring.py", title="Batch scoring", icon=":material/table_view:"),
    st.Page("pages/2_Rubric_tuning.py", title="Rubric tuning", icon=":material/tune:"),
]
st.navigation(PAGES).run()
