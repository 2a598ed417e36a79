"""Specification of what a sentence claims: denial with real scope (the clause reader the fact checks use).

The sentences are written for these tests. What makes a claim wrong is in tests/core/test_factcheck.py.
"""

from __future__ import annotations

import pytest

from evaluator import evaluate
from evaluator.core.claims import read_claims
from evaluator.core.text import analyse
from tests.conftest import load_samples


def denied(sentence: str) -> list[str]:
    view = read_claims(analyse(sentence))
    return [w.text for w, no in zip(view.words, view.denied, strict=True) if no]


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        # the denial reaches over a coordination, and stops at a contrast
        ("iCET is overseen not by the PMO or the White House but by the ministries.",
         ["by", "the", "PMO", "or", "the", "White", "House"]),
        # after a light predicate, the subject is what is denied
        ("The NSAs have no role in it.", ["The", "NSAs", "have", "role", "in", "it"]),
        ("DTTI was never revived.", ["revived"]),
        # a privative verb denies its object; in the passive, its subject
        ("The US refused to co-produce jet engines with HAL.", ["to", "co", "produce", "jet", "engines", "with", "HAL"]),
        ("DTTI was scrapped in 2019.", ["DTTI", "was"]),
        ("India has not signed LEMOA, COMCASA or BECA.", ["signed", "LEMOA", "COMCASA", "or", "BECA"]),
        # parallel denials each reach only to the next
        ("There was no roadmap and never any joint production.", ["roadmap", "and", "any", "joint", "production"]),
        # a denial ends where a new clause or predicate begins
        ("Although India is not a formal ally, the US shares sensitive technology with it.", ["a", "formal", "ally"]),
        ("India avoids a formal alliance and guards its strategic autonomy.", ["a", "formal", "alliance"]),
        ("DTTI, long stalled, gained momentum from iCET.", []),
        ("The DTTI did not achieve much, got new momentum from iCET.", ["achieve", "much"]),
        # an unmade thing is denied with its subject; a privative verb's object ends at a preposition
        ("The dispute mechanism has not been set up.", ["The", "dispute", "mechanism", "has", "been", "set", "up"]),
        ("Hydrogen can replace coking coal for reducing iron ore.", ["coking", "coal"]),
        # a participle after a comma starts its own claim
        ("They do not bind legislatures, describing federalism as a dialogue.", ["bind", "legislatures"]),
        # limits and partial denials say "less", not "none"
        ("Emissions must not exceed 2 kg per kg of hydrogen.", []),
        ("States have not transferred all 29 subjects.", []),
        ("No decision can pass without the Union.", []),
        # idioms and a denial of a denial affirm
        ("It is not only a buyer-seller relationship but also a partnership.", []),
        ("The partnership is not without challenges.", []),
        ("The roadmap never fails to deliver results.", []),
        ("There is no doubt that the roadmap matters.", []),
        # a turn away from something denies only that something
        ("Supply chains moved away from China towards trusted partners.", ["China"]),
        # Hinglish puts its "nahi" last
        ("India strategic autonomy ko maanta hai aur formal alliance nahi chahta.", ["formal", "alliance"]),
    ],
)
def test_a_denial_reaches_what_it_denies_and_no_further(sentence: str, words: list[str]) -> None:
    assert denied(sentence) == words


@pytest.mark.parametrize("sample", [s for s in load_samples() if s.kind in ("excellent", "paraphrased", "average")],
                         ids=lambda s: s.file)
def test_correct_answers_are_not_called_wrong(rubric, sample) -> None:  # noqa: ANN001
    result = evaluate(sample.text, rubric.question(sample.question_id))
    assert not [p.id for p in result.points if p.status == "contradicted"]
    assert "wrong_claims" not in result.flags


# Regression: each denial's scope was walked word by word from its clause's start, so a long clause with a denial
# every few words was read in quadratic time (a 5,000-word answer held the fact checks for 20 s).
def test_a_clause_of_thousands_of_words_reads_each_denial_up_to_the_next() -> None:
    view = read_claims(analyse("no roadmap for deal " * 1350))
    assert len(set(view.clause)) == 1
    assert view.denied == tuple(w.text != "no" for w in view.words)
