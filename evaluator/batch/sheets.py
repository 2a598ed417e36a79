"""A batch's feedback sheets: each scored answer evaluated as its row was, with the mentor's review merged in.

A sheet names its answer by its path within what was uploaded or named (never where the files are on the
server), and groups a student's answers by that folder too: "asha" in ``classA/`` and in ``classB/`` is two
students, with two sheets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import PurePosixPath

from evaluator.agreement.calibration import RubricCalibration
from evaluator.batch.rows import ResultRow
from evaluator.batch.runner import evaluate_answer
from evaluator.rubrics.model import Rubric
from evaluator.store.users import LOCAL
from evaluator.views.reports import FeedbackSheet


def feedback_sheets(rows: Sequence[ResultRow], texts: Mapping[str, str], rubric: Rubric, *, semantic: bool = True,
                    calibration: RubricCalibration | None = None,
                    progress: Callable[[Iterable], Iterable] = iter) -> list[FeedbackSheet]:
    """One sheet per answer that has a text and a question (refused answers too: the sheet says why), in row order.

    Args:
        rows: the batch's rows, with ``mentor`` set where a mentor reviewed them.
        texts: answer key -> answer text (the batch's items).
        rubric: the rubric the batch was scored with.
        semantic: as the batch ran.
        calibration: as the batch ran (applied when fitted for this rubric version).
    """
    sheets = []
    wanted = [r for r in rows if r.key in texts and r.question_id in rubric.question_ids]
    paths = upload_paths([r.key for r in wanted])
    for row in progress(wanted):
        question = rubric.question(row.question_id)
        evaluation = evaluate_answer(texts[row.key], question, rubric, semantic=semantic, calibration=calibration,
                                     read_by_ocr=row.ocr_confidence is not None)
        mentor = row.mentor
        sheets.append(FeedbackSheet(
            student=row.student, answer_key=paths[row.key], question=question, evaluation=evaluation,
            mentor_marks=mentor.marks if mentor else None, mentor_points=mentor.point_status if mentor else {},
            mentor_comment=mentor.comment if mentor else "",
            reviewer=mentor.reviewer if mentor and mentor.reviewer != LOCAL.username else "",  # "by your mentor"
            folder=folder_of(paths[row.key]), fits_better=row.fits_better))
    return sheets


def upload_paths(keys: Sequence[str]) -> dict[str, str]:
    """Each answer's path within what was uploaded or named: the folders every key shares are dropped, and so are a
    root and any ``..``, so a sheet never shows where the files were on the server.

    >>> upload_paths(["/srv/up/classA/asha_q1.txt", "/srv/up/classB/asha_q1.txt"])
    {'/srv/up/classA/asha_q1.txt': 'classA/asha_q1.txt', '/srv/up/classB/asha_q1.txt': 'classB/asha_q1.txt'}
    >>> upload_paths(["/home/mentor/answers/asha_q1.txt"])
    {'/home/mentor/answers/asha_q1.txt': 'asha_q1.txt'}
    >>> upload_paths(["class.zip/q3_meena.txt", "asha_q1.txt", "more.csv#2"])["class.zip/q3_meena.txt"]
    'class.zip/q3_meena.txt'
    """
    parts = {key: PurePosixPath(key.replace("\\", "/")).parts for key in keys}
    folders = [p[:-1] for p in parts.values()]
    shared = 0
    while folders and all(len(f) > shared and f[shared] == folders[0][shared] for f in folders):
        shared += 1
    return {key: "/".join(x for x in p[shared:] if x not in ("/", "..", ".")) or PurePosixPath(key).name
            for key, p in parts.items()}


def folder_of(path: str) -> str:
    """The folder within the upload that an answer came from ("" at the top; a CSV's rows: the CSV's folder).

    >>> folder_of("classA/asha_q1.txt"), folder_of("asha_q1.txt"), folder_of("week1/more.csv#3")
    ('classA', '', 'week1')
    """
    parent = str(PurePosixPath(path).parent)
    return "" if parent == "." else parent
