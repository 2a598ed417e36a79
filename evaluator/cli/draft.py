"""``python -m evaluator draft``: a first rubric (YAML) from an article: questions from its themes, points from bullets.

The article travels with the rubric: with ``--out`` inside the folder that holds the article (the
bank keeps ``rubrics/articles/x.txt`` beside ``rubrics/x.yaml``), the rubric names it as
``article_file:``; otherwise its text is embedded as ``article:``.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from evaluator.cli.common import EXIT_OK, CliError
from evaluator.io.articles import ARTICLE_SUFFIXES, MAX_ARTICLE_BYTES, read_article_bytes
from evaluator.io.files import read_regular
from evaluator.io.ingest import IngestError

NAME = "draft"
HELP = "draft a rubric (YAML) from an article: UPSC-style questions from its themes, key points from its bullets"


def add_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("article", metavar="ARTICLE", help=f"the article ({', '.join(ARTICLE_SUFFIXES)}), or - for stdin "
                                                      "(text)")
    p.add_argument("--questions", type=int, metavar="N", help="draft at most N questions (the main themes first)")
    p.add_argument("--id", dest="rubric_id", metavar="ID", help="rubric id (default: from the article's subject)")
    p.add_argument("--source", default="", help="where the article comes from (default: its title)")
    p.add_argument("--date", default="", metavar="YYYY-MM-DD", help="when the article appeared")
    p.add_argument("--out", metavar="RUBRIC.yaml", help="write the rubric here instead of to stdout")


def run(args: argparse.Namespace) -> int:
    # imported here: drafting reads the article with spaCy, which `draft --help` and the other commands do not need
    from pydantic import ValidationError

    from evaluator.authoring.draft import DRAFT_HEADER, ArticleError, draft_rubric, draft_yaml
    from evaluator.io.files import write_atomic
    from evaluator.rubrics.model import parse_rubric

    if args.questions is not None and args.questions < 1:
        raise CliError(f"--questions must be 1 or more (got {args.questions})")
    if args.date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", args.date):
        raise CliError(f"--date must be YYYY-MM-DD (got {args.date!r})")
    article = _read_article(args.article)
    out = Path(args.out) if args.out else None
    try:
        rubric = draft_rubric(article, rubric_id=args.rubric_id, questions=args.questions, source=args.source,
                              date=args.date, article_file=_article_file(args.article, out))
    except ArticleError as exc:
        raise CliError(f"{args.article}: {exc}") from None
    except ValidationError as exc:  # e.g. an --id that is not a valid id
        err = exc.errors()[0]
        where = ".".join(str(part) for part in err["loc"])
        raise CliError(f"cannot draft a valid rubric: {where}: {err['msg']} (got {err.get('input')!r})") from None
    name = "stdin" if args.article == "-" else Path(args.article).name
    text = draft_yaml(rubric, header=DRAFT_HEADER.replace("from an article", f"from {name}"))
    parse_rubric(text, source="<draft>", base=out.parent if out else None)  # the draft must load as it is written
    if out is None:
        sys.stdout.write(text)
    else:
        try:
            write_atomic(out, text.encode("utf-8"))
        except OSError as exc:
            raise CliError(f"cannot write {out}: {exc.strerror or exc}") from None
        print(f"wrote {out}: {len(rubric.questions)} questions, "
              f"{sum(len(q.key_points) for q in rubric.questions)} key points", file=sys.stderr)
    if args.questions and len(rubric.questions) < args.questions:
        print(f"note: the article has {len(rubric.questions)} themes to ask about; drafted "
              f"{len(rubric.questions)} questions, not {args.questions}", file=sys.stderr)
    return EXIT_OK


def _read_article(source: str) -> str:
    """The article's text from a file of any supported type, or from standard input; one line when it cannot be read."""
    try:
        if source == "-":
            return read_article_bytes("stdin.txt", sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1))
        path = Path(source)
        if not path.exists():
            raise IngestError(source, "no such file")
        # a regular file under the size cap: a device or a pipe is refused, never read
        return read_article_bytes(path.name, read_regular(path, MAX_ARTICLE_BYTES, noun="article"))
    except IngestError as exc:
        raise CliError(f"{source}: {exc.reason}") from None
    except OSError as exc:
        raise CliError(f"cannot read {source}: {exc.strerror or exc}") from None


def _article_file(article: str, out: Path | None) -> str:
    """The article's path relative to the rubric's folder when it lies under it, else "" (the text is embedded)."""
    if out is None or article == "-":
        return ""
    folder, path = out.parent.resolve(), Path(article).resolve()
    return path.relative_to(folder).as_posix() if path.is_relative_to(folder) else ""
