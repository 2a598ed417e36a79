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

from evaluator import evaluate, load_rubric, parse_rubric
from evaluator.cli import main
from evaluator.authoring.keywords import is_name_piece, is_verb
from evaluator.core.text import analyse
from evaluator.authoring.draft import (
    DRAFT_HEADER,
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
    assert article.kicker == "Economy Watch: Industrial Policy"


def test_sections_are_the_headings_with_bullets_or_paragraphs_under_them_each_with_a_role() -> None:
    article = parse_article(ARTICLE)
    assert [(s.heading, s.role) for s in article.sections] == [
        ("Context", "context"), ("Why semiconductors matter", "significance"),
        ("What is the India Semiconductor Mission?", "about"), ("Challenges", "challenges"),
        ("Way forward", "way_forward")]
    assert [len(s.bullets) for s in article.sections] == [1, 4, 5, 3, 2]
    # "• Label: text", "- Label: text" and "1. Label: text" are all bullets with labels
    labels = [b.label for b in article.sections[3].bullets]
    assert labels == ["Capital Intensity", "Ecosystem Gaps", "Technology Access"]
    assert article.sections[2].bullets[0].label == ""  # the paragraph under the question heading


def test_the_syllabus_lines_are_kept_aside_not_read_as_text() -> None:
    article = parse_article(ARTICLE)
    assert article.prelims == "ISM, PLI, OSAT, DLI scheme"
    assert article.mains == "Semiconductor self-reliance and strategic technology"


def test_a_closing_paragraph_after_the_last_bullets_is_the_conclusion() -> None:
    article = parse_article(ARTICLE.replace("\n\n\n\nAlso read:", "\n\nThe chip push is a long game.\n\nAlso read:"))
    assert [s.heading for s in article.sections][-2:] == ["Way forward", "Conclusion"]
    assert article.sections[-1].bullets[0].sentences == ("The chip push is a long game.",)


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
    # a letter from inside a word, a small word's initial, "-In" for India, a bullet labelled with the acronym
    ("the Ministry of Electronics and Information Technology (MeitY) said",
     [["ministry of electronics and information technology", "MeitY"]]),
    ("the Memorandum of Procedure (MoP) guides it", [["memorandum of procedure", "MoP"]]),
    ("- CERT-In: The Indian Computer Emergency Response Team, under MeitY, responds.",
     [["indian computer emergency response team", "CERT-In"]]),
    # the reversed form may spell only the end of the acronym (iCET = initiative on CET)
    ("The iCET (Critical and Emerging Technology) dialogue.", [["critical and emerging technology", "iCET"]]),
    # regression (issue 13): no acronym across sentences; "CG" is not "the Centre and Gujarat"
    ("Rare Earth Permanent Magnets matter. REPM supply is concentrated.", []),
    ("a CG Power unit at Sanand. Support came from the Centre and Gujarat.", []),
    ("The new policy (PLI) was announced.", []),  # initials do not fit
    ("Costs rise (see below) as usual.", []),  # not an acronym
])
def test_acronyms_are_paired_with_their_expansions_only_when_defined(text: str, expected: list[list[str]]) -> None:
    assert find_aliases(text) == expected


# --- the drafted rubric ---


def test_the_draft_is_a_valid_rubric_that_survives_a_yaml_round_trip(drafted: Rubric) -> None:
    text = rubric_to_yaml(drafted, header=DRAFT_HEADER)
    assert text.startswith("# DRAFT rubric")
    assert parse_rubric(text) == drafted
    assert drafted.id == "india-semiconductor-mission" and drafted.version == 1


def test_the_draft_carries_its_article_and_syllabus_place(drafted: Rubric) -> None:
    assert drafted.article == ARTICLE.strip()
    assert drafted.gs_paper == "GS III"
    assert "science and technology" in drafted.topics


@pytest.mark.parametrize(("index", "directive", "text", "marks", "word_limit"), [
    (0, "discuss", "Discuss why semiconductors matter.", 10, 150),
    (1, "explain", "What is the India Semiconductor Mission? Explain its key features.", 10, 150),
    (2, "critically analyse", "The Union Cabinet has cleared three more fabrication and packaging units under the "
     "India Semiconductor Mission (ISM), taking total committed investment past one lakh crore rupees. Critically "
     "analyse the challenges facing the India Semiconductor Mission and suggest a way forward.", 15, 250),
])
def test_questions_are_set_as_upsc_sets_them(drafted: Rubric, index: int, directive: str, text: str, marks: int,
                                             word_limit: int) -> None:
    question = drafted.questions[index]
    assert (question.directive, question.text, question.marks, question.word_limit) == (
        directive, text, marks, word_limit)


def test_no_question_is_a_template_or_a_fact_list() -> None:
    for path in [ARTICLE_PATH, *sorted((ROOT / "bench" / "draft_quality").glob("*/article.txt")),
                 *sorted((ROOT / "rubrics" / "articles").glob("*.txt"))]:
        rubric = draft_rubric(path.read_text(encoding="utf-8"))
        assert 3 <= len(rubric.questions) <= 6, path
        assert {q.marks for q in rubric.questions} == {10, 15}, path  # a mix of 10- and 15-markers
        for question in rubric.questions:
            assert "in the context of" not in question.text, (path, question.text)
            assert not re.search(r"\b(?:the About|About the|Facts for prelims|Central Idea)\b", question.text), \
                (path, question.text)


def test_a_critical_question_has_a_counter_view_and_a_way_forward(drafted: Rubric) -> None:
    critical = drafted.questions[2]
    ids = [p.id for p in critical.key_points]
    assert ids == ["capital-intensity", "ecosystem-gaps", "technology-access", "counter-view", "way-forward"]
    assert critical.key_points[3].title.startswith("Counter-view")
    assert critical.key_points[4].point.startswith("Anchor partnerships")


def test_the_way_forward_point_carries_what_each_proposal_proposes() -> None:
    article = ("A title line here\n\nChallenges\n- Delay: Tribunals take decades.\n- Data: States dispute the data.\n\n"
               "Way forward\n- Permanent tribunal: Enact a single tribunal with strict timelines.\n"
               "- Shared data: Build a national water database that all States accept.\n")
    forward = next(p for q in draft_rubric(article).questions for p in q.key_points if p.id == "way-forward")
    assert forward.point.startswith("Way forward: permanent tribunal and shared data.")
    assert "national water database" in forward.point and "strict timelines" in forward.point


def test_a_listed_proposal_whose_main_term_is_taken_lends_no_lesser_word() -> None:
    article = ("A title line here\n\nChallenges\n- Ageing law: A proposed Digital India Act is still pending.\n"
               "- Skills: Cyber security professionals are scarce.\n\nWay forward\n"
               "- Modern law: Enact a Digital India Act suited to cloud, artificial intelligence and connected "
               "devices.\n"
               "- Build talent: Expand certified training and create cyber cadres in state police.\n")
    forward = next(p for q in draft_rubric(article).questions for p in q.key_points if p.id == "way-forward")
    keys = {alias.lower() for concept in forward.keywords for alias in concept}
    assert "artificial intelligence" not in keys, keys


def test_the_news_hook_opens_the_main_question_and_is_no_key_point(drafted: Rubric) -> None:
    hook = "The Union Cabinet has cleared three more"
    assert sum(q.text.startswith(hook) for q in drafted.questions) == 1
    assert not any(p.source.startswith(hook) for q in drafted.questions for p in q.key_points)


def test_every_key_point_is_linked_to_the_article_sentence_it_came_from(drafted: Rubric) -> None:
    flat = " ".join(ARTICLE.split())
    for question in drafted.questions:
        for point in question.key_points:
            assert point.source and point.source in flat, point.id


def test_labels_become_titles_and_are_stripped_from_the_claim(drafted: Rubric) -> None:
    challenges = drafted.questions[2]
    capital = challenges.key_points[0]
    assert capital.title == "Capital intensity"
    # one claim with the sentence that supports it
    assert capital.point == ("A leading-edge fab costs upwards of ten billion dollars and takes years to break even. "
                             "Investors look for long and predictable policy support before committing.")
    assert all(p.title for q in drafted.questions for p in q.key_points)


def test_weights_tell_analysis_from_supporting_facts(drafted: Rubric) -> None:
    weights = {p.weight for q in drafted.questions for p in q.key_points}
    assert len(weights) >= 2 and weights <= {1.0, 2.0, 3.0}
    assert drafted.questions[2].key_points[0].weight >= 2  # "... takes years to break even": analysis


CENTRAL = """Fab Policy in India: An Overview

Challenges
- Capital cost: A fab costs billions of dollars, so investors wait for subsidy certainty.
- Water supply: Fabs need ultra-pure water, which many sites lack because aquifers are falling.
- Skills: Engineers trained in process technology are scarce.

Significance
- Investors: Subsidy certainty draws investors and billions of dollars that would otherwise go abroad.
- Exports: Chips made at home cut the import bill.

Way forward
- Subsidy certainty: Fix the subsidy for ten years so investors commit billions of dollars.
- Cost sharing: Share the cost with investors through subsidy certainty.
- Talent: Train engineers in universities.
"""


def test_the_idea_the_rest_of_the_article_comes_back_to_weighs_most() -> None:
    # "investors" and "subsidy certainty" return in the significance and way-forward sections; water does not
    points = {p.title: p.weight for q in draft_rubric(CENTRAL).questions for p in q.key_points}
    assert points["Capital cost"] > points["Water supply"]


ADVICE = re.compile(r"^(?:Add|Describe|Explain|Give|Suggest|Bring in|Balance|Weigh|End with|Show|State|Trace)\b")


def test_every_point_has_a_hint_that_advises(drafted: Rubric) -> None:
    for question in drafted.questions:
        for point in question.key_points:
            assert ADVICE.match(point.hint), point.hint


def concepts(rubric: Rubric) -> list[list[str]]:
    return [c for q in rubric.questions for p in q.key_points for c in p.keywords]


@pytest.mark.parametrize("concept", [
    ["design linked incentive", "DLI"],
    ["capital intensity"],
    ["lithography equipment"],
    ["ultra-pure water"],
    ["export controls"],
    ["trade deficit"],
])
def test_keyword_concepts_prefer_specific_phrases_and_carry_acronym_aliases(drafted: Rubric,
                                                                           concept: list[str]) -> None:
    assert concept in concepts(drafted)


BENCH_ARTICLES = sorted((ROOT / "bench" / "draft_quality").glob("*/article.txt"))
MONTHS_UNITS = re.compile(r"\b(?:january|february|march|april|june|july|august|september|october|november|december|"
                          r"crore|lakhs?|billion|million|usd|rs|per cent)\b", re.IGNORECASE)


@pytest.mark.parametrize("path", BENCH_ARTICLES, ids=[p.parent.name for p in BENCH_ARTICLES])
def test_no_keyword_is_a_date_number_unit_place_or_undefined_acronym(path: Path) -> None:
    rubric = draft_rubric(path.read_text(encoding="utf-8"))
    defined = {a for group in find_aliases(path.read_text(encoding="utf-8")) for a in group}
    for concept in concepts(rubric):
        for alias in concept:
            assert not MONTHS_UNITS.search(alias), alias
            assert not re.fullmatch(r"[\d\W]+", alias) or alias == "2+2", alias
            assert alias.lower() not in {"delhi", "gujarat", "japan", "punjab and haryana", "east asia", "taiwan"}
            if re.fullmatch(r"[A-Z][A-Za-z]*[A-Z][A-Za-z]*", alias) and len(alias) <= 8:  # a bare acronym
                assert alias in defined, alias


@pytest.mark.parametrize(("sentence", "junk"), [
    ("The office coordinates cyber security across agencies.", "office coordinates"),
    ("Hostile states conduct espionage on power grids.", "states conduct"),
    ("Imports can carry hidden backdoors into networks.", "carry"),
    ("The proposed joint venture fell through in the end.", "fell"),
    ("The scheme rewards start-ups that design chips.", "rewards"),
    # a verb coordinated with a verb, with its own object: "conduct espionage and probe power grids"
    ("Hostile groups conduct espionage and probe power grids.", "probe"),
    ("A person can obtain a summary of the data, seek correction and erasure.", "seek"),
    # a verb after an adverb after a modal, after an irregular plural, and a participle with its object
    ("Women can later contest unreserved seats and hold ministerial posts.", "hold"),
    ("Some elected women act as proxies for male relatives.", "women act"),
    ("Provisions touching local bodies need ratification by the States.", "touching"),
    # an adjective after a noun opens a new phrase
    ("Many details are left to rules, giving the executive wide discretion.", "executive wide"),
    # a base form after a singular noun joined by "and" to a plural: the coordinated subject's verb
    ("Machines, diesel and extra labour raise per-acre costs for farmers.", "raise"),
    ("Calm winds and temperature inversion trap smoke close to the ground.", "trap"),
    # a participle after "have", an -s form after an -ly adverb, an -ing form before a number
    ("Welfare boards have collected large cess funds from builders.", "collected"),
    ("A worker registered in his village rarely votes in the city.", "votes"),
    ("An establishment employing five or more migrant workers must register.", "employing"),
    # a base form after a plural before "into", and after "let" and its object
    ("Migrant workers crowd into rented rooms near the worksite.", "crowd"),
    ("Tribunals deal with surface water shares and little else.", "tribunals deal"),
    ("The Code lets a worker draw ration in the host State.", "draw"),
    # the object of "have" or "get" before a participle: what is done to it is the idea
    ("A person can seek erasure, nominate an heir and have grievances redressed.", "grievances"),
    # a base form after punctuation with a plural and "as" after it: a verb of regard and its object
    ("Quota laws, struck down by the court in 2023, treat migrants as outsiders.", "treat migrants"),
    # a hyphenated adverb or participle ends no keyword; common words right before a name describe it
    ("A government that loses the confidence of the House mid-way is replaced.", "mid-way"),
    ("The Act is short and principle-based and uses plain language.", "principle-based"),
    ("In June 2023, US memory-chip maker Micron Technology announced a plant.", "memory-chip maker"),
])
def test_no_keyword_is_a_verb_phrase_of_the_prose(sentence: str, junk: str) -> None:
    rubric = draft_rubric(f"A title line here\n\nChallenges\n- Point: {sentence}\n- Another: A second bullet here.\n")
    assert not any(junk in alias for concept in concepts(rubric) for alias in concept), concepts(rubric)


@pytest.mark.parametrize(("sentence", "kept"), [
    # the same rules leave these terms whole
    ("Hostile groups conduct espionage and probe power grids.", "power grids"),
    ("Calm winds and temperature inversion trap smoke close to the ground.", "temperature inversion"),
    ("The remainder of the term is served by an institutional set-up of tribunals.", "institutional set-up"),
    ("In 2023, export controls tightened as tensions rose.", "export controls"),  # no "as" after the plural
    ("Welfare boards have cess funds that lie unused.", "cess funds"),  # "have" with no participle after its object
])
def test_the_verb_rules_keep_the_noun_phrases_around_them(sentence: str, kept: str) -> None:
    rubric = draft_rubric(f"A title line here\n\nChallenges\n- Point: {sentence}\n- Another: A second bullet here.\n")
    assert any(kept == alias.lower() for concept in concepts(rubric) for alias in concept), concepts(rubric)


@pytest.mark.parametrize(("sentence", "word"), [
    ("Research and development support schemes help start-ups.", "support"),  # no plural before "and"
    ("Hostile groups conduct espionage and probe power grids.", "power"),  # a verb's object, not a second verb
    ("States have skilled staff for audits.", "skilled"),  # a participle before its noun describes it
    ("Supply chain risks grow as imports rise.", "Supply"),  # a label's first word when nothing orders
])
def test_words_the_verb_rules_leave_as_nouns_or_modifiers(sentence: str, word: str) -> None:
    tokens = analyse(sentence).tokens
    at = next(i for i, t in enumerate(tokens) if t.text == word)
    assert not is_verb(tokens, at, in_run=at > 0)


@pytest.mark.parametrize(("phrase", "text", "piece"), [
    # the tail of a longer name, through small words or after a place that shares its head
    ("Elimination of All Forms of Discrimination",
     "It meets India's commitments under the Convention on the Elimination of All Forms of Discrimination against "
     "Women.", True),
    ("Haryana High Court", "The quota law was struck down by the Punjab and Haryana High Court in 2023.", True),
    # what follows a name, a sentence's opening word and a possessive make no longer name
    ("Parliamentary Standing Committee", "It was revived by the Parliamentary Standing Committee on Law and Justice.",
     False),
    ("Nuclear Power Corporation", "In 2019, the Nuclear Power Corporation of India confirmed malware.", False),
    ("Kovind Committee", "The Kovind Committee was constituted in 2023.", False),
    ("Renesas", "It approved a CG Power unit at Sanand with Japan's Renesas.", False),
])
def test_a_piece_of_a_longer_name_is_no_keyword(phrase: str, text: str, piece: bool) -> None:
    assert is_name_piece(phrase, text) is piece


@pytest.mark.parametrize(("bullets", "junk", "kept"), [
    # a label that orders, over a sentence that orders, loses its verb; a label that states keeps its first word
    ("- Address proxy politics: Strengthen local accountability and support networks for elected women.\n"
     "- Supply chain risks: Imports can carry hidden backdoors into networks.\n", "address proxy",
     "supply chain risks"),
    # a way-forward sentence that orders loses its verb; one whose opening word is its subject keeps it
    ("- Portable entitlements: Link e-Shram with ration cards and pension schemes.\n"
     "- Water budgets: Water budgets must be agreed by the basin States.\n", "link e-shram", "water budgets"),
    # the Cabinet that approves and the Gazette that publishes are the setting of every measure
    ("- Launch: Approved by the Union Cabinet in December 2021 under the semiconductor programme.\n"
     "- Awards: The award is published in the Official Gazette and binds the States.\n", "union cabinet",
     "semiconductor programme"),
    ("- Awards: The award is published in the Official Gazette and binds the riparian States.\n"
     "- Launch: A second bullet about the Cauvery Water Management Authority.\n", "official gazette",
     "cauvery water management authority"),
    # what a proposal replaces, and the kind of thing a labelled bullet opens by saying its subject is
    ("- Amendment Bill, 2019: It proposes a single permanent tribunal in place of separate tribunals.\n"
     "- Another: A second bullet about the Disputes Resolution Committee.\n", "separate tribunals",
     "permanent tribunal"),
    ("- Commission for Air Quality Management: A statutory body set up under a 2021 Act, it coordinates the States "
     "of the National Capital Region.\n- Another: A second bullet here.\n", "statutory body",
     "commission for air quality management"),
    # what the article only ever writes as something's own is an attribute, not a term
    ("- Narrow scope: Groundwater, pollution and ecological flows are largely outside their remit.\n"
     "- Another: A second bullet here.\n", "remit", "ecological flows"),
    # ... and a label that says it titles a point: it is no use of the word ("Commencement: ..." / "its commencement")
    ("- Commencement: The reservation takes effect after a delimitation exercise.\n"
     "- Duration: The quota lasts for fifteen years from its commencement.\n", "commencement",
     "delimitation exercise"),
    # a label of the setting and one everyday word says where and what kind of point, not what a student writes
    ("- Supreme Court directions: In the suo motu case on stranded workers, the Court directed the States.\n"
     "- Another: A second bullet here.\n", "supreme court directions", "suo motu case"),
    ("- Constitutional values: The Act advances the equality guaranteed by the Constitution.\n"
     "- Polls: The Election Commission runs the polls.\n", "constitutional values", "election commission"),
    ("- Constitutional values: The Act advances the equality guaranteed by the Constitution.\n"
     "- Constitutional morality: The Court read the law against the spirit of the Constitution.\n",
     "constitutional values", "constitutional morality"),  # a singular head names a doctrine
    # a name before a noun the article makes one of a kind ("a CG Power unit") says whose; "the" makes a named thing
    ("- Approvals: A CG Power unit at Sanand was approved after the Kovind Committee reported.\n"
     "- Another: A second bullet here.\n", "cg power unit", "kovind committee"),
    # a bare name the article only writes as a place's own is that place's example; a named scheme says what it is
    ("- State initiatives: Kerala's Aawaz health insurance scheme and Japan's Renesas show what others do.\n"
     "- Another: A second bullet here.\n", "renesas", "aawaz health insurance scheme"),
    ("- Partners: Sensors came from Japan's Renesas, and India's Pragyan Rover reached the pole.\n"
     "- Rover: India's Pragyan Rover found sulphur.\n", "renesas", "pragyan rover"),  # a name the article comes back to
    # who holds a view is its source, not the point; a group the article also writes of in other ways is kept
    ("- Dilution of the RTI Act: It removes the public interest override. Transparency activists and journalists "
     "fear that records will be denied.\n- Parties: Regional parties fear that national issues will dominate, and "
     "regional parties depend on State issues.\n", "transparency activists", "regional parties"),
    # a head as common as "right" or "reason" cut from the "to ..." it needs; a rarer head names a thing of its own
    ("- Portability: The Act gives no explicit right to data portability or to be forgotten.\n"
     "- Hacking: Section 43 punishes unauthorised access to a computer resource.\n", "explicit right",
     "unauthorised access"),
    ("- Voice: Host States have little electoral reason to serve a migrant voter.\n"
     "- Another: A second bullet about the Election Commission.\n", "electoral reason", "election commission"),
    # a clause in brackets is no article: "Article 19(1)(d)" is Article 19
    ("- Freedom of movement: Article 19(1)(d) and Article 19(1)(e) guarantee the freedom to move and reside.\n"
     "- Another: A second bullet here.\n", "article 1", "article 19"),
    # a piece of a longer name is dropped; a number word opens a name at a sentence's start
    ("- Global norms: India's commitments under the Convention on the Elimination of All Forms of Discrimination "
     "against Women (CEDAW) matter.\n- Portability: One Nation One Ration Card makes rations portable.\n",
     "elimination of all forms of discrimination", "one nation one ration card"),
])
def test_labels_settings_and_name_pieces_that_are_no_keywords(bullets: str, junk: str, kept: str) -> None:
    rubric = draft_rubric(f"A title line here\n\nWay forward\n{bullets}")
    aliases = [alias.lower() for concept in concepts(rubric) for alias in concept]
    assert junk not in aliases and kept in aliases, aliases


def test_a_word_only_headings_use_is_no_keyword() -> None:
    rubric = draft_rubric("A title line here\n\nConcerns\n- Applicability: The Act covers data processed in India.\n"
                          "- Federalism: Federalism is part of the basic structure.\n")
    keys = {alias.lower() for concept in concepts(rubric) for alias in concept}
    assert "applicability" not in keys and "federalism" in keys, keys


def test_the_title_s_lead_is_the_subject_when_only_labels_use_it() -> None:
    article = ("Inter-State River Water Disputes: Why Tribunals Take Decades\n\nFramework:\n"
               "a) Inter-State River Water Disputes Act, 1956: Tribunals decide disputes. Tribunals take years.\n"
               "b) Article 262: Parliament may bar the courts.\n\nMajor disputes:\n"
               "a) Cauvery: The tribunal gave its award in 2007.\nb) Krishna: The tribunal reported in 2010.\n")
    texts = [q.text for q in draft_rubric(article).questions]
    assert all("inter-state river water disputes" in t.lower() for t in texts), texts
    assert "Discuss the major inter-state river water disputes." in texts


def test_words_of_the_question_are_not_keywords(drafted: Rubric) -> None:
    # the critical question names the India Semiconductor Mission: naming it earns nothing
    critical = drafted.questions[2]
    assert all("ISM" not in c for p in critical.key_points for c in p.keywords)


@pytest.mark.parametrize(("bullet", "junk", "kept"), [
    # the question's words with a doer's ending restate its subject; another word of the phrase names something
    ("- Court orders: In the suo motu case on the problems of migrant labourers, the Court directed the States.\n",
     "migrant labourers", "suo motu case"),
    ("- Recruitment: Most migrants are hired through labour contractors who hold no licence.\n",
     "migrants", "labour contractors"),
    # an ending that makes another part of speech ("nation" / "national") is another word, and may make a name
    ("- Policy: The national migration policy of the nation is still a draft.\n", "migrant labourers",
     "national migration policy"),
])
def test_the_question_s_words_and_their_variants_are_not_keywords(bullet: str, junk: str, kept: str) -> None:
    article = f"Migrant Workers and the Labour Codes of the Nation\n\nChallenges\n{bullet}- Another: A second bullet.\n"
    aliases = [alias.lower() for concept in concepts(draft_rubric(article)) for alias in concept]
    assert junk not in aliases and kept in aliases, aliases


def test_british_spellings_get_their_american_twin_but_names_do_not() -> None:
    rubric = draft_rubric("A title line here\n\nReforms\n"
                          "- Naval power: The modernisation of the defence forces is slow. Budgets lag.\n"
                          "- Labour reform: The labour codes changed wages. The Defence Research Centre helps.\n")
    assert concepts(rubric)[:3] == [["modernisation", "modernization"], ["naval power"],
                                    ["defence forces", "defense forces"]]
    assert ["Defence Research Centre"] in concepts(rubric)


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
    ("A rules-based Indo-Pacific order", "Indo-Pacific"),  # so does a name
    ("The 2G ethanol refinery", "2G"),  # letters and digits are one word
])
def test_code_names_and_names_keep_their_capitals(text: str, expected: str) -> None:
    rubric = draft_rubric(f"A title line here\n\nSection\n- {text} is vital to both countries.\n- Another bullet.\n")
    assert any(expected in alias.split() for concept in concepts(rubric) for alias in concept), concepts(rubric)


def test_a_hyphenated_number_is_not_a_keyword() -> None:
    # "eighty-five" ends a phrase as "85" would; it is not joined to the verb before it ("train eighty-five")
    rubric = draft_rubric("A title line here\n\nSkills\n- Talent: The programme aims to train eighty-five thousand "
                          "engineers in chip design.\n- Second bullet here.\n")
    assert not any("eighty" in alias for concept in concepts(rubric) for alias in concept), concepts(rubric)


@pytest.mark.parametrize("wanted", [1, 2, 3])
def test_asking_for_fewer_questions_keeps_the_most_important_themes(wanted: int) -> None:
    fewer = draft_rubric(ARTICLE, questions=wanted)
    assert len(fewer.questions) == wanted
    assert any(q.directive == "critically analyse" for q in fewer.questions)  # the challenges come first


def test_asking_for_more_questions_than_themes_gives_one_per_theme(drafted: Rubric) -> None:
    assert len(draft_rubric(ARTICLE, questions=9).questions) == len(drafted.questions)


def test_an_article_without_sections_is_refused() -> None:
    with pytest.raises(ArticleError, match="no bullets or paragraphs"):
        draft_rubric("Join us across Social Media platforms.\nNotify of\n")


def test_an_article_with_only_an_introduction_is_refused_with_the_reason() -> None:
    with pytest.raises(ArticleError, match="no section to ask about"):
        draft_rubric("A title line here\n\nCentral Idea\n- Something happened today in the capital.\n")


def test_an_article_of_paragraphs_without_headings_still_gets_a_question() -> None:
    # regression: a section without a heading had no words to build a stem from (IndexError)
    rubric = draft_rubric("India has launched a new policy on water. It aims to recharge aquifers.\n\n"
                          "Farmers worry about the cost of meters. States disagree on sharing rivers.\n\n"
                          "Experts suggest crop diversification and metering of pumps.")
    assert len(rubric.questions) == 1 and rubric.questions[0].text == "Discuss the main issues raised in the article."
    assert len(rubric.questions[0].key_points) >= 2


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


def test_cli_draft_names_the_article_file_when_the_rubric_is_saved_beside_it(capsys: pytest.CaptureFixture[str],
                                                                              tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    article = tmp_path / "articles" / "chips.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "chips.yaml"
    assert main(["draft", str(article), "--out", str(out), "--date", "2024-03-01"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "article_file: articles/chips.txt" in text and "\narticle:" not in text
    assert "date: '2024-03-01'" in text
    rubric = load_rubric(out)
    assert rubric.article == ARTICLE and rubric.date == "2024-03-01"


def test_cli_draft_embeds_an_article_from_elsewhere(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["draft", str(ARTICLE_PATH)]) == 0
    rubric = parse_rubric(capsys.readouterr().out)
    assert rubric.article == ARTICLE.strip() and not rubric.article_file


def test_cli_draft_refuses_a_bad_date_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["draft", str(ARTICLE_PATH), "--date", "1 March"]) == 2
    assert "--date must be YYYY-MM-DD (got '1 March')" in capsys.readouterr().err


def test_regression_an_article_over_100_000_characters_is_refused_with_a_message() -> None:
    """The tuning page accepted 5 MB; drafting 2.4 MB did not finish in 10 minutes."""
    article = (ROOT / "rubrics" / "articles" / "chandrayaan-3.txt").read_text(encoding="utf-8")
    with pytest.raises(ArticleError, match=r"the article is [\d,]+ characters; drafting reads up to 100,000"):
        draft_rubric(article * (100_001 // len(article) + 1))
