"""Per key point signals, all of one shape: ``signal(answer, point, *, settings) -> SignalResult``.

A signal reads a :class:`~evaluator.core.context.PreparedAnswer` and one
:class:`~evaluator.core.context.CompiledPoint` and returns a score in [0, 1], the evidence behind it
(exact character spans of the answer) and whether that evidence is *strong*: specific enough for
the point to count as covered. Each signal belongs to a family:

- ``lexical``: the point's own terms (keywords, aliases, acronyms, misspellings);
- ``meaning``: closeness in meaning (sentence vectors, token alignment), which can carry a point
  alone, so a paraphrase earns credit;
- ``contradiction``: how much of what the answer says about the point says the opposite.

Scoring (:mod:`evaluator.core.scoring`) blends the lexical and meaning families with the rubric's
``keyword_weight``; a strong contradiction makes the point "contradicted" and takes its credit away.
To add a signal: write a module here with one function and a :class:`Signal`, add it to
:data:`SIGNALS`, put its numbers in :class:`~evaluator.core.settings.ScoringSettings`, and give it
tests; the contract test runs over every entry of :data:`SIGNALS`.
"""

from __future__ import annotations

from collections.abc import Mapping

from evaluator.core.signals.alignment import SIGNAL as ALIGNMENT
from evaluator.core.signals.base import Family, Signal, SignalResult
from evaluator.core.signals.contradiction import SIGNAL as CONTRADICTION
from evaluator.core.signals.keyword import SIGNAL as KEYWORD
from evaluator.core.signals.meaning import SIGNAL as MEANING

SIGNALS: tuple[Signal, ...] = (KEYWORD, MEANING, ALIGNMENT, CONTRADICTION)
FAMILY_OF: dict[str, Family] = {s.name: s.family for s in SIGNALS}


def family_scores(signals: Mapping[str, float]) -> dict[Family, float]:
    """The best score per family among a point's signal scores (``PointResult.signals``).

    >>> family_scores({"keyword": 0.5, "meaning": 0.25, "alignment": 0.75})
    {'lexical': 0.5, 'meaning': 0.75}
    """
    best: dict[Family, float] = {}
    for name, score in signals.items():
        family = FAMILY_OF[name]
        best[family] = max(score, best.get(family, 0.0))
    return best


__all__ = ["FAMILY_OF", "SIGNALS", "Family", "Signal", "SignalResult", "family_scores"]
