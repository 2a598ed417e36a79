"""Per key point signals: keyword/alias/acronym hits (exact and fuzzy) and semantic similarity.

Every signal has the same shape: ``signal(answer, point, *, settings) -> Signal``,
a score in [0, 1] plus the evidence (character spans of the answer) behind it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from typing import Literal

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from evaluator.embedding import get_encoder
from evaluator.rubric import MAX_ALIAS_WORDS, KeyPoint, Question
from evaluator.settings import ScoringSettings
from evaluator.text import AnalysedText, analyse, is_word, lemma, lemma_set, nlp

EvidenceKind = Literal["keyword", "fuzzy", "semantic"]
MIN_FUZZY_LENGTH = 5  # shorter keys (acronyms, short words) must match exactly
MAX_EDITS = 3
FUZZY_COST_PER_EDIT = 0.1  # a misspelling earns most, not all, of an exact hit
CONCEPTS_NEEDED = 0.75  # share of a point's concepts that earns the full keyword score
NEGATIONS = frozenset({"not", "no", "never", "n't", "without", "neither", "nor", "nothing", "none", "lack"})
NEGATION_WINDOW = 3  # words before a keyword that can deny it (wider scopes cost agreement on Mohler)
NEGATED_CREDIT = 0.5  # a denied keyword still shows the student knows the term, but not the fact
TOPIC_BACKGROUND = 0.35  # cosine of unrelated sentences on the same subject; contrast starts above it
MAX_SPECIFICITY_BONUS = 0.1


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where in the answer a key point was found."""

    kind: EvidenceKind
    sentence: int
    start: int
    end: int
    text: str  # exactly ``answer[start:end]``
    matched: str  # the alias or key point statement it matched
    score: float
    context: str = ""  # the whole sentence the evidence sits in, for quoting
    negated: bool = False  # the words are denied ("India has not signed any roadmap")


@dataclass(frozen=True, slots=True)
class Signal:
    score: float
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Alias:
    text: str
    key: str  # lemmas joined without spaces or hyphens
    words: int
    exact_only: bool
    case_sensitive: bool = False  # acronyms made from an expansion must be written in capitals ("SSA", not "ssa")
    deniable: bool = True  # False when the point itself states the concept negatively ("without reallocating")


@dataclass(frozen=True)
class CompiledPoint:
    """A key point prepared for matching: alias keys and the statement's embedding."""

    index: int
    point: KeyPoint
    concepts: tuple[tuple[Alias, ...], ...]
    vectors: np.ndarray | None  # (views, dim): the statement and the hint
    tokens: np.ndarray | None = None  # (content word pieces of the statement, dim), for token alignment


@dataclass(frozen=True)
class Answer:
    """An analysed answer with its sentence-to-point similarities (``None`` when semantic matching is off)."""

    analysed: AnalysedText
    similarity: np.ndarray | None  # (sentences, key points), contrast-adjusted cosine
    alignment: np.ndarray | None = None  # (key points,): share of each statement's words echoed in the answer
    on_topic_share: float | None = None  # share of sentences close to some key point (None: not measured)
    longest_alias: int = MAX_ALIAS_WORDS  # words in the question's longest alias
    specificity: np.ndarray | None = None  # (sentences,): share of meaning credit each sentence can earn

    @cached_property
    def windows(self) -> _Windows:
        # built once per answer, shared by all key points
        return _Windows(self.analysed, longest=min(MAX_ALIAS_WORDS, self.longest_alias) + 1)


def _alias(text: str, *, case_sensitive: bool = False) -> Alias:
    words = [t.text for t in nlp().tokenizer(text) if is_word(t.text)]
    key = "".join(lemma(w) for w in words)
    # acronyms (DTTI, iCET, SSA) and very short keys would fuzzy-match ordinary words
    is_acronym = len(re.findall(r"[A-Z]", text)) >= 2 and len(key) <= 8 and len(words) <= 2
    return Alias(text, key, max(1, len(words)), is_acronym or len(key) < MIN_FUZZY_LENGTH, case_sensitive)


def _deniable(aliases: tuple[Alias, ...], statement: _Windows) -> bool:
    """Whether a "not" before this concept in an answer contradicts the point. It does not when the concept is
    negative in itself ("not an ally") or the point's statement says it negatively ("grows without reallocating")."""
    if any(NEGATIONS & set(re.findall(r"[a-z']+", a.text.lower())) for a in aliases):
        return False
    return not any(statement.negated(i) for a in aliases for i, _ in statement.exact.get(a.key, ()))


def _initials(alias: str) -> str | None:
    """'Space Situational Awareness' -> 'SSA': acronyms students write without the rubric listing them."""
    words = [w for w in re.findall(r"[A-Za-z]+", alias) if w.lower() not in {"and", "of", "the", "for", "on", "in"}]
    return "".join(w[0].upper() for w in words) if len(words) >= 3 else None


@lru_cache(maxsize=256)
def _compile(question_json: str, semantic: bool) -> tuple[CompiledPoint, ...]:
    question = Question.model_validate_json(question_json)
    # each point is embedded twice, as its statement and as its hint: two wordings of one idea
    views = [p.point for p in question.key_points] + [p.hint or p.point for p in question.key_points]
    encoder = get_encoder() if semantic else None
    encoded, token_vectors = encoder.encode_with_tokens(views) if encoder else (None, None)
    n = len(question.key_points)
    vectors = None if encoded is None else np.stack([encoded[:n], encoded[n:]], axis=1)  # (points, 2, dim)
    compiled = []
    for i, point in enumerate(question.key_points):
        statement = _Windows(analyse(point.point), longest=MAX_ALIAS_WORDS + 1)
        concepts = []
        for concept in point.keywords:
            listed = [_alias(t) for t in concept]
            derived = [_alias(a, case_sensitive=True) for a in filter(None, map(_initials, concept)) if a not in concept]
            aliases = tuple(a for a in dict.fromkeys([*listed, *derived]) if a.key)  # "..." has no words to match
            if aliases and not _deniable(aliases, statement):
                aliases = tuple(replace(a, deniable=False) for a in aliases)
            concepts.append(aliases)
        compiled.append(CompiledPoint(i, point, tuple(c for c in concepts if c), None if vectors is None else vectors[i],
                                      None if token_vectors is None else token_vectors[i]))
    return tuple(compiled)


def question_words(question: Question) -> frozenset[str]:
    """Lemmas of the question's text: restating them says nothing new."""
    return lemma_set(question.text)


def compile_question(question: Question, *, settings: ScoringSettings) -> tuple[CompiledPoint, ...]:
    """Alias keys and statement embeddings for every key point, cached per question content."""
    return _compile(question.model_dump_json(), settings.semantic)


def prepare_answer(analysed: AnalysedText, points: tuple[CompiledPoint, ...], *, settings: ScoringSettings,
                   asked: frozenset[str] = frozenset()) -> Answer:
    """Embed the answer's sentences once and compare each with every key point.

    A sentence that is equally close to all key points only shares the question's topic
    ("iCET is a technology initiative") and says nothing specific, so its similarity to a
    point is lowered by how close it also is to the other points (``semantic_contrast``).
    """
    longest = max((a.words for p in points for c in p.concepts for a in c), default=1)
    encoder = get_encoder() if settings.semantic else None
    if encoder is None or not analysed.sentences or any(p.vectors is None for p in points):
        return Answer(analysed, None, longest_alias=longest)
    vectors, token_vectors = encoder.encode_with_tokens([s.text for s in analysed.sentences])
    alignment = _alignment(np.concatenate(token_vectors), points)
    # best of the point's views, per sentence: (sentences, points)
    sims = np.einsum("sd,pvd->spv", vectors, np.stack([p.vectors for p in points])).max(axis=2)
    on_topic = float(np.mean(sims.max(axis=1) >= settings.semantic_floor))
    if len(points) > 1:
        others = (sims.sum(1, keepdims=True) - sims) / (len(points) - 1)
        # penalty for a generic sentence; a small capped bonus for one that is specific to this point
        adjusted = sims - settings.semantic_contrast * np.maximum(others - TOPIC_BACKGROUND, -MAX_SPECIFICITY_BONUS)
        # a sentence far from every point gets no bonus for being far from the others too
        sims = np.where(sims < settings.semantic_floor, np.minimum(sims, adjusted), adjusted)
    return Answer(analysed, sims, alignment, on_topic, longest,
                  specificity=_specificity(analysed, asked, settings.specific_words_full))


def _specificity(analysed: AnalysedText, asked: frozenset[str], full: int) -> np.ndarray | None:
    """Per sentence, min(1, its distinct content words not in the question / ``full``).

    "India and the US are working together on many defence things" is close in meaning to
    many key points but says nothing a mentor could mark; a sentence that names actors,
    measures or reasons has the words to earn the credit its similarity suggests.
    """
    if not full:
        return None
    said: list[set[str]] = [set() for _ in analysed.sentences]
    for t in analysed.words:
        if not t.is_stop and len(t.lemma) > 1 and t.lemma not in asked:
            said[t.sentence].add(t.lemma)
    return np.array([min(1.0, len(words) / full) for words in said])


def _alignment(answer_tokens: np.ndarray, points: tuple[CompiledPoint, ...]) -> np.ndarray:
    """Token alignment recall (as in BERTScore): for each content word of a point's statement, the
    closest contextual match anywhere in the answer, averaged. Credits paraphrase spread over sentences."""
    scores = np.zeros(len(points), dtype=np.float32)
    sizes = [0 if p.tokens is None else len(p.tokens) for p in points]
    if not len(answer_tokens) or not sum(sizes):
        return scores
    # one product for all points, then the best answer token per statement token, averaged per point
    best = (np.concatenate([p.tokens for p in points if p.tokens is not None]) @ answer_tokens.T).max(axis=1)
    starts = np.cumsum([0, *sizes[:-1]])
    for j, (start, size) in enumerate(zip(starts, sizes)):
        if size:
            scores[j] = best[start : start + size].mean()
    return scores


class _Windows:
    """Runs of 1..n consecutive answer words, joined like alias keys, with their word positions."""

    def __init__(self, analysed: AnalysedText, longest: int) -> None:
        self.words = analysed.words
        lemmas = [t.lemma for t in self.words]
        sentences = [t.sentence for t in self.words]
        self.by_length: dict[int, tuple[list[str], list[int]]] = {}
        runs: list[str] = []  # runs[i]: the lemmas of words i .. i+n-1 joined
        for n in range(1, longest + 1):
            runs = lemmas if n == 1 else [run + last for run, last in zip(runs[:-1], lemmas[n - 1 :], strict=True)]
            starts = [i for i in range(len(runs)) if sentences[i] == sentences[i + n - 1]]  # never across sentences
            self.by_length[n] = ([runs[i] for i in starts], starts)
        self.exact: dict[str, list[tuple[int, int]]] = {}
        for n, (keys, starts) in self.by_length.items():
            for key, i in zip(keys, starts):
                self.exact.setdefault(key, []).append((i, n))

    def negated(self, i: int) -> bool:
        """True when a negation ("not", "no", "never", "without") precedes word ``i`` closely in its sentence."""
        sentence = self.words[i].sentence
        before = self.words[max(0, i - NEGATION_WINDOW) : i]
        return any(t.lemma in NEGATIONS and t.sentence == sentence for t in before)

    def evidence(self, analysed: AnalysedText, i: int, n: int, kind: EvidenceKind, alias: str, score: float,
                 *, deniable: bool = True) -> Evidence:
        first, last = self.words[i], self.words[i + n - 1]
        negated = deniable and self.negated(i)
        return Evidence(kind, first.sentence, first.start, last.end, analysed.text[first.start : last.end], alias,
                        score * NEGATED_CREDIT if negated else score, analysed.sentences[first.sentence].text, negated)


def keyword_signal(answer: Answer, point: CompiledPoint, *, settings: ScoringSettings) -> Signal:
    """Share of the point's keyword concepts found (exact lemma, acronym, or misspelt within the fuzzy ratio)."""
    if not point.concepts:
        return Signal(0.0)
    windows = answer.windows
    found: list[Evidence] = []
    for concept in point.concepts:
        best = _best_alias_hit(answer, windows, concept, settings)
        if best:
            found.append(best)
    needed = max(1, int(CONCEPTS_NEEDED * len(point.concepts) + 0.5))  # half up: 2 of 2, 2 of 3, 3 of 4, 5 of 6
    return Signal(min(1.0, sum(e.score for e in found) / needed), tuple(found))


def _best_alias_hit(answer: Answer, windows: _Windows, concept: tuple[Alias, ...], settings: ScoringSettings) -> Evidence | None:
    # 1. exact match of any alias, on lemmas, hyphens and spacing ignored; an affirmed use beats a negated one
    deniable = concept[0].deniable
    hits = [
        windows.evidence(answer.analysed, i, n, "keyword", alias.text, 1.0, deniable=deniable)
        for alias in concept
        for i, n in windows.exact.get(alias.key, ())
        if not alias.case_sensitive or windows.words[i].text == alias.text
    ]
    if hits:
        return max(hits, key=lambda e: e.score)
    # 2. misspelt: the closest run of words within a small edit budget (typos and swapped letters),
    #    never for acronyms or short keys, and with the first letter kept ("introduction" is not "production")
    best: Evidence | None = None
    for alias in concept:
        if alias.exact_only:
            continue
        budget = min(MAX_EDITS, len(alias.key) // settings.fuzzy_chars_per_edit)
        for n in {max(1, alias.words - 1), alias.words, alias.words + 1}:
            keys, starts = windows.by_length.get(n, ([], []))
            hit = process.extractOne(alias.key, keys, scorer=OSA.distance, score_cutoff=budget)
            if hit and hit[0][0] == alias.key[0]:
                score = 1.0 - FUZZY_COST_PER_EDIT * max(1, hit[1])
                if best is None or score > best.score:
                    best = windows.evidence(answer.analysed, starts[hit[2]], n, "fuzzy", alias.text, score,
                                            deniable=deniable)
    return best


def semantic_signal(answer: Answer, point: CompiledPoint, *, settings: ScoringSettings) -> Signal:
    """Closeness in meaning, ramped to [0, 1]: the best sentence's cosine to the point, or the point's
    token alignment with the whole answer, whichever is stronger. Evidence is the closest sentence."""
    if answer.similarity is None:
        return Signal(0.0)
    sims = answer.similarity[:, point.index]
    span = settings.semantic_full - settings.semantic_floor
    credit = np.clip(np.nan_to_num((sims - settings.semantic_floor) / span), 0, 1)
    if answer.specificity is not None:
        credit = credit * answer.specificity
    best = int(np.argmax(credit)) if credit.max() > 0 else int(np.argmax(sims))
    score = float(credit[best])
    if answer.alignment is not None:
        score = max(score, ramp(float(answer.alignment[point.index]), settings.alignment_floor, settings.alignment_full))
    if score <= 0:
        return Signal(0.0)
    sent = answer.analysed.sentences[best]
    return Signal(score, (Evidence("semantic", best, sent.start, sent.end, sent.text, point.point.point, score, sent.text),))


def ramp(x: float, floor: float, full: float) -> float:
    return 0.0 if math.isnan(x) else min(1.0, max(0.0, (x - floor) / (full - floor)))
