"""Copying from the source: which words of an answer stand in long verbatim runs of the rubric's article.

A run of :data:`RUN_WORDS` words (lowercased, punctuation ignored) is a shingle; it is kept as a short
hash, so a rubric can carry the fingerprint of an article it may not store as text
(``python -m evaluator fingerprint ARTICLE``). An answer word is copied when it lies in a run of at
least ``RUN_WORDS`` words found in the article: common phrases of the subject ("the India-US defence
partnership") are shorter than that.

>>> article = "The visit produced a roadmap for defence industrial cooperation that speeds up co-production in India."
>>> answer = "In my view the visit produced a roadmap for defence industrial cooperation that speeds up joint work."
>>> copied = copied_words(analyse(answer), source_shingles(article, ""))
>>> " ".join(w.text for w, c in zip(analyse(answer).words, copied) if c)
'the visit produced a roadmap for defence industrial cooperation that speeds up'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from evaluator.core.text import AnalysedText, analyse

RUN_WORDS = 8  # words in a shingle: shorter shared runs are the subject's own phrases, not copying
HASH_CHARS = 10  # hex characters kept of each shingle's hash
_HEX = re.compile(r"^[0-9a-f]+$")


def _normal(word: str) -> str:
    return unicodedata.normalize("NFKC", word).lower().replace("\u2019", "'")


def _hash(words: list[str]) -> str:
    return hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).hexdigest()[:HASH_CHARS]


def _words(analysed: AnalysedText) -> list[str]:
    return [_normal(t.text) for t in analysed.words]


def shingles(text: str) -> frozenset[str]:
    """Hashed runs of ``RUN_WORDS`` words of a text."""
    words = _words(analyse(text))
    return frozenset(_hash(words[i : i + RUN_WORDS]) for i in range(len(words) - RUN_WORDS + 1))


def fingerprint(text: str) -> str:
    """A text's shingles as one string of hex hashes, to keep in a rubric's ``article_fingerprint``."""
    return " ".join(sorted(shingles(text)))


def source_shingles(article: str, article_fingerprint: str) -> frozenset[str]:
    """The shingles of a question's source: its article's text and its stored fingerprint."""
    stored = frozenset(h for h in article_fingerprint.split() if _HEX.match(h))
    return (shingles(article) if article.strip() else frozenset()) | stored


def copied_words(analysed: AnalysedText, source: frozenset[str], *, min_run: int = RUN_WORDS) -> tuple[bool, ...]:
    """For each word of the answer (``analysed.words``), whether it lies in a run of at least ``min_run`` words
    copied from the source. Facts restated exactly ("three-fourths of the weighted votes of members present and
    voting", a list of member states) share runs of 8 to 18 words with any source; a pasted sentence is longer."""
    words = _words(analysed)
    copied = [False] * len(words)
    if not source:
        return tuple(copied)
    for i in range(len(words) - RUN_WORDS + 1):
        if _hash(words[i : i + RUN_WORDS]) in source:
            copied[i : i + RUN_WORDS] = [True] * RUN_WORDS
    start = None
    for i, flag in enumerate([*copied, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            if i - start < min_run:
                copied[start:i] = [False] * (i - start)
            start = None
    return tuple(copied)
