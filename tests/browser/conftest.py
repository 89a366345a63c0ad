"""One JupyterLab server and one headless Chromium for the whole browser phase.

The server runs from the current Python environment (`sys.executable -m jupyter lab`),
serves `<repo>/notebooks` on 127.0.0.1 with a random token, and reads its settings
from a temporary directory where:

- notebooks render every cell (`windowingMode: none`), so cells below the fold exist
  in the page;
- nothing pops up over the notebook (no toasts; the news prompt and the update check are
  off by the course's own defaults, jupyter-config/lab-overrides.json, as a student gets them);
- autosave is off, so running a notebook in the browser never rewrites the stored
  `.ipynb` (the test also checks the files are unchanged).

Set `BROWSER_NOTEBOOK_DIR` to serve another directory (to develop a test against a
scratch notebook); by default it is `<repo>/notebooks`.
"""

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = Path(os.environ.get("BROWSER_NOTEBOOK_DIR", REPO / "notebooks")).resolve()
SCREENSHOT_DIR = REPO / "artifacts" / "screenshots"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

# JupyterLab user settings, written as <settings dir>/<package>/<plugin>.jupyterlab-settings
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification": {"doNotDisturbMode": True},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
}


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """A running JupyterLab server: its base `url`, `token`, and small REST helpers."""

    front_end = "lab"

    def __init__(self, url, token, proc, log):
        self.url, self.token, self.proc, self.log = url, token, proc, log

    def api(self, path, method="GET"):
        sep = "&" if "?" in path else "?"
        req = urllib.request.Request(f"{self.url}{path}{sep}token={self.token}", method=method)
        with urllib.request.urlopen(req, timeout=10) as resp:
            body = resp.read()
        return json.loads(body) if body else None

    def kernels(self):
        return self.api("/api/kernels")

    def shutdown_all_kernels(self):
        for kernel in self.kernels():
            try:
                self.api(f"/api/kernels/{kernel['id']}", method="DELETE")
            except Exception:  # already gone
                pass

    def notebook_url(self, name, workspace):
        # a fresh named workspace plus ?reset: no layout or open tabs leak between notebooks
        return f"{self.url}/lab/workspaces/{workspace}/tree/{name}?reset&token={self.token}"

    def log_tail(self, n=40):
        return "\n".join(Path(self.log).read_text(errors="replace").splitlines()[-n:])


def _serve(tmp_path_factory, server_class, app, title, extra_args=()):
    """Start `jupyter <app>` on 127.0.0.1 with the settings above; yield it, then stop it."""
    home = tmp_path_factory.mktemp(server_class.front_end)
    settings = home / "settings"
    for plugin, values in LAB_SETTINGS.items():
        path = settings / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    (home / "workspaces").mkdir()
    env = dict(
        os.environ,
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
        JUPYTER_CONFIG_DIR=str(home / "config"),
        PYTHONUNBUFFERED="1",
    )
    port, token = _free_port(), secrets.token_hex(24)
    cmd = [
        sys.executable,
        "-m",
        "jupyter",
        app,
        "--no-browser",
        "--allow-root",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={NOTEBOOK_DIR}",
        *extra_args,
        "--ServerApp.open_browser=False",
        "--ServerApp.terminals_enabled=False",
        "--MappingKernelManager.cull_idle_timeout=0",
    ]
    log = home / f"{server_class.front_end}.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            cmd,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=str(home),
            start_new_session=True,
        )
    server = server_class(f"http://127.0.0.1:{port}", token, proc, log)
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                pytest.fail(f"{title} exited with {proc.returncode}:\n{server.log_tail()}")
            try:
                server.api("/api/status")
                break
            except Exception:
                if time.monotonic() > deadline:
                    pytest.fail(f"{title} did not answer within 90 s:\n{server.log_tail()}")
                time.sleep(0.3)
        yield server
    finally:
        with contextlib.suppress(Exception):
            server.shutdown_all_kernels()
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=15)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    yield from _serve(
        tmp_path_factory,
        Lab,
        "lab",
        "JupyterLab",
        ["--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
    )


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )
    if not executable:
        pytest.fail("No Chromium found: install it (apt-get install -y chromium) or set CHROMIUM")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def browser_context(browser):
    """One context for the session: JupyterLab's scripts load from the HTTP cache after the first
    notebook. Each notebook still gets its own page and its own fresh workspace."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture(scope="session")
def screenshot_dir():
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR


def pytest_terminal_summary(terminalreporter):
    times = getattr(terminalreporter.config, "_browser_times", None)
    if times:
        terminalreporter.write_sep("-", "browser: seconds per notebook")
        for name, seconds in times:
            terminalreporter.write_line(f"{seconds:6.1f}  {name}")
        terminalreporter.write_line(f"{sum(s for _, s in times):6.1f}  total")
    layout = getattr(terminalreporter.config, "_browser_layout", None)
    if layout:
        terminalreporter.write_sep(
            "-",
            "browser: hard to read (reported, not failed; screenshots in artifacts/screenshots/)",
        )
        for line in layout:
            terminalreporter.write_line(line)
    key_to_view = getattr(terminalreporter.config, "_key_to_view", None)
    if key_to_view:
        _key_to_view_report(terminalreporter, key_to_view)
    plays = getattr(terminalreporter.config, "_plays", None)
    if plays:
        terminalreporter.write_sep(
            "-", "browser: steps shown a second while playing (reported, not failed)"
        )
        for p in plays:
            terminalreporter.write_line(
                f"{p['front_end']:<10} {p['notebook']} cell {p['cell']}: {p['steps']} steps in "
                f"{p['seconds']:g} s = {p['steps'] / p['seconds']:.1f} steps/s"
            )


KEY_TO_VIEW_DIR = REPO / "artifacts"


def _nearest_rank(sorted_values, q):
    """The nearest-rank percentile (as benchmarks/ reports it): of 50 values, p95 is the 48th."""
    import math

    return sorted_values[max(0, math.ceil(q * len(sorted_values)) - 1)]


def _key_to_view_stats(timings):
    ms = sorted(t["view_ms"] for t in timings if t["view_ms"] is not None)
    stats = {"timed": len(timings), "changed": len(ms), "no_change": len(timings) - len(ms)}
    if ms:
        stats.update(
            p50_ms=round(_nearest_rank(ms, 0.5), 1),
            p95_ms=round(_nearest_rank(ms, 0.95), 1),
            max_ms=round(ms[-1], 1),
        )
    return stats


def _key_to_view_report(terminalreporter, timings):
    """Key press to changed view, as the browser test
    timed it in the page, per front end: p50/p95/max in the summary and, per front end, every
    timing in artifacts/key-to-view-<front end>.json. Reported, never asserted."""
    import os

    terminalreporter.write_sep("-", "browser: key press to changed view (ms; reported, not failed)")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    for front_end in sorted({t["front_end"] for t in timings}):
        mine = [t for t in timings if t["front_end"] == front_end]
        report = {
            "front_end": front_end,
            "load_average_at_end": load,
            "what": "performance.now() in the page from the keydown on the focused slider "
            "(clicks: the click event) to the frame after the widget's "
            "picture and text had both changed (or one of them, then nothing more for "
            "300 ms), new images decoded",
            "notebooks": sorted({t["notebook"] for t in mine}),
        }
        for kind in ("key", "click"):
            of_kind = [t for t in mine if t["kind"] == kind]
            if not of_kind:
                continue
            report[kind] = dict(
                _key_to_view_stats(of_kind),
                per_notebook={
                    nb: _key_to_view_stats([t for t in of_kind if t["notebook"] == nb])
                    for nb in sorted({t["notebook"] for t in of_kind})
                },
            )
            s = report[kind]
            figures = (
                f"p50 {s['p50_ms']:6.1f}  p95 {s['p95_ms']:6.1f}  max {s['max_ms']:6.1f}"
                if "p50_ms" in s
                else "no view change timed"
            )
            without = f", {s['no_change']} without a view change" if s["no_change"] else ""
            terminalreporter.write_line(
                f"{front_end:<10} {'key press' if kind == 'key' else 'click':<9} {figures}  "
                f"({s['changed']} of {s['timed']} timed over {len(s['per_notebook'])} notebooks"
                f"{without})"
            )
        report["timings"] = mine
        KEY_TO_VIEW_DIR.mkdir(parents=True, exist_ok=True)
        path = KEY_TO_VIEW_DIR / f"key-to-view-{front_end}.json"
        path.write_text(json.dumps(report, indent=1) + "\n")
    terminalreporter.write_line(
        f"load average {load}; every timing in "
        f"{KEY_TO_VIEW_DIR.relative_to(REPO)}/key-to-view-<front end>.json"
    )


# ---------------------------------------------------------------- Jupyter Notebook 7
#
# The same notebooks in Notebook 7's interface (`jupyter notebook`, its /notebooks/<name>
# pages): one server for the session, started like the JupyterLab one (same settings
# directory contents: every cell rendered, nothing popping up, autosave off).


class Notebook7(Lab):
    """A running `jupyter notebook` server (Notebook 7): the same helpers as `Lab`."""

    front_end = "notebook7"

    def notebook_url(self, name, workspace=None):
        return f"{self.url}/notebooks/{name}?token={self.token}"


@pytest.fixture(scope="session")
def notebook7(tmp_path_factory):
    yield from _serve(tmp_path_factory, Notebook7, "notebook", "Notebook 7")
