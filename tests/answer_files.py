"""Real answer files for the batch tests: documents, PDFs, archives and CSVs built in memory.

Each builder returns the bytes a mentor's folder would hold; tests write them under
``tmp_path`` or upload them. Nothing here mocks the code under test.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "india-us-defence"
RUBRIC = Path(__file__).resolve().parent.parent / "rubrics" / "india_us_defence.yaml"


def sample(name: str) -> str:
    """Text of a sample answer, e.g. ``sample("q1_excellent.txt")``."""
    return (SAMPLES / name).read_text(encoding="utf-8")


def docx_bytes(text: str) -> bytes:
    """A real Word document with one paragraph per paragraph of ``text``."""
    from docx import Document

    document = Document()
    for paragraph in text.split("\n\n"):
        document.add_paragraph(paragraph.strip())
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(text: str, *, width: int = 90) -> bytes:
    """A real one-page PDF with ``text`` in Helvetica, written object by object with its xref table."""
    import textwrap

    plain = text.replace("–", "-").replace("—", "-").replace("’", "'").replace("“", '"').replace("”", '"')
    plain = plain.encode("latin-1", "replace").decode("latin-1")
    lines = [line for para in plain.split("\n") for line in (textwrap.wrap(para, width) or [""])]
    escaped = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
    stream = "BT /F1 9 Tf 11 TL 40 800 Td " + " ".join(f"({line}) Tj T*" for line in escaped) + " ET"
    content = stream.encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def encrypted_pdf_bytes() -> bytes:
    """A PDF that opens only with a password."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def zip_bytes(entries: dict[str, bytes], *, encrypted: tuple[str, ...] = ()) -> bytes:
    """A deflated .zip with these entries; names in ``encrypted`` get the 'encrypted' flag set in their headers."""
    import struct

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    out = bytearray(buffer.getvalue())
    # zipfile cannot encrypt: set bit 0 of the flags in the local (offset 6) and central (offset 8) headers
    for signature, flags_at, name_len_at, name_at in ((b"PK\x03\x04", 6, 26, 30), (b"PK\x01\x02", 8, 28, 46)):
        start = out.find(signature)
        while start != -1:
            (name_len,) = struct.unpack_from("<H", out, start + name_len_at)
            if out[start + name_at : start + name_at + name_len].decode() in encrypted:
                out[start + flags_at] |= 0x1
            start = out.find(signature, start + 4)
    return bytes(out)


def answers_csv(rows: list[tuple[str, str, str]], *, delimiter: str = ",") -> bytes:
    """An answer CSV with a ``student,question,answer`` header (UTF-8, as spreadsheets export it)."""
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(["student", "question", "answer"])
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


# A mentor's folder: file name -> (bytes, question expected, error expected (substring) or None).
# Every kind of input the batch must survive, each in one row.
def mentor_folder() -> dict[str, tuple[bytes, str, str | None]]:
    """File name -> (contents, expected question id, expected error substring or ``None``)."""
    return {
        "asha_q1.txt": (sample("q1_excellent.txt").encode(), "Q1", None),
        "ravi_Q2.md": (sample("q2_average.txt").encode(), "Q2", None),
        "meena-q3.docx": (docx_bytes(sample("q3_excellent.txt")), "Q3", None),
        "q4_kiran.pdf": (pdf_bytes(sample("q4_excellent.txt")), "Q4", None),
        "empty_q1.txt": (b"", "Q1", "The answer is empty"),
        "binary_q2.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "Q2", "not a text file"),
        "broken_q3.docx": (b"PK\x03\x04 this is not really a word file", "Q3", "corrupt or not a .docx file"),
        "broken_q4.pdf": (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> garbage", "Q4", "unreadable PDF"),
        "locked_q1.pdf": (encrypted_pdf_bytes(), "Q1", "password-protected PDF"),
        "old_q2.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "Q2", "password-protected or old-format"),
        "latin1_q3.txt": ("Café diplomacy: India and the US signed the roadmap.".encode("latin-1"), "Q3",
                          "not UTF-8 text (invalid byte 0xe9"),
        "essay.txt": (sample("q1_poor.txt").encode(), "", "no question id in the file name"),
    }
