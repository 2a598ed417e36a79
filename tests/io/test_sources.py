"""Finding a batch's answers: every input becomes exactly one item, bad ones with the reason why."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from evaluator.io.sources import SourceLimits, iter_items, iter_uploads, question_from_name
from tests.answer_files import answers_csv, docx_bytes, mentor_folder, sample, zip_bytes

IDS = ["Q1", "Q2", "Q3", "Q4"]


def write(folder: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return folder


@pytest.mark.parametrize(
    ("name", "ids", "expected"),
    [
        ("q1_average.txt", IDS, "Q1"),
        ("asha_Q2.txt", IDS, "Q2"),
        ("asha-q3.docx", IDS, "Q3"),
        ("batch.2024/Q4 ravi.pdf", IDS, "Q4"),
        ("Q2/ravi.txt", IDS, "Q2"),  # the folder names the question
        ("q1/ravi_q2.txt", IDS, "Q2"),  # the file name wins over its folder
        ("q10_ravi.txt", ["Q1", "Q10"], "Q10"),  # a token, not a prefix
        ("q1x.txt", IDS, None),
        ("question2.txt", IDS, None),
        ("q1_q2.txt", IDS, None),  # ambiguous: an error row, not a guess
        ("essay.txt", IDS, None),
        ("gs2-q1_ravi.txt", ["gs2-q1", "gs2-q2"], "gs2-q1"),
    ],
)
def test_question_from_name(name: str, ids: list[str], expected: str | None) -> None:
    assert question_from_name(name, ids) == expected


def test_every_file_in_a_mentor_folder_is_one_item_with_the_right_error(tmp_path: Path) -> None:
    files = mentor_folder()
    write(tmp_path / "answers", {name: data for name, (data, _, _) in files.items()})
    items = list(iter_items([tmp_path / "answers"], question_ids=IDS))

    assert sorted(Path(i.key).name for i in items) == sorted(files)
    for item in items:
        _, question, error = files[Path(item.key).name]
        assert item.question_id == (question or None), item.key
        if error is None or error == "The answer is empty":  # an empty answer is read; scoring refuses it
            assert item.error is None and item.text is not None, item.key
        else:
            assert item.error is not None and error in item.error, (item.key, item.error)
            assert item.error.startswith(item.key + ": ")
    docx = next(i for i in items if i.key.endswith("meena-q3.docx"))
    assert docx.student == "meena" and (docx.text or "").split() == sample("q3_excellent.txt").split()
    pdf = next(i for i in items if i.key.endswith("q4_kiran.pdf"))
    assert pdf.student == "kiran" and "Defence Technology and Trade Initiative" in (pdf.text or "")


def test_folders_open_archives_and_give_every_other_file_a_row_but_hidden_ones(tmp_path: Path) -> None:
    write(tmp_path, {
        "a/q1_asha.txt": b"An answer.",
        "a/marks.csv": b"file,marks\nx,1\n",
        "a/.hidden/q1_x.txt": b"hidden",
        "a/.DS_Store": b"\x00\x01",
        "a/Thumbs.db": b"\x00\x01",
        "a/scores.xlsx": b"PK\x03\x04",  # a spreadsheet is not an answer (photos are: tests/io/test_ocr.py)
        "a/more.zip": zip_bytes({"q2_ravi.txt": b"Another answer.", "__MACOSX/._q2_ravi.txt": b"\x00",
                                 "q3_old.doc": b"\xd0\xcf"}),
    })
    items = list(iter_items([tmp_path / "a"], question_ids=IDS))
    rows = [(Path(i.key).as_posix().split("/a/")[-1], i.question_id, (i.error or "").split(": ", 1)[-1])
            for i in items]
    assert rows == [
        ("marks.csv", None, "a .csv inside a folder or archive is not read: name it on the command line (or upload "
                            "it on its own) to score its rows"),
        ("more.zip/q2_ravi.txt", "Q2", ""),
        ("more.zip/q3_old.doc", "Q3", "unsupported file type '.doc' (an old Word file: save it as .docx)"),
        ("q1_asha.txt", "Q1", ""),
        ("scores.xlsx", None, "unsupported file type '.xlsx'; use .txt, .md, .docx, .pdf, .png, .jpg, .jpeg, .webp, "
                              ".tif, .tiff"),
    ]


@pytest.mark.parametrize(("name", "advice"), [("q1_asha.doc", "an old Word file: save it as .docx"),
                                               ("q1_asha.rtf", "a rich-text file: save it as .docx or .txt")])
def test_regression_doc_and_rtf_files_in_a_folder_get_a_row(tmp_path: Path, name: str, advice: str) -> None:
    write(tmp_path, {name: b"{\\rtf1 An answer.}", "q2_ravi.txt": b"Another answer."})
    items = list(iter_items([tmp_path], question_ids=IDS))
    assert [Path(i.key).name for i in items] == [name, "q2_ravi.txt"]  # was: the .doc or .rtf vanished
    assert items[0].error == f"{tmp_path / name}: unsupported file type '{Path(name).suffix}' ({advice})"


def test_regression_a_second_zip_entry_of_the_same_name_gets_its_own_row() -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive, pytest.warns(UserWarning, match="Duplicate name"):
        archive.writestr("q1_asha.txt", b"First answer.")
        archive.writestr("q1_asha.txt", b"Second answer.")
    items = list(iter_uploads([("class.zip", buffer.getvalue())], question_ids=IDS))
    assert [(i.key, i.text) for i in items] == [("class.zip/q1_asha.txt", "First answer."),
                                                ("class.zip/q1_asha.txt (entry 2)", None)]
    assert items[1].error == ("class.zip/q1_asha.txt (entry 2): the archive holds 2 entries named 'q1_asha.txt'; "
                              "only the first is scored (rename the others and zip them again)")


@pytest.mark.parametrize(
    ("entry", "data", "error"),
    [
        ("../evil.txt", b"escape", "leaves the archive"),
        ("a/../../evil_q1.txt", b"escape", "leaves the archive"),
        ("/etc/q1.txt", b"absolute", "path is absolute"),
        ("C:/q1.txt", b"windows absolute", "path is absolute"),
        ("inner.zip", zip_bytes({"q1.txt": b"x"}), "archives inside archives"),
        ("q1_bomb.txt", b" " * 3_000_000, "compression ratio"),
        ("q1_big.txt", b"x" * 5_000_001, "the limit is 5,000,000"),
    ],
)
def test_zip_entries_that_are_refused_become_error_rows(tmp_path: Path, entry: str, data: bytes, error: str) -> None:
    archive = tmp_path / "answers.zip"
    archive.write_bytes(zip_bytes({"q1_asha.txt": sample("q1_average.txt").encode(), entry: data}))
    items = list(iter_items([archive], question_ids=IDS))

    assert len(items) == 2
    good, refused = items
    assert good.key == f"{archive}/q1_asha.txt" and good.error is None and good.text
    assert refused.error is not None and error in refused.error
    assert refused.text is None


def test_zip_entries_inside_safe_folders_may_use_dotdot(tmp_path: Path) -> None:
    items = list(iter_uploads([("a.zip", zip_bytes({"x/../q1_asha.txt": b"An answer."}))], question_ids=IDS))
    assert [(i.question_id, i.error) for i in items] == [("Q1", None)]


def test_encrypted_zip_entry_is_an_error_row() -> None:
    data = zip_bytes({"q1_a.txt": b"open", "q2_b.txt": b"locked"}, encrypted=("q2_b.txt",))
    items = list(iter_uploads([("in.zip", data)], question_ids=IDS))
    assert [i.error for i in items] == [None, "in.zip/q2_b.txt: password-protected archive entry; "
                                              "zip the answers without a password"]


@pytest.mark.parametrize(
    ("limits", "error"),
    [
        (SourceLimits(max_archive_bytes=10_000), "archive inflates to 20,000 bytes; the limit is 10,000"),
        (SourceLimits(max_archive_bytes=100), "archive is "),  # the compressed file alone is over the limit
    ],
)
def test_archives_over_the_size_limit_are_one_error_row(limits: SourceLimits, error: str) -> None:
    data = zip_bytes({f"q1_{n}.txt": bytes([65 + n]) * 2_000 for n in range(10)})
    items = list(iter_uploads([("big.zip", data)], question_ids=IDS, limits=limits))
    assert len(items) == 1 and items[0].key == "big.zip"
    assert items[0].error is not None and error in items[0].error


def test_corrupt_archive_is_one_error_row(tmp_path: Path) -> None:
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04 truncated")
    items = list(iter_items([tmp_path / "bad.zip"], question_ids=IDS))
    assert [i.error for i in items] == [f"{tmp_path / 'bad.zip'}: corrupt or not a .zip archive (BadZipFile)"]


def test_the_batch_stops_at_the_file_limit_with_one_error_row(tmp_path: Path) -> None:
    write(tmp_path, {f"q1_{n}.txt": b"An answer." for n in range(5)})
    items = list(iter_items([tmp_path], question_ids=IDS, limits=SourceLimits(max_files=3)))
    assert len(items) == 4
    assert all(i.error is None for i in items[:3])
    assert items[3].key == "<batch limit>" and "more than 3 answers" in (items[3].error or "")


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    write(tmp_path, {"q1_a.txt": b"An answer."})
    items = list(iter_items([tmp_path, tmp_path / "q1_a.txt", str(tmp_path / "q1_a.txt")], question_ids=IDS))
    assert len(items) == 1


@pytest.mark.parametrize(
    ("name", "error"),
    [("missing_q1.txt", "no such file or folder"), ("notes_q1.rtf", "unsupported file type '.rtf'")],
)
def test_named_files_that_cannot_be_answers_are_error_rows(tmp_path: Path, name: str, error: str) -> None:
    if name.endswith(".rtf"):
        (tmp_path / name).write_bytes(b"{\\rtf1 An answer.}")
    items = list(iter_items([tmp_path / name], question_ids=IDS))
    assert len(items) == 1 and error in (items[0].error or "")


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_answer_csv_gives_one_item_per_row(tmp_path: Path, delimiter: str) -> None:
    rows = [
        ("Asha", "q1", sample("q1_average.txt")),  # ids match case-insensitively
        ("Ravi", "Q2", "A short answer, with commas; and semicolons."),
        ("", "Q9", "An answer to a question the rubric does not have."),
        ("Kiran", "", "No question: falls back to an error (the rubric has four)."),
        ("Meena", "Q3", ""),
    ]
    path = tmp_path / "answers.csv"
    path.write_bytes(answers_csv(rows, delimiter=delimiter))
    items = list(iter_items([path], question_ids=IDS))

    assert [i.key for i in items] == [f"{path}#{n}" for n in range(2, 7)]
    assert [i.student for i in items] == ["Asha", "Ravi", "row 4", "Kiran", "Meena"]
    assert [i.question_id for i in items] == ["Q1", "Q2", None, None, "Q3"]
    assert items[0].text == sample("q1_average.txt") and items[1].text and items[4].text == ""
    assert "question 'Q9' is not in the rubric; available: Q1, Q2, Q3, Q4" in (items[2].error or "")
    assert "no question id" in (items[3].error or "")


def test_answer_csv_default_question_and_missing_answer_column(tmp_path: Path) -> None:
    good = answers_csv([("Asha", "", "An answer.")])
    items = list(iter_uploads([("a.csv", good)], question_ids=IDS, default_question="Q4"))
    assert [(i.question_id, i.error) for i in items] == [("Q4", None)]

    bad = list(iter_uploads([("marks.csv", b"file,marks\nq1.txt,3\n")], question_ids=IDS))
    assert len(bad) == 1 and "needs a header row with an 'answer' column" in (bad[0].error or "")
    latin = list(iter_uploads([("l.csv", "student,answer\nJosé,Un café\n".encode("latin-1"))], question_ids=IDS))
    assert len(latin) == 1 and "not UTF-8 text" in (latin[0].error or "")


def test_uploads_read_documents_archives_and_csvs_alike() -> None:
    uploads = [
        ("meena_q3.docx", docx_bytes(sample("q3_average.txt"))),
        ("batch.zip", zip_bytes({"Q1/asha.txt": b"An answer.", "../evil.txt": b"x"})),
        ("class.csv", answers_csv([("Ravi", "Q2", "An answer.")])),
    ]
    items = list(iter_uploads(uploads, question_ids=IDS))
    assert [(i.key, i.student, i.question_id, i.error is None) for i in items] == [
        ("meena_q3.docx", "meena", "Q3", True),
        ("batch.zip/Q1/asha.txt", "asha", "Q1", True),
        ("batch.zip/../evil.txt", "evil", None, False),
        ("class.csv#2", "Ravi", "Q2", True),
    ]


def test_a_single_question_rubric_needs_no_token(tmp_path: Path) -> None:
    write(tmp_path, {"essay.txt": b"An answer."})
    assert [i.question_id for i in iter_items([tmp_path], question_ids=["Q7"])] == ["Q7"]


# The chosen question (--question, the page's Question box) is a default: an answer that names its own keeps it.
CLASS_CSV = answers_csv([("Asha", "Q9", "An answer."), ("Ravi", "", "An answer."), ("Kiran", "q3", "An answer.")])


@pytest.mark.parametrize(
    ("name", "data", "default", "expected"),
    [
        ("q2_asha.txt", b"An answer.", "Q1", ["Q2"]),  # regression: was scored as Q1
        ("ravi-Q4.md", b"An answer.", "Q1", ["Q4"]),
        ("batch.zip", zip_bytes({"Q3/meena.txt": b"An answer."}), "Q1", ["Q3"]),  # the folder names it
        ("essay.txt", b"An answer.", "Q1", ["Q1"]),  # names none: the default
        ("q1_q2_both.txt", b"An answer.", "Q4", ["Q4"]),  # names two: cannot be told, the default
        ("class.csv", CLASS_CSV, "Q1", [None, "Q1", "Q3"]),  # regression: the Q9 row was scored as Q1
        ("class.csv", CLASS_CSV, None, [None, None, "Q3"]),
    ],
)
def test_a_chosen_question_applies_only_to_answers_that_name_none(name: str, data: bytes, default: str | None,
                                                                  expected: list[str | None]) -> None:
    items = list(iter_uploads([(name, data)], question_ids=IDS, default_question=default))
    assert [i.question_id for i in items] == expected
    assert all((i.error is None) == (i.question_id is not None) for i in items)


HOW_TO_CHOOSE = ("choose a question for answers that name none (--question on the command line, the Question box "
                 "on the batch page); available: Q1, Q2, Q3, Q4")


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("essay.txt", b"An answer.",
         f"essay.txt: no question id in the file name; rename it like q1_essay.txt, or {HOW_TO_CHOOSE}"),
        ("batch.zip", zip_bytes({"class/essay.md": b"An answer."}),
         f"batch.zip/class/essay.md: no question id in the file name; rename it like q1_essay.md, or {HOW_TO_CHOOSE}"),
        ("q1_q2_both.txt", b"An answer.",
         f"q1_q2_both.txt: the file name names 2 questions (Q1, Q2); keep only one, or {HOW_TO_CHOOSE}"),
        ("class.csv", answers_csv([("Asha", "", "An answer.")]),
         f"class.csv#2: no question id: the 'question' cell is empty; fill it in, or {HOW_TO_CHOOSE}"),
        ("class.csv", b"student,answer\nAsha,An answer.\n",
         f"class.csv#2: no question id: the CSV has no 'question' column; add one, or {HOW_TO_CHOOSE}"),
    ],
    ids=["file", "file in a zip", "two ids in the name", "empty question cell", "no question column"],
)
def test_an_answer_without_a_question_says_how_to_give_it_one(name: str, data: bytes, error: str) -> None:
    items = list(iter_uploads([(name, data)], question_ids=IDS))
    assert [i.error for i in items] == [error]
    assert "pass --question" not in error and error.count(". ") == 0  # one sentence, for the page and the CLI


# --- issue 16: links and special files in a folder; file names that are not UTF-8 ---


POSIX_ONLY = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX links and pipes")


@POSIX_ONLY
def test_regression_links_out_of_the_folder_are_refused_with_a_row(tmp_path: Path) -> None:
    outside = write(tmp_path / "outside", {"secret_q1.txt": b"A file outside the folder named."})
    inbox = write(tmp_path / "inbox", {"q1_asha.txt": b"An answer.", "sub/q2_ravi.txt": b"Another answer."})
    (inbox / "q1_passwd.txt").symlink_to("/etc/passwd")
    (inbox / "q1_secret.txt").symlink_to(outside / "secret_q1.txt")
    (inbox / "elsewhere").symlink_to(outside, target_is_directory=True)
    (inbox / "q2_again.txt").symlink_to(inbox / "sub" / "q2_ravi.txt")  # inside the folder: read
    (inbox / "q1_dangling.txt").symlink_to(tmp_path / "gone.txt")
    items = {Path(i.key).name: i for i in iter_items([inbox], question_ids=IDS)}

    assert sorted(items) == ["elsewhere", "q1_asha.txt", "q1_dangling.txt", "q1_passwd.txt", "q1_secret.txt",
                             "q2_again.txt", "q2_ravi.txt"]
    for name, target in [("q1_passwd.txt", "/etc/passwd"), ("q1_secret.txt", str(outside / "secret_q1.txt")),
                         ("elsewhere", str(outside))]:
        assert items[name].text is None  # was: /etc/passwd read as an answer
        assert items[name].error == f"{inbox / name}: refused: a link to {target}, outside the folder named ({inbox})"
    assert items["q2_again.txt"].text == "Another answer."
    assert "a link to nothing" in (items["q1_dangling.txt"].error or "")


@POSIX_ONLY
def test_a_pipe_in_a_folder_is_refused_not_waited_on(tmp_path: Path) -> None:
    write(tmp_path, {"q1_asha.txt": b"An answer."})
    os.mkfifo(tmp_path / "q1_pipe.txt")
    items = {Path(i.key).name: i for i in iter_items([tmp_path], question_ids=IDS)}
    assert items["q1_pipe.txt"].error == f"{tmp_path / 'q1_pipe.txt'}: refused: not a regular file (a pipe, socket, " \
                                         "device or folder)"
    assert items["q1_asha.txt"].text == "An answer."


@POSIX_ONLY  # Windows and macOS file systems refuse names that are not valid Unicode
def test_regression_a_file_name_that_is_not_utf8_is_shown_escaped(tmp_path: Path) -> None:
    name = "café_q1.txt".encode("latin-1")  # a Latin-1 name, as a Windows zip or share leaves it on disk
    with open(os.path.join(os.fsencode(tmp_path), name), "wb") as handle:
        handle.write(b"An answer.")
    [item] = list(iter_items([tmp_path], question_ids=IDS))
    assert item.key == f"{tmp_path}/caf%E9_q1.txt" and item.student == "caf%E9"
    assert item.key.encode("utf-8") and item.text == "An answer."  # valid text: SQLite, CSV and XLSX can store it


def test_an_item_carries_where_it_came_from_so_a_resumed_batch_needs_not_read_it(tmp_path: Path) -> None:
    write(tmp_path, {"q1_asha.docx": docx_bytes(sample("q1_average.txt"))})
    [unread] = list(iter_items([tmp_path], question_ids=IDS, extract=False))
    [read] = list(iter_items([tmp_path], question_ids=IDS))
    assert unread.unread and unread.text is None and unread.origin == read.origin
    size, modified, sha = unread.origin.split(":")
    assert int(size) == (tmp_path / "q1_asha.docx").stat().st_size and len(sha) == 64
    assert read.text and not read.unread


def test_a_large_csv_is_read_a_row_at_a_time() -> None:
    import io

    from evaluator.io.tables import iter_csv

    class Lines(io.StringIO):  # counts the lines the reader takes
        taken = 0

        def __next__(self) -> str:
            Lines.taken += 1
            return super().__next__()

    text = "student,question,answer\n" + "".join(f"s{n},Q1,Answer {n}.\n" for n in range(100_000))
    stream = iter_csv(Lines(text, newline=""), want="answer")
    first = [next(stream.rows) for _ in range(3)]
    assert [r["student"] for r in first] == ["s0", "s1", "s2"] and Lines.taken < 10  # was: every row parsed first
