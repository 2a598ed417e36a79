"""Fit the map from e5 cosines of Hindi sentences onto MiniLM cosines of the same content in English.

    .venv/bin/python bench/crosslingual_fit.py

For every paired answer in ``samples/india-us-defence/hindi`` (the same content written in Hindi and in
English), each key point's closest sentence is found twice: in the Hindi answer by multilingual-e5, and
in the English answer by MiniLM. A least-squares line through those (e5, MiniLM) pairs gives
``crosslingual_offset`` and ``crosslingual_scale`` (ScoringSettings): with them a Hindi answer's
similarities read on MiniLM's scale, and every meaning threshold holds for both languages.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evaluator import load_rubric  # noqa: E402
from evaluator.core.embedding import get_encoder  # noqa: E402
from evaluator.core.multilingual import get_multilingual_encoder  # noqa: E402
from evaluator.core.text import analyse  # noqa: E402

PAIRS = ROOT / "samples" / "india-us-defence" / "hindi"


def best_per_point(sentences: list[str], views: list[str], encode) -> np.ndarray:  # noqa: ANN001
    answer, points = encode(sentences), encode(views)
    n = len(views) // 2
    return np.einsum("sd,pvd->spv", answer, np.stack([points[:n], points[n:]], axis=1)).max(axis=(0, 2))


def main() -> None:
    rubric = load_rubric(ROOT / "rubrics" / "india_us_defence.yaml")
    minilm, e5 = get_encoder(), get_multilingual_encoder()
    xs, ys = [], []
    for hindi in sorted(PAIRS.glob("*.hi.txt")):
        english = hindi.with_name(hindi.name.replace(".hi.", ".en."))
        question = rubric.question(hindi.name[:2].upper())
        views = [p.point for p in question.key_points] + [p.hint or p.point for p in question.key_points]
        hi = [s.text for s in analyse(hindi.read_text(encoding="utf-8")).sentences]
        en = [s.text for s in analyse(english.read_text(encoding="utf-8")).sentences]
        xs.extend(best_per_point(hi, views, e5.encode))
        ys.extend(best_per_point(en, views, minilm.encode))
    x, y = np.array(xs), np.array(ys)
    scale, offset = np.polyfit(x, y, 1)
    mapped = offset + scale * x
    print(f"{len(x)} key points of the paired answers: e5 {x.min():.3f}-{x.max():.3f}, "
          f"MiniLM {y.min():.3f}-{y.max():.3f}")
    print(f"crosslingual_offset = {offset:.3f}, crosslingual_scale = {scale:.3f}; "
          f"Pearson {np.corrcoef(x, y)[0, 1]:.3f}, mean |error| {np.abs(mapped - y).mean():.3f}")


if __name__ == "__main__":
    main()
