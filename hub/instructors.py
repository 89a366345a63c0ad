"""The instructors' accounts are made on the hub's machine, never by signing up on the web.

NativeAuthenticator authorizes a name listed in HUB_ADMINS the moment someone signs up
under it, so whoever reached /hub/signup first with that name would become an instructor
and could read the whole class. Here:

- `CourseAuthenticator` (hub/jupyterhub_config.py uses it) refuses every sign-up under an
  instructor's name: the web form can make students only;
- `python -m hub.instructors NAME ...`, run as root in the course's folder, makes (or
  gives a new password to) the instructors' accounts, straight into the hub's database.
"""

import argparse
import getpass
import os
import sys
from pathlib import Path

from nativeauthenticator import NativeAuthenticator


class CourseAuthenticator(NativeAuthenticator):
    """NativeAuthenticator, but nobody signs up under an instructor's (admin's) name."""

    def create_user(self, username, password, **kwargs):
        if self.normalize_username(username) in self.admin_users:
            self.log.warning("refused a sign-up under the instructor's name %r", username)
            return None  # the sign-up page says the account was not created
        return super().create_user(username, password, **kwargs)


def missing_instructors(db_path, names):
    """The names in `names` that have no account yet in the hub's database at `db_path`."""
    import sqlite3

    if not Path(db_path).exists():
        return sorted(names)
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        if "users_info" not in tables:
            return sorted(names)
        have = {row[0] for row in db.execute("SELECT username FROM users_info")}
    return sorted(set(names) - have)


def set_instructor(db_url, name, password, min_length=10):
    """Make `name` an authorized NativeAuthenticator account with `password` (or give the
    existing account this password and authorize it). Returns "made" or "updated"."""
    import bcrypt
    from jupyterhub import orm
    from nativeauthenticator.orm import UserInfo

    if len(password) < min_length:
        raise ValueError(f"the password needs at least {min_length} characters")
    session = orm.new_session_factory(db_url)()  # creates the hub's tables if it never ran
    try:
        hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt())
        info = UserInfo.find(session, name)
        if info is None:
            session.add(UserInfo(username=name, password=hashed, is_authorized=True))
            what = "made"
        else:
            info.password, info.is_authorized = hashed, True
            what = "updated"
        session.commit()
        return what
    finally:
        session.close()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="instructors (default: HUB_ADMINS)")
    state = Path(os.environ.get("HUB_STATE_DIR", "/srv/jupyterhub"))
    parser.add_argument("--db", type=Path, default=state / "jupyterhub.sqlite")
    parser.add_argument(
        "--password-stdin", action="store_true", help="read one password a line from stdin"
    )
    args = parser.parse_args(argv)
    names = args.names or os.environ.get("HUB_ADMINS", "").split()
    if not names:
        parser.error("name the instructors, or set HUB_ADMINS")
    for name in names:
        if args.password_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass(f"password for {name}: ")
            if getpass.getpass("again: ") != password:
                sys.exit("the two passwords differ; nothing changed")
        try:
            what = set_instructor(f"sqlite:///{args.db}", name, password)
        except ValueError as error:
            sys.exit(f"{name}: {error}; nothing changed")
        print(f"{name}: account {what}, authorized; log in at /hub/login")


if __name__ == "__main__":
    main()
