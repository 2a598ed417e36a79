"""Mentor page: upload a class's answers (files, a .zip or a .csv), score them all, review and override, download.

A thin shell over :mod:`evaluator.io.sources`, :mod:`evaluator.batch.runner` and :mod:`evaluator.io.export`;
the review, class summary and feedback sheets are :mod:`ui.review`. Rubrics are picked like on the student
page (:mod:`ui.pickers`); a calibration saved beside the rubric is applied. Mentors only: a batch is scored for
one of the mentor's classes, and its overrides belong to that class (signed by the logged-in mentor).
"""

from __future__ import annotations

import os
import sqlite3

import altair as alt
import pandas as pd
import streamlit as st

from evaluator import Rubric
from evaluator.batch.review import with_match_flags
from evaluator.batch.rows import ResultRow, with_reviews
from evaluator.batch.runner import BatchOptions, run_batch
from evaluator.batch.summary import BatchSummary, format_question_means, not_scored_reasons, summarise
from evaluator.io.export import FITS_BETTER_COLUMN, export_bytes, results_frame
from evaluator.io.limits import LimitsError, limits_from_env
from evaluator.io.sources import count_uploads, iter_uploads
from evaluator.rubrics.matching import BatchMatch, match_batch
from evaluator.store.attempts import default_db_path
from evaluator.store.overrides import answer_id
from evaluator.store.runs import RunHistory
from evaluator.store.users import BATCH
from evaluator.views.highlight import escape_markdown
from ui.auth import class_rubrics, pick_class, require
from ui.pickers import bank_rubrics, calibration_for, pick_question, pick_rubric
from ui.resources import override_store, run_history
from ui.review import show_class_summary, show_report_download, show_review
from ui.uploads import archive_upload_mb

FROM_NAMES = "From file names or CSV"
QUESTION_HELP = ("An answer's own question comes first: the CSV's 'question' column, else a question id in its file "
                 "name (q2_asha.txt, asha_Q2.docx). The question chosen here is used only for answers that name none; "
                 "with 'From file names or CSV' those answers are listed as not scored.")
REOPENED = "reopened"  # the signature's first item for a run reopened from the recent runs
RUBRIC_KEY = "batch_rubric"  # the page's own rubric choice (see ui.pickers.pick_rubric)
UPLOAD_TYPES = ["txt", "md", "docx", "pdf", "png", "jpg", "jpeg", "webp", "tif", "tiff", "zip", "csv"]  # photos: OCR


def mean_metric(summary: BatchSummary) -> tuple[str, str | None]:
    """The "Mean" metric's value and tooltip: marks when every scored answer has the same maximum, else a share."""
    if summary.mean_share is None:
        return "—", "No answer was scored."
    per_question = "  \n".join(format_question_means(qid, m) for qid, m in summary.questions.items())
    if summary.mean_marks is not None and summary.max_marks:
        return f"{summary.mean_marks:g} / {summary.max_marks:g}", per_question
    return f"{summary.mean_share:.0%} of max", "Questions have different max marks.  \n" + per_question


def show_recent_runs(history: RunHistory | None, owner: str) -> None:
    """This mentor's last batches, newest first; one click reopens one (its rubric is picked again)."""
    runs = history.recent(owner) if history is not None else []
    if not runs:
        return
    with st.expander(f"Recent runs ({len(runs)}): reopen one"):
        for run in runs:
            st.button(run.label, key=f"reopen-{run.id}", on_click=_reopen, args=(history, run.id, owner),
                      width="stretch")


def _reopen(history: RunHistory, run_id: int, owner: str) -> None:
    found = history.load(run_id, owner)
    if found is None:
        return
    run, rows, texts = found
    st.session_state[RUBRIC_KEY] = run.rubric_file
    st.session_state["batch_result"] = ((REOPENED, run.label, run.rubric_id), rows, texts)


def show_rubric_mismatch(match: BatchMatch, rubric: Rubric, signature: tuple) -> None:
    """Most of the batch fits another rubric: nothing was scored; offer that rubric, or this one all the same."""
    bank = bank_rubrics()
    name, other = bank[match.suggested]
    st.warning(f"**Nothing was scored: {match.suggested_count} of {len(match.answers)} answers fit "
               f"“{escape_markdown(other.title)}” better than “{escape_markdown(rubric.title)}”.** "
               "Scored here they would get marks near zero that say nothing about the answers.")
    switch, keep = st.columns(2)
    switch.button(f"Score on “{other.title}”", type="primary", key="switch_rubric", on_click=_switch, args=(name,))
    keep.button(f"Score on “{rubric.title}” anyway", key="keep_rubric",
                on_click=lambda: st.session_state.update(batch_keep_rubric=signature))


def _switch(name: str) -> None:
    st.session_state[RUBRIC_KEY] = name
    st.session_state["batch_score_next"] = True
    st.session_state.pop("batch_mismatch", None)


def marks_histogram(frame: pd.DataFrame) -> alt.Chart:
    """Bars of how many scored answers got each mark, one colour per question.

    Answers to questions with different maximum marks are binned by share of max marks instead.
    """
    if frame["max_marks"].nunique() == 1:
        x = alt.X("marks:Q", bin=alt.Bin(step=0.5), title="Marks")
    else:
        frame = frame.assign(share=100 * frame["marks"].astype(float) / frame["max_marks"].astype(float))
        x = alt.X("share:Q", bin=alt.Bin(step=10, extent=[0, 100]), title="Marks (% of max marks)")
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=x,
            y=alt.Y("count():Q", title="Answers", axis=alt.Axis(tickMinStep=1, format="d")),  # whole answers
            color=alt.Color("question:N", title="Question"),
            tooltip=["question:N", alt.Tooltip("count():Q", title="answers")],
        )
        .properties(height=260)
    )


st.set_page_config(page_title="Batch scoring", page_icon="📊", layout="wide")  # emoji: no icon fetched online
account = require(BATCH)

# --- sidebar: class, rubric, question, options ---
run = pick_class(account)  # the class the answers are scored for: their overrides belong to it
choice = pick_rubric(key=RUBRIC_KEY)  # the batch page's own: never the rubric the student page was left on
rubric = choice.rubric
if run and rubric.id not in class_rubrics(run):
    st.sidebar.caption(f":material/info: {run} does not use this rubric: your overrides are kept, but its calibration "
                       "learns only from the mentors of the classes that use it (an admin adds it to a class).")
question_choice = pick_question(rubric, key="batch_question", first=(FROM_NAMES,), help=QUESTION_HELP)
if question_choice != FROM_NAMES:
    st.sidebar.caption(f"{question_choice} is for answers that name no question. A file like `q4_ravi.txt` or a "
                       "CSV row with its own question keeps that question.")
semantic = st.sidebar.toggle("Credit paraphrase (semantic matching)", value=True,
                             help="Off: keyword and fuzzy matching only, several times faster.")
jobs = int(st.sidebar.number_input("Worker processes", min_value=1, max_value=os.cpu_count() or 1, value=1))
calibration, problem = calibration_for(choice)
if problem:
    st.sidebar.warning(problem)
if calibration is not None and semantic:  # it was fitted on marks with semantic matching on
    st.sidebar.caption(f":material/tune: Marks {calibration.note}.")
else:
    calibration = None

# --- main: upload, score, results ---
st.title("Batch scoring")
st.caption("Upload answer files (.txt, .md, .docx, .pdf), a .zip of them, or a .csv with columns "
           "student, question, answer. Every file gets one row; files that cannot be read get a row that says why.")
try:
    history: RunHistory | None = run_history(str(default_db_path()))
except (sqlite3.Error, OSError):
    history = None
show_recent_runs(history, account.username)
# a class's .zip or .csv may be as large as on the command line (UPSC_EVAL_MAX_ARCHIVE_BYTES); each answer inside is
# still held to the one-file limit by the reader
uploads = st.file_uploader("Answers", type=UPLOAD_TYPES, accept_multiple_files=True, key="uploads",
                           max_upload_size=archive_upload_mb())
stored = st.session_state.get("batch_result")
reopened = stored is not None and stored[0][0] == REOPENED
if not uploads and not reopened:
    st.info("Upload the answers to score. Name files with their question, e.g. `q1_asha.txt` or `ravi_Q2.docx`, "
            "or choose in the sidebar the question for answers that name none.")
    st.stop()

question = None if question_choice == FROM_NAMES else question_choice
try:
    limits = limits_from_env()
except LimitsError as exc:
    st.error(f"The server's upload limits are misconfigured — {exc}")
    st.stop()
signature = (rubric.id, rubric.version, question, semantic, tuple((u.name, u.size) for u in uploads or ()),
             calibration.fingerprint() if calibration else "")
if uploads:
    files = [(u.name, u.getvalue()) for u in uploads]
    count = count_uploads(files, question_ids=rubric.question_ids, default_question=question, limits=limits)
    pressed = st.button(f"Score {count} answer{'s' if count != 1 else ''}", type="primary")
    keep = st.session_state.pop("batch_keep_rubric", None) == signature  # "Score on this rubric anyway"
    if pressed or keep or st.session_state.pop("batch_score_next", False):
        items = list(iter_uploads(files, question_ids=rubric.question_ids, default_question=question, limits=limits))
        bank = bank_rubrics()
        match = match_batch({i.key: i.text for i in items if i.text}, [r for _, r in bank.values()], rubric)
        if match.stop and not keep:
            st.session_state["batch_mismatch"] = (signature, match)
        else:
            st.session_state.pop("batch_mismatch", None)
            progress = st.progress(0.0, text=f"Scoring {len(items)} answers…")
            finished: list[ResultRow] = []

            def advance(row: ResultRow) -> None:
                finished.append(row)
                progress.progress(len(finished) / len(items), text=f"Scored {len(finished)} of {len(items)} answers")

            result = run_batch(items, rubric, options=BatchOptions(jobs=jobs, semantic=semantic, limits=limits),
                               on_row=advance, calibration=calibration)
            progress.empty()
            texts = {i.key: i.text for i in items if i.text is not None}
            texts |= {r.key: r.ocr_text for r in result.rows if r.ocr_text}  # photos and scans: the text OCR read
            scored_rows = with_match_flags(result.rows, match)
            st.session_state["batch_result"] = stored = (signature, scored_rows, texts)
            if history is not None and choice.path is not None:  # an uploaded rubric cannot be picked again
                try:
                    history.save(rubric, choice.name, len(uploads), scored_rows, texts, owner=account.username)
                except (sqlite3.Error, OSError) as exc:
                    st.warning(f"This run is not kept for later ({exc}).")
    mismatch = st.session_state.get("batch_mismatch")
    if mismatch is not None and mismatch[0] == signature:
        show_rubric_mismatch(mismatch[1], rubric, signature)
        st.stop()
reopened = stored is not None and stored[0][0] == REOPENED  # a new Score replaces a reopened run
if stored is None or (stored[0] != signature and not reopened):
    st.info("Press **Score** to mark the uploaded answers.")
    st.stop()
if reopened:
    if stored[0][2] != rubric.id:
        st.info("The reopened run was scored on another rubric: pick it again in the sidebar, or reopen another run.")
        st.stop()
    st.caption(f"Reopened run: {stored[0][1]}. Upload answers and press **Score** for a new run.")
texts: dict[str, str] = stored[2]
# each answer's identity: class, path in the upload, text and student (never its file name or text alone)
answers = {r.key: answer_id(run, r.key, r.question_id, texts[r.key], r.student) for r in stored[1] if r.key in texts}
try:
    store = override_store(str(default_db_path()))
    rows: list[ResultRow] = with_reviews(stored[1], store.reviews(rubric.id, answers))
except (sqlite3.Error, OSError) as exc:
    st.warning(f"Mentor overrides are unavailable ({exc}); the evaluator's marks are shown.")
    store, rows = None, stored[1]

summary = summarise(rows)
left, middle, right, last = st.columns(4)
left.metric("Answers", summary.count)
middle.metric("Scored", summary.scored)
right.metric("Not scored or unreadable", summary.not_scored + summary.errors)
mean, mean_help = mean_metric(summary)
last.metric("Mean of scored answers", mean, help=mean_help)

frame = results_frame(rows)
st.subheader("Results")
# what a mentor checks first, then the detail (the downloads keep the documented column order)
first = ["file", "student", "question", "marks", "mentor_marks", "max_marks", FITS_BETTER_COLUMN, "outcome", "error",
         "feedback", "word_count"]
first = [c for c in first if c in frame.columns]
st.dataframe(frame, hide_index=True, width="stretch",
             column_order=first + [c for c in frame.columns if c not in first],
             column_config={"marks": st.column_config.NumberColumn("marks", format="%.1f"),
                            "mentor_marks": st.column_config.NumberColumn("mentor_marks", format="%.1f"),
                            "error": st.column_config.TextColumn("error", width="large"),
                            "feedback": st.column_config.TextColumn("feedback", width="large")})
reasons = not_scored_reasons(rows)
if reasons:
    st.warning(f"{len(reasons)} answer{' was' if len(reasons) == 1 else 's were'} not scored and "
               f"{'has' if len(reasons) == 1 else 'have'} no marks (left out of the mean): see why below.")
    with st.expander(f"Why {len(reasons)} answer{'' if len(reasons) == 1 else 's'} got no marks", expanded=True):
        # plain text, wrapped: file names and messages come from uploads, so no Markdown; the copy button helps
        st.code("\n".join(reasons), language=None, wrap_lines=True, height="content" if len(reasons) <= 20 else 400)

scored = frame[frame["outcome"] == "scored"]
if not scored.empty:
    st.subheader("Marks")
    st.altair_chart(marks_histogram(scored), width="stretch")

show_class_summary(rows, rubric)
show_review(rows, texts, rubric, store, account, answers, semantic=semantic, calibration=calibration)

st.subheader("Downloads")
csv_column, xlsx_column = st.columns(2)
csv_column.download_button("Download CSV", export_bytes(rows, "csv"), file_name="results.csv", mime="text/csv",
                           icon=":material/download:")
xlsx_column.download_button("Download Excel", export_bytes(rows, "xlsx"), file_name="results.xlsx",
                            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            icon=":material/download:")
show_report_download(rows, texts, rubric, semantic=semantic, calibration=calibration,
                     signature=(signature, tuple((r.key, r.mentor) for r in rows)))
