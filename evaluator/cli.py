"""Command line: ``python -m evaluator score|validate|...``.

Each subcommand is a thin shell: read input, call the core, print. Errors print one
line on stderr and exit non-zero (2 for bad input, 1 for a failed check).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from evaluator.ingest import IngestError, extract_text
from evaluator.rubric import RubricError, load_rubric
from evaluator.scoring import Evaluation, evaluate

EXIT_BAD_INPUT = 2


class CliError(Exception):
    """A problem with the user's input: printed as one line, exit code 2."""


def read_answer(source: str, *, max_bytes: int = 2_000_000) -> str:
    """Text of an answer file (.txt/.md/.docx/.pdf; ``-`` for stdin) with a one-line error when it cannot be read."""
    if source == "-":
        raw, name = sys.stdin.buffer.read(max_bytes + 1), "<stdin>.txt"
    else:
        path = Path(source)
        if not path.is_file():
            raise CliError(f"{source}: no such file")
        if path.stat().st_size > max_bytes:
            raise CliError(f"{source}: file is {path.stat().st_size:,} bytes; answers up to {max_bytes:,} bytes are read")
        raw, name = path.read_bytes(), source
    if len(raw) > max_bytes:
        raise CliError(f"{name}: input is over {max_bytes:,} bytes")
    try:
        return extract_text(name, raw, max_bytes=max_bytes)
    except IngestError as exc:
        raise CliError(str(exc)) from None


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


def _cmd_score(args: argparse.Namespace) -> int:
    rubric = load_rubric(args.rubric)
    try:
        question = rubric.question(args.question)
    except KeyError as exc:
        raise CliError(exc.args[0]) from None
    settings = question.settings.model_copy(update={"semantic": False}) if args.no_semantic else None
    result = evaluate(read_answer(args.file), question, settings=settings)
    print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) if args.format == "json" else format_text(result))
    return 0 if result.ok else EXIT_BAD_INPUT


def _cmd_validate(args: argparse.Namespace) -> int:
    failed = 0
    for path in args.rubrics:
        try:
            rubric = load_rubric(path)
        except RubricError as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
            continue
        points = sum(len(q.key_points) for q in rubric.questions)
        print(f"ok: {path}: {len(rubric.questions)} questions, {points} key points")
    return 1 if failed else 0


Command = tuple[str, str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]


def _score_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rubric", required=True, help="rubric YAML file")
    p.add_argument("--question", required=True, help="question id in the rubric, e.g. Q1")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--no-semantic", action="store_true", help="keyword and fuzzy matching only (faster)")
    p.add_argument("file", help="answer file (.txt/.md UTF-8 or UTF-16 with BOM, .docx, .pdf), or - for stdin")


def _cmd_asag(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from evaluator.asag import AsagError, parse_graded_csv, run_asag

    path = Path(args.file)
    try:
        items = parse_graded_csv(path.read_text(encoding="utf-8-sig"), source=str(path))
    except OSError as exc:
        raise CliError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise CliError(f"{path}: not UTF-8 text") from None
    except AsagError as exc:
        raise CliError(str(exc)) from None
    progress = lambda rows: tqdm(rows, desc="scoring", unit="answer", file=sys.stderr, disable=None)  # noqa: E731
    report = run_asag(items, calibrate=args.calibrate, progress=progress)
    data = {**report.agreement.to_dict(), "calibrated": report.calibrated}
    if args.format == "json":
        print(json.dumps(data))
    else:
        mode = "calibrated (question-grouped cross-validation)" if report.calibrated else "uncalibrated"
        print(f"{path.name}: {mode}")
        print(report.agreement)
    return 0


def _asag_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE.csv",
                   help="graded answers: question_id, question, reference_answer, student_answer, score, max_score")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--calibrate", action="store_true",
                   help="map evaluator signals to the human scale, fitted with folds grouped by question "
                        "(a question's answers never calibrate its own predictions)")


def _validate_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("rubrics", nargs="+", metavar="RUBRIC", help="rubric YAML files")


COMMANDS: list[Command] = [
    ("score", "score one answer against a rubric question", _score_args, _cmd_score),
    ("validate", "check rubric files and report errors with line and field", _validate_args, _cmd_validate),
    ("asag", "agreement with human scores on a graded short-answer CSV (Mohler layout)", _asag_args, _cmd_asag),
    # evaluator/batch_cli.py, imported on use (it imports this module for CliError)
    ("batch", "score files, folders, .zip archives or a .csv of answers into one results table",
     lambda p: __import__("evaluator.batch_cli").batch_cli.add_args(p),
     lambda a: __import__("evaluator.batch_cli").batch_cli.run(a)),
    # evaluator/rubric_cli.py, imported on use (it imports this module for CliError)
    ("draft", "draft a rubric (YAML on stdout) from an article's sections and bullets",
     lambda p: __import__("evaluator.rubric_cli").rubric_cli.draft_args(p),
     lambda a: __import__("evaluator.rubric_cli").rubric_cli.run_draft(a)),
    ("calibrate", "agreement of a rubric with mentor marks; --fit tunes its settings by cross-validation",
     lambda p: __import__("evaluator.rubric_cli").rubric_cli.calibrate_args(p),
     lambda a: __import__("evaluator.rubric_cli").rubric_cli.run_calibrate(a)),
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m evaluator", description="UPSC Mains answer evaluator")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text, add_args, run in COMMANDS:
        p = sub.add_parser(name, help=help_text, description=help_text)
        add_args(p)
        p.set_defaults(run=run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (CliError, RubricError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
