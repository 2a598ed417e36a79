"""What the student page marks on a photographed answer, and when it asks for the text to be checked (issue 24,
item 7): OCR's confidence alone put the marks on words read right and passed a page full of misreads."""

from __future__ import annotations

from PIL import Image

from evaluator import load_rubric
from evaluator.io.layout import Line, Word
from evaluator.io.ocr import OcrPage, OcrResult
from evaluator.rubrics.vocabulary import correct_ocr
from tests.conftest import ROOT
from ui.scan_view import ScanUpload

PANCHAYAT = load_rubric(ROOT / "rubrics" / "panchayati-raj-73rd-amendment.yaml").question("Q1")
# as read from the photo: the engine was sure of the misreads and unsure of short words read right
READ = [("The", 0.97), ("coustitutional", 0.96), ("body", 0.71), ("is", 0.62), ("strong", 0.97), ("but", 0.96),
        ("Uwion", 0.95), ("andthestates", 0.95), ("share", 0.97), ("votes", 0.74), ("in", 0.96), ("a", 0.93),
        ("fonward", 0.96), ("way", 0.97)]


def scan_of(read: list[tuple[str, float]]) -> ScanUpload:
    words = tuple(Word(text, confidence, (60 * i, 10, 60 * i + 50, 40)) for i, (text, confidence) in enumerate(read))
    result = OcrResult((OcrPage(1, Image.new("L", (900, 60), 255), ((Line(words),),)),))
    return ScanUpload("q1_photo.jpg", result, correct_ocr(result.text, PANCHAYAT))


def test_regression_the_words_marked_are_the_misreads_not_the_short_words_read_right() -> None:
    scan = scan_of(READ)
    marked = [w.text for w in scan.result.words if scan.unsure(w.text, w.confidence)]
    assert {"coustitutional", "Uwion", "andthestates", "fonward"} <= set(marked)


def test_regression_a_confident_page_full_of_misreads_asks_to_be_checked() -> None:
    scan = scan_of(READ)
    assert scan.result.confidence > 0.9  # the engine alone: "94% confident", not flagged
    assert scan.needs_review


def test_a_page_read_right_is_not_sent_for_review() -> None:
    scan = scan_of([("The", 0.97), ("constitutional", 0.96), ("status", 0.95), ("of", 0.96), ("panchayats", 0.95),
                    ("is", 0.93), ("secure", 0.97), ("but", 0.96), ("their", 0.95), ("funds", 0.97), ("are", 0.96),
                    ("few", 0.95)])
    assert not scan.needs_review and not scan.corrected.corrections
