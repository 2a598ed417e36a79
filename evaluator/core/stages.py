"""Where an evaluation spends its time, by pipeline stage (analyse, encode, each signal, claims, structure...).

Off unless a caller turns it on: a benchmark wraps the work in :func:`recording` and reads the seconds spent
in each stage. While off, a stage costs one context-variable lookup. Times are *exclusive*: a stage nested in
another (the keyword signal inside the wrong-question check) is counted under its own path
("wrong-question/signal:keyword") and not again in its parent, so the times of all paths add up to the
time spent inside stages.

>>> with recording() as times:
...     with stage("outer"):
...         with stage("inner"):
...             pass
>>> sorted(times.seconds)
['outer', 'outer/inner']
>>> with stage("not recorded"):  # no recorder: nothing happens
...     pass
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class StageTimes:
    """Seconds spent in each stage path (exclusive of nested stages), and how often each was entered."""

    seconds: dict[str, float] = field(default_factory=dict)
    calls: dict[str, int] = field(default_factory=dict)
    _stack: list[list] = field(default_factory=list)  # [path, start, seconds in nested stages]

    def top_level(self) -> dict[str, float]:
        """Seconds per outermost stage, nested stages included ("wrong-question" with its signals)."""
        totals: dict[str, float] = {}
        for path, seconds in self.seconds.items():
            head = path.split("/", 1)[0]
            totals[head] = totals.get(head, 0.0) + seconds
        return totals

    def _enter(self, name: str) -> None:
        path = f"{self._stack[-1][0]}/{name}" if self._stack else name
        self._stack.append([path, time.perf_counter(), 0.0])

    def _exit(self) -> None:
        path, start, nested = self._stack.pop()
        elapsed = time.perf_counter() - start
        self.seconds[path] = self.seconds.get(path, 0.0) + elapsed - nested
        self.calls[path] = self.calls.get(path, 0) + 1
        if self._stack:
            self._stack[-1][2] += elapsed


_RECORDER: ContextVar[StageTimes | None] = ContextVar("evaluator_stage_times", default=None)


@contextmanager
def recording() -> Iterator[StageTimes]:
    """Record the stages run inside the ``with`` block (in this thread or task only)."""
    times = StageTimes()
    token = _RECORDER.set(times)
    try:
        yield times
    finally:
        _RECORDER.reset(token)


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Count the time inside the block as stage ``name`` when a recorder is on."""
    times = _RECORDER.get()
    if times is None:
        yield
        return
    times._enter(name)
    try:
        yield
    finally:
        times._exit()


def timed(name: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorator: every call of the function is stage ``name``."""

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        @wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            times = _RECORDER.get()
            if times is None:
                return function(*args, **kwargs)
            times._enter(name)
            try:
                return function(*args, **kwargs)
            finally:
                times._exit()

        return wrapper

    return decorate
