"""Checking the details an answer gives (years, figures, ordinals, article numbers) against its source.

A fluent answer with wrong facts uses the rubric's words; its details give it away: "Chandrayaan-3 was
launched in July 2019 on the PSLV" where the article says 2023, "the 42nd Amendment" where it says the
52nd, "Article 32" where it says 124. Each answer sentence is aligned in meaning with the source
sentences (the article's, and the key points' statements and hints). A detail of a kind the closest
source sentence also gives, which neither it nor any source sentence on the same subject gives, is a
conflict. A detail the source never speaks to ("the Second ARC in 2005" beside a sentence without a year)
is outside knowledge, not a conflict.

>>> [(d.kind, d.value) for d in details_of("The 73rd Amendment (Art. 243G) of 1992 devolved 29 subjects, the first step.")]
[('ordinal', '73'), ('article', '243g'), ('year', '1992'), ('number', '29'), ('ordinal', '1')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from evaluator.core.information import word_information
from evaluator.core.text import analyse

ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
}
FRACTIONS = {"one-third": "1/3", "two-thirds": "2/3", "two-third": "2/3", "three-fourths": "3/4",
             "three-fourth": "3/4", "three-quarters": "3/4", "one-fourth": "1/4", "one-quarter": "1/4"}
_ARTICLE = re.compile(r"\b(?:Art(?:icle)?s?\.?|Section|Sec\.)\s*(\d+[A-Z]{0,2})(?:\(\d+\))?", re.IGNORECASE)
_CLAUSE_NUMBER = re.compile(r"(?<![\w.])(\d+[A-Z]{0,2})\((?:\d+[A-Za-z]?|[a-z])\)")  # "164(1A)", "124(2)"
_PART = re.compile(r"\bPart\s+([IVX]+[A-Z]?)\b")
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{2,3})+|\d+(?:\.\d+)?)(st|nd|rd|th)?\b(\s*(?:%|per ?cent))?")
_ORDINAL_WORD = re.compile(r"\b(?:the|its|a)\s+(" + "|".join(ORDINAL_WORDS) + r")\b", re.IGNORECASE)
_ORDINAL_NAME = re.compile(r"\b(" + "|".join(ORDINAL_WORDS) + r")\s+(?:Schedule|Amendment|Five|Plan|Judges|Finance)",
                           re.IGNORECASE)
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
SPECIFIC_TERM = 0.5  # word information at which a word names the subject of a sentence ("collegium", not "role")


@dataclass(frozen=True)
class Detail:
    """A checkable detail of a text: its kind, its value as compared, and where it is."""

    kind: str  # "year", "number", "ordinal" or "article"
    value: str
    start: int
    end: int


def details_of(text: str) -> tuple[Detail, ...]:
    """The years, figures, ordinals and article numbers a text gives, in order (single digits are not figures:
    "2 countries" says little)."""
    found: list[Detail] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, value: str, start: int, end: int) -> None:
        if not any(s <= start < e for s, e in taken):
            found.append(Detail(kind, value, start, end))
            taken.append((start, end))

    for m in _ARTICLE.finditer(text):
        add("article", m.group(1).lower(), m.start(1), m.end(1))
    for m in _CLAUSE_NUMBER.finditer(text):
        add("article", m.group(1).lower(), m.start(1), m.end(1))
    for m in _PART.finditer(text):
        add("article", f"part {m.group(1).lower()}", m.start(1), m.end(1))
    for m in _NUMBER.finditer(text):
        number, suffix = m.group(1).replace(",", ""), m.group(2)
        if suffix:
            add("ordinal", number, m.start(), m.end())
        elif _YEAR.match(number) and not m.group(3):
            add("year", number, m.start(1), m.end(1))
        elif len(number) > 1 or m.group(3):
            add("number", number + ("%" if m.group(3) else ""), m.start(1), m.end())
    lowered = text.lower()
    for word, value in FRACTIONS.items():
        for m in re.finditer(rf"\b{word}\b", lowered):
            add("number", value, m.start(), m.end())
    for pattern in (_ORDINAL_WORD, _ORDINAL_NAME):
        for m in pattern.finditer(text):
            add("ordinal", str(ORDINAL_WORDS[m.group(1).lower()]), m.start(1), m.end(1))
    return tuple(sorted(found, key=lambda d: d.start))


_CLAUSE_BREAK = re.compile(r"[;:\u2014\u2013]|\s-\s")
MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                    "october", "november", "december"})
MIN_SOURCE_WORDS = 6
CLOSE_PARAPHRASE = 0.75  # an answer sentence this close to a source sentence restates it: its details are its details
NEAR_WORDS = 6


def _is_term(token) -> bool:  # noqa: ANN001 - text.Token
    return (not token.is_stop and len(token.lemma) > 2 and not token.lemma[0].isdigit()
            and token.lemma not in MONTHS and (token.text[:1].isupper() or word_information(token.lemma) >= SPECIFIC_TERM))


def specific_terms(text: str) -> frozenset[str]:
    """The words that name what a sentence is about: rare words and names (not months), as lemmas."""
    return frozenset(t.lemma for t in analyse(text).words if _is_term(t))


def terms_near(text: str) -> list[tuple[Detail, frozenset[str]]]:
    """Each detail of a text with the specific words within a few words of it ("DTTI (2012)": DTTI)."""
    details = details_of(text)
    if not details:
        return []  # most sentences give no year or figure: no need to tokenise them
    words = analyse(text).words
    found = []
    for d in details:
        # the detail's clause: "Yuan Wang 5 at Hambantota in 2022; China has a base" is not about China
        begin = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, d.start)), default=0)
        stop = next((m.start() for m in _CLAUSE_BREAK.finditer(text, d.end)), len(text))
        at = next((i for i, w in enumerate(words) if w.end > d.start), len(words))
        window = words[max(0, at - NEAR_WORDS) : at + NEAR_WORDS + 1]
        found.append((d, frozenset(w.lemma for w in window if _is_term(w) and begin <= w.start < stop)))
    return found


@dataclass(frozen=True)
class Sources:
    """The sentences an answer's details are checked against, with their vectors, details and terms."""

    texts: tuple[str, ...]
    vectors: np.ndarray | None  # (sources, dim), unit length
    details: tuple[dict[str, frozenset[str]], ...]  # per source: kind -> values
    near: tuple[dict[str, frozenset[str]], ...]  # per source: kind -> the specific words near its values of that kind
    terms: tuple[frozenset[str], ...]


def compile_sources(texts: Sequence[str], vectors: np.ndarray | None) -> Sources:
    """Sources from their texts and sentence vectors (``None`` without semantic matching: nothing is checked).
    A heading ("The 91st Amendment, 2003") states no fact: texts of fewer than ``MIN_SOURCE_WORDS`` are left out."""
    kept = [i for i, t in enumerate(texts) if len(t.split()) >= MIN_SOURCE_WORDS]
    texts = [texts[i] for i in kept]
    vectors = vectors[kept] if vectors is not None else None
    details, near = [], []
    for text in texts:
        values: dict[str, set[str]] = {}
        around: dict[str, set[str]] = {}
        for d, words in terms_near(text):
            values.setdefault(d.kind, set()).add(d.value)
            around.setdefault(d.kind, set()).update(words)
        details.append({kind: frozenset(v) for kind, v in values.items()})
        near.append({kind: frozenset(v) for kind, v in around.items()})
    return Sources(tuple(texts), vectors, tuple(details), tuple(near), tuple(specific_terms(t) for t in texts))


@dataclass(frozen=True)
class DetailConflict:
    """An answer sentence giving a detail its closest source sentence gives otherwise."""

    sentence: int
    start: int  # where the detail starts in the sentence
    kind: str
    wrote: tuple[str, ...]  # the answer's values the sources do not give
    expected: tuple[str, ...]  # what the closest source sentence gives
    source: str  # that source sentence
    similarity: float


def detail_conflicts(sentences: Sequence[str], vectors: np.ndarray | None, sources: Sources, *,
                     alignment: float) -> tuple[DetailConflict, ...]:
    """Conflicts between the answer's sentences (``sentences``, with their unit ``vectors``) and ``sources``.

    Args:
        alignment: cosine from which a source sentence is about the same thing as an answer sentence. A detail
            conflicts with the closest source sentence when that sentence gives a value of its kind beside one of
            the specific words beside the detail ("launched ... 2019" against "launched ... 2023"). It is supported by a source sentence that gives it and is this close, or names a specific word found
            near the detail ("DTTI (2012)" by "DTTI, started in 2012"); the article may give the same year for
            another event, so a source sentence sharing only the subject's name does not support it.
    """
    if vectors is None or sources.vectors is None or not len(sources.texts) or not len(sentences):
        return ()
    similarity = vectors @ sources.vectors.T
    conflicts = []
    for i, sentence in enumerate(sentences):
        closest = int(np.argmax(similarity[i]))
        if similarity[i, closest] < alignment:
            continue
        found = terms_near(sentence)
        for detail, near in found:
            expected = sources.details[closest].get(detail.kind)
            restates = similarity[i, closest] >= CLOSE_PARAPHRASE
            if not expected or not (restates or near & sources.near[closest].get(detail.kind, frozenset())):
                continue  # the source gives no value of this kind for what the detail is about
            if any(d.kind == detail.kind and d.value in expected for d, _ in found):
                continue  # the sentence gives the source's value too: its other values are of other things
            supported = any(detail.value in sources.details[j].get(detail.kind, ()) and (
                similarity[i, j] >= alignment or near & sources.terms[j]) for j in range(len(sources.texts)))
            if not supported:
                conflicts.append(DetailConflict(i, detail.start, detail.kind, (detail.value,), tuple(sorted(expected)),
                                                sources.texts[closest], round(float(similarity[i, closest]), 4)))
                break
    return tuple(conflicts)
