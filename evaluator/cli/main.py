"""``python -m evaluator COMMAND``: the parser over every command module, and the one place errors become exit codes."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from evaluator.cli import asag, batch, calibrate, draft, fingerprint, score, setup, users, validate
from evaluator.cli import list as list_command
from evaluator.cli.common import EXIT_BAD_INPUT, EXIT_BROKEN_PIPE, EXIT_INTERRUPTED, CliError
from evaluator.rubrics.model import RubricError
from evaluator.runtime import configure_threads, keep_parsed_rubrics

COMMANDS = (score, validate, batch, asag, draft, list_command, calibrate, fingerprint, setup, users)


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
    keep_parsed_rubrics()  # a rubric validated by one command is read as JSON by the next
    try:
        code = args.run(args)
        sys.stdout.flush()  # inside the try: a pipe closed early fails here, not in the interpreter's last flush
        return code
    except (CliError, RubricError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return _closed_pipe()


def _closed_pipe() -> int:
    """The reader of standard output went away (``score ... | head -1``): stop quietly, as ``cat`` does.

    Standard output is pointed at the null device so that the interpreter's last flush does not
    print a second error on the way out.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor behind sys.stdout (a test's capture)
        pass
    return EXIT_BROKEN_PIPE
