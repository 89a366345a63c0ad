"""Share each check's verdict with the instructor's live view of the class, on a hub.

On the course's JupyterHub (hub/jupyterhub_config.py), every student's server has two
settings in its environment, which its kernels inherit: `CLASSVIEW_URL`, the address of
the class view service (hub/classview.py), and `JUPYTERHUB_API_TOKEN`, the student's own
hub token. With both, every check's verdict is sent there: the exercise id, the mark
(ok, wrong, todo), the name of the mistake when the check named one, the lesson and the
time. Never the student's code, answer or any text of theirs; the service takes the
student's name from the token, not from what is sent.

Without either setting (a laptop, Colab, Binder, or a hub whose instructor turned
reporting off) nothing is sent and nothing is printed.

A check never waits for the service: `report` only puts a small dict on a queue, and a
background thread sends it. If the service is down or slow, the thread tries twice more
and then drops the report; if it refuses, the report is dropped. Either way the verdict
is exactly what it would have been.
"""

import json
import os
import queue
import threading
import time

URL_SETTING = "CLASSVIEW_URL"  # set for every student's server by hub/jupyterhub_config.py
TOKEN_SETTING = "JUPYTERHUB_API_TOKEN"  # the student's own token, set by JupyterHub
TIMEOUT = 5.0  # seconds the background thread waits for the service per try
# a report that could not be delivered (no answer, the service restarting, the hub busy
# with a class logging in) is tried again after these pauses; one the service refused is not
RETRY_PAUSES = (0.5, 2.0)
QUEUE_SIZE = 200  # reports waiting to be sent; beyond this, new ones are dropped
NOTICE = (
    "(On this hub, each check's verdict (exercise, ✔/✘/✎, the mistake's name) is shared "
    "with your instructor's live view of the class; your code and answers are not.)"
)

_queue = None  # created with the sending thread, by the first report of the session
_lock = threading.Lock()
sent = {"ok": 0, "failed": 0, "dropped": 0}  # what the thread did, for tests and curious users


def _target():
    """(reports URL, token) on a hub with the class view, else None."""
    url = os.environ.get(URL_SETTING, "").strip()
    token = os.environ.get(TOKEN_SETTING, "").strip()
    if not url or not token:
        return None
    return url.rstrip("/") + "/api/reports", token


def report(key, verdict):
    """Queue exercise `key`'s `verdict` for the class view; returns at once, never raises."""
    global _queue
    try:
        target = _target()
        if target is None:
            return
        item = {
            "exercise": key,
            "lesson": key.split(".")[0],
            "mark": verdict.kind,
            "mistake": getattr(verdict, "mistake", None),
            "time": time.time(),
        }
        if _queue is None:
            with _lock:
                if _queue is None:
                    print(NOTICE)
                    q = queue.Queue(QUEUE_SIZE)
                    threading.Thread(
                        target=_send_forever, args=(q, target), name="classview", daemon=True
                    ).start()
                    _queue = q
        _queue.put_nowait(item)
    except queue.Full:
        sent["dropped"] += 1
    except Exception:  # reporting must never change a verdict or show an error
        sent["dropped"] += 1


def _send_forever(q, target):
    """The background thread: send each queued report, in order, trying again after a
    pause when it could not be delivered."""
    import urllib.error  # here, not at check time: they cost a few ms to import
    import urllib.request

    url, token = target
    headers = {"Authorization": f"token {token}", "Content-Type": "application/json"}
    while True:
        body = json.dumps(q.get()).encode()
        try:
            for pause in (*RETRY_PAUSES, None):
                try:
                    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
                    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                        response.read()
                    sent["ok"] += 1
                    break
                except Exception as error:
                    sent["last_error"] = f"{type(error).__name__}: {error}"
                    refused = isinstance(error, urllib.error.HTTPError) and error.code < 500
                    if refused or pause is None:  # refused (a bad report, a flood): dropped
                        sent["failed"] += 1
                        break
                    time.sleep(pause)
        finally:
            q.task_done()


def flush(timeout=5.0):
    """Wait until every queued report has been tried (for tests and the load test);
    True if the queue emptied within `timeout` seconds."""
    q = _queue
    if q is None:
        return True
    deadline = time.monotonic() + timeout
    while q.unfinished_tasks and time.monotonic() < deadline:
        time.sleep(0.01)
    return not q.unfinished_tasks


def _reset():
    """Forget the session (tests only): the next report prints the notice again and
    starts a new thread; the old thread, if any, keeps waiting on its own queue."""
    global _queue
    _queue = None
    sent.update(ok=0, failed=0, dropped=0)
    sent.pop("last_error", None)
