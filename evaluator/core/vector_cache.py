"""The encoders' vectors kept in memory: a rubric's texts for as long as the process runs, answers only a few.

An answer is encoded once and scored once in a class (a batch, a student's submission); keeping it helps only when
the same answer is scored again soon (a page rerun, the same answer against several questions). Each kept answer
holds its word-piece vectors (~0.3 MB), so a long-running app that kept 512 answers grew by ~150 MB. Calibration
scores the same marked answers under many settings and asks for more room while it runs (:func:`keeping_answers`).

>>> cache = VectorCache()
>>> cache.put(("a rubric point",), "rubric vectors", rubric=True)
>>> for n in range(ANSWERS_KEPT + 1):
...     cache.put((f"answer {n}",), n)
>>> cache.get(("answer 0",)), cache.get(("answer 1",)), cache.get(("a rubric point",), rubric=True)
(None, 1, 'rubric vectors')
>>> with keeping_answers(ANSWERS_KEPT + 1):
...     cache.put(("answer 0",), 0)
...     cache.get(("answer 1",))
1
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

ANSWERS_KEPT = 64  # answers (lists of sentences) whose vectors are kept: a rerun of the page, not a whole class
RUBRIC_TEXTS_KEPT = 4096  # lists of a rubric's texts: every question of every rubric a process has scored

_answers_kept = [ANSWERS_KEPT]


@contextmanager
def keeping_answers(count: int) -> Iterator[None]:
    """Keep up to ``count`` answers' vectors while inside (calibration scores each marked answer many times)."""
    before = _answers_kept[0]
    _answers_kept[0] = max(before, count)
    try:
        yield
    finally:
        _answers_kept[0] = before


class VectorCache:
    """Vectors by the exact texts encoded: answers least recently used out first, a rubric's texts kept. Thread-safe
    (app sessions share an encoder)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._answers: OrderedDict[tuple[str, ...], Any] = OrderedDict()
        self._rubric: OrderedDict[tuple[str, ...], Any] = OrderedDict()
        if hasattr(os, "register_at_fork"):  # a forked batch worker must not inherit a lock held by another thread
            os.register_at_fork(after_in_child=self._new_lock)

    def _new_lock(self) -> None:
        self._lock = threading.Lock()

    def get(self, key: tuple[str, ...], *, rubric: bool = False) -> Any | None:
        """The vectors kept for ``key``, or ``None``."""
        table = self._rubric if rubric else self._answers
        with self._lock:
            found = table.get(key)
            if found is not None:
                table.move_to_end(key)
            return found

    def put(self, key: tuple[str, ...], value: Any, *, rubric: bool = False) -> None:
        """Keep ``value`` for ``key``, dropping the least recently used beyond the limit."""
        table, limit = (self._rubric, RUBRIC_TEXTS_KEPT) if rubric else (self._answers, _answers_kept[0])
        with self._lock:
            table[key] = value
            table.move_to_end(key)
            while len(table) > limit:
                table.popitem(last=False)

    def answers(self) -> list[tuple[str, ...]]:
        """The answers kept, least recently used first."""
        with self._lock:
            return list(self._answers)

    def clear_answers(self) -> None:
        """Forget every answer's vectors; a rubric's stay."""
        with self._lock:
            self._answers.clear()
