"""How good is a rubric drafted from an article with no edits? Spearman against examiner marks, and junk keywords.

Each folder of ``bench/draft_quality/`` holds an article that is not in the question bank (``article.txt``,
``.md``, ``.docx`` or ``.pdf``, read as an upload is; ``make_files.py`` writes the .docx and .pdf from
``article_pasted.txt``), the question an examiner set on one of its sections (``question.yaml``: its
``section`` names the heading, its ``subject`` the names of the article's real subject), eight
answers to it marked before any drafting (``marks.csv``), and the hand review of the drafted keywords:
``JUNK_KEYWORDS.txt`` (keywords a reviewer would delete) and ``KEPT_KEYWORDS.txt`` (the rest). For
each article this script

1. drafts a rubric from ``article.txt`` with ``draft_rubric`` (no edits);
2. picks the drafted question whose key points come most from the examiner's section;
3. scores the eight answers against it and prints the marks beside the examiner's, their Spearman
   correlation, and whether the wrong-facts answer is below the honest average ones (``average*``);
   whether every drafted question names the real subject, and whether each way-forward point was
   drafted from the article's way-forward section;
4. prints the share of the drafted keywords (every alias of every concept, in the whole rubric) that
   the review calls junk, and lists drafted keywords not yet reviewed: after a change to the drafter,
   review those by hand and add each to one of the two lists.

Run: ``.venv/bin/python bench/draft_quality.py [--article ID] [--show-rubric]``. Targets (issue 23):
Spearman >= 0.80 on each article, wrong facts below the honest average, at most 3% junk keywords, the subject
named in every question, the way forward from the way-forward section.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH = ROOT / "bench" / "draft_quality"
SPEARMAN_TARGET, JUNK_TARGET = 0.80, 0.03


@dataclass(frozen=True)
class ArticleResult:
    article: str
    question_id: str
    question_text: str
    rows: list[tuple[str, float, float]]  # (answer file, examiner marks, drafted-rubric marks)
    spearman: float
    spearman_without_wrongfacts: float  # what the rubric alone decides while the scoring checks no claim
    wrongfacts_below_average: bool | None
    keywords: list[str]
    junk: list[str]
    unreviewed: list[str]
    subject_missing: list[str]  # drafted questions that do not name the article's subject
    forward_sources: list[bool]  # per way-forward point: drafted from the way-forward section
    article_file: str

    @property
    def junk_share(self) -> float:
        return len(self.junk) / len(self.keywords) if self.keywords else 0.0


def reviewed_list(path: Path) -> set[str]:
    """A review fixture: one keyword a line, compared without case; '#' starts a comment."""
    if not path.is_file():
        return set()
    return {line.split("#", 1)[0].strip().lower() for line in path.read_text(encoding="utf-8").splitlines()
            if line.split("#", 1)[0].strip()}


def drafted_keywords(rubric) -> list[str]:  # noqa: ANN001 - evaluator.Rubric
    """Every alias of every keyword concept in the rubric, once each, in order."""
    seen: dict[str, None] = {}
    for question in rubric.questions:
        for point in question.key_points:
            for concept in point.keywords:
                for alias in concept:
                    seen.setdefault(alias, None)
    return list(seen)


def section_sentences(article_text: str, wanted: set[str]) -> set[str]:
    """The sentences of the article's sections whose role is in ``wanted`` (e.g. ``{"way_forward"}``)."""
    from evaluator.authoring.draft import normalise_layout, parse_article

    parsed = parse_article(normalise_layout(article_text))
    return {" ".join(s.split()) for sec in parsed.sections if sec.role in wanted for b in sec.bullets
            for s in b.sentences}


def section_question(rubric, article_text: str, section: str):  # noqa: ANN001, ANN201 - Rubric -> Question
    """The drafted question most of whose key points were drafted from the sentences of ``section``."""
    from evaluator.authoring.draft import normalise_layout, parse_article

    parsed = parse_article(normalise_layout(article_text))
    wanted = [s for s in parsed.sections if s.heading.strip().lower() == section.strip().lower()]
    if not wanted:
        raise SystemExit(f"question.yaml names section {section!r}, which the article does not have; sections: "
                         + ", ".join(repr(s.heading) for s in parsed.sections))
    sentences = {" ".join(s.split()) for b in wanted[0].bullets for s in b.sentences}

    def from_section(question) -> int:  # noqa: ANN001
        return sum(1 for p in question.key_points
                   if any(p.source and (p.source in s or s in p.source) for s in sentences))

    return max(rubric.questions, key=from_section)


def measure(folder: Path) -> ArticleResult:
    from scipy.stats import spearmanr

    from evaluator import evaluate
    from evaluator.io.articles import read_article_bytes
    from evaluator.io.tables import read_csv_text
    from evaluator.authoring.draft import draft_rubric
    from evaluator.rubrics.model import _yaml

    article_path = article_file(folder)
    article_text = read_article_bytes(article_path.name, article_path.read_bytes())
    wanted = _yaml().load((folder / "question.yaml").read_text(encoding="utf-8"))
    rubric = draft_rubric(article_text)
    question = section_question(rubric, article_text, str(wanted["section"]))
    marks_rows = read_csv_text((folder / "marks.csv").read_text(encoding="utf-8"), source=str(folder / "marks.csv"))
    rows = []
    for row in marks_rows.rows:
        answer = (folder / "answers" / row["file"]).read_text(encoding="utf-8")
        rows.append((row["file"], float(row["marks"]), evaluate(answer, question, rubric=rubric).marks))
    rho = float(spearmanr([r[1] for r in rows], [r[2] for r in rows]).statistic)
    rest = [r for r in rows if Path(r[0]).stem != "wrongfacts"]
    rho_rest = float(spearmanr([r[1] for r in rest], [r[2] for r in rest]).statistic)
    by_kind = {Path(f).stem: got for f, _, got in rows}
    honest = [got for f, _, got in rows if Path(f).stem.startswith("average")]
    below = by_kind["wrongfacts"] < sum(honest) / len(honest) if honest and "wrongfacts" in by_kind else None
    names = [str(n).lower() for n in wanted.get("subject") or []]
    subject_missing = [f"{q.id}: {q.text}" for q in rubric.questions
                       if names and not any(n in q.text.lower() for n in names)]
    forward = section_sentences(article_text, {"way_forward"})
    forward_sources = [any(p.source and (p.source in s or s in p.source) for s in forward)
                       for q in rubric.questions for p in q.key_points if p.id.startswith("way-forward")]
    keywords = drafted_keywords(rubric)
    junk_list, kept_list = reviewed_list(folder / "JUNK_KEYWORDS.txt"), reviewed_list(folder / "KEPT_KEYWORDS.txt")
    junk = [k for k in keywords if k.lower() in junk_list]
    unreviewed = [k for k in keywords if k.lower() not in junk_list | kept_list]
    return ArticleResult(folder.name, question.id, question.text, rows, rho, rho_rest, below, keywords, junk,
                         unreviewed, subject_missing, forward_sources, article_path.name)


def article_file(folder: Path) -> Path:
    """The article as the mentor saved it: article.txt, .md, .docx or .pdf."""
    found = [p for p in sorted(folder.glob("article.*")) if p.suffix in (".txt", ".md", ".docx", ".pdf", ".html")]
    if not found:
        raise SystemExit(f"{folder}: no article.txt/.md/.docx/.pdf/.html")
    return found[0]


def main() -> int:
    parser = argparse.ArgumentParser(description="Spearman of drafted rubrics against examiner marks; junk keywords")
    parser.add_argument("--article", action="append", help="only this folder of bench/draft_quality (repeatable)")
    parser.add_argument("--show-rubric", action="store_true", help="print each drafted rubric as YAML")
    args = parser.parse_args()
    folders = sorted(p for p in BENCH.iterdir() if p.is_dir() and any(p.glob("article.*")))
    if args.article:
        unknown = set(args.article) - {p.name for p in folders}
        if unknown:
            have = ", ".join(p.name for p in folders)
            parser.error(f"no such article folder: {', '.join(sorted(unknown))}; have {have}")
        folders = [p for p in folders if p.name in args.article]
    from evaluator.runtime import warm_up

    warm_up()
    results = []
    for folder in folders:
        result = measure(folder)
        results.append(result)
        if args.show_rubric:
            from evaluator.authoring.draft import draft_rubric
            from evaluator.rubrics.yaml_edit import rubric_to_yaml

            from evaluator.io.articles import read_article_bytes

            path = article_file(folder)
            print(rubric_to_yaml(draft_rubric(read_article_bytes(path.name, path.read_bytes()))))
        print(f"== {result.article} ({result.article_file}): drafted {result.question_id}: {result.question_text}")
        for name, examiner, got in result.rows:
            print(f"   {name:<16} examiner {examiner:>4g}   draft {got:>4g}")
        print(f"   Spearman {result.spearman:.3f} (target >= {SPEARMAN_TARGET}; without the wrong-facts answer "
              f"{result.spearman_without_wrongfacts:.3f})   wrong facts below average: "
              f"{'n/a' if result.wrongfacts_below_average is None else result.wrongfacts_below_average}")
        print(f"   subject named in every question: {not result.subject_missing}"
              + "".join(f"\n     does not name it: {q}" for q in result.subject_missing))
        print(f"   way-forward points from the way-forward section: {sum(result.forward_sources)} of "
              f"{len(result.forward_sources)}")
        print(f"   junk keywords {len(result.junk)} / {len(result.keywords)} = {result.junk_share:.1%} "
              f"(target < {JUNK_TARGET:.0%}){': ' + ', '.join(result.junk) if result.junk else ''}")
        if result.unreviewed:
            print(f"   NOT REVIEWED ({len(result.unreviewed)}): add each to JUNK_KEYWORDS.txt or KEPT_KEYWORDS.txt: "
                  + " | ".join(result.unreviewed))
    print()
    print(f"{'article':<24}{'file':>13}{'question':>9}{'Spearman':>10}{'w/o wrong':>11}{'wrong<avg':>11}{'junk':>8}"
          f"{'subject':>9}{'fwd src':>9}{'unreviewed':>12}")
    for r in results:
        forward = f"{sum(r.forward_sources)}/{len(r.forward_sources)}"
        print(f"{r.article:<24}{r.article_file:>13}{r.question_id:>9}{r.spearman:>10.3f}"
              f"{r.spearman_without_wrongfacts:>11.3f}{str(r.wrongfacts_below_average):>11}{r.junk_share:>8.1%}"
              f"{str(not r.subject_missing):>9}{forward:>9}{len(r.unreviewed):>12}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
