"""Misconceptions a draft proposes for a key point: the reversed form of its claim.

A student who has the point backwards writes the claim with its direction turned ("strengthens
federalism" for "weakens the federal character", "struck down" for "upheld"). The scoring core marks a
clause as a misconception by the words that set it apart from the point, so a reversal is proposed
only where one word turns the claim: a verb or adjective with an opposite in the lexicon
(:data:`evaluator.core.lexicon.OPPOSITES`, the everyday ones left out) or a verdict. A claim without
such a word gets none; a mentor adds the rest.
"""

from __future__ import annotations

import re

from evaluator.core.lexicon import OPPOSITES, WEAK_OPPOSITES
from evaluator.core.text import analyse, log_probability

MAX_MISCONCEPTIONS = 2
_VERDICT_SWAPS = {"upheld": "struck down", "struck down": "upheld", "quashed": "upheld", "valid": "invalid",
                  "invalid": "valid", "constitutional": "unconstitutional", "unconstitutional": "constitutional"}
# words that turn a sentence about a problem: a comparative or a modal is not a claim's direction
# and pairs that are physics or trade rather than a claim's direction, or that read as nouns more often than not
_SKIPPED = WEAK_OPPOSITES | {"free", "open", "close", "closed", "light", "dark", "end", "fast", "quick", "direct", "cut",
                             "push", "pull", "absorb", "reflect", "heat", "cool", "warm", "hot", "cold", "attract",
                             "repel", "conductor", "insulator", "series", "parallel", "buyer", "seller", "export",
                             "import", "inside", "outside", "harm", "benefit", "success", "failure", "ally", "rival",
                             "connect", "connected", "complete", "maximum", "minimum", "upward", "downward"}
_MODALS = frozenset({"to", "will", "would", "can", "could", "may", "might", "must", "should", "shall", "does", "do",
                     "did"})
_DETERMINERS = frozenset({"a", "an", "the", "its", "their", "this", "that", "these", "those", "his", "her", "our"})


def reversed_claims(claim: str) -> list[str]:
    """The claim with its direction turned by one word, at most :data:`MAX_MISCONCEPTIONS` (one per sentence).

    >>> reversed_claims("Cutting short an Assembly's term weakens the federal character of the Constitution.")
    ["Cutting short an Assembly's term boosts the federal character of the Constitution."]
    >>> reversed_claims("The Court upheld the Tenth Schedule in 1992.")
    ['The Court struck down the Tenth Schedule in 1992.']
    >>> reversed_claims("Voters go to the polls often.")
    []
    """
    found: list[str] = []
    for sentence in (s.text for s in analyse(claim).sentences):
        turned = _verdict_turned(sentence) or _direction_turned(sentence)
        if turned and turned != sentence:
            found.append(turned)
        if len(found) == MAX_MISCONCEPTIONS:
            break
    return found


def _verdict_turned(sentence: str) -> str:
    for word, other in _VERDICT_SWAPS.items():
        match = re.search(rf"\b{word}\b", sentence, re.IGNORECASE)
        if match:
            return sentence[: match.start()] + other + sentence[match.end():]
    return ""


def _direction_turned(sentence: str) -> str:
    """The first word with an opposite, swapped for it in the same form ("weakens" -> "strengthens")."""
    tokens = analyse(sentence).tokens
    for k, token in enumerate(tokens):
        lemma, low = token.lemma, token.text.lower()
        if not token.is_word or lemma in _SKIPPED or low in _SKIPPED or lemma not in OPPOSITES:
            continue
        inflected = low != lemma and low.endswith(("s", "ed", "ing")) and not (k == 0 and low.endswith("ing"))
        after_modal = k > 0 and tokens[k - 1].text.lower() in _MODALS
        # "elections weaken the ...": a plural subject, the base form, then its object
        plural_subject = (k > 0 and low == lemma and tokens[k - 1].text.lower().endswith("s")
                          and k + 1 < len(tokens) and tokens[k + 1].text.lower() in _DETERMINERS)
        if not (inflected or after_modal or plural_subject) or (k > 0 and tokens[k - 1].text.lower() in _DETERMINERS):
            continue  # only the claim's verb ("weakens", "would raise"): not "policy support" or "the rise"
        choices = sorted(o for o in OPPOSITES[lemma] if o not in _SKIPPED)
        if not choices or re.search(r"\b(?:instead of|rather than|not|no)\s+(?:\w+\s+)?$", sentence[: token.start]):
            continue  # no plain opposite, or the word is already turned ("instead of reducing them")
        other = max(choices, key=log_probability)  # the commonest opposite: "boost" for "weaken"
        form = _inflect(other, low, lemma)
        if not form:
            continue
        if token.text[:1].isupper():
            form = form[0].upper() + form[1:]
        return sentence[: token.start] + form + sentence[token.end:]
    return ""


def _inflect(base: str, written: str, lemma: str) -> str:
    """``base`` in the form ``written`` has ("weakens" -> "strengthens"); "" for a form it cannot tell."""
    if written == lemma:
        return base
    if written == lemma + "s" or written == lemma + "es":
        return base + ("es" if base.endswith(("s", "sh", "ch", "x")) else "s")
    if written in (lemma + "d", lemma + "ed", lemma[:-1] + "ied"):
        return base + ("d" if base.endswith("e") else "ed")
    if written.endswith("ing"):
        return (base[:-1] if base.endswith("e") else base) + "ing"
    if written in (lemma + "r", lemma + "er"):
        return base + ("r" if base.endswith("e") else "er")
    return ""
