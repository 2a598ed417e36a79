"""Alignment signal: how much of a key point's statement is echoed anywhere in the answer, word by word.

BERTScore-style token alignment recall: each content word piece of the statement is matched to
its closest contextual word piece in the whole answer, and the matches are averaged. It credits
a point whose words are spread over several sentences, which no single sentence vector sees.
"""

from __future__ import annotations

from evaluator.core.context import CompiledPoint, PreparedAnswer
from evaluator.core.settings import ScoringSettings
from evaluator.core.signals.base import NOTHING, Signal, SignalResult, ramp


def alignment(answer: PreparedAnswer, point: CompiledPoint, *, settings: ScoringSettings) -> SignalResult:
    """Recall ramped from ``alignment_floor`` to ``alignment_full``; strong from the floor up."""
    encoded = answer.encoded
    if encoded is None:
        return NOTHING
    recall = float(encoded.alignment[point.index])
    return SignalResult(ramp(recall, settings.alignment_floor, settings.alignment_full),
                        strong=recall >= settings.alignment_floor)


SIGNAL = Signal("alignment", "meaning", needs_vectors=True, score=alignment)
