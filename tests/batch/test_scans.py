"""Photos and scans in a batch: read by OCR in the workers, scored like typed files, rows a mentor can sort by
``needs_review`` (tests skip without the OCR engines, and fail in CI where ``make test`` installs them)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from PIL import ImageFilter

from evaluator import load_rubric
from evaluator.batch.runner import BatchOptions, run_batch
from evaluator.cli import main
from evaluator.io.export import export_bytes
from evaluator.io.sources import iter_uploads
from evaluator.store.runs import RunStore
from tests.answer_files import RUBRIC, sample
from tests.handwriting import cer, font_named, png_bytes, render_pages, require_ocr

FONT = "humor-sans"


@pytest.fixture(scope="module")
def uploads() -> list[tuple[str, bytes]]:
    """A clear photo, a blurred one (read with low confidence), a typed answer and a corrupt photo."""
    require_ocr(fonts=(FONT,))
    clear = render_pages(sample("q2_average.txt"), font_named(FONT))[0]
    smudged = render_pages(sample("q2_poor.txt"), font_named(FONT), seed=3)[0].filter(ImageFilter.GaussianBlur(4.5))
    return [("asha_q2.png", png_bytes(clear)), ("ravi_q2.png", png_bytes(smudged)),
            ("meena_q2.txt", sample("q2_excellent.txt").encode()), ("kiran_q2.jpg", b"\xff\xd8\xff broken")]


@pytest.fixture(scope="module")
def result(uploads: list[tuple[str, bytes]], tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    rubric = load_rubric(RUBRIC)
    items = list(iter_uploads(uploads, question_ids=rubric.question_ids))
    store = RunStore(tmp_path_factory.mktemp("runs") / "runs.sqlite")
    return items, rubric, store, run_batch(items, rubric, store=store, options=BatchOptions(semantic=False))


def test_photos_are_scored_like_typed_answers_with_the_text_read_and_its_confidence(result) -> None:  # noqa: ANN001
    _, _, _, batch = result
    photo, smudged, typed, broken = batch.rows
    assert photo.outcome == "scored" and photo.marks is not None
    assert cer(sample("q2_average.txt"), photo.ocr_text) < 0.05
    assert 0.9 < photo.ocr_confidence <= 1 and photo.needs_review is False
    assert smudged.ocr_confidence < photo.ocr_confidence and smudged.needs_review is True
    assert (typed.ocr_text, typed.ocr_confidence, typed.needs_review) == ("", None, False)
    assert broken.outcome == "error" and "kiran_q2.jpg: not a PNG, JPEG, WebP or TIFF image" in broken.error


def test_the_table_has_needs_review_confidence_and_the_text_read(result) -> None:  # noqa: ANN001
    rows = list(csv.DictReader(io.StringIO(export_bytes(result[3].rows, "csv").decode("utf-8-sig"))))
    assert list(rows[0])[6:8] == ["needs_review", "ocr_confidence"] and list(rows[0])[-1] == "ocr_text"
    assert [r["needs_review"] for r in rows] == ["False", "True", "False", "False"]
    assert rows[0]["ocr_text"].casefold().startswith("icet means") and rows[2]["ocr_text"] == ""


def test_a_second_run_reuses_the_rows_of_photos_without_reading_them_again(result) -> None:  # noqa: ANN001
    items, rubric, store, first = result
    again = run_batch(items, rubric, store=store, options=BatchOptions(semantic=False))
    assert (again.scored, again.reused) == (0, 4)
    assert [r.ocr_confidence for r in again.rows] == [r.ocr_confidence for r in first.rows]


def test_the_batch_command_reads_a_folder_of_photos(tmp_path: Path, uploads: list[tuple[str, bytes]]) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name, data in uploads[:1]:
        (folder / name).write_bytes(data)
    out = tmp_path / "out.csv"
    assert main(["batch", str(folder), "--rubric", str(RUBRIC), "--out", str(out), "--no-semantic"]) == 0
    (row,) = csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig")))
    assert row["student"] == "asha" and row["outcome"] == "scored" and row["needs_review"] == "False"


def test_regression_a_photos_misspellings_are_not_charged_to_the_student(tmp_path: Path) -> None:
    # OCR's misreads cannot be told from the student's: a photo's spelling is not marked, as on the student page
    from evaluator import evaluate

    require_ocr(fonts=("dkg",))  # humor-sans writes in capitals, whose spelling is not checked
    rubric = load_rubric(RUBRIC)
    photo = png_bytes(render_pages(sample("q2_misspelt.txt"), font_named("dkg"))[0])
    items = list(iter_uploads([("asha_q2.png", photo)], question_ids=rubric.question_ids))
    (row,) = run_batch(items, rubric, store=RunStore(tmp_path / "runs.sqlite"),
                       options=BatchOptions(semantic=False)).rows
    question = rubric.question("Q2")
    typed = evaluate(row.ocr_text, question, settings=question.settings.model_copy(update={"semantic": False}))
    assert "spelling" in typed.flags  # the same text typed is charged
    assert row.outcome == "scored" and "look misspelt" not in row.feedback
    assert row.marks >= typed.marks
