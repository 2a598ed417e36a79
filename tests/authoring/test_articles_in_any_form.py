"""Specification of reading an article in any form a mentor has it, and of what a draft names and proposes (issue 23).

The articles are the draft-quality bench's own (written for it): One Nation One Election in colon headings with
"-" bullets (pasted and saved as .docx), the DPDP Act in markdown, women's reservation in numbered sections
(pasted and saved as .pdf).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from evaluator.authoring.article import ArticleError, normalise_layout, parse_article
from evaluator.authoring.draft import draft_rubric, draft_yaml
from evaluator.authoring.facts import FACT_KINDS, propose_facts
from evaluator.authoring.misconceptions import reversed_claims
from evaluator.cli import main
from evaluator.io.articles import read_article_bytes
from evaluator.rubrics.model import Fact, Rubric, parse_rubric
from tests.conftest import ROOT

BENCH = ROOT / "bench" / "draft_quality"
ONOE, DPDP, WOMEN = BENCH / "one-nation-one-election", BENCH / "data-protection-act", BENCH / "womens-reservation"


def read(path: Path) -> str:
    return read_article_bytes(path.name, path.read_bytes())


def same_draft(a: Rubric, b: Rubric) -> bool:
    """Two drafts alike in everything a student meets: questions, points, keywords, weights, hints."""
    def shown(r: Rubric) -> list[object]:
        return [(q.text, q.directive, q.marks, q.word_limit, [p.model_dump() for p in q.key_points]) for q in r.questions]

    return shown(a) == shown(b) and a.id == b.id


@pytest.mark.parametrize(("folder", "saved"), [(ONOE, "article.docx"), (WOMEN, "article.pdf")])
def test_pasting_the_article_gives_the_same_rubric_as_uploading_the_saved_file(folder: Path, saved: str) -> None:
    pasted = (folder / "article_pasted.txt").read_text(encoding="utf-8")
    assert same_draft(draft_rubric(pasted), draft_rubric(read(folder / saved)))


def test_a_saved_web_page_gives_the_same_rubric_as_its_text(tmp_path: Path) -> None:
    pasted = (ONOE / "article_pasted.txt").read_text(encoding="utf-8")
    blocks = []
    for block in pasted.split("\n"):
        if block.startswith("- "):
            blocks.append(f"<ul><li>{block[2:]}</li></ul>")
        elif block.strip():
            blocks.append(f"<h2>{block}</h2>" if len(block.split()) < 16 and not block.endswith(".") else f"<p>{block}</p>")
    page = ("<html><head><title>Site</title><script>var x = 1;</script></head><body><nav><a>Home</a><a>Login</a>"
            f"</nav><article>{''.join(blocks)}</article><footer>Subscribe to our newsletter</footer></body></html>")
    from_page = read_article_bytes("saved.html", page.encode())
    assert "Subscribe" not in from_page and "Login" not in from_page
    assert same_draft(draft_rubric(pasted), draft_rubric(from_page))


BODY = ("{h1}\n\n{h2}\n{b} Federalism: Cutting an Assembly's term short overrides the States' mandate. Critics cite "
        "the basic structure.\n{b2} Logistics: Twice the voting machines would be needed. They cost thousands of "
        "crores.\n{b3} Accountability: Fewer polls mean fewer tests for governments.\n\n{h3}\n{b} Consensus: Consult "
        "every party. States must agree.\n{b2} Phasing: Bring in local bodies later.\n")


@pytest.mark.parametrize("style", [
    {"h1": "Simultaneous Elections in India", "h2": "Challenges", "h3": "Way forward", "b": "•", "b2": "•", "b3": "•"},
    {"h1": "Simultaneous Elections in India", "h2": "Challenges:", "h3": "Way forward:", "b": "-", "b2": "-", "b3": "-"},
    {"h1": "# Simultaneous Elections in India", "h2": "## Challenges", "h3": "## Way forward", "b": "*", "b2": "*",
     "b3": "*"},
    {"h1": "Simultaneous Elections in India", "h2": "1. Challenges", "h3": "2. Way forward", "b": "a)", "b2": "b)",
     "b3": "c)"},
    {"h1": "**Simultaneous Elections in India**", "h2": "**Challenges**", "h3": "**Way forward**", "b": "1.",
     "b2": "2.", "b3": "3."},
], ids=["bare-bullets", "colon-dashes", "markdown", "numbered-lettered", "bold-numbered"])
def test_every_house_style_gives_the_same_sections_and_bullets(style: dict[str, str]) -> None:
    parsed = parse_article(normalise_layout(BODY.format(**style)))
    assert parsed.title == "Simultaneous Elections in India"
    assert [(s.heading, [b.label for b in s.bullets]) for s in parsed.sections] == [
        ("Challenges", ["Federalism", "Logistics", "Accountability"]), ("Way forward", ["Consensus", "Phasing"])]
    # the bullet keeps its supporting sentence
    assert parsed.sections[0].bullets[0].sentences[1] == "Critics cite the basic structure."


def test_a_numbered_list_stays_a_list_and_a_numbered_heading_a_heading() -> None:
    text = "Title of the piece here\n\n1. Background\n\n1. The first law came in 1992.\n2. A second came later.\n"
    parsed = parse_article(normalise_layout(text))
    assert [(s.heading, len(s.bullets)) for s in parsed.sections] == [("Background", 2)]


def test_a_pdf_s_running_headers_and_footers_are_not_read_as_its_text() -> None:
    pdf = BENCH / "critical-minerals-mission" / "article.pdf"
    text = read_article_bytes(pdf.name, pdf.read_bytes())
    assert "Samanvay IAS" not in text and "Page 2" not in text
    assert [s.heading for s in parse_article(text).sections] == [
        "Why in news?", "Background", "Key provisions of the mission", "Significance", "Challenges and concerns",
        "Way forward", "Conclusion"]


def test_numbered_sub_sections_are_part_of_their_section() -> None:
    text = ("Title of the piece here\n\n3. Significance\na) Jobs grow.\n\n4. Challenges and concerns\n"
            "4.1 Geological constraints\na) Deposits lie deep.\n4.2 Market concerns\na) Auctions fail.\n"
            "b) Prices swing.\n\n5. Way forward\na) Map the deposits.\n")
    parsed = parse_article(normalise_layout(text))
    assert [(s.heading, len(s.bullets)) for s in parsed.sections] == [
        ("Significance", 1), ("Challenges and concerns", 3), ("Way forward", 1)]


@pytest.mark.parametrize("text", [
    "Just one paragraph about an issue with no headings at all, and nothing else to read.",
    "A title\n\nIntroduction\nA single paragraph that introduces the subject and stops.\n",
])
def test_an_article_that_cannot_be_structured_says_what_was_found_and_what_is_needed(text: str) -> None:
    with pytest.raises(ArticleError) as caught:
        draft_rubric(text)
    message = str(caught.value)
    assert re.search(r"found (?:no section headings|\d+ section headings?)", message)
    assert "needs at least one section" in message and '"- "' in message


@pytest.mark.parametrize(("folder", "subject"), [
    (ONOE, "'One Nation, One Election'"),
    (DPDP, "the Digital Personal Data Protection Act, 2023"),
    (WOMEN, "women's reservation in legislatures"),
    # a saved web page whose title ends in the site's name; a page of capitals under a "GS PAPER III | ..." line
    (BENCH / "lokpal-lokayuktas", "the Lokpal and Lokayuktas Act, 2013"),
    (BENCH / "pm-surya-ghar", "PM Surya Ghar: Muft Bijli Yojana"),
    # a Word document whose title qualifies the body's phrase; markdown whose body says "the project"
    (BENCH / "bharatiya-nyaya-sanhita", "new criminal laws"),
    (BENCH / "great-nicobar-project", "Great Nicobar Island Project"),
])
def test_every_question_names_the_articles_own_subject_not_a_single_word(folder: Path, subject: str) -> None:
    path = next(p for p in sorted(folder.glob("article.*")))
    rubric = draft_rubric(read(path))
    for question in rubric.questions:
        assert subject.lower() in question.text.lower() or "recommendations of the kovind" in question.text.lower(), \
            question.text


def test_recommendations_and_provisions_are_questions_and_the_way_forward_comes_from_its_own_section() -> None:
    rubric = draft_rubric(read(ONOE / "article.docx"))
    texts = [q.text for q in rubric.questions]
    assert any(t.startswith("Discuss the key recommendations of the Kovind Committee") for t in texts), texts
    assert any(t.startswith("Explain the key provisions of the Constitution (129th Amendment) Bill") for t in texts)
    critical = next(q for q in rubric.questions if q.directive.startswith("critically"))
    forward = next(p for p in critical.key_points if p.id == "way-forward")
    assert "constructive vote of no-confidence" in forward.point.lower() and "consensus" in forward.point.lower()
    counter = next(p for p in critical.key_points if p.id == "counter-view")
    assert counter.point.startswith("On the other side, 'One Nation, One Election' offers lower cost")


def test_an_explained_article_with_question_headings_gives_upsc_questions_and_its_way_forward() -> None:
    rubric = draft_rubric(read(BENCH / "unified-pension-scheme" / "article.txt"))
    critical = next(q for q in rubric.questions if q.directive.startswith("critically"))
    assert critical.text.endswith("Critically examine the concerns about the Unified Pension Scheme and suggest a way "
                                  "forward."), critical.text
    forward = next(p for p in critical.key_points if p.id == "way-forward")
    assert "actuarial" in forward.point  # from the one paragraph under "What next?"
    assert not any("What are the concerns?" in q.text or "Why does it matter?" in q.text for q in rubric.questions)


def test_a_key_point_keeps_its_supporting_sentence_and_names_what_a_pronoun_stands_for() -> None:
    rubric = draft_rubric(read(ONOE / "article.docx"))
    points = {p.title: p for q in rubric.questions for p in q.key_points}
    assert "S.R. Bommai" in points["Federalism"].point  # the case law in the bullet's second sentence
    assert points["New Article 82A"].point.startswith("New Article 82A empowers the President")


def test_misconceptions_are_the_reversed_form_of_a_challenge() -> None:
    assert reversed_claims("Frequent elections weaken the federal balance.") == \
        ["Frequent elections boost the federal balance."]
    rubric = draft_rubric(read(ONOE / "article.docx"))
    wrong = [m for q in rubric.questions for p in q.key_points for m in p.misconceptions]
    assert "Fixed cycles increase the number of times governments face voters." in wrong


@pytest.mark.parametrize(("text", "label", "expected"), [
    ("The Kovind Committee was constituted on 2 September 2023.", "",
     {"subject": "Kovind Committee", "attribute": "year constituted", "kind": "year", "values": ["2023"],
      "cues": ["constituted", "set up", "formed", "established", "created", "appointed", "launched", "founded",
               "approved"],
      "others": []}),
    ("In K.S. Puttaswamy v. Union of India (2017), the Court held that privacy is protected by Article 21.",
     "Puttaswamy judgment",
     {"subject": ["K.S. Puttaswamy v. Union of India", "Puttaswamy case", "Puttaswamy", "Puttaswamy judgment"],
      "attribute": "year of the ruling", "kind": "year", "values": ["2017"],
      "cues": ["held", "ruled", "delivered", "judgment", "verdict", "upheld", "struck down"], "others": []}),
    ("Parliament passed the Constitution (One Hundred and Sixth Amendment) Act, known as the Nari Shakti Vandan "
     "Adhiniyam.", "",
     {"subject": "Nari Shakti Vandan Adhiniyam", "attribute": "amendment number", "kind": "ordinal",
      "values": ["106th"], "cues": ["amendment"], "others": []}),
])
def test_facts_are_proposed_in_the_rubric_shape_bound_to_a_named_subject(text: str, label: str,
                                                                       expected: dict[str, object]) -> None:
    proposed = propose_facts(text, label=label)[0].to_dict()
    assert proposed.pop("source") == text  # the sentence is quoted when a student contradicts it
    assert proposed == expected


def test_a_label_that_is_no_name_names_the_attribute_of_the_heading_s_subject() -> None:
    proposed = propose_facts("13 February 2024; Cabinet approval on 29 February 2024.", label="Launched",
                             heading="PM Surya Ghar: Muft Bijli Yojana")
    assert [(f.attribute, f.values) for f in proposed] == [("year launched", ("2024",))]
    assert {"PM Surya Ghar", "Muft Bijli Yojana"} <= set(proposed[0].subject)


def test_who_chairs_a_body_is_proposed_with_its_other_members_as_the_wrong_chairs() -> None:
    text = ("The President appoints the members on the advice of a Selection Committee made up of the Prime Minister "
            "(chair), the Speaker of the Lok Sabha, the Chief Justice of India or a judge nominated by the Chief "
            "Justice, and an eminent jurist.")
    chair = next(f for f in propose_facts(text, label="Selection") if f.attribute == "chair")
    assert chair.subject == ("Selection Committee",) and chair.values == (("Prime Minister", "PM"),)
    assert ("Speaker of the Lok Sabha", "Speaker") in chair.others
    assert ("Chief Justice of India", "CJI", "Chief Justice") in chair.others
    Fact.model_validate(chair.to_dict())


@pytest.mark.parametrize("text", [
    "Women hold about 14 per cent of the seats in the Lok Sabha.",  # a share of a House, not of a named thing
    "The first four general elections of 1951-52, 1957, 1962 and 1967 were held together.",  # several years
    "The 73rd and 74th Constitutional Amendments reserved one-third of seats.",  # two ordinals
    "Several States argued in court that labour is in the State List.",  # reported, not the article's own claim
    "The Court upheld the collegium but struck down the NJAC.",  # two measures judged: which is which is not plain
])
def test_no_fact_is_proposed_where_its_subject_or_value_is_unclear(text: str) -> None:
    assert [f for f in propose_facts(text) if f.kind != "year" or "Act" in f.subject[0]] == []


@pytest.mark.parametrize(("text", "label", "attribute", "kind", "values", "others"), [
    # a body under a ministry: any other Union ministry is its wrong parent
    ("The Indian Computer Emergency Response Team, under the Ministry of Electronics and Information Technology "
     "(MeitY), is the national agency for incident response.", "CERT-In", "parent body", "name",
     ["Ministry of Electronics and Information Technology", "MeitY"], "Ministry of Home Affairs"),
    # a treaty India has not joined
    ("The Council of Europe's convention on cybercrime; India is not a party to it.", "Budapest Convention",
     "India a party", "yes-no", ["no"], None),
    # who appoints a body, by a label in plain words that names it
    ("An adjudicating body appointed by the Union government will inquire into breaches.",
     "Data Protection Board of India", "appointed by", "name",
     ["Union government", "Central government", "Centre", "government"], "Parliament"),
    # an amount with the word a student writes it with
    ("Approved in December 2021, with a total incentive outlay of Rs 76,000 crore.", "Semiconductor Mission",
     "outlay", "number", ["76,000 crore"], None),
    # a right and the article it rests on
    ("The Court held that the right to privacy is a fundamental right under Article 21.", "", "constitutional article",
     "article", ["21"], None),
    # a named measure a court judged, without a case name: a student's other verdict is wrong
    ("Section 66A of the IT Act was struck down by the Supreme Court in 2015 for vagueness.", "", "verdict",
     "verdict", ["struck down"], None),
    ("Demands to reserve jobs, such as Haryana's 75 per cent quota law struck down by the Punjab and Haryana High "
     "Court in 2023, treat migrants as outsiders.", "", "verdict", "verdict", ["struck down"], None),
    ("In 2022 the Supreme Court upheld the 103rd Amendment, which created the EWS quota.", "", "verdict", "verdict",
     ["upheld"], None),
    # a freedom the articles named guarantee, and the legislative list of a subject
    ("Article 19(1)(d) and Article 19(1)(e) guarantee every citizen the freedom to move and to reside anywhere.", "",
     "constitutional article", "article", ["19"], None),
    ("Labour is in the Concurrent List, so Parliament and the State Legislatures both make laws on it.", "",
     "legislative list", "name", ["Concurrent List", "List III", "Concurrent subject", "concurrent subject"],
     "State List"),
    ("Water is a State subject, while inter-State rivers are left to the Union.", "", "legislative list", "name",
     ["State List", "List II", "State subject"], "Concurrent List"),
    # the year of a law whose name carries a bracketed qualifier, named without it
    ("The Code replaces the Inter-State Migrant Workmen (Regulation of Employment and Conditions of Service) Act, 1979 "
     "along with twelve other laws.", "", "year of the Act", "year", ["1979"], None),
    # what a named law has never produced (the river wrong-facts answer: "the Act has created boards for every basin")
    ("It allows the Centre to set up advisory boards, but not a single board has been created under it.",
     "River Boards Act, 1956", "board created", "yes-no", ["no"], None),
    ("No tribunal has been constituted under it so far.", "Inter-State Council", "tribunal constituted", "yes-no",
     ["no"], None),
    # what an agent approved, not the agent, with the outlay right after its word (not a later sum)
    ("The Union Cabinet approved the National Critical Mineral Mission on 29 January 2025 with an outlay of Rs 16,300 "
     "crore, and public sector undertakings are to invest a further Rs 18,000 crore.", "", "outlay", "number",
     ["16,300 crore"], None),
    ("The Union Cabinet approved the National Critical Mineral Mission on 29 January 2025.", "", "year approved",
     "year", ["2025"], None),
    # each dating verb dates the year of its own phrase
    ("The Unified Pension Scheme was approved by the Union Cabinet on 24 August 2024, notified by the Finance "
     "Ministry in January 2025 and came into effect on 1 April 2025.", "", "year approved", "year", ["2024"], None),
    ("The Unified Pension Scheme was approved by the Union Cabinet on 24 August 2024, notified by the Finance "
     "Ministry in January 2025 and came into effect on 1 April 2025.", "", "year in force", "year", ["2025"], None),
])
def test_facts_students_get_wrong_are_proposed(text: str, label: str, attribute: str, kind: str, values: list[str],
                                               others: str | None) -> None:
    proposed = [f for f in propose_facts(text, label=label, bodies=[("National Technical Research Organisation",)])
                if f.attribute == attribute]
    assert proposed and proposed[0].kind == kind and list(proposed[0].values) == values
    assert others is None or others in proposed[0].others
    Fact.model_validate(proposed[0].to_dict())


@pytest.mark.parametrize(("text", "label", "heading", "attribute"), [
    # a heading that stands in for the subject names nothing a student's answer could be checked against
    ("Approved on 4 January 2023 with an initial outlay of Rs 19,744 crore.", "Outlay", "About the Mission", ""),
    # who runs a programme's bids is not whom the programme answers to
    ("It offers incentives awarded through bids run by the Solar Energy Corporation of India (SECI).",
     "SIGHT programme", "", "parent body"),
    # a year in brackets is no acronym: the articles belong to other disqualifications, not to the committee
    ("The Dinesh Goswami Committee (1990) suggested the Governor decide, as under Articles 103 and 192.",
     "Independent adjudicator", "", "constitutional article"),
    # a label with an aside ("Reservation (Article 243D)") names no one thing whose share a student could misstate
    ("Not less than one-third of the seats are reserved for women.", "Reservation (Article 243D)", "",
     "share of seats"),
])
def test_no_fact_is_bound_to_a_stand_in_or_a_neighbour(text: str, label: str, heading: str, attribute: str) -> None:
    from evaluator.authoring.facts import heading_name

    proposed = propose_facts(text, label=label, heading=heading_name(heading), bodies=[("Ministry of Power",)])
    assert [f for f in proposed if not attribute or f.attribute == attribute] == []


@pytest.mark.parametrize(("text", "label", "subject", "year"), [
    # two years: the one the dating verb is followed by
    ("The tribunal was constituted in 1990 and gave its final award in 2007.", "Cauvery", "Cauvery", "1990"),
    # the year of the name the verb is said of, not of the bullet's label
    ("In 2018 the Court modified the award; the Cauvery Water Management Authority was set up the same year.",
     "Cauvery", "Cauvery Water Management Authority", "2018"),
])
def test_a_year_is_bound_to_what_its_verb_dates(text: str, label: str, subject: str, year: str) -> None:
    years = [f for f in propose_facts(text, label=label) if f.kind == "year"]
    assert [(f.subject[0], f.values) for f in years] == [(subject, (year,))]


def test_a_ministry_the_article_names_in_another_role_is_no_wrong_parent() -> None:
    text = "The scheme, under the Ministry of New and Renewable Energy, funds solar pumps."
    article = f"{text} Farmers apply through the Ministry of Agriculture and Farmers Welfare."
    fact = next(f for f in propose_facts(text, label="PM-KUSUM", bodies=[("Ministry of New and Renewable Energy",)],
                                         article=article) if f.attribute == "parent body")
    assert "Ministry of Agriculture and Farmers Welfare" not in fact.others and "Ministry of Power" in fact.others


def test_a_party_consulted_beside_the_appointer_is_no_wrong_value() -> None:
    text = "A High Court judge is appointed by the President after consultation with the CJI and the Governor."
    fact = next(f for f in propose_facts(text, label="Article 217") if f.attribute == "appointed by")
    assert fact.values == ("President",) and "Governor" not in fact.others and "Parliament" in fact.others


def test_the_article_s_own_law_is_checked_by_the_names_students_give_it() -> None:
    from evaluator import evaluate

    rubric = draft_rubric(read(WOMEN / "article.pdf"))
    question = rubric.questions[0]

    def wrong(answer: str) -> list[str]:
        return [c.clause for c in evaluate(answer, question, rubric=rubric).claims if c.verdict == "wrong"]

    # its number, as "the ... Amendment Act", and the articles "the Act" inserts
    assert wrong("The 104th Constitutional Amendment Act reserves seats for women. The Act inserts Article 370A.")
    # another amendment the article names is no mistake, nor are the law's own number and articles
    assert not wrong("The 73rd Constitutional Amendment Act reserved one-third of panchayat seats for women. The "
                     "106th Amendment Act inserts Article 330A and Article 332A and reserves one-third of the seats.")
    # an article the Act's provisions name in a sentence of their own is the Act's too
    assert not wrong("The Act also amends Article 239AA to cover the Delhi Assembly.")


ARTICLES = sorted(p for p in BENCH.glob("*/article.*") if p.suffix in (".txt", ".md", ".docx", ".pdf", ".html"))


@pytest.mark.parametrize("path", ARTICLES, ids=[p.parent.name for p in ARTICLES])
def test_the_article_itself_breaks_no_fact_drafted_from_it(path: Path) -> None:
    """Read as an answer, the article has no claim called wrong by its own draft (a law "of 2013" that "came into
    force in 2014" once had its year fact call the second year wrong)."""
    from evaluator import evaluate

    text = read(path)
    rubric = draft_rubric(text)
    assert any(f for q in rubric.questions for p in q.key_points for f in p.facts) or path.parent.name == "pm-surya-ghar"
    evaluation = evaluate(normalise_layout(text), rubric.questions[0], rubric=rubric)
    assert [c.clause for c in evaluation.claims if c.verdict == "wrong"] == []


def test_every_drafted_fact_has_the_shape_of_the_rubric_field() -> None:
    rubric = draft_rubric(read(DPDP / "article.md"))
    text = draft_yaml(rubric)
    parse_rubric(text)  # loads as it is, facts and all
    proposed = [f for q in rubric.questions for p in q.key_points for f in propose_facts(p.point, label=p.title)]
    assert proposed
    for fact in proposed:
        shape = fact.to_dict()
        assert list(shape) == ["subject", "attribute", "kind", "values", "cues", "others", "source"]
        Fact.model_validate(shape)  # the rubric model reads it as it is
        assert shape["kind"] in FACT_KINDS and shape["values"] and all(isinstance(v, str) for v in shape["values"])
        assert isinstance(shape["subject"], (str, list)) and shape["attribute"]
    declared = [f for q in rubric.questions for p in q.key_points for f in p.facts]
    assert any(f.subject[0] == "K.S. Puttaswamy v. Union of India" and f.kind == "article" for f in declared)
    assert "facts:" in text and parse_rubric(text) == rubric


@pytest.mark.parametrize("saved", ["article.docx"])
def test_cli_drafts_from_a_saved_word_file(capsys: pytest.CaptureFixture[str], saved: str) -> None:
    assert main(["draft", str(ONOE / saved)]) == 0
    text = capsys.readouterr().out
    assert parse_rubric(text).id == "one-nation-one-election"
