"""Whether an answer names what its question is about.

A question may declare its subject by aliases (``Question.subject``: "UN Security Council", "Security
Council", "UNSC"). An essay on a neighbouring subject can sit close to the key points in meaning (India's
G20 presidency beside India's case for a permanent seat) while never naming the Security Council; an
answer that says something specific and never names the question's subject is off the question. A thin
answer is not judged this way: it is marked down for what it lacks, not called off-topic.
"""

from __future__ import annotations

import re
from functools import lru_cache

from evaluator.rubrics.model import HINDI_PREFIX, Question

SHORT_ACRONYM = 5  # an all-capitals alias up to this long keeps its case ("UN", not "un")


@lru_cache(maxsize=4096)
def _pattern(alias: str) -> re.Pattern[str]:
    """Whole words, a plural allowed; a short acronym by its case."""
    words = r"[\s-]+".join(re.escape(w) for w in alias.split())
    flags = 0 if alias.isupper() and len(alias) <= SHORT_ACRONYM else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){words}(?:s|es)?(?![\w-])", flags)


def names_subject(text: str, question: Question) -> bool | None:
    """The answer names the question's subject (any alias); ``None`` when the question declares none.

    >>> from evaluator.rubrics.model import Question
    >>> q = Question(id="Q1", text="Is India's claim to a permanent seat strong?", directive="discuss", marks=10,
    ...              word_limit=150, subject=["UN Security Council", "Security Council", "UNSC"],
    ...              key_points=[{"id": "p", "point": "India's claim rests on its size."}])
    >>> names_subject("The Security Council needs reform.", q), names_subject("India led the G20 in 2023.", q)
    (True, False)
    """
    aliases = [a for a in question.subject if not a.startswith(HINDI_PREFIX)]
    if not aliases:
        return None
    return any(_pattern(a).search(text) for a in aliases)
