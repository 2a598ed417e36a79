"""What every ``python -m evaluator`` command shares: the one-line error, exit codes, reading an answer, progress bars.

A command is a module with ``NAME``, ``HELP``, ``add_args(parser)`` and ``run(args) -> exit code``
(registered in :data:`evaluator.cli.main.COMMANDS`). Problems with the user's input raise
:class:`CliError`: one line on stderr, exit code 2.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from evaluator.io.ingest import AnswerFile

if TYPE_CHECKING:
    from evaluator.rubrics.matching import BatchMatch
    from evaluator.rubrics.model import Rubric

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


def choose_rubric(texts: Mapping[str, str], rubric_path: str | None, *, keep: bool = False
                  ) -> tuple[Rubric, str, BatchMatch]:
    """The rubric to score ``texts`` (answer text by key) on, its file, and how the answers matched the bank.

    With ``rubric_path``, that rubric, unless most answers clearly fit another rubric of the bank: then a
    :class:`CliError` that names it (``keep``: score on the named rubric all the same). Without it, the bank's
    rubric most answers fit best, said on stderr; a :class:`CliError` when none fits clearly.
    """
    from evaluator.rubrics.bank import load_rubrics
    from evaluator.rubrics.matching import match_batch
    from evaluator.rubrics.model import load_rubric, rubric_dir

    folder = rubric_dir()
    loaded, _ = load_rubrics(folder) if folder.is_dir() else ([], [])
    files = {r.id: _shown(folder / name) for name, r in loaded}
    bank = [r for _, r in loaded]
    chosen = load_rubric(rubric_path) if rubric_path else None
    found = match_batch(texts, bank, chosen)
    if chosen is not None and keep:
        return chosen, str(rubric_path), found
    many = "the answer" if len(found.answers) == 1 else f"{found.suggested_count} of {len(found.answers)} answers"
    if chosen is not None and found.stop:
        raise CliError(f"{many} fit {files[found.suggested]} better than {rubric_path}: nothing was scored. "
                       f"Score them there with --rubric {files[found.suggested]}, or add --keep-rubric to score "
                       f"them on {rubric_path} all the same")
    if chosen is not None:
        return chosen, str(rubric_path), found
    if found.suggested is None:
        raise CliError(f"no rubric in {folder} clearly fits the answer(s) (too short, or not in English?); "
                       "name one with --rubric")
    print(f"chose rubric {files[found.suggested]} ({many} fit it best); name another with --rubric",
          file=sys.stderr)
    return next(r for r in bank if r.id == found.suggested), files[found.suggested], found


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
