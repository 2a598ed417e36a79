"""``python -m evaluator validate``: check rubric files and report errors with file, line and field."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from evaluator.cli.common import EXIT_FAILED_CHECK, EXIT_OK
from evaluator.rubrics.model import RubricError, load_rubric

NAME = "validate"
HELP = "check rubric files and report errors with line and field"


def add_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("rubrics", nargs="+", metavar="RUBRIC", help="rubric YAML files, or folders of them (every *.yaml)")


def run(args: argparse.Namespace) -> int:
    failed = 0
    for path in _rubric_files(args.rubrics):
        if Path(path).is_dir():
            print(f"error: {path}: no rubric files (*.yaml) in this folder", file=sys.stderr)
            failed += 1
            continue
        try:
            rubric = load_rubric(path)
        except RubricError as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
            continue
        points = sum(len(q.key_points) for q in rubric.questions)
        print(f"ok: {path}: {len(rubric.questions)} questions, {points} key points")
    return EXIT_FAILED_CHECK if failed else EXIT_OK


def _rubric_files(paths: list[str]) -> list[str]:
    """The files named, with a folder standing for the rubrics in it (its ``*.yaml`` and ``*.yml``, by name); a
    folder with none stays in the list, to be reported."""
    found: list[str] = []
    for path in paths:
        folder = Path(path)
        inside = sorted(str(f) for f in (*folder.glob("*.yaml"), *folder.glob("*.yml")) if not f.is_dir()) \
            if folder.is_dir() else []
        found += inside or [path]
    return found
