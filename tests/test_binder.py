"""binder/ is what mybinder.org builds the course from; check it without building it.

The static checks read the files; if repo2docker (the tool mybinder.org uses) is
installed, it also writes the Dockerfile it would build (`--no-build --debug`, no
Docker needed) and we check that Graphviz and our requirements are in it.
"""

import importlib.util
import pathlib
import re
import subprocess
import sys

import pytest
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
BINDER = ROOT / "binder"


def normalise(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path):
    """{normalised name: version} for every `name==version` line; other lines apart."""
    found, other = {}, []
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)", line)
        if match:
            name = normalise(match[1])
            assert name not in found, f"{path.name}: {match[1]} is listed twice"
            found[name] = match[2]
        else:
            other.append(line)
    return found, other


def test_binder_files_exist():
    for name in ("runtime.txt", "apt.txt", "requirements.txt"):
        assert (BINDER / name).is_file(), f"binder/{name} is missing"


def test_runtime_is_python_3_11():
    assert (BINDER / "runtime.txt").read_text().strip() == "python-3.11"


def test_apt_installs_graphviz():
    packages = [
        line.strip()
        for line in (BINDER / "apt.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert "graphviz" in packages


def test_binder_pins_equal_the_course_pins():
    binder, binder_other = pins(BINDER / "requirements.txt")
    course, course_other = pins(ROOT / "requirements.txt")
    assert course_other == [], f"requirements.txt: lines that are not name==version: {course_other}"
    assert binder, "binder/requirements.txt pins nothing"
    for name, version in binder.items():
        assert name in course, f"binder pins {name}, which requirements.txt does not list"
        assert version == course[name], (
            f"{name}: binder/requirements.txt pins {version}, requirements.txt {course[name]}"
        )
    assert binder_other == ["-e ."], f"expected the package line '-e .', got {binder_other}"


def test_binder_has_what_the_course_needs_at_run_time():
    binder, _ = pins(BINDER / "requirements.txt")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    needed = [
        normalise(re.split(r"[<>=!~;\[ ]", d, maxsplit=1)[0]) for d in project["dependencies"]
    ]
    needed += ["jupyterlab", "ipykernel", "ipywidgets", "jupyterlab-widgets"]
    missing = [n for n in needed if n not in binder]
    assert not missing, f"binder/requirements.txt does not pin {missing}"


@pytest.mark.skipif(
    importlib.util.find_spec("repo2docker") is None, reason="repo2docker is not installed"
)
def test_repo2docker_would_install_graphviz_and_the_requirements():
    done = subprocess.run(
        [sys.executable, "-m", "repo2docker", "--no-build", "--debug", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    assert "python=3.11" in out, out  # "Building conda environment for python=3.11"
    assert re.search(r"apt-get install --yes --no-install-recommends graphviz", out), out
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in out, out
