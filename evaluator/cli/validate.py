"""``python -m evaluator validate``: check rubric files and report errors with file, line and field."""

from __future__ import annotations

import argparse
import sys

from evaluator.cli.common import EXIT_FAILED_CHECK, EXIT_OK
from evaluator.rubrics.model import RubricError, load_rubric

NAME = "validate"
HELP = "check rubric files and report errors with line and field"


def add_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("rubrics", nargs="+", metavar="RUBRIC", help="rubric YAML files")


def run(args: argparse.Namespace) -> int:
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
    return EXIT_FAILED_CHECK if failed else EXIT_OK
