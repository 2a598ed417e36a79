"""The answers the benchmarks time: every distinct answer of the project, each once, as a user meets them.

Sources: the bundled samples (``samples/india-us-defence``, with its Hindi-medium answers), the question
bank's samples (``samples/<rubric>/marks.csv``) and the marked test sets (``tests/data/upsc_answers``).
Texts are deduplicated, so no answer is scored twice and no cache of a whole answer can flatter a timing.
:func:`mixed_answers` builds any number of further distinct answers by combining paragraphs of different
answers to one question (for batch throughput).
"""

from __future__ import annotations

import csv
import random
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from evaluator.rubrics.model import Question, Rubric, load_rubric  # noqa: E402

BUNDLED = ROOT / "rubrics" / "india_us_defence.yaml"


@dataclass(frozen=True)
class Answer:
    """One distinct answer and the question it was written for."""

    name: str  # where it comes from, e.g. "samples/chandrayaan-3/q1_topper.txt"
    text: str
    rubric: Rubric
    question: Question


def _marked(folder: Path, rubric: Rubric) -> list[Answer]:
    from tests.answer_sets import pasted_text

    found = []
    with (folder / "marks.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            path = folder / row["file"]
            text = pasted_text(path) if path.suffix == ".paste" else path.read_text(encoding="utf-8")
            found.append(Answer(str(path.relative_to(ROOT)), text, rubric, rubric.question(row["question_id"])))
    return found


def distinct_answers() -> list[Answer]:
    """Every distinct answer text of the project with its rubric question (the first source wins a duplicate)."""
    bundled = load_rubric(BUNDLED)
    samples = sorted((ROOT / "samples" / "india-us-defence").glob("q*.txt"))
    found = [Answer(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8"), bundled,
                    bundled.question(p.name[:2].upper())) for p in samples]
    found += _marked(ROOT / "samples" / "india-us-defence" / "hindi", bundled)
    found += _marked(ROOT / "tests" / "data" / "upsc_answers", bundled)
    for path in sorted((ROOT / "rubrics").glob("*.yaml")):
        folder = ROOT / "samples" / path.stem
        if path != BUNDLED and (folder / "marks.csv").is_file():
            found += _marked(folder, load_rubric(path))
    seen: set[str] = set()
    distinct = []
    for answer in found:
        if answer.text.strip() not in seen:
            seen.add(answer.text.strip())
            distinct.append(answer)
    return distinct


def mixed_answers(count: int, *, seed: int = 22) -> list[Answer]:
    """``count`` distinct English answers to the bundled rubric's questions, each made of the paragraphs of
    two to four different answers to the same question (its first paragraph from one answer, the rest from
    others), chosen deterministically from ``seed``."""
    from evaluator.core.lexicon import DEVANAGARI

    pools: dict[str, list[list[str]]] = {}
    bundled = load_rubric(BUNDLED)
    for answer in distinct_answers():
        if answer.rubric.id == bundled.id and not DEVANAGARI.search(answer.text) and "hinglish" not in answer.name:
            paragraphs = [p.strip() for p in answer.text.split("\n\n") if p.strip()]
            pools.setdefault(answer.question.id, []).append(paragraphs)
    rng = random.Random(seed)
    ids = sorted(pools)
    made: dict[str, Answer] = {}
    while len(made) < count:
        qid = ids[len(made) % len(ids)]
        sources = rng.sample(pools[qid], k=min(len(pools[qid]), rng.randint(2, 4)))
        paragraphs = [sources[0][0]]
        for source in sources[1:]:
            body = source[1:] or source
            paragraphs += rng.sample(body, k=min(len(body), rng.randint(1, 2)))
        text = "\n\n".join(paragraphs)
        if text not in made:
            made[text] = Answer(f"mixed/{len(made):04d}_{qid.lower()}", text, bundled, bundled.question(qid))
    return list(made.values())
