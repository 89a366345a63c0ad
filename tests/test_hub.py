"""The JupyterHub set-up in hub/: safe for real use, and its load test kept out of `test`.

These read the files only (JupyterHub is not part of the course's environment); the hub
itself is exercised by `bash course.sh loadtest` (hub/loadtest.py), which also starts the
real configuration with HTTPS and NativeAuthenticator and checks its login.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HUB = ROOT / "hub"


def test_the_real_config_has_a_real_login_https_and_limits():
    text = (HUB / "jupyterhub_config.py").read_text()
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert "dummy" not in code.lower() and "SimpleLocalProcessSpawner" not in code
    # NativeAuthenticator, through CourseAuthenticator (no sign-up under an instructor's name)
    assert "authenticator_class = CourseAuthenticator" in code
    assert 'authenticator_class = "generic-oauth"' in code
    assert "c.JupyterHub.ssl_cert" in code and "c.JupyterHub.ssl_key" in code
    assert "c.Spawner.mem_limit" in code and "c.Spawner.cpu_limit" in code
    assert 'spawner_class = "systemdspawner"' in code  # the local spawner that enforces limits
    assert 'setting("COURSE_REPO", required=True)' in code  # the one setting for the address
    assert "c.Spawner.default_url = course_link.spawner_url(" in code  # hub/link.py: git-pull


def test_the_dummy_authenticator_is_only_in_the_load_test():
    for path in HUB.rglob("*"):
        if path.suffix in (".py", ".txt", ".example", ".service") and path.is_file():
            assert "dummy" not in path.read_text().lower() or path.name == "loadtest.py", path


def test_hub_requirements_are_pinned_and_apart_from_the_course():
    pins = [
        line
        for line in (HUB / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert pins and all(re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][0-9A-Za-z.]*", p) for p in pins)
    course = (ROOT / "requirements.txt").read_text().lower()
    assert "jupyterhub" not in course and "nbgitpuller" not in course


def test_the_load_test_runs_from_course_sh_but_not_in_test_or_ci():
    script = (ROOT / "course.sh").read_text()
    assert "loadtest) shift; cmd_loadtest" in script and "hub/loadtest.py" in script
    test_body = script.split("cmd_test() {", 1)[1].split("\n}\n", 1)[0]
    assert "loadtest" not in test_body
    assert "loadtest" not in (ROOT / ".ci" / "run").read_text()
    assert "bash course.sh loadtest" in (HUB / "README.md").read_text()
