"""How long the worst inputs the tests check take: answers the size of the limits, hostile rubrics.

The tests assert what happens to these inputs (tests/core/test_properties.py, tests/rubrics/test_model_fuzz.py),
never how long it takes; this prints the times. Run: ``make bench`` or ``.venv/bin/python bench/limits.py``.
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


if __name__ == "__main__":
    main()
