"""Which of a rubric's questions an answer most likely suits, found cheaply before any is scored in full.

A rubric may hold hundreds of questions (a question bank); the wrong-question check scores only the
few whose own words the answer uses most. A question's words are its text, key points, keywords and
hints, as lemmas; each word is weighted by how rare it is among the rubric's questions (TF-IDF on word
sets), so an answer to Q1 is told by Q1's particular words, not by words every question shares.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from evaluator.core.text import AnalysedText, analyse
from evaluator.rubrics.model import Question, Rubric


def candidate_questions(answer: str | AnalysedText, rubric: Rubric, chosen: Question, *, limit: int) -> list[Question]:
    """The rubric's other questions the answer most likely suits, best first: at most ``limit``.

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
    fits = dict(zip((q.id for q in rubric.questions), question_fits(answer, rubric.questions), strict=False))
    return sorted(others, key=lambda q: fits[q.id], reverse=True)[:limit]


def question_fits(answer: str | AnalysedText, questions: Sequence[Question]) -> list[float]:
    """How much of each question's own vocabulary the answer uses, in the order of ``questions`` (0: none).

    A word counts more the fewer of ``questions`` use it (squared IDF), so the same answer is told apart
    among one rubric's questions or among a whole bank's. Cheap: set intersections, and each question's words
    are found once per process.

    >>> from evaluator import load_rubric
    >>> rubric = load_rubric("rubrics/india_us_defence.yaml")
    >>> fits = question_fits("iCET covers semiconductors and space.", rubric.questions)
    >>> max(zip(fits, rubric.question_ids))[1]
    'Q2'
    """
    # 1. each question's words, and how many questions use each word (a rare word tells questions apart)
    words = [_question_words(_words_key(q)) for q in questions]
    used_by = Counter(w for found in words for w in found)
    weight = {w: math.log(len(words) / n) ** 2 for w, n in used_by.items()}
    # 2. the weighted share of each question's vocabulary that the answer uses
    said = _content_words(answer if isinstance(answer, AnalysedText) else analyse(answer))
    return [sum(weight[w] for w in said & own) / math.sqrt(sum(weight[w] for w in own) or 1.0) for own in words]


def _content_words(analysed: AnalysedText) -> frozenset[str]:
    return frozenset(t.lemma for t in analysed.words if not t.is_stop and len(t.lemma) > 1)


def _words_key(question: Question) -> tuple[str, ...]:
    """Everything a question says, as a hashable key for the cache of its words."""
    return (question.text, *(part for p in question.key_points
                              for part in (p.point, p.hint, *(a for concept in p.keywords for a in concept))))


@lru_cache(maxsize=4096)
def _question_words(key: tuple[str, ...]) -> frozenset[str]:
    return _content_words(analyse("\n".join(key)))
