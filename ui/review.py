"""The mentor's parts of the batch page: class summary, review queue, overriding an answer (with undo), feedback sheets.

Each ``show_*`` function draws one section. Overrides go to the app's database
(:class:`~evaluator.store.overrides.OverrideStore`), never into the batch's rows: the rows keep the
evaluator's marks and the page merges the mentor's review in (:func:`~evaluator.batch.rows.with_reviews`).
Each answer is known by its :class:`~evaluator.store.overrides.AnswerId` (class, path in the upload, text,
student), and its form remembers the answer's version it was opened with: a save over someone else's newer
change shows both, and the mentor keeps theirs or takes the other's.
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
from evaluator.store.overrides import AnswerId, OverrideConflict, OverrideError, OverrideRequest, OverrideStore
from evaluator.store.users import Account, NotAllowed
from evaluator.views.highlight import HIGHLIGHT_CSS, escape_markdown, highlight_html, legend_html
from evaluator.views.reports import reports_zip
from ui.result_view import BAR_COLOURS

QUEUE_SHOWN = 10
KEEP = "(keep)"
MIN_SHARE_ANSWERS = 5  # a question's coverage shares are shown from this many scored answers
FORM_PARTS = ("marks", "status", "reason", "comment")  # an answer's form widgets: "<part>-...-<answer digest>"


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


def _form_keys(digest: str) -> list[str]:
    """The session keys of an answer's form: its widgets (``<part>-...-<digest>``) and the version it was opened
    with."""
    return [k for k in st.session_state if isinstance(k, str)
            and ((k.split("-", 1)[0] in FORM_PARTS and k.endswith(digest)) or k == f"opened-{digest}")]


def reset_form(digest: str) -> None:
    """Forget an answer's form (its widgets and the version it was opened with): it opens again on the answer as
    it is now."""
    for key in _form_keys(digest):
        del st.session_state[key]


def show_review(rows: list[ResultRow], texts: dict[str, str], rubric: Rubric, store: OverrideStore | None,
                account: Account, answers: dict[str, AnswerId], *, semantic: bool,
                calibration: RubricCalibration | None) -> None:
    """Open any answer: its highlighted evidence, and a form to change its marks and point statuses with a reason.

    Args:
        answers: each row's answer identity (by row key), as its overrides are stored.
    """
    st.subheader("Review an answer")
    if store is None:
        st.warning("Overrides cannot be saved: the app's database is unavailable.")
        return
    readable = [r for r in rows if r.key in answers and r.question_id in rubric.question_ids]
    if not readable:
        st.caption("No answer could be read, so there is none to review.")
        return
    # the queue's order as the evaluator left it: saving an override must not reorder the list under the mentor
    order = [e.row.key for e in review_queue([replace(r, mentor=None) for r in readable])]
    by_key = {r.key: r for r in readable}
    key = st.selectbox("Answer (the review queue's order)", order, key="review_answer",
                       format_func=lambda k: _answer_label(by_key[k]))
    row = by_key[key]
    identity = answers[key]
    digest = identity.digest  # widget keys: another answer under the same name gets a form of its own
    question = rubric.question(row.question_id)
    evaluation = evaluate_answer(texts[key], question, rubric, semantic=semantic, calibration=calibration,
                                 read_by_ocr=row.ocr_confidence is not None)
    current = row.final_marks if row.final_marks is not None else evaluation.marks
    statuses = {p.id: row.final_status(p.id) or p.status for p in evaluation.points}
    if f"marks-{digest}" not in st.session_state:  # the form opens now: on this version of the answer
        st.session_state[f"opened-{digest}"] = (store.version(rubric.id, identity), current, statuses)
    opened_version, opened_marks, opened_statuses = st.session_state[f"opened-{digest}"]
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
    with right, st.form(f"override-{digest}", clear_on_submit=False, border=True):
        marks = st.number_input("Marks", min_value=0.0, max_value=float(question.marks), value=float(opened_marks),
                                step=0.5, key=f"marks-{digest}")
        points = {}
        titles = {kp.id: kp.label for kp in question.key_points}  # titles, as everywhere else a mentor reads them
        for p in evaluation.points:
            status = opened_statuses.get(p.id, p.status)
            options = [KEEP, *dict.fromkeys([*STATUSES, status])]
            choice = st.selectbox(f"{titles.get(p.id, p.id)} (now {status}, score {p.score:.2f})", options,
                                  key=f"status-{p.id}-{digest}", help=f"Key point id: {p.id}")
            if choice != KEEP and choice != status:
                points[p.id] = (status, choice)
        reason = st.text_input("Reason (for the audit trail)", key=f"reason-{digest}")
        comment = st.text_area("Comment for the student (printed on the feedback sheet)", key=f"comment-{digest}",
                               height=80)
        if st.form_submit_button("Save override", type="primary"):
            # only what the mentor changed in this form: marks left as they were opened are not saved again
            request = OverrideRequest(rubric.id, rubric.version, question, key, row.student, texts[key],
                                      old_marks=opened_marks, new_marks=None if marks == opened_marks else marks,
                                      old_points={p: old for p, (old, _) in points.items()},
                                      new_points={p: new for p, (_, new) in points.items()},
                                      reason=reason, comment=comment, run=identity.run)
            _save(store, request, account, opened_version, digest)
    _show_conflict(store, account, digest, current, statuses)
    if message := st.session_state.pop("override_saved", ""):
        st.success(message)
    show_audit_trail(store, rubric, identity, account)


def _save(store: OverrideStore, request: OverrideRequest, account: Account, expected: int, digest: str) -> None:
    try:
        store.record(request, by=account, expected=expected)
    except OverrideConflict as exc:
        st.session_state[f"conflict-{digest}"] = (request, exc.current, str(exc))
        st.rerun()
    except (OverrideError, NotAllowed) as exc:
        st.error(f"Not saved — {escape_markdown(str(exc))}")
    except sqlite3.Error as exc:
        st.error(f"Not saved — the app's database: {exc}")
    else:
        st.session_state.pop(f"conflict-{digest}", None)
        reset_form(digest)
        st.session_state["override_saved"] = f"Saved the override of {request.answer_key}."
        st.rerun()


def _show_conflict(store: OverrideStore, account: Account, digest: str, marks_now: float,
                   statuses_now: dict[str, str]) -> None:
    """A save that met someone else's newer change: what they did, and the mentor's choice."""
    conflict = st.session_state.get(f"conflict-{digest}")
    if conflict is None:
        return
    request, current, message = conflict
    st.warning(f"Not saved — {escape_markdown(message)}. **Keep mine** saves your change over theirs; **take "
               "theirs** drops your change and shows the answer as they left it.", icon=":material/sync_problem:")
    keep, take = st.columns(2)
    if keep.button("Keep mine", key=f"keep-{digest}", type="primary"):
        # against the answer as it is now: old values are theirs, so the audit trail reads right
        mine = replace(request, old_marks=marks_now,
                       old_points={p: statuses_now.get(p, "") for p in request.new_points})
        _save(store, mine, account, current, digest)
    if take.button("Take theirs", key=f"take-{digest}"):
        st.session_state.pop(f"conflict-{digest}", None)
        reset_form(digest)
        st.rerun()


def _undo(store: OverrideStore, override_id: int, account: Account, expected: int, digest: str) -> None:
    """Undo button callback: against the version the trail showed when the button was drawn."""
    try:
        store.undo(override_id, by=account, expected=expected)
    except OverrideConflict as exc:
        st.session_state["undo_error"] = f"Not undone — {exc}. The trail below is as it is now."
    except (OverrideError, NotAllowed) as exc:
        st.session_state["undo_error"] = f"Not undone — {exc}"
    else:
        reset_form(digest)  # the form opens again on the answer as the undo left it


def show_audit_trail(store: OverrideStore, rubric: Rubric, answer: AnswerId, account: Account) -> None:
    """Every change to this answer (and only this one: same class, path, text and student), oldest first, with an
    Undo button on each override still in force."""
    if problem := st.session_state.pop("undo_error", ""):
        st.error(escape_markdown(problem))
    trail = store.history(rubric.id, answer=answer)
    if not trail:
        return
    version = trail[-1].id
    undone = {o.undoes for o in trail if o.action == "undo"}
    st.markdown("**Audit trail**")
    for o in trail:
        when = o.created_at.astimezone().strftime("%d %b %Y %H:%M")
        what = f"undid #{o.undoes}" if o.action == "undo" else o.describe()
        line, button = st.columns([5, 1])
        line.markdown(f"#{o.id} · {when} · **{escape_markdown(o.reviewer)}** (rubric v{o.rubric_version}): "
                      f"{escape_markdown(what)} — {escape_markdown(o.reason)}"
                      + (" · *undone*" if o.id in undone else ""))
        if o.action == "override" and o.id not in undone:
            button.button("Undo", key=f"undo-{o.id}", on_click=_undo,
                          args=(store, o.id, account, version, answer.digest))


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
