"""One evaluation on screen: marks, feedback, key points, the highlighted answer, structure and the outline.

Each ``show_*`` function draws one section; :func:`show_evaluation` draws them all in the order a
student reads them. Every piece of the answer or the rubric goes through escaping: nothing a
student pastes is rendered as Markdown or HTML.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from evaluator import Evaluation, Question
from evaluator.views.highlight import HIGHLIGHT_CSS, escape_markdown, highlight_html, legend_html, point_name
from evaluator.views.outline import model_answer, outline_markdown
from evaluator.views.progress import point_changes

# Material icons ship with Streamlit, so they render even where no emoji font is installed
ICONS = {
    "covered": ":green[:material/check_circle:]",
    "partial": ":orange[:material/change_circle:]",
    "missing": ":red[:material/cancel:]",
    "contradicted": ":red[:material/report:]",
    "improve": ":blue[:material/trending_up:]",
    "structure": ":blue[:material/format_align_left:]",
    "passed": ":green[:material/check_circle:]",
    "failed": ":red[:material/cancel:]",
}
BAR_COLOURS = {"covered": "#3fa564", "partial": "#e8a33d", "missing": "#9e9e9e", "contradicted": "#d9534f"}
CHECK_NAMES = {"length": "Length", "introduction": "Introduction", "body": "Body", "conclusion": "Conclusion",
               "directive": "Directive"}


def feedback_markdown(evaluation: Evaluation, kinds: tuple[str, ...]) -> str:
    """One Markdown list of the feedback items of these kinds, answer quotes escaped."""
    return "\n".join(
        f"- {ICONS[item.kind]} {escape_markdown(item.message)}" for item in evaluation.feedback if item.kind in kinds
    )


def point_labels(question: Question) -> dict[str, str]:
    """Each key point's name for a reader (its ``title``, else its id in words), as the highlights show it."""
    return {p.id: p.label for p in question.key_points}


def points_frame(evaluation: Evaluation, labels: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per key point: its short name (as in the highlights), statement, status and score."""
    return pd.DataFrame(
        [
            {"#": i, "Point": point_name(p.id, labels), "Key point": p.point, "Status": p.status, "Score": p.score}
            for i, p in enumerate(evaluation.points, start=1)
        ]
    )


def points_table(points: pd.DataFrame) -> pd.DataFrame:
    """The key points frame as ``st.table`` shows it: it renders Markdown in its cells, so the rubric's titles and
    statements are escaped to show as written (a Markdown image in a title was fetched for every student)."""
    return points.assign(**{column: points[column].map(escape_markdown) for column in ("Point", "Key point")})


def top_improvements(evaluation: Evaluation, question: Question, count: int = 3) -> list[str]:
    """The few changes worth most marks, best first: a wrong fact to correct, then the points (by weight x the credit
    still missing, as a share of the content marks) and structure checks (by their weight x what they lack, as a
    share of the structure marks) that would add most."""
    settings = question.settings
    messages = {item.point_id: item.message for item in evaluation.feedback if item.point_id}
    gains: list[tuple[float, str]] = []
    for p in evaluation.points:
        if p.id not in messages or p.status == "covered":
            continue
        lacking = 1.0 if p.status == "contradicted" else 1 - p.score
        bonus = 1.0 if p.status == "contradicted" else 0.0  # a wrong fact costs marks beyond its point: first
        gains.append((bonus + (1 - settings.structure_share) * p.weight * lacking / question.total_weight,
                      messages[p.id]))
    if evaluation.structure is not None:
        weights, total = settings.check_weights, settings.check_weight_total
        for check in evaluation.structure.checks:
            if not check.passed:
                gains.append((settings.structure_share * weights[check.name] * (1 - check.score) / total,
                              check.message))
    # then the advice for going higher that an answer with every point covered still gets
    gains += [(0.0, item.message) for item in evaluation.feedback if item.kind == "improve"]
    return [message for _, message in sorted(gains, key=lambda g: -g[0])[:count]]


def coverage_chart(points: pd.DataFrame, covered_at: float) -> alt.LayerChart:
    """Horizontal bars of coverage per key point, coloured by status, with the 'covered' threshold."""
    bars = (
        alt.Chart(points)
        .mark_bar()
        .encode(
            x=alt.X("Score:Q", scale=alt.Scale(domain=[0, 1]), title="Coverage (0–1)"),
            y=alt.Y("Point:N", sort=list(points["Point"]), title=None, axis=alt.Axis(labelLimit=260)),
            color=alt.Color("Status:N", scale=alt.Scale(domain=list(BAR_COLOURS), range=list(BAR_COLOURS.values())),
                            legend=alt.Legend(orient="bottom", title=None)),
            tooltip=["#", "Key point", "Status", alt.Tooltip("Score:Q", format=".2f")],
        )
    )
    threshold = alt.Chart(pd.DataFrame({"x": [covered_at]})).mark_rule(strokeDash=[4, 4], color="#888").encode(x="x:Q")
    return (bars + threshold).properties(height=34 * len(points) + 40)


def show_marks(evaluation: Evaluation, question: Question, previous_marks: float | None) -> None:
    """Marks (with the change since the last attempt), key points covered, words, and the UPSC scale."""
    covered = sum(p.status == "covered" for p in evaluation.points)
    marks_col, points_col, words_col = st.columns(3)
    same = previous_marks == evaluation.marks
    marks_col.metric(
        "Marks",
        f"{evaluation.marks:g} / {evaluation.max_marks:g}",
        delta=None if previous_marks is None else (
            "no change since last attempt" if same else f"{evaluation.marks - previous_marks:+g} since last attempt"),
        delta_color="off" if same else "normal",
        delta_arrow="off" if same else "auto",
    )
    points_col.metric("Key points covered", f"{covered} / {len(evaluation.points)}")
    words_col.metric("Words", f"{evaluation.word_count} / {question.word_limit}")
    st.caption(f"Content {evaluation.content_score:.0%} · structure {evaluation.structure_score:.0%} "
               f"(content earns {1 - question.settings.structure_share:.0%} of the marks, structure the rest)")
    if evaluation.calibration is not None:
        st.caption(f":material/tune: Marks calibrated on {evaluation.calibration.answers} mentor marks "
                   f"(the rubric alone gives {evaluation.calibration.uncalibrated_marks:g}).")
    st.caption(
        f"As with UPSC examiners, a flawless answer earns about {question.settings.top_share:.0%} of full marks here "
        f"({question.settings.top_share * question.marks:g} of {question.marks:g})."
    )


def show_progress(evaluation: Evaluation, previous_points: dict[str, str] | None) -> None:
    """Which key points moved since the last attempt: the rewrite loop."""
    if previous_points is None:
        return
    changes = point_changes(previous_points, evaluation)
    st.subheader("Since your last attempt")
    if not changes:
        st.caption("No key point changed status since your last attempt.")
        return
    lines = []
    for c in changes:
        icon = ICONS["covered"] if c.gained else ICONS["missing"]
        lines.append(f"- {icon} **Now {escape_markdown(c.after)}** (was {escape_markdown(c.before)}) — "
                     f"{escape_markdown(c.point)}")
    st.markdown("\n".join(lines))


def show_summary(evaluation: Evaluation, question: Question, *, other_question_shown: bool = False) -> None:
    """The summary, red flags, and the three changes worth most marks. ``other_question_shown``: the page already
    offers the question the answer fits better, so the red flag that says the same is not repeated."""
    repeated = f"fits question {evaluation.better_question} " if other_question_shown else None
    for item in evaluation.feedback:
        if item.kind == "summary":
            st.markdown(f"**{escape_markdown(item.message)}**")
        elif item.kind == "warning" and not (repeated and repeated in item.message):
            st.warning(escape_markdown(item.message), icon=":material/warning:")
    if best := top_improvements(evaluation, question):
        st.markdown("**Do these first**\n\n" + "\n".join(f"{n}. {escape_markdown(m)}" for n, m in
                                                            enumerate(best, start=1)))


def show_feedback(evaluation: Evaluation) -> None:
    """All the feedback on points: what was wrong, what to improve and what was covered."""
    if wrong := feedback_markdown(evaluation, ("contradicted",)):
        st.markdown("**What you got wrong**\n\n" + wrong)
    if improve := feedback_markdown(evaluation, ("missing", "partial", "structure", "improve")):
        st.markdown("**To improve**\n\n" + improve)
    if done := feedback_markdown(evaluation, ("covered",)):
        st.markdown("**What you covered**\n\n" + done)


def show_points(evaluation: Evaluation, question: Question) -> None:
    """The key points table and coverage chart."""
    points = points_frame(evaluation, point_labels(question))
    st.table(points_table(points).set_index("#")
        .style.format({"Score": "{:.2f}"})
        .map(lambda status: f"color: {BAR_COLOURS[status]}; font-weight: 600", subset=["Status"])
    )
    st.altair_chart(coverage_chart(points, question.settings.covered_threshold), width="stretch")
    st.caption(f"The dashed line marks the score at which a key point counts as covered "
               f"({question.settings.covered_threshold:g}). A point above it stays partial when the answer only lists "
               "its terms, restates the question or says it in vague words: add the specifics the hint asks for.")


def show_highlights(evaluation: Evaluation, answer: str, question: Question) -> None:
    """The answer with the phrases that earned each key point marked."""
    st.subheader("Your answer, highlighted")
    st.caption("Each highlighted phrase earned credit for the key point named after it; hover over a phrase to see "
               "what it matched.")
    st.html(legend_html())
    st.html(HIGHLIGHT_CSS + highlight_html(answer, evaluation, point_labels(question)))


def show_structure(evaluation: Evaluation) -> None:
    """Each structure check, passed or not, with its advice."""
    if evaluation.structure is not None:
        st.markdown("\n".join(
            f"- {ICONS['passed' if c.passed else 'failed']} **{CHECK_NAMES.get(c.name, c.name.title())}** — "
            f"{escape_markdown(c.message)}"
            for c in evaluation.structure.checks
        ))


def show_outline(question: Question) -> None:
    """A written model answer and its outline, folded away until the student opens it (shown only with a result, so
    only after a first attempt)."""
    with st.expander("Model answer (open after you have tried)", icon=":material/lightbulb:"):
        st.caption(f"Assembled from the rubric's key points, heaviest first, within the {question.word_limit}-word "
                   "limit: one way to write it, not the only one.")
        st.markdown("\n\n".join(escape_markdown(p) for p in model_answer(question).split("\n\n")))
        st.markdown("**Outline**")
        st.markdown(outline_markdown(question))


def show_evaluation(evaluation: Evaluation, question: Question, answer: str, *,
                    previous_marks: float | None = None, previous_points: dict[str, str] | None = None,
                    other_question_shown: bool = False) -> None:
    """A scored evaluation, most useful first: marks, what changed, the three changes worth most, the highlighted
    answer; then every point's feedback, the key points, the structure checks in tabs, and the model outline."""
    show_marks(evaluation, question, previous_marks)
    show_progress(evaluation, previous_points)
    show_summary(evaluation, question, other_question_shown=other_question_shown)
    show_highlights(evaluation, answer, question)
    feedback, points, structure = st.tabs(["All feedback", "Key points", "Structure"])
    with feedback:
        show_feedback(evaluation)
    with points:
        show_points(evaluation, question)
    with structure:
        show_structure(evaluation)
    show_outline(question)
