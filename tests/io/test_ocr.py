"""Specification of reading photos and scans: pages written in a handwriting font at test time, read back by OCR.

The pages are made with Pillow (tests/handwriting.py); what is asserted is what was read, never how
long it took (bench/ocr.py prints the times). Tests that need the OCR engines skip on a machine without
them and fail in CI, where ``make test`` installs them.
"""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from evaluator.io.ingest import AnswerFile, IngestError, read_answer_bytes
from evaluator.io.layout import Line, Word
from evaluator.io.limits import SourceLimits
from evaluator.io.ocr import DEFAULT_SETTINGS, OcrPage, OcrResult, OcrSettings, OcrUnavailable, read_scan
from tests.answer_files import sample
from tests.handwriting import cer, font_named, phone_photo, png_bytes, render_pages, require_ocr, scanned_pdf_bytes

FONT = "humor-sans"  # print-like; the bench measures the others
SHORT = ("India and the US signed a roadmap for defence industrial cooperation in 2023.\n\n"
         "It will speed up co-production of jet engines and armoured vehicles in India.\n\n"
         "Thus the partnership moves from buyer and seller to joint development.")


@pytest.fixture(scope="module")
def page() -> Image.Image:
    require_ocr(fonts=(FONT,))
    return render_pages(SHORT, font_named(FONT))[0]


@pytest.fixture(scope="module")
def read_page(page: Image.Image) -> AnswerFile:
    return read_answer_bytes("q2_photo.png", png_bytes(page))


def test_a_photographed_page_is_read_into_text_close_to_what_was_written(read_page: AnswerFile) -> None:
    assert read_page.kind == "image" and read_page.ocr is not None
    assert cer(SHORT, read_page.text) < 0.03, read_page.text
    assert 0.9 < read_page.confidence <= 1 and not read_page.needs_review
    assert [len(line.text) > 10 for line in read_page.ocr.pages[0].lines] == [True] * 6  # six written lines, all read


def test_paragraphs_survive_the_reading(read_page: AnswerFile) -> None:
    assert len(read_page.text.split("\n\n")) == 3
    assert read_page.text.split("\n\n")[-1].casefold().startswith("thus")


def test_every_line_has_its_confidence_and_words_their_boxes(read_page: AnswerFile) -> None:
    page = read_page.ocr.pages[0]
    assert page.engine == "rapidocr"
    for line in page.lines:
        assert 0 <= line.confidence <= 1
        x0, y0, x1, y1 = line.box
        assert 0 <= x0 < x1 <= page.image.width and 0 <= y0 < y1 <= page.image.height


@pytest.mark.parametrize("degrees", [90, 180, 270, 4])
def test_a_page_photographed_sideways_upside_down_or_askew_reads_the_same(page: Image.Image, degrees: int) -> None:
    turned = page.rotate(degrees, expand=True, fillcolor=248)  # counter-clockwise
    read = read_answer_bytes("turned.png", png_bytes(turned))
    assert cer(SHORT, read.text) < 0.03, read.text
    upright = read.ocr.pages[0]
    if degrees % 90 == 0:
        assert upright.rotated == degrees  # turned back clockwise
    else:
        assert abs(upright.skew - degrees) < 1.5


def test_a_multi_page_scanned_pdf_is_read_page_by_page_in_order() -> None:
    require_ocr(fonts=(FONT,))
    text = sample("q2_average.txt")
    paragraphs = text.split("\n\n")
    first, second = render_pages("\n\n".join(paragraphs[:2]), font_named(FONT)), render_pages(
        "\n\n".join(paragraphs[2:]), font_named(FONT), seed=1)
    said: list[tuple[int, int]] = []
    read = read_answer_bytes("q2_scan.pdf", scanned_pdf_bytes(first + second),
                             on_page=lambda n, pages: said.append((n, pages)))
    assert read.kind == "scan" and len(read.ocr.pages) == 2
    assert said == [(1, 2), (2, 2)]  # "Reading page 1 of 2 ...", before each page
    assert cer(text, read.text) < 0.05, read.text
    assert read.text.casefold().index("icet") < read.text.casefold().index("growth")


def test_a_multi_page_tiff_is_read_too(page: Image.Image) -> None:
    buffer = io.BytesIO()
    page.save(buffer, "TIFF", save_all=True, append_images=[page], compression="tiff_deflate")
    read = read_answer_bytes("scan.tiff", buffer.getvalue())
    assert len(read.ocr.pages) == 2 and cer(SHORT + "\n\n" + SHORT, read.text) < 0.05


def test_margin_notes_and_page_headers_are_left_out() -> None:
    require_ocr(fonts=(FONT,))
    pages = render_pages(SHORT, font_named(FONT), header="UPSC Mains answer booklet", margin_note="imp!")
    read = read_answer_bytes("q2.png", png_bytes(pages[0]))
    assert "booklet" not in read.text.casefold() and "imp!" not in read.text.casefold()
    assert cer(SHORT, read.text) < 0.03, read.text
    ignored = " ".join(line.text.casefold() for line in read.ocr.pages[0].ignored)
    assert "booklet" in ignored and "mp!" in ignored  # the note as read ("imp!" or "mmp!")


@pytest.mark.parametrize("photo", [False, True], ids=["scan", "phone photo, unevenly lit"])
def test_a_hindi_page_is_read_as_devanagari(photo: bool) -> None:
    require_ocr(hindi=True, fonts=("lohit-devanagari",))
    text = (sample("hindi/q1_good.hi.txt")).split("\n\n")[1]
    page = render_pages(text, font_named("lohit-devanagari"))[0]
    read = read_answer_bytes("q1_hindi.jpg", png_bytes(phone_photo(page) if photo else page))
    assert read.ocr.pages[0].engine.startswith("tesseract:hin")
    devanagari = sum(1 for c in read.text if "\u0900" <= c <= "\u097f")
    assert devanagari > 0.8 * sum(1 for c in read.text if c.isalpha())
    assert cer(text, read.text) < 0.08, read.text  # the errors are in the Latin inside: "(iCET)" read "(८६)"


def test_a_blank_page_says_no_writing_was_found() -> None:
    require_ocr()
    with pytest.raises(IngestError, match="no writing was found on the page"):
        read_answer_bytes("blank.png", png_bytes(Image.new("L", (800, 1100), 250)))


# --- refusals: none of these needs an OCR engine --------------------------------------------------------------------


def _png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge image (a decompression bomb's first bytes)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = chunk(b"IDAT", zlib.compress(b"\0" * 64))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + pixels + chunk(b"IEND", b"")


def _tiff_pages(count: int) -> bytes:
    buffer = io.BytesIO()
    frames = [Image.new("L", (20, 20), 255) for _ in range(count)]
    frames[0].save(buffer, "TIFF", save_all=True, append_images=frames[1:])
    return buffer.getvalue()


def _truncated_png() -> bytes:
    return png_bytes(Image.effect_noise((400, 400), 60).convert("L"))[:3000]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("a.png", b"\x89PNG\r\n\x1a\nnot really", "not a PNG, JPEG, WebP or TIFF image"),
        ("a.jpg", b"%!PS-Adobe-3.0 EPSF-3.0\n", "not a PNG, JPEG, WebP or TIFF image"),  # not handed to Ghostscript
        ("a.png", _truncated_png(), "the image cannot be decoded (corrupt or truncated image"),
        ("bomb.png", _png_header_only(8_000, 6_000), "is 8,000x6,000 pixels (48 megapixels); the limit is 40"),
        ("bomb.png", _png_header_only(60_000, 60_000), "too large to decode (decompression bomb?)"),  # Pillow's limit
        ("pages.tif", _tiff_pages(9), "9 pages; a photographed or scanned answer may have up to 8"),
        ("pages.pdf", scanned_pdf_bytes([Image.new("L", (20, 20), 255)] * 9), "9 pages"),
        ("big.png", b"\x89PNG" + b"\0" * 300, "file is 304 bytes; the limit is 300"),
    ],
)
def test_bad_photos_and_scans_say_which_file_and_what_is_wrong(name: str, data: bytes, reason: str) -> None:
    with pytest.raises(IngestError) as caught:
        read_answer_bytes(name, data, limits=SourceLimits(max_scan_bytes=300 if name == "big.png" else 20_000_000))
    assert caught.value.name == name and reason in caught.value.reason, caught.value.reason


def _tiff(*pages: Image.Image) -> bytes:
    buffer = io.BytesIO()
    pages[0].save(buffer, "TIFF", save_all=True, append_images=list(pages[1:]), compression="tiff_deflate")
    return buffer.getvalue()


PAGE_LIMIT = SourceLimits(max_page_bytes=5_000_000)  # 1500x1500 pixels: 2.25 MB in 8-bit grey, 9 MB in colour


@pytest.mark.parametrize(("mode", "refused"), [("L", False), ("I;16", False), ("RGB", True), ("F", True), ("I", True)])
def test_regression_a_page_is_refused_by_its_decoded_bytes_in_every_image_mode(mode: str, refused: bool) -> None:
    """A 2 MB TIFF of 6300x6300 float pages took 2.7 GB: pixels alone do not bound memory, their mode does."""
    from evaluator.io.scans import ScanError, image_pages

    data = _tiff(Image.new(mode, (1500, 1500)))
    if refused:
        with pytest.raises(ScanError, match=r"the image takes 9 MB once decoded \(1,500x1,500 pixels of 4 bytes\); "
                                            r"the limit is 5 MB a page"):
            image_pages(data, limits=PAGE_LIMIT)
    else:
        assert [page.size for page in image_pages(data, limits=PAGE_LIMIT)] == [(1500, 1500)]


def test_every_page_is_checked_before_the_first_is_decoded() -> None:
    from evaluator.io.scans import ScanError, image_pages

    data = _tiff(Image.new("L", (100, 100), 255), Image.new("L", (100, 100), 255), Image.new("F", (1500, 1500)))
    with pytest.raises(ScanError, match="page 3 takes 9 MB once decoded"):
        image_pages(data, limits=PAGE_LIMIT)


def test_a_scanned_pdf_page_is_refused_by_its_decoded_bytes_too() -> None:
    from evaluator.io.scans import ScanError, pdf_pages

    with pytest.raises(ScanError, match="page 2 takes 9 MB once decoded"):
        pdf_pages(scanned_pdf_bytes([Image.new("L", (100, 100), 255), Image.new("RGB", (1500, 1500), "white")]),
                  limits=PAGE_LIMIT)


def test_pages_are_decoded_one_at_a_time_as_they_are_read() -> None:
    from evaluator.io.scans import image_pages

    pages = image_pages(_tiff(*(Image.new("L", (200, 100 + n), 255) for n in range(4))))
    assert len(pages) == 4
    sizes = []
    for page in pages:  # each page is the file's own frame until the next is read: nothing else is kept
        sizes.append(page.size)
    assert sizes == [(200, 100), (200, 101), (200, 102), (200, 103)]


def test_regression_ocr_stops_at_the_answers_time_limit_and_says_which_pages_were_not_read() -> None:
    """An 8-page dense scan held an upload for 9 minutes: past ``ocr_seconds_per_upload`` no page is started."""
    from PIL import ImageDraw

    from evaluator.io.ocr import read_pages
    from evaluator.io.scans import image_pages

    require_ocr(fonts=())
    page = Image.new("L", (800, 300), 255)
    ImageDraw.Draw(page).text((40, 120), "India and the US signed a defence roadmap.", fill=0, font_size=30)

    result = read_pages(image_pages(_tiff(page, page, page)), limits=SourceLimits(ocr_seconds_per_upload=1e-9))
    assert [p.number for p in result.pages] == [1] and result.unread_pages == (2, 3)
    assert result.needs_review
    assert "pages 2-3 were not read" in result.note and "1e-09 s for one answer" in result.note


def test_photos_may_be_larger_than_typed_files_but_not_without_limit() -> None:
    limits = SourceLimits()
    assert limits.max_bytes_for("a.jpeg") == 20_000_000 > limits.max_bytes_for("a.docx") == 5_000_000


def test_without_an_ocr_engine_a_photo_gets_a_message_saying_what_to_install() -> None:
    image = png_bytes(Image.new("L", (50, 50), 255))
    with pytest.raises(OcrUnavailable, match="none is installed on this server; run `make run`"):
        read_scan(image, pdf=False, settings=OcrSettings(rapidocr=False, tesseract="no-such-tesseract"))


# --- confidence and review: what a mentor is told to check -----------------------------------------------------------


def _result(*confidences: float) -> OcrResult:
    words = tuple(Word(f"word{i}", c, (10 * i, 0, 10 * i + 8, 10)) for i, c in enumerate(confidences))
    return OcrResult((OcrPage(1, Image.new("L", (1, 1)), ((Line(words),),)),))


@pytest.mark.parametrize(
    ("confidences", "needs_review"),
    [
        ((0.99,) * 20, False),
        ((0.99,) * 17 + (0.5,) * 3, True),  # 15% of the words unsure
        ((0.85,) * 20, True),  # nothing very wrong, but not sure of anything
        ((), True),  # nothing read
    ],
)
def test_an_answer_read_with_low_confidence_needs_review(confidences: tuple[float, ...], needs_review: bool) -> None:
    assert _result(*confidences).needs_review is needs_review


def test_unsure_words_are_those_under_the_threshold() -> None:
    result = _result(0.99, DEFAULT_SETTINGS.unsure_below - 0.01, 0.3)
    assert [w.text for w in result.unsure_words] == ["word1", "word2"]
