"""Speed benchmark: model load time, per-answer latency (p50/p95), answers/second, peak memory.

Run: ``make bench`` or ``.venv/bin/python bench/speed.py [--rounds N]``. Warm numbers: every
sample answer is scored once before timing starts.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=10, help="times each sample answer is scored")
    args = parser.parse_args()

    t0 = time.perf_counter()
    from evaluator import evaluate, load_rubric
    from evaluator.core.embedding import get_encoder
    from evaluator.core.multilingual import get_multilingual_encoder
    from evaluator.runtime import warm_up

    warm_up()  # the thread policy every shell sets, the spaCy pipeline and the encoder
    encoder = get_encoder()
    load_s = time.perf_counter() - t0

    rubric = load_rubric(ROOT / "rubrics" / "india_us_defence.yaml")
    answers = [(p.read_text(encoding="utf-8"), rubric.question(p.name[:2].upper()))
               for p in sorted((ROOT / "samples" / "india-us-defence").glob("q*.txt"))]
    print(f"model load (imports, spaCy, encoder {encoder.backend if encoder else 'absent'}): {load_s:.2f} s")
    print(f"answers: {len(answers)} samples x {args.rounds} rounds, "
          f"{statistics.mean(len(t.split()) for t, _ in answers):.0f} words on average")
    hindi = [(p.read_text(encoding="utf-8"), rubric.question(p.name[:2].upper()))
             for p in sorted((ROOT / "samples" / "india-us-defence" / "hindi").glob("q*.hi.txt"))]
    modes = [("semantic on", answers, True, None), ("semantic on, with the rubric (app, score, batch)", answers, True,
                                                     rubric),
             ("semantic off", answers, False, None), ("Hindi answers (multilingual-e5)", hindi, True, rubric)]
    for label, texts, semantic, whole in modes:
        timings = []
        for text, q in texts:  # warm-up: compile every question once
            evaluate(text, q, settings=q.settings.model_copy(update={"semantic": semantic}), rubric=whole)
        for _ in range(args.rounds if texts is answers else max(1, args.rounds // 5)):
            for text, q in texts:
                settings = q.settings.model_copy(update={"semantic": semantic})
                if encoder:
                    encoder.clear_cache()  # time real encoding, not the per-answer cache
                if (multilingual := get_multilingual_encoder()) is not None:
                    multilingual.clear_cache()
                start = time.perf_counter()
                evaluate(text, q, settings=settings, rubric=whole)
                timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p50, p95 = timings[len(timings) // 2], timings[int(len(timings) * 0.95)]
        rate = 1000 * len(timings) / sum(timings)
        print(f"{label}: p50 {p50:.1f} ms, p95 {p95:.1f} ms, {rate:.0f} answers/s (1 process)")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
