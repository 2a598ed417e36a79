"""``python -m evaluator asag``: agreement with human scores on a graded short-answer CSV (Mohler or SemEval layout)."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

from evaluator.cli.common import EXIT_OK, CliError, progress

NAME = "asag"
HELP = "agreement with human scores on a graded short-answer CSV (Mohler or SemEval layout)"


def add_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE.csv",
                   help="graded answers: question_id, question, reference_answer, student_answer, score, max_score "
                        "(optional: references, every reference answer joined by ' ||| ')")
    p.add_argument("--format", choices=["text", "json"], default="text")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--calibrate", action="store_true",
                      help="map evaluator signals to the human scale, fitted with folds grouped by question "
                           "(a question's answers never calibrate its own predictions)")
    mode.add_argument("--fit", metavar="TRAIN.csv",
                      help="fit the mapping on TRAIN.csv and predict FILE.csv with it (the standard protocol)")
    p.add_argument("--baseline", action="store_true",
                   help="predict from plain word overlap with the reference instead of the evaluator "
                        "(measured the same way: uncalibrated, --calibrate or --fit)")
    p.add_argument("--predictions", metavar="OUT.csv", help="write FILE.csv's columns plus 'predicted' here")


def _read(path: Path) -> list:
    from evaluator.agreement.asag import AsagError, parse_graded_csv
    from evaluator.io.files import read_regular
    from evaluator.io.ingest import IngestError, decode_text
    from evaluator.io.limits import limits_from_env

    try:
        data = read_regular(path, limits_from_env().max_archive_bytes)
        return parse_graded_csv(decode_text(str(path), data), source=str(path))
    except OSError as exc:
        raise CliError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except (IngestError, AsagError) as exc:
        raise CliError(str(exc)) from None


def run(args: argparse.Namespace) -> int:
    from evaluator.agreement.asag import STABLE_QUESTIONS, AsagError, predictions_table, question_count, run_asag
    from evaluator.io.files import write_atomic

    path = Path(args.file)
    out = Path(args.predictions) if args.predictions else None
    if out is not None and not out.parent.is_dir():
        raise CliError(f"{args.predictions}: the folder {str(out.parent)!r} does not exist")
    items = _read(path)
    train = _read(Path(args.fit)) if args.fit else None
    if args.calibrate and (n := question_count(items)) < STABLE_QUESTIONS:
        print(f"warning: {path.name} has {n} question(s); calibration grouped by question is unstable below "
              f"{STABLE_QUESTIONS} (use --fit with a larger training file)", file=sys.stderr)
    try:
        report = run_asag(items, calibrate=args.calibrate, train=train, baseline=args.baseline,
                          progress=progress("scoring"))
    except AsagError as exc:
        raise CliError(str(exc)) from None
    if out is not None:
        header, rows = predictions_table(items, report.predicted)
        text = io.StringIO()
        csv.writer(text, lineterminator="\n").writerows([header, *rows])
        write_atomic(out, text.getvalue().encode("utf-8"))
    data = {**report.to_dict(), "baseline": args.baseline}
    if args.format == "json":
        print(json.dumps(data))
    else:
        mode = ("calibrated on " + Path(args.fit).name if args.fit else
                "calibrated (question-grouped cross-validation)" if args.calibrate else "uncalibrated")
        print(f"{path.name}: {'word-overlap baseline, ' if args.baseline else ''}{mode}")
        print(report.agreement if report.binary is None else
              f"{report.binary} pearson={report.agreement.pearson:.3f} rmse={report.agreement.rmse:.3f}")
    return EXIT_OK
