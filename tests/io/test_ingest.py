"""Specification of the one answer reader: every format, every encoding, every refusal names the file and the reason."""

from __future__ import annotations

import codecs
import io
import os
import re
from pathlib import Path

import pytest

from evaluator import evaluate
from evaluator.io.ingest import IngestError, read_answer_bytes, read_answer_file, split_heading
from evaluator.io.limits import SourceLimits
from tests.answer_files import SAMPLES, docx_bytes, docx_with_body, pdf_bytes, pdf_with_content, zip_bytes

TEXT = "India and the US agreed a roadmap for co-production.\n\nThus the partnership deepens."


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("a.txt", TEXT.encode("utf-8")),
        ("a.md", TEXT.encode("utf-8")),
        ("A.TXT", TEXT.encode("utf-8")),  # suffixes in any case
        ("a.txt", codecs.BOM_UTF8 + TEXT.encode("utf-8")),
        ("a.txt", TEXT.encode("utf-16")),  # Notepad's "Unicode", with its byte order mark
        ("a.txt", TEXT.encode("utf-32")),
        ("answer", TEXT.encode("utf-8")),  # no suffix: plain text
    ],
)
def test_text_files_in_every_encoding_a_student_saves_are_read_exactly(name: str, data: bytes) -> None:
    read = read_answer_bytes(name, data)
    assert (read.name, read.text, read.kind) == (name, TEXT, "text")


def test_a_word_document_keeps_its_paragraphs() -> None:
    read = read_answer_bytes("a.docx", docx_bytes(TEXT))
    assert read.kind == "docx" and read.text == TEXT


def test_a_pdf_with_a_text_layer_is_read() -> None:
    read = read_answer_bytes("a.pdf", pdf_bytes(TEXT))
    assert read.kind == "pdf" and "roadmap for co-production" in read.text


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("a.exe", b"MZ", "unsupported file type '.exe'; use .txt, .md, .docx, .pdf"),
        ("a.txt", b"\x00\x01binary", "not a text file (it holds binary data)"),
        ("a.txt", "Défense".encode("latin-1"), "not UTF-8 text (invalid byte 0xe9 at offset 1); save the file as UTF-8"),
        ("a.txt", codecs.BOM_UTF16_LE + b"\x00\xd8", "starts like UTF-16 text but is not"),
        ("a.docx", b"not a zip", "corrupt or not a .docx file"),
        ("a.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 50, "password-protected or old-format (.doc) Word file"),
        ("a.pdf", b"%PDF-1.4 broken", "corrupt or unreadable PDF"),
        ("a.txt", b"x" * 101, "file is 101 bytes; the limit is 100"),
    ],
)
def test_unreadable_files_say_which_file_and_why(name: str, data: bytes, reason: str) -> None:
    with pytest.raises(IngestError) as caught:
        read_answer_bytes(name, data, limits=SourceLimits(max_file_bytes=100))
    assert caught.value.name == name
    assert str(caught.value).startswith(f"{name}: ") and reason in caught.value.reason


def test_a_file_on_disk_and_standard_input_go_through_the_same_reader(tmp_path: Path) -> None:
    path = tmp_path / "a.docx"
    path.write_bytes(docx_bytes(TEXT))
    assert read_answer_file(path).text == TEXT
    assert read_answer_file("-", stdin=io.BytesIO(TEXT.encode("utf-16"))).text == TEXT


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda tmp: tmp / "missing.txt", "no such file"),
        (lambda tmp: tmp, r"not a regular file \(a pipe, socket, device or folder\)"),  # a folder is not an answer
        (lambda tmp: Path("/dev/zero"), r"not a regular file"),  # a device never ends
        (lambda tmp: (os.mkfifo(tmp / "pipe.txt"), tmp / "pipe.txt")[1], "not a regular file"),  # nor is it waited on
        (lambda tmp: (tmp / "big.txt", (tmp / "big.txt").write_bytes(b"x" * 200))[0],
         "file is 200 bytes; the limit is 100"),
    ],
)
def test_a_path_that_cannot_be_read_is_refused_before_reading(tmp_path: Path, make, reason: str) -> None:  # noqa: ANN001
    with pytest.raises(IngestError, match=reason):
        read_answer_file(make(tmp_path), limits=SourceLimits(max_file_bytes=100))


def test_standard_input_is_read_only_up_to_the_limit() -> None:
    with pytest.raises(IngestError, match="input is over 100 bytes"):
        read_answer_file("-", stdin=io.BytesIO(b"x" * 10_000), limits=SourceLimits(max_file_bytes=100))


# --- issue 16: every zip-based format under the same limits; every parser failure is the file's error ---


def test_regression_a_small_docx_holding_megabytes_of_empty_paragraphs_is_refused_before_it_is_parsed() -> None:
    bomb = docx_with_body(b"<w:p/>" * 200_000)  # 1.2 MB of XML in a few kB: took 14 s and 180 MB to read
    assert len(bomb) < 60_000
    with pytest.raises(IngestError) as caught:
        read_answer_bytes("answer.docx", bomb)
    assert caught.value.reason.startswith("word/document.xml: refused: compression ratio ")
    assert caught.value.reason.endswith(":1 is over 100:1 (zip bomb?)")


@pytest.mark.parametrize(
    ("limits", "reason"),
    [
        (SourceLimits(max_file_bytes=60_000), "word/document.xml: file is 103,548 bytes; the limit is 60,000"),
        (SourceLimits(max_ratio=2), "word/document.xml: refused: compression ratio "),
        (SourceLimits(max_entries=5), "refused: the archive lists 17 entries; the limit is 5"),
    ],
    ids=["unpacked size", "ratio", "entries"],
)
def test_a_docx_is_held_to_the_limits_of_every_zip(limits: SourceLimits, reason: str) -> None:
    document = docx_with_body(b"<w:p><w:r><w:t>India and the US. </w:t></w:r></w:p>" * 2_000, compresslevel=1)
    assert read_answer_bytes("a.docx", document).text.startswith("India and the US.")  # within the default limits
    with pytest.raises(IngestError, match=re.escape(reason)):
        read_answer_bytes("a.docx", document, limits=limits)


def test_a_docx_reads_runs_links_tabs_and_breaks_like_word_shows_them() -> None:
    body = (b'<w:p><w:r><w:t xml:space="preserve">India and </w:t></w:r><w:hyperlink><w:r><w:t>the US</w:t></w:r>'
            b'</w:hyperlink><w:r><w:tab/><w:t>co</w:t><w:noBreakHyphen/><w:t>production</w:t><w:br/>'
            b'<w:t>next line</w:t><w:br w:type="page"/></w:r></w:p><w:p/><w:p><w:r><w:t>Thus.</w:t></w:r></w:p>')
    assert read_answer_bytes("a.docx", docx_with_body(body)).text == (
        "India and the US\tco-production\nnext line\n\nThus.")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        # pypdf's LimitReachedError escaped the reader: a traceback in score, on the page, and a batch that
        # stopped at this file on every resume
        (pdf_with_content(b"BT /F1 9 Tf 40 800 Td (Hi) Tj ET " + b" " * 80_000_000, filters=b"[/FlateDecode]"),
         "corrupt or unreadable PDF (LimitReachedError)"),
        (pdf_with_content(b"BT /F1 9 Tf 40 800 Td (Hi) Tj ET " + b" " * 80_000_000),
         "the PDF's pages hold over 400,000 bytes of drawing instructions"),
        (pdf_with_content(b"BT /F1 9 Tf 40 800 Td " + b"(Hello world.) Tj T* " * 20_000 + b"ET"),
         "the PDF's pages hold over 400,000 bytes of drawing instructions"),
        (pdf_with_content(b"BT /F1 9 Tf 40 800 Td (Hi) Tj ET", filters=b"/NoSuchFilter"),
         "corrupt or unreadable PDF (NotImplementedError)"),
    ],
    ids=["stream over pypdf's limit", "deflate bomb", "too much text drawing", "unknown filter"],
)
def test_regression_a_pdf_that_trips_the_parser_is_this_files_error(data: bytes, reason: str) -> None:
    with pytest.raises(IngestError) as caught:
        read_answer_bytes("answer.pdf", data)
    assert caught.value.name == "answer.pdf" and reason in caught.value.reason


def test_a_pdf_with_too_many_pages_is_refused_before_its_text_is_read() -> None:
    text = "\n\n".join(f"Paragraph {n} of a long answer." for n in range(400))
    with pytest.raises(IngestError, match="the PDF has .* pages; answers of up to 5 pages are read"):
        read_answer_bytes("a.pdf", pdf_bytes(text), limits=SourceLimits(max_pdf_pages=5))


# --- issue 16: the same answer reads the same, and gets the same marks, in every format ---

LAYOUTS = {  # how a word processor may set the same answer in a PDF
    "paragraph spacing": {},
    "first-line indents, no spacing": {"indent": 18, "paragraph_gap": 0},
    "double line spacing": {"size": 10, "leading": 2.0},
    "narrow column": {"size": 12, "width": 380},
}
FORMAT_SAMPLES = ["q1_excellent.txt", "q1_average.txt", "q2_excellent.txt", "q2_misspelt.txt", "q3_paraphrased.txt",
                  "q3_keywords.txt", "q4_excellent.txt", "q4_poor.txt"]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("sample", FORMAT_SAMPLES)
def test_a_pdf_gives_back_the_paragraphs_lines_and_words_of_the_answer(sample: str, layout: str) -> None:
    text = (SAMPLES / sample).read_text(encoding="utf-8").strip()
    if layout == "first-line indents, no spacing" and sample == "q3_paraphrased.txt":
        pytest.skip("known gap (docs/limits.md): a bullet whose last line is full, then an indented paragraph")
    assert read_answer_bytes("a.pdf", pdf_bytes(text, **LAYOUTS[layout])).text == text


@pytest.mark.parametrize("sample", FORMAT_SAMPLES)
def test_regression_the_same_answer_gets_the_same_marks_as_txt_md_docx_and_pdf(rubric, sample: str) -> None:  # noqa: ANN001
    text = (SAMPLES / sample).read_text(encoding="utf-8")
    question = rubric.question(sample[:2].upper())
    files = {"answer.txt": text.encode(), "answer.md": text.encode(), "answer.docx": docx_bytes(text),
             "answer.pdf": pdf_bytes(text), "headed.docx": docx_bytes(f"Answer - {question.id}\n\n{text}")}
    marks = {name: evaluate(read_answer_bytes(name, data).text, question).marks for name, data in files.items()}
    assert len(set(marks.values())) == 1, marks  # was 6.5 as .txt and 5.5 as .pdf; a heading raised the mark


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("Answer - Q1\n\nIndia and the US.", "Answer - Q1"),
        ("Q2.\nIndia and the US.", "Q2."),
        ("Question No. 3 (15 marks)\nIndia and the US.", "Question No. 3 (15 marks)"),
        ("Ans 4: India-US defence\nIndia and the US.", "Ans 4: India-US defence"),
        ("## Answer to Q1\nIndia and the US.", "## Answer to Q1"),
        ("Introduction\nIndia and the US.", ""),  # a section heading is part of the answer
        ("2023 was a turning point.\nIndia and the US.", ""),
        ("Q1 India and the US signed a roadmap for joint production of jet engines in 2023, a big step.\nMore.", ""),
        ("Answer - Q1", ""),  # the whole file: nothing else to score, so it stays
    ],
)
def test_a_first_line_that_only_names_the_question_is_the_files_heading(text: str, heading: str) -> None:
    assert split_heading(text)[0] == heading
    read = read_answer_bytes("a.txt", text.encode())
    assert (read.heading, read.text) == ((heading, text.split("\n", 1)[1].lstrip("\n")) if heading else ("", text))


def test_every_zip_based_format_has_a_ratio_limit() -> None:
    # the batch's .zip archives and the .docx reader share one check (evaluator.io.archives)
    from evaluator.io.sources import iter_uploads

    bomb = b"<w:p/>" * 100_000
    [item] = iter_uploads([("class.zip", zip_bytes({"q1_asha.txt": bomb}))], question_ids=["Q1"])
    with pytest.raises(IngestError) as caught:
        read_answer_bytes("q1.docx", docx_with_body(bomb))
    assert item.error is not None and "(zip bomb?)" in item.error and "(zip bomb?)" in caught.value.reason
