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
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from evaluator.cli.common import EXIT_OK, CliError, choose_rubric

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

Inputs: answer files (.txt, .md, .docx, .pdf, and photos or scans: .png, .jpg,
.jpeg, .webp, .tif, .tiff, image-only PDFs), folders (searched recursively; .zip
files in them are opened, other files skipped), .zip archives, and .csv files with a
header row 'student,question,answer' ('question' optional). Photos and scans are
read by OCR in the workers; their rows add needs_review, ocr_confidence and
ocr_text: check the rows that need review (low OCR confidence) first. Every input that cannot
be read (corrupt, empty, binary, password-protected, unsafe archive entry) becomes a
row with an 'error'; the batch goes on. Answers not scored (errors, and answers
refused as empty, too long, not English...) have blank marks, with the 'outcome' and
'error' columns saying why; the summary's means count scored answers only, as a
share of max marks and per question when the questions' marks differ.

Mentors: with --overrides DB (the app's database, where the batch page keeps
overrides) and --class NAME (the class they were made in), the table carries the
mentor's marks and statuses beside the evaluator's. --reports DIR writes a feedback sheet per student (DIR/<student>.html
and .pdf, one page per answer). A calibration saved beside the rubric
(<rubric>.calibration.json, fitted on mentor marks) is applied when it was fitted
for this rubric version; --no-calibration scores without it.

Resuming: every finished answer is saved in the run database (--db) as it finishes.
Run the same command again after an interruption and only the missing answers are
scored; the output never has duplicates.

Limits (environment variables): UPSC_EVAL_MAX_UPLOAD_BYTES (one file, default
5,000,000), UPSC_EVAL_MAX_SCAN_BYTES (one photo, scan or PDF, default 20,000,000),
UPSC_EVAL_MAX_PAGES (pages of a scan, default 8), UPSC_EVAL_MAX_IMAGE_PIXELS (one
page, default 40,000,000), UPSC_EVAL_OCR_SECONDS (per page, default 60),
UPSC_EVAL_MAX_ARCHIVE_BYTES (one .zip or .csv, default 200,000,000),
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
    p.add_argument("--rubric", help="rubric YAML file (default: the bank's rubric most answers fit best, from "
                                    "$UPSC_EVAL_RUBRICS or rubrics/; the choice is said on stderr)")
    p.add_argument("--keep-rubric", action="store_true",
                   help="score on --rubric even when most answers fit another rubric of the bank better (without "
                        "it, such a batch stops before scoring and names the rubric they fit)")
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
    p.add_argument("--reports", metavar="DIR", help="also write a feedback sheet per student here (HTML and PDF)")
    p.add_argument("--overrides", metavar="DB", help="merge mentor overrides from this database (the app's)")
    p.add_argument("--class", dest="class_name", default="", metavar="NAME",
                   help="with --overrides: the class the answers were reviewed in on the batch page (default: the "
                        "app's single local user's overrides)")
    p.add_argument("--no-calibration", action="store_true",
                   help="ignore the calibration saved beside the rubric")


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


def _writable_folder(option: str, folder: Path) -> None:
    """Refuse, before anything is read, a folder that is a file or cannot be written (or created)."""
    if folder.exists() and not folder.is_dir():
        raise CliError(f"{option} {folder}: exists and is not a folder")
    existing = folder
    while not existing.exists():  # the folder is made with its parents: the first that exists must take them
        existing = existing.parent
    if not os.access(existing, os.W_OK | os.X_OK):
        raise CliError(f"{option} {folder}: cannot write in the folder {str(existing)!r} (permission denied)")


def _kept(saved: int, db: str) -> str:
    """What the run database keeps, for a message after a failure."""
    if db == MEMORY_DB:
        return "the scored rows were not kept (--db :memory:)"
    return f"the {saved} rows scored are kept in {db}"


def run(args: argparse.Namespace) -> int:
    """Run the ``batch`` subcommand; problems with the arguments raise :class:`~evaluator.cli.common.CliError`.

    Every argument is checked before any answer is read: a path that does not exist, an output that is a
    folder, a link or a device, a missing run database for ``--out -``.
    """
    from tqdm import tqdm

    from evaluator.agreement.calibration import CalibrationFileError, load_calibration
    from evaluator.batch.review import with_match_flags
    from evaluator.batch.runner import BatchOptions, ClusterError, run_batch
    from evaluator.batch.summary import format_summary, summarise
    from evaluator.io.export import export_bytes
    from evaluator.io.files import write_atomic
    from evaluator.io.limits import LimitsError, limits_from_env
    from evaluator.io.sources import count_items, iter_items, question_from_name
    from evaluator.runtime import keep_rubric_vectors
    from evaluator.store.runs import RunStore, RunStoreError

    keep_rubric_vectors()  # the rubric's vectors are read from disk by this process and its workers
    try:
        limits = limits_from_env()
    except LimitsError as exc:
        raise CliError(str(exc)) from None
    missing = [path for path in args.paths if not Path(path).exists()]
    if missing:
        more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        raise CliError(f"{missing[0]}: no such file or folder{more}")
    if args.jobs == 0 or args.jobs < -1:
        raise CliError(f"--jobs must be -1 or at least 1, got {args.jobs}")
    if args.chunk_size < 1:
        raise CliError(f"--chunk-size must be at least 1, got {args.chunk_size}")
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
    reports = Path(args.reports) if args.reports else None
    if reports is not None:
        _writable_folder("--reports", reports)
    # the arguments are checked; now the first answers are read to choose or check the rubric
    chosen_here = args.rubric is None
    rubric, args.rubric, match = choose_rubric(_sample_texts(args.paths, limits, args.rubric), args.rubric,
                                               keep=args.keep_rubric)
    if chosen_here and args.question is None and len(rubric.questions) > 1 and match.answers:
        # answers that name no question: the question most of the batch fits best (said on stderr)
        votes = Counter(m.best.question_id for m in match.answers.values() if m.best and m.best.rubric_id == rubric.id)
        if not any(question_from_name(key, rubric.question_ids) for key in match.answers) and votes:
            args.question = votes.most_common(1)[0][0]
            print(f"chose question {args.question} for answers that name none ({votes[args.question]} of "
                  f"{len(match.answers)} fit it best); name another with --question", file=sys.stderr)
    if args.question:
        try:
            rubric.question(args.question)
        except KeyError as exc:
            raise CliError(exc.args[0]) from None
    try:
        calibration = None if args.no_calibration else load_calibration(args.rubric)
    except CalibrationFileError as exc:
        raise CliError(f"{exc} (or pass --no-calibration)") from None
    if calibration is not None and not calibration.fits(rubric):
        print(f"warning: the calibration beside {args.rubric} was fitted for version {calibration.rubric_version}, "
              f"the rubric is version {rubric.version}: not applied", file=sys.stderr)
        calibration = None
    overrides = _open_overrides(args.overrides)
    options = BatchOptions(jobs=args.jobs, semantic=not args.no_semantic, chunk_size=args.chunk_size,
                           scheduler=args.scheduler, limits=limits)
    try:
        store = RunStore(db)
    except RunStoreError as exc:
        raise CliError(str(exc)) from None
    except Exception as exc:  # noqa: BLE001 - sqlite3.Error or OSError: either way the path is unusable
        raise CliError(f"{db}: cannot open the run database ({exc})") from None
    found: dict[str, Any] = {"question_ids": rubric.question_ids, "default_question": args.question, "limits": limits}
    total = count_items(args.paths, **found)  # listed, not read: for the progress bar
    if not total:
        store.close()
        raise CliError(f"no files found in {', '.join(args.paths)} (answers are .txt, .md, .docx, .pdf or photos "
                       "and scans, in folders, .zip archives or an answer .csv)")
    with store, tqdm(total=total, desc="scoring", unit="answer", file=sys.stderr, mininterval=0.5) as bar:
        try:
            result = run_batch(iter_items(args.paths, **found, extract=False), rubric, options=options, store=store,
                               on_row=lambda row: bar.update(), calibration=calibration)
        except KeyboardInterrupt:
            bar.close()
            print(f"{store.count()} results are saved in {db}; run the same command again to resume",
                  file=sys.stderr)
            raise
        except ClusterError as exc:
            raise CliError(str(exc)) from None
        except RunStoreError as exc:
            bar.close()
            raise CliError(str(exc)) from None
        except OSError as exc:
            if args.scheduler:  # cannot reach the Dask scheduler
                raise CliError(f"cannot use the Dask scheduler at {args.scheduler}: {exc}") from None
            raise
        saved = store.count() if db != MEMORY_DB else 0
    rows = with_match_flags(result.rows, match)
    texts: dict[str, str] = {}
    if overrides is not None or reports is not None:  # the answers' texts, read again: the batch keeps none in memory
        texts = {item.key: item.text for item in iter_items(args.paths, **found) if item.text is not None}
        texts |= {row.key: row.ocr_text for row in rows if row.ocr_text}  # photos and scans: the text read
    if overrides is not None:
        from evaluator.batch.rows import with_reviews
        from evaluator.store.overrides import answer_id

        # an answer's identity: its class, path, text and student (another answer under its name is another answer)
        rows = with_reviews(rows, overrides.reviews(rubric.id, {
            r.key: answer_id(args.class_name, r.key, r.question_id, texts[r.key], r.student)
            for r in rows if r.key in texts}))
    data = export_bytes(rows, fmt)
    if to_stdout:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        try:
            write_atomic(out, data)
        except OSError as exc:  # a full disk, a folder made read-only meanwhile: the scored rows are in the database
            raise CliError(f"cannot write {out}: {exc.strerror or exc}; {_kept(saved, db)}: free some space (or "
                           "choose another --out) and run the same command again, which reuses them") from None
    print(format_summary(summarise(rows)), file=sys.stderr)
    if calibration is not None:
        print(f"marks {calibration.note} ({calibration_path_name(args.rubric)})", file=sys.stderr)
    if review := sum(row.needs_review for row in rows):
        print(f"{review} answer(s) read from photos or scans need review (column needs_review): check the text read "
              "against the page first", file=sys.stderr)
    where = "standard output" if to_stdout else out
    print(f"{len(rows)} rows written to {where} ({result.scored} scored now, {result.reused} from {db})",
          file=sys.stderr)
    if reports is not None:
        try:
            _write_reports(reports, rows, texts, rubric, semantic=not args.no_semantic, calibration=calibration)
        except OSError as exc:
            raise CliError(f"cannot write the feedback sheets in {reports}: {exc.strerror or exc}; the results are "
                           f"in {where} and {_kept(saved, db)}: free some space and run the same command again "
                           "(the answers are not scored again)") from None
    return EXIT_OK


def _sample_texts(paths: Sequence[str], limits, rubric: str | None) -> dict[str, str]:  # noqa: ANN001 - SourceLimits
    """The text of the first answers of a batch (typed ones; photos are read later), by key: enough to tell which
    rubric and question they fit before any is scored."""
    from itertools import islice

    from evaluator.io.sources import iter_items
    from evaluator.rubrics.bank import load_rubrics
    from evaluator.rubrics.matching import MATCH_SETTINGS
    from evaluator.rubrics.model import load_rubric, rubric_dir

    # every answer read, whatever question of the bank it names: the rubric is not known yet
    folder = rubric_dir()
    rubrics = [r for _, r in load_rubrics(folder)[0]] if folder.is_dir() else []
    ids = sorted({qid for r in [*rubrics, *([load_rubric(rubric)] if rubric else [])] for qid in r.question_ids})
    items = iter_items(paths, question_ids=ids or ("?",), default_question=(ids or ("?",))[0], limits=limits)
    # only what matching reads of each: 200 answers of 4.9 MB would hold 1 GB
    typed = ((item.key, item.text[:MATCH_SETTINGS.max_chars]) for item in items if item.text)
    return dict(islice(typed, MATCH_SETTINGS.batch_sample))


def calibration_path_name(rubric: str) -> str:
    from evaluator.agreement.calibration import calibration_path

    return calibration_path(rubric).name


def _open_overrides(path: str | None):  # noqa: ANN202 - OverrideStore | None
    if path is None:
        return None
    import sqlite3

    from evaluator.store.overrides import OverrideStore

    if not Path(path).is_file():
        raise CliError(f"--overrides {path}: no such database")
    try:
        return OverrideStore(path)
    except (sqlite3.Error, OSError) as exc:
        raise CliError(f"--overrides {path}: cannot open the database ({exc})") from None


def _write_reports(folder: Path, rows, texts, rubric, *, semantic: bool, calibration) -> None:  # noqa: ANN001
    from evaluator.batch.sheets import feedback_sheets
    from evaluator.cli.common import progress
    from evaluator.io.files import write_atomic
    from evaluator.views.reports import student_reports

    folder.mkdir(parents=True, exist_ok=True)
    sheets = feedback_sheets(rows, texts, rubric, semantic=semantic, calibration=calibration,
                             progress=progress("reports"))
    files = student_reports(sheets)
    for name, data in files.items():
        write_atomic(folder / name, data)
    print(f"{len(files) // 2} feedback sheets ({len(sheets)} answers) written to {folder}", file=sys.stderr)
