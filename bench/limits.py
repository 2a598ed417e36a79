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
from evaluator.runtime import warm_up  # noqa: E402
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


def main() -> None:
    warm_up()
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
