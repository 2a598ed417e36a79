"""``python -m evaluator COMMAND``: the parser over every command module, and the one place errors become exit codes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from evaluator.cli import asag, batch, calibrate, draft, fingerprint, score, setup, validate
from evaluator.cli import list as list_command
from evaluator.cli.common import EXIT_BAD_INPUT, EXIT_INTERRUPTED, CliError
from evaluator.rubrics.model import RubricError
from evaluator.runtime import configure_threads

COMMANDS = (score, validate, batch, asag, draft, list_command, calibrate, fingerprint, setup)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m evaluator", description="UPSC Mains answer evaluator")
    sub = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        p = sub.add_parser(command.NAME, help=command.HELP, description=command.HELP)
        command.add_args(p)
        p.set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    configure_threads()
    try:
        return args.run(args)
    except (CliError, RubricError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
