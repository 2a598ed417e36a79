"""``python -m evaluator users``: local accounts and classes, and the first admin (``users init``, run by ``make run``).

Subcommands: ``init`` (create the admin when there is none: the password from ``$UPSC_EVAL_ADMIN_PASSWORD`` or
generated and shown once; then say how to log in), ``add``, ``list``, ``passwd``, ``remove`` and ``class`` (create
or change a class: its mentor, students and rubrics). Passwords are read without echo from the terminal, from a
line of standard input, or from the environment variable named by ``--password-env``; never from an argument,
which other users of the machine could read. Changes are signed ``shell`` in the account log.
"""

from __future__ import annotations

import argparse
import getpass
import os
import secrets
import socket
import sys

from evaluator.cli.common import EXIT_OK, CliError

NAME = "users"
HELP = "local accounts (student, mentor, admin) and classes: init, add, list, passwd, remove, class"
GENERATED_PASSWORD_BYTES = 12  # 16 URL-safe characters


def add_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help="the app's database (default: $UPSC_EVAL_DB or the user's data folder)")
    sub = p.add_subparsers(dest="action", required=True)
    init = sub.add_parser("init", help="create the admin account if there is none, and say how to log in")
    init.add_argument("--host", default="127.0.0.1", help="the address the app listens on (make run HOST=...)")
    init.add_argument("--port", default="8501", help="the app's port")
    add = sub.add_parser("add", help="create an account")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=("student", "mentor", "admin"))
    add.add_argument("--password-env", metavar="VAR", help="read the password from this environment variable")
    sub.add_parser("list", help="list accounts and classes")
    passwd = sub.add_parser("passwd", help="set an account's password")
    passwd.add_argument("username")
    passwd.add_argument("--password-env", metavar="VAR", help="read the password from this environment variable")
    remove = sub.add_parser("remove", help="delete an account (attempts and the audit trail are kept)")
    remove.add_argument("username")
    klass = sub.add_parser("class", help="create a class or change it (its mentor; students and rubrics added)")
    klass.add_argument("name")
    klass.add_argument("--mentor", required=True, help="the mentor who owns the class")
    klass.add_argument("--student", action="append", default=[], help="a student account to add (repeatable)")
    klass.add_argument("--rubric", action="append", default=[], help="a rubric id the class works on (repeatable)")


def run(args: argparse.Namespace) -> int:
    import sqlite3

    from evaluator.store.attempts import default_db_path
    from evaluator.store.users import SYSTEM, AccountError, UserStore

    path = args.db or default_db_path()
    try:
        users = UserStore(path)
    except (sqlite3.Error, OSError) as exc:
        raise CliError(f"{path}: cannot open the app's database ({exc})") from None
    try:
        if args.action == "init":
            return _init(users, args)
        if args.action == "add":
            account = users.add(args.username, args.role, _password(args.password_env), by=SYSTEM)
            print(f"added {account.role} {account.username}")
        elif args.action == "list":
            _list(users)
        elif args.action == "passwd":
            if users.get(args.username) is None:
                raise CliError(f"no account {args.username!r}")
            users.set_password(args.username, _password(args.password_env), by=SYSTEM)
            print(f"password of {args.username.strip().casefold()} changed")
        elif args.action == "remove":
            users.remove(args.username, by=SYSTEM)
            print(f"removed {args.username.strip().casefold()}")
        elif args.action == "class":
            found = users.save_class(args.name, args.mentor, students=tuple(args.student), rubrics=tuple(args.rubric),
                                     by=SYSTEM)
            print(f"class {found.name}: mentor {found.mentor}; students: {', '.join(found.students) or 'none'}; "
                  f"rubrics: {', '.join(found.rubrics) or 'none'}")
    except AccountError as exc:
        raise CliError(str(exc)) from None
    return EXIT_OK


def _password(variable: str | None) -> str:
    """The new password: from ``$variable``, typed twice at a terminal, or one line of standard input."""
    if variable:
        if not os.environ.get(variable):
            raise CliError(f"--password-env {variable}: the variable is not set")
        return os.environ[variable]
    if sys.stdin.isatty():
        first = getpass.getpass("New password: ")
        if getpass.getpass("Again: ") != first:
            raise CliError("the two passwords differ")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def _init(users, args: argparse.Namespace) -> int:  # noqa: ANN001 - UserStore
    from evaluator.store.users import ADMIN, ADMIN_PASSWORD_ENV_VAR, AUTH_ENV_VAR, SYSTEM, login_required

    everywhere = args.host in ("0.0.0.0", "::", "")  # every interface: this computer's name on the network
    host = socket.gethostname() if everywhere else "localhost" if args.host == "127.0.0.1" else args.host
    url = f"http://{host}:{args.port}"
    if not users.has_admin():
        given = os.environ.get(ADMIN_PASSWORD_ENV_VAR, "")
        password = given or secrets.token_urlsafe(GENERATED_PASSWORD_BYTES)
        users.add("admin", ADMIN, password, by=SYSTEM)
        if given:
            print(f"Created the account 'admin' with the password in ${ADMIN_PASSWORD_ENV_VAR}.")
        else:
            print(f"Created the account 'admin' with the password  {password}  (shown once: note it now; change it "
                  "with `python -m evaluator users passwd admin`).")
    if login_required(args.host, os.environ.get(AUTH_ENV_VAR, "")):
        print(f"Log in at {url}: admins add mentors, students and classes on the Accounts page or with "
              "`python -m evaluator users add NAME --role mentor`.")
    else:
        print(f"The app is at {url}, for this computer only: no login (single-user mode). To serve a class on the "
              "network, run `make run HOST=0.0.0.0`: then everyone logs in (admin first).")
    return EXIT_OK


def _list(users) -> None:  # noqa: ANN001 - UserStore
    for account in users.accounts():
        print(f"{account.username}\t{account.role}")
    for found in users.classes():
        print(f"class {found.name}\tmentor {found.mentor}\tstudents {','.join(found.students) or '-'}\t"
              f"rubrics {','.join(found.rubrics) or '-'}")
