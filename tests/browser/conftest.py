"""One JupyterLab server and one headless Chromium for the whole browser phase.

The server runs from the current Python environment (`sys.executable -m jupyter lab`),
serves `<repo>/notebooks` on 127.0.0.1 with a random token, and reads its settings
from a temporary directory where:

- notebooks render every cell (`windowingMode: none`), so cells below the fold exist
  in the page;
- nothing pops up over the notebook (no news prompt, no update check, no toasts);
- autosave is off, so running a notebook in the browser never rewrites the stored
  `.ipynb` (the test also checks the files are unchanged).

Set `BROWSER_NOTEBOOK_DIR` to serve another directory (to develop a test against a
scratch notebook); by default it is `<repo>/notebooks`.
"""

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
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]

# JupyterLab user settings, written as <settings dir>/<package>/<plugin>.jupyterlab-settings
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification": {
        "fetchNews": "false", "checkForUpdates": False, "doNotDisturbMode": True,
    },
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
}


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """A running JupyterLab server: its base `url`, `token`, and small REST helpers."""

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


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    home = tmp_path_factory.mktemp("lab")
    settings, workspaces = home / "settings", home / "workspaces"
    for plugin, values in LAB_SETTINGS.items():
        path = settings / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    workspaces.mkdir()
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings),
               JUPYTERLAB_WORKSPACES_DIR=str(workspaces), JUPYTER_CONFIG_DIR=str(home / "config"),
               PYTHONUNBUFFERED="1")
    port, token = _free_port(), secrets.token_hex(24)
    cmd = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
        "--ip=127.0.0.1", f"--port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={NOTEBOOK_DIR}",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--ServerApp.open_browser=False", "--ServerApp.terminals_enabled=False",
        "--MappingKernelManager.cull_idle_timeout=0",
    ]
    log = home / "lab.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env,
                                cwd=str(home), start_new_session=True)
    server = Lab(f"http://127.0.0.1:{port}", token, proc, log)
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                pytest.fail(f"JupyterLab exited with {proc.returncode}:\n{server.log_tail()}")
            try:
                server.api("/api/status")
                break
            except Exception:
                if time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not answer within 90 s:\n{server.log_tail()}")
                time.sleep(0.3)
        yield server
    finally:
        try:
            server.shutdown_all_kernels()
        except Exception:
            pass
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=15)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which(
        "chromium-browser")
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
        terminalreporter.write_sep("-", "browser: hard to read (reported, not failed; screenshots in "
                                        "artifacts/screenshots/)")
        for line in layout:
            terminalreporter.write_line(line)


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
    home = tmp_path_factory.mktemp("notebook7")
    settings = home / "settings"
    for plugin, values in LAB_SETTINGS.items():
        path = settings / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    (home / "workspaces").mkdir()
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings),
               JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
               JUPYTER_CONFIG_DIR=str(home / "config"), PYTHONUNBUFFERED="1")
    port, token = _free_port(), secrets.token_hex(24)
    cmd = [
        sys.executable, "-m", "jupyter", "notebook", "--no-browser", "--allow-root",
        "--ip=127.0.0.1", f"--port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={NOTEBOOK_DIR}",
        "--ServerApp.open_browser=False", "--ServerApp.terminals_enabled=False",
        "--MappingKernelManager.cull_idle_timeout=0",
    ]
    log = home / "notebook7.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env,
                                cwd=str(home), start_new_session=True)
    server = Notebook7(f"http://127.0.0.1:{port}", token, proc, log)
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                pytest.fail(f"Notebook 7 exited with {proc.returncode}:\n{server.log_tail()}")
            try:
                server.api("/api/status")
                break
            except Exception:
                if time.monotonic() > deadline:
                    pytest.fail(f"Notebook 7 did not answer within 90 s:\n{server.log_tail()}")
                time.sleep(0.3)
        yield server
    finally:
        try:
            server.shutdown_all_kernels()
        except Exception:
            pass
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=15)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)
