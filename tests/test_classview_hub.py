"""The class view under a real JupyterHub 5.5.4 on 127.0.0.1 (hub/loadtest.py's test hub,
with the class view set up by the same `classview.configure` as the real set-up).

One student's real server is started, and a check run with that server's environment
(what a kernel inherits) reports to the service through the hub's token; the instructor's
page, opened in Chromium through the hub's login, shows it; the student's tokens are
refused the page; with the service stopped a check gets its verdict as before;
and after the hub and the service restart, the reports are still there.
"""

import asyncio
import json
import os
import subprocess
import sys
import time

import pytest

pytest.importorskip("jupyterhub", reason="needs hub/requirements.txt (course.sh test installs it)")
aiohttp = pytest.importorskip("aiohttp", reason="needs hub/requirements.txt")
psutil = pytest.importorskip("psutil")

from hub import loadtest  # noqa: E402

pytestmark = pytest.mark.slow

# a check run in a fresh Python with the student's server's environment, as in a kernel:
# a backward that assigns instead of adds (lesson 07's bug), then the right one
CHECKS = """
from autograd_lesson import classroom, examples
from autograd_lesson.exercises import check_backward
print(check_backward(lambda root: examples.backward_by(root, accumulate=False)))
print(check_backward(lambda root: examples.backward_by(root, accumulate=True)))
classroom.flush(10)
print("SENT", classroom.sent["ok"], "FAILED", classroom.sent["failed"])
"""


@pytest.fixture(scope="module")
def chp():
    if not loadtest.CHP.exists():
        if not loadtest.shutil.which("npm"):
            pytest.skip("needs configurable-http-proxy: npm is not installed")
        loadtest.ensure_proxy()
    return loadtest.CHP


def run_checks(env):
    kernel_env = {k: env[k] for k in ("CLASSVIEW_URL", "JUPYTERHUB_API_TOKEN") if k in env}
    kernel_env.update(PATH=os.environ["PATH"], MPLBACKEND="agg", HOME=env.get("HOME", "/tmp"))
    out = subprocess.run(
        [sys.executable, "-c", CHECKS],
        env=kernel_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return out.stdout


async def call(http, method, url, token, **kwargs):
    headers = {"Authorization": f"token {token}"}
    async with http.request(method, url, headers=headers, **kwargs) as r:
        text = await r.text()
        return r.status, (json.loads(text) if text.startswith(("{", "[")) else text)


async def start_server(http, hub, name):
    api = f"{hub.url}/hub/api/users/{name}"
    status, _ = await call(http, "POST", f"{api}/server", hub.admin_token)
    assert status in (201, 202), status
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        _, model = await call(http, "GET", api, hub.admin_token)
        if model["servers"].get("", {}).get("ready"):
            return hub.servers()[name].environ()
        await asyncio.sleep(0.5)
    raise AssertionError(f"{name}'s server was not ready within 120 s")


def service_process(hub):
    for p in psutil.Process(hub.proc.pid).children(recursive=True):
        if "hub.classview" in " ".join(p.cmdline()):
            return p
    return None


async def gone(process, timeout=10):
    """Until `process` has exited (a zombie counts: the hub reaps it when it next polls)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if process.status() == psutil.STATUS_ZOMBIE:
                return
        except psutil.NoSuchProcess:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"process {process.pid} still runs after {timeout} s")


async def scenario(tmp_path):
    hub = loadtest.Hub(tmp_path, students=1, timeout=120)
    found = {}
    try:
        await hub.start()
        async with aiohttp.ClientSession() as http:
            status, _ = await call(
                http,
                "POST",
                f"{hub.url}/hub/api/users",
                hub.admin_token,
                json={"usernames": ["student001", "instructor"]},
            )
            assert status == 201
            env = await start_server(http, hub, "student001")
            found["env"] = {k: env.get(k) for k in ("CLASSVIEW_URL", "JUPYTERHUB_API_TOKEN")}
            found["first_run"] = run_checks(env)
            _, made = await call(
                http, "POST", f"{hub.url}/hub/api/users/instructor/tokens", hub.admin_token
            )
            instructor = made["token"]
            found["class"] = (await call(http, "GET", hub.classview + "api/class", instructor))[1]
            # the instructor's page in Chromium: the hub's login, OAuth, the page's counts
            page = loadtest.ClassViewPage()
            try:
                await page.open(hub)
                want = {"ok": 1, "wrong": 0, "todo": 0, "students": 1}
                found["page_shows_the_class"] = await page.wait_for(want, timeout=10) is not None
                found["page_mistakes"] = (await page.counts())["mistakes"]
            finally:
                await page.close()
            found["csv"] = (await call(http, "GET", hub.classview + "export.csv", instructor))[1]
            student_tokens = {"the server's": env["JUPYTERHUB_API_TOKEN"]}
            _, own = await call(
                http, "POST", f"{hub.url}/hub/api/users/student001/tokens", hub.admin_token
            )
            student_tokens["the student's own"] = own["token"]
            found["student"] = {
                (which, path): (await call(http, "GET", hub.classview + path, token))[0]
                for which, token in student_tokens.items()
                for path in ("", "api/class", "export.csv")
            }
            # the service stopped: a check gets its verdict as before
            service = service_process(hub)
            service.kill()
            await gone(service)
            found["service_down_run"] = run_checks(env)
            # the hub (and with it the service) restarts: the reports are still there
            hub.stop()
            await hub.start()
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                status, data = await call(http, "GET", hub.classview + "api/class", instructor)
                if status == 200:
                    break
                await asyncio.sleep(0.5)
            found["after_restart"] = data
    finally:
        hub.stop()
    return found


def test_the_class_view_under_a_real_hub(tmp_path, chp):
    found = asyncio.run(scenario(tmp_path))
    # the server's environment, made by classview.configure
    assert found["env"]["CLASSVIEW_URL"].endswith("/services/classview/")
    assert found["env"]["JUPYTERHUB_API_TOKEN"]
    # the checks' verdicts, the notice, and both reports accepted by the service
    first = found["first_run"]
    assert "✘ Not yet" in first and "✔ Correct" in first
    assert "shared with your instructor" in first
    assert "SENT 2 FAILED 0" in first
    # the instructor sees them, stored as the server's user (the token's owner)
    students = found["class"]["students"]
    assert [s["name"] for s in students] == ["student001"]
    assert students[0]["marks"] == {"06.4": ["ok", None]}
    assert found["class"]["counts"]["06.4"] == {"ok": 1, "wrong": 0, "todo": 0}
    rows = [line.split(",")[:4] for line in found["csv"].splitlines()[1:]]
    assert rows == [
        ["student001", "06.4", "wrong", "assigns-instead-of-adds"],
        ["student001", "06.4", "ok", ""],
    ]
    assert found["page_shows_the_class"] and found["page_mistakes"] == "none named yet"
    # the student's tokens are refused the page and the data
    assert set(found["student"].values()) == {403}, found["student"]
    # with the service down: the same verdicts, the reports dropped
    down = found["service_down_run"]
    assert "✘ Not yet" in down and "✔ Correct" in down and "SENT 0 FAILED 2" in down
    # after a restart of the hub and the service, the reports are still there
    assert found["after_restart"]["students"] == students
