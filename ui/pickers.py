"""The rubric and question pickers, the same on every page: rubrics by title, one way of saying a file is broken."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from evaluator import Rubric, RubricError, parse_rubric
from evaluator.agreement.calibration import CalibrationFileError, RubricCalibration, load_calibration
from evaluator.io.ingest import IngestError, decode_text
from evaluator.rubrics.model import DEFAULT_RUBRIC, rubric_dir
from evaluator.views.highlight import escape_markdown
from ui.resources import cached_rubric
from ui.uploads import answer_upload_mb

UPLOAD = "Upload a rubric file…"


@dataclass(frozen=True)
class RubricChoice:
    """The rubric a page works on: where it came from, its YAML text (for editing) and the parsed rubric."""

    name: str  # the file name, or the uploaded file's name
    path: Path | None  # None for an uploaded rubric
    text: str
    rubric: Rubric


def rubric_files() -> list[Path]:
    """The rubric files the pages offer, by name."""
    folder = rubric_dir()
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def _title(path: Path) -> str:
    try:
        return cached_rubric(str(path), path.stat().st_mtime).title
    except (RubricError, OSError):
        return f"{path.name} (cannot be loaded)"


def pick_rubric(where: DeltaGenerator | None = None, *, key: str = "rubric",
                allow_upload: bool = False) -> RubricChoice:
    """A rubric chosen in ``where`` (default: the sidebar) by title; stops the page with one clear message when
    there is none or it cannot be used.

    Each page passes its own ``key`` and keeps its own choice: a class's batch is never scored on the rubric a
    student practised on. Streamlit drops a widget's state on a page that does not draw it, so the choice is also
    kept under ``{key}_kept`` and comes back when the page is opened again.
    """
    where = where or st.sidebar
    kept = f"{key}_kept"
    files = rubric_files()
    names = [p.name for p in files] + ([UPLOAD] if allow_upload else [])
    if not names:
        st.info("No rubric files found. Add a rubric `.yaml` file to the rubrics folder and reload.")
        st.stop()
    by_name = {p.name: p for p in files}
    if st.session_state.get(key) not in names:  # the default, set as state: a Practise or Switch button sets
        # it too, and a widget given both a default and a state prints a stack-trace warning
        before = st.session_state.get(kept)
        st.session_state[key] = before if before in names else DEFAULT_RUBRIC if DEFAULT_RUBRIC in names else names[0]
    name = where.selectbox("Rubric", names, key=key,
                           format_func=lambda n: n if n == UPLOAD else _title(by_name[n]),
                           help="A rubric is a set of questions with the key points an examiner looks for.")
    st.session_state[kept] = name
    if name == UPLOAD:
        upload = where.file_uploader("Rubric (.yaml)", type=["yaml", "yml"], key=f"{key}_upload",
                                     max_upload_size=answer_upload_mb())
        if upload is None:
            st.info("Upload a rubric YAML file, or choose one from the list.")
            st.stop()
        try:
            text = decode_text(upload.name, upload.getvalue())
            return RubricChoice(upload.name, None, text, parse_rubric(text, source=upload.name))
        except IngestError as exc:
            _unusable(str(exc))
        except RubricError as exc:
            _unusable(where_in(upload.name, exc))
    path = by_name[name]
    try:
        rubric = cached_rubric(str(path), path.stat().st_mtime)
        return RubricChoice(name, path, path.read_text(encoding="utf-8-sig"), rubric)
    except RubricError as exc:
        _unusable(where_in(name, exc))
    except (OSError, UnicodeDecodeError) as exc:
        _unusable(f"{name}: cannot read the file ({getattr(exc, 'strerror', None) or exc})")
    raise AssertionError("unreachable")  # _unusable stops the page


def where_in(name: str, exc: RubricError) -> str:
    """A rubric error with the file's name, not its path on the server: ``x.yaml:12: questions[0].weight: ...``."""
    return f"{name}{f':{exc.line}' if exc.line else ''}: {f'{exc.path}: ' if exc.path else ''}{exc.reason}"


def _unusable(reason: str) -> None:
    st.error(f"This rubric cannot be used — {escape_markdown(reason)}")  # it quotes the rubric and its name
    st.stop()


def pick_question(rubric: Rubric, where: DeltaGenerator | None = None, *, key: str = "question_id",
                  first: tuple[str, ...] = (), help: str | None = None) -> str:
    """A question id of ``rubric`` (or one of ``first``, options a page puts before the questions)."""
    where = where or st.sidebar
    options = [*first, *rubric.question_ids]
    if st.session_state.get(key) not in options:
        st.session_state.pop(key, None)  # another rubric was picked
    return where.selectbox(
        "Question", options, key=key, help=help,
        format_func=lambda qid: qid if qid in first else
        f"{qid} · {rubric.question(qid).marks:g} marks · {rubric.question(qid).text[:60]}…")


def calibration_for(choice: RubricChoice) -> tuple[RubricCalibration | None, str]:
    """The calibration saved beside the chosen rubric when it was fitted for this version, and why not otherwise
    ("" when there is simply none)."""
    if choice.path is None:
        return None, ""
    try:
        calibration = load_calibration(choice.path)
    except CalibrationFileError as exc:
        return None, f"The rubric's calibration is not used — {exc}"
    if calibration is None:
        return None, ""
    if not calibration.fits(choice.rubric):
        return None, (f"The calibration was fitted for version {calibration.rubric_version} of this rubric, which is "
                      f"now version {choice.rubric.version}: fit it again on the Rubric tuning page.")
    return calibration, ""


def bank_rubrics() -> dict[str, tuple[str, Rubric]]:
    """Every rubric of the rubrics folder that loads, by id: (file name, rubric). The bank an answer is matched on."""
    found: dict[str, tuple[str, Rubric]] = {}
    for path in rubric_files():
        try:
            rubric = cached_rubric(str(path), path.stat().st_mtime)
        except (RubricError, OSError):
            continue
        found.setdefault(rubric.id, (path.name, rubric))
    return found
