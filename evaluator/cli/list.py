"""``python -m evaluator list``: the question bank, filtered by GS paper, topic or words, or today's question."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from evaluator.cli.common import EXIT_OK, CliError

NAME = "list"
HELP = "list the question bank (every rubric's questions), filtered by GS paper, topic or words"


def add_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dir", type=Path, metavar="FOLDER",
                   help="the bank's folder (default: $UPSC_EVAL_RUBRICS or rubrics/)")
    p.add_argument("--gs-paper", action="append", default=[], metavar="PAPER", help='e.g. "GS II" (repeatable)')
    p.add_argument("--topic", action="append", default=[], metavar="TOPIC", help="e.g. polity (repeatable)")
    p.add_argument("--search", default="", metavar="WORDS", help="only questions containing all these words")
    p.add_argument("--today", action="store_true", help="only the question of the day")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="with --today: the question of this day")
    p.add_argument("--format", choices=("text", "json"), default="text")


def run(args: argparse.Namespace) -> int:
    from evaluator.rubrics.bank import load_bank  # here, not at the top: listing loads no scoring stack
    from evaluator.rubrics.model import rubric_dir

    folder = args.dir or rubric_dir()
    if not folder.is_dir():
        raise CliError(f"{folder}: no such folder of rubrics")
    bank = load_bank(folder)
    for problem in bank.problems:
        print(f"warning: skipped {problem}", file=sys.stderr)
    papers = [" ".join(p.split()) for p in args.gs_paper]
    unknown = [p for p in papers if p not in bank.gs_papers]
    if unknown:
        raise CliError(f"--gs-paper {unknown[0]!r} is not in the bank; it has: {', '.join(bank.gs_papers)}")
    unknown = [t for t in args.topic if t not in bank.topics]
    if unknown:
        raise CliError(f"--topic {unknown[0]!r} is not in the bank; it has: {', '.join(bank.topics)}")
    if args.today:
        try:
            day = date.fromisoformat(args.date) if args.date else date.today()
        except ValueError:
            raise CliError(f"--date must be YYYY-MM-DD (got {args.date!r})") from None
        today = bank.question_of_the_day(day)
        questions = [today] if today else []
    else:
        questions = bank.find(gs_papers=papers, topics=args.topic, search=args.search)
    if args.format == "json":
        json.dump([q.to_dict() for q in questions], sys.stdout, indent=2, ensure_ascii=False)
        print()
        return EXIT_OK
    for q in questions:  # the whole question: a student chooses by what it asks
        print(f"{q.key:<48} {q.gs_paper:<7} {q.marks:>4g} marks  {q.directive:<18} {q.text}")
    rubrics = len({q.file for q in bank.questions})
    print(f"{len(questions)} of {len(bank.questions)} questions in {rubrics} rubrics", file=sys.stderr)
    return EXIT_OK
