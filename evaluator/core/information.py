"""How much a sentence says: its informative words and details, beyond the question's own words.

"In today's changing world order, the relationship has become very important" is close in meaning to
many key points but says nothing a mentor could mark: its words are common ones. "Washington's
special partner designation of 2016 and the geospatial pact (2020)" names things: rare words, a year,
proper names. Each word not in the question counts by its rarity (0 for a word as common as
"important", 1 from as rare as "treaty"); each year, number, name or acronym counts 1.

>>> from evaluator.core.text import analyse
>>> a = analyse("The relationship is very important for the whole world. LEMOA (2016) eased logistics support.")
>>> [round(x, 1) for x in sentence_information(a, frozenset())]
[0.0, 3.8]
"""

from __future__ import annotations

import re

from evaluator.core.text import RARE_LOG_PROBABILITY, AnalysedText, log_probability

COMMON_LOG_PROBABILITY = -9.0  # words at least this common say nothing on their own ("world", "important")
RARE_SPAN = 3.0  # a word this much rarer ("treaty", -12.7) counts in full
_DETAIL = re.compile(r"^(?:\d[\d.,]*%?|[A-Z][A-Za-z]*[A-Z][A-Za-z]*)$")  # numbers, years, acronyms (MQ-9B, LEMOA)


UNLISTED_INFORMATION = 0.5  # a word English frequency lists do not know: a domain term, or a misspelling


def word_information(lemma: str) -> float:
    """0 for a common word, rising to 1 for a rare one, by its frequency in English."""
    probability = log_probability(lemma)
    if probability <= RARE_LOG_PROBABILITY:
        return UNLISTED_INFORMATION
    return min(1.0, max(0.0, (COMMON_LOG_PROBABILITY - probability) / RARE_SPAN))


def sentence_information(analysed: AnalysedText, asked: frozenset[str]) -> list[float]:
    """Per sentence: the rarity-weighted count of its distinct content words not in the question, plus one
    per detail (a number or year, an acronym, a name written with a capital inside the sentence)."""
    totals = [0.0] * len(analysed.sentences)
    seen: list[set[str]] = [set() for _ in analysed.sentences]
    first_word = {s: None for s in range(len(analysed.sentences))}
    for t in analysed.words:
        if first_word[t.sentence] is None:
            first_word[t.sentence] = t.start
        if t.lemma in asked or t.lemma in seen[t.sentence]:
            continue
        seen[t.sentence].add(t.lemma)
        is_detail = bool(_DETAIL.match(t.text)) or (t.text[:1].isupper() and t.start != first_word[t.sentence]
                                                     and not t.is_stop)
        if is_detail:
            totals[t.sentence] += 1.0
        elif not t.is_stop and len(t.lemma) > 2:
            totals[t.sentence] += word_information(t.lemma)
    return totals
