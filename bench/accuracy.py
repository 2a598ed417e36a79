"""Agreement with examiners' marks on the project's marked answers, and contradictions on public data.

    .venv/bin/python bench/accuracy.py [--skip-semeval]

Prints, for each set: how many answers land in the examiner's range, Spearman with the examiner's marks
(as shares of full marks), and what the set is for:

- the bundled rubric's 28 samples (``samples/india-us-defence``: the settings were tuned on them);
- the adversarial UPSC set (``tests/data/upsc_answers``: toppers, paraphrases, bullets, filler, wrong facts
  in fluent prose, pasted source, keyword stuffing, over-length, wrong question, Hinglish; 64 answers) and
  the pairs an examiner orders;
- the question bank (``samples/<rubric>/marks.csv`` for every rubric of ``rubrics/``);
- Hindi-medium answers and the same content in English (``samples/india-us-defence/hindi``);
- SemEval-2013 (``../shared/asag``): the share of answers labelled *contradictory* that the evaluator
  judges correct, at the threshold on its share of marks that best separates correct from incorrect.

Mohler and the calibrated figures are ``make asag``.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evaluator import evaluate, load_rubric  # noqa: E402
from evaluator.runtime import configure_threads  # noqa: E402

ASAG = ROOT.parent / "shared" / "asag"


def marked(folder: Path, rubric_path: Path, marks_file: str = "marks.csv") -> list[tuple[dict[str, str], float]]:
    """(examiner row, evaluator's share of full marks) for every answer a marks file lists."""
    rubric = load_rubric(rubric_path)
    found = []
    for row in csv.DictReader((folder / marks_file).open(encoding="utf-8")):
        question = rubric.question(row["question_id"])
        result = evaluate((folder / row["file"]).read_text(encoding="utf-8"), question, rubric=rubric)
        found.append((row | {"got": str(result.marks), "max": str(question.marks)}, result.marks))
    return found


def report(name: str, found: list[tuple[dict[str, str], float]]) -> None:
    inside = sum(float(r["low"]) <= got <= float(r["high"]) for r, got in found)
    examiner = [float(r["marks"]) / float(r["max"]) for r, _ in found]
    ours = [got / float(r["max"]) for r, got in found]
    print(f"{name:<34} {inside:>3} of {len(found):>3} in the examiner's range; "
          f"Spearman {spearmanr(examiner, ours)[0]:.3f}")


def upsc_set() -> None:
    folder = ROOT / "tests" / "data" / "upsc_answers"
    found = marked(folder, ROOT / "rubrics" / "india_us_defence.yaml")
    report("UPSC adversarial set", found)
    got = {r["file"]: m for r, m in found}
    pairs = list(csv.DictReader((folder / "pairs.csv").open(encoding="utf-8")))
    kept = sum(got[p["better"]] > got[p["worse"]] for p in pairs)
    print(f"{'':<34} {kept} of {len(pairs)} examiner-ordered pairs kept")
    for kind in ("wrong_facts", "pasted_source", "keyword_stuffing", "topper_paraphrase", "bullets"):
        rows = [(r["marks"], m) for r, m in found if r["kind"] == kind]
        if rows:
            print(f"{'':<34} {kind}: examiner {', '.join(e for e, _ in rows)}; evaluator "
                  f"{', '.join(f'{m:g}' for _, m in rows)}")


def bundled_samples() -> None:
    report("bundled samples (tuned on)", marked(ROOT / "samples" / "india-us-defence",
                                                 ROOT / "rubrics" / "india_us_defence.yaml"))


def bank() -> None:
    found = []
    for rubric in sorted((ROOT / "rubrics").glob("*.yaml")):
        folder = ROOT / "samples" / rubric.stem
        if (folder / "marks.csv").is_file() and rubric.stem != "india_us_defence":
            found += marked(folder, rubric)
    report("question bank (other rubrics)", found)


def hindi() -> None:
    folder = ROOT / "samples" / "india-us-defence" / "hindi"
    found = [(r, m) for r, m in marked(folder, ROOT / "rubrics" / "india_us_defence.yaml") if r["lang"] != "hinglish"]
    report("Hindi and English pairs", [(r, m) for r, m in found if r["lang"] == "hi"])
    by_file = {r["file"]: m for r, m in found}
    gaps = [abs(m - by_file[f.replace(".hi.", ".en.")]) for f, m in by_file.items() if ".hi." in f]
    print(f"{'':<34} |Hindi - English| mean {np.mean(gaps):.2f}, max {max(gaps):.1f} marks ({len(gaps)} pairs)")


def semeval() -> None:
    from evaluator.agreement.asag import parse_graded_csv, score_all
    from evaluator.io.ingest import decode_text

    for name in ("semeval_scientsbank_train.csv", "semeval_beetle_train.csv"):
        path = ASAG / name
        if not path.is_file():
            print(f"{name}: not found beside the repository (../shared/asag)")
            continue
        items = parse_graded_csv(decode_text(str(path), path.read_bytes()), source=name)
        labels = np.array([r["label_3way"] for r in csv.DictReader(path.open(encoding="utf-8"))])
        share = np.array([e.share for e in score_all(items)])
        correct = np.array([i.score for i in items]) == 1
        accuracy, threshold = max((((share >= t) == correct).mean(), t) for t in np.linspace(0.05, 0.95, 91))
        contradictory = labels == "contradictory"
        print(f"{name:<34} contradictory answers judged correct: {(share[contradictory] >= threshold).mean():.1%} "
              f"(correct ones: {(share[correct] >= threshold).mean():.1%}; threshold {threshold:.2f}, accuracy "
              f"{accuracy:.3f}; answers at exactly 0: {(share == 0).mean():.1%})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-semeval", action="store_true", help="only the project's own marked answers")
    options = parser.parse_args()
    configure_threads()
    bundled_samples()
    upsc_set()
    bank()
    hindi()
    if not options.skip_semeval:
        semeval()


if __name__ == "__main__":
    main()
