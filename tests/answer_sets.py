"""Marked answer sets kept as test data: answers with an examiner's marks and range, and order pairs.

A set is a folder with answer files, ``marks.csv`` (``file, question_id, kind, marks, low, high, notes``)
and optionally ``pairs.csv`` (``better, worse, reason``). An answer that pastes the source article is
kept as a ``.paste`` file: one line per article bullet, by the bullet's label, and its text is built
from the article at load time (the article's sentences are never copied into the project).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED_ARTICLE = ROOT.parent / "shared" / "seed" / "article.txt"
_BULLET = re.compile(r"^\s*[•●▪*-]\s*(?P<label>[^:]{2,120}?)\s*:\s*(?P<body>\S.*)$")


@dataclass(frozen=True)
class MarkedAnswer:
    file: str
    question_id: str
    kind: str
    marks: float
    low: float
    high: float
    text: str


@lru_cache(maxsize=4)
def article_bullets(path: Path = SEED_ARTICLE) -> dict[str, str]:
    """The article's bullets by label ("Technology Sharing" -> its text)."""
    bullets = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := _BULLET.match(line):
            bullets[match["label"].strip()] = match["body"].strip()
    return bullets


def pasted_text(spec: Path, article: Path = SEED_ARTICLE) -> str:
    """The answer a ``.paste`` file describes: the named bullets of the article, one paragraph each."""
    bullets = article_bullets(article)
    labels = [line.strip() for line in spec.read_text(encoding="utf-8").splitlines() if line.strip()]
    missing = [label for label in labels if label not in bullets]
    if missing:
        raise ValueError(f"{spec.name}: no bullet labelled {missing[0]!r} in {article}")
    return "\n\n".join(bullets[label] for label in labels)


def load_answer_set(folder: Path) -> list[MarkedAnswer]:
    """Every marked answer of a set, in ``marks.csv`` order."""
    with (folder / "marks.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    answers = []
    for row in rows:
        path = folder / row["file"]
        text = pasted_text(path) if path.suffix == ".paste" else path.read_text(encoding="utf-8")
        answers.append(MarkedAnswer(row["file"], row["question_id"], row.get("kind", ""), float(row["marks"]),
                                    float(row["low"]), float(row["high"]), text))
    return answers


def load_pairs(folder: Path) -> list[tuple[str, str]]:
    """(better, worse) file pairs any examiner keeps."""
    with (folder / "pairs.csv").open(newline="", encoding="utf-8") as handle:
        return [(row["better"], row["worse"]) for row in csv.DictReader(handle)]


CLAIMS_DIR = ROOT / "tests" / "data" / "claims"
CORRECT_KINDS = frozenset({"topper", "average", "correct-tricky", "terse-bullets", "paraphrase"})


@dataclass(frozen=True)
class ClaimsAnswer:
    """An answer of the claims set (``tests/data/claims/answers``): rubric, question, examiner's marks, kind, and
    the wrong claims planted in it (each exactly as written)."""

    file: str
    rubric: str
    question_id: str
    marks: float
    max_marks: float
    kind: str
    text: str
    planted: tuple[str, ...]

    @property
    def correct(self) -> bool:
        return self.kind in CORRECT_KINDS

    @property
    def wrong_claims(self) -> bool:
        return self.kind.startswith("wrong")


def load_claims_answers(folder: Path = CLAIMS_DIR / "answers") -> list[ClaimsAnswer]:
    """Every answer of the claims set, in ``marks.csv`` order, with its planted wrong claims."""
    planted: dict[str, list[str]] = {}
    with (folder / "planted.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            planted.setdefault(row["file"], []).append(row["clause"])
    with (folder / "marks.csv").open(newline="", encoding="utf-8") as handle:
        return [ClaimsAnswer(row["file"], row["rubric"], row["question"], float(row["marks"]),
                             float(row["max_marks"]), row["kind"], (folder / row["file"]).read_text(encoding="utf-8"),
                             tuple(planted.get(row["file"], ()))) for row in csv.DictReader(handle)]


def load_claim_pairs(path: Path = CLAIMS_DIR / "pairs.csv") -> list[dict[str, str]]:
    """The labelled (source, student clause) pairs: rubric, question, point, source, clause, label, kind, note."""
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def planted_verdicts(text: str, clause: str, evaluation) -> set[str]:  # noqa: ANN001 - an Evaluation
    """What an evaluation says of a planted wrong claim: the verdicts ("wrong", "check") of the claims and the
    contradiction evidence that overlap it in the answer."""
    start = text.find(clause)
    end = start + len(clause)
    found = {c.verdict for c in evaluation.claims if c.start < end and start < c.end and c.verdict != "verified"}
    found |= {"wrong" for p in evaluation.points for e in p.evidence
              if e.kind == "contradiction" and e.start < end and start < e.end}
    return found
