"""``python -m evaluator score``: one answer against one rubric question, as text or JSON."""

from __future__ import annotations

import argparse
import json

from evaluator.cli.common import EXIT_BAD_INPUT, EXIT_OK, CliError, read_answer
from evaluator.core.results import Evaluation
from evaluator.core.scoring import evaluate
from evaluator.rubrics.model import load_rubric

NAME = "score"
HELP = "score one answer against a rubric question"


def add_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rubric", required=True, help="rubric YAML file")
    p.add_argument("--question", required=True, help="question id in the rubric, e.g. Q1")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--no-semantic", action="store_true", help="keyword and fuzzy matching only (faster)")
    p.add_argument("file", help="answer file (.txt/.md UTF-8 or UTF-16 with BOM, .docx, .pdf), or - for stdin")


def run(args: argparse.Namespace) -> int:
    rubric = load_rubric(args.rubric)
    try:
        question = rubric.question(args.question)
    except KeyError as exc:
        raise CliError(exc.args[0]) from None
    settings = question.settings.model_copy(update={"semantic": False}) if args.no_semantic else None
    result = evaluate(read_answer(args.file), question, settings=settings)
    print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) if args.format == "json" else format_text(result))
    return EXIT_OK if result.ok else EXIT_BAD_INPUT


def format_text(result: Evaluation) -> str:
    """Human-readable report of one evaluation."""
    lines = [f"{result.question_id}: {result.marks:g} / {result.max_marks:g} marks"]
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
