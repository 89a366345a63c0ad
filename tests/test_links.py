"""Every link to the course comes from its one address setting, and none has drifted from it.

The setting: `repository` and `branch` under `[tool.autograd-lesson]` in pyproject.toml.
`bash course.sh links` (tools/links.py) writes the README's Binder link and Colab badges,
the hub's nbgitpuller link form and hub.env.example, and each lesson's "Open in Colab"
link and install cell from it.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hub import link as hub_link
from tools import links

ROOT = Path(__file__).resolve().parent.parent

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
REPOSITORY, BRANCH = links.read_setting()
LINKS = links.Links(REPOSITORY, BRANCH)


def test_running_the_command_on_the_committed_files_changes_nothing():
    stale = [str(p.relative_to(ROOT)) for p in links.stale()]
    assert not stale, (
        f"links differ from pyproject.toml's address in {stale}: run `bash course.sh links`"
    )


def test_the_setting_is_one_github_address_or_the_obvious_placeholder():
    assert links.owner_repo(REPOSITORY)
    text = (ROOT / "pyproject.toml").read_text()
    assert text.count("[tool.autograd-lesson]") == 1 and "bash course.sh links" in text
    if links.is_placeholder(REPOSITORY):
        assert "OWNER/REPO" in REPOSITORY
        assert "bash course.sh links https://github.com/" in (ROOT / "README.md").read_text()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_each_lesson_opens_in_colab_and_installs_what_is_missing(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    assert f"[Open in Colab]({LINKS.colab(path.name)})" in "".join(cells[0]["source"])
    setup = cells[1]
    assert setup["cell_type"] == "code" and setup["id"] == links.SETUP_CELL_ID
    assert "".join(setup["source"]) == LINKS.setup_cell()
    # not on the slides, no tag that hides its output from nbval, and it printed nothing
    assert setup["metadata"] == {"slideshow": {"slide_type": "skip"}}
    assert setup["outputs"] == []
    assert f'"autograd-lesson @ git+{LINKS.repository}@{BRANCH}"' in LINKS.setup_cell()


def test_the_readme_links_every_lesson_to_colab_and_binder():
    readme = (ROOT / "README.md").read_text()
    for path in NOTEBOOKS:
        assert f"(notebooks/{path.name}) |" in readme
        assert f"]({LINKS.colab(path.name)}) |" in readme
    assert LINKS.binder() in readme
    assert (
        LINKS.nbgitpuller() in readme
        and LINKS.nbgitpuller() in (ROOT / "hub/README.md").read_text()
    )
    assert f"COURSE_REPO={LINKS.repository}\n" in (ROOT / "hub/hub.env.example").read_text()


def test_the_hub_link_reads_the_setting_unless_the_hub_names_another(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("COURSE_")}
    env["HUB_ENV_FILE"] = str(tmp_path / "none.env")
    run = [sys.executable, "-m", "hub.link", "https://hub.example.edu"]
    done = subprocess.run(run, env=env, capture_output=True, text=True, cwd=ROOT)
    if links.is_placeholder(REPOSITORY):
        assert done.returncode != 0 and "bash course.sh links" in done.stderr
    else:
        assert done.stdout.strip() == hub_link.link("https://hub.example.edu", REPOSITORY, BRANCH)
    (tmp_path / "hub.env").write_text("COURSE_REPO=https://git.example.edu/course.git\n")
    env["HUB_ENV_FILE"] = str(tmp_path / "hub.env")
    done = subprocess.run(run, env=env, capture_output=True, text=True, check=True, cwd=ROOT)
    assert "repo=https%3A%2F%2Fgit.example.edu%2Fcourse.git&branch=" + BRANCH in done.stdout


def test_setting_the_address_once_makes_every_link_real(tmp_path):
    for name in ("pyproject.toml", "README.md", "hub/README.md", "hub/hub.env.example"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "notebooks").mkdir()
    for path in NOTEBOOKS:
        shutil.copy(path, tmp_path / "notebooks" / path.name)
    assert (
        links.main(
            [
                "--root",
                str(tmp_path),
                "https://github.com/jane/autograd-lesson.git",
                "--branch",
                "spring",
            ]
        )
        == 0
    )
    assert links.read_setting(tmp_path) == ("https://github.com/jane/autograd-lesson", "spring")
    assert links.stale(tmp_path) == []
    for path in links.render(tmp_path):
        text = path.read_text(encoding="utf-8").replace(
            "placeholder `https://github.com/OWNER/REPO`", ""
        )
        assert "OWNER/REPO" not in text and "OWNER%2FREPO" not in text, path
    nb = (tmp_path / "notebooks" / "09-tanh-neuron.ipynb").read_text()
    assert (
        "colab.research.google.com/github/jane/autograd-lesson/blob/spring/notebooks/09-tanh-neuron.ipynb"
        in nb
    )
    assert "git+https://github.com/jane/autograd-lesson@spring" in nb
    assert "mybinder.org/v2/gh/jane/autograd-lesson/spring?" in (tmp_path / "README.md").read_text()
    # and only the links changed: the notebooks' cells are the same ones
    for path in NOTEBOOKS:
        old = json.loads(path.read_text(encoding="utf-8"))["cells"]
        new = json.loads((tmp_path / "notebooks" / path.name).read_text(encoding="utf-8"))["cells"]
        assert [c["id"] for c in old] == [c["id"] for c in new]
        assert [c.get("outputs") for c in old] == [c.get("outputs") for c in new]


def test_the_install_cell_installs_the_package_and_graphviz_when_missing(tmp_path):
    """Run the cell's logic where neither is there (no package importable, no `dot` on PATH,
    not root), with %pip replaced by a stand-in: it says what it does, and never raises."""
    source = re.sub(r'%pip install -q (".*")', r'print("PIP:" + \1)', LINKS.setup_cell())
    source = source.replace("os.geteuid() == 0", "False")
    code = (
        "import importlib.util, shutil\n"
        "importlib.util.find_spec = lambda name, *a: None\n"
        "shutil.which = lambda name, *a, **k: None\n" + source
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "Installing the course's package from " + LINKS.repository in done.stdout
    assert f"PIP:autograd-lesson @ git+{LINKS.repository}@{BRANCH}" in done.stdout
    assert "Graphviz's `dot` program is missing" in done.stdout
    assert "apt-get install graphviz" in done.stdout
