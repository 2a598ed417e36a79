"""Meaning signal: the answer sentence closest in meaning to a key point, in sentence-vector space.

A sentence's cosine to the point (best of the statement and the hint) is lowered by its closeness
to the question's other points (a generic sentence is near all of them), ramped from
``semantic_floor`` to ``semantic_full``, and scaled by how much the sentence says beyond the
question's own words (``specific_information_full``). Evidence is that sentence.
"""

from __future__ import annotations

import numpy as np

from evaluator.core.context import CompiledPoint, PreparedAnswer
from evaluator.core.results import Evidence
from evaluator.core.settings import ScoringSettings
from evaluator.core.signals.base import NOTHING, Signal, SignalResult


def meaning(answer: PreparedAnswer, point: CompiledPoint, *, settings: ScoringSettings) -> SignalResult:
    """Credit of the best sentence; strong when a sentence fully matches the point, or is specific and closest to it."""
    encoded = answer.encoded
    if encoded is None:
        return NOTHING
    sims = encoded.similarity[:, point.index]
    span = settings.semantic_full - settings.semantic_floor
    credit = np.clip(np.nan_to_num((sims - settings.semantic_floor) / span), 0, 1)
    if encoded.specificity is not None:
        credit = credit * encoded.specificity
    best = int(np.argmax(credit)) if credit.max() > 0 else int(np.argmax(sims))
    score = float(credit[best])
    # "covered" needs a sentence that fully matches the point, or a specific sentence that is closest to
    # this point rather than to a neighbouring one it also resembles
    full_match = bool(sims.max() >= settings.semantic_full)
    specific = bool(encoded.specificity is not None and encoded.specificity[best] >= 1.0
                    and int(np.argmax(encoded.similarity[best])) == point.index)
    if score <= 0:
        return SignalResult(0.0, strong=full_match)
    sent = answer.analysed.sentences[best]
    written = answer.analysed.text[sent.start:sent.end]  # the answer as written (span texts are normalised)
    evidence = Evidence("semantic", best, sent.start, sent.end, written, point.point.point, score, written)
    return SignalResult(score, (evidence,), strong=full_match or specific)


SIGNAL = Signal("meaning", "meaning", needs_vectors=True, score=meaning)
