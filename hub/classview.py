"""The class view: every student's check verdicts, live, for the hub's instructors.

A JupyterHub service (hub/jupyterhub_config.py starts it; JupyterHub's own
`examples/custom-scopes` "grades" service is the model). Each check a student runs sends
its verdict here from the kernel (autograd_lesson/classroom.py), with the student's own
hub token; the instructors open a page with the whole class on it.

    POST   api/reports          a verdict: {"exercise", "lesson", "mark", "mistake", "time"}
                                (any user with access to the service: stored as that user)
    GET    .                    the page: a students x exercises grid, counts, the most
                                common mistakes, who has had no new ✔ for a while
    GET    api/class            what the page shows, as JSON (it polls this every second)
    GET    export.csv           every report, one a row
    DELETE api/students/NAME    forget one student

Reading (the page, api/class, export.csv) needs the scope `custom:classview:read`,
deleting `custom:classview:delete`; hub/jupyterhub_config.py gives both to the
instructors only. The student is always the token's owner, never a name in the body.
Reports are kept in SQLite (CLASSVIEW_DB), so they survive a restart of the service or
the hub, until an instructor deletes them.
"""

import csv
import io
import json
import math
import os
import re
import sqlite3
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

from jupyterhub.services.auth import (
    HubOAuthCallbackHandler,
    HubOAuthenticated,
    UserNotAllowed,
)
from jupyterhub.utils import url_path_join
from tornado.httpclient import AsyncHTTPClient
from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop
from tornado.web import Application, HTTPError, RequestHandler

HERE = Path(__file__).resolve().parent
READ = "custom:classview:read"
DELETE = "custom:classview:delete"
MARKS = ("ok", "wrong", "todo")
FIELDS = {"exercise", "lesson", "mark", "mistake", "time"}
MAX_BODY = 1024  # bytes: a report is about 120
MAX_READ = 2**20  # bytes: a longer body is not read at all (the connection is closed)
MISTAKE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # a slug in words: "assigns-instead-of-adds"
MAX_MISTAKE = 60
RATE = 2.0  # reports a second per student, on average ...
BURST = 30  # ... with this many at once ("Run all" on a lesson runs every check)


def known_exercises():
    """Every exercise id of the course ("01.1", ..., "12.4"): those with a solution."""
    import autograd_lesson.exercises  # noqa: F401 (registers every lesson's exercises)
    from autograd_lesson.exercises.base import solutions

    return set(solutions())


class BadReport(ValueError):
    """A report the service refuses, with the reason (shown to the sender)."""

    status = 400


class TooLarge(BadReport):
    status = 413


def parse_report(body, exercises, now):
    """The report in `body` (bytes) as a dict, or `BadReport` naming what is wrong."""
    if len(body) > MAX_BODY:
        raise TooLarge(f"the report is {len(body)} bytes; at most {MAX_BODY} are accepted")
    try:
        report = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise BadReport("the body is not JSON") from None
    if not isinstance(report, dict):
        raise BadReport("the report must be a JSON object")
    if set(report) != FIELDS:
        missing, extra = FIELDS - set(report), set(report) - FIELDS
        raise BadReport(
            "a report has exactly the fields "
            + ", ".join(sorted(FIELDS))
            + (f"; missing: {', '.join(sorted(missing))}" if missing else "")
            + (f"; unknown: {', '.join(sorted(map(str, extra)))}" if extra else "")
        )
    exercise, lesson, mark = report["exercise"], report["lesson"], report["mark"]
    if not isinstance(exercise, str) or exercise not in exercises:
        raise BadReport(f"unknown exercise id {str(exercise)[:20]!r}")
    if lesson != exercise.split(".")[0]:
        raise BadReport(
            f"exercise {exercise} is in lesson {exercise.split('.')[0]}, not {lesson!r}"
        )
    if mark not in MARKS:
        raise BadReport(f"mark must be one of {', '.join(MARKS)}")
    mistake = report["mistake"]
    if mistake is not None:
        if mark != "wrong":
            raise BadReport("only a 'wrong' mark names a mistake")
        if (
            not isinstance(mistake, str)
            or len(mistake) > MAX_MISTAKE
            or not MISTAKE.fullmatch(mistake)
        ):
            raise BadReport(
                f"mistake must be null or a short name in words joined by '-', "
                f"at most {MAX_MISTAKE} characters"
            )
    sent = report["time"]
    if isinstance(sent, bool) or not isinstance(sent, (int, float)) or not math.isfinite(sent):
        raise BadReport("time must be a number (seconds since 1970)")
    if abs(sent - now) > 86400:
        raise BadReport("time is more than a day away from the service's clock")
    return {"exercise": exercise, "mark": mark, "mistake": mistake, "sent": float(sent)}


class RateLimit:
    """A token bucket per student: `burst` reports at once, then `rate` a second."""

    def __init__(self, rate=RATE, burst=BURST):
        self.rate, self.burst, self.buckets = rate, burst, {}

    def allow(self, student, now):
        tokens, then = self.buckets.get(student, (self.burst, now))
        tokens = min(self.burst, tokens + (now - then) * self.rate)
        if tokens < 1:
            self.buckets[student] = (tokens, now)
            return False
        self.buckets[student] = (tokens - 1, now)
        return True


class Store:
    """The reports in SQLite, and the class's latest state in memory for the page.

    One writer (the service's single thread). WAL with synchronous=NORMAL: a report is
    on disk once committed, without waiting for a sync of the disk on every report.
    """

    def __init__(self, path):
        self.path = str(path)
        self.db = sqlite3.connect(self.path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS reports (id INTEGER PRIMARY KEY, student TEXT NOT NULL,"
            " exercise TEXT NOT NULL, mark TEXT NOT NULL, mistake TEXT, sent REAL NOT NULL,"
            " received REAL NOT NULL)"
        )
        self.db.execute("CREATE INDEX IF NOT EXISTS by_student ON reports (student)")
        self.db.commit()
        self.latest = {}  # student -> {exercise: (mark, mistake, received)}
        self.seen = {}  # student -> (first report, last report, last ✔)
        for row in self.db.execute(
            "SELECT student, exercise, mark, mistake, received FROM reports ORDER BY id"
        ):
            self._remember(*row)

    def _remember(self, student, exercise, mark, mistake, received):
        self.latest.setdefault(student, {})[exercise] = (mark, mistake, received)
        first, _last, last_ok = self.seen.get(student, (received, received, None))
        self.seen[student] = (first, received, received if mark == "ok" else last_ok)

    def add(self, student, report, received):
        self.db.execute(
            "INSERT INTO reports (student, exercise, mark, mistake, sent, received)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                student,
                report["exercise"],
                report["mark"],
                report["mistake"],
                report["sent"],
                received,
            ),
        )
        self.db.commit()
        self._remember(student, report["exercise"], report["mark"], report["mistake"], received)

    def delete(self, student):
        """Forget `student`; returns how many reports were deleted."""
        count = self.db.execute("DELETE FROM reports WHERE student = ?", (student,)).rowcount
        self.db.commit()
        self.latest.pop(student, None)
        self.seen.pop(student, None)
        return count

    def rows(self):
        return self.db.execute(
            "SELECT student, exercise, mark, mistake, sent, received FROM reports ORDER BY id"
        )

    def summary(self, now, stale_minutes):
        """What the page shows: see `ClassHandler` and classview.html."""
        students = sorted(self.seen, key=lambda s: (self.seen[s][0], s))  # in order of arrival
        exercises = sorted({e for marks in self.latest.values() for e in marks}, key=_order)
        counts = {e: {m: 0 for m in MARKS} for e in exercises}
        mistakes = {}
        for student in students:
            for exercise, (mark, mistake, _) in self.latest[student].items():
                counts[exercise][mark] += 1
                if mistake:
                    mistakes.setdefault((exercise, mistake), []).append(student)
        common = sorted(mistakes.items(), key=lambda item: (-len(item[1]), _order(item[0][0])))
        stuck = []
        for student in students:
            first, _last, last_ok = self.seen[student]
            since = last_ok if last_ok is not None else first
            if now - since >= stale_minutes * 60:
                stuck.append({"student": student, "minutes": int((now - since) // 60)})
        stuck.sort(key=lambda s: -s["minutes"])
        return {
            "now": now,
            "stale_minutes": stale_minutes,
            "exercises": exercises,
            "students": [
                {
                    "name": s,
                    "marks": {e: [m, k] for e, (m, k, _) in self.latest[s].items()},
                    "last_ok": self.seen[s][2],
                }
                for s in students
            ],
            "counts": counts,
            "mistakes": [
                {
                    "exercise": e,
                    "mistake": k,
                    "words": k.replace("-", " "),
                    "students": len(who),
                    "names": who,
                }
                for (e, k), who in common
            ],
            "stuck": stuck,
        }


def _order(exercise):
    """Exercise ids in the course's order: "6.10" after "6.9"."""
    return tuple(int(p) if p.isdigit() else p for p in exercise.split("."))


class BaseHandler(HubOAuthenticated, RequestHandler):
    """A request from a hub user or service, resolved by the hub from its token or cookie."""

    @property
    def store(self):
        return self.settings["store"]

    async def prepare(self):
        # ask the hub who this is without blocking the service's one thread (HubAuth caches
        # the answer per token for 5 minutes), then check it as HubOAuthenticated does
        user = await self.hub_auth.get_user(self, sync=False)
        self.not_allowed = None
        if user:
            try:
                user = self.check_hub_user(user)  # access:services!service=classview
            except UserNotAllowed:
                self.not_allowed, user = user, None
        self._hub_auth_user_cache = self.current_user = user

    def write_error(self, status_code, **kwargs):
        reason = kwargs.get("reason") or self._reason
        error = kwargs.get("exc_info", (None, None))[1]
        if isinstance(error, HTTPError) and error.log_message:
            reason = error.log_message
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"status": status_code, "reason": reason}))

    def need(self, scope=None):
        """The hub user making this request, or a 403 (401 with no credentials at all)."""
        user = self.current_user
        if self.not_allowed:
            raise HTTPError(403, "this hub token does not give access to the class view")
        if not user:
            raise HTTPError(401, "log in to the hub first, or send your hub token")
        if user.get("kind", "user") != "user":
            raise HTTPError(403, "only a hub user's token may use the class view")
        if scope and not self.hub_auth.check_scopes([scope], user):
            raise HTTPError(403, f"this needs the scope {scope}, which the instructors have")
        return user


class ReportHandler(BaseHandler):
    """POST api/reports: one verdict, stored as the token's owner."""

    async def prepare(self):
        # only a token counts here: an instructor's browser cookie is no way to send reports
        if not self.hub_auth.get_token(self, in_cookie=False):
            raise HTTPError(401, "send a report with your hub token (Authorization: token ...)")
        await super().prepare()

    def post(self):
        user = self.need()
        now = time.time()
        # first, so that a flood of anything, good or bad, costs the service little
        if not self.settings["rate_limit"].allow(user["name"], now):
            raise HTTPError(429, f"too many reports from {user['name']}: at most {RATE:g} a second")
        try:
            report = parse_report(self.request.body, self.settings["exercises"], now)
        except BadReport as error:
            raise HTTPError(error.status, str(error)) from None
        self.store.add(user["name"], report, now)
        self.set_status(201)
        self.finish({"stored": True})


class PageHandler(BaseHandler):
    """GET .: the instructors' page (the browser logs in through the hub's OAuth)."""

    def get(self):
        if not self.current_user and not self.not_allowed:
            self.redirect(self.get_login_url())  # OAuth with the hub, then back here
            return
        self.need(READ)
        page = (HERE / "classview.html").read_text()
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(
            page.replace("{{xsrf}}", self.xsrf_token.decode()).replace(
                "{{can_delete}}",
                "true" if self.hub_auth.check_scopes([DELETE], self.current_user) else "false",
            )
        )


class ClassHandler(BaseHandler):
    """GET api/class?stale=MINUTES: the class's state as JSON, for the page."""

    def get(self):
        self.need(READ)
        try:
            stale = float(self.get_argument("stale", "10"))
        except ValueError:
            raise HTTPError(400, "stale must be a number of minutes") from None
        self.set_header("Cache-Control", "no-store")
        self.finish(self.store.summary(time.time(), max(0.0, stale)))


class ExportHandler(BaseHandler):
    """GET export.csv: every report."""

    def get(self):
        self.need(READ)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["student", "exercise", "mark", "mistake", "sent_utc", "received_utc"])
        for student, exercise, mark, mistake, sent, received in self.store.rows():
            writer.writerow([student, exercise, mark, mistake or "", _iso(sent), _iso(received)])
        self.set_header("Content-Type", "text/csv; charset=utf-8")
        self.set_header("Content-Disposition", 'attachment; filename="classview.csv"')
        self.finish(out.getvalue())


class StudentHandler(BaseHandler):
    """DELETE api/students/NAME: forget every report of one student."""

    def delete(self, name):
        self.need(DELETE)
        deleted = self.store.delete(name)
        if not deleted:
            raise HTTPError(404, f"no reports from {name!r}")
        self.finish({"student": name, "deleted": deleted})


def _iso(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def make_app(prefix, store, exercises, **settings):
    """The tornado application, its routes under `prefix` (JupyterHub's /services/NAME/)."""
    routes = [
        (prefix, PageHandler),
        (url_path_join(prefix, "api/reports"), ReportHandler),
        (url_path_join(prefix, "api/class"), ClassHandler),
        (url_path_join(prefix, "export.csv"), ExportHandler),
        (url_path_join(prefix, "api/students/([^/]+)"), StudentHandler),
        (url_path_join(prefix, "oauth_callback"), HubOAuthCallbackHandler),
    ]
    return Application(
        routes,
        store=store,
        exercises=exercises,
        rate_limit=RateLimit(),
        cookie_secret=os.urandom(32),  # the page's own cookies: a new login after a restart
        **settings,
    )


def configure(c, instructors, port, db, python=sys.executable):
    """Add the class view to a JupyterHub configuration `c`: the service, its scopes, who
    holds them, and what each student's server needs to send reports. Used by
    hub/jupyterhub_config.py and by the tests' and the load test's hubs."""
    url = f"http://127.0.0.1:{port}"
    c.JupyterHub.custom_scopes = {
        READ: {"description": "see every student's check verdicts"},
        DELETE: {"description": "delete a student's check verdicts"},
    }
    c.JupyterHub.services.append(
        {
            "name": "classview",
            "url": url,
            "command": [python, "-m", "hub.classview"],
            "cwd": str(HERE.parent),
            "environment": {"CLASSVIEW_DB": str(db)},
            # what an instructor's browser may get for the page, if their roles allow it
            "oauth_client_allowed_scopes": [READ, DELETE],
            "display": False,  # not on every student's home page: it is the instructors'
            "oauth_no_confirm": True,  # the course's own service: no "authorize access?" page
        }
    )
    access = "access:services!service=classview"
    c.JupyterHub.load_roles.extend(
        [
            # every user may reach the service: it stores their reports as them, and
            # shows nothing to anyone without custom:classview:read ...
            {"name": "user", "scopes": ["self", access]},
            # ... and the instructors may read the class and delete a student's data
            {
                "name": "classview-instructor",
                "scopes": [access, READ, DELETE],
                "users": sorted(instructors),
            },
        ]
    )
    # the kernel's JUPYTERHUB_API_TOKEN (its server's) may also post to the service; the
    # first two are the server role's own scopes, which this list replaces
    c.Spawner.server_token_scopes = ["users:activity!user", "access:servers!server", access]
    # straight to the service on this machine, not through the proxy and its TLS
    c.Spawner.environment.update({"CLASSVIEW_URL": f"{url}/services/classview/"})


def main():
    prefix = os.environ["JUPYTERHUB_SERVICE_PREFIX"]  # set by JupyterHub: /services/classview/
    url = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])  # where JupyterHub expects it
    path = Path(os.environ.get("CLASSVIEW_DB", "classview.sqlite"))
    path.parent.mkdir(parents=True, exist_ok=True)
    store = Store(path)
    app = make_app(prefix, store, known_exercises())
    # HubAuth asks the hub about each new token through this client; its default of 10 at
    # once would queue a class whose first reports all arrive together
    AsyncHTTPClient.configure(None, max_clients=100)
    server = HTTPServer(app, max_body_size=MAX_READ, xheaders=True)
    server.listen(url.port, url.hostname)
    print(
        f"classview: {len(store.seen)} students' reports in {path}; on {url.geturl()}{prefix}",
        file=sys.stderr,
        flush=True,
    )
    IOLoop.current().start()


if __name__ == "__main__":
    main()
