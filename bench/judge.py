"""The consistency judge on articles it never saw: macro-F1, contradictions caught by kind, false alarms, speed.

Run: ``.venv/bin/python bench/judge.py``. Prints, for pairs generated from the held-out articles only
(``training/judge_data.py``: five bank rubrics and the three draft-quality articles) and, if present, for the
hand-labelled ``tests/data/claims/pairs.csv``:

- 3-way macro-F1 and accuracy;
- the share judged "contradicted" for each gold label and kind: recall for the contradiction kinds (entity,
  number, year, ordinal, verdict, direction, negation, role), false alarms for the correct rewordings (negation,
  percent, fraction, verdict, ordinal paraphrases, clauses, synonyms, key points) and unrelated sentences;
- precision and recall of "contradicted" when its margin is at least 0.0, 0.3, 0.5, 0.7, 0.9;

then milliseconds per pair, distinct pairs in batches of 8, one thread.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=13, help="the seed of the held-out pair generation")
    parser.add_argument("--speed-pairs", type=int, default=800, help="distinct pairs timed")
    args = parser.parse_args()

    import judge_data
    import judge_eval

    from evaluator.core.judge import load_judge

    t0 = time.perf_counter()
    judge = load_judge()
    if judge is None:
        sys.exit("no judge model: build it with `make judge`")
    print(f"model load: {time.perf_counter() - t0:.2f} s")
    held = judge_eval.held_out_pairs(args.seed)
    claims = judge_eval.claims_pairs()
    print(f"held-out articles: {', '.join(a.id for a in judge_data.held_out_articles())}")
    if not claims:
        print("tests/data/claims/pairs.csv: not found (skipped)")
    for line in judge_eval.format_report(judge_eval.report(judge, held, claims=claims)):
        print(line)

    # speed: distinct pairs as the scorer meets them (a key point or source sentence against a student clause)
    pairs = [(p.premise, p.hypothesis) for p in (claims + held)]
    random.Random(args.seed).shuffle(pairs)
    pairs = pairs[:args.speed_pairs]
    judge.judge(pairs[:8])  # warm up the session
    tokens = [len(judge.tokenizer.encode(p, h).ids) for p, h in pairs]
    short = [(p, h) for p, h in pairs if len(judge.tokenizer.encode(p, h).ids) <= 48][:400]
    for name, sample in ((f"all ({statistics.mean(tokens):.0f} word pieces a pair on average)", pairs),
                         ("pairs of at most 48 word pieces (a key point against a short clause)", short)):
        wall, cpu = speed(judge, sample)
        # CPU time is what one thread costs on a quiet machine; wall time also counts waiting for a busy CPU
        print(f"speed, one thread, batches of 8 distinct pairs, {name}: median {cpu:.2f} ms CPU a pair "
              f"({wall:.2f} ms wall)")


def speed(judge, pairs: list[tuple[str, str]]) -> tuple[float, float]:  # noqa: ANN001
    """Median wall and CPU milliseconds a pair, judging ``pairs`` in batches of 8."""
    wall, cpu = [], []
    for start in range(0, len(pairs) - 7, 8):
        t, c = time.perf_counter(), time.process_time()
        judge.judge(pairs[start:start + 8])
        wall.append((time.perf_counter() - t) * 1000 / 8)
        cpu.append((time.process_time() - c) * 1000 / 8)
    return statistics.median(wall), statistics.median(cpu)


if __name__ == "__main__":
    main()
