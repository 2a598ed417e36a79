"""What every signal reads: a question compiled once, and an answer prepared once per question.

:func:`compile_question` turns a rubric question into :class:`CompiledPoint` s (alias keys for
keyword matching, the statement's and hint's sentence vectors, the statement's token vectors),
cached per question content. :func:`prepare_answer` wraps an analysed answer with everything the
signals share: runs of words for keyword matching, and the sentence-to-point similarities, token
alignment and sentence specificity for meaning. Each is computed on first use, once per answer and
question, so a signal that does not run costs nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

import numpy as np

from evaluator.core.embedding import SentenceEncoder, get_encoder
from evaluator.core.settings import ScoringSettings
from evaluator.core.text import AnalysedText, Token, analyse, is_word, lemma, lemma_set, nlp
from evaluator.rubrics.model import MAX_ALIAS_WORDS, KeyPoint, Question

NEGATIONS = frozenset({"not", "no", "never", "n't", "without", "neither", "nor", "nothing", "none", "lack"})
ACRONYM_MAX_CHARS = 8  # an alias of two words at most, this many letters and two capitals is an acronym (DTTI)


@dataclass(frozen=True, slots=True)
class Alias:
    """One way of writing a keyword concept, as matching sees it."""

    text: str
    key: str  # lemmas joined without spaces or hyphens
    words: int
    is_acronym: bool  # DTTI, iCET: matched exactly, never as a misspelling
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


def _alias(text: str, *, case_sensitive: bool = False) -> Alias:
    words = [t.text for t in nlp().tokenizer(text) if is_word(t.text)]
    key = "".join(lemma(w) for w in words)
    # acronyms (DTTI, iCET, SSA) would fuzzy-match ordinary words
    is_acronym = len(re.findall(r"[A-Z]", text)) >= 2 and len(key) <= ACRONYM_MAX_CHARS and len(words) <= 2
    return Alias(text, key, max(1, len(words)), is_acronym, case_sensitive)


def _deniable(aliases: tuple[Alias, ...], statement: Windows, window: int) -> bool:
    """Whether a "not" before this concept in an answer contradicts the point. It does not when the concept is
    negative in itself ("not an ally") or the point's statement says it negatively ("grows without reallocating")."""
    if any(NEGATIONS & set(re.findall(r"[a-z']+", a.text.lower())) for a in aliases):
        return False
    return not any(statement.negated(i, window) for a in aliases for i, _ in statement.exact.get(a.key, ()))


def _initials(alias: str) -> str | None:
    """'Space Situational Awareness' -> 'SSA': acronyms students write without the rubric listing them."""
    words = [w for w in re.findall(r"[A-Za-z]+", alias) if w.lower() not in {"and", "of", "the", "for", "on", "in"}]
    return "".join(w[0].upper() for w in words) if len(words) >= 3 else None


@lru_cache(maxsize=256)
def _compile(question_json: str, semantic: bool, negation_window: int) -> tuple[CompiledPoint, ...]:
    question = Question.model_validate_json(question_json)
    # each point is embedded twice, as its statement and as its hint: two wordings of one idea
    views = [p.point for p in question.key_points] + [p.hint or p.point for p in question.key_points]
    encoder = get_encoder() if semantic else None
    encoded, token_vectors = encoder.encode_with_tokens(views) if encoder else (None, None)
    n = len(question.key_points)
    vectors = None if encoded is None else np.stack([encoded[:n], encoded[n:]], axis=1)  # (points, 2, dim)
    compiled = []
    for i, point in enumerate(question.key_points):
        statement = Windows(analyse(point.point), longest=MAX_ALIAS_WORDS + 1)
        concepts = []
        for concept in point.keywords:
            listed = [_alias(t) for t in concept]
            derived = [_alias(a, case_sensitive=True) for a in filter(None, map(_initials, concept)) if a not in concept]
            aliases = tuple(a for a in dict.fromkeys([*listed, *derived]) if a.key)  # "..." has no words to match
            if aliases and not _deniable(aliases, statement, negation_window):
                aliases = tuple(replace(a, deniable=False) for a in aliases)
            concepts.append(aliases)
        compiled.append(CompiledPoint(i, point, tuple(c for c in concepts if c), None if vectors is None else vectors[i],
                                      None if token_vectors is None else token_vectors[i]))
    return tuple(compiled)


def compile_question(question: Question, *, settings: ScoringSettings) -> tuple[CompiledPoint, ...]:
    """Alias keys and statement embeddings for every key point, cached per question content."""
    return _compile(question.model_dump_json(), settings.semantic, settings.negation_window)


class Windows:
    """Runs of 1..n consecutive words of a text, joined like alias keys, with their word positions."""

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

    def negated(self, i: int, window: int) -> bool:
        """True when a negation ("not", "no", "never", "without") precedes word ``i`` within ``window`` words of its sentence."""
        sentence = self.words[i].sentence
        before = self.words[max(0, i - window) : i]
        return any(t.lemma in NEGATIONS and t.sentence == sentence for t in before)


@dataclass(frozen=True)
class Encoded:
    """The answer's sentences against the question's key points, in the sentence encoder's space."""

    similarity: np.ndarray  # (sentences, key points): contrast-adjusted cosine, best of each point's views
    alignment: np.ndarray  # (key points,): token alignment recall of each point's statement in the whole answer
    on_topic_share: float  # share of sentences close to some key point
    specificity: np.ndarray | None  # (sentences,): share of meaning credit each sentence can earn


@dataclass(frozen=True)
class PreparedAnswer:
    """An analysed answer and one question's compiled key points: what every signal reads."""

    analysed: AnalysedText
    points: tuple[CompiledPoint, ...]
    settings: ScoringSettings
    asked: frozenset[str] = frozenset()  # lemmas of the question: restating them says nothing new
    encoder: SentenceEncoder | None = None

    @cached_property
    def longest_alias(self) -> int:
        """Words in the question's longest alias."""
        return max((a.words for p in self.points for c in p.concepts for a in c), default=1)

    @cached_property
    def windows(self) -> Windows:
        """Runs of the answer's words, built once per answer and shared by all key points."""
        return Windows(self.analysed, longest=min(MAX_ALIAS_WORDS, self.longest_alias) + 1)

    @property
    def words(self) -> tuple[Token, ...]:
        return self.windows.words

    @cached_property
    def encoded(self) -> Encoded | None:
        """Sentence similarities and token alignment, or ``None`` when meaning is not measured
        (semantic matching off, no encoder installed, or no sentences)."""
        if self.encoder is None or not self.analysed.sentences or any(p.vectors is None for p in self.points):
            return None
        return _encode(self.analysed, self.points, self.encoder, self.settings, self.asked)


def prepare_answer(analysed: AnalysedText, question: Question, *, settings: ScoringSettings) -> PreparedAnswer:
    """The answer ready for every signal of ``question``'s key points (nothing is computed until a signal asks)."""
    points = compile_question(question, settings=settings)
    encoder = get_encoder() if settings.semantic else None
    return PreparedAnswer(analysed, points, settings, lemma_set(question.text), encoder)


def _encode(analysed: AnalysedText, points: tuple[CompiledPoint, ...], encoder: SentenceEncoder,
            settings: ScoringSettings, asked: frozenset[str]) -> Encoded:
    """Embed the answer's sentences once and compare each with every key point.

    A sentence that is equally close to all key points only shares the question's topic
    ("iCET is a technology initiative") and says nothing specific, so its similarity to a
    point is lowered by how close it also is to the other points (``semantic_contrast``).
    """
    vectors, token_vectors = encoder.encode_with_tokens([s.text for s in analysed.sentences])
    alignment = _alignment(np.concatenate(token_vectors), points)
    # best of the point's views, per sentence: (sentences, points)
    sims = np.einsum("sd,pvd->spv", vectors, np.stack([p.vectors for p in points])).max(axis=2)
    on_topic = float(np.mean(sims.max(axis=1) >= settings.semantic_floor))
    if len(points) > 1:
        others = (sims.sum(1, keepdims=True) - sims) / (len(points) - 1)
        # penalty for a generic sentence; a small capped bonus for one that is specific to this point
        adjusted = sims - settings.semantic_contrast * np.maximum(others - settings.topic_background,
                                                                  -settings.max_specificity_bonus)
        # a sentence far from every point gets no bonus for being far from the others too
        sims = np.where(sims < settings.semantic_floor, np.minimum(sims, adjusted), adjusted)
    return Encoded(sims, alignment, on_topic, _specificity(analysed, asked, settings.specific_words_full))


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
