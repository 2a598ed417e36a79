"""How precise and how complete the claim checks are, on sets written and marked before they were scored.

    .venv/bin/python bench/claims.py [--no-judge] [--answers DIR ...]

1. **Pairs** (``tests/data/claims/pairs.csv``: 676 (source, student clause) pairs over 7 rubrics, 5 of them never
   seen by the judge in training): precision and recall of "wrong" per kind, for the declared facts alone (the
   clause read against its question's facts) and for facts + the judge at its confirming margin.
2. **Whole answers** (every ``tests/data/claims/*/marks.csv`` set: ``answers``, 70, and ``fresh``, 40 written later
   by someone who had not read the facts; or ``--answers``; ``planted.csv`` listing
   every planted wrong claim): false "Wrong" verdicts on correct answers, the share of planted wrong claims
   flagged (wrong, or "check this"), whether each wrong-claims answer is below the honest average of its
   question, and Spearman with the examiner.
3. **Bank samples** (``samples/<rubric>/marks.csv``): correct answers that lose marks to a claim check.
4. **Time**: what the claim stage (facts and judge) adds to an answer, on distinct answers.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

from scipy.stats import spearmanr

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evaluator import evaluate, load_rubric  # noqa: E402
from evaluator.core.context import prepare_answer  # noqa: E402
from evaluator.core.factcheck import check_facts  # noqa: E402
from evaluator.core.scoring import rubric_facts  # noqa: E402
from evaluator.core.text import analyse  # noqa: E402
from evaluator.runtime import configure_threads  # noqa: E402
from tests.answer_sets import load_claim_pairs, load_claims_answers, planted_verdicts  # noqa: E402


# the whole-answer sets: the first, written with the facts; a second, written later by someone who had not read the
# rubrics' facts, scored once its marks were fixed
CLEAR_GAP = 1.0  # marks between two answers to one question for their order to be clear
ANSWER_SETS = [p.parent for p in sorted((ROOT / "tests/data/claims").glob("*/marks.csv"))]


def rubrics() -> dict[str, object]:
    return {r.id: r for r in map(load_rubric, sorted((ROOT / "rubrics").glob("*.yaml")))}


def all_facts(rubric, question_id: str) -> list:  # noqa: ANN001
    """The question's facts, then the rest of the rubric's (as scoring with ``rubric=`` reads them)."""
    question = rubric.question(question_id)
    own = [(p.id, k, f) for p in question.key_points for k, f in enumerate(p.facts)]
    return own + [("", k, f) for k, f in enumerate(rubric_facts(rubric, question))]


def _ratio(a: int, b: int) -> str:
    return f"{a}/{b} = {a / b:.0%}" if b else "n/a"


def pairs(bank: dict, judge) -> None:  # noqa: ANN001
    """Precision and recall of 'wrong' on the labelled pairs, per kind: facts alone, then facts + judge."""
    rows = load_claim_pairs()
    questions = {(r["rubric"], r["question"]) for r in rows}
    facts = {key: all_facts(bank[key[0]], key[1]) for key in questions}
    by_fact = [any(f.verdict == "wrong" for f in check_facts(analyse(r["clause"]), facts[(r["rubric"], r["question"])]))
               for r in rows]
    margins = [-1.0] * len(rows)
    if judge is not None:
        verdicts = judge.judge([(r["source"], r["clause"]) for r in rows])
        margins = [v.margin for v in verdicts]
    settings = next(iter(bank.values())).scoring
    systems = {"facts": by_fact}
    if judge is not None:
        systems["facts+judge"] = [f or m >= settings.judge_confirm for f, m in zip(by_fact, margins, strict=True)]
        systems["judge 'check'"] = [m >= settings.judge_check for m in margins]
    contradicted = sum(r["label"] == "contradicted" for r in rows)
    print(f"1. pairs: {len(rows)} ({contradicted} contradicted)")
    for name, said in systems.items():
        true = sum(s and r["label"] == "contradicted" for s, r in zip(said, rows, strict=True))
        print(f"   {name:<14} precision {_ratio(true, sum(said))}, recall {_ratio(true, contradicted)}")
        per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for s, r in zip(said, rows, strict=True):
            per_kind[r["kind"]][0] += s
            per_kind[r["kind"]][1] += 1
        print("     called wrong per kind: " + ", ".join(f"{k} {a}/{b}" for k, (a, b) in sorted(per_kind.items())))
    if judge is not None:
        shown = []
        for t in (0.3, 0.5, 0.7, 0.8, 0.9):
            hits = [r["label"] == "contradicted" for m, r in zip(margins, rows, strict=True) if m >= t]
            shown.append(f"{t:.1f}: {_ratio(sum(hits), len(hits))}")
        print("   judge alone, precision at margins: " + ", ".join(shown))


def answers(bank: dict, folder: Path) -> None:  # noqa: ANN001
    """False wrongs on correct answers, planted wrong claims flagged, order against the examiner."""
    rows = load_claims_answers(folder)
    print(f"2. answers in {folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder}")
    results = {a.file: evaluate(a.text, bank[a.rubric].question(a.question_id), rubric=bank[a.rubric]) for a in rows}
    correct = [a for a in rows if a.correct]
    false_wrong = [(a.file, c.clause) for a in correct for c in results[a.file].claims if c.verdict == "wrong"]
    print(f"   answers: {len(rows)}; correct answers with a 'Wrong' verdict: "
          f"{len({f for f, _ in false_wrong})} of {len(correct)} ({len(false_wrong)} verdicts)")
    for file, clause in false_wrong[:10]:
        print(f"     false wrong: {file}: \"{' '.join(clause.split())[:120]}\"")
    flagged = checked = total = 0
    for a in rows:
        for clause in a.planted:
            verdicts = planted_verdicts(a.text, clause, results[a.file])
            total += 1
            flagged += "wrong" in verdicts
            checked += verdicts == {"check"}
    print(f"   planted wrong claims called wrong: {_ratio(flagged, total)}; shown as 'check this' only: {checked}")
    honest = {(a.rubric, a.question_id): results[a.file].marks for a in rows if a.kind == "average"}
    below = [(a.file, results[a.file].marks, honest[(a.rubric, a.question_id)])
             for a in rows if a.wrong_claims and (a.rubric, a.question_id) in honest]
    above = [b for b in below if b[1] >= b[2]]
    print(f"   wrong-claims answers below the honest average of their question: {len(below) - len(above)} "
          f"of {len(below)}")
    for file, got, avg in above:
        print(f"     not below: {file}: {got:g} against the average's {avg:g}")
    share = [results[a.file].marks / a.max_marks for a in rows]
    examiner = [a.marks / a.max_marks for a in rows]
    # clear order pairs: two answers to one question that the examiner set at least a mark apart
    pairs = [(a, b) for a in rows for b in rows if (a.rubric, a.question_id) == (b.rubric, b.question_id)
             and a.marks >= b.marks + CLEAR_GAP]
    broken = [(a, b) for a, b in pairs if results[a.file].marks < results[b.file].marks]
    print(f"   Spearman with the examiner ({len(rows)} answers): {spearmanr(share, examiner)[0]:.3f}; clear pairs "
          f"(a mark or more apart, one question) broken: {len(broken)} of {len(pairs)}")
    for a, b in broken[:6]:
        print(f"     broken: {a.file} ({a.marks:g}, scored {results[a.file].marks:g}) below {b.file} "
              f"({b.marks:g}, scored {results[b.file].marks:g})")


def bank_samples(bank: dict) -> None:  # noqa: ANN001
    """Correct bank samples that lose marks to a claim check."""
    lost, total = [], 0
    for marks in sorted((ROOT / "samples").glob("*/marks.csv")):
        rubric = bank.get(marks.parent.name)
        if rubric is None:
            continue
        for r in csv.DictReader(marks.open(encoding="utf-8")):
            kind = r.get("kind") or Path(r["file"]).stem.split("_", 1)[-1]
            if any(w in kind for w in ("wrong", "negated", "poor", "offtopic", "keywords", "filler")):
                continue
            total += 1
            result = evaluate((marks.parent / r["file"]).read_text(encoding="utf-8"),
                              rubric.question(r["question_id"]), rubric=rubric)
            wrong = [c.clause for c in result.claims if c.verdict == "wrong"]
            if wrong:
                lost.append((f"{marks.parent.name}/{r['file']}", wrong[0]))
    print(f"3. bank samples: correct answers losing marks to a claim check: {len(lost)} of {total}")
    for file, clause in lost:
        print(f"     {file}: \"{' '.join(clause.split())[:120]}\"")


def timing(bank: dict) -> None:  # noqa: ANN001
    """Milliseconds the claim stage adds per distinct answer (facts and judge), after the sentences are encoded."""
    spent = []
    for a in load_claims_answers():
        question = bank[a.rubric].question(a.question_id)
        answer = prepare_answer(analyse(a.text), question, settings=question.settings)
        answer.encoded  # noqa: B018 - the sentences are encoded before the claim stage, as in scoring
        answer.claims  # noqa: B018 - the clause reader serves the keyword signal too
        start = time.perf_counter()
        answer.fact_findings  # noqa: B018
        answer.judged  # noqa: B018
        spent.append((time.perf_counter() - start) * 1000)
    print(f"4. claim stage per distinct answer: median {statistics.median(spent):.1f} ms, "
          f"p95 {sorted(spent)[int(0.95 * len(spent))]:.1f} ms ({len(spent)} answers)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-judge", action="store_true", help="declared facts only")
    parser.add_argument("--answers", type=Path, action="append",
                        help="a folder of marked answers (marks.csv, planted.csv); default: every set in "
                             "tests/data/claims")
    options = parser.parse_args()
    configure_threads()
    bank = rubrics()
    judge = None
    if not options.no_judge:
        try:
            from evaluator.core.judge import load_judge
            judge = load_judge()
        except ImportError:
            print("(no judge model here: facts only)")
    if options.no_judge:
        bank = {k: r.model_copy(update={"questions": [q.model_copy(update={"scoring": replace_settings(q.settings)})
                                                       for q in r.questions]}) for k, r in bank.items()}
    pairs(bank, judge)
    for folder in options.answers or ANSWER_SETS:
        answers(bank, folder.resolve())
    bank_samples(bank)
    timing(bank)


def replace_settings(settings):  # noqa: ANN001, ANN201
    """The settings with the judge off."""
    return settings.model_copy(update={"judge_pairs": 0})


if __name__ == "__main__":
    main()
