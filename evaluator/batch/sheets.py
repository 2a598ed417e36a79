"""A batch's feedback sheets: each scored answer evaluated as its row was, with the mentor's review merged in."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from evaluator.agreement.calibration import RubricCalibration
from evaluator.batch.rows import ResultRow
from evaluator.batch.runner import evaluate_answer
from evaluator.rubrics.model import Rubric
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
    for row in progress([r for r in rows if r.key in texts and r.question_id in rubric.question_ids]):
        question = rubric.question(row.question_id)
        evaluation = evaluate_answer(texts[row.key], question, rubric, semantic=semantic, calibration=calibration)
        mentor = row.mentor
        sheets.append(FeedbackSheet(
            student=row.student, answer_key=row.key, question=question, evaluation=evaluation,
            mentor_marks=mentor.marks if mentor else None, mentor_points=mentor.point_status if mentor else {},
            mentor_comment=mentor.comment if mentor else "", reviewer=mentor.reviewer if mentor else "",
            fits_better=row.fits_better))
    return sheets
