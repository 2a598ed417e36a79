"""Drafting a short-answer rubric from a reference (model) answer: clauses become points, salient terms keywords.

Words that already appear in the question are not keywords: a student who repeats the question has not
shown the answer ("question demoting"). Used by the short-answer benchmark (:mod:`evaluator.agreement.asag`).
"""

from __future__ import annotations

import re

from evaluator.core.settings import ScoringSettings
from evaluator.core.text import analyse
from evaluator.rubrics.model import Directive, KeyPoint, Question

__all__ = ["SHORT_ANSWER_SETTINGS", "draft_points", "draft_question", "salient_terms", "split_points"]


# spaCy's stop list holds words that carry meaning in an answer ("top of the stack", "last node")
MEANINGFUL_STOP_WORDS = frozenset({
    "top", "bottom", "front", "back", "first", "last", "next", "empty", "full", "move", "part", "side", "call",
    "name", "show", "put", "give", "take", "make", "keep", "above", "below", "up", "down", "over", "under",
    "before", "after", "less", "least", "most", "many", "few", "several", "whole", "serious", "alone",
})
MIN_POINT_WORDS = 3  # a clause with fewer content words joins its neighbour
MAX_KEYWORDS_PER_POINT = 6
_CLAUSE_BREAK = re.compile(r";|:|\s+(?:whereas|while|but)\s+", re.IGNORECASE)

# Short answers are judged on content alone: no introduction or conclusion is expected,
# length is not depth, a terse list of the right terms is a fair answer, and a perfect answer
# earns full marks. Similarity ramps and keyword share measured on the Mohler development set
# (README, "Accuracy").
SHORT_ANSWER_SETTINGS = ScoringSettings(structure_share=0.0, depth_exponent=0.0, top_share=1.0, keyword_weight=0.8,
                                        coherence_weight=0.0, specific_information_full=0, development_floor=1.0,
                                        substance_floor=1.0, spelling_penalty=0.0, semantic_full=0.8,
                                        alignment_floor=0.5, alignment_full=0.9, topic_floor=-1.0, topic_full=-0.99)


def salient_terms(text: str, *, exclude: set[str] = frozenset()) -> list[str]:
    """Content lemmas of ``text`` in order of first use, without stop words, numbers or ``exclude``.

    >>> salient_terms("To simulate the behaviour of portions of the software.", exclude={"software"})
    ['simulate', 'behaviour', 'portion']
    """
    seen: dict[str, None] = {}
    for tok in analyse(text).words:
        if (tok.is_stop and tok.lemma not in MEANINGFUL_STOP_WORDS) or len(tok.lemma) < 2 or tok.lemma.isdigit() or tok.lemma in exclude:
            continue
        seen.setdefault(tok.lemma, None)
    return list(seen)


def split_points(text: str) -> list[str]:
    """Sentences of ``text``, long ones cut at clause breaks; fragments too short to stand alone are merged."""
    pieces: list[str] = []
    for sentence in analyse(text).sentences:
        pieces.extend(p.strip(" ,.") for p in _CLAUSE_BREAK.split(sentence.text) if p and p.strip(" ,."))
    merged: list[str] = []
    for piece in pieces:
        if merged and len(salient_terms(piece)) < MIN_POINT_WORDS:
            merged[-1] = f"{merged[-1]}; {piece}"
        else:
            merged.append(piece)
    if len(merged) > 1 and len(salient_terms(merged[0])) < MIN_POINT_WORDS:
        merged[1] = f"{merged[0]}; {merged[1]}"
        merged.pop(0)
    return merged or [text.strip()]


def draft_points(text: str, *, question: str = "") -> list[KeyPoint]:
    """Key points from a model answer: one per clause, keywords = its salient terms not in the question."""
    demoted = set(salient_terms(question)) if question else set()
    points = []
    for i, statement in enumerate(split_points(text)):
        terms = salient_terms(statement, exclude=demoted)[:MAX_KEYWORDS_PER_POINT]
        weight = float(min(3, max(1, len(terms))))
        points.append(KeyPoint(
            id=f"p{i + 1}",
            point=statement if len(statement) >= 3 else text.strip(),
            weight=weight,
            keywords=[[t] for t in terms],
            hint=f"Expected: {statement}",
        ))
    return points


def draft_question(question_id: str, question: str, reference: str, *, marks: float,
                   directive: Directive = "explain", word_limit: int | None = None) -> Question:
    """A rubric question drafted from a question and its reference (model) answer."""
    words = len(reference.split())
    return Question(
        id=question_id,
        text=question if len(question) >= 5 else f"Question {question_id}: {question}",
        directive=directive,
        marks=marks,
        word_limit=word_limit or max(30, 3 * words),
        key_points=draft_points(reference, question=question),
        scoring=SHORT_ANSWER_SETTINGS,
    )
