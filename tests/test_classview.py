"""The class view service (hub/classview.py): its API, with a stand-in for the hub's auth.

The stand-in resolves a token to a user model the way the hub's /hub/api/user does (name,
kind, scopes), so these tests run the service's real handlers, checks and storage on
127.0.0.1 without a hub. tests/test_classview_hub.py runs it under a real JupyterHub.
"""

import asyncio
import csv
import io
import json
import re
import sqlite3
import threading
import time

import pytest

pytest.importorskip("jupyterhub", reason="needs hub/requirements.txt (course.sh test installs it)")
requests = pytest.importorskip("requests")

from jupyterhub.services.auth import check_scopes  # noqa: E402
from tornado.httpserver import HTTPServer  # noqa: E402
from tornado.ioloop import IOLoop  # noqa: E402
from tornado.netutil import bind_sockets  # noqa: E402
from tornado.web import HTTPError  # noqa: E402

from hub import classview  # noqa: E402

PREFIX = "/services/classview/"
ACCESS = "access:services!service=classview"
EXERCISES = {"01.1", "06.3", "06.4", "07.1"}
USERS = {  # token -> the hub's user model for it
    "tok-ada": {"name": "ada", "kind": "user", "scopes": [ACCESS]},
    "tok-bob": {"name": "bob", "kind": "user", "scopes": [ACCESS]},
    "tok-cy": {"name": "cy", "kind": "user", "scopes": [ACCESS]},
    "tok-teacher": {
        "name": "teacher",
        "kind": "user",
        "scopes": [ACCESS, classview.READ, classview.DELETE],
    },
    "tok-reader": {"name": "ta", "kind": "user", "scopes": [ACCESS, classview.READ]},
    "tok-culler": {"name": "idle-culler", "kind": "service", "scopes": [ACCESS]},
    "tok-other-service": {"name": "eve", "kind": "user", "scopes": ["self"]},  # no access
}


class FakeHubAuth:
    """What the handlers use of HubAuth: a token in the Authorization header, resolved."""

    access_scopes = frozenset({ACCESS})
    base_url = "/"
    login_url = ""

    def get_token(self, handler, in_cookie=True):
        header = handler.request.headers.get("Authorization", "")
        return header[len("token ") :] if header.startswith("token ") else None

    def get_user(self, handler, sync=True):
        model = USERS.get(self.get_token(handler))
        if model is not None:
            handler._token_authenticated = True
        if sync:
            return dict(model) if model else None

        async def resolved():
            return dict(model) if model else None

        return resolved()

    def _persist_url_token_if_set(self, handler):
        pass  # (the real one keeps a ?token= of the URL in a cookie; no URL tokens here)

    def check_scopes(self, required, user):
        return check_scopes(required, set(user["scopes"]))

    def check_xsrf_cookie(self, handler):
        if not getattr(handler, "_token_authenticated", False):  # no cookies in these tests
            raise HTTPError(403, "a cookie without the xsrf token")


@pytest.fixture
def service(tmp_path, monkeypatch):
    """The service on 127.0.0.1 with its own IOLoop in a thread; yields (url, store)."""
    monkeypatch.setattr(classview.BaseHandler, "_hub_auth", FakeHubAuth())
    store_box, ready = {}, threading.Event()

    def serve():
        asyncio.set_event_loop(asyncio.new_event_loop())
        loop = IOLoop.current()
        store = classview.Store(tmp_path / "classview.sqlite")
        app = classview.make_app(PREFIX, store, EXERCISES)
        server = HTTPServer(app, max_body_size=classview.MAX_READ)
        sockets = bind_sockets(0, "127.0.0.1")
        server.add_sockets(sockets)
        store_box.update(store=store, loop=loop, server=server, port=sockets[0].getsockname()[1])
        ready.set()
        loop.start()
        server.stop()
        store.db.close()
        loop.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert ready.wait(10)
    yield f"http://127.0.0.1:{store_box['port']}{PREFIX}", store_box["store"]
    store_box["loop"].add_callback(store_box["loop"].stop)
    thread.join(10)


def post(url, token, report=None, body=None):
    headers = {"Authorization": f"token {token}"} if token else {}
    data = body if body is not None else json.dumps(report)
    return requests.post(url + "api/reports", data=data, headers=headers, timeout=10)


def get(url, path, token):
    return requests.get(url + path, headers={"Authorization": f"token {token}"}, timeout=10)


def report(exercise="06.4", mark="wrong", mistake="assigns-instead-of-adds", **more):
    return {
        "exercise": exercise,
        "lesson": exercise.split(".")[0],
        "mark": mark,
        "mistake": mistake,
        "time": time.time(),
        **more,
    }


def stored(store):
    """What is on disk, read through a connection of our own (the service's is its thread's)."""
    with sqlite3.connect(store.path) as db:
        return db.execute(
            "SELECT student, exercise, mark, mistake, sent, received FROM reports ORDER BY id"
        ).fetchall()


def test_the_service_knows_every_exercise_of_the_course():
    known = classview.known_exercises()
    assert {"01.1", "06.4", "12.1"} <= known and len(known) >= 30
    assert all(re.fullmatch(r"\d\d\.\d+", e) for e in known)


def test_a_report_is_stored_as_the_tokens_owner(service):
    url, store = service
    r = post(url, "tok-ada", report())
    assert r.status_code == 201, r.text
    assert [row[:4] for row in stored(store)] == [
        ("ada", "06.4", "wrong", "assigns-instead-of-adds")
    ]


def test_a_report_cannot_name_its_student(service):
    url, store = service
    r = post(url, "tok-ada", report(student="bob"))
    assert r.status_code == 400 and "unknown: student" in r.json()["reason"]
    assert stored(store) == []


@pytest.mark.parametrize(
    "body, words",
    [
        (b"not json", "not JSON"),
        (b"[1, 2]", "JSON object"),
        (json.dumps({"exercise": "06.4"}).encode(), "missing: lesson, mark, mistake, time"),
        (json.dumps(report(code="def f(): ...")).encode(), "unknown: code"),
        (json.dumps(report(exercise="99.9")).encode(), "unknown exercise id '99.9'"),
        (json.dumps({**report(), "exercise": 6.4}).encode(), "unknown exercise id"),
        (json.dumps({**report(), "lesson": "07"}).encode(), "is in lesson 06"),
        (json.dumps(report(mark="✔")).encode(), "mark must be one of ok, wrong, todo"),
        (json.dumps(report(mark=True)).encode(), "mark must be one of"),
        (json.dumps(report(mistake="my answer was 42 because")).encode(), "short name in words"),
        (json.dumps(report(mistake="x" * 61)).encode(), "at most 60"),
        (json.dumps(report(mistake=["a"])).encode(), "short name in words"),
        (json.dumps(report(mark="ok", mistake="a-b")).encode(), "only a 'wrong' mark"),
        (json.dumps({**report(), "time": "now"}).encode(), "time must be a number"),
        (json.dumps({**report(), "time": True}).encode(), "time must be a number"),
        (
            b'{"exercise": "06.4", "lesson": "06", "mark": "ok", "mistake": null, "time": NaN}',
            "time must be a number",
        ),
        (json.dumps({**report(), "time": 0}).encode(), "more than a day away"),
    ],
)
def test_bad_reports_get_a_400_with_the_reason_and_nothing_is_stored(service, body, words):
    url, store = service
    r = post(url, "tok-ada", body=body)
    assert r.status_code == 400 and words in r.json()["reason"], r.text
    assert stored(store) == []


def test_an_oversized_report_gets_a_413(service):
    url, store = service
    r = post(url, "tok-ada", report(mistake="a" + "-b" * 600))
    assert r.status_code == 413 and "at most 1024" in r.json()["reason"]
    big = post(url, "tok-ada", body=b"x" * (200 * 1024))
    assert big.status_code == 413 and "at most 1024" in big.json()["reason"]
    # past the server's own limit the body is not even read: an answer without a body,
    # or the connection closed while the client still sends
    try:
        huge = post(url, "tok-ada", body=b"x" * (classview.MAX_READ + 1)).status_code
    except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError):
        huge = "closed"
    assert huge in (400, 413, "closed")
    assert stored(store) == []


def test_reports_need_a_users_token_with_access_to_the_service(service):
    url, store = service
    assert post(url, None, report()).status_code == 401
    assert post(url, "not-a-token", report()).status_code == 401
    no_access = post(url, "tok-other-service", report())  # a user's token without access
    assert no_access.status_code == 403
    assert "does not give access" in no_access.json()["reason"]
    assert post(url, "tok-culler", report()).status_code == 403  # a service is not a student
    assert stored(store) == []


def test_a_flood_from_one_student_is_stopped_and_others_still_get_through(service):
    url, store = service
    codes = [post(url, "tok-ada", report(mark="todo", mistake=None)).status_code for _ in range(35)]
    assert codes[: classview.BURST] == [201] * classview.BURST
    assert 429 in codes[classview.BURST :]
    refused = post(url, "tok-ada", report())
    assert refused.status_code == 429 and "at most 2 a second" in refused.json()["reason"]
    assert post(url, "tok-bob", report()).status_code == 201
    assert len(stored(store)) == codes.count(201) + 1


@pytest.mark.parametrize("path", ["", "api/class", "export.csv"])
def test_a_students_token_gets_a_403_on_the_page_and_the_data(service, path):
    url, _ = service
    post(url, "tok-ada", report())
    r = get(url, path, "tok-bob")
    assert r.status_code == 403, r.text
    assert "ada" not in r.text and "custom:classview:read" in r.json()["reason"]


def test_a_student_cannot_delete_anyones_data(service):
    url, store = service
    post(url, "tok-ada", report())
    for token in ("tok-ada", "tok-bob", "tok-reader"):
        r = requests.delete(
            url + "api/students/ada", headers={"Authorization": f"token {token}"}, timeout=10
        )
        assert r.status_code == 403
    assert len(stored(store)) == 1


def test_the_instructor_sees_the_class(service):
    url, _ = service
    post(url, "tok-ada", report("06.4", "wrong", "assigns-instead-of-adds"))
    post(url, "tok-bob", report("06.4", "wrong", "assigns-instead-of-adds"))
    post(url, "tok-cy", report("06.4", "wrong", "parents-first"))
    post(url, "tok-cy", report("06.4", "ok", None))  # cy fixed it: the latest verdict counts
    post(url, "tok-ada", report("01.1", "ok", None))
    post(url, "tok-bob", report("06.3", "todo", None))
    data = get(url, "api/class?stale=10", "tok-teacher").json()
    assert [s["name"] for s in data["students"]] == ["ada", "bob", "cy"]
    assert data["exercises"] == ["01.1", "06.3", "06.4"]
    assert data["counts"]["06.4"] == {"ok": 1, "wrong": 2, "todo": 0}
    assert data["counts"]["06.3"] == {"ok": 0, "wrong": 0, "todo": 1}
    assert data["mistakes"] == [
        {
            "exercise": "06.4",
            "mistake": "assigns-instead-of-adds",
            "words": "assigns instead of adds",
            "students": 2,
            "names": ["ada", "bob"],
        }
    ]
    cy = data["students"][2]["marks"]
    assert cy == {"06.4": ["ok", None]}
    assert data["stuck"] == []  # everyone arrived just now
    with_zero = get(url, "api/class?stale=0", "tok-teacher").json()
    assert {s["student"] for s in with_zero["stuck"]} == {"ada", "bob", "cy"}
    assert get(url, "api/class?stale=soon", "tok-teacher").status_code == 400


def test_students_with_no_new_tick_for_n_minutes(tmp_path):
    store = classview.Store(tmp_path / "c.sqlite")
    t0 = 1_000_000.0
    store.add("ada", {"exercise": "06.4", "mark": "ok", "mistake": None, "sent": t0}, t0)
    store.add("bob", {"exercise": "06.4", "mark": "wrong", "mistake": None, "sent": t0}, t0)
    store.add("bob", {"exercise": "06.4", "mark": "wrong", "mistake": None, "sent": t0}, t0 + 500)
    store.add("cy", {"exercise": "06.3", "mark": "ok", "mistake": None, "sent": t0}, t0 + 400)
    data = store.summary(t0 + 11 * 60, stale_minutes=10)
    # ada's ✔ and bob's first report are 11 minutes old; cy's ✔ is 4.3 minutes old
    assert data["stuck"] == [{"student": "ada", "minutes": 11}, {"student": "bob", "minutes": 11}]


def test_the_page_is_for_instructors_and_loads_its_data_with_the_xsrf_token(service):
    url, _ = service
    r = get(url, "", "tok-teacher")
    assert r.status_code == 200 and "Class view" in r.text
    assert "{{xsrf}}" not in r.text and "const CAN_DELETE = true;" in r.text
    assert "api/class" in r.text and "anonymous" in r.text
    reader = get(url, "", "tok-reader")
    assert reader.status_code == 200 and "const CAN_DELETE = false;" in reader.text


def test_csv_export_has_every_report(service):
    url, _ = service
    post(url, "tok-ada", report("06.4", "wrong", "assigns-instead-of-adds"))
    post(url, "tok-ada", report("06.4", "ok", None))
    r = get(url, "export.csv", "tok-reader")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0] == ["student", "exercise", "mark", "mistake", "sent_utc", "received_utc"]
    assert [row[:4] for row in rows[1:]] == [
        ["ada", "06.4", "wrong", "assigns-instead-of-adds"],
        ["ada", "06.4", "ok", ""],
    ]


def test_deleting_a_student_removes_every_report_of_theirs(service):
    url, store = service
    post(url, "tok-ada", report())
    post(url, "tok-bob", report())
    headers = {"Authorization": "token tok-teacher"}
    r = requests.delete(url + "api/students/ada", headers=headers, timeout=10)
    assert r.status_code == 200 and r.json() == {"student": "ada", "deleted": 1}
    assert [row[0] for row in stored(store)] == ["bob"]
    data = get(url, "api/class", "tok-teacher").json()
    assert [s["name"] for s in data["students"]] == ["bob"]
    again = requests.delete(url + "api/students/ada", headers=headers, timeout=10)
    assert again.status_code == 404


def test_reports_survive_a_restart(tmp_path):
    path = tmp_path / "c.sqlite"
    store = classview.Store(path)
    store.add("ada", {"exercise": "06.4", "mark": "wrong", "mistake": "x-y", "sent": 1.0}, 5.0)
    store.add("ada", {"exercise": "07.1", "mark": "ok", "mistake": None, "sent": 2.0}, 6.0)
    before = store.summary(100.0, 10)
    store.db.close()
    again = classview.Store(path)
    assert again.summary(100.0, 10) == before
    assert len(list(again.rows())) == 2


def load_real_config(tmp_path, monkeypatch, **env):
    """hub/jupyterhub_config.py run as JupyterHub runs it, with `env` as its hub.env."""
    from traitlets.config import Config

    settings = {
        "HUB_HOST": "localhost",
        "HUB_SSL_CERT": str(tmp_path / "cert.pem"),
        "HUB_SSL_KEY": str(tmp_path / "key.pem"),
        "HUB_STATE_DIR": str(tmp_path),
        "HUB_ADMINS": "teacher",
        "COURSE_REPO": "https://git.example.org/course.git",
        **env,
    }
    for key, value in settings.items():
        monkeypatch.setenv(key, value)
    c = Config()
    path = classview.HERE / "jupyterhub_config.py"
    exec(
        compile(path.read_text(), str(path), "exec"),
        {"get_config": lambda: c, "__file__": str(path)},
    )
    return c


def test_the_real_config_starts_the_class_view_for_the_instructors(tmp_path, monkeypatch):
    c = load_real_config(tmp_path, monkeypatch, CLASSVIEW_PORT="10999")
    (service,) = [s for s in c.JupyterHub.services if s["name"] == "classview"]
    assert service["url"] == "http://127.0.0.1:10999"
    assert service["command"][1:] == ["-m", "hub.classview"]
    assert service["environment"]["CLASSVIEW_DB"] == str(tmp_path / "classview.sqlite")
    roles = {r["name"]: r for r in c.JupyterHub.load_roles}
    assert roles["classview-instructor"]["users"] == ["teacher"]
    assert classview.READ in roles["classview-instructor"]["scopes"]
    assert not any(
        classview.READ in r["scopes"] for n, r in roles.items() if n != "classview-instructor"
    )
    assert "access:services!service=classview" in c.Spawner.server_token_scopes
    assert c.Spawner.environment["CLASSVIEW_URL"] == "http://127.0.0.1:10999/services/classview/"
    assert c.Spawner.environment["MPLBACKEND"] == "agg"  # the servers' own settings kept


def test_one_setting_turns_the_class_view_off(tmp_path, monkeypatch):
    c = load_real_config(tmp_path, monkeypatch, CLASSVIEW="off")
    assert [s["name"] for s in c.JupyterHub.services] == ["idle-culler"]
    assert "CLASSVIEW_URL" not in c.Spawner.environment  # so the checks send nothing
    assert "server_token_scopes" not in c.Spawner
