"""Speed of one answer, as a user meets it: distinct answers, each scored once, rubric warm, answer cold.

    .venv/bin/python bench/speed.py [--no-semantic] [--hindi] [--marks OUT.json]

Every distinct answer of the project (``bench/corpus.py``: the bundled samples, the bank's samples, the
marked test sets, Hindi-medium answers) is scored once in this process, as the app scores it (``rubric=``:
the wrong-question check on). Before timing, every question used is compiled (key-point vectors, facts,
article sentences: what a long-running app or batch has warm); nothing of an answer is. Prints, per
language, p50 and p95 wall time and CPU time (``time.process_time``, less sensitive to a loaded machine),
the share of each pipeline stage (:mod:`evaluator.core.stages`), the ratio to a bare spaCy tokenizer pass
over the same answers, the load average, and peak memory. ``--marks`` writes every answer's marks as JSON,
to check that a speed change leaves the marks identical. ``--hindi`` times only the answers with Devanagari in them
(the Hindi-medium ones: e5's path, without the minute of English answers around them).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import distinct_answers  # noqa: E402

HINDI_WARM = "भारत और अमेरिका के बीच रक्षा सहयोग बढ़ रहा है। यह एक परीक्षण वाक्य है।"  # compiles e5's rubric vectors


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else float("nan")


def print_stages(label: str, seconds: dict[str, float], total: float, answers: int) -> None:
    """Each stage's share of the total time, outermost stages first, with what ran nested inside them."""
    top: dict[str, float] = {}
    for path, s in seconds.items():
        top[path.split("/", 1)[0]] = top.get(path.split("/", 1)[0], 0.0) + s
    print(f"  stages ({label}; share of the time inside evaluate, ms per answer; nested stages indented):")
    for head, s in sorted(top.items(), key=lambda kv: -kv[1]):
        print(f"    {head:<28} {100 * s / total:5.1f}%  {1000 * s / answers:6.2f} ms")
        for path, inner in sorted(seconds.items(), key=lambda kv: -kv[1]):
            if path.startswith(head + "/") and inner / total >= 0.005:
                print(f"      {path:<40} {100 * inner / total:5.1f}%  {1000 * inner / answers:6.2f} ms")
    rest = total - sum(top.values())
    print(f"    {'(outside any stage)':<28} {100 * rest / total:5.1f}%  {1000 * rest / answers:6.2f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-semantic", action="store_true", help="keyword matching only")
    parser.add_argument("--marks", type=Path, help="write {answer: marks} as JSON here")
    parser.add_argument("--hindi", action="store_true", help="only the answers with Devanagari in them")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]

    start, cpu = time.perf_counter(), time.process_time()
    from evaluator import evaluate
    from evaluator.core.stages import recording
    from evaluator.core.text import nlp
    from evaluator.runtime import warm_up

    backend = warm_up()  # the thread policy every shell sets, the spaCy pipeline and the encoder
    print(f"model load (imports, spaCy, encoder {backend}): {time.perf_counter() - start:.2f} s wall, "
          f"{time.process_time() - cpu:.2f} s CPU")

    answers = distinct_answers()
    if args.hindi:
        from evaluator.core.lexicon import DEVANAGARI

        answers = [a for a in answers if DEVANAGARI.search(a.text)]
    # 1. rubric-level work done before timing: every question compiled (MiniLM and e5 vectors of its points)
    for rubric, question in {(a.rubric.id, a.question.id): (a.rubric, a.question) for a in answers}.values():
        settings = question.settings.model_copy(update={"semantic": not args.no_semantic})
        evaluate(question.text, question, settings=settings, rubric=rubric)
        evaluate(HINDI_WARM * 4, question, settings=settings, rubric=rubric)
    tokenizer = nlp().tokenizer
    # 2. each distinct answer once: wall and CPU time, and the time per stage
    rows: dict[str, list[tuple[float, float, float]]] = {}
    stage_seconds: dict[str, dict[str, float]] = {}
    marks: dict[str, float] = {}
    for answer in answers:
        settings = answer.question.settings.model_copy(update={"semantic": not args.no_semantic})
        t0 = time.perf_counter()
        tokenizer(answer.text)
        bare = time.perf_counter() - t0
        with recording() as times:
            t0, c0 = time.perf_counter(), time.process_time()
            result = evaluate(answer.text, answer.question, settings=settings, rubric=answer.rubric)
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        language = "Hindi" if "hindi" in result.flags else "Hinglish" if "hinglish" in result.flags else "English"
        rows.setdefault(language, []).append((wall, cpu, bare))
        totals = stage_seconds.setdefault(language, {})
        for path, s in times.seconds.items():
            totals[path] = totals.get(path, 0.0) + s
        marks[answer.name] = result.marks
    load_after = os.getloadavg()[0]

    mode = "keywords only" if args.no_semantic else "every check on, rubric= (as the app, score and batch)"
    print(f"{len(answers)} distinct answers, each scored once ({mode}); "
          f"load average {load_before:.1f} before, {load_after:.1f} after, {os.cpu_count()} cores")
    for language in ("English", "Hindi", "Hinglish"):
        found = rows.get(language, [])
        if not found:
            continue
        walls = [1000 * w for w, _, _ in found]
        cpus = [1000 * c for _, c, _ in found]
        bare = [1000 * b for _, _, b in found]
        p50 = percentile(walls, 0.5)
        print(f"{language} ({len(found)} answers): p50 {p50:.1f} ms, p95 {percentile(walls, 0.95):.1f} ms, "
              f"mean {statistics.mean(walls):.1f} ms wall; CPU p50 {percentile(cpus, 0.5):.1f} ms, "
              f"mean {statistics.mean(cpus):.1f} ms; {p50 / percentile(bare, 0.5):.0f}x a bare spaCy tokenizer "
              f"pass (p50 {percentile(bare, 0.5):.2f} ms)")
        print_stages(language, stage_seconds[language], sum(w for w, _, _ in found), len(found))
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    if args.marks:
        args.marks.write_text(json.dumps(marks, indent=1, sort_keys=True), encoding="utf-8")
        print(f"marks written to {args.marks}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
