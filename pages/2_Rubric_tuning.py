"""Mentor page: edit a rubric's key points, watch the marks and the agreement with your own marks move, save a version.

A thin shell over :mod:`evaluator.rubrics.yaml_edit` (YAML edits that keep comments; publishing a new rubric),
:mod:`evaluator.agreement.calibrate` (marked answers, agreement per key point) and :mod:`evaluator.authoring.draft` (a
draft rubric from a pasted or uploaded article, reviewed beside it and published into the bank).
Rubrics are read from and saved to ``rubrics/*.yaml`` (or ``$UPSC_EVAL_RUBRICS``); every save keeps the
previous version under ``rubrics/.versions/``.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from evaluator import Evaluation, Question, Rubric, RubricError, evaluate, parse_rubric
from evaluator.agreement.calibrate import (
    CalibrationError,
    answer_files_named,
    calibration_report,
    check_against,
    parse_marks_csv,
)
from evaluator.agreement.calibration import (
    MIN_MARKS_TO_CALIBRATE,
    MentorMark,
    TooFewMarks,
    calibration_json,
    calibration_path,
    fit_calibration,
)
from evaluator.agreement.metrics import MIN_CORRELATION_N, agreement
from evaluator.io.articles import ARTICLE_SUFFIXES, read_article_bytes
from evaluator.io.files import write_atomic
from evaluator.io.ingest import IngestError, decode_text
from evaluator.authoring.draft import DRAFT_HEADER, ArticleError, draft_rubric, draft_yaml
from evaluator.core.values import VALUE_KINDS
from evaluator.rubrics.model import rubric_dir
from evaluator.rubrics.yaml_edit import (
    FACT_COLUMNS,
    AlreadyInBank,
    ChangedOnDisk,
    bump_version,
    fact_rows,
    merge_points,
    point_rows,
    publish_rubric,
    rows_to_facts,
    rows_to_points,
    save_version,
    update_question_facts,
    update_question_points,
)
from evaluator.store.attempts import default_db_path
from evaluator.store.users import CALIBRATE, EDIT_RUBRICS
from evaluator.views.highlight import escape_markdown
from ui.auth import accounts, require
from ui.pickers import RubricChoice, calibration_for, pick_question, pick_rubric, where_in
from ui.resources import override_store
from ui.uploads import ANSWER_TYPES, answer_upload_mb, read_upload, scan_upload_mb

KEYWORDS_WIDTH_PX = 640  # a point's keywords run to 250-370 characters; "large" (400 px) showed a third of them
MISSING_FILES_SHOWN = 8
POINT_COLUMNS = {
    "id": st.column_config.TextColumn("id", pinned=True,
                                      help="unique within the question: letters, digits, '-', '_', '.'"),
    "point": st.column_config.TextColumn("point", width="large", help="the idea in one sentence (used for similarity)"),
    "weight": st.column_config.NumberColumn("weight", width="small",
                                            help="importance within the question: 1 supporting, 3 core"),
    "keywords": st.column_config.TextColumn("keywords", width=KEYWORDS_WIDTH_PX,
                                            help="concepts separated by ';', aliases of one concept by '|': "
                                                 "road map|roadmap; co-production|co-development (a ';' or '|' "
                                                 "that is part of an alias is written \\\\; or \\\\|)"),
    "hint": st.column_config.TextColumn("hint", width="medium", help="feedback when the point is missing"),
}
FACT_COLUMNS_SHOWN = {
    "point": st.column_config.TextColumn("point", help="the id of the key point the fact belongs to"),
    "subject": st.column_config.TextColumn("subject", help="what the fact is about, aliases by '|': Mohit Minerals|"
                                                          "Mohit Minerals case"),
    "attribute": st.column_config.TextColumn("attribute", help="what is said of it, shown to the student: verdict, "
                                                              "members, year enacted"),
    "kind": st.column_config.SelectboxColumn("kind", options=list(VALUE_KINDS),
                                             help="how values are read: a year, a number or ratio (75% = "
                                                  "three-fourths), an ordinal (101st), an article, a country, a "
                                                  "verdict (struck down / upheld), yes-no (from the cues' "
                                                  "polarity: 'not binding' is no), or a name"),
    "values": st.column_config.TextColumn("values", width="medium", help="the allowed values, ';' between values, "
                                                                          "'|' between aliases: United States|US; Japan"),
    "cues": st.column_config.TextColumn("cues", help="words that tie a clause to this attribute, by '|': "
                                                    "binding|mandatory (one must be in the clause)"),
    "others": st.column_config.TextColumn("others", help="known wrong values (for a name, the only ones caught): "
                                                        "Second Judges case; Third Judges case"),
    "source": st.column_config.TextColumn("source", help="what the source says, quoted when a claim is wrong"),
}
# what each agreement figure means, for a mentor rather than a statistician
METRIC_HELP = {
    "Pearson": "Do the evaluator's marks rise and fall with yours? 1 = perfectly in step, 0 = unrelated. "
               "It ignores a constant offset: marks always 1 lower still give 1.",
    "QWK": "Quadratic weighted kappa: how often you and the evaluator give the same mark (to the nearest half "
           "mark), with big disagreements counting more than near misses. 1 = always the same, 0 = no better "
           "than chance.",
    "MAE (marks)": "Mean absolute error: on average, how many marks the evaluator is away from yours. Lower is better.",
    "Within ±1 mark": "Share of answers where the evaluator's mark is at most one mark away from yours.",
}
POINT_TABLE_HELP = {
    "correlation with your marks": "Does this point's score rise with your marks? Near 1: it separates good "
                                   "answers from weak ones; near 0 or negative: reword it or its keywords.",
    "covered in better half": "Of the answers you marked highest (the better half of this question's answers), "
                              "the share that cover this point.",
    "covered in weaker half": "Of the answers you marked lowest (the weaker half), the share that cover this point. "
                              "A useful point is covered far more often in the better half.",
}


@st.cache_data(show_spinner=False, max_entries=20_000)
def evaluated(question_json: str, answer: str) -> Evaluation:
    """One answer scored against one version of a question (edits to other questions reuse the cache)."""
    return evaluate(answer, Question.model_validate_json(question_json))


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def edited_questions(pending: dict[tuple[str, str], list[dict]], base: str, rubric: Rubric) -> list[str]:
    """The questions whose key point table differs from ``rubric`` (the version whose text digest is ``base``)."""
    return [qid for (text_digest, qid), rows in pending.items()
            if text_digest == base and qid in rubric.question_ids and rows != point_rows(rubric, qid)]


def drop_edits(pending: dict[tuple[str, str], list[dict]], base: str) -> None:
    for key in [k for k in pending if k[0] == base]:
        del pending[key]


def opened_version(choice: RubricChoice, pending: dict[tuple[str, str], list[dict]],
                   opened: dict[str, str]) -> tuple[str, Rubric]:
    """The version this session edits: while it has unsaved edits, the one it opened (even after someone else saved
    another); else the file as it is now."""
    if choice.path is None:
        return choice.text, choice.rubric
    kept = opened.get(str(choice.path))
    if kept is not None and kept != choice.text:
        kept_rubric = parse_rubric(kept, source=choice.name)  # it parsed when it was opened
        if edited_questions(pending, digest(kept), kept_rubric):
            return kept, kept_rubric
    opened[str(choice.path)] = choice.text
    return choice.text, choice.rubric


def changed_on_disk(choice: RubricChoice, base_text: str, working_text: str | None,
                    pending: dict[tuple[str, str], list[dict]]) -> None:
    """Someone saved the file since this session opened it: say so, and offer to reload theirs or merge into it."""
    opened = st.session_state["opened"]
    st.warning(f"{escape_markdown(choice.name)} was saved by someone else since you opened it: it is now version "
               f"{choice.rubric.version}. Your unsaved edits are kept. **Reload** their version (your edits are "
               "dropped), or **merge** your edits into it, then save.", icon=":material/sync_problem:")
    reload_column, merge_column = st.columns(2)
    if reload_column.button("Reload their version", key="reload", icon=":material/refresh:"):
        drop_edits(pending, digest(base_text))
        opened[str(choice.path)] = choice.text
        st.rerun()
    if merge_column.button("Merge my edits into theirs", key="merge", icon=":material/merge:",
                           disabled=working_text is None):
        merged, clashes = merge_points(base_text, working_text or base_text, choice.text, source=choice.name)
        if clashes:
            st.error(f"Both of you changed the key points of {', '.join(clashes)}: nothing was merged. Copy your rows "
                     "of those questions, reload their version, and make your edits there.")
            return
        merged_rubric = parse_rubric(merged, source=choice.name)
        mine = edited_questions(pending, digest(base_text), parse_rubric(base_text, source=choice.name))
        drop_edits(pending, digest(base_text))
        for qid in mine:  # the merged key points, as unsaved edits of their version
            pending[digest(choice.text), qid] = point_rows(merged_rubric, qid)
        opened[str(choice.path)] = choice.text
        st.rerun()


def show_metric(column: DeltaGenerator, label: str, now: float, was: float | None, *,
                number_format: str, lower_is_better: bool = False) -> None:
    """A metric with its change since the saved rubric; a change that rounds to zero has no arrow or colour."""
    value = format(now, number_format)
    if was is None:
        column.metric(label, value, help=METRIC_HELP[label])
    elif format(abs(now - was), number_format) == format(0, number_format):
        column.metric(label, value, "no change", delta_color="off", delta_arrow="off", help=METRIC_HELP[label])
    else:
        column.metric(label, value, format(now - was, "+" + number_format),
                      delta_color="inverse" if lower_is_better else "normal", help=METRIC_HELP[label])


# --- drafting and publishing (kept apart so that publishing can be guarded by role) ---


def read_article_upload(name: str, data: bytes) -> tuple[str, str]:
    """An uploaded article's text, or a reason it cannot be read."""
    try:
        return read_article_bytes(name, data), ""
    except IngestError as exc:
        return "", exc.reason


def article_input() -> tuple[str, str, int] | None:
    """The article (pasted or uploaded), its name and the number of questions wanted, once "Draft" is pressed."""
    article_text = st.text_area("Article text", key="article_text", height=180,
                                placeholder="Paste an article: a title, then sections, each a heading on its own "
                                            "line followed by bullets or paragraphs…")
    article_file = st.file_uploader("…or upload it (.txt, .md, .docx, .pdf, or a web page saved as .html)",
                                    type=[s.lstrip(".") for s in ARTICLE_SUFFIXES], key="article_file",
                                    max_upload_size=answer_upload_mb())
    st.caption("Headings may be bare, end in a colon, be numbered or in markdown (## Challenges); bullets may be "
               "-, *, •, 1. or a). Sections on significance, challenges, provisions or recommendations, background "
               "and a way forward become questions.")
    wanted = int(st.number_input("Questions (0: one per section)", min_value=0, max_value=20, value=0, key="wanted"))
    if not st.button("Draft rubric", key="draft", icon=":material/auto_fix_high:"):
        return None
    if article_file is not None:
        text, problem = read_article_upload(article_file.name, article_file.getvalue())
        if problem:
            st.session_state["drafted"] = {"error": f"{article_file.name}: {problem}"}
            return None
        return text, article_file.name, wanted
    return article_text, "pasted article", wanted


def make_draft(article: str, name: str, wanted: int) -> None:
    """Draft a rubric and keep it (YAML, article) in the session for review; or the reason it could not be drafted."""
    try:
        drafted = draft_rubric(article, questions=wanted or None)
    except (ArticleError, ValueError) as exc:
        st.session_state["drafted"] = {"error": str(exc)}
        return
    text = draft_yaml(drafted, header=DRAFT_HEADER.replace("from an article", f"from {name}"))
    st.session_state["drafted"] = {"yaml": text, "article": article, "id": drafted.id, "error": ""}
    st.session_state["draft_yaml"] = text  # the editor starts from the new draft


def review_draft(draft: dict[str, str]) -> Rubric | None:
    """The draft beside its article: the YAML to edit, each point's source sentence, and whether it is valid."""
    article_column, draft_column = st.columns(2)
    with article_column:
        st.markdown("**Article**")
        with st.container(height=560, key="draft_article"):
            st.text(draft["article"])
    with draft_column:
        st.markdown("**Draft rubric** (edit it here)")
        edited = st.text_area("Draft rubric YAML", key="draft_yaml", height=560, label_visibility="collapsed")
    try:
        rubric = parse_rubric(edited, source="draft")
    except RubricError as exc:
        st.error(f"Not valid yet — {escape_markdown(str(exc))}")
        return None
    points = sum(len(q.key_points) for q in rubric.questions)
    st.success(f"Valid: {rubric.id} · {len(rubric.questions)} questions · {points} key points. Each point's source "
               "sentence from the article is below.")
    st.dataframe(pd.DataFrame([{"question": q.id, "point": p.label, "weight": p.weight, "source in the article":
                                p.source or "—"} for q in rubric.questions for p in q.key_points]),
                 hide_index=True, width="stretch", key="draft_sources")
    return rubric


def publish_draft(rubric: Rubric, edited: str, article: str, *, allowed: bool) -> None:
    """Save the reviewed draft into the bank as a new rubric (version 1), its article beside it (``allowed``: this
    account may publish)."""
    folder = rubric_dir()
    if not allowed:
        st.caption(":material/lock: Mentors and admins publish rubrics: download the draft and send it to one.")
        return
    st.caption(f"Publishing saves {rubric.id}.yaml (version {rubric.version}) into the question bank, with the article "
               f"as articles/{rubric.id}.txt beside it.")
    if st.button(f"Publish {rubric.id} to the question bank", key="publish", type="primary",
                 icon=":material/publish:"):
        try:
            saved = publish_rubric(folder, edited, article, source="draft")
        except (AlreadyInBank, RubricError) as exc:
            st.error(f"Not published — {escape_markdown(str(exc))}")
        except OSError as exc:
            st.error(f"Not published — {escape_markdown(f'{folder}: {exc.strerror or exc}')}")
        else:
            st.session_state["published"] = (f"Published {saved.path.name} (version {saved.version}): its questions "
                                              "are in the question bank now.")
            del st.session_state["drafted"]
            st.rerun()


def draft_and_publish(*, may_publish: bool) -> None:
    """Draft a rubric from an article, review and edit it beside the article, publish it to the bank."""
    if message := st.session_state.pop("published", None):
        st.success(escape_markdown(message), icon=":material/check_circle:")
    with st.expander("Draft a rubric from an article and publish it", icon=":material/article:",
                     expanded="drafted" in st.session_state):
        wanted = article_input()
        if wanted is not None:
            with st.spinner("Drafting…"):
                make_draft(*wanted)
        draft = st.session_state.get("drafted")
        if not draft:
            return
        if draft["error"]:
            st.error(f"No rubric could be drafted — {escape_markdown(draft['error'])}")
            return
        rubric = review_draft(draft)
        edited = st.session_state.get("draft_yaml", draft["yaml"])
        st.download_button("Download the draft", edited, file_name=f"{draft['id']}.yaml", mime="application/x-yaml",
                           icon=":material/download:", key="download_draft")
        if rubric is not None:
            publish_draft(rubric, edited, draft["article"], allowed=may_publish)


st.set_page_config(page_title="Rubric tuning", page_icon="🛠️", layout="wide")  # emoji: no icon fetched online
account = require(CALIBRATE, EDIT_RUBRICS)  # mentors calibrate (their classes' rubrics); admins edit rubrics
st.title("Rubric tuning")
st.caption("Edit a question's key points, upload answers you have marked, and watch the marks and the agreement "
           "change before you save. Saving writes a new version and keeps the old one.")

# --- draft a rubric from an article, review it, publish it to the bank (mentors and admins) ---
draft_and_publish(may_publish=account.can(EDIT_RUBRICS) or account.can(CALIBRATE))

# --- sidebar: which rubric and question ---
choice = pick_rubric(key="tuning_rubric", allow_upload=True)  # the page's own choice
rubric_path, source = choice.path, choice.name
pending: dict[tuple[str, str], list[dict]] = st.session_state.setdefault("pending", {})
base_text, saved = opened_version(choice, pending, st.session_state.setdefault("opened", {}))
question_id = pick_question(saved, key="question")
st.sidebar.caption(f"{escape_markdown(saved.title)} · version {saved.version}")

# --- key points editor; edits of every question are kept until saved ---
base = digest(base_text)
editor_bases: dict[tuple[str, str], pd.DataFrame] = st.session_state.setdefault("editor_bases", {})
editor_key = f"points-{question_id}-{base}"
if editor_key not in st.session_state:
    # a new editor starts from this question's unsaved edits, if any (its previous state is gone)
    editor_bases[base, question_id] = pd.DataFrame(pending.get((base, question_id)) or point_rows(saved, question_id),
                                                   columns=list(POINT_COLUMNS))
question = saved.question(question_id)
st.subheader(f"{question.id} · {question.marks:g} marks · {question.word_limit} words")
st.markdown(f"*{escape_markdown(question.text)}*")
edited = st.data_editor(editor_bases[base, question_id], key=editor_key, num_rows="dynamic", hide_index=True,
                        width="stretch", column_config=POINT_COLUMNS)
pending[base, question_id] = edited.to_dict("records")

# --- declared facts: the only claims ever marked wrong ---
pending_facts: dict[tuple[str, str], list[dict]] = st.session_state.setdefault("pending_facts", {})
facts_key = f"facts-{question_id}-{base}"
fact_bases: dict[tuple[str, str], pd.DataFrame] = st.session_state.setdefault("fact_bases", {})
if facts_key not in st.session_state:
    fact_bases[base, question_id] = pd.DataFrame(pending_facts.get((base, question_id)) or
                                                 fact_rows(saved, question_id), columns=list(FACT_COLUMNS))
with st.expander(f"Declared facts ({len(fact_bases[base, question_id])}): what makes a claim wrong"):
    st.caption("A student's clause is marked wrong only when it names a fact's subject (with one of its cues) and "
               "gives another value of the same kind: '122nd' where the values say 101st, 'upheld' where they say "
               "struck down. Anything no fact covers is unverified and never costs marks.")
    edited_facts = st.data_editor(fact_bases[base, question_id], key=facts_key, num_rows="dynamic", hide_index=True,
                                  width="stretch", column_config=FACT_COLUMNS_SHOWN)
pending_facts[base, question_id] = edited_facts.to_dict("records")

working_text, error = base_text, ""
try:
    for qid in edited_questions(pending, base, saved):
        working_text = update_question_points(working_text, qid, rows_to_points(pending[base, qid]), source=source)
    for (text_digest, qid), rows in pending_facts.items():
        if text_digest == base and qid in saved.question_ids and rows != fact_rows(saved, qid):
            working_text = update_question_facts(working_text, qid, rows_to_facts(rows), source=source)
    working = parse_rubric(working_text, source=source)
except RubricError as exc:
    working, error = None, where_in(source, exc)
changed = working_text != base_text
if error:
    # the table's rows are numbered from 1, the rubric's key points from 0
    error = re.sub(r"key_points\[(\d+)\]", lambda m: f"{m.group(0)} (row {int(m.group(1)) + 1} of the table)", error)
    st.error(f"Not valid yet — {escape_markdown(error)}")
    st.caption(":material/edit: Unsaved changes, kept while you fix them. The marks below are for the saved "
               "version until the table is valid again.")
elif changed:
    st.caption(":material/edit: Unsaved changes.")
if rubric_path is not None and base_text != choice.text:
    changed_on_disk(choice, base_text, working_text if not error else None, pending)

# --- marked answers: marks before and after the edits ---
st.subheader("Marked answers")
marks_file = st.file_uploader("Your marks (.csv with question_id, marks and answer — or file, with the files below)",
                              type=["csv"], key="marks_csv", max_upload_size=answer_upload_mb())
answer_files = st.file_uploader("Answer files named in the CSV's file column", type=ANSWER_TYPES,
                                accept_multiple_files=True, key="answer_files", max_upload_size=scan_upload_mb())
items = []
if marks_file is not None:
    texts = {f.name: read_upload(f.name, f.getvalue()) for f in answer_files or []}

    def read_uploaded(name: str) -> str:
        if Path(name).name not in texts:
            raise ValueError("not among the uploaded answer files")
        text, problem = texts[Path(name).name]
        if problem:
            raise ValueError(problem)
        return text

    items = []
    try:
        marks_text = decode_text(marks_file.name, marks_file.getvalue())
        named = answer_files_named(marks_text)
        needed = [name for name in named if Path(name).name not in texts]
        if needed:
            # not an error: the mentor is still uploading
            shown = ", ".join(needed[:MISSING_FILES_SHOWN]) + (
                f" and {len(needed) - MISSING_FILES_SHOWN} more" if len(needed) > MISSING_FILES_SHOWN else "")
            st.info(f"{escape_markdown(marks_file.name)} names {len(named)} answer file{'s' * (len(named) != 1)}; "
                    f"still needed ({len(needed)}): {escape_markdown(shown)}. Add them under “Answer files” above to "
                    "see the marks.",
                    icon=":material/upload_file:")
        else:
            items = parse_marks_csv(marks_text, source=marks_file.name, read_file=read_uploaded)
            check_against(items, saved)
    except (CalibrationError, IngestError) as exc:
        st.error(f"The marks file cannot be used — {escape_markdown(str(exc))}")
        items = []
    if items:
        with st.spinner(f"Scoring {len(items)} answers…"):
            before = [evaluated(saved.question(i.question_id).model_dump_json(), i.text) for i in items]
            after = [evaluated(working.question(i.question_id).model_dump_json(), i.text) for i in items] \
                if working is not None else before
        mentor = [i.marks for i in items]
        was, now = agreement([e.marks for e in before], mentor), agreement([e.marks for e in after], mentor)
        cols = st.columns(4)
        if now.correlation_note:  # two answers always correlate +-1: no figure rather than a misleading one
            cols[0].metric("Pearson", "—", help=METRIC_HELP["Pearson"])
            cols[1].metric("QWK", "—", help=METRIC_HELP["QWK"])
        else:
            show_metric(cols[0], "Pearson", now.pearson, was.pearson if changed else None, number_format=".2f")
            show_metric(cols[1], "QWK", now.qwk, was.qwk if changed else None, number_format=".2f")
        show_metric(cols[2], "MAE (marks)", now.mae, was.mae if changed else None, number_format=".2f",
                    lower_is_better=True)
        show_metric(cols[3], "Within ±1 mark", now.within_one, was.within_one if changed else None,
                    number_format=".0%")
        st.caption("How well the evaluator's marks agree with yours on these answers (hover over a figure for "
                   "what it means). Under each figure: the change your unsaved edits make."
                   + (f" Pearson and QWK: {now.correlation_note}; mark at least {MIN_CORRELATION_N}."
                      if now.correlation_note else ""))
        table = pd.DataFrame({
            "answer": [i.key for i in items],
            "question": [i.question_id for i in items],
            "mentor": mentor,
            "before": [e.marks for e in before],
            "after": [e.marks for e in after],
        })
        table["change"] = table["after"] - table["before"]
        st.dataframe(table, hide_index=True, width="stretch", key="marks_table")
        report = calibration_report(items, after, working or saved, top=0)
        points = [p for p in report.points if p.question_id == question_id]
        if points:
            st.markdown(f"**Key points of {question_id} against your marks**")
            if points[0].correlation_note:
                st.caption(f"Correlations: {points[0].correlation_note} of {question_id}; mark at least "
                           f"{MIN_CORRELATION_N} of its answers.")
            st.dataframe(pd.DataFrame({
                "point": [p.point_id for p in points],
                "correlation with your marks": [None if p.correlation_note else round(p.correlation, 2)
                                                for p in points],
                "covered in better half": [f"{p.covered_high:.0%}" for p in points],
                "covered in weaker half": [f"{p.covered_low:.0%}" for p in points],
            }), hide_index=True, width="stretch", key="points_table",
                column_config={name: st.column_config.Column(name, help=text)
                               for name, text in POINT_TABLE_HELP.items()})
else:
    st.info("Upload a CSV of answers you have marked to see how your edits move the marks.")

# --- calibration on mentor marks ---
st.subheader("Calibration on your marks")
current, problem = calibration_for(choice)
if current is not None:
    st.caption(f":material/tune: Scoring with this rubric gives marks {current.note} "
               f"({', '.join(f'{n} from {src}' for src, n in current.sources)}), fitted {current.fitted_at}"
               + (f" by {escape_markdown(current.fitted_by)}." if current.fitted_by else "."))
elif problem:
    st.warning(problem)
else:
    st.caption("No calibration yet: marks come from the rubric alone.")
try:
    # only the marks of the mentors who own a class that uses this rubric (and the single local user's)
    mentors = accounts().calibration_mentors(saved.id)
    overridden = override_store(str(default_db_path())).marked_answers(saved.id, mentors=mentors)
except (sqlite3.Error, OSError) as exc:
    mentors, overridden = set(), []
    st.warning(f"Mentor overrides are unavailable ({exc}).")
may_calibrate = account.can(CALIBRATE) and account.username in mentors
if not may_calibrate:
    st.caption(":material/lock: Only the mentors of the classes that use this rubric fit its calibration.")
csv_items = items if marks_file is not None else []
st.markdown(f"Learn the mapping from the evaluator's signals to your marks: **{len(overridden)}** overridden "
            f"answer{'s' * (len(overridden) != 1)} from the batch page and **{len(csv_items)}** from the marks CSV "
            f"above (at least {MIN_MARKS_TO_CALIBRATE} are needed).")
if st.button("Fit calibration", key="fit_calibration", icon=":material/model_training:",
             disabled=rubric_path is None or changed or not may_calibrate):
    marks = [MentorMark(i.question_id, i.marks, evaluated(saved.question(i.question_id).model_dump_json(), i.text),
                        marks_file.name) for i in csv_items]
    marks += [MentorMark(o.question_id, o.new_marks, evaluated(saved.question(o.question_id).model_dump_json(),
                                                               o.answer), f"overrides by {o.reviewer}")
              for o in overridden if o.question_id in saved.question_ids]
    try:
        fit = fit_calibration(marks, saved, fitted_by=account.username)
    except TooFewMarks as exc:
        st.error(f"Not calibrated — {exc}.")
    else:
        try:
            write_atomic(calibration_path(rubric_path), calibration_json(fit.calibration))
        except OSError as exc:  # a read-only rubrics folder, a full disk
            st.error(f"Not saved — cannot write {escape_markdown(str(calibration_path(rubric_path)))}: "
                     f"{escape_markdown(exc.strerror or str(exc))}. Ask whoever runs the server to make the rubrics "
                     "folder writable; scoring goes on without a calibration.")
        else:
            st.session_state["calibration_fit"] = (saved.id, saved.version, fit.before, fit.after_cv,
                                                   fit.calibration.note)
            st.rerun()  # the section's first line, drawn before the fit, says what is saved now
if (done := st.session_state.get("calibration_fit")) and done[:2] == (saved.id, saved.version):
    _, _, before, after, note = done
    st.success(f"Saved: scoring with {source} (version {saved.version}) now gives marks {note}.")
    cols = st.columns(4)
    show_metric(cols[0], "Pearson", after.pearson, before.pearson, number_format=".2f")
    show_metric(cols[1], "QWK", after.qwk, before.qwk, number_format=".2f")
    show_metric(cols[2], "MAE (marks)", after.mae, before.mae, number_format=".2f", lower_is_better=True)
    show_metric(cols[3], "Within ±1 mark", after.within_one, before.within_one, number_format=".0%")
    st.caption("Agreement with your marks after calibration, and the change from before it. Each answer's calibrated "
               "marks come from a calibration fitted without its question (or its fold), so these are figures "
               "for answers it has not seen.")
if changed:
    st.caption("Save your edits first: a calibration belongs to one version of the rubric.")

# --- save ---
st.subheader("Save")
if rubric_path is not None:
    if not account.can(EDIT_RUBRICS):
        st.caption(":material/lock: Admins save rubric versions: download your edits and send them to one.")
    if st.button(f"Save as version {saved.version + 1}", type="primary", key="save", icon=":material/save:",
                 disabled=bool(error) or not changed or not account.can(EDIT_RUBRICS)):
        try:
            result = save_version(rubric_path, working_text, opened=base_text)
        except ChangedOnDisk:
            st.rerun()  # the page now says who changed what, and offers to reload or merge
        except RubricError as exc:
            st.error(f"Not saved — {escape_markdown(where_in(source, exc))}")
        except OSError as exc:
            st.error(f"Not saved — {escape_markdown(f'{source}: {exc.strerror or exc}')}")
        else:
            drop_edits(pending, base)
            st.session_state["saved_message"] = (f"Saved {result.path.name} as version {result.version}; "
                                                 f"the previous version is kept in {result.previous}.")
            st.rerun()
    if "saved_message" in st.session_state:
        st.success(escape_markdown(st.session_state.pop("saved_message")))
if not error:
    st.download_button("Download YAML", bump_version(working_text) if changed else working_text,
                       file_name=rubric_path.name if rubric_path else source, mime="application/x-yaml",
                       icon=":material/download:", key="download_rubric")
