"""Reading one answer out of a file's bytes: .txt, .md, .docx, .pdf, photos and scans. The one reader every entry
point uses.

:func:`read_answer_bytes` (an upload, a zip entry) and :func:`read_answer_file` (a path, or ``-`` for
standard input) choose the format by the name's suffix, detect the text encoding and apply the size
limit of :mod:`evaluator.io.limits`. Photos (.png, .jpg, .jpeg, .webp, .tif, .tiff) and PDFs without a
text layer are read by OCR (:mod:`evaluator.io.ocr`); their :class:`AnswerFile` carries the OCR result
(page images, per-line confidence, ``needs_review``). Every failure is an :class:`IngestError` that
names the file and says what is wrong, so a page can show it and a batch can record it and go on.
"""

from __future__ import annotations

import codecs
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, BinaryIO

from evaluator.io.limits import DEFAULT_LIMITS, IMAGE_SUFFIXES, SourceLimits

if TYPE_CHECKING:
    from evaluator.io.ocr import OcrResult

TEXT_SUFFIXES = frozenset({".txt", ".md", ".text", ""})
SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf", *IMAGE_SUFFIXES)
STDIN_NAME = "<stdin>.txt"
# Windows Notepad's "Unicode" is UTF-16 with a byte order mark; UTF-32 before UTF-16, whose BOM it starts with
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc, or a password-protected .docx


class IngestError(ValueError):
    """A file that cannot be read as an answer."""

    def __init__(self, name: str, reason: str) -> None:
        self.name, self.reason = name, reason
        super().__init__(f"{name}: {reason}")


class NeedsOcr(IngestError):
    """A photo, or a PDF with no text to extract (a scan): its text comes from OCR."""


@dataclass(frozen=True)
class AnswerFile:
    """The text read from one answer file, where it came from and, for photos and scans, what OCR made of it."""

    name: str
    text: str
    kind: str  # "text", "docx", "pdf", "image" (a photo) or "scan" (a PDF of page images)
    ocr: OcrResult | None = None  # pages, per-line confidence, needs_review: photos and scans only

    @property
    def confidence(self) -> float | None:
        """OCR's mean word confidence in [0, 1], ``None`` for typed files."""
        return None if self.ocr is None else self.ocr.confidence

    @property
    def needs_review(self) -> bool:
        """True when the text was read by OCR with low confidence: a person should check it against the page."""
        return self.ocr is not None and self.ocr.needs_review


def decode_text(name: str, data: bytes) -> str:
    """Decode plain-text bytes as UTF-8 (BOM allowed) or UTF-16/32 with a BOM, refusing binary data with a clear reason.

    >>> decode_text("a.txt", "भारत".encode("utf-16"))
    'भारत'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise IngestError(name, f"starts like {encoding.upper()} text but is not (invalid data at offset "
                                        f"{exc.start}); save the file as UTF-8") from None
    if b"\x00" in data:
        raise IngestError(name, "not a text file (it holds binary data): save the answer as .txt, .md, .docx or .pdf")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(name, f"not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                                "save the file as UTF-8") from None


def _docx_text(name: str, data: bytes) -> str:
    from docx import Document

    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        if data[:8] == _OLE_MAGIC:
            raise IngestError(name, "password-protected or old-format (.doc) Word file; save it as an unprotected .docx") from None
        raise IngestError(name, f"corrupt or not a .docx file ({type(exc).__name__})") from None
    return "\n\n".join(p.text for p in document.paragraphs if p.text.strip())


def _pdf_text(name: str, data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise IngestError(name, "password-protected PDF; remove the password and upload again")
        text = "\n\n".join((page.extract_text() or "").strip() for page in reader.pages)
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise IngestError(name, f"corrupt or unreadable PDF ({type(exc).__name__})") from None
    if not text.strip():
        raise NeedsOcr(name, "the PDF has no text layer")
    return text


def read_answer_bytes(name: str, data: bytes, *, limits: SourceLimits = DEFAULT_LIMITS, ocr: bool = True) -> AnswerFile:
    """The answer inside a file's bytes, read by the file name's suffix.

    With ``ocr=False`` a photo or a scanned PDF raises :class:`NeedsOcr` instead of being read (a batch reads
    it later, in a worker process).

    >>> read_answer_bytes("a.txt", "India–US".encode()).text
    'India–US'
    >>> read_answer_bytes("a.exe", b"MZ")
    Traceback (most recent call last):
    ...
    evaluator.io.ingest.IngestError: a.exe: unsupported file type '.exe'; use .txt, .md, .docx, .pdf, .png, .jpg, \
.jpeg, .webp, .tif, .tiff
    """
    suffix = PurePath(name).suffix.lower()
    if len(data) > limits.max_bytes_for(name):
        raise IngestError(name, f"file is {len(data):,} bytes; the limit is {limits.max_bytes_for(name):,}")
    if suffix in TEXT_SUFFIXES:
        return AnswerFile(name, decode_text(name, data), "text")
    if suffix == ".docx":
        return AnswerFile(name, _docx_text(name, data), "docx")
    if suffix == ".pdf":
        try:
            return AnswerFile(name, _pdf_text(name, data), "pdf")
        except NeedsOcr:
            if not ocr:
                raise
            return _ocr_answer(name, data, "scan", limits)
    if suffix in IMAGE_SUFFIXES:
        if not ocr:
            raise NeedsOcr(name, "a photo")
        return _ocr_answer(name, data, "image", limits)
    raise IngestError(name, f"unsupported file type '{suffix}'; use {', '.join(SUPPORTED_SUFFIXES)}")


def _ocr_answer(name: str, data: bytes, kind: str, limits: SourceLimits) -> AnswerFile:
    """A photo or a scanned PDF, read by OCR."""
    from evaluator.io.ocr import OcrError, read_scan

    try:
        result = read_scan(data, pdf=kind == "scan", limits=limits)
    except OcrError as exc:
        raise IngestError(name, exc.reason) from None
    return AnswerFile(name, result.text, kind, result)


def read_answer_file(source: str | Path, *, limits: SourceLimits = DEFAULT_LIMITS,
                     stdin: BinaryIO | None = None) -> AnswerFile:
    """The answer in a file on disk, or on ``stdin`` when ``source`` is ``-``, never reading past the size limit."""
    limit = limits.max_bytes_for(str(source))
    if str(source) == "-":
        if stdin is None:
            raise IngestError(STDIN_NAME, "no standard input to read")
        data = stdin.read(limit + 1)
        if len(data) > limit:
            raise IngestError(STDIN_NAME, f"input is over {limit:,} bytes")
        return read_answer_bytes(STDIN_NAME, data, limits=limits)
    path = Path(source)
    name = str(source)
    try:
        if not path.is_file():
            raise IngestError(name, "no such file")
        size = path.stat().st_size
        if size > limit:
            raise IngestError(name, f"file is {size:,} bytes; answers up to {limit:,} bytes are read")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)  # a file that grows while being read is still cut at the limit
    except OSError as exc:
        raise IngestError(name, f"cannot read the file ({exc.strerror or exc})") from None
    return read_answer_bytes(name, data, limits=limits)
