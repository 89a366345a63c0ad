"""The instructors' accounts are not a race (hub/instructors.py).

With NativeAuthenticator alone, a name in HUB_ADMINS is authorized the moment anyone
signs up under it. These tests sign up through the authenticator's own code on a real
JupyterHub database (the hub's tables, made by JupyterHub itself), as /hub/signup does.
"""

import io
import sqlite3

import pytest

pytest.importorskip("nativeauthenticator", reason="needs hub/requirements.txt")

from jupyterhub import orm
from nativeauthenticator.orm import UserInfo

from hub import instructors

STRONG = "a long and unusual pass phrase 7"


@pytest.fixture
def hub_db(tmp_path):
    path = tmp_path / "jupyterhub.sqlite"
    session = orm.new_session_factory(f"sqlite:///{path}")()
    yield path, session
    session.close()


def authenticator(session, admins):
    # as JupyterHub makes its authenticator: with the hub's database session
    return instructors.CourseAuthenticator(admin_users=set(admins), _deprecated_db_session=session)


def test_a_stranger_cannot_sign_up_as_an_instructor(hub_db):
    path, session = hub_db
    auth = authenticator(session, {"instructor"})
    assert instructors.missing_instructors(path, {"instructor"}) == ["instructor"]
    # the first to reach /hub/signup with the instructor's name gets nothing
    assert auth.create_user("instructor", STRONG) is None
    assert UserInfo.find(session, "instructor") is None
    # a student still signs up, and waits for an instructor to authorize them
    student = auth.create_user("student001", STRONG)
    assert student is not None and not student.is_authorized


def test_plain_native_authenticator_would_have_made_the_stranger_an_instructor(hub_db):
    # the race this closes: NativeAuthenticator authorizes an admin name on sign-up
    from nativeauthenticator import NativeAuthenticator

    _path, session = hub_db
    plain = NativeAuthenticator(admin_users={"instructor"}, _deprecated_db_session=session)
    assert plain.create_user("instructor", STRONG).is_authorized


def test_the_command_makes_the_instructors_account_on_the_machine(hub_db, capsys, monkeypatch):
    path, session = hub_db
    monkeypatch.setattr("sys.stdin", io.StringIO(STRONG + "\n"))
    instructors.main(["--db", str(path), "--password-stdin", "instructor"])
    assert "instructor: account made, authorized" in capsys.readouterr().out
    assert instructors.missing_instructors(path, {"instructor"}) == []
    with sqlite3.connect(path) as db:
        (authorized,) = db.execute(
            "SELECT is_authorized FROM users_info WHERE username = 'instructor'"
        ).fetchone()
    assert authorized
    # the account now exists: the instructor's password works, and a sign-up is refused
    auth = authenticator(session, {"instructor"})
    assert UserInfo.find(session, "instructor").is_valid_password(STRONG)
    assert auth.create_user("instructor", "another long pass phrase 9") is None
    assert UserInfo.find(session, "instructor").is_valid_password(STRONG)


def test_the_command_refuses_a_short_password(hub_db, monkeypatch):
    path, _ = hub_db
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    with pytest.raises(SystemExit, match="at least 10 characters"):
        instructors.main(["--db", str(path), "--password-stdin", "instructor"])
    assert instructors.missing_instructors(path, {"instructor"}) == ["instructor"]
