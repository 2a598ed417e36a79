"""ONNX Runtime session options for the int8 MiniLM pass, measured on the answers' own sentences.

    .venv/bin/python bench/encoder.py [--rounds 3]

Encodes the sentences of every distinct English answer (``bench/corpus.py``), one answer per call as scoring
does, under each set of session options (graph optimisation level, intra-op threads, spinning), in
alternating rounds so that a change in the machine's load hits every option alike. Prints wall and CPU ms per
answer (``time.process_time``, less sensitive to load) and the largest difference of any vector from the
shipped options (identical vectors keep the marks identical).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import onnxruntime as ort  # noqa: E402

from bench.corpus import distinct_answers  # noqa: E402
from evaluator.core.embedding import get_encoder, int8_model_path  # noqa: E402
from evaluator.core.lexicon import DEVANAGARI  # noqa: E402
from evaluator.core.text import analyse  # noqa: E402
from evaluator.runtime import configure_threads  # noqa: E402

LEVELS = {"all": ort.GraphOptimizationLevel.ORT_ENABLE_ALL, "extended": ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
          "basic": ort.GraphOptimizationLevel.ORT_ENABLE_BASIC}
OPTIONS = [  # (label, optimisation level, intra-op threads (0: one per core), spinning)
    ("all, 2 threads, spin (shipped)", "all", 0, True),
    ("all, 2 threads, no spin", "all", 0, False),
    ("all, 1 thread", "all", 1, True),
    ("extended, 2 threads, spin", "extended", 0, True),
    ("basic, 2 threads, spin", "basic", 0, True),
]


def session(level: str, threads: int, spin: bool) -> ort.InferenceSession:
    options = ort.SessionOptions()
    options.graph_optimization_level = LEVELS[level]
    options.intra_op_num_threads = threads
    options.add_session_config_entry("session.intra_op.allow_spinning", "1" if spin else "0")
    options.log_severity_level = 3
    return ort.InferenceSession(str(int8_model_path()), options, providers=["CPUExecutionProvider"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    configure_threads()
    encoder = get_encoder()
    answers = [[s.text for s in analyse(a.text).sentences] for a in distinct_answers()
               if not DEVANAGARI.search(a.text)]
    sessions = {label: session(level, threads, spin) for label, level, threads, spin in OPTIONS}
    reference: list[np.ndarray] = []
    times: dict[str, list[tuple[float, float]]] = {label: [] for label in sessions}
    drift: dict[str, float] = {label: 0.0 for label in sessions}
    print(f"{len(answers)} answers, {sum(map(len, answers))} sentences; load average {os.getloadavg()[0]:.1f}")
    for round_ in range(args.rounds):
        for label, s in sessions.items():
            encoder.session = s
            wall = cpu = 0.0
            for i, sentences in enumerate(answers):
                encoder.clear_cache()
                t0, c0 = time.perf_counter(), time.process_time()
                vectors = encoder.encode(sentences)
                wall, cpu = wall + time.perf_counter() - t0, cpu + time.process_time() - c0
                if round_ == 0 and label == OPTIONS[0][0]:
                    reference.append(vectors)
                elif round_ == 0:
                    drift[label] = max(drift[label], float(np.abs(vectors - reference[i]).max(initial=0.0)))
            times[label].append((1000 * wall / len(answers), 1000 * cpu / len(answers)))
    for label, found in times.items():
        print(f"{label:<34} wall {statistics.median(w for w, _ in found):6.1f} ms, "
              f"CPU {statistics.median(c for _, c in found):6.1f} ms per answer; "
              f"largest vector difference {drift[label]:.1e}")
    print(f"load average {os.getloadavg()[0]:.1f} after")
    return 0


if __name__ == "__main__":
    sys.exit(main())
