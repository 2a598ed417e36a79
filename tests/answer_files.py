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


def _width(text: str, size: float) -> float:
    """Width of ``text`` in Helvetica at ``size`` pt, from the font's published metrics (as a word processor wraps)."""
    from pypdf.generic._font import Font

    return Font.from_core_font_name("/Helvetica").get_text_width(text) * size / 1000


def _wrap(paragraph: str, width: float, size: float, indent: float) -> list[str]:
    """Greedy word wrapping by width, breaking after a hyphen when a hyphenated word does not fit."""
    lines, line = [], ""
    for word in paragraph.split():
        pieces = [word]
        if "-" in word.strip("-") and _width(word, size) > width / 3:
            head, _, tail = word.partition("-")
            pieces = [head + "-", tail]
        for piece in pieces:
            glue = "" if not line or line.endswith("-") and piece is not pieces[0] else " "
            room = width - (indent if not lines else 0)
            if line and _width(line + glue + piece, size) > room:
                lines.append(line)
                line = piece
            else:
                line += glue + piece
    return [*lines, line] if line else lines


def pdf_bytes(text: str, *, size: float = 11, leading: float = 1.3, paragraph_gap: float = 0.8, indent: float = 0,
              width: float = 460) -> bytes:
    """A real PDF with ``text`` laid out as a word processor does, written object by object with its xref table.

    Helvetica (WinAnsi: dashes and curly quotes kept) at ``size`` pt; lines wrapped by width and each placed with
    its own ``Td``; lines ``leading`` x size apart, paragraphs (blank-line separated) an extra ``paragraph_gap``
    x size apart, their first line indented by ``indent`` pt; a new page when the text reaches the bottom margin.
    """
    pages: list[list[str]] = [[]]
    y = top = 800.0
    for paragraph in (p for p in text.split("\n\n") if p.strip()):
        for number, source_line in enumerate(paragraph.strip().split("\n")):
            first = number == 0
            for k, line in enumerate(_wrap(source_line, width, size, indent if first else 0)):
                if y < 60:
                    pages.append([])
                    y = top
                x = 60 + (indent if first and k == 0 else 0)
                escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
                pages[-1].append(f"BT /F1 {size:g} Tf {x:g} {y:g} Td ({escaped}) Tj ET")
                y -= leading * size
        y -= paragraph_gap * size
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]  # the page tree is filled in below
    kids = []
    for lines in pages:
        content = "\n".join(lines).encode("cp1252", "replace")
        objects.append(b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {len(objects)} 0 R "
                       f"/Resources << /Font << /F1 {len(pages) * 2 + 3} 0 R >> >> >>".encode())
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    objects.append(font)
    return _pdf_file(objects)


def _pdf_file(objects: list[bytes]) -> bytes:
    """A PDF file of these objects (numbered from 1, the first the catalog), with its xref table."""
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


def docx_with_body(body_xml: bytes, *, compresslevel: int = 9) -> bytes:
    """A real .docx whose document body is ``body_xml`` (raw WordprocessingML), e.g. 200,000 empty paragraphs."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes("x")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                start = data.index(b"<w:body>") + len(b"<w:body>")
                end = data.index(b"<w:sectPr")
                data = data[:start] + body_xml + data[end:]
            archive.writestr(info.filename, data)
    return out.getvalue()


def pdf_with_content(content: bytes, *, filters: bytes = b"/FlateDecode") -> bytes:
    """A one-page PDF whose page content stream is ``content``, deflated (``filters`` as written in the stream)."""
    import zlib

    packed = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(packed)).encode() + b" /Filter " + filters + b" >>\nstream\n" + packed
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return _pdf_file(objects)
