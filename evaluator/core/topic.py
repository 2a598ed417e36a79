"""Whether an answer names what its question is about.

A question may declare its subject by aliases (``Question.subject``: "UN Security Council", "Security
Council", "UNSC"). An answer that never names it is advised to use the question's own terms. Naming is
advice, not a verdict: an essay on a neighbouring subject and a paraphrase that avoids every name sit at the
same distance from the key points, so it costs no marks.
"""

from __future__ import annotations

from evaluator.core.factcheck import mentions
from evaluator.rubrics.model import HINDI_PREFIX, Question


def names_subject(text: str, question: Question) -> bool | None:
    """The answer names the question's subject (any alias, a plural too), found as a fact's subject is (whole
    words, a short acronym by its case); ``None`` when the question declares none.

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
    return bool(mentions(text, [form for a in aliases for form in (a, f"{a}s", f"{a}es")]))
