"""``python -m evaluator fingerprint ARTICLE``: hashed word runs of a source article, for copy detection.

A rubric written from an article it may not store (a newspaper's text) keeps this fingerprint instead:
answers that paste long runs of the article are still found. ``--into RUBRIC`` writes it into the
rubric's ``article_fingerprint`` (keeping the file's comments), else it is printed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from evaluator.cli.common import EXIT_OK, CliError, read_answer

NAME = "fingerprint"
HELP = "hashed word runs of a source article, for copy detection without keeping its text"


def add_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("article", metavar="ARTICLE", help="the article (.txt, .md, .docx, .pdf), or - for stdin")
    p.add_argument("--into", metavar="RUBRIC.yaml", help="write it into this rubric's article_fingerprint")


def run(args: argparse.Namespace) -> int:
    from evaluator.core.copying import fingerprint
    from evaluator.io.files import read_regular, write_atomic
    from evaluator.rubrics.model import MAX_RUBRIC_BYTES, parse_rubric
    from evaluator.rubrics.yaml_edit import set_source_fields

    hashes = fingerprint(read_answer(args.article).text)
    if not hashes:
        raise CliError(f"{args.article}: too short to fingerprint (fewer words than one run)")
    if not args.into:
        print(hashes)
        return EXIT_OK
    path = Path(args.into)
    try:
        text = read_regular(path, MAX_RUBRIC_BYTES, noun="the rubric").decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError(f"{path}: cannot read the rubric ({exc})") from None
    updated = set_source_fields(text, {"article_fingerprint": hashes}, source=str(path))
    parse_rubric(updated, source=str(path), base=path.parent)  # it must still load
    write_atomic(path, updated.encode("utf-8"))
    print(f"{path}: article_fingerprint set ({len(hashes.split())} runs of words)")
    return EXIT_OK
