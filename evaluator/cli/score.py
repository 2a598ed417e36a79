"""``python -m evaluator score``: one answer against one rubric question, as text or JSON."""

from __future__ import annotations

import argparse
import json
import sys

from typing import TYPE_CHECKING

from evaluator.cli.common import EXIT_BAD_INPUT, EXIT_OK, CliError, choose_rubric, read_answer

if TYPE_CHECKING:
    from evaluator.core.results import Evaluation
    from evaluator.io.ingest import AnswerFile
    from evaluator.rubrics.model import Question, Rubric

NAME = "score"
HELP = "score one answer against a rubric question"


def add_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rubric", help="rubric YAML file (default: the bank's rubric the answer fits best, from "
                                    "$UPSC_EVAL_RUBRICS or rubrics/; the choice is said on stderr)")
    p.add_argument("--question", help="question id in the rubric, e.g. Q1 (default: the question the answer fits "
                                      "best; the choice is said on stderr)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--no-semantic", action="store_true",
                   help="keyword and fuzzy matching only (faster; the rubric's calibration is not applied)")
    p.add_argument("--no-calibration", action="store_true", help="ignore the calibration saved beside the rubric")
    p.add_argument("file", help="answer file (.txt/.md UTF-8 or UTF-16 with BOM, .docx, .pdf, or a photo or scan: "
                                ".png .jpg .jpeg .webp .tif .tiff, image-only .pdf, read by OCR), or - for stdin")


def run(args: argparse.Namespace) -> int:
    # imported here: every command builds this command's parser, and only scoring needs spaCy and the encoders
    from evaluator.core.scoring import evaluate
    from evaluator.rubrics.model import load_rubric
    from evaluator.runtime import keep_rubric_vectors

    keep_rubric_vectors()  # a rubric's key points and article are encoded by the first command, read by the next
    answer = read_answer(args.file)
    rubric, rubric_path = (load_rubric(args.rubric), args.rubric) if args.rubric else \
        choose_rubric({args.file: answer.text}, None)[:2]
    question = chosen_question(rubric, args.question, answer.text)
    settings = question.settings.model_copy(update={"semantic": False}) if args.no_semantic else question.settings
    if answer.ocr is not None:  # a photo's or scan's spelling is not marked: OCR's misreads are not the student's
        settings = settings.for_ocr()
    result = evaluate(answer.text, question, settings=settings, rubric=rubric)
    if not (args.no_semantic or args.no_calibration):
        result = calibrated(result, question, rubric, rubric_path)
    if args.format == "json":
        data = result.to_dict()
        if answer.ocr is not None:
            data["ocr"] = {"text": answer.text, "confidence": round(answer.ocr.confidence, 3),
                           "needs_review": answer.needs_review, "pages": len(answer.ocr.pages)}
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(format_text(result))
    if answer.ocr is not None:  # on stderr: the report on stdout stays the same for typed and scanned answers
        print(ocr_note(answer), file=sys.stderr)
    return EXIT_OK if result.ok else EXIT_BAD_INPUT


def chosen_question(rubric: Rubric, question_id: str | None, text: str) -> Question:
    """The named question, else the rubric's question the answer fits best (said on stderr)."""
    from evaluator.rubrics.matching import best_question

    if question_id is None:
        if len(rubric.questions) == 1:
            return rubric.questions[0]
        best = best_question(text, rubric)
        if best is None:
            raise CliError(f"the answer fits no question of {rubric.id} clearly; name one with --question "
                           f"({', '.join(rubric.question_ids)})")
        question = rubric.question(best.question_id)
        print(f"chose question {question.id} of {rubric.id}: {question.text}", file=sys.stderr)
        return question
    try:
        return rubric.question(question_id)
    except KeyError as exc:
        raise CliError(exc.args[0]) from None


def calibrated(result: Evaluation, question: Question, rubric: Rubric, rubric_path: str) -> Evaluation:
    """The result on the mentor's scale when a calibration fitted for this rubric version is saved beside it."""
    from evaluator.agreement.calibration import CalibrationFileError, load_calibration

    try:
        calibration = load_calibration(rubric_path)
    except CalibrationFileError as exc:
        raise CliError(f"{exc} (or pass --no-calibration)") from None
    if calibration is None:
        return result
    if not calibration.fits(rubric):
        print(f"warning: the calibration beside {rubric_path} was fitted for version {calibration.rubric_version}, "
              f"the rubric is version {rubric.version}: not applied", file=sys.stderr)
        return result
    return calibration.apply(result, question)


def ocr_note(answer: AnswerFile) -> str:
    """What OCR read, how sure it was, and whether to check the text against the page before trusting the marks."""
    assert answer.ocr is not None
    review = ("NEEDS REVIEW: check the text against the page (correct it in a .txt and score that)"
              if answer.needs_review else "confident")
    unsure = ", ".join(w.text for w in answer.ocr.unsure_words[:12])
    return (f"read by OCR from {len(answer.ocr.pages)} page(s): mean confidence {answer.ocr.confidence:.2f}, {review}"
            + (f"; unsure words: {unsure}" if unsure else "") + (f"\n{answer.ocr.note}" if answer.ocr.note else "")
            + "\n--- text read ---\n" + answer.text)


def format_text(result: Evaluation) -> str:
    """Human-readable report of one evaluation."""
    note = f" (calibrated on {result.calibration.answers} mentor marks; the rubric alone gives " \
           f"{result.calibration.uncalibrated_marks:g})" if result.calibration else ""
    lines = [f"{result.question_id}: {result.marks:g} / {result.max_marks:g} marks{note}"]
    if not result.ok:
        lines.append(f"Not scored ({result.outcome}): {result.message}")
        return "\n".join(lines)
    lines.append(f"Words: {result.word_count} | content {result.content_score:.0%} | structure {result.structure_score:.0%}")
    lines.append("")
    lines.append("Key points:")
    for p in result.points:
        ev = p.best_evidence if p.status != "missing" else None
        quote = f'  <- "{ev.text[:70]}"' if ev else ""
        lines.append(f"  [{p.status:^8}] {p.score:4.2f}  {p.id}{quote}")
    lines.append("")
    lines.append("Feedback:")
    lines.extend(f"  - {item.message}" for item in result.feedback)
    return "\n".join(lines)
