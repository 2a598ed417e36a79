"""Specification of what a sentence claims: denial with real scope, reversal, attributes, and the contradicted status.

The sentences are written for these tests; each names the kind of claim an examiner marks wrong (or right).
"""

from __future__ import annotations

import pytest

from evaluator import evaluate
from evaluator.core.claims import attributes, read_claims
from evaluator.core.context import prepare_answer
from evaluator.core.signals.contradiction import contradiction
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


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("iCET was launched by President Obama in 2015.", [("person", "obama"), ("year", "2015"), ("agent", "obama")]),
        ("US Secretary of Defence Mark Esper visited in 2021.", [("country", "us"), ("person", "esper"), ("year", "2021")]),
        ("INDUS-X is a Japanese initiative.", [("organisation", "indus"), ("country", "japan")]),
        ("It is run by the defence ministries.", [("organisation", "defence ministry"), ("agent", "defence ministry"),
                                                  ("agent", "dm")]),
        ("The Quad exists to counter China.", [("country", "opposed china")]),
        ("Let us see what the US does.", [("country", "us")]),  # 'us' the pronoun is not the country
    ],
)
def test_years_countries_persons_and_organisations_are_found(sentence: str, found: list[tuple[str, str]]) -> None:
    view = read_claims(analyse(sentence))
    assert [(a.kind, a.key) for a in attributes(view)] == found


@pytest.fixture(scope="module")
def q2(rubric):  # noqa: ANN001, ANN201
    return rubric.question("Q2")


def against(question, text: str, point_id: str) -> float:  # noqa: ANN001
    answer = prepare_answer(analyse(text), question, settings=question.settings)
    point = next(p for p in answer.points if p.point.id == point_id)
    return contradiction(answer, point, settings=question.settings).score


@pytest.mark.parametrize(
    ("text", "point_id", "contradicted"),
    [
        # denial of the point's terms
        ("iCET is steered not by the PMO or the White House but by the two defence ministries.", "top-level-oversight",
         True),
        ("The national security advisers have no role in iCET.", "top-level-oversight", True),
        ("iCET is steered by the PMO and the White House through the NSAs.", "top-level-oversight", False),
        # a term bound to a year, person or doer the rubric never binds to it
        ("iCET was launched by PM Modi and President Obama in 2015.", "icet-definition-launch", True),
        ("iCET was launched by PM Modi and President Biden in May 2022.", "icet-definition-launch", False),
        # affirming what the point denies
        ("iCET has made India a formal treaty ally of the US.", "strategic-trust", True),
        ("iCET builds trust so that India gets critical technology without becoming a treaty ally.", "strategic-trust",
         False),
    ],
)
def test_a_claim_against_the_point_contradicts_it(q2, text: str, point_id: str, contradicted: bool) -> None:  # noqa: ANN001
    assert (against(q2, text, point_id) >= q2.settings.contradicted_share) is contradicted


def test_a_reversal_of_the_points_direction_contradicts_it(rubric) -> None:  # noqa: ANN001
    q1 = rubric.question("Q1")
    reversed_ = "Joint production will increase India's dependence on arms imports and weaken Make in India."
    kept = "Joint production will reduce India's dependence on arms imports under Make in India."
    assert against(q1, reversed_, "self-reliance") > 0
    assert against(q1, kept, "self-reliance") == 0


def test_a_wrong_claim_the_rubric_lists_is_found_and_a_near_right_one_is_not(rubric) -> None:  # noqa: ANN001
    q3 = rubric.question("Q3")
    assert "The US has imposed CAATSA sanctions on India for the S-400." in \
        next(p for p in q3.key_points if p.id == "strategic-autonomy-russia").misconceptions
    wrong = "Because India bought the S-400, the US has imposed CAATSA sanctions on India, ending most cooperation."
    right = "India's purchase of the S-400 brings the risk of CAATSA sanctions, which the US has so far not imposed."
    assert against(q3, wrong, "strategic-autonomy-russia") > 0
    assert against(q3, right, "strategic-autonomy-russia") == 0


def test_a_contradicted_point_earns_nothing_and_its_feedback_quotes_it_and_states_the_fact(rubric) -> None:  # noqa: ANN001
    q2 = rubric.question("Q2")
    text = ("iCET, launched by PM Modi and President Biden in May 2022, links governments, businesses and universities. "
            "It is not run by the PMO or the White House; the NSAs have no role in it.")
    result = evaluate(text, q2)
    point = next(p for p in result.points if p.id == "top-level-oversight")
    assert (point.status, point.score) == ("contradicted", 0.0)
    line = next(f.message for f in result.feedback if f.point_id == "top-level-oversight")
    assert line.startswith('Wrong — you wrote: "') and "the NSAs have no role" in line
    assert line.endswith(f"Correct: {point.point.rstrip('.')}.")


@pytest.mark.parametrize("sample", [s for s in load_samples() if s.kind in ("excellent", "paraphrased", "average")],
                         ids=lambda s: s.file)
def test_correct_answers_are_not_called_wrong(rubric, sample) -> None:  # noqa: ANN001
    result = evaluate(sample.text, rubric.question(sample.question_id))
    assert not [p.id for p in result.points if p.status == "contradicted"]
    assert "wrong_claims" not in result.flags
