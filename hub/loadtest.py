#!/usr/bin/env python3
"""A class on a JupyterHub, simulated on this machine: `bash course.sh loadtest [options]`.

Starts a real JupyterHub (jupyterhub from PyPI, configurable-http-proxy from npm) on
127.0.0.1, with everything it keeps (database, cookie secret, the students' homes, a
copy of the course's git repository) in one temporary directory. Then N simulated
students, all at once, each:

1. logs in through the hub's login form (the dummy authenticator: a test only; the
   real set-up in hub/jupyterhub_config.py uses a real one) and gets their own server
   (SimpleLocalProcessSpawner: a local process running the course's environment);
2. follows the course's nbgitpuller link, which clones the course into their home
   (the repository is a clone of this checkout's last commit, served by file://);
3. starts a kernel and runs lesson 09's code cells through the kernel websocket, as
   JupyterLab does, including the cell that shows the neuron explorer;
4. moves the explorer's `b` slider through the widget protocol, as the browser sends it
   (a `comm_msg` with `method: "update"` and the slider's new `value` on the shell
   channel), and times each move until the kernel has sent the new graph picture and the
   new readout: ten moves of small steps from the current value ("drag"), then ten to
   random points of the track ("jump"), one every 0.2 to 1.0 s.

Measured: the time for the whole class to log in and pull, each student's memory (server
+ kernel, PSS), the slider round trip per pattern (p50, p95, max), and the kernel CPU
time per move. A few students then edit the lesson and pull again after the course has
changed upstream, to check that nbgitpuller merges and keeps their edits.

Everything is bounded (the number of students, moves and a total time limit) and cleaned
up at the end, also on failure or Ctrl-C: every server and kernel, the proxy and the hub
are stopped (and any process of theirs still alive is killed by its id), and the
temporary directory is removed. Results are printed and written as JSON
(`--json`, default build/hub/loadtest-N.json).
"""

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
import psutil

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
CHP_VERSION = "5.3.0"
CHP = ROOT / "build" / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"
LESSON = "notebooks/09-tanh-neuron.ipynb"
TARGET = "autograd-lesson"  # the folder nbgitpuller clones the course into, in each home
SLIDER = "b"  # the neuron explorer's bias slider, range -8 .. 8, step 0.01
LOW, HIGH = -8.0, 8.0


def say(*args):
    print(*args, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Barrier:
    """All students wait here until the whole class has arrived (asyncio.Barrier is 3.11+)."""

    def __init__(self, parties):
        self.parties, self.count, self.event, self.broken = parties, 0, asyncio.Event(), False

    async def wait(self):
        self.count += 1
        if self.count >= self.parties:
            self.event.set()
        await self.event.wait()
        if self.broken:
            raise RuntimeError("another student failed")

    def abort(self):
        self.broken = True
        self.event.set()


def percentile(values, q):
    """The q-th percentile (0..100) by linear interpolation; None for no values."""
    if not values:
        return None
    values = sorted(values)
    k = (len(values) - 1) * q / 100
    i = int(k)
    j = min(i + 1, len(values) - 1)
    return values[i] + (values[j] - values[i]) * (k - i)


# ---------------------------------------------------------------- the hub


HUB_CONFIG = """\
# Written by hub/loadtest.py for one test run. NOT for real use: the dummy authenticator
# lets anyone in with the test's password, and SimpleLocalProcessSpawner runs every
# student's server as the hub's own user. The real set-up is hub/jupyterhub_config.py.
c = get_config()  # noqa
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{hub_port}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{chp!r}]
c.JupyterHub.db_url = "sqlite:///{state}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{state}/jupyterhub_cookie_secret"
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
c.JupyterHub.concurrent_spawn_limit = {students}
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{homes}/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = {timeout}
c.Spawner.http_timeout = {timeout}
# the kernels' Unix sockets: a short path per student (a socket's path has at most 107 bytes)
c.Spawner.environment = {{"PATH": {path!r}, "MPLBACKEND": "agg",
                         "JUPYTER_RUNTIME_DIR": lambda spawner: "{state}/rt/" + spawner.user.name}}
# the test's own hand on the hub's API: make users, start servers, issue tokens
c.JupyterHub.services = [{{"name": "loadtest-admin", "api_token": {admin_token!r}}}]
c.JupyterHub.load_roles = [{{"name": "loadtest-admin", "services": ["loadtest-admin"],
                            "scopes": ["admin:users", "admin:servers", "tokens", "list:users"]}}]
# the class view, configured by the same function as the real set-up's
import sys
sys.path.insert(0, {root!r})
from hub import classview
classview.configure(c, instructors={{"instructor"}}, port={classview_port},
                    db="{state}/classview.sqlite")
"""


def make_course_repo(state):
    """A clone of this checkout's last commit: what the students pull, over file://."""
    repo = state / "course.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(ROOT), str(repo)], check=True)
    return repo


def upstream_change(state, repo):
    """The instructor changes the course after the students pulled: a new commit that edits
    lesson 09's first cell and adds a file. Returns the marker text of that change."""
    work = state / "instructor"
    subprocess.run(["git", "clone", "-q", str(repo), str(work)], check=True)
    nb_path = work / LESSON
    nb = json.loads(nb_path.read_text())
    marker = "Announcement from the instructor (loadtest)."
    nb["cells"][0]["source"] = [marker + "\n\n", *list(nb["cells"][0]["source"])]
    nb_path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")
    (work / "ANNOUNCEMENT.md").write_text(marker + "\n")
    git = ["git", "-C", str(work), "-c", "user.name=instructor", "-c", "user.email=i@example.org"]
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "announcement"], check=True)
    subprocess.run([*git, "push", "-q", "origin", "HEAD"], check=True)
    return marker


class Hub:
    def __init__(self, state, students, timeout):
        self.state = state
        self.port, self.hub_port, self.api_port = free_port(), free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.password = secrets.token_urlsafe(12)
        self.admin_token = secrets.token_hex(16)  # the test's service token (HUB_CONFIG)
        self.classview_port = free_port()
        self.classview = f"{self.url}/services/classview/"  # through the proxy, as a browser
        self.homes = state / "homes"
        self.homes.mkdir()
        self.log_path = state / "jupyterhub.log"
        # kernels talk to their server over Unix sockets, as in the real set-up: with TCP,
        # 30 servers starting kernels at once race for free ports ("Address already in use",
        # seen in this test), and the kernel's restarter gives up after five tries
        args = ["--KernelManager.transport=ipc"] + (["--allow-root"] if os.geteuid() == 0 else [])
        config = HUB_CONFIG.format(
            port=self.port,
            hub_port=self.hub_port,
            api_port=self.api_port,
            chp=str(CHP),
            state=state,
            students=students,
            password=self.password,
            homes=self.homes,
            singleuser=str(VENV_BIN / "jupyterhub-singleuser"),
            args=args,
            timeout=int(timeout),
            path=f"{VENV_BIN}:{os.environ.get('PATH', '/usr/bin:/bin')}",
            admin_token=self.admin_token,
            root=str(ROOT),
            classview_port=self.classview_port,
        )
        (state / "jupyterhub_config.py").write_text(config)
        self.proc = None
        self.seen = {}  # pid -> psutil.Process: every process the hub started, for cleanup

    async def start(self):
        self.log = open(self.log_path, "w")  # noqa: SIM115 (the hub writes to it while it runs)
        env = {**os.environ, "PATH": f"{VENV_BIN}:{os.environ.get('PATH', '')}"}
        self.proc = subprocess.Popen(
            [str(VENV_BIN / "jupyterhub"), "-f", str(self.state / "jupyterhub_config.py")],
            cwd=self.state,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        async with aiohttp.ClientSession() as http:
            while time.monotonic() < deadline:
                self.remember()  # the proxy, as soon as it runs: stop() ends it even if the hub fails
                if self.proc.poll() is not None:
                    raise RuntimeError(
                        f"the hub exited at start; see {self.log_path}:\n"
                        + self.log_path.read_text()[-3000:]
                    )
                try:
                    async with http.get(f"{self.url}/hub/api/") as r:
                        if r.status == 200:
                            self.remember()
                            return
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.3)
        raise RuntimeError("the hub did not answer within 60 s; see " + str(self.log_path))

    def remember(self):
        """Note every process under the hub (the proxy, each server and kernel)."""
        try:
            hub = psutil.Process(self.proc.pid)
            self.seen[hub.pid] = hub
            for p in hub.children(recursive=True):
                self.seen[p.pid] = p
                for q in p.children(recursive=True):
                    self.seen[q.pid] = q
        except psutil.Error:
            pass

    def servers(self):
        """{student name: psutil.Process of their jupyterhub-singleuser server}."""
        found = {}
        for p in psutil.Process(self.proc.pid).children(recursive=True):
            try:
                if "jupyterhub-singleuser" in " ".join(p.cmdline()):
                    found[p.environ().get("JUPYTERHUB_USER")] = p
            except psutil.Error:
                continue
        return found

    def stop(self):
        """Stop the hub (it stops every server and the proxy), then kill any leftover by id."""
        if self.proc is None:
            return []
        self.remember()
        with contextlib.suppress(psutil.Error):  # (the hub may have exited already)
            for server in self.servers().values():  # the servers' kernels, too
                for p in server.children(recursive=True):
                    self.seen[p.pid] = p
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        leftovers = []
        for p in self.seen.values():
            try:
                if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                    leftovers.append(f"{p.pid} {' '.join(p.cmdline())[:80]}")
                    p.terminate()
            except psutil.Error:
                pass
        _gone, alive = psutil.wait_procs(list(self.seen.values()), timeout=10)
        for p in alive:
            with contextlib.suppress(psutil.Error):
                p.kill()
        self.log.close()
        return leftovers


# ---------------------------------------------------------------- one student


class Student:
    def __init__(self, name, hub, repo_url, args, rng):
        self.name, self.hub, self.repo_url, self.args, self.rng = name, hub, repo_url, args, rng
        self.base = f"{hub.url}/user/{name}"
        self.times = {}
        self.rtt = {"drag": [], "jump": []}
        self.kernel_cpu = {}
        self.errors_in_cells = 0
        self.server_pid = self.kernel_pid = None
        self.sent_counts = None  # what the kernel's classroom module sent (flush_reports)
        self.backward_ok = None  # this student's latest 06.4 verdict (run_check)

    def xsrf(self, path):
        for cookie in self.http.cookie_jar:
            if cookie.key == "_xsrf" and path.startswith(cookie["path"] or "/"):
                return cookie.value
        return None

    async def login(self):
        url = f"{self.hub.url}/hub/login"
        async with self.http.get(url) as r:
            page = await r.text()
        found = re.search(r'name="_xsrf"[^>]*value="([^"]+)"', page)
        form = {"username": self.name, "password": self.hub.password}
        if found:
            form["_xsrf"] = found.group(1)
        # the form posts to /hub/login?next=...; the hub sends the student on to spawn
        async with self.http.post(url, data=form, allow_redirects=False) as r:
            if r.status != 302:
                raise RuntimeError(f"{self.name}: login answered {r.status}")

    async def spawn_and_wait(self):
        # the link a student follows; logged in, it starts the server and lands on its pending page
        async with self.http.get(f"{self.hub.url}/hub/spawn/{self.name}") as r:
            await r.read()
        deadline = time.monotonic() + self.args.timeout
        while time.monotonic() < deadline:
            # before the server is up the hub redirects this to its pending page; once it is
            # up, the OAuth handshake runs through the redirects and JupyterLab's page comes
            async with self.http.get(f"{self.base}/lab") as r:
                await r.read()
                if r.status == 200 and r.url.path.startswith(f"/user/{self.name}/"):
                    return
            await asyncio.sleep(1.0)
        raise RuntimeError(f"{self.name}: server not ready in {self.args.timeout} s")

    def pull_params(self):
        return {"repo": self.repo_url, "branch": self.args.branch, "targetpath": TARGET}

    async def pull(self):
        """What the nbgitpuller link does: its page, then its event stream until 'finished'."""
        params = self.pull_params()
        link = {**params, "urlpath": f"lab/tree/{TARGET}/{LESSON}"}
        async with self.http.get(f"{self.base}/git-pull?{urlencode(link)}") as r:
            if r.status != 200:
                raise RuntimeError(f"{self.name}: git-pull page answered {r.status}")
            await r.read()
        async with self.http.get(
            f"{self.base}/git-pull/api?{urlencode(params)}",
            timeout=aiohttp.ClientTimeout(total=self.args.timeout),
        ) as r:
            async for line in r.content:
                line = line.decode().strip()
                if not line.startswith("data:"):
                    continue
                event = json.loads(line[5:])
                if event.get("phase") == "finished":
                    return
                if event.get("phase") == "error":
                    raise RuntimeError(f"{self.name}: nbgitpuller error: {event.get('message')}")
        raise RuntimeError(f"{self.name}: nbgitpuller stream ended without 'finished'")

    # -------------------------------------------------------- the kernel websocket

    def message(self, msg_type, content, channel="shell"):
        return {
            "header": {
                "msg_id": uuid.uuid4().hex,
                "username": self.name,
                "session": self.session,
                "msg_type": msg_type,
                "version": "5.3",
                "date": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()),
            },
            "parent_header": {},
            "metadata": {},
            "content": content,
            "channel": channel,
            "buffers": [],
        }

    async def receive(self):
        """Read the websocket forever, keeping the widget models' state current."""
        async for frame in self.ws:
            if frame.type == aiohttp.WSMsgType.TEXT:
                msg = json.loads(frame.data)
            elif frame.type == aiohttp.WSMsgType.BINARY:
                # a message with binary buffers (the tanh plot's PNG): the first uint32 is the
                # number of parts, then their offsets; part 0 is the message's JSON
                data = frame.data
                n = int.from_bytes(data[:4], "big")
                offsets = [int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(n)]
                end = offsets[1] if n > 1 else len(data)
                msg = json.loads(data[offsets[0] : end])
            else:
                break
            self.on_message(msg)

    def on_message(self, msg):
        kind = msg["header"]["msg_type"]
        content = msg.get("content", {})
        parent = msg.get("parent_header", {}).get("msg_id")
        if kind == "comm_open" and content.get("target_name") == "jupyter.widget":
            self.models[content["comm_id"]] = dict(content["data"].get("state", {}))
        elif kind == "comm_msg":
            data = content.get("data", {})
            if data.get("method") in ("update", "echo_update"):
                cid = content["comm_id"]
                self.models.setdefault(cid, {}).update(data.get("state", {}))
                self.updated.setdefault(parent, set()).add(cid)
        elif kind == "error":
            self.errors_in_cells += 1
        elif kind == "stream" and "CLASSVIEW " in content.get("text", ""):
            line = content["text"].split("CLASSVIEW ", 1)[1].split(maxsplit=3)
            self.sent_counts = dict(zip(("ok", "failed", "dropped"), map(int, line[:3])))
            self.sent_counts["last_error"] = line[3].strip() if len(line) > 3 else ""
        elif kind == "status" and content.get("execution_state") == "idle":
            self.idle.setdefault(parent, asyncio.Event()).set()
        elif kind == "execute_reply":
            self.replies[parent] = content
        for waiter in list(self.waiters):
            waiter.set()

    async def changed(self, timeout):
        event = asyncio.Event()
        self.waiters.add(event)
        try:
            await asyncio.wait_for(event.wait(), timeout)
        finally:
            self.waiters.discard(event)

    async def execute(self, code):
        msg = self.message(
            "execute_request",
            {
                "code": code,
                "silent": False,
                "store_history": True,
                "user_expressions": {},
                "allow_stdin": False,
                "stop_on_error": False,
            },
        )
        done = self.idle.setdefault(msg["header"]["msg_id"], asyncio.Event())
        await self.ws.send_str(json.dumps(msg))
        waiting = asyncio.ensure_future(done.wait())
        finished, _ = await asyncio.wait(
            {waiting, self.reader},
            timeout=self.args.cell_timeout,
            return_when=asyncio.FIRST_COMPLETED,
        )
        if waiting not in finished:
            waiting.cancel()
            if self.reader in finished:
                raise RuntimeError(
                    f"{self.name}: the kernel's websocket closed while running a cell"
                )
            raise RuntimeError(f"{self.name}: a cell took over {self.args.cell_timeout} s")

    async def open_kernel(self):
        lesson = f"{TARGET}/{LESSON}"
        # the lesson's page, as the browser opens it: it also sets the server's _xsrf cookie
        async with self.http.get(f"{self.base}/lab/tree/{lesson}") as r:
            await r.read()
        path_prefix = f"/user/{self.name}/"
        headers = {"X-XSRFToken": self.xsrf(path_prefix) or ""}
        body = {
            "path": lesson,
            "name": LESSON.split("/")[-1],
            "type": "notebook",
            "kernel": {"name": "python3"},
        }
        async with self.http.post(f"{self.base}/api/sessions", json=body, headers=headers) as r:
            if r.status != 201:
                raise RuntimeError(
                    f"{self.name}: new session answered {r.status}: {await r.text()}"
                )
            session = await r.json()
        self.kernel_id = session["kernel"]["id"]
        self.session = uuid.uuid4().hex
        self.models, self.updated, self.idle, self.replies, self.waiters = {}, {}, {}, {}, set()
        ws_url = f"{self.base}/api/kernels/{self.kernel_id}/channels?session_id={self.session}"
        self.ws = await self.http.ws_connect(
            ws_url.replace("http://", "ws://"),
            headers={"Origin": self.hub.url},
            max_msg_size=0,
            heartbeat=None,
        )
        self.reader = asyncio.create_task(self.receive())

    def read_lesson(self):
        path = self.hub.homes / self.name / TARGET / LESSON
        nb = json.loads(path.read_text())
        return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]

    def find_models(self):
        slider = picture = readout = None
        for cid, state in self.models.items():
            name, value = state.get("_model_name"), str(state.get("value", ""))
            if name == "FloatSliderModel" and state.get("description") == SLIDER:
                slider = cid
            elif name == "HTMLModel" and value.startswith("<svg"):
                picture = cid
            elif name == "HTMLModel" and "do/d(input)" in value:
                readout = cid
        if not (slider and picture and readout):
            raise RuntimeError(f"{self.name}: the neuron explorer's models were not all seen")
        return slider, picture, readout

    async def move(self, slider, picture, readout, value):
        """One slider move as the browser sends it; returns the round trip in seconds."""
        before = self.models[readout].get("value")
        msg = self.message(
            "comm_msg",
            {
                "comm_id": slider,
                "data": {"method": "update", "state": {"value": value}, "buffer_paths": []},
            },
        )
        msg_id = msg["header"]["msg_id"]
        start = time.perf_counter()
        await self.ws.send_str(json.dumps(msg))
        deadline = start + self.args.move_timeout
        while not {picture, readout} <= self.updated.get(msg_id, set()):
            left = deadline - time.perf_counter()
            if left <= 0:
                raise RuntimeError(
                    f"{self.name}: no picture+readout update in "
                    f"{self.args.move_timeout} s after a move"
                )
            with contextlib.suppress(asyncio.TimeoutError):
                await self.changed(left)
        rtt = time.perf_counter() - start
        after = self.models[readout].get("value")
        if after == before and abs(value - self.current) > 0.005:
            raise RuntimeError(f"{self.name}: the readout did not change after a move")
        self.current = value
        return rtt

    def kernel_process(self):
        for p in self.server.children(recursive=True):
            try:
                if self.kernel_id in " ".join(p.cmdline()):
                    return p
            except psutil.Error:
                continue
        return None

    async def run_lesson_and_move(self):
        await self.open_kernel()
        t = time.perf_counter()
        for code in self.read_lesson():
            await self.execute(code)
        self.times["lesson"] = time.perf_counter() - t
        slider, picture, readout = self.find_models()
        self.current = float(self.models[slider]["value"])
        self.kernel = self.kernel_process()
        for pattern in ("drag", "jump"):
            await self.class_barrier(pattern)  # every student runs this pattern at the same time
            cpu0 = sum(self.kernel.cpu_times()[:4]) if self.kernel else None
            for k in range(self.args.moves):
                if k == self.args.moves // 2:  # halfway: run a check, as in class
                    before = sum(self.kernel.cpu_times()[:4]) if self.kernel else 0.0
                    await self.run_check()
                    if self.kernel:  # the check's CPU is not the moves'
                        cpu0 += sum(self.kernel.cpu_times()[:4]) - before
                await asyncio.sleep(self.rng.uniform(0.2, 1.0))
                if pattern == "drag":
                    step = self.rng.choice([-1, 1]) * self.rng.uniform(0.05, 0.5)
                    value = min(HIGH, max(LOW, self.current + step))
                    if value == self.current:
                        value = self.current - step
                else:
                    value = self.rng.uniform(LOW, HIGH)
                value = round(value, 2)  # the slider's step is 0.01
                if value == self.current:
                    value = round(value + 0.01, 2)
                self.rtt[pattern].append(await self.move(slider, picture, readout, value))
            if self.kernel:
                self.kernel_cpu[pattern] = (
                    sum(self.kernel.cpu_times()[:4]) - cpu0
                ) / self.args.moves

    async def run_check(self):
        """Run exercise 06.4's check with a backward that adds (right) or assigns (lesson
        07's bug), chosen at random; its verdict goes to the class view from the kernel.
        `self.backward_ok` is what this student's latest 06.4 verdict must be."""
        self.backward_ok = self.rng.random() < 0.5
        await self.execute(
            "from autograd_lesson import examples as _ex\n"
            "from autograd_lesson.exercises import check_backward as _cb\n"
            f"_cb(lambda root: _ex.backward_by(root, accumulate={self.backward_ok}))"
        )

    async def flush_reports(self):
        """Wait until the kernel has sent every report; return what it sent and failed."""
        await self.execute(
            "from autograd_lesson import classroom as _cl\n"
            "_cl.flush(30)\n"
            "print('CLASSVIEW', _cl.sent['ok'], _cl.sent['failed'], _cl.sent['dropped'],"
            " _cl.sent.get('last_error', ''))"
        )
        return self.sent_counts

    async def class_barrier(self, pattern):
        await self.barriers[pattern].wait()

    async def run(self, barriers):
        self.barriers = barriers
        jar = aiohttp.CookieJar(unsafe=True)  # keep cookies for 127.0.0.1
        self.http = aiohttp.ClientSession(cookie_jar=jar)
        try:
            await asyncio.sleep(self.rng.uniform(0, self.args.ramp))
            t0 = time.perf_counter()
            await self.login()
            await self.spawn_and_wait()
            self.times["login_and_server"] = time.perf_counter() - t0
            t1 = time.perf_counter()
            await self.pull()
            self.times["pull"] = time.perf_counter() - t1
            self.times["login_to_pulled"] = time.perf_counter() - t0
            self.pulled_at = time.perf_counter()
            self.server = self.hub.servers()[self.name]
            await barriers["pulled"].wait()
            await self.run_lesson_and_move()
        except BaseException:
            for b in barriers.values():  # never leave the others waiting for us
                b.abort()
            raise

    async def memory(self):
        """PSS (falls back to RSS) of this student's server and kernel, in MiB."""

        def mem(p, kind):
            try:
                info = p.memory_full_info()
                return getattr(info, kind, info.rss) / 2**20
            except (psutil.Error, AttributeError):
                return None

        k = self.kernel
        return (
            mem(self.server, "pss"),
            mem(k, "pss") if k else None,
            mem(self.server, "rss"),
            mem(k, "rss") if k else None,
        )

    async def edit_then_pull_again(self, marker):
        """A student's edit survives a pull after the course changed upstream."""
        lesson = self.hub.homes / self.name / TARGET / LESSON
        nb = json.loads(lesson.read_text())
        mine = f"my own note, {self.name}"
        nb["cells"].append(
            {"cell_type": "markdown", "id": uuid.uuid4().hex[:8], "metadata": {}, "source": [mine]}
        )
        lesson.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")
        await self.pull()
        text = lesson.read_text()
        announcement = (self.hub.homes / self.name / TARGET / "ANNOUNCEMENT.md").exists()
        return mine in text, announcement

    async def close(self):
        try:
            if getattr(self, "ws", None) is not None:
                await self.ws.close()
            if getattr(self, "kernel_id", None):
                headers = {"X-XSRFToken": self.xsrf(f"/user/{self.name}/") or ""}
                async with self.http.delete(
                    f"{self.base}/api/kernels/{self.kernel_id}", headers=headers
                ) as r:
                    await r.read()
        except Exception:
            pass
        if getattr(self, "reader", None):
            self.reader.cancel()
        if getattr(self, "http", None):
            await self.http.close()


# ---------------------------------------------------------------- the class view, in Chromium

PAGE_COUNTS = """() => {
  const heads = [...document.querySelectorAll("#grid thead th")].map((th) => th.textContent);
  const i = heads.indexOf("06.4");
  if (i < 0) return null;
  const cell = document.querySelectorAll("#grid tfoot td")[i];
  const n = (c) => Number(cell.querySelector(c).textContent);
  return { ok: n(".ok"), wrong: n(".wrong"), todo: n(".todo"),
           students: document.querySelectorAll("#grid tbody tr").length,
           mistakes: document.getElementById("mistakes").innerText };
}"""


class ClassViewPage:
    """The instructor's class view, open in headless Chromium (Debian's, through
    Playwright) from the start of the class, logged in through the hub as an instructor."""

    async def open(self, hub):
        from playwright.async_api import async_playwright

        executable = (
            os.environ.get("CHROMIUM")
            or shutil.which("chromium")
            or shutil.which("chromium-browser")
        )
        if not executable:
            raise RuntimeError(
                "the class view's check needs Chromium (apt-get install -y chromium)"
            )
        self.pw = await async_playwright().start()
        self.browser = await self.pw.chromium.launch(
            executable_path=executable,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage"],
        )
        # a projector's 1600 x 900
        self.page = await self.browser.new_page(viewport={"width": 1600, "height": 900})
        await self.page.goto(hub.classview)  # the hub's login page first, then OAuth, then back
        await self.page.fill("#username_input", "instructor")
        await self.page.fill("#password_input", hub.password)
        await self.page.click("#login_submit")
        await self.page.wait_for_function(
            "document.getElementById('status') && "
            "document.getElementById('status').textContent.startsWith('updated')",
            timeout=60_000,
        )

    async def counts(self):
        return await self.page.evaluate(PAGE_COUNTS)

    async def wait_for(self, want, timeout):
        """Seconds until the page shows `want` (a dict of counts), or None after `timeout`."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            got = await self.counts()
            if got and all(got[k] == v for k, v in want.items()):
                return time.perf_counter() - start
            await asyncio.sleep(0.05)
        return None

    async def close(self):
        with contextlib.suppress(Exception):
            await self.browser.close()
        with contextlib.suppress(Exception):
            await self.pw.stop()


async def check_classview(hub, students, page, state):
    """Every kernel's reports arrived, none lost, and the page open all along shows the
    class's counts within 2 s; then the time for one changed verdict to show."""
    result = {}
    sent = [await s.flush_reports() for s in students]
    if any(c is None or c["failed"] or c["dropped"] for c in sent):
        raise RuntimeError(f"the class view: reports failed or dropped in a kernel: {sent}")
    result["reports_sent_by_kernels"] = sum(c["ok"] for c in sent)
    with sqlite3.connect(state / "classview.sqlite") as db:
        result["reports_stored"] = db.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
    if result["reports_stored"] != result["reports_sent_by_kernels"]:
        raise RuntimeError(f"the class view lost reports: {result}")
    ok = sum(s.backward_ok for s in students)
    want = {"ok": ok, "wrong": len(students) - ok, "todo": 0, "students": len(students)}
    shown = await page.wait_for(want, timeout=10)
    result["class_counts_shown_after_s"] = shown
    result["page_counts"] = await page.counts()
    result["expected_counts"] = want
    if shown is None or shown > 2.0:
        raise RuntimeError(f"the class view did not show the right counts within 2 s: {result}")
    shot = ROOT / "build" / "hub" / f"classview-{len(students)}.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    await page.page.screenshot(path=str(shot), full_page=True)
    result["screenshot"] = str(shot.relative_to(ROOT))
    # one student at a time changes their 06.4 verdict: how long until the page shows it
    refresh = []
    for s in students[:5]:
        before = s.backward_ok
        while s.backward_ok == before:  # a verdict that changes the counts
            await s.run_check()
        await s.flush_reports()
        ok = sum(x.backward_ok for x in students)
        took = await page.wait_for({"ok": ok, "wrong": len(students) - ok}, timeout=10)
        if took is None:
            raise RuntimeError("the class view did not show a changed verdict within 10 s")
        refresh.append(took)
    result["one_verdict_shown_after_s"] = summary(refresh)
    await page.page.check("#anonymous")
    if await page.page.locator("#grid tbody td.name:text-is('Student 1')").count() != 1:
        raise RuntimeError("the anonymous switch did not replace the names")
    if await page.page.locator("button.forget:visible").count():
        raise RuntimeError("the delete buttons still show in anonymous mode")
    anonymous = ROOT / "build" / "hub" / f"classview-{len(students)}-anonymous.png"
    await page.page.screenshot(path=str(anonymous), full_page=True)
    result["screenshot_anonymous"] = str(anonymous.relative_to(ROOT))
    # the instructor deletes the last student's data from the page (cookie, xsrf, confirm)
    await page.page.uncheck("#anonymous")
    gone = students[-1].name
    page.page.once("dialog", lambda dialog: asyncio.ensure_future(dialog.accept()))
    await page.page.click(f"#grid tbody tr:has(td.name:text-is('{gone}')) button.forget")
    left = {"students": len(students) - 1}
    if await page.wait_for(left, timeout=10) is None:
        raise RuntimeError(f"the page did not drop {gone} after the delete button")
    with sqlite3.connect(state / "classview.sqlite") as db:
        kept = db.execute("SELECT COUNT(*) FROM reports WHERE student = ?", (gone,)).fetchone()[0]
    if kept:
        raise RuntimeError(f"{kept} reports of {gone} are still stored after the delete")
    result["deleted_from_the_page"] = gone
    return result


# ---------------------------------------------------------------- the real set-up starts


async def check_real_config(state):
    """Start the hub with the real configuration (hub/jupyterhub_config.py: HTTPS with a
    self-signed certificate, NativeAuthenticator) on 127.0.0.1 and check its door: HTTPS
    only, a student who signed up is refused until an instructor authorizes them, the
    instructor gets in. (Its SystemdSpawner needs systemd, so no server is started.)"""
    real = state / "real"
    real.mkdir()
    cert, key = real / "cert.pem", real / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    port, hub_port, api_port = free_port(), free_port(), free_port()
    # the instructor's account, made on the machine before the hub starts (hub/instructors.py)
    instructor_password = secrets.token_urlsafe(12)
    subprocess.run(
        [sys.executable, "-m", "hub.instructors", "--db", str(real / "jupyterhub.sqlite")]
        + ["--password-stdin", "instructor"],
        input=instructor_password + "\n",
        text=True,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    env = {
        **os.environ,
        "CLASSVIEW_PORT": str(free_port()),
        "HUB_HOST": "localhost",
        "HUB_STATE_DIR": str(real),
        "HUB_SSL_CERT": str(cert),
        "HUB_SSL_KEY": str(key),
        "HUB_PROXY": str(CHP),
        "HUB_ADMINS": "instructor",
        "COURSE_ENV": str(VENV_BIN.parent),
        "COURSE_REPO": "https://git.example.org/course/autograd-lesson.git",
        "PATH": f"{VENV_BIN}:{os.environ.get('PATH', '')}",
    }
    log_path = real / "jupyterhub.log"
    log = open(log_path, "w")  # noqa: SIM115 (the hub writes to it while it runs)
    proc = subprocess.Popen(
        [
            str(VENV_BIN / "jupyterhub"),
            "-f",
            str(ROOT / "hub" / "jupyterhub_config.py"),
            f"--JupyterHub.bind_url=https://127.0.0.1:{port}",
            f"--JupyterHub.hub_bind_url=http://127.0.0.1:{hub_port}",
            f"--ConfigurableHTTPProxy.api_url=http://127.0.0.1:{api_port}",
        ],
        cwd=real,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,
    )
    url = f"https://127.0.0.1:{port}"
    checks = {}
    try:
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(
            cookie_jar=jar, connector=aiohttp.TCPConnector(ssl=False)
        ) as http:
            deadline = time.monotonic() + 60
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(
                        "the real configuration did not start:\n" + log_path.read_text()[-3000:]
                    )
                try:
                    async with http.get(f"{url}/hub/login") as r:
                        page = await r.text()
                        if r.status == 200:  # (the proxy answers 404 until the hub's route is in)
                            checks["https_login_page"] = True
                            checks["hsts_header"] = "Strict-Transport-Security" in r.headers
                            checks["signup_link"] = "/hub/signup" in page
                            break
                except aiohttp.ClientError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError("the real configuration did not answer in 60 s")
                await asyncio.sleep(0.5)
            try:
                async with http.get(f"http://127.0.0.1:{port}/hub/login") as r:
                    checks["plain_http_refused"] = False
            except aiohttp.ClientError:
                checks["plain_http_refused"] = True

            async def post(path, form):
                async with http.get(f"{url}{path}") as r:
                    found = re.search(r'name="_xsrf"[^>]*value="([^"]+)"', await r.text())
                if found:
                    form["_xsrf"] = found.group(1)
                async with http.post(f"{url}{path}", data=form, allow_redirects=False) as r:
                    return r.status, r.headers.get("Location", "")

            # a stranger signs up under the instructor's name, and a student signs up
            password = secrets.token_urlsafe(12)
            for name in ("instructor", "student001"):
                await post(
                    "/hub/signup",
                    {
                        "username": name,
                        "signup_password": password,
                        "signup_password_confirmation": password,
                    },
                )
            status, _ = await post("/hub/login", {"username": "student001", "password": password})
            checks["unauthorized_student_refused"] = status != 302
            http.cookie_jar.clear()
            status, _ = await post("/hub/login", {"username": "instructor", "password": password})
            checks["stranger_not_an_instructor"] = status != 302
            http.cookie_jar.clear()
            status, _where = await post(
                "/hub/login", {"username": "instructor", "password": instructor_password}
            )
            checks["instructor_logs_in"] = status == 302
            checks["wrong_password_refused"] = (
                await post(
                    "/hub/login",
                    {"username": "instructor", "password": "not-" + instructor_password},
                )
            )[0] != 302
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
    text = log_path.read_text()
    checks["classview_service_started"] = "Adding route /services/classview" in text
    checks["systemdspawner_configured"] = "SystemdSpawner" in text or "systemdspawner" in text
    return checks


# ---------------------------------------------------------------- the class


async def run_class(args, state):
    repo = make_course_repo(state)
    repo_url = repo.as_uri()
    hub = Hub(state, args.students, args.timeout)
    say(f"hub: starting on {hub.url} (state and homes in {state})")
    result = {"students": args.students, "moves_per_pattern": args.moves, "cores": os.cpu_count()}
    students = []
    say(
        "the real set-up (hub/jupyterhub_config.py): starting it with HTTPS and NativeAuthenticator ..."
    )
    result["real_config_checks"] = checks = await check_real_config(state)
    if not all(checks.values()):
        raise RuntimeError(f"the real configuration failed a check: {checks}")
    say("  " + ", ".join(checks) + ": all passed")
    page = ClassViewPage()
    try:
        await hub.start()
        say("the class view: the instructor opens it in Chromium ...")
        await page.open(hub)
        rng = random.Random(args.seed)
        students = [
            Student(f"student{i + 1:03d}", hub, repo_url, args, random.Random(rng.random()))
            for i in range(args.students)
        ]
        barriers = {k: Barrier(len(students)) for k in ("pulled", "drag", "jump")}
        say(
            f"{len(students)} students: log in, get a server, pull the course, run lesson 09, "
            f"move the slider ({args.moves} drag + {args.moves} jump moves each) ..."
        )
        t0 = time.perf_counter()
        tasks = [asyncio.create_task(s.run(barriers)) for s in students]
        sampler = asyncio.create_task(sample_memory(hub, students, result))
        done, pending = await asyncio.wait(
            tasks, timeout=args.timeout, return_when=asyncio.FIRST_EXCEPTION
        )
        for t in pending:
            t.cancel()
        sampler.cancel()
        failures = [t.exception() for t in done if not t.cancelled() and t.exception()]
        if failures:
            raise failures[0]
        if pending:
            raise RuntimeError(f"{len(pending)} students were not done within {args.timeout} s")
        hub.remember()
        say("the class view: every kernel's reports, and the page's counts ...")
        result["classview"] = await check_classview(hub, students, page, state)
        result["classview_refresh_s"] = result["classview"]["one_verdict_shown_after_s"]
        result["classview_memory_mib"] = classview_memory(hub)
        result["class_logged_in_and_pulled_s"] = max(s.pulled_at for s in students) - t0
        result["per_student_login_and_server_s"] = summary(
            [s.times["login_and_server"] for s in students]
        )
        result["per_student_pull_s"] = summary([s.times["pull"] for s in students])
        result["per_student_login_to_pulled_s"] = summary(
            [s.times["login_to_pulled"] for s in students]
        )
        result["per_student_lesson09_s"] = summary([s.times["lesson"] for s in students])
        result["error_outputs_in_lesson09"] = summary([s.errors_in_cells for s in students])
        for pattern in ("drag", "jump"):
            rtts = [x * 1000 for s in students for x in s.rtt[pattern]]
            result[f"slider_{pattern}_ms"] = summary(rtts)
            cpu = [s.kernel_cpu[pattern] * 1000 for s in students if pattern in s.kernel_cpu]
            result[f"kernel_cpu_per_{pattern}_move_ms"] = summary(cpu)
        mems = [await s.memory() for s in students]
        servers = [m[0] for m in mems if m[0]]
        kernels = [m[1] for m in mems if m[1]]
        both = [m[0] + m[1] for m in mems if m[0] and m[1]]
        result["memory_server_mib"] = summary(servers)
        result["memory_kernel_mib"] = summary(kernels)
        result["memory_per_student_mib"] = summary(both)
        result["memory_per_student_rss_mib"] = summary([m[2] + m[3] for m in mems if m[2] and m[3]])
        result["memory_hub_and_proxy_mib"] = hub_memory(hub)
        result["memory_available_mib_at_end"] = psutil.virtual_memory().available / 2**20
        # nbgitpuller's merge: an upstream change and a student's edit, both kept
        checked = students[: min(3, len(students))]
        marker = upstream_change(state, repo)
        kept = [await s.edit_then_pull_again(marker) for s in checked]
        result["edits_kept_after_upstream_change"] = all(k[0] for k in kept)
        result["upstream_change_arrived"] = all(k[1] for k in kept)
        if not all(k[0] and k[1] for k in kept):
            raise RuntimeError(f"nbgitpuller's merge: (edit kept, upstream arrived) = {kept}")
        return result
    finally:
        await page.close()
        for s in students:
            await s.close()
        leftovers = hub.stop()
        result["leftover_processes_killed"] = leftovers


async def sample_memory(hub, students, result):
    """The highest total memory of all servers and kernels, sampled every 2 s."""
    peak = 0.0
    try:
        while True:
            total = 0.0
            try:
                for p in psutil.Process(hub.proc.pid).children(recursive=True):
                    with contextlib.suppress(psutil.Error):
                        total += p.memory_info().rss / 2**20
            except psutil.Error:
                pass
            peak = max(peak, total)
            result["peak_rss_all_children_mib"] = peak
            await asyncio.sleep(2)
    except asyncio.CancelledError:
        pass


def classview_memory(hub):
    """PSS (RSS where PSS is unknown) of the class view's process, in MiB."""
    for p in psutil.Process(hub.proc.pid).children(recursive=True):
        with contextlib.suppress(psutil.Error):
            if "hub.classview" in " ".join(p.cmdline()):
                info = p.memory_full_info()
                return getattr(info, "pss", info.rss) / 2**20
    return None


def hub_memory(hub):
    total = 0.0
    try:
        ps = [psutil.Process(hub.proc.pid)] + [
            p
            for p in psutil.Process(hub.proc.pid).children()
            if "configurable-http-proxy" in " ".join(p.cmdline()) or "node" in p.name()
        ]
        for p in ps:
            info = p.memory_full_info()
            total += getattr(info, "pss", info.rss) / 2**20
    except psutil.Error:
        pass
    return total


def summary(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {
        "n": len(values),
        "mean": statistics.fmean(values),
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "max": max(values),
        "min": min(values),
    }


def report(result):
    def row(label, key, unit):
        s = result.get(key)
        if not s:
            return
        say(
            f"  {label:<38} p50 {s['p50']:8.1f}  p95 {s['p95']:8.1f}  max {s['max']:8.1f} {unit}"
            f"   (n={s['n']})"
        )

    say("")
    say(f"== load test: {result['students']} students on {result['cores']} cores")
    say(f"  whole class logged in and pulled:      {result['class_logged_in_and_pulled_s']:.1f} s")
    row("one student: log in + server ready", "per_student_login_and_server_s", "s")
    row("one student: nbgitpuller pull", "per_student_pull_s", "s")
    row("one student: log in to pulled", "per_student_login_to_pulled_s", "s")
    row("one student: lesson 09's cells", "per_student_lesson09_s", "s")
    row("slider round trip, drag", "slider_drag_ms", "ms")
    row("slider round trip, jump", "slider_jump_ms", "ms")
    row("kernel CPU per move, drag", "kernel_cpu_per_drag_move_ms", "ms")
    row("kernel CPU per move, jump", "kernel_cpu_per_jump_move_ms", "ms")
    row("memory: server (PSS)", "memory_server_mib", "MiB")
    row("memory: kernel (PSS)", "memory_kernel_mib", "MiB")
    row("memory: server + kernel (PSS)", "memory_per_student_mib", "MiB")
    row("memory: server + kernel (RSS)", "memory_per_student_rss_mib", "MiB")
    say(f"  memory: hub + proxy (PSS)              {result['memory_hub_and_proxy_mib']:.0f} MiB")
    say(
        f"  peak RSS of all servers and kernels    {result.get('peak_rss_all_children_mib', 0):.0f} MiB"
    )
    say(
        f"  error outputs per run of lesson 09     {result['error_outputs_in_lesson09']['max']:.0f}"
        " (error messages the kernel sent while running it)"
    )
    say(
        f"  edits kept after an upstream change:   {result['edits_kept_after_upstream_change']}"
        f" (upstream change arrived: {result['upstream_change_arrived']})"
    )
    cv = result["classview"]
    say(
        f"  class view: {cv['reports_stored']} reports stored of {cv['reports_sent_by_kernels']}"
        f" sent; the page showed the class's counts after {cv['class_counts_shown_after_s']:.2f} s"
    )
    row("class view: one new verdict on the page", "classview_refresh_s", "s")
    say(f"  class view: the service's memory (PSS)  {result['classview_memory_mib']:.0f} MiB")
    say(f"  class view: screenshots {cv['screenshot']}, {cv['screenshot_anonymous']}")
    say(f"  leftover processes killed at the end:  {len(result['leftover_processes_killed'])}")


def ensure_proxy():
    if CHP.exists():
        return
    npm = shutil.which("npm")
    if not npm:
        sys.exit("hub/loadtest.py: configurable-http-proxy needs npm (apt-get install -y npm).")
    say(f"installing configurable-http-proxy@{CHP_VERSION} into build/hub/ with npm ...")
    subprocess.run(
        [
            npm,
            "install",
            "--prefix",
            str(CHP.parents[2]),
            "--no-save",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            f"configurable-http-proxy@{CHP_VERSION}",
        ],
        check=True,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=30, help="simulated students (default 30)")
    parser.add_argument(
        "--moves", type=int, default=10, help="slider moves per pattern (default 10)"
    )
    parser.add_argument(
        "--ramp",
        type=float,
        default=0.0,
        help="students arrive at random within this many seconds (default 0: all at once)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=1200,
        help="limit for the whole run in seconds (default 1200)",
    )
    parser.add_argument(
        "--move-timeout",
        type=float,
        default=60.0,
        help="limit for one slider round trip in seconds (default 60)",
    )
    parser.add_argument(
        "--cell-timeout",
        type=float,
        default=180.0,
        help="limit for one cell of the lesson in seconds (default 180)",
    )
    # the students pull a clone of this checkout, whose default branch is the one checked out
    # here; the instructor's change is pushed there too, so pull that branch unless told
    here = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--abbrev-ref", "HEAD"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    parser.add_argument(
        "--branch",
        default=here if here and here != "HEAD" else "main",
        help="the branch students pull (default: the one checked out here)",
    )
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument(
        "--json", type=Path, help="where to write the results (default build/hub/loadtest-N.json)"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary directory (for debugging)"
    )
    args = parser.parse_args()
    if not 1 <= args.students <= 200:
        parser.error("--students must be between 1 and 200")
    if not 1 <= args.moves <= 100:
        parser.error("--moves must be between 1 and 100")
    ensure_proxy()
    state = Path(tempfile.mkdtemp(prefix="aghub-"))  # short: kernel sockets live under it
    result = None
    try:
        result = asyncio.run(run_class(args, state))
    finally:
        log = state / "jupyterhub.log"
        if result is None and log.exists():
            say("\nthe last lines of the hub's log:\n" + log.read_text()[-4000:])
        if args.keep:
            say(f"kept {state}")
        else:
            shutil.rmtree(state, ignore_errors=True)
    report(result)
    out = args.json or ROOT / "build" / "hub" / f"loadtest-{args.students}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n")
    say(f"\nresults written to {out}; temporary directory {'kept' if args.keep else 'removed'}.")


if __name__ == "__main__":
    main()
