"""What the rubric and its article say about each key point's terms: the facts an answer is checked against.

Compiled once per question (:func:`point_facts`, cached with the rest of the question):

- **polarity** of each keyword concept in the point's statement: the point may deny it ("not treaty allies",
  "avoids a formal alliance"), and an answer that affirms it contradicts the point;
- **known attributes** of each concept: the years, countries, persons and organisations named in every
  sentence of the statement, hint, source, the other points and the article that uses the concept
  ("iCET ... May 2022 ... Modi ... Biden ... PMO ... White House");
- **directions** the statement gives (reduce dependence, speed up co-production), to catch a reversal;
- the statement's **claim words**, to tell when a denied sentence is about this point;
- the rubric's **misconceptions** for the point, by the words that set each apart from the point.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from evaluator.core.claims import Attribute, ClaimView, attributes, claims_of
from evaluator.core.lexicon import NEGATORS, OPPOSITES
from evaluator.core.text import analyse

DIRECT_OBJECT = 3  # a term this close after a denial in the point's statement is what the point denies
NEIGHBOURHOOD = 3  # words either side of a direction word that name what changes ("reduce [dependence on imports]")


@dataclass(frozen=True)
class Direction:
    """A word of change in the point's statement and the content words around it."""

    lemma: str
    around: frozenset[str]


@dataclass(frozen=True)
class PointFacts:
    """The facts one key point and its terms carry (see the module docstring)."""

    polarity: tuple[bool | None, ...]  # per concept: True the point denies it, None when it cannot be told
    known: tuple[dict[str, dict[str, frozenset[str]]], ...]  # per concept: alias key -> kind -> values bound to it
    directions: tuple[Direction, ...] = ()
    claim_words: frozenset[str] = frozenset()
    misconceptions: tuple[tuple[str, frozenset[str]], ...] = ()  # (the wrong claim, its distinctive words)


def content_lemmas(view: ClaimView, positions: Iterable[int] | None = None) -> set[str]:
    words = view.words if positions is None else [view.words[i] for i in positions]
    return {t.lemma for t in words if not t.is_stop and len(t.lemma) > 2 and t.lemma.isalpha()}


def directions(view: ClaimView) -> tuple[Direction, ...]:
    """Words of change (increase, weaken, accelerate...) with the content words within a few words of them."""
    found = []
    for i, word in enumerate(view.words):
        if word.lemma in OPPOSITES or word.text.lower() in OPPOSITES:
            lemma = word.lemma if word.lemma in OPPOSITES else word.text.lower()
            around = range(max(0, i - NEIGHBOURHOOD), min(len(view.words), i + NEIGHBOURHOOD + 1))
            found.append(Direction(lemma, frozenset(content_lemmas(view, (j for j in around if j != i)))))
    return tuple(found)


def _occurrences(view: ClaimView, keys: set[str], longest: int) -> list[int]:
    """Word positions where any of the alias keys (lemmas joined) starts in a text."""
    lemmas = [t.lemma for t in view.words]
    hits = []
    for i in range(len(lemmas)):
        run = ""
        for j in range(i, min(len(lemmas), i + longest)):
            run += lemmas[j]
            if run in keys:
                hits.append(i)
                break
    return hits


def _said_both_ways(views: Sequence[ClaimView], keys: set[str], longest: int, denied: bool) -> bool:
    """True when some text of the question says the concept the other way from the point: a problem a topper
    names ("no dispute mechanism") may be what another point prescribes ("set up a dispute mechanism")."""
    return any(view.denied[i] != denied for view in views for i in _occurrences(view, keys, longest))


def _values(found: Sequence[Attribute]) -> dict[str, set[str]]:
    values: dict[str, set[str]] = {}
    for a in found:
        values.setdefault(a.kind, set()).add(a.key)
    return values


def point_facts(own: ClaimView, hint: ClaimView | None, views: Sequence[ClaimView], misconceptions: Sequence[str],
                concepts: Sequence[Sequence[tuple[str, str, int]]]) -> PointFacts:
    """The facts of one key point.

    Args:
        own: the point's statement, read.
        hint: its hint, read (``None`` without one).
        views: every text of the question, read once for all its points: the question, every point's
            statement, hint and source, and the article sentence by sentence.
        misconceptions: the point's wrong claims.
        concepts: per keyword concept, its aliases as (text, key, words).
    """
    polarity: list[bool | None] = []
    known: list[dict[str, dict[str, frozenset[str]]]] = []
    for concept in concepts:
        keys = {key for _, key, _ in concept}
        longest = max((words for _, _, words in concept), default=1) + 1
        # 1. does the statement affirm or deny the concept?
        where = _occurrences(own, keys, longest)
        negative_alias = any(NEGATORS & {w.lower() for w in text.replace("-", " ").split()} for text, _, _ in concept)
        # the point denies a term it names right after its denial ("avoids a formal alliance"); a term further
        # off ("avoids making copies of large data") is not judged
        denied = {own.denied[i] and any(0 < i - c <= DIRECT_OBJECT or 0 < c - i for c in own.cues) for i in where}
        if any(own.denied[i] and not any(0 < i - c <= DIRECT_OBJECT or 0 < c - i for c in own.cues) for i in where):
            denied.add(None)
        if len(denied) > 1 or None in denied or (negative_alias and denied != {True}):
            polarity.append(None)  # said both ways, or the aliases carry their own negation: not judged
        elif _said_both_ways(views, keys, longest, denied == {True}):
            polarity.append(None)  # the rubric or its article also says the opposite ("has not been set up")
        else:
            polarity.append(denied == {True})
        # 2. what every text that uses each alias binds to it, sentence by sentence (a concept may list
        #    different examples, "Galwan" and "Hambantota", which do not share their years)
        by_alias: dict[str, dict[str, frozenset[str]]] = {}
        for _, key, words in concept:
            values: dict[str, set[str]] = {}
            for view in views:
                sentences = {view.words[i].sentence for i in _occurrences(view, {key}, words + 1)}
                if sentences:
                    found = [a for a in attributes(view) if view.words[a.at].sentence in sentences]
                    for kind, vals in _values(found).items():
                        values.setdefault(kind, set()).update(vals)
            by_alias[key] = {kind: frozenset(vals) for kind, vals in values.items()}
        known.append(by_alias)
    claim = content_lemmas(own) | (content_lemmas(hint) if hint is not None else set())
    wrong = []
    for text in misconceptions:
        distinctive = content_lemmas(claims_of(text)) - claim
        if distinctive:
            wrong.append((text, frozenset(distinctive)))
    return PointFacts(tuple(polarity), tuple(known), directions(own), frozenset(claim), tuple(wrong))


def topic_values(views: Sequence[ClaimView]) -> dict[str, frozenset[str]]:
    """Every year, country, person and organisation the question's texts name."""
    topic: dict[str, set[str]] = {}
    for view in views:
        for kind, vals in _values(attributes(view)).items():
            topic.setdefault(kind, set()).update(vals)
    return {kind: frozenset(vals) for kind, vals in topic.items()}


def sentences_of(text: str) -> list[str]:
    """A text's sentences (an article is read sentence by sentence)."""
    return [s.text for s in analyse(text).sentences] if text.strip() else []
