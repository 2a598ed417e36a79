"""Contradiction signal: how much of what an answer says about a key point says the opposite.

Every clause of the answer that is about the point (it uses one of the point's keyword concepts, or it
is in the sentence closest to the point in meaning) is read as affirming or contradicting it:

1. **denial**: a term of the point is denied where the point affirms it ("not by the PMO or the White
   House", "the NSAs have no role", "DTTI was never revived"), or affirmed where the point denies it
   ("India became a treaty ally" against "not treaty allies"); in the closest sentence, a denied word
   of the point's own statement;
2. **reversal**: a word of change opposite to the point's, about the same thing ("increase dependence on
   imports" against "reduce dependence on imports"), unless itself denied;
3. **attribute conflict**: a term bound to a year, country, person or organisation that the rubric and
   its article never bind to it ("iCET, launched in 2015", "INDUS-X, a Japanese initiative", "run by the
   defence ministries"), unless another term in the clause is bound to that value;
4. **wrong detail**: the clause's sentence gives a year, figure, ordinal or article number that the source
   sentence it follows gives otherwise (:mod:`evaluator.core.details`);
5. **misconception**: the clause says one of the rubric's wrong claims for the point.

Score: contradicting clauses / all clauses about the point. Evidence: each contradicting clause's sentence,
with what contradicts the point in ``matched``.
"""

from __future__ import annotations

import numpy as np

from evaluator.core.context import Alias, CompiledPoint, PreparedAnswer
from evaluator.core.facts import PointFacts, content_lemmas
from evaluator.core.information import word_information
from evaluator.core.lexicon import (
    COUNTRIES,
    CREATION_VERBS,
    DEMONYMS,
    MEMBERSHIP,
    NEGATORS,
    OPPOSITES,
    UNASSERTED_CLAUSES,
)
from evaluator.core.results import Evidence
from evaluator.core.settings import ScoringSettings
from evaluator.core.signals.base import NOTHING, Signal, SignalResult

NEIGHBOURHOOD = 3  # words either side of a word of change that say what changes
YEAR_WINDOW = 6  # a year binds more tightly than a name: answers cite many years
COUNTRY_WINDOW = 6  # a country binds as a party near the term: "a Japanese initiative", "China into the Quad"
RELATIVES = frozenset({"which", "who", "whose", "that"})
SPECIFIC_TERM_INFORMATION = 0.5  # a single word at least this rare (rarer than "execute") can be denied meaningfully
MISCONCEPTION_WORDS = 0.75  # share of a wrong claim's distinctive words a clause must use


def contradiction(answer: PreparedAnswer, point: CompiledPoint, *, settings: ScoringSettings) -> SignalResult:
    """Share of the clauses about the point that contradict it; strong when the contradiction is decided."""
    facts = point.facts
    if facts is None:
        return NOTHING
    view = answer.claims
    clauses: dict[int, str] = {}  # clause -> "" (affirms) or the reason it contradicts
    # 1. clauses that use the point's terms
    for k, concept in enumerate(point.concepts):
        for alias in concept:
            for i, n in answer.windows.exact.get(alias.key, ()):
                if alias.case_sensitive and answer.windows.words[i].text != alias.text:
                    continue
                c = view.clause[i]
                reason = (_denial(view, i, alias, facts.polarity[k])
                          or _conflict(answer, point, _known(facts, k, alias.key), i, n, settings))
                clauses[c] = clauses.get(c) or reason
    # 2. the sentence closest to the point in meaning, when no term of the point is in it
    sentence = _closest_sentence(answer, point, settings)
    if sentence is not None:
        for c in {view.clause[i] for i, w in enumerate(view.words) if w.sentence == sentence} - set(clauses):
            positions = [i for i, cl in enumerate(view.clause) if cl == c]
            denied = [view.words[i].lemma for i in positions if view.denied[i] and not view.words[i].is_stop
                      and word_information(view.words[i].lemma) >= SPECIFIC_TERM_INFORMATION
                      and not _unasserted(view, i)]
            if denied and set(denied) & facts.claim_words:
                clauses[c] = f"denies '{next(w for w in denied if w in facts.claim_words)}'"
            else:
                clauses.setdefault(c, "")
    # 3. reversals and wrong details in every clause about the point; the rubric's wrong claims for it, in any
    wrong_details = {}  # clause -> the wrong detail in it
    for d in answer.detail_conflicts:
        at = answer.analysed.sentences[d.sentence].start + d.start
        word = next((i for i, w in enumerate(view.words) if w.end > at), None)
        if word is not None:
            wrong_details.setdefault(view.clause[word], d)
    words_of: dict[int, list[int]] = {}  # clause -> its word positions (one pass: an answer may have 3,000 clauses)
    for i, cl in enumerate(view.clause):
        words_of.setdefault(cl, []).append(i)
    for c, positions in sorted(words_of.items()):
        if c in clauses and not clauses[c]:
            clauses[c] = _reversal(answer, facts, positions)
        if c in clauses and not clauses[c] and (d := wrong_details.get(c)):
            clauses[c] = f"gives {d.kind} {', '.join(d.wrote)} where the source gives {', '.join(d.expected)}"
        if not clauses.get(c) and (wrong := _misconception(answer, point, positions)):
            clauses[c] = wrong
    contradicting = {c: why for c, why in clauses.items() if why}
    if not contradicting:
        return NOTHING
    score = len(contradicting) / len(clauses)
    evidence = []
    for c, why in contradicting.items():
        first = next(i for i, cl in enumerate(view.clause) if cl == c)
        s = view.words[first].sentence
        span = answer.analysed.sentences[s]
        evidence.append(Evidence("contradiction", s, span.start, span.end, span.text, why, score, span.text))
    unique = tuple({e.sentence: e for e in evidence}.values())
    return SignalResult(score, unique, strong=score >= settings.contradicted_share)


def _unasserted(view, i: int) -> bool:  # noqa: ANN001
    first = next(j for j in range(i, -1, -1) if j == 0 or view.clause[j - 1] != view.clause[i])
    return view.words[first].text.lower() in UNASSERTED_CLAUSES


def _specific(alias: Alias) -> bool:
    """A term specific enough for its denial to deny the point: several words, an acronym or a name, or a rare
    word ("co-production", "semiconductor"); a denied common word ("execute", "class") says too little."""
    return alias.words > 1 or alias.is_acronym or alias.text[:1].isupper() or \
        word_information(alias.key) >= SPECIFIC_TERM_INFORMATION


def _denial(view, i: int, alias: Alias, polarity: bool | None) -> str:  # noqa: ANN001
    """Why the term at word ``i`` contradicts the point by denial, or "". A condition ("if it is not
    initialised") or a contrast with something else ("whereas a while loop may never execute") claims nothing."""
    if polarity is None or not _specific(alias) or _unasserted(view, i):
        return ""
    alias_denies = bool(NEGATORS & {w.lower() for w in alias.text.replace("-", " ").split()})
    said_denied = view.denied[i] != alias_denies
    if said_denied == polarity:
        return ""
    return f"denies '{alias.text}'" if said_denied else f"affirms '{alias.text}', which the point denies"


def _known(facts: PointFacts, k: int, key: str) -> dict[str, frozenset[str]]:
    """What the rubric binds to this alias; for persons and doers, what it binds to any alias of the concept
    ("Austin", "US Defence Secretary"), since names are said in many ways while years and countries are not
    shared by the examples a concept lists ("Galwan", "Hambantota")."""
    own = dict(facts.known[k].get(key, {}))
    for kind in ("person", "agent"):
        names = frozenset().union(*(values.get(kind, frozenset()) for values in facts.known[k].values()))
        if names:
            own[kind] = names
    return own


def _conflict(answer: PreparedAnswer, point: CompiledPoint, known: dict[str, frozenset[str]], i: int, n: int,
              settings: ScoringSettings) -> str:
    """Why the term at words ``i .. i+n-1`` is bound to a value the rubric never binds to it, or "".

    A value belongs to the term nearest to it in its clause (any term of the question); countries
    the question itself names (India and the US in an India-US question) are never a conflict.
    """
    view = answer.claims
    clause = view.clause[i]
    bound = _with_relative(view, clause)
    for a in answer.attributes:
        if view.clause[a.at] not in bound or not known.get(a.kind) or a.key in known[a.kind]:
            continue
        if a.kind == "organisation":
            continue  # an organisation contradicts only as the doer: "run by the defence ministries" (kind "agent")
        if a.kind == "country" and (a.value in answer.question.protagonists or (
                a.opposed and not any(v.startswith("opposed ") for v in known["country"]))):
            continue  # "to counter China" near a term whose facts oppose no one is no claim about it
        distance = i - a.at if a.at < i else a.at - (i + n - 1)
        window = {"year": YEAR_WINDOW, "country": settings.attribute_window if a.agent else COUNTRY_WINDOW
                  }.get(a.kind, settings.attribute_window)
        if distance <= 0 or distance > min(window, settings.attribute_window):
            continue
        if a.kind == "year" and not _created(view, i, a.at):
            continue  # "DTTI ... in 2021" may be a later event; "DTTI, started in 2019" is its beginning
        if a.kind == "country" and not (a.agent or _party(view, i, a.at)):
            continue  # "the Western Pacific (Taiwan...)" names an example, "a Japanese initiative" a party
        if _explained(answer, a, clause, distance):
            continue
        return f"{a.kind} '{view.words[a.at].text}' is not what the rubric says of '{point.point.id}'"
    return ""


def _with_relative(view, clause: int) -> set[int]:  # noqa: ANN001
    """The clause and a relative clause right after it ("iCET, which is run by..."): what it says binds to the term."""
    following = [i for i, c in enumerate(view.clause) if c == clause + 1]
    if following and view.words[following[0]].text.lower() in RELATIVES:
        return {clause, clause + 1}
    return {clause}


def _created(view, i: int, at: int) -> bool:  # noqa: ANN001
    """A verb of beginning stands between the term at ``i`` and the year at ``at`` (or right around them)."""
    low, high = sorted((i, at))
    return any(w.lemma in CREATION_VERBS or w.text.lower() in CREATION_VERBS for w in view.words[low : high + 1])


def _party(view, i: int, at: int) -> bool:  # noqa: ANN001
    """The country at ``at`` is a party to the term at ``i``: its adjective ("a Japanese initiative") or a word
    of membership between them ("China into the Quad", "the Quad with China")."""
    if view.words[at].text.lower() in DEMONYMS:
        return True
    low, high = sorted((i, at))
    return any(w.text.lower() in MEMBERSHIP or w.lemma in MEMBERSHIP for w in view.words[low + 1 : high])


def _explained(answer: PreparedAnswer, attribute, clause: int, distance: int) -> bool:  # noqa: ANN001
    """True when a term nearer to the value (or as near) is bound to it, or the value is inside a term."""
    view = answer.claims
    for other in answer.points:
        if other.facts is None:
            continue
        for k, concept in enumerate(other.concepts):
            for alias in concept:
                for i, n in answer.windows.exact.get(alias.key, ()):
                    if view.clause[i] != clause:
                        continue
                    if attribute.kind == "country" and (i <= attribute.at < i + n or alias.text.lower() in COUNTRIES):
                        continue  # "China" is a term too, but "China into the Quad" still binds China to the Quad
                    if i <= attribute.at < i + n:
                        return True  # "the NSAs" are a term of the question: an organisation it names
                    gap = i - attribute.at if attribute.at < i else attribute.at - (i + n - 1)
                    bound = other.facts.known[k].get(alias.key, {}).get(attribute.kind, ())
                    if gap < distance or attribute.key in bound:
                        return True  # the value belongs to a nearer term, or this term is bound to it
    return False


def _closest_sentence(answer: PreparedAnswer, point: CompiledPoint, settings: ScoringSettings) -> int | None:
    """The sentence closest to the point in meaning, when close enough to be about it."""
    encoded = answer.encoded
    if encoded is None or not len(encoded.similarity):
        return None
    sims = encoded.similarity[:, point.index]
    best = int(np.argmax(sims))
    return best if sims[best] >= settings.semantic_full else None


def _reversal(answer: PreparedAnswer, facts: PointFacts, positions: list[int]) -> str:
    """A word of change opposite to one in the point's statement, about the same thing."""
    view = answer.claims
    if not facts.directions:
        return ""
    for i in positions:
        word = view.words[i]
        lemma = word.lemma if word.lemma in OPPOSITES else word.text.lower()
        opposite = OPPOSITES.get(lemma)
        if not opposite or view.denied[i]:
            continue
        around = content_lemmas(view, (j for j in positions if j != i and abs(j - i) <= NEIGHBOURHOOD))
        for d in facts.directions:
            if d.lemma in opposite and d.around & around and lemma not in {x.lemma for x in facts.directions}:
                return f"'{word.text}' where the point says '{d.lemma}'"
    return ""


def _misconception(answer: PreparedAnswer, point: CompiledPoint, positions: list[int]) -> str:
    """One of the rubric's wrong claims for the point, said in the clause: most of the words that set it apart
    from the point, not denied, in a sentence nearer in meaning to the wrong claim than to the point."""
    facts = point.facts
    view = answer.claims
    said = content_lemmas(view, (i for i in positions if not view.denied[i]))
    for m, (text, distinctive) in enumerate(facts.misconceptions):
        if len(said & distinctive) < max(min(2, len(distinctive)), round(MISCONCEPTION_WORDS * len(distinctive))):
            continue
        if point.misconception_vectors is not None and point.vectors is not None and answer.encoder is not None:
            sentence = answer.sentence_vectors[view.words[positions[0]].sentence]
            if float(sentence @ point.misconception_vectors[m]) <= float((point.vectors @ sentence).max()):
                continue  # the sentence says the point rather than the wrong claim
        return f"a common wrong claim: {text}"
    return ""


SIGNAL = Signal("contradiction", "contradiction", needs_vectors=False, score=contradiction)
