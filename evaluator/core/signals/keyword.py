"""Keyword signal: the share of a key point's keyword concepts the answer uses.

A concept counts once however it is written: any of its aliases, on lemmas, ignoring case,
hyphens and spacing (``co-production`` = ``coproduction``); an acronym exactly (``DTTI``, or
``SSA`` derived from "Space Situational Awareness"); or misspelt within a small edit budget,
which earns a little less than an exact hit. That is why exact and misspelt matches are one
signal: a misspelling counts only for a concept the answer did not name exactly. A term that stands only
in a list of terms ("roadmap, co-production, INDUS-X, DTTI") is not counted: naming it makes no claim.
"""

from __future__ import annotations

from evaluator.core.context import Alias, CompiledPoint, PreparedAnswer, Windows
from evaluator.core.results import Evidence, EvidenceKind
from evaluator.core.settings import ScoringSettings
from evaluator.core.signals.base import NOTHING, Signal, SignalResult


def keyword(answer: PreparedAnswer, point: CompiledPoint, *, settings: ScoringSettings) -> SignalResult:
    """Share of the point's keyword concepts found (exact lemma, acronym, or misspelt within the fuzzy budget)."""
    if not point.concepts:
        return NOTHING
    _look_up_misspellings(answer, settings)
    found = [hit for concept in point.concepts if (hit := _best_alias_hit(answer, concept, settings))]
    # half up: 2 of 2, 2 of 3, 3 of 4, 5 of 6 concepts earn the full score at the default 0.75
    needed = max(1, int(settings.concepts_needed * len(point.concepts) + 0.5))
    score = min(1.0, sum(e.score for e in found) / needed)
    return SignalResult(score, tuple(found), strong=score > 0)


def _best_alias_hit(answer: PreparedAnswer, concept: tuple[Alias, ...], settings: ScoringSettings) -> Evidence | None:
    windows = answer.windows
    # 1. exact match of any alias, on lemmas, hyphens and spacing ignored; an affirmed use beats a negated one
    deniable = concept[0].deniable
    hits = [
        _evidence(answer, windows, i, n, "keyword", alias.text, 1.0, deniable, settings)
        for alias in concept
        for i, n in windows.exact.get(alias.key, ())
        if _counts(answer, windows, alias, i)
    ]
    if hits:
        return max(hits, key=lambda e: e.score)
    # 2. misspelt: the closest run of words within a small edit budget (typos and swapped letters),
    #    never for acronyms or short keys, and with the first letter kept ("introduction" is not "production")
    best: Evidence | None = None
    for alias, budget, n in _misspellable(concept, settings):
        starts = windows.by_length.get(n, ([], []))[1]
        hit = answer.reading.closest_run(windows, alias.key, n, budget)  # once per answer, whatever the question
        if hit and hit[0][0] == alias.key[0] and windows.words[starts[hit[2]]].sentence not in answer.term_lists:
            score = 1.0 - settings.fuzzy_cost_per_edit * max(1, hit[1])
            if best is None or score > best.score:
                best = _evidence(answer, windows, starts[hit[2]], n, "fuzzy", alias.text, score, deniable, settings)
    return best


def _counts(answer: PreparedAnswer, windows: Windows, alias: Alias, i: int) -> bool:
    """Whether the alias written at word ``i`` counts: in its own case where it must be, and not in a list of terms."""
    return ((not alias.case_sensitive or windows.words[i].text == alias.text)
            and windows.words[i].sentence not in answer.term_lists)


def _misspellable(concept: tuple[Alias, ...], settings: ScoringSettings) -> list[tuple[Alias, int, int]]:
    """(alias, edit budget, run length) of every run a misspelling of the concept is looked for in: never for
    acronyms or short keys; runs of one word fewer or more than the alias ("co production", "roadmap")."""
    return [(alias, min(settings.fuzzy_max_edits, len(alias.key) // settings.fuzzy_chars_per_edit), n)
            for alias in concept if not alias.is_acronym and len(alias.key) >= settings.fuzzy_min_chars
            for n in {max(1, alias.words - 1), alias.words, alias.words + 1}]


def _look_up_misspellings(answer: PreparedAnswer, settings: ScoringSettings) -> None:
    """Once per question, look up the closest runs for every concept of every point that the answer does not name
    exactly, in one batch per run length (each lookup alone cost RapidFuzz the setup of all the runs again)."""
    reading, windows = answer.reading, answer.windows
    if not reading.batch(answer.question):
        return
    wanted = [(alias.key, n, budget) for point in answer.points for concept in point.concepts
              if not any(_counts(answer, windows, alias, i) for alias in concept
                         for i, _ in windows.exact.get(alias.key, ()))
              for alias, budget, n in _misspellable(concept, settings)]
    reading.closest_runs(windows, wanted)


def _evidence(answer: PreparedAnswer, windows: Windows, i: int, n: int, kind: EvidenceKind, alias: str, score: float,
              deniable: bool, settings: ScoringSettings) -> Evidence:
    """Evidence for words ``i .. i+n-1``; a denied keyword ("no roadmap") keeps only part of its credit."""
    analysed = answer.analysed
    first, last = windows.words[i], windows.words[i + n - 1]
    negated = deniable and answer.claims.denied[i]
    return Evidence(kind, first.sentence, first.start, last.end, analysed.text[first.start : last.end], alias,
                    score * settings.negated_credit if negated else score, analysed.sentences[first.sentence].text,
                    negated)


SIGNAL = Signal("keyword", "lexical", needs_vectors=False, score=keyword)
