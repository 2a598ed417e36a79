"""Reading answers out of uploaded or stored files: .txt, .md, .docx, .pdf.

Every failure is an :class:`IngestError` that names the file and says what is wrong,
so a batch can record it and go on.
"""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import PurePath

MAX_FILE_BYTES = 5_000_000  # a typed answer is a few kB; a scanned 10-page PDF is still under this
TEXT_SUFFIXES = {".txt", ".md", ".text", ""}
SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf")
# Windows Notepad's "Unicode" is UTF-16 with a byte order mark; UTF-32 before UTF-16, whose BOM it starts with
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class IngestError(ValueError):
    """A file that cannot be read as an answer."""

    def __init__(self, name: str, reason: str) -> None:
        self.name, self.reason = name, reason
        super().__init__(f"{name}: {reason}")


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
        if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
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
        raise IngestError(name, "the PDF has no text layer (scanned image?); type the answer or upload a text PDF")
    return text


def extract_text(name: str, data: bytes, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The answer text inside a file's bytes, chosen by the file name's suffix.

    >>> extract_text("a.txt", "India–US".encode())
    'India–US'
    >>> extract_text("a.exe", b"MZ")
    Traceback (most recent call last):
    ...
    evaluator.ingest.IngestError: a.exe: unsupported file type '.exe'; use .txt, .md, .docx, .pdf
    """
    suffix = PurePath(name).suffix.lower()
    if len(data) > max_bytes:
        raise IngestError(name, f"file is {len(data):,} bytes; the limit is {max_bytes:,}")
    if suffix in TEXT_SUFFIXES:
        return decode_text(name, data)
    if suffix == ".docx":
        return _docx_text(name, data)
    if suffix == ".pdf":
        return _pdf_text(name, data)
    raise IngestError(name, f"unsupported file type '{suffix}'; use {', '.join(SUPPORTED_SUFFIXES)}")
