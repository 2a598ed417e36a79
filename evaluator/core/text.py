"""One offline spaCy pass over an answer: tokens, lemmas, sentences, paragraphs, word count.

The pipeline is a blank English tokenizer plus the rule-based sentencizer; lemmas
come from the lookup table in ``spacy-lookups-data``. That table is case-sensitive
and keyed on lowercase forms, so tokens are lowercased before the lookup.

Before the pass the text is normalised (:func:`normalise`): NFKC, invisible format characters
(zero-width spaces and joiners, soft hyphens, bidi marks) removed, and Cyrillic or Greek letters
drawn like Latin ones folded to Latin inside words written in Latin letters. Pasting an article
with zero-width spaces inside its words, or "rоadmap" with a Cyrillic "о", then reads as the
article and "roadmap" to every signal. Token and span offsets still point into the text as
written (highlights and quotes use them); token and sentence texts are the normalised ones.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language

from evaluator.core.lexicon import HINDI_STOP_WORDS
from evaluator.core.stages import timed

_RUN = re.compile(r"\S+")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n(?=\s*(?:[-*\u2022\u25cf]|\d+[.)])\s)")
_WORD = re.compile(r"[^\W_]|^&$", re.UNICODE)  # '&' is the word 'and'
# spaCy strips affixes off a space-free run one character at a time, which is quadratic in the run's length
# (30,000 '!' took over a minute); runs this long are kept as one token. Real words and URLs are shorter.
MAX_TOKEN_CHARS = 200
_HYPHENS = str.maketrans("", "", "-\u2010")  # after NFKC, which turns the non-breaking hyphen U+2011 into U+2010


# letters of other scripts drawn like Latin ones (Unicode's confusables, the Cyrillic and Greek look-alikes)
CONFUSABLES: dict[str, str] = {
    **dict(zip("аеорсухіјѕԁһӏԛԝ", "aeopcyxijsdhlqw", strict=True)),  # Cyrillic small letters
    **dict(zip("АВЕКМНОРСТХІЈЅУ", "ABEKMHOPCTXIJSY", strict=True)),  # Cyrillic capitals
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοα", "ABEZHIKMNOPTYXoa", strict=True)),  # Greek
}
_DEVANAGARI = range(0x0900, 0x0980)


@dataclass(frozen=True)
class Normalised:
    """A text as the signals read it, where each of its characters came from, and how many characters were hidden
    or disguised (format characters inside Latin words, look-alike letters in Latin words)."""

    text: str
    origin: tuple[int, ...] | None  # index in the original of each character, then len(original); None: unchanged
    hidden: int = 0

    def start(self, index: int) -> int:
        """Offset in the original text of the character at ``index`` of the normalised one."""
        return index if self.origin is None else self.origin[index]

    def end(self, index: int) -> int:
        """Offset in the original text just after the normalised text's ``text[:index]`` (``index`` > 0)."""
        return index if self.origin is None or index == 0 else self.origin[index - 1] + 1


def normalise(text: str) -> Normalised:
    """NFKC, format characters removed and look-alike letters folded in Latin words (see the module docstring).

    >>> n = normalise("co\u200bproduction of r\u043eadmaps")
    >>> n.text, n.hidden, n.start(n.text.index("roadmaps"))
    ('coproduction of roadmaps', 2, 17)
    >>> normalise("ﬁne भारत").text, normalise("ﬁne भारत").hidden  # a ligature from a PDF is no disguise
    ('fine भारत', 0)
    """
    if text.isascii():
        return Normalised(text, None)
    out: list[str] = []
    origin: list[int] = []
    hidden = 0
    for run in re.finditer(r"\S+|\s+", text):
        piece = run.group()
        letters = [c for c in piece if c.isalpha()]
        latin = any(c.isascii() for c in letters)
        # a word of Latin and look-alike letters only ("rоadmap"; "а" alone): written to pass for Latin
        fold = bool(letters) and all(c.isascii() or c in CONFUSABLES for c in letters)
        for offset, char in enumerate(piece):
            if char.isascii():
                out.append(char)
                origin.append(run.start() + offset)
                continue
            if unicodedata.category(char) == "Cf":
                # ZWJ/ZWNJ shape Devanagari conjuncts: hidden only inside a word in Latin letters
                hidden += latin or not any(ord(c) in _DEVANAGARI for c in piece)
                continue
            if fold and char in CONFUSABLES:
                hidden += 1
                new = CONFUSABLES[char]
            else:
                new = unicodedata.normalize("NFKC", char)
            out.append(new)
            origin.extend([run.start() + offset] * len(new))
    normal = "".join(out)
    if normal == text:
        return Normalised(text, None)
    return Normalised(normal, (*origin, len(text)), hidden)


def is_word(token: str) -> bool:
    """True for tokens with a letter or digit (and '&'): the ones keyword matching and word counts use."""
    return bool(_WORD.search(token))


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the answer with its normalised forms and character span."""

    text: str
    lemma: str  # lowercase lemma with hyphens and trailing dots removed: the key for keyword matching
    start: int
    end: int
    sentence: int
    is_word: bool
    is_stop: bool


@dataclass(frozen=True, slots=True)
class Span:
    """A sentence or paragraph: character offsets into the original answer."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class AnalysedText:
    """The answer as the matchers see it; ``text`` is never altered (offsets point into it; token and span texts are
    normalised: :func:`normalise`)."""

    text: str
    tokens: tuple[Token, ...]
    sentences: tuple[Span, ...]
    paragraphs: tuple[Span, ...]
    word_count: int
    hidden: int = 0  # invisible or look-alike characters found inside Latin words (a sign of gaming)

    @cached_property  # read by every stage: made once (a frozen dataclass's __dict__ holds it)
    def words(self) -> tuple[Token, ...]:
        return tuple(t for t in self.tokens if t.is_word)


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The process-wide pipeline: blank English + sentencizer (no model download)."""
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    tokenizer = pipeline.tokenizer
    keep_whole = tokenizer.token_match
    tokenizer.token_match = lambda run: len(run) >= MAX_TOKEN_CHARS or bool(keep_whole and keep_whole(run))
    return pipeline


@lru_cache(maxsize=1)
def _lemma_table():  # noqa: ANN202 - spacy.lookups.Table (keys are stored hashed)
    from spacy.lookups import load_lookups

    return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")


def _visible(word: str) -> str:
    """The word without invisible format characters pasted from web pages (zero-width space, soft hyphen, BOM)."""
    return "".join(c for c in word if unicodedata.category(c) != "Cf") if not word.isascii() else word


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """Lowercase lookup lemma of one word, with hyphens and trailing dots removed ("Co-Production" -> "coproduction")."""
    low = unicodedata.normalize("NFKC", _visible(word)).lower().strip(".").translate(_HYPHENS).replace("\u2019", "'")
    if low == "&":
        return "and"
    return _lemma_table().get(low, low)


@lru_cache(maxsize=1)
def _lemma_index():  # noqa: ANN202 - spacy.lookups.Table
    from spacy.lookups import load_lookups

    return load_lookups("en", ["lemma_index"]).get_table("lemma_index")


@lru_cache(maxsize=1)
def parts_of_speech() -> dict[str, frozenset[str]]:
    """WordNet's lemma lists by part of speech (``noun``, ``verb``, ``adj``, ``adv``) from spacy-lookups-data."""
    index = _lemma_index()
    return {pos: frozenset(index.get(pos, [])) for pos in ("noun", "verb", "adj", "adv")}


RARE_LOG_PROBABILITY = -20.0  # what a word spaCy's frequency table does not list is taken to be


@lru_cache(maxsize=65536)
def log_probability(word: str) -> float:
    """Log frequency of a lowercase word in English text (spaCy's ``lexeme_prob``): "world" -7.9, "treaty" -12.7.

    >>> log_probability("world") > log_probability("treaty") > log_probability("geospatial")
    True
    """
    from evaluator.core.frequencies import frequencies  # numpy: loaded with the first answer, not with spaCy

    value = frequencies().get(word)
    return float(value) if value is not None else RARE_LOG_PROBABILITY


def english_vocabulary() -> frozenset[str]:
    """Lemmas known to be English (the lookup table's lemmas and spaCy's stop words); test with :func:`lemma`."""
    return _vocabulary()


@lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str]:
    return frozenset(_lemma_table().values()) | frozenset(STOP_WORDS)


@lru_cache(maxsize=256)
def lemma_set(text: str) -> frozenset[str]:
    """The lemmas of every word of ``text``, cached: a question's are looked up for every answer to it.

    >>> sorted(lemma_set("Discuss the roadmaps."))
    ['discuss', 'roadmap', 'the']
    """
    return frozenset(t.lemma for t in analyse(text).words)


def count_words(text: str) -> int:
    """Words as an examiner counts them: whitespace-separated runs holding a letter or digit.

    >>> count_words("India-US ties: a 2+2 dialogue -- and more.")
    7
    """
    # run by run: one regex for "a run holding a letter" backtracks quadratically on long runs of symbols
    return sum(1 for run in _RUN.finditer(text) if _LETTER_OR_DIGIT.search(run.group()))


@timed("analyse")
def analyse(text: str) -> AnalysedText:
    """Tokenise, lemmatise and split ``text`` into sentences and paragraphs.

    >>> a = analyse("India signed roadmaps. Co-production grew!")
    >>> [t.lemma for t in a.words], len(a.sentences), a.word_count
    (['india', 'sign', 'roadmap', 'co', 'production', 'grow'], 2, 5)
    """
    norm = normalise(text)
    written, text = text, norm.text
    doc = nlp()(text)
    sentences = _split_sentences(doc, text)
    tokens: list[Token] = []
    bounds = [s.start for s in sentences]
    s_index = 0
    for tok in doc:
        if tok.is_space:
            continue
        while s_index + 1 < len(bounds) and tok.idx >= bounds[s_index + 1]:
            s_index += 1
        word = is_word(tok.text)
        tokens.append(
            Token(
                text=tok.text,
                lemma=lemma(tok.text) if word else tok.text,
                start=tok.idx,
                end=tok.idx + len(tok.text),
                sentence=s_index,
                is_word=word,
                is_stop=_visible(tok.text).lower() in STOP_WORDS or tok.text in HINDI_STOP_WORDS,
            )
        )
    paragraphs = _paragraphs(text)
    if norm.origin is not None:  # offsets into the text as written
        tokens = [replace(t, start=norm.start(t.start), end=norm.end(t.end)) for t in tokens]
        sentences = [Span(norm.start(s.start), norm.end(s.end), s.text) for s in sentences]
        paragraphs = tuple(Span(norm.start(p.start), norm.end(p.end), p.text) for p in paragraphs)
    return AnalysedText(written, tuple(tokens), tuple(sentences), paragraphs, count_words(text), norm.hidden)


_ABBREVIATION_END = re.compile(r"(?:\b(?:Art|Arts|Sec|Secs|Cl|Para|Paras|Vol|Ch|Sch|viz|vs|approx|cf|No|Nos|Rs|Govt|Dept|Min)\.|"
                               r"\b(?:e\.g|i\.e)\.)\s*$")


def _split_sentences(doc, text: str) -> list[Span]:  # noqa: ANN001 - spaCy Doc
    """Sentencizer sentences, further split at line breaks (bullets and headings are units of their own)."""
    spans: list[Span] = []
    bounds: list[tuple[int, int]] = []
    for sent in doc.sents:
        if bounds and _ABBREVIATION_END.search(text[bounds[-1][0] : bounds[-1][1]]) and \
                "\n" not in text[bounds[-1][1] : sent.start_char]:
            bounds[-1] = (bounds[-1][0], sent.end_char)  # "(Art. 23)", "No. 5": an abbreviation, not an end
        else:
            bounds.append((sent.start_char, sent.end_char))
    for sent_start, sent_end in bounds:
        start = sent_start
        for piece in re.split(r"(\n+)", text[sent_start:sent_end]):
            if piece.strip() and not piece.startswith("\n"):
                lead = len(piece) - len(piece.lstrip())
                stripped = piece.strip()
                spans.append(Span(start + lead, start + lead + len(stripped), stripped))
            start += len(piece)
    return spans


def _paragraphs(text: str) -> tuple[Span, ...]:
    spans, start = [], 0
    for match in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[start:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append(Span(start + lead, start + lead + len(chunk.strip()), chunk.strip()))
        start = match.end() if match else len(text)
    return tuple(spans)
