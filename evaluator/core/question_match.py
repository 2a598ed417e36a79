"""Which question of a rubric an answer was written for: catching an answer scored against the wrong one.

A student who picks Q3 but pastes an answer to Q1 gets low marks and feedback about
points the answer never meant to make. Scoring the answer against the rubric's other
questions shows when another question suits it clearly better. Only a few are scored in
full: the ones whose own words the answer uses most (:func:`candidate_questions`, a set
intersection per question), so a 500-question bank costs about what a 6-question rubric does.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from evaluator.core.results import Evaluation
from evaluator.core.scoring import evaluate
from evaluator.core.text import analyse
from evaluator.rubrics.model import Question, Rubric

SHORTLIST = 5  # other questions scored in full; a rubric with this many others or fewer has all of them scored


@dataclass(frozen=True)
class BetterQuestion:
    """Another question the answer suits better, with what it would earn there."""

    question: Question
    evaluation: Evaluation


def better_question(text: str, rubric: Rubric, chosen: Question, evaluation: Evaluation, *,
                    shortlist: int = SHORTLIST) -> BetterQuestion | None:
    """The rubric question ``text`` suits best, when it beats ``chosen`` by the chosen question's
    ``other_question_margin`` (as a share of full marks) and earns at least ``other_question_floor`` of its
    content there; ``None`` when ``chosen`` fits or the answer was not scored.

    Args:
        text: the answer.
        rubric: the rubric ``chosen`` belongs to.
        chosen: the question the student picked.
        evaluation: ``evaluate(text, chosen)``, already computed.
        shortlist: how many other questions are scored in full (:func:`candidate_questions`).
    """
    if not evaluation.ok:
        return None
    best: BetterQuestion | None = None
    for question in candidate_questions(text, rubric, chosen, limit=shortlist):
        other = evaluate(text, question)
        settings = chosen.settings
        if (other.ok and other.share >= evaluation.share + settings.other_question_margin
                and other.content_score >= settings.other_question_floor):
            if best is None or other.share > best.evaluation.share:
                best = BetterQuestion(question, other)
    return best


def candidate_questions(text: str, rubric: Rubric, chosen: Question, *, limit: int = SHORTLIST) -> list[Question]:
    """The rubric's other questions the answer most likely suits, best first: at most ``limit``.

    A question's likelihood is how much of its own vocabulary (question, key points, keywords and hints, as
    lemmas) the answer uses, each word weighted by how rare it is among the rubric's questions (a cosine of
    TF-IDF-weighted word sets): an answer to Q1 uses Q1's particular words, not only words every question shares.
    Cheap (set intersections; each question's words are found once), so only these few are scored in full.

    >>> from evaluator import load_rubric
    >>> rubric = load_rubric("rubrics/india_us_defence.yaml")
    >>> [q.id for q in candidate_questions("iCET covers semiconductors and space.", rubric, rubric.question("Q1"),
    ...                                    limit=1)]
    ['Q2']
    """
    others = [q for q in rubric.questions if q.id != chosen.id]
    if len(others) <= limit:
        return others
    # 1. each question's words, and how many questions use each word (a rare word tells questions apart)
    words = {q.id: _question_words(_words_key(q)) for q in rubric.questions}
    used_by = Counter(w for found in words.values() for w in found)
    weight = {w: math.log(len(words) / n) ** 2 for w, n in used_by.items()}
    # 2. the weighted share of each question's vocabulary that the answer uses
    said = _content_words(text)

    def fit(question: Question) -> float:
        own = words[question.id]
        return sum(weight[w] for w in said & own) / math.sqrt(sum(weight[w] for w in own) or 1.0)

    return sorted(others, key=fit, reverse=True)[:limit]


def _content_words(text: str) -> frozenset[str]:
    return frozenset(t.lemma for t in analyse(text).words if not t.is_stop and len(t.lemma) > 1)


def _words_key(question: Question) -> tuple[str, ...]:
    """Everything a question says, as a hashable key for the cache of its words."""
    return (question.text, *(part for p in question.key_points
                              for part in (p.point, p.hint, *(a for concept in p.keywords for a in concept))))


@lru_cache(maxsize=4096)
def _question_words(key: tuple[str, ...]) -> frozenset[str]:
    return _content_words("\n".join(key))
