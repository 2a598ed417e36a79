"""Specification of the one answer reader: every format, every encoding, every refusal names the file and the reason."""

from __future__ import annotations

import codecs
import io
from pathlib import Path

import pytest

from evaluator.io.ingest import IngestError, read_answer_bytes, read_answer_file
from evaluator.io.limits import SourceLimits
from tests.answer_files import docx_bytes, pdf_bytes

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
        (lambda tmp: tmp, "no such file"),  # a folder is not an answer file
        (lambda tmp: (tmp / "big.txt", (tmp / "big.txt").write_bytes(b"x" * 200))[0],
         "file is 200 bytes; answers up to 100 bytes are read"),
    ],
)
def test_a_path_that_cannot_be_read_is_refused_before_reading(tmp_path: Path, make, reason: str) -> None:  # noqa: ANN001
    with pytest.raises(IngestError, match=reason):
        read_answer_file(make(tmp_path), limits=SourceLimits(max_file_bytes=100))


def test_standard_input_is_read_only_up_to_the_limit() -> None:
    with pytest.raises(IngestError, match="input is over 100 bytes"):
        read_answer_file("-", stdin=io.BytesIO(b"x" * 10_000), limits=SourceLimits(max_file_bytes=100))
