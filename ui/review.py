"""The mentor's parts of the batch page: class summary, review queue, overriding an answer (with undo), feedback sheets.

Each ``show_*`` function draws one section. Overrides go to the app's database
(:class:`~evaluator.store.overrides.OverrideStore`), never into the batch's rows: the rows keep the
evaluator's marks and the page merges the mentor's review in (:func:`~evaluator.batch.rows.with_reviews`).
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import altair as alt
import pandas as pd
import streamlit as st

from evaluator import Rubric
from evaluator.agreement.calibration import RubricCalibration
from evaluator.batch.review import review_queue
from evaluator.batch.rows import SCORED_OUTCOME, ResultRow
from evaluator.batch.runner import evaluate_answer
from evaluator.batch.sheets import feedback_sheets
from evaluator.core.results import STATUSES
from evaluator.store.overrides import OverrideError, OverrideRequest, OverrideStore
from evaluator.views.highlight import HIGHLIGHT_CSS, escape_markdown, highlight_html, legend_html
from evaluator.views.reports import reports_zip
from ui.result_view import BAR_COLOURS

QUEUE_SHOWN = 10
KEEP = "(keep)"
MIN_SHARE_ANSWERS = 5  # a question's coverage shares are shown from this many scored answers


def coverage_frame(rows: list[ResultRow], rubric: Rubric) -> pd.DataFrame:
    """Per key point of each question: the share of scored answers in which it is covered, partial, missing (or any
    other status), by the final (mentor's, where given) status."""
    records = []
    for question in rubric.questions:
        answered = [r for r in rows if r.question_id == question.id and r.outcome == SCORED_OUTCOME]
        for point in question.key_points:
            statuses = [r.final_status(point.id) for r in answered]
            for status in dict.fromkeys(statuses):
                records.append({"question": question.id, "point": point.id, "label": point.label, "status": status,
                                "share": statuses.count(status) / len(statuses), "answers": statuses.count(status),
                                "of": len(statuses)})
    return pd.DataFrame.from_records(records, columns=["question", "point", "label", "status", "share", "answers",
                                                       "of"])


def most_missed(coverage: pd.DataFrame) -> str:
    """'72% of 18 answers missed the “Defence industrial roadmap” point (Q1)': the point most often missing, among
    questions with at least :data:`MIN_SHARE_ANSWERS` scored answers (a share of one answer says nothing)."""
    missing = coverage[(coverage["status"] == "missing") & (coverage["of"] >= MIN_SHARE_ANSWERS)]
    if missing.empty:
        return "No key point was missed by any scored answer."
    worst = missing.sort_values("share", ascending=False).iloc[0]
    return f"{worst['share']:.0%} of {worst['of']} answers missed the “{worst['label']}” point ({worst['question']})."


def coverage_chart(coverage: pd.DataFrame) -> alt.Chart:
    colours = BAR_COLOURS  # the student page's: red is "wrong" (contradicted) on every page, missing is grey
    others = [s for s in coverage["status"].unique() if s not in colours]
    return (
        alt.Chart(coverage.assign(name=coverage["question"] + " · " + coverage["label"]))
        .mark_bar()
        .encode(
            x=alt.X("share:Q", stack="normalize", title="Share of scored answers", axis=alt.Axis(format="%")),
            y=alt.Y("name:N", title=None, sort=None, axis=alt.Axis(labelLimit=320)),
            color=alt.Color("status:N", scale=alt.Scale(domain=[*colours, *others],
                                                        range=[*colours.values(), *["#7b6fd6"] * len(others)]),
                            legend=alt.Legend(orient="bottom", title=None)),
            tooltip=["question", "label", "status", alt.Tooltip("share:Q", format=".0%"), "answers",
                     alt.Tooltip("of:Q", title="of scored answers")],
        )
        .properties(height=26 * coverage[["question", "point"]].drop_duplicates().shape[0] + 40)
    )


def show_class_summary(rows: list[ResultRow], rubric: Rubric) -> None:
    """Coverage of each key point across the class, and the answers most in need of review."""
    coverage = coverage_frame(rows, rubric)
    if not coverage.empty:
        st.subheader("Key points across the class")
        few = sorted(set(coverage.loc[coverage["of"] < MIN_SHARE_ANSWERS, "question"]))
        coverage = coverage[coverage["of"] >= MIN_SHARE_ANSWERS]
        if not coverage.empty:
            st.markdown(f"**{escape_markdown(most_missed(coverage))}**")
            st.altair_chart(coverage_chart(coverage), width="stretch")
        if few:
            st.caption(f"No shares for {', '.join(few)}: fewer than {MIN_SHARE_ANSWERS} scored answers each, too few "
                       "for a share to mean anything.")
    queue = [e for e in review_queue(rows) if e.priority > 0][:QUEUE_SHOWN]
    st.subheader("Review queue")
    if not queue:
        st.caption("No answer stands out for review: no misread text, contradiction, marks on a grade boundary or "
                   "disagreeing signals.")
        return
    st.caption("The answers that most need a mentor: text misread, a key point contradicted or denied, marks within "
               "half a mark of a grade boundary (25%, 50%, 75%), or signals that disagree.")
    st.dataframe(pd.DataFrame({"file": [e.row.key for e in queue], "student": [e.row.student for e in queue],
                               "marks": [e.row.marks for e in queue],
                               "why": ["; ".join(e.reasons) for e in queue]}),
                 hide_index=True, width="stretch", key="review_queue")


def _answer_label(row: ResultRow) -> str:
    # what does not change when the mentor overrides it, so the list (and the open answer) stays put
    marks = f"{row.marks:g} / {row.max_marks:g}" if row.marks is not None else row.outcome
    return f"{row.key} · {row.student} · {marks}"


def show_review(rows: list[ResultRow], texts: dict[str, str], rubric: Rubric, store: OverrideStore | None,
                reviewer: str, *, semantic: bool, calibration: RubricCalibration | None) -> None:
    """Open any answer: its highlighted evidence, and a form to change its marks and point statuses with a reason."""
    st.subheader("Review an answer")
    if store is None:
        st.warning("Overrides cannot be saved: the app's database is unavailable.")
        return
    readable = [r for r in rows if r.key in texts and r.question_id in rubric.question_ids]
    if not readable:
        st.caption("No answer could be read, so there is none to review.")
        return
    # the queue's order as the evaluator left it: saving an override must not reorder the list under the mentor
    order = [e.row.key for e in review_queue([replace(r, mentor=None) for r in readable])]
    by_key = {r.key: r for r in readable}
    key = st.selectbox("Answer (the review queue's order)", order, key="review_answer",
                       format_func=lambda k: _answer_label(by_key[k]))
    row = by_key[key]
    question = rubric.question(row.question_id)
    evaluation = evaluate_answer(texts[key], question, rubric, semantic=semantic, calibration=calibration)
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{escape_markdown(row.student)}** · {question.id} · evaluator: "
                    f"**{evaluation.marks:g} / {question.marks:g}**"
                    + (f" ({evaluation.calibration.answers} mentor marks calibrate it)" if evaluation.calibration
                       else "") + (f" · mentor: **{row.mentor.marks:g}**" if row.mentor and row.mentor.marks is not None
                                   else ""))
        if not evaluation.ok:
            st.info(evaluation.message)
        st.html(legend_html())
        st.html(HIGHLIGHT_CSS + highlight_html(texts[key], evaluation))
    with right, st.form(f"override-{key}", clear_on_submit=False, border=True):
        current = row.final_marks if row.final_marks is not None else evaluation.marks
        marks = st.number_input("Marks", min_value=0.0, max_value=float(question.marks), value=float(current),
                                step=0.5, key=f"marks-{key}")
        points = {}
        titles = {kp.id: kp.label for kp in question.key_points}  # titles, as everywhere else a mentor reads them
        for p in evaluation.points:
            status = row.final_status(p.id) or p.status
            options = [KEEP, *dict.fromkeys([*STATUSES, status])]
            choice = st.selectbox(f"{titles.get(p.id, p.id)} (now {status}, score {p.score:.2f})", options,
                                  key=f"status-{key}-{p.id}", help=f"Key point id: {p.id}")
            if choice != KEEP and choice != status:
                points[p.id] = (status, choice)
        reason = st.text_input("Reason (for the audit trail)", key=f"reason-{key}")
        comment = st.text_area("Comment for the student (printed on the feedback sheet)", key=f"comment-{key}",
                               height=80)
        if st.form_submit_button("Save override", type="primary"):
            new_marks = None if marks == current else marks  # a mentor may change only statuses or comment
            try:
                store.record(OverrideRequest(rubric.id, rubric.version, question, key, row.student, texts[key],
                                             old_marks=current, new_marks=new_marks,
                                             old_points={p: old for p, (old, _) in points.items()},
                                             new_points={p: new for p, (_, new) in points.items()},
                                             reason=reason, comment=comment), reviewer=reviewer)
            except OverrideError as exc:
                st.error(f"Not saved — {exc}")
            except sqlite3.Error as exc:
                st.error(f"Not saved — {store.path}: {exc}")
            else:
                st.session_state["override_saved"] = f"Saved the override of {key}."
                st.rerun()
    if message := st.session_state.pop("override_saved", ""):
        st.success(message)
    show_audit_trail(store, rubric, key, reviewer)


def show_audit_trail(store: OverrideStore, rubric: Rubric, key: str, reviewer: str) -> None:
    """Every change to this answer, oldest first, with an Undo button on each override still in force."""
    trail = store.history(rubric.id, answer_key=key)
    if not trail:
        return
    undone = {o.undoes for o in trail if o.action == "undo"}
    st.markdown("**Audit trail**")
    for o in trail:
        when = o.created_at.astimezone().strftime("%d %b %Y %H:%M")
        what = f"undid #{o.undoes}" if o.action == "undo" else o.describe()
        line, button = st.columns([5, 1])
        line.markdown(f"#{o.id} · {when} · **{escape_markdown(o.reviewer)}** (rubric v{o.rubric_version}): "
                      f"{escape_markdown(what)} — {escape_markdown(o.reason)}"
                      + (" · *undone*" if o.id in undone else ""))
        if o.action == "override" and o.id not in undone and button.button("Undo", key=f"undo-{o.id}"):
            try:
                store.undo(o.id, reviewer=reviewer)
            except OverrideError as exc:
                st.error(f"Not undone — {exc}")
            else:
                st.rerun()


def show_report_download(rows: list[ResultRow], texts: dict[str, str], rubric: Rubric, *, semantic: bool,
                         calibration: RubricCalibration | None, signature: object) -> None:
    """Feedback sheets for every student, prepared on request (each answer is evaluated again for its evidence)."""
    ready = st.session_state.get("reports_zip")
    if st.button("Prepare feedback sheets (HTML and PDF per student)", icon=":material/description:"):
        with st.spinner("Writing the feedback sheets…"):
            data = reports_zip(feedback_sheets(rows, texts, rubric, semantic=semantic, calibration=calibration))
        st.session_state["reports_zip"] = ready = (signature, data)
    if ready is not None and ready[0] == signature:
        st.download_button("Download feedback sheets (.zip)", ready[1], file_name="feedback_sheets.zip",
                           mime="application/zip", icon=":material/download:")
