"""Checks report their verdicts to the class view on a hub, and nowhere else (classroom.py).

A stand-in for the service (a tiny HTTP server on 127.0.0.1) records what arrives; the
real service is tested in tests/test_classview.py and with a real hub in
tests/test_classview_hub.py.
"""

import json
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from autograd_lesson import classroom
from autograd_lesson.exercises import check_backward
from autograd_lesson.exercises.base import Verdict, check
from autograd_lesson.mine import course_pieces

COURSE_BACKWARD = course_pieces().backward  # a backward that passes 06.4


@check("99.1", "Give any answer.")
def check_anything(answer):
    """A check whose verdict the test chooses."""
    return answer


class Recorder(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append((self.path, self.headers.get("Authorization"), body))
        self.server.release.wait(10)  # a slow service: holds the answer until released
        status = self.server.statuses.pop(0) if self.server.statuses else self.server.status
        self.send_response(status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def service(monkeypatch):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.received, server.status, server.release = [], 201, threading.Event()
    server.statuses = []  # the answers to the first requests, before `status`
    monkeypatch.setattr(classroom, "RETRY_PAUSES", (0.01, 0.02))
    server.release.set()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/services/classview/"
    monkeypatch.setenv("CLASSVIEW_URL", url)
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "the-students-token")
    classroom._reset()
    yield server
    server.release.set()
    classroom.flush()
    server.shutdown()
    server.server_close()
    classroom._reset()


def test_outside_a_hub_nothing_is_sent_or_printed(monkeypatch, capsys):
    monkeypatch.delenv("CLASSVIEW_URL", raising=False)
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "a-token")  # a hub without the class view
    classroom._reset()
    verdict = check_anything(Verdict(False, "no", mistake="some-mistake"))
    assert not verdict.ok and verdict.mistake == "some-mistake"
    assert classroom._queue is None and capsys.readouterr().out == ""


def test_a_verdict_is_sent_with_the_students_token_and_nothing_of_theirs(service, capsys):
    verdict = check_backward(COURSE_BACKWARD)  # a real check, passing
    wrong = check_anything(Verdict(False, "my secret answer 42", mistake="assigns-instead-of-adds"))
    todo = check_anything(...)
    assert verdict.ok and not wrong.ok and not todo.done
    assert classroom.flush()
    assert classroom.sent["ok"] == 3
    sent = [json.loads(body) for _, _, body in service.received]
    assert all(path == "/services/classview/api/reports" for path, _, _ in service.received)
    assert all(auth == "token the-students-token" for _, auth, _ in service.received)
    assert [(s["exercise"], s["lesson"], s["mark"], s["mistake"]) for s in sent] == [
        ("06.4", "06", "ok", None),
        ("99.1", "99", "wrong", "assigns-instead-of-adds"),
        ("99.1", "99", "todo", None),
    ]
    assert all(set(s) == {"exercise", "lesson", "mark", "mistake", "time"} for s in sent)
    assert "secret" not in str(sent) and "42" not in str([s["mark"] for s in sent])
    # the first report of the session says so, once
    out = capsys.readouterr().out
    assert out.count("shared with your instructor") == 1


def test_a_slow_service_does_not_hold_the_check(service):
    service.release.clear()  # the service takes the request and does not answer
    verdict = check_anything(Verdict(True, "fine"))
    # the check has its verdict while the service still holds the request unanswered
    assert verdict.ok and verdict.message == "fine"
    assert classroom._queue.unfinished_tasks == 1
    service.release.set()
    assert classroom.flush()


def test_a_refusing_service_changes_no_verdict(service):
    service.status = 403
    verdict = check_anything(Verdict(False, "not yet", mistake="x"))
    assert classroom.flush()
    assert classroom.sent["failed"] == 1 and "403" in classroom.sent["last_error"]
    assert len(service.received) == 1  # a refused report is not tried again
    assert not verdict.ok and verdict.message == "not yet" and verdict.mistake == "x"


def test_a_report_the_service_could_not_take_is_tried_again(service):
    service.statuses = [503, 502]  # restarting, then the proxy without it; then it is back
    assert check_anything(Verdict(True, "fine")).ok
    assert classroom.flush()
    assert classroom.sent["ok"] == 1 and classroom.sent["failed"] == 0
    assert len(service.received) == 3


def test_a_service_that_never_takes_it_gets_three_tries(service):
    service.status = 503
    assert check_anything(Verdict(True, "fine")).ok
    assert classroom.flush()
    assert classroom.sent["failed"] == 1 and len(service.received) == 3


def test_a_service_that_is_down_changes_no_verdict(monkeypatch):
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("CLASSVIEW_URL", f"http://127.0.0.1:{port}/services/classview/")
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "a-token")
    monkeypatch.setattr(classroom, "RETRY_PAUSES", (0.01, 0.02))
    classroom._reset()
    try:
        verdict = check_backward(COURSE_BACKWARD)
        assert verdict.ok
        assert classroom.flush()
        assert classroom.sent == {"ok": 0, "failed": 1, "dropped": 0, "last_error": ANY_ERROR}
    finally:
        classroom._reset()


class _AnyError:
    def __eq__(self, other):
        return isinstance(other, str) and "Error" in other


ANY_ERROR = _AnyError()


def test_a_full_queue_drops_reports_instead_of_waiting(service, monkeypatch):
    service.release.clear()
    monkeypatch.setattr(classroom, "QUEUE_SIZE", 3)
    for _ in range(10):
        assert check_anything(Verdict(True, "fine")).ok
    # one taken by the thread (held by the service), three waiting, the rest dropped
    assert classroom.sent["dropped"] >= 10 - 3 - 1
    service.release.set()
    assert classroom.flush()


def test_reporting_imports_nothing_heavy_at_check_time():
    # the HTTP client is imported by the sending thread, not by the check's own code
    code = (
        "import sys; from autograd_lesson import classroom; "
        "print(sorted(m for m in sys.modules if m.startswith(('urllib.request', 'http.'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
