"""OCR text checked against the words a question's answer is expected to use: the rubric's own vocabulary first, then
an English word list (SymSpell's frequency dictionary, from the ``symspellpy`` package).

OCR's confidence alone marks the wrong words: handwriting read as "coustitutional", "Uwion" or "andthestates"
comes back with high scores, while short common words that were read right are scored low. A word outside both
vocabularies is what a student should check; one within a small edit distance of a rubric or English word is
corrected, and every correction is listed so the student can undo it. Words with capitals inside or digits (iCET,
243K) and the rubric's own words are never touched. A year is read as the rubric's ("2046" as 2016) only when
exactly one year the rubric states is one digit away and the words around it are words the rubric writes beside
that year: handwritten digits are misread, but a year the student chose is theirs to get wrong.

>>> from evaluator import load_rubric
>>> question = load_rubric("rubrics/panchayati-raj-73rd-amendment.yaml").question("Q1")
>>> fixed = correct_ocr("The coustitutional status andthestates gave the Uwion a fonward role.", question)
>>> fixed.text()
'The constitutional status and the states gave the Union a forward role.'
>>> [(c.original, c.corrected) for c in fixed.corrections][:2]
[('coustitutional', 'constitutional'), ('andthestates', 'and the states')]
>>> fixed.text(undone={0})
'The coustitutional status and the states gave the Union a forward role.'
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from rapidfuzz.distance import OSA

from evaluator.rubrics.model import Question

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
_YEAR = re.compile(r"(?<![\w.,])(?:1[89]|20)\d\d(?![\w]|[.,]\d)")  # 1800-2099 standing alone (not 2,016 or 2016.5)


@dataclass(frozen=True)
class VocabularySettings:
    """How far a misread word may be from the word it is corrected to, and how much English is known."""

    english_words: int = 40_000  # the most frequent words of SymSpell's English list kept (all 82,765 load in ~13 s)
    min_length: int = 3  # shorter words are never corrected ("is", "of": OCR reads them right or the context says)
    letters_per_edit: int = 5  # one edit allowed per this many letters (at least one, at most two)
    min_segment: int = 8  # a word this long outside every vocabulary may be run-together words ("andthestates")
    year_context: int = 60  # characters either side of a year read in which a word the rubric writes beside it counts
    capitals_share: float = 0.5  # a text with more of its words in capitals is written in capitals
    acronym_length: int = 4  # ... where a capitalised word this short may still be an acronym (USA, DTTI): left alone


VOCABULARY_SETTINGS = VocabularySettings()


@dataclass(frozen=True)
class Correction:
    """One word of the OCR text replaced: where it was (character offsets in the text as read) and by what."""

    start: int
    end: int
    original: str
    corrected: str


@dataclass(frozen=True)
class CorrectedText:
    """The text as read, the corrections proposed, and the words left as read though no vocabulary knows them."""

    original: str
    corrections: tuple[Correction, ...]
    unknown: tuple[str, ...]

    def text(self, undone: Collection[int] = ()) -> str:
        """The text with every correction applied except those whose index is in ``undone``."""
        out, at = [], 0
        for n, c in enumerate(self.corrections):
            out.append(self.original[at:c.start])
            out.append(c.original if n in undone else c.corrected)
            at = c.end
        out.append(self.original[at:])
        return "".join(out)

    @property
    def to_check(self) -> frozenset[str]:
        """Words a student should look at: those corrected and those no vocabulary knows (lowercase)."""
        return frozenset({c.original.lower() for c in self.corrections} | {w.lower() for w in self.unknown})


def question_vocabulary(question: Question) -> frozenset[str]:
    """Every word the question, its key points, keywords and hints use, lowercase."""
    parts = [question.text, *(part for p in question.key_points
                              for part in (p.point, p.hint, p.title or "", *(a for c in p.keywords for a in c)))]
    return frozenset(w.lower() for part in parts for w in _WORD.findall(part))


def question_years(question: Question) -> dict[str, frozenset[str]]:
    """Each year the question and its key points state (text, points, hints, facts; never a misconception or a known
    wrong value), with the words written beside it (lowercase, longer than three letters).

    >>> from evaluator import load_rubric
    >>> years = question_years(load_rubric("rubrics/gst-council-federalism.yaml").question("Q1"))
    >>> "2016" in years and "amendment" in years["2016"]
    True
    """
    parts = [question.text]
    for p in question.key_points:
        parts += [p.point, p.hint]
        parts += [" ".join([*f.subject, f.attribute, *(v for value in f.values for v in value), f.source])
                  for f in p.facts]
    years: dict[str, set[str]] = {}
    for part in parts:
        beside = {w.lower() for w in _WORD.findall(part) if len(w) > 3}
        for year in _YEAR.findall(part):
            years.setdefault(year, set()).update(beside)
    return {year: frozenset(words) for year, words in years.items()}


def _year_corrections(text: str, question: Question, settings: VocabularySettings) -> list[Correction]:
    """Years read one digit away from the only rubric year that near, among the words the rubric writes beside it."""
    years = question_years(question)
    found = []
    for match in _YEAR.finditer(text):
        read = match.group()
        near = [y for y in years if y != read and sum(a != b for a, b in zip(y, read, strict=True)) == 1]
        if read in years or len(near) != 1:
            continue
        around = text[max(0, match.start() - settings.year_context):match.end() + settings.year_context]
        if {w.lower() for w in _WORD.findall(around)} & years[near[0]]:
            found.append(Correction(match.start(), match.end(), read, near[0]))
    return found


def correct_ocr(text: str, question: Question, *,
                settings: VocabularySettings = VOCABULARY_SETTINGS) -> CorrectedText:
    """The OCR text checked word by word against the question's vocabulary and English (see the module docstring)."""
    own = question_vocabulary(question)
    english = _english(settings.english_words)
    corrections, unknown = [], []
    words = _WORD.findall(text)
    # a page written in capitals (many students write so, and some handwriting fonts): its words are not acronyms
    capitals = sum(w.isupper() for w in words) > settings.capitals_share * max(1, len(words))
    for match in _WORD.finditer(text):
        word = match.group()
        low = word.lower().replace("’", "'")
        # 1. words read as known, short words, names with inner capitals (iCET, DTTI): left as read
        coded = word[1:] != word[1:].lower() and not (
            capitals and word.isupper() and len(word) > settings.acronym_length)
        if low in own or low in english.words or len(word) < settings.min_length or coded:
            continue
        if "'" in low and low.split("'")[0] in english.words:
            continue
        # 2. the nearest rubric word, then the nearest English word, within the edit budget
        budget = max(1, min(2, len(word) // settings.letters_per_edit))
        found = _nearest(low, own, budget) or _english_nearest(english, low, budget)
        # 3. a long word no vocabulary knows: words run together
        if found is None and len(word) >= settings.min_segment:
            split = english.word_segmentation(low, max_edit_distance=0).corrected_string
            if len(split.split()) > 1 and all(w in english.words or w in own for w in split.split()):
                found = split
        if found is None:
            unknown.append(word)
            continue
        corrections.append(Correction(match.start(), match.end(), word, _case_like(word, found)))
    corrections += _year_corrections(text, question, settings)
    return CorrectedText(text, tuple(sorted(corrections, key=lambda c: c.start)), tuple(unknown))


def _nearest(word: str, vocabulary: frozenset[str], budget: int) -> str | None:
    """The vocabulary word closest to ``word`` (optimal string alignment: a swap is one edit), first letter kept."""
    best = None
    for candidate in vocabulary:
        if candidate[:1] != word[:1] or abs(len(candidate) - len(word)) > budget:
            continue
        distance = OSA.distance(word, candidate, score_cutoff=budget)
        if distance <= budget and (best is None or distance < best[0]):
            best = (distance, candidate)
    return best[1] if best else None


def _english_nearest(english, word: str, budget: int) -> str | None:  # noqa: ANN001 - symspellpy.SymSpell
    from symspellpy import Verbosity

    found = english.lookup(word, Verbosity.TOP, max_edit_distance=budget)
    return found[0].term if found and found[0].distance > 0 else None


def _case_like(original: str, corrected: str) -> str:
    if original.isupper() and len(original) > 1:
        return corrected.upper()
    return corrected[:1].upper() + corrected[1:] if original[:1].isupper() else corrected


@lru_cache(maxsize=2)
def _english(words: int):  # noqa: ANN202 - symspellpy.SymSpell, imported here: only photographed answers need it
    """SymSpell over the ``words`` most frequent English words of the package's own list (loaded once)."""
    from symspellpy import SymSpell

    speller = SymSpell(max_dictionary_edit_distance=2, prefix_length=6)
    path = files("symspellpy") / "frequency_dictionary_en_82_765.txt"
    with path.open(encoding="utf-8") as rows:
        for n, row in enumerate(rows):
            if n >= words:
                break
            term, count = row.split()
            speller.create_dictionary_entry(term, int(count))
    return speller
