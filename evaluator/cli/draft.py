"""``python -m evaluator draft``: a first rubric (YAML on stdout) from an article's sections and bullets."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pydantic import ValidationError

from evaluator.cli.common import EXIT_OK, CliError, read_answer
from evaluator.rubrics.draft import DRAFT_HEADER, ArticleError, draft_rubric
from evaluator.rubrics.model import parse_rubric
from evaluator.rubrics.yaml_edit import rubric_to_yaml

NAME = "draft"
HELP = "draft a rubric (YAML on stdout) from an article's sections and bullets"


def add_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("article", metavar="ARTICLE.txt", help="the article (UTF-8 text), or - for stdin")
    p.add_argument("--questions", type=int, metavar="N", help="draft N questions (neighbouring sections are merged)")
    p.add_argument("--id", dest="rubric_id", metavar="ID", help="rubric id (default: from the article's title)")
    p.add_argument("--source", default="", help="where the article comes from (default: its title)")


def run(args: argparse.Namespace) -> int:
    if args.questions is not None and args.questions < 1:
        raise CliError(f"--questions must be 1 or more (got {args.questions})")
    article = read_answer(args.article).text
    try:
        rubric = draft_rubric(article, rubric_id=args.rubric_id, questions=args.questions, source=args.source)
    except ArticleError as exc:
        raise CliError(f"{args.article}: {exc}") from None
    except ValidationError as exc:  # e.g. an --id that is not a valid id
        err = exc.errors()[0]
        where = ".".join(str(part) for part in err["loc"])
        raise CliError(f"cannot draft a valid rubric: {where}: {err['msg']} (got {err.get('input')!r})") from None
    name = "stdin" if args.article == "-" else Path(args.article).name
    text = rubric_to_yaml(rubric, header=DRAFT_HEADER.replace("from an article", f"from {name}"))
    parse_rubric(text, source="<draft>")  # the draft must load as it is printed
    sys.stdout.write(text)
    if args.questions and len(rubric.questions) < args.questions:
        print(f"note: the article has {len(rubric.questions)} sections with key points; drafted "
              f"{len(rubric.questions)} questions, not {args.questions}", file=sys.stderr)
    return EXIT_OK
