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

from evaluator.core.claims import ClaimView, claims_of, read_claims
from evaluator.core.consistency import JudgedSentence, judge_sentences
from evaluator.core.copying import copied_words, source_shingles
from evaluator.core.embedding import SentenceEncoder, get_encoder
from evaluator.core.factcheck import FactFinding, check_facts, prepare_facts
from evaluator.core.information import sentence_information
from evaluator.core.judge import load_judge
from evaluator.core.lexicon import NEGATORS
from evaluator.core.multilingual import MultilingualEncoder, get_multilingual_encoder
from evaluator.core.settings import ScoringSettings
from evaluator.core.stages import stage, timed
from evaluator.core.structure import LISTED_SHARE, listed_terms
from evaluator.core.text import AnalysedText, Token, analyse, english_vocabulary, is_word, lemma, lemma_set, nlp
from evaluator.rubrics.model import HINDI_PREFIX, MAX_ALIAS_WORDS, Fact, KeyPoint, Question

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

    @property
    def facts(self) -> list[Fact]:
        """The facts the rubric declares for this point."""
        return self.point.facts


@dataclass(frozen=True)
class CompiledQuestion:
    """Every key point of a question, compiled, and what the question's texts say as a whole."""

    points: tuple[CompiledPoint, ...]
    source_shingles: frozenset[str]  # hashed word runs of the article (and its fingerprint), for copy detection


def _alias(text: str, *, case_sensitive: bool = False) -> Alias:
    words = [t.text for t in nlp().tokenizer(text) if is_word(t.text)]
    key = "".join(lemma(w) for w in words)
    # acronyms (DTTI, iCET, SSA) would fuzzy-match ordinary words
    is_acronym = len(re.findall(r"[A-Z]", text)) >= 2 and len(key) <= ACRONYM_MAX_CHARS and len(words) <= 2
    return Alias(text, key, max(1, len(words)), is_acronym, case_sensitive)


def _reads_as_words(alias: str) -> bool:
    """A name in capitals made of everyday words ("IN-SPACe", "UDAN") matches only as written, not as "in space"."""
    parts = re.findall(r"[A-Za-z]+", alias)
    return (len(parts) >= 2 and bool(re.search(r"[A-Z]{2}", alias))
            and all(p.lower() in english_vocabulary() for p in parts))


def _deniable(aliases: tuple[Alias, ...], statement: Windows, denied: tuple[bool, ...]) -> bool:
    """Whether a denial of this concept in an answer goes against the point. It does not when the concept is
    negative in itself ("not an ally") or the point's statement says it negatively ("grows without reallocating")."""
    if any(NEGATORS & set(re.findall(r"[a-z']+", a.text.lower())) for a in aliases):
        return False
    return not any(denied[i] for a in aliases for i, _ in statement.exact.get(a.key, ()))


def _initials(alias: str) -> str | None:
    """'Space Situational Awareness' -> 'SSA': acronyms students write without the rubric listing them."""
    words = [w for w in re.findall(r"[A-Za-z]+", alias) if w.lower() not in {"and", "of", "the", "for", "on", "in"}]
    return "".join(w[0].upper() for w in words) if len(words) >= 3 else None


@lru_cache(maxsize=256)
def _compile(question_json: str, semantic: bool) -> CompiledQuestion:
    question = Question.model_validate_json(question_json)
    # each point is embedded twice, as its statement and as its hint: two wordings of one idea
    # each point is embedded twice, as its statement and as its hint: two wordings of one idea
    views = [p.point for p in question.key_points] + [p.hint or p.point for p in question.key_points]
    encoder = get_encoder() if semantic else None
    encoded, token_vectors = encoder.encode_with_tokens(views, keep=True) if encoder else (None, None)
    n = len(question.key_points)
    vectors = None if encoded is None else np.stack([encoded[:n], encoded[n:]], axis=1)  # (points, 2, dim)
    statements = [claims_of(p.point) for p in question.key_points]
    compiled = []
    for i, point in enumerate(question.key_points):
        statement = Windows(analyse(point.point), longest=MAX_ALIAS_WORDS + 1)
        concepts = []
        for concept in point.keywords:
            listed = [_alias(t.removeprefix(HINDI_PREFIX).strip(), case_sensitive=_reads_as_words(t)) for t in concept]
            derived = [_alias(a, case_sensitive=True) for a in filter(None, map(_initials, concept)) if a not in concept]
            aliases = tuple(a for a in dict.fromkeys([*listed, *derived]) if a.key)  # "..." has no words to match
            if aliases and not _deniable(aliases, statement, statements[i].denied):
                aliases = tuple(replace(a, deniable=False) for a in aliases)
            concepts.append(aliases)
        kept = tuple(c for c in concepts if c)
        compiled.append(CompiledPoint(i, point, kept, None if vectors is None else vectors[i],
                                      None if token_vectors is None else token_vectors[i]))
    prepare_facts([f for p in question.key_points for f in p.facts])
    # the rubric's own words (statements and hints, shown to students after an attempt) are a source to copy too
    rubric_text = "\n".join(t for p in question.key_points for t in (p.point, p.hint) if t)
    return CompiledQuestion(tuple(compiled), source_shingles(question.article + "\n" + rubric_text,
                                                             question.article_fingerprint))


def compile_question(question: Question, *, settings: ScoringSettings) -> CompiledQuestion:
    """Alias keys, statement embeddings and facts for every key point, cached per question content."""
    return _compile(question.model_dump_json(), settings.semantic)


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
            for key, i in zip(keys, starts, strict=False):
                self.exact.setdefault(key, []).append((i, n))



@dataclass(frozen=True)
class Encoded:
    """The answer's sentences against the question's key points, in the sentence encoder's space."""

    similarity: np.ndarray  # (sentences, key points): contrast-adjusted cosine, best of each point's views
    alignment: np.ndarray  # (key points,): token alignment recall of each point's statement in the whole answer
    fit: float  # mean cosine of the answer's closest sentence to each of its best-fitting key points
    specificity: np.ndarray | None  # (sentences,): share of meaning credit each sentence can earn


class AnswerReading:
    """What is read from an answer whatever the question, once: its clauses and denials, its runs of words, and the
    closest run of words to each keyword looked up. The wrong-question check scores one answer against several
    questions; they share this reading."""

    def __init__(self, analysed: AnalysedText) -> None:
        self.analysed = analysed
        self._windows: dict[int, Windows] = {}
        self._closest: dict[tuple[str, int, int], tuple | None] = {}
        self._batched: dict[int, CompiledQuestion] = {}

    @cached_property
    def claims(self) -> ClaimView:
        """The answer's clauses and the words whose claim it denies."""
        with stage("claims"):
            return read_claims(self.analysed)

    def windows(self, longest: int) -> Windows:
        """Runs of 1..``longest`` of the answer's words."""
        if longest not in self._windows:
            self._windows[longest] = Windows(self.analysed, longest)
        return self._windows[longest]

    def batch(self, question: CompiledQuestion) -> bool:
        """True the first time a question asks (to look up its keywords in one batch), then False."""
        if id(question) in self._batched:
            return False
        self._batched[id(question)] = question  # kept, so that the id is not another question's later
        return True

    def closest_runs(self, windows: Windows, wanted: list[tuple[str, int, int]]) -> None:
        """:meth:`closest_run` for many (alias key, run length, budget) at once: one RapidFuzz ``cdist`` per run
        length, the same results as one ``extractOne`` each (the first of the closest runs, within the budget)."""
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        by_length: dict[int, list[tuple[str, int]]] = {}
        for key, n, budget in dict.fromkeys(wanted):
            if (key, n, budget) not in self._closest and n in windows.by_length and windows.by_length[n][0]:
                by_length.setdefault(n, []).append((key, budget))
        for n, queries in by_length.items():
            runs = windows.by_length[n][0]
            cutoff = max(budget for _, budget in queries)
            edits = process.cdist([key for key, _ in queries], runs, scorer=OSA.distance, score_cutoff=cutoff,
                                  dtype=np.int32, workers=1)
            for (key, budget), row in zip(queries, edits, strict=True):
                best = int(np.argmin(row))  # the first of the closest, as extractOne
                self._closest[(key, n, budget)] = (runs[best], int(row[best]), best) if row[best] <= budget else None

    def closest_run(self, windows: Windows, key: str, n: int, budget: int) -> tuple | None:
        """RapidFuzz's closest of the runs of ``n`` words of ``windows`` (one of :meth:`windows`) to an alias key,
        within ``budget`` edits: ``extractOne``'s (run, edits, index) or ``None``. Looked up once per answer: the runs of
        ``n`` words are the same in every :meth:`windows` that holds them."""
        found = self._closest.get((key, n, budget), False)
        if found is False:
            from rapidfuzz import process
            from rapidfuzz.distance import OSA

            runs = windows.by_length[n][0] if n in windows.by_length else []
            found = process.extractOne(key, runs, scorer=OSA.distance, score_cutoff=budget)
            if runs:  # no runs of n words here is no answer for a longer Windows
                self._closest[(key, n, budget)] = found
        return found


@dataclass(frozen=True)
class PreparedAnswer:
    """An analysed answer and one question's compiled key points: what every signal reads."""

    analysed: AnalysedText
    question: CompiledQuestion
    settings: ScoringSettings
    asked: frozenset[str] = frozenset()  # lemmas of the question: restating them says nothing new
    encoder: SentenceEncoder | None = None
    multilingual: MultilingualEncoder | None = None  # a Hindi answer's encoder (then ``encoder`` is None)
    question_text: str = ""
    rubric_facts: tuple[Fact, ...] = ()  # the facts the rubric's other questions declare, not this one: true here too
    reading: AnswerReading | None = None  # what every question reads alike; made here when not given
    language: str = "english"  # "english", "hindi" or "hinglish" (:func:`evaluator.core.scoring.language_of`)

    def __post_init__(self) -> None:
        if self.reading is None:
            object.__setattr__(self, "reading", AnswerReading(self.analysed))  # frozen: set once, at creation

    @property
    def points(self) -> tuple[CompiledPoint, ...]:
        return self.question.points

    @property
    def claims(self) -> ClaimView:
        """The answer's clauses and the words whose claim it denies."""
        return self.reading.claims

    @cached_property
    def information(self) -> list[float]:
        """How much each sentence says beyond the question's words (:mod:`evaluator.core.information`)."""
        with stage("information"):
            return sentence_information(self.analysed, self.asked)

    @cached_property
    def copied(self) -> tuple[bool, ...]:
        """For each word, whether it stands in a long run copied from the question's source article."""
        with stage("copying"):
            return copied_words(self.analysed, self.question.source_shingles, min_run=self.settings.copied_run_words)

    @cached_property
    def term_lists(self) -> frozenset[int]:
        """Sentences that only list terms (:func:`evaluator.core.structure.listed_terms`): their keywords are no
        evidence, "a term in a list without a claim around it" (a list of rubric terms appended to a weak answer
        covered every point)."""
        lists = listed_terms(self.analysed, settings=self.settings)
        words = self.analysed.words
        # an answer that is mostly a list is marked as a keyword list (coherence), its terms counted at that cost
        return frozenset() if sum(t.sentence in lists for t in words) >= LISTED_SHARE * len(words) else lists

    @cached_property
    def copied_sentences(self) -> frozenset[int]:
        """Sentences most of whose words are copied from the source."""
        words: dict[int, list[bool]] = {}
        for token, copied in zip(self.analysed.words, self.copied, strict=True):
            words.setdefault(token.sentence, []).append(copied)
        return frozenset(s for s, flags in words.items() if sum(flags) > len(flags) / 2)

    @property
    def sentence_vectors(self) -> np.ndarray:
        """The answer's sentence vectors (from the encoder's cache: they were made for ``encoded``)."""
        assert self.encoder is not None
        return self.encoder.encode([s.text for s in self.analysed.sentences])

    @cached_property
    def fact_findings(self) -> tuple[FactFinding, ...]:
        """What the answer's clauses say of every fact the question's points declare (right or wrong)."""
        own = [(p.point.id, k, f) for p in self.points for k, f in enumerate(p.facts)]
        # a fact of another question of the rubric holds here too; its findings belong to no point of this question
        facts = own + [("", k, f) for k, f in enumerate(self.rubric_facts)]
        with stage("facts"):
            return check_facts(self.analysed, facts, view=self.claims) if facts else ()

    @cached_property
    def judged(self) -> tuple[JudgedSentence, ...]:
        """Sentences the consistency judge reads as contradicting their closest key point (English answers)."""
        encoded = self.encoded
        if encoded is None or self.multilingual is not None:
            return ()
        if self.settings.judge_pairs == 0:
            return ()
        points = [(p.point.id, p.point.point) for p in self.points]
        with stage("judge"):
            return judge_sentences(self.analysed, encoded.similarity, points, self.fact_findings, self.settings,
                                   load_judge())

    @cached_property
    def longest_alias(self) -> int:
        """Words in the question's longest alias."""
        return max((a.words for p in self.points for c in p.concepts for a in c), default=1)

    @cached_property
    def windows(self) -> Windows:
        """Runs of the answer's words, built once per answer and shared by all key points (and by the questions
        whose longest alias is as long)."""
        return self.reading.windows(min(MAX_ALIAS_WORDS, self.longest_alias) + 1)

    @property
    def words(self) -> tuple[Token, ...]:
        return self.windows.words

    @cached_property
    def encoded(self) -> Encoded | None:
        """Sentence similarities and token alignment, or ``None`` when meaning is not measured
        (semantic matching off, no encoder installed, or no sentences)."""
        if not self.analysed.sentences:
            return None
        with stage("encode"):
            if self.multilingual is not None:
                # a Hinglish answer's subject is not checked (the encoder reads English): its topic is not read
                return _encode_crosslingual(self.analysed, self.points, self.multilingual, self.settings,
                                            self.information, self.question_text if self.language == "hindi" else None)
            if self.encoder is None or any(p.vectors is None for p in self.points):
                return None
            return _encode(self.analysed, self.points, self.encoder, self.settings, self.information, self.term_lists)


@timed("prepare")
def prepare_answer(analysed: AnalysedText, question: Question, *, settings: ScoringSettings,
                   language: str = "english", rubric_facts: tuple[Fact, ...] = (),
                   reading: AnswerReading | None = None) -> PreparedAnswer:
    """The answer ready for every signal of ``question``'s key points (nothing is computed until a signal asks).

    A ``language="hindi"`` or ``"hinglish"`` answer (Hindi in Devanagari or in Latin letters) is compared with the
    key points by the multilingual encoder, not MiniLM (Hinglish falls back to MiniLM where it is not installed).
    ``reading``: the same answer's reading for another question, shared rather than made again.
    """
    compiled = compile_question(question, settings=settings)
    multilingual = get_multilingual_encoder() if settings.semantic and language in ("hindi", "hinglish") else None
    if language == "hindi" or multilingual is not None:
        return PreparedAnswer(analysed, compiled, settings, lemma_set(question.text), None, multilingual, question.text,
                              rubric_facts, reading, language)
    encoder = get_encoder() if settings.semantic else None
    return PreparedAnswer(analysed, compiled, settings, lemma_set(question.text), encoder, rubric_facts=rubric_facts,
                          reading=reading, language=language)


def _encode(analysed: AnalysedText, points: tuple[CompiledPoint, ...], encoder: SentenceEncoder,
            settings: ScoringSettings, information: list[float], lists: frozenset[int] = frozenset()) -> Encoded:
    """Embed the answer's sentences once and compare each with every key point.

    A sentence that is equally close to all key points only shares the question's topic
    ("iCET is a technology initiative") and says nothing specific, so its similarity to a
    point is lowered by how close it also is to the other points (``semantic_contrast``).
    A sentence in ``lists`` (a list of terms) is close to no point and its words align with none: it makes no claim.
    """
    vectors, token_vectors = encoder.encode_with_tokens([s.text for s in analysed.sentences])
    claimed = [v for i, v in enumerate(token_vectors) if i not in lists]
    alignment = _alignment(np.concatenate(claimed), points) if claimed else np.zeros(len(points))
    # best of the point's views, per sentence: (sentences, points)
    sims = np.einsum("sd,pvd->spv", vectors, np.stack([p.vectors for p in points])).max(axis=2)
    sims[sorted(lists), :] = 0.0
    return _encoded(sims, alignment, points, settings, information)


def _encode_crosslingual(analysed: AnalysedText, points: tuple[CompiledPoint, ...], encoder: MultilingualEncoder,
                         settings: ScoringSettings, information: list[float], question_text: str | None) -> Encoded:
    """A Hindi answer's sentences against the English key points (statement and hint), in e5's space, with the
    cosines mapped onto MiniLM's scale so that the thresholds of the meaning signals hold. No token alignment:
    e5 gives no word-piece vectors. The whole answer is read for its topic against ``question_text``; ``None``: not
    read (e5's pass over the whole answer is half its cost), the topic ``fit`` then comes from the sentences."""
    # each sentence once, and no more than crosslingual_max_sentences of them and crosslingual_max_pieces word
    # pieces (e5's time grows with them): the rest of an answer far over any word limit is not compared (zero
    # vectors: close to no point)
    texts = [s.text for s in analysed.sentences]
    unique = encoder.within(list(dict.fromkeys(texts))[: settings.crosslingual_max_sentences],
                            settings.crosslingual_max_pieces) or [texts[0]]
    # the sentences and the whole answer (read for its topic, below) in one e5 call: the same vectors as two calls,
    # and 13% less CPU, the engine spreading both over its threads
    whole_text = [analysed.text[: settings.crosslingual_topic_chars]] if question_text is not None else []
    encoded = encoder.encode([*unique, *whole_text])
    found = dict(zip(unique, encoded[: len(unique)], strict=True))
    missing = np.zeros(found[unique[0]].shape, dtype=np.float32)
    vectors = np.stack([found.get(t, missing) for t in texts])
    views = encoder.encode([v for p in points for v in (p.point.point, p.point.hint or p.point.point)],
                           rubric=True).reshape(len(points), 2, -1)  # (points, statement and hint, dim)
    raw = np.einsum("sd,pvd->spv", vectors, views).max(axis=2)
    sims = settings.crosslingual_offset + settings.crosslingual_scale * raw
    if question_text is None:
        return _encoded(sims, np.zeros(len(points)), points, settings, information)
    # e5 puts an off-topic Hindi essay as near the best few points as a weak answer: the topic is read from the
    # whole answer against the question and the centre of its key points, mapped onto the scale of ``fit``
    whole = encoded[-1]
    centre = views[:, 0].mean(axis=0)
    question = encoder.encode([question_text], rubric=True)[0]
    topical = (float(whole @ question) + float(whole @ centre / np.linalg.norm(centre))) / 2
    share = ((topical - settings.crosslingual_topic_floor)
             / (settings.crosslingual_topic_full - settings.crosslingual_topic_floor))
    fit = settings.topic_floor + share * (settings.topic_full - settings.topic_floor)
    return _encoded(sims, np.zeros(len(points)), points, settings, information, fit=fit)


def _encoded(sims: np.ndarray, alignment: np.ndarray, points: tuple[CompiledPoint, ...], settings: ScoringSettings,
             information: list[float], fit: float | None = None) -> Encoded:
    """Sentence-to-point cosines adjusted for how generic each sentence is, with the answer's topic ``fit`` (by
    default the mean cosine of its best ``topic_points`` key points)."""
    if fit is None:
        best = np.sort(sims.max(axis=0))[::-1][: settings.topic_points]
        fit = float(best.mean()) if best.size else 0.0
    if len(points) > 1:
        others = (sims.sum(1, keepdims=True) - sims) / (len(points) - 1)
        # penalty for a generic sentence; a small capped bonus for one that is specific to this point
        adjusted = sims - settings.semantic_contrast * np.maximum(others - settings.topic_background,
                                                                  -settings.max_specificity_bonus)
        # a sentence far from every point gets no bonus for being far from the others too
        sims = np.where(sims < settings.semantic_floor, np.minimum(sims, adjusted), adjusted)
    return Encoded(sims, alignment, fit, _specificity(information, settings.specific_information_full))


def _specificity(information: list[float], full: float) -> np.ndarray | None:
    """Per sentence, min(1, its information beyond the question's words (``information``) / ``full``).

    "India and the US are working together on many defence things" is close in meaning to
    many key points but says nothing a mentor could mark; a sentence that names actors,
    measures or reasons has the words to earn the credit its similarity suggests
    (:mod:`evaluator.core.information`).
    """
    if not full:
        return None
    return np.minimum(1.0, np.array(information) / full)


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
    for j, (start, size) in enumerate(zip(starts, sizes, strict=False)):
        if size:
            scores[j] = best[start : start + size].mean()
    return scores
