"""Specification of drafting a rubric from an article: sections, bullets, acronyms, question stubs, a usable rubric.

The main fixture is an article written for these tests (``tests/data/article_chips.txt``, on India's
semiconductor push) in the layout of UPSC current-affairs sites: a category line, a title, site
boilerplate, sections with headings and bullets ("• Label: text", "- ...", "1. ..."), a question
heading with a paragraph, acronyms in brackets, and a footer.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from evaluator import evaluate, parse_rubric
from evaluator.cli import main
from evaluator.rubrics.draft import (
    DRAFT_HEADER,
    MAX_POINTS_PER_QUESTION,
    ArticleError,
    draft_rubric,
    find_aliases,
    parse_article,
)
from evaluator.rubrics.model import Rubric
from evaluator.rubrics.yaml_edit import rubric_to_yaml
from tests.conftest import ROOT, SAMPLES

ARTICLE_PATH = ROOT / "tests" / "data" / "article_chips.txt"
ARTICLE = ARTICLE_PATH.read_text(encoding="utf-8")
SEED_ARTICLE = ROOT.parent / "shared" / "seed" / "article.txt"
BOILERPLATE = ("Also read", "Join us", "Notify of", "Attend Now", "Inline Feedbacks", "View all comments",
               "From UPSC perspective", "Prelims level", "Mains level", "Beyond Assembly Lines")

GOOD_CHALLENGES_ANSWER = """\
Building a chip industry in India faces hard constraints.

First, capital intensity: a modern fab needs more than ten billion dollars and many years before it breaks even, \
so investors ask for stable, long-term policy support. Second, the ecosystem gaps are real: fabs consume \
ultra-pure water, specialty gases and uninterrupted power, which most proposed sites cannot yet guarantee, \
and poor utilities lower yields. Third, technology access: lithography equipment and process know-how come from \
a few foreign suppliers, and their export controls can delay transfers.

Way forward: partnerships with trusted countries and steady funding for skills can ease these limits.
"""
POOR_CHALLENGES_ANSWER = """\
India wants to grow its economy and many sectors are important for the future. The government has many schemes \
and people should work hard. In conclusion, the country will do well if everyone cooperates.
"""


@pytest.fixture(scope="module")
def drafted() -> Rubric:
    return draft_rubric(ARTICLE)


# --- reading the article ---


def test_the_title_is_the_longest_heading_before_the_first_section() -> None:
    article = parse_article(ARTICLE)
    assert article.title == "Making Chips at Home: India's Semiconductor Push Gathers Pace"
    assert article.topic == "Making Chips at Home"


def test_sections_are_the_headings_with_bullets_or_paragraphs_under_them() -> None:
    article = parse_article(ARTICLE)
    assert [s.heading for s in article.sections] == [
        "Context", "Why semiconductors matter", "What is the India Semiconductor Mission?", "Challenges", "Way forward"]
    assert [len(s.bullets) for s in article.sections] == [1, 4, 5, 3, 2]
    # "• Label: text", "- Label: text" and "1. Label: text" are all bullets with labels
    labels = [b.label for b in article.sections[3].bullets]
    assert labels == ["Capital Intensity", "Ecosystem Gaps", "Technology Access"]
    assert article.sections[2].bullets[0].label == ""  # the paragraph under the question heading


def test_boilerplate_and_footer_lines_are_skipped() -> None:
    article = parse_article(ARTICLE)
    text = " ".join([article.title] + [s.heading for s in article.sections]
                    + [" ".join((b.label, *b.sentences)) for s in article.sections for b in s.bullets])
    for phrase in BOILERPLATE:
        assert phrase not in text


def test_a_wrapped_bullet_line_joins_its_bullet() -> None:
    packaging = next(b for s in parse_article(ARTICLE).sections for b in s.bullets if b.label == "Packaging First")
    assert packaging.sentences[-1].startswith("Most of the early approvals")


@pytest.mark.parametrize(("text", "expected"), [
    ("The National Quantum Mission (NQM) funds labs.", [["national quantum mission", "NQM"]]),
    ("Funds flow through the NQM (National Quantum Mission).", [["national quantum mission", "NQM"]]),
    # small words inside the name do not count towards the initials
    ("The Centre for Development of Advanced Computing (CDAC) built it.",
     [["centre for development of advanced computing", "CDAC"]]),
    # a capitalised name is paired with its initials when they occur as a word elsewhere
    ("Rare Earth Permanent Magnets matter. REPM supply is concentrated.", [["rare earth permanent magnets", "REPM"]]),
    # the reversed form may spell only the end of the acronym (iCET = initiative on CET)
    ("The iCET (Critical and Emerging Technology) dialogue.", [["critical and emerging technology", "iCET"]]),
    ("The new policy (PLI) was announced.", []),  # initials do not fit
    ("Costs rise (see below) as usual.", []),  # not an acronym
    ("Rare Earth Permanent Magnets matter.", []),  # initials never used
])
def test_acronyms_are_paired_with_their_expansions(text: str, expected: list[list[str]]) -> None:
    assert find_aliases(text) == expected


# --- the drafted rubric ---


def test_the_draft_is_a_valid_rubric_that_survives_a_yaml_round_trip(drafted: Rubric) -> None:
    text = rubric_to_yaml(drafted, header=DRAFT_HEADER)
    assert text.startswith("# DRAFT rubric")
    assert parse_rubric(text) == drafted
    assert drafted.id == "making-chips-at-home" and drafted.version == 1


@pytest.mark.parametrize(("index", "directive", "opening", "marks", "word_limit"), [
    (0, "explain", "Explain why semiconductors matter", 15, 250),  # 1 context + 4 bullets: a 15-marker
    (1, "explain", "What is the India Semiconductor Mission?", 15, 250),
    (2, "critically analyse", "Critically analyse the challenges", 10, 150),
    (3, "discuss", "Discuss the way forward", 10, 150),
])
def test_one_question_stub_per_section_with_directive_marks_and_limit(
        drafted: Rubric, index: int, directive: str, opening: str, marks: int, word_limit: int) -> None:
    question = drafted.questions[index]
    assert question.directive == directive
    assert question.text.startswith(opening)
    assert "Making Chips at Home" in question.text
    assert (question.marks, question.word_limit) == (marks, word_limit)


def test_a_one_bullet_section_joins_the_next_question(drafted: Rubric) -> None:
    first = drafted.questions[0].key_points[0]
    assert first.source.startswith("The Union Cabinet has cleared three more")
    assert len(drafted.questions) == 4


def test_every_key_point_is_linked_to_the_article_sentence_it_came_from(drafted: Rubric) -> None:
    flat = " ".join(ARTICLE.split())
    for question in drafted.questions:
        for point in question.key_points:
            assert point.source and point.source in flat, point.id
            assert point.source in point.point  # the statement is the source sentence (perhaps after its label)


def test_labels_become_point_ids_and_the_next_sentence_becomes_the_hint(drafted: Rubric) -> None:
    challenges = drafted.questions[2]
    assert [p.id for p in challenges.key_points] == ["capital-intensity", "ecosystem-gaps", "technology-access"]
    assert challenges.key_points[1].hint == "Ecosystem Gaps: Without them yields suffer and costs rise."


def concepts(rubric: Rubric) -> list[list[str]]:
    return [c for q in rubric.questions for p in q.key_points for c in p.keywords]


@pytest.mark.parametrize("concept", [
    ["design linked incentive", "DLI"],
    ["outsourced semiconductor assembly and test", "OSAT"],
    ["production linked incentive", "PLI"],
    ["lithography equipment"],
    ["ultra-pure water"],
    ["trade deficit"],
])
def test_keyword_concepts_prefer_specific_phrases_and_carry_acronym_aliases(drafted: Rubric,
                                                                           concept: list[str]) -> None:
    assert concept in concepts(drafted)


def test_no_concept_is_a_single_everyday_word_or_a_verb_phrase(drafted: Rubric) -> None:
    everyday = {"weight", "visit", "step", "push", "work", "design", "costs", "support"}
    for concept in concepts(drafted):
        assert concept[0] not in everyday
        assert not re.search(r"\b(employs|rewards|leaves|add|costs)\b", concept[0]), concept


def test_words_of_the_question_are_not_keywords(drafted: Rubric) -> None:
    # Q2 asks about the India Semiconductor Mission: naming it earns nothing
    q2 = drafted.questions[1]
    assert all("ISM" not in c for p in q2.key_points for c in p.keywords)


def test_british_spellings_get_their_american_twin() -> None:
    rubric = draft_rubric("A title line here\n\nReforms\n"
                          "- Naval power: The modernisation of the defence forces is slow. Budgets lag.\n"
                          "- Labour reform: The labour codes changed wages.\n")
    assert concepts(rubric) == [["modernisation", "modernization"], ["naval power"],
                                ["defence forces", "defense forces"], ["labour reform", "labor reform"],
                                ["labour codes", "labor codes"]]


HYPHENATED = [
    # (term as written, a bullet using it): each must be one keyword, never split into its halves
    ("INDUS-X", "The INDUS-X summit linked defence start-ups of both countries with investors."),
    ("co-production", "Both sides agreed on co-production of armoured vehicles for the army."),
    ("Indo-Pacific", "The navies patrol the Indo-Pacific together to keep sea lanes open."),
    ("F-414", "HAL and GE will build the F-414 jet engine for the Tejas fighter."),
    ("2+2", "The 2+2 ministerial dialogue reviewed maritime security cooperation."),
]


@pytest.mark.parametrize(("term", "sentence"), HYPHENATED, ids=[t for t, _ in HYPHENATED])
def test_hyphenated_names_and_terms_stay_whole_keywords(term: str, sentence: str) -> None:
    # regression: "INDUS-X" was drafted as two concepts, [INDUS] and [x]
    rubric = draft_rubric(f"India-US defence ties: a new phase\n\nOutcomes of the visit\n- {sentence}\n"
                          "- A second bullet about satellites and undersea domain awareness.\n")
    aliases = [alias for concept in concepts(rubric) for alias in concept]
    assert any(term.lower() in alias.lower().split() for alias in aliases), aliases
    halves = {half.lower() for half in re.split(r"[-+]", term)}
    assert not any(halves & set(alias.lower().split()) for alias in aliases), aliases


@pytest.mark.parametrize(("text", "expected"), [
    ("The INDUS-X summit", "INDUS-X"),  # a code name keeps its capitals
    ("The F-414 engine", "F-414"),
    ("A rules-based Indo-Pacific order", "indo-pacific"),
])
def test_code_names_keep_their_capitals_and_other_words_are_lowercased(text: str, expected: str) -> None:
    rubric = draft_rubric(f"A title line here\n\nSection\n- {text} is vital to both countries.\n- Another bullet.\n")
    assert any(expected in alias.split() for concept in concepts(rubric) for alias in concept), concepts(rubric)


def test_a_hyphenated_number_is_not_a_keyword() -> None:
    # "eighty-five" ends a phrase as "85" would; it is not joined to the verb before it ("train eighty-five")
    rubric = draft_rubric("A title line here\n\nSkills\n- Talent: The programme aims to train eighty-five thousand "
                          "engineers in chip design.\n- Second bullet here.\n")
    assert not any("eighty" in alias for concept in concepts(rubric) for alias in concept), concepts(rubric)


@pytest.mark.parametrize("wanted", [1, 2, 3])
def test_asking_for_fewer_questions_merges_neighbouring_sections(drafted: Rubric, wanted: int) -> None:
    merged = draft_rubric(ARTICLE, questions=wanted)
    assert len(merged.questions) == wanted
    sources = {p.source for q in drafted.questions for p in q.key_points}
    for question in merged.questions:
        assert 1 <= len(question.key_points) <= MAX_POINTS_PER_QUESTION  # the core points of merged sections
        assert {p.source for p in question.key_points} <= sources


def test_asking_for_more_questions_than_sections_gives_one_per_section(drafted: Rubric) -> None:
    assert len(draft_rubric(ARTICLE, questions=9).questions) == len(drafted.questions)


def test_an_article_without_sections_is_refused() -> None:
    with pytest.raises(ArticleError, match="no bullets or paragraphs"):
        draft_rubric("Join us across Social Media platforms.\nNotify of\n")


def test_the_draft_scores_answers_as_it_is(drafted: Rubric) -> None:
    challenges = drafted.questions[2]
    good, poor = evaluate(GOOD_CHALLENGES_ANSWER, challenges), evaluate(POOR_CHALLENGES_ANSWER, challenges)
    assert good.ok and poor.ok
    assert good.marks > poor.marks + 2
    assert {p.id for p in good.points if p.status == "covered"} >= {"capital-intensity", "ecosystem-gaps"}


# --- command line ---


def test_cli_draft_prints_yaml_that_validates(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["draft", str(ARTICLE_PATH), "--questions", "2", "--id", "chips"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# DRAFT rubric from article_chips.txt")
    rubric = parse_rubric(out)
    assert rubric.id == "chips" and len(rubric.questions) == 2
    (tmp_path / "chips.yaml").write_text(out, encoding="utf-8")
    assert main(["validate", str(tmp_path / "chips.yaml")]) == 0


@pytest.mark.parametrize(("args", "message"), [
    (["--id", "bad id!"], "cannot draft a valid rubric"),
    (["--questions", "0"], "--questions must be 1 or more"),
])
def test_cli_draft_rejects_bad_options_in_one_line(capsys: pytest.CaptureFixture[str], args: list[str],
                                                   message: str) -> None:
    assert main(["draft", str(ARTICLE_PATH), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_cli_draft_of_a_missing_file_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["draft", "no/such/article.txt"]) == 2
    assert "no such file" in capsys.readouterr().err


# --- the seed article (present in the team's workspace, not in the repository) ---


@pytest.mark.skipif(not SEED_ARTICLE.is_file(), reason="the seed article is not in this checkout")
def test_seed_article_drafts_a_rubric_that_ranks_the_sample_answers() -> None:
    rubric = parse_rubric(rubric_to_yaml(draft_rubric(SEED_ARTICLE.read_text(encoding="utf-8"))))
    assert len(rubric.questions) >= 3
    all_concepts = concepts(rubric)
    assert any("DTTI" in c for c in all_concepts)
    significance = next(q for q in rubric.questions if "significance" in q.text)
    indo_pacific = next(q for q in rubric.questions if "Indo-Pacific" in q.text)
    for prefix, question in (("q1", significance), ("q3", indo_pacific)):
        marks = {kind: evaluate((SAMPLES / f"{prefix}_{kind}.txt").read_text(encoding="utf-8"), question).marks
                 for kind in ("excellent", "average", "poor", "offtopic")}
        assert marks["excellent"] > marks["average"] > marks["poor"] >= marks["offtopic"], (prefix, marks)
