"""Every clause the bank's declared facts call wrong (or verify), on every marked answer the project keeps.

    .venv/bin/python bench/facts_report.py [--wrong-only] [--rubric ID]

For mentors tuning facts: a finding on a correct answer (topper, average, paraphrase, bullets...) is a fact to
tighten; a wrong-facts answer without findings shows what no fact covers yet. Reads ``samples/<rubric>/`` and
``tests/data/upsc_answers`` (India-US); ``tests/data/claims/answers`` only with ``--claims-set``: that set measures
the facts (bench/claims.py), so facts are not tuned on it. No model is loaded: facts alone.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evaluator import load_rubric  # noqa: E402
from evaluator.core.factcheck import check_facts  # noqa: E402
from evaluator.core.text import analyse  # noqa: E402
from tests.answer_sets import pasted_text  # noqa: E402

WRONG_KINDS = ("wrong", "negated", "wrongfacts", "wrong-claims", "poor", "offtopic")


def marked_answers(*, claims_set: bool = False) -> list[tuple[str, str, str, str, str]]:
    """(rubric id, question id, file, kind, text) of every marked answer."""
    found = []
    for marks in sorted((ROOT / "samples").glob("*/marks.csv")):
        rubric_id = marks.parent.name
        for row in csv.DictReader(marks.open(encoding="utf-8")):
            path = marks.parent / row["file"]
            kind = row.get("kind") or path.stem.split("_", 1)[-1]
            found.append((rubric_id, row["question_id"], f"samples/{rubric_id}/{row['file']}", kind,
                          path.read_text(encoding="utf-8")))
    upsc = ROOT / "tests" / "data" / "upsc_answers"
    for row in csv.DictReader((upsc / "marks.csv").open(encoding="utf-8")):
        path = upsc / row["file"]
        text = pasted_text(path) if path.suffix == ".paste" else path.read_text(encoding="utf-8")
        found.append(("india-us-defence", row["question_id"], f"upsc_answers/{row['file']}", row["kind"], text))
    claims = ROOT / "tests" / "data" / "claims" / "answers" / "marks.csv"
    if claims_set and claims.exists():
        for row in csv.DictReader(claims.open(encoding="utf-8")):
            path = claims.parent / row["file"]
            found.append((row["rubric"], row["question"], f"claims/{row['file']}", row["kind"],
                          path.read_text(encoding="utf-8")))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wrong-only", action="store_true", help="print only the clauses called wrong")
    parser.add_argument("--rubric", help="only this rubric id")
    parser.add_argument("--claims-set", action="store_true", help="also the held-out claims set (to inspect, not tune)")
    options = parser.parse_args()
    bank = {r.id: r for r in map(load_rubric, sorted((ROOT / "rubrics").glob("*.yaml")))}
    tally: Counter[tuple[str, str]] = Counter()
    for rubric_id, question_id, file, kind, text in marked_answers(claims_set=options.claims_set):
        if options.rubric and rubric_id != options.rubric or rubric_id not in bank:
            continue
        question = bank[rubric_id].question(question_id)
        # every fact of the rubric: a fact of another question holds for this answer too (as in scoring)
        facts = [(p.id if q.id == question.id else f"{q.id}:{p.id}", k, f)
                 for q in bank[rubric_id].questions for p in q.key_points for k, f in enumerate(p.facts)]
        findings = check_facts(analyse(text), facts)
        correct = not any(w in kind for w in WRONG_KINDS)
        for f in findings:
            tally[("correct" if correct else "wrong-kind", f.verdict)] += 1
            if f.verdict == "wrong" or not options.wrong_only:
                marker = "!! " if f.verdict == "wrong" and correct else "   "
                print(f"{marker}{file} [{kind}] {f.point_id}.facts[{f.fact}] {f.verdict}: wrote {f.wrote!r}, "
                      f"allowed {f.expected!r}: \"{' '.join(f.clause.split())[:140]}\"")
    print()
    print("findings by answer kind and verdict (a 'wrong' on a correct answer is a fact to fix):")
    for (kind, verdict), n in sorted(tally.items()):
        print(f"  {kind:<11} {verdict:<6} {n}")


if __name__ == "__main__":
    main()
