"""``python -m evaluator batch``: score a pile of answers into one results table.

A thin shell over :mod:`evaluator.io.sources`, :mod:`evaluator.batch.runner` and
:mod:`evaluator.io.export`: find the answers, score them with a tqdm progress bar on
stderr, write the table, print a summary on stderr. Heavy imports (joblib, pandas,
Dask) happen only when the command runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from evaluator.cli.common import EXIT_OK, CliError

NAME = "batch"
HELP = "score files, folders, .zip archives or a .csv of answers into one results table"
EPILOG = """\
Which question an answer is for: the 'question' column of an answer CSV; else a
question id token in the file name, matched case-insensitively against the rubric's
ids (Q2.txt, q2_asha.docx, asha_Q2.pdf, asha-q2.md; 'question2.txt' does not match),
or in the name of the folder it is in; else --question; else the rubric's only
question. So --question is a default for answers that name no question: with
--question Q1, q4_ravi.txt is still scored as Q4 and a CSV row for Q9 is still an
error row. An answer whose question cannot be told becomes an error row that says
how to name it.

Inputs: answer files (.txt, .md, .docx, .pdf), folders (searched recursively; .zip
files in them are opened, other files skipped), .zip archives, and .csv files with a
header row 'student,question,answer' ('question' optional). Every input that cannot
be read (corrupt, empty, binary, password-protected, unsafe archive entry) becomes a
row with an 'error'; the batch goes on. Answers not scored (errors, and answers
refused as empty, too long, not English...) have blank marks, with the 'outcome' and
'error' columns saying why; the summary's means count scored answers only, as a
share of max marks and per question when the questions' marks differ.

Resuming: every finished answer is saved in the run database (--db) as it finishes.
Run the same command again after an interruption and only the missing answers are
scored; the output never has duplicates.

Limits (environment variables): UPSC_EVAL_MAX_UPLOAD_BYTES (one file, default
5,000,000), UPSC_EVAL_MAX_ARCHIVE_BYTES (one .zip or .csv, default 200,000,000),
UPSC_EVAL_MAX_ZIP_RATIO (zip entry unpacked/packed, default 100), UPSC_EVAL_MAX_FILES
(answers per batch, default 10,000). Inputs over a limit become error rows.

Output: --out results.csv (or .jsonl, .xlsx), or --out - for standard output (with
--db, as there is no OUT to name the run database after). An --out that is a folder,
a link, a device or a pipe is refused before anything is read.

Exit status: 0 when the table was written (check the 'error' column and the summary),
2 for bad arguments (a PATH that does not exist, an unusable --out), checked before
any answer is read.
"""


def add_args(p: argparse.ArgumentParser) -> None:
    """Arguments of the ``batch`` subcommand."""
    p.epilog = EPILOG
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.add_argument("paths", nargs="+", metavar="PATH", help="answer files, folders, .zip archives or answer .csv files")
    p.add_argument("--rubric", required=True, help="rubric YAML file")
    p.add_argument("--question", help="question id for answers whose CSV row or file name names none "
                                      "(an answer that names its own question keeps it)")
    p.add_argument("--out", required=True, help="results file to write (.csv, .jsonl or .xlsx), or - for standard "
                                                "output (then --db is needed)")
    p.add_argument("--format", choices=["csv", "jsonl", "xlsx"],
                   help="output format (default: from the --out suffix, else csv)")
    p.add_argument("--jobs", type=int, default=1, help="worker processes (default 1; -1: one per core)")
    p.add_argument("--db", help="SQLite run database for resuming (default: OUT without suffix + .runs.sqlite; "
                                ":memory: keeps none)")
    p.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="run on this Dask scheduler instead of local workers")
    p.add_argument("--no-semantic", action="store_true", help="keyword and fuzzy matching only (faster)")
    p.add_argument("--chunk-size", type=int, default=8, help="answers per worker task (default 8)")


STDOUT = "-"
MEMORY_DB = ":memory:"


def _writable_file(option: str, path: Path) -> None:
    """Refuse, before anything is read, a path that cannot take a new file: a folder, a link, a device or pipe,
    or a path in a folder that does not exist or cannot be written."""
    if path.is_symlink():
        raise CliError(f"{option} {path}: is a link; name the file itself (or - for standard output)")
    if path.is_dir():
        raise CliError(f"{option} {path}: is a folder; name a file in it, e.g. {path / 'results.csv'}")
    if path.exists() and not path.is_file():
        raise CliError(f"{option} {path}: is not a regular file (a device, pipe or socket); use a file name, "
                       "or - for standard output")
    folder = path.parent
    if not folder.is_dir():
        raise CliError(f"{option} {path}: the folder {str(folder)!r} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise CliError(f"{option} {path}: cannot write in the folder {str(folder)!r} (permission denied)")


def run(args: argparse.Namespace) -> int:
    """Run the ``batch`` subcommand; problems with the arguments raise :class:`~evaluator.cli.common.CliError`.

    Every argument is checked before any answer is read: a path that does not exist, an output that is a
    folder, a link or a device, a missing run database for ``--out -``.
    """
    from tqdm import tqdm

    from evaluator.batch.runner import BatchOptions, ClusterError, run_batch
    from evaluator.batch.summary import format_summary, summarise
    from evaluator.io.export import export_bytes
    from evaluator.io.files import write_atomic
    from evaluator.io.limits import LimitsError, limits_from_env
    from evaluator.io.sources import count_items, iter_items
    from evaluator.rubrics.model import load_rubric
    from evaluator.store.runs import RunStore

    rubric = load_rubric(args.rubric)
    if args.question:
        try:
            rubric.question(args.question)
        except KeyError as exc:
            raise CliError(exc.args[0]) from None
    if args.jobs == 0 or args.jobs < -1:
        raise CliError(f"--jobs must be -1 or at least 1, got {args.jobs}")
    if args.chunk_size < 1:
        raise CliError(f"--chunk-size must be at least 1, got {args.chunk_size}")
    missing = [path for path in args.paths if not Path(path).exists()]
    if missing:
        more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        raise CliError(f"{missing[0]}: no such file or folder{more}")
    to_stdout = args.out == STDOUT
    out = Path(args.out)
    if to_stdout and not args.db:
        raise CliError("--out - writes the table to standard output, so the run database needs a name: add "
                       "--db runs.sqlite (or --db :memory: to keep none)")
    if not to_stdout:
        _writable_file("--out", out)
    suffix = out.suffix.lower().lstrip(".")
    fmt = args.format or (suffix if suffix in ("csv", "jsonl", "xlsx") else "csv")
    db = args.db or str(out.with_suffix(".runs.sqlite"))
    if db != MEMORY_DB:
        _writable_file("--db", Path(db))

    try:
        limits = limits_from_env()
    except LimitsError as exc:
        raise CliError(str(exc)) from None
    options = BatchOptions(jobs=args.jobs, semantic=not args.no_semantic, chunk_size=args.chunk_size,
                           scheduler=args.scheduler)
    try:
        store = RunStore(db)
    except Exception as exc:  # noqa: BLE001 - sqlite3.Error or OSError: either way the path is unusable
        raise CliError(f"{db}: cannot open the run database ({exc})") from None
    found: dict[str, Any] = {"question_ids": rubric.question_ids, "default_question": args.question, "limits": limits}
    total = count_items(args.paths, **found)  # listed, not read: for the progress bar
    if not total:
        store.close()
        raise CliError(f"no files found in {', '.join(args.paths)} (answers are .txt, .md, .docx, .pdf, in folders, "
                       ".zip archives or an answer .csv)")
    with store, tqdm(total=total, desc="scoring", unit="answer", file=sys.stderr, mininterval=0.5) as bar:
        try:
            result = run_batch(iter_items(args.paths, **found, extract=False), rubric, options=options, store=store,
                               on_row=lambda row: bar.update())
        except KeyboardInterrupt:
            bar.close()
            print(f"{store.count()} results are saved in {db}; run the same command again to resume",
                  file=sys.stderr)
            raise
        except ClusterError as exc:
            raise CliError(str(exc)) from None
        except OSError as exc:
            if args.scheduler:  # cannot reach the Dask scheduler
                raise CliError(f"cannot use the Dask scheduler at {args.scheduler}: {exc}") from None
            raise
    data = export_bytes(result.rows, fmt)
    if to_stdout:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_atomic(out, data)
    print(format_summary(summarise(result.rows)), file=sys.stderr)
    where = "standard output" if to_stdout else out
    print(f"{len(result.rows)} rows written to {where} ({result.scored} scored now, {result.reused} from {db})",
          file=sys.stderr)
    return EXIT_OK
