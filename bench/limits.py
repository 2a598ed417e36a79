"""How long the worst inputs the tests check take: answers the size of the limits, hostile rubrics, and the peak
memory and time of the worst input each limit allows.

The tests assert what happens to these inputs (tests/core/test_properties.py, tests/rubrics/test_model_fuzz.py),
never how long it takes; this prints the times. Run: ``make bench`` or ``.venv/bin/python bench/limits.py``;
``--worst`` prints only the last table (README, "Limits and guarantees"): each kind is read (and scored or drafted)
in a fresh process, whose peak resident memory and wall time are printed:

- photo: an 8-page TIFF, each page 5,000 x 5,000 32-bit floats of 40 written lines (100 MB decoded:
  ``max_page_bytes``), OCR capped by ``ocr_seconds_per_upload``;
- scan PDF: 8 written pages of 5,000 x 5,000 grey (25 megapixels each), the same OCR cap;
- docx: 4.7 MB of XML in a 5 MB file; zip: a 196 MB archive of 40 answers of 4.9 MB, every entry read;
- CSV: a 200 MB answer CSV of 6,000 rows, every row read; article: 100,000 characters drafted into a rubric;
- Hindi answer: 5,000 words (30,000 characters) of Devanagari, scored.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evaluator import RubricError, evaluate, load_rubric, parse_rubric  # noqa: E402
from evaluator.core.text import count_words  # noqa: E402
from evaluator.io.ingest import IngestError, read_answer_bytes  # noqa: E402
from evaluator.io.limits import DEFAULT_LIMITS  # noqa: E402
from evaluator.runtime import warm_up  # noqa: E402
from tests.answer_files import docx_with_body, pdf_with_content  # noqa: E402
from tests.core.test_properties import LIMIT_SIZED  # noqa: E402
from tests.rubrics.test_model_fuzz import ATTACKS  # noqa: E402


def timed(action) -> float:  # noqa: ANN001 - a zero-argument callable
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def refuse(text: str) -> None:
    try:
        parse_rubric(text, source="attack.yaml")
    except RubricError:
        return
    raise AssertionError("an attack was accepted")


def read(name: str, data: bytes) -> str:
    try:
        return f"read, {len(read_answer_bytes(name, data).text):,} characters"
    except IngestError as exc:
        return f"refused: {exc.reason[:60]}"


def reader_inputs() -> list[tuple[str, str, bytes]]:
    """The largest files the reader accepts, and bombs it refuses: (label, file name, bytes)."""
    import random
    import string

    rng = random.Random(1)
    words = b"".join(b"<w:p><w:r><w:t>" + "".join(rng.choices(string.ascii_letters, k=6)).encode()
                     + b"</w:t></w:r></w:p>" for _ in range(120_000))  # 4.7 MB of XML at 7:1, under both limits
    line = b"(The quick brown fox jumps over the lazy dog.) Tj T* "
    drawing = line * ((DEFAULT_LIMITS.max_pdf_content_bytes - 40) // len(line))
    return [
        ("docx, 120,000 paragraphs (4.7 MB XML)", "a.docx", docx_with_body(words)),
        ("docx bomb, 20 MB of empty paragraphs", "a.docx", docx_with_body(b"<w:p/>" * 3_400_000)),
        ("pdf at the drawing limit", "a.pdf", pdf_with_content(b"BT /F1 9 Tf 11 TL 40 800 Td " + drawing + b" ET")),
        ("pdf bomb, 100 MB content stream", "a.pdf", pdf_with_content(b"BT ET " + b" " * 100_000_000)),
    ]


def main() -> None:
    warm_up()
    print("the answer reader (evaluator/io/ingest.py):")
    for label, name, data in reader_inputs():
        result = []
        print(f"  {label:<40} {timed(lambda: result.append(read(name, data))):6.2f} s  "  # noqa: B023
              f"({len(data):,} bytes; {result[0]})")
    question = load_rubric(ROOT / "rubrics" / "india_us_defence.yaml").question("Q1")
    evaluate("India and the US signed a defence roadmap.", question)
    print("answers the size of the limits (one evaluation each):")
    times = []
    for name, make, _ in LIMIT_SIZED:
        text = make()
        times.append(timed(lambda text=text: evaluate(text, question)))
        print(f"  {name:<40} {times[-1]:6.2f} s")
    print(f"  {'count_words of 1,000,000 symbols':<40} {timed(lambda: count_words('!' * 1_000_000 + ' w')):6.2f} s")
    print(f"  worst: {max(times):.2f} s")
    print("hostile rubrics (refused):")
    with tempfile.TemporaryDirectory() as tmp:
        for name, build, _ in ATTACKS:
            text = build(Path(tmp))
            print(f"  {name:<40} {timed(lambda text=text: refuse(text)):6.2f} s")


def _build(kind: str, folder: Path) -> Path:
    """Write the worst allowed input of ``kind`` into ``folder`` (in its own process: building is not measured)."""
    import io
    import random
    import zipfile

    from PIL import Image

    path = folder / {"photo": "q1.tif", "scan PDF": "q1.pdf", "docx": "q1.docx", "zip": "answers.zip",
                     "CSV": "answers.csv", "article": "article.txt", "Hindi answer": "hindi.txt"}[kind]
    words = [w.encode() for w in ("defence", "roadmap", "India", "engines", "co-production", "trust")]
    if kind in ("photo", "scan PDF"):  # one written page image 8 times: 8 pages at the per-page limit
        from PIL import ImageDraw

        side = 5000
        page = Image.new("L", (side, side), 255)
        draw = ImageDraw.Draw(page)
        for line in range(40):
            draw.text((300, 300 + 110 * line), "India and the US signed a roadmap for defence industrial "
                      "cooperation and joint production of engines.", fill=0, font_size=80)
        if kind == "photo":
            page = page.convert("F")  # 32-bit floats: 100 MB decoded, the per-page limit
        buffer = io.BytesIO()
        if kind == "photo":
            page.save(buffer, "TIFF", save_all=True, append_images=[page] * 7, compression="tiff_deflate")
        else:
            page.save(buffer, "PDF", save_all=True, append_images=[page] * 7, resolution=600)
        path.write_bytes(buffer.getvalue())
    elif kind == "docx":
        path.write_bytes(reader_inputs()[0][2])
    elif kind == "zip":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
            for n in range(40):  # 196 MB, under the 200 MB archive limit
                archive.writestr(f"q1_s{n}.txt", b" ".join(random.Random(n).choices(words, k=600_000))[:4_900_000])
    elif kind == "CSV":
        with path.open("wb") as handle:
            handle.write(b"student,question,answer\n")
            for n in range(6000):
                handle.write(f"s{n},Q1,".encode() + b" ".join(random.Random(n).choices(words, k=4500))[:33_000]
                             + b"\n")
    elif kind == "article":
        articles = sorted((ROOT / "rubrics" / "articles").glob("*.txt"))
        text = "\n\n".join(p.read_text(encoding="utf-8") for p in articles)
        path.write_text((text * (100_000 // len(text) + 1))[:100_000], encoding="utf-8")
    else:
        samples = sorted((ROOT / "samples" / "india-us-defence" / "hindi").glob("*.hi.txt"))
        hindi = " ".join(p.read_text(encoding="utf-8") for p in samples).split()
        path.write_text(" ".join((hindi * 20)[:5000])[:30_000], encoding="utf-8")
    return path


def _read_worst(kind: str, path: Path) -> str:
    """Read (and OCR, score or draft) the input as the evaluator would; returns what happened."""
    from evaluator.io.ingest import read_answer_file

    size = f"{path.stat().st_size / 1e6:.1f} MB"
    if kind in ("photo", "scan PDF", "docx"):
        try:
            answer = read_answer_file(path)
        except IngestError as exc:
            return f"{size}: refused: {exc.reason}"[:110]
        pages = f", {len(answer.ocr.pages)} pages read {answer.ocr.note}" if answer.ocr else ""
        return f"{size}: {len(answer.text):,} characters{pages}"[:110]
    if kind in ("zip", "CSV"):
        from evaluator.io.sources import iter_items

        return f"{size}: {sum(1 for item in iter_items([path], question_ids=('Q1',)) if item.text):,} answers read"
    if kind == "article":
        from evaluator.authoring.draft import draft_rubric

        text = path.read_text(encoding="utf-8")
        return f"{len(text):,} characters: {len(draft_rubric(text, article_file='a.txt').questions)} questions"
    text = path.read_text(encoding="utf-8")
    result = evaluate(text, load_rubric(ROOT / "rubrics" / "india_us_defence.yaml").question("Q1"))
    return f"{count_words(text):,} words: {result.outcome}, {result.marks:g} marks"


WORST_KINDS = ("photo", "scan PDF", "docx", "zip", "CSV", "article", "Hindi answer")


def worst() -> None:
    """Each kind built in one process and read in a fresh one: its peak resident memory (the whole process, the
    libraries and models it loads included) and wall time."""
    import json
    import subprocess

    print("the worst input each limit allows (read in a fresh process; peak RSS of that process, wall time):")
    with tempfile.TemporaryDirectory() as tmp:
        for kind in WORST_KINDS:
            built = subprocess.run([sys.executable, __file__, "--build", kind, tmp], capture_output=True, text=True)
            proc = subprocess.run([sys.executable, __file__, "--one", kind, built.stdout.strip()],
                                  capture_output=True, text=True)
            try:
                found = json.loads(proc.stdout.strip().splitlines()[-1])
            except (IndexError, ValueError):
                print(f"  {kind:<13} failed: {(built.stderr + proc.stderr).strip()[-300:]}")
                continue
            print(f"  {kind:<13} {found['peak_mb']:6.0f} MB  {found['seconds']:6.1f} s  ({found['what']})", flush=True)
            Path(built.stdout.strip()).unlink(missing_ok=True)


def one(kind: str, path: Path) -> None:
    import json
    import resource

    start = time.perf_counter()
    what = _read_worst(kind, path)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(json.dumps({"peak_mb": peak, "seconds": seconds, "what": what}))


if __name__ == "__main__":
    if "--build" in sys.argv:
        at = sys.argv.index("--build")
        print(_build(sys.argv[at + 1], Path(sys.argv[at + 2])))
    elif "--one" in sys.argv:
        at = sys.argv.index("--one")
        one(sys.argv[at + 1], Path(sys.argv[at + 2]))
    elif "--worst" in sys.argv:
        worst()
    else:
        main()
        worst()
