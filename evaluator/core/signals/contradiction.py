"""Contradiction signal: the share of what an answer says about a key point that a declared fact shows wrong.

A clause is wrong only where the rubric declares a fact and the clause, affirmed, names the fact's subject
with another value of the same attribute (:mod:`evaluator.core.factcheck`), or where the consistency judge
reads it as contradicting the point with a margin measured to be precise
(:attr:`~evaluator.core.context.PreparedAnswer.judged`). Nothing else is ever wrong: a claim no fact
covers is unverified.

Score: wrong clauses / clauses about the point (those a fact or the judge speaks of, and those that use the
point's terms). Evidence: each wrong clause, with what it says and what the source gives in ``matched``.
"""

from __future__ import annotations

from evaluator.core.context import CompiledPoint, PreparedAnswer
from evaluator.core.results import Evidence
from evaluator.core.settings import ScoringSettings
from evaluator.core.signals.base import NOTHING, Signal, SignalResult


def contradiction(answer: PreparedAnswer, point: CompiledPoint, *, settings: ScoringSettings) -> SignalResult:
    """Share of the clauses about the point that are shown wrong; strong when the point is contradicted."""
    pid = point.point.id
    findings = [f for f in answer.fact_findings if f.point_id == pid]
    judged = [j for j in answer.judged if j.point_id == pid]
    wrong = {f.start: f for f in findings if f.verdict == "wrong"}
    confirmed = {j.start: j for j in judged if j.verdict == "wrong" and j.start not in wrong}
    if not wrong and not confirmed:
        return NOTHING
    view = answer.claims
    about = {f.start for f in findings} | {j.start for j in judged}
    clause_start: dict[int, int] = {}
    for i, word in enumerate(view.words):
        clause_start.setdefault(view.clause[i], word.start)
    for concept in point.concepts:
        for alias in concept:
            for i, _ in answer.windows.exact.get(alias.key, ()):
                about.add(clause_start[view.clause[i]])
    score = min(1.0, (len(wrong) + len(confirmed)) / max(1, len(about)))
    sentences = answer.analysed.sentences
    evidence = [Evidence("contradiction", f.sentence, f.start, f.end, f.clause,
                         f"{f.wrote} where the source gives {f.expected}", score, sentences[f.sentence].text)
                for f in wrong.values()]
    evidence += [Evidence("contradiction", j.sentence, j.start, j.end, j.clause, "contradicts the point", score,
                          sentences[j.sentence].text) for j in confirmed.values()]
    return SignalResult(score, tuple(evidence), strong=score >= settings.contradicted_share)


SIGNAL = Signal("contradiction", "contradiction", needs_vectors=False, score=contradiction)
