"""``python -m evaluator users``: the first admin, accounts and classes from the command line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from evaluator.cli import main
from evaluator.store.users import UserStore

PASSWORD = "a long enough secret"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "app.sqlite"
    monkeypatch.setenv("UPSC_EVAL_DB", str(path))
    monkeypatch.delenv("UPSC_EVAL_ADMIN_PASSWORD", raising=False)
    monkeypatch.delenv("UPSC_EVAL_AUTH", raising=False)
    return path


def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str,
        stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["users", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_init_creates_the_admin_once_with_a_generated_password_shown_once(
        db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(capsys, monkeypatch, "init")
    assert code == 0
    password = out.split("with the password", 1)[1].split()[0]
    assert len(password) >= 16
    assert UserStore(db).authenticate("admin", password) is not None
    assert "for this computer only: no login" in out  # make run binds 127.0.0.1 by default
    code, again, _ = run(capsys, monkeypatch, "init", "--host", "0.0.0.0")
    assert code == 0 and password not in again and "Created" not in again
    assert "Log in at http://" in again


def test_init_takes_the_admin_password_from_the_environment(db: Path, capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UPSC_EVAL_ADMIN_PASSWORD", PASSWORD)
    code, out, _ = run(capsys, monkeypatch, "init")
    assert code == 0 and PASSWORD not in out and "$UPSC_EVAL_ADMIN_PASSWORD" in out
    assert UserStore(db).authenticate("admin", PASSWORD) is not None


def test_add_list_passwd_class_and_remove(db: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(capsys, monkeypatch, "add", "meena", "--role", "mentor", stdin=PASSWORD + "\n")[1] == \
        "added mentor meena\n"
    monkeypatch.setenv("ASHA_PASSWORD", PASSWORD)
    assert run(capsys, monkeypatch, "add", "asha", "--role", "student", "--password-env", "ASHA_PASSWORD")[0] == 0
    code, out, _ = run(capsys, monkeypatch, "class", "GS2 morning", "--mentor", "meena", "--student", "asha",
                       "--rubric", "india-us-defence")
    assert code == 0 and out == "class GS2 morning: mentor meena; students: asha; rubrics: india-us-defence\n"
    assert run(capsys, monkeypatch, "list")[1].splitlines() == [
        "asha\tstudent", "meena\tmentor", "class GS2 morning\tmentor meena\tstudents asha\trubrics india-us-defence"]
    assert run(capsys, monkeypatch, "passwd", "asha", stdin="her new password\n")[0] == 0
    assert UserStore(db).authenticate("asha", "her new password") is not None
    assert run(capsys, monkeypatch, "remove", "asha")[1] == "removed asha\n"
    assert [a.username for a in UserStore(db).accounts()] == ["meena"]
    assert {e.actor for e in UserStore(db).log()} == {"shell"}  # every change signed


@pytest.mark.parametrize(("args", "stdin", "message"), [
    (("add", "  ASHA   rao ", "--role", "student"), PASSWORD, "username '  ASHA   rao '"),
    (("add", "asha", "--role", "student"), "short", "password: 10 to 200 characters"),
    (("add", "asha", "--role", "student", "--password-env", "NO_SUCH_VARIABLE"), "", "the variable is not set"),
    (("passwd", "nobody"), PASSWORD, "no account 'nobody'"),
    (("remove", "nobody"), "", "no account 'nobody'"),
    (("class", "gs2", "--mentor", "nobody"), "", "mentor 'nobody': no mentor account"),
], ids=["spaces in name", "short password", "unset variable", "passwd unknown", "remove unknown", "no mentor"])
def test_bad_input_is_a_one_line_error(db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                       args: tuple[str, ...], stdin: str, message: str) -> None:
    code, out, err = run(capsys, monkeypatch, *args, stdin=stdin + "\n")
    assert (code, out) == (2, "")
    assert err.startswith("error: ") and message in err and len(err.splitlines()) == 1
