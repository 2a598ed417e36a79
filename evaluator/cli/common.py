"""What every ``python -m evaluator`` command shares: the one-line error, exit codes, reading an answer, progress bars.

A command is a module with ``NAME``, ``HELP``, ``add_args(parser)`` and ``run(args) -> exit code``
(registered in :data:`evaluator.cli.main.COMMANDS`). Problems with the user's input raise
:class:`CliError`: one line on stderr, exit code 2.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from evaluator.io.ingest import AnswerFile

EXIT_OK = 0
EXIT_FAILED_CHECK = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: what a shell reports for a writer whose reader left


class CliError(Exception):
    """A problem with the user's input: printed as one line, exit code 2."""


def read_answer(source: str) -> AnswerFile:
    """An answer file (.txt/.md/.docx/.pdf, a photo or scan; ``-`` for stdin) with a one-line error when it cannot be
    read (the server's limits from the ``UPSC_EVAL_*`` variables)."""
    from evaluator.io.ingest import IngestError, read_answer_file
    from evaluator.io.limits import LimitsError, limits_from_env

    try:
        return read_answer_file(source, stdin=sys.stdin.buffer, limits=limits_from_env())
    except (IngestError, LimitsError) as exc:
        raise CliError(str(exc)) from None


def progress(label: str) -> Callable[[Iterable], Iterable]:
    """A tqdm progress bar on stderr around an iterable (hidden when stderr is not a terminal)."""
    from tqdm import tqdm

    return lambda rows: tqdm(rows, desc=label, unit="answer", file=sys.stderr, disable=None)
