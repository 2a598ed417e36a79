"""``python -m evaluator asag``: agreement with human scores on a graded short-answer CSV (Mohler layout)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from evaluator.cli.common import EXIT_OK, CliError, progress

NAME = "asag"
HELP = "agreement with human scores on a graded short-answer CSV (Mohler layout)"


def add_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE.csv",
                   help="graded answers: question_id, question, reference_answer, student_answer, score, max_score")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--calibrate", action="store_true",
                   help="map evaluator signals to the human scale, fitted with folds grouped by question "
                        "(a question's answers never calibrate its own predictions)")


def run(args: argparse.Namespace) -> int:
    from evaluator.agreement.asag import AsagError, parse_graded_csv, run_asag
    from evaluator.io.ingest import IngestError, decode_text

    path = Path(args.file)
    try:
        items = parse_graded_csv(decode_text(str(path), path.read_bytes()), source=str(path))
    except OSError as exc:
        raise CliError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except (IngestError, AsagError) as exc:
        raise CliError(str(exc)) from None
    report = run_asag(items, calibrate=args.calibrate, progress=progress("scoring"))
    data = {**report.agreement.to_dict(), "calibrated": report.calibrated}
    if args.format == "json":
        print(json.dumps(data))
    else:
        mode = "calibrated (question-grouped cross-validation)" if report.calibrated else "uncalibrated"
        print(f"{path.name}: {mode}")
        print(report.agreement)
    return EXIT_OK
