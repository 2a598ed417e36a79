"""What an Evaluate click costs on a 500-question bank: the answer's own question, then the wrong-question check.

    .venv/bin/python bench/huge_rubric.py [--questions 500]

The bank is the bundled rubric's 4 questions among questions drawn from the articles in ``rubrics/articles``
(``tests/core/test_question_match.py:bank_rubric``). Each sample answer is scored against a question it was not
written for, as a student who picked the wrong one; the check either scores every other question in full (as
before issue 16) or only the shortlist of :func:`~evaluator.core.shortlist.candidate_questions`. Each way is
timed twice: the first click (each question's key points still to be prepared) and the next one.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evaluator import DEFAULT_SETTINGS, evaluate  # noqa: E402
from evaluator.core import question_match  # noqa: E402
from evaluator.runtime import warm_up  # noqa: E402
from tests.core.test_question_match import bank_rubric  # noqa: E402

SAMPLES = ["q1_excellent", "q2_average", "q3_paraphrased", "q4_misspelt"]


def click(text: str, rubric, chosen, shortlist: int) -> float:  # noqa: ANN001 - Rubric, Question
    settings = chosen.settings.model_copy(update={"other_questions_scored": shortlist})
    start = time.perf_counter()
    question_match.better_question(text, rubric, evaluate(text, chosen, settings=settings, rubric=rubric))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=500)
    options = parser.parse_args()
    warm_up()
    bank = bank_rubric(options.questions)
    print(f"{len(bank.questions)} questions; one Evaluate click = evaluate with the rubric + better_question")
    for label, shortlist in [("shortlist (now)", DEFAULT_SETTINGS.other_questions_scored),
                             ("every question (before)", len(bank.questions))]:
        first, again = [], []
        for sample in SAMPLES:
            text = (ROOT / "samples" / "india-us-defence" / f"{sample}.txt").read_text(encoding="utf-8")
            chosen = bank.question("Q1" if not sample.startswith("q1") else "Q2")
            first.append(click(text, bank, chosen, shortlist))
            again.append(click(text, bank, chosen, shortlist))
        print(f"  {label:<24} first click median {statistics.median(first):6.2f} s (max {max(first):.2f}); "
              f"next click median {statistics.median(again):6.2f} s (max {max(again):.2f})")


if __name__ == "__main__":
    main()
