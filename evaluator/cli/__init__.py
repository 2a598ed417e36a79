"""Command line: ``python -m evaluator score|validate|batch|asag|draft|calibrate``.

One module per command (``NAME``, ``HELP``, ``add_args``, ``run``) and :mod:`evaluator.cli.common`
for what they share. Each command is a thin shell: read input, call the core, print. Errors print
one line on stderr and exit non-zero (2 for bad input, 1 for a failed check).
"""

from evaluator.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
