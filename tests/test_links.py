"""Every link to the course comes from its one address setting, and none has drifted from it.

The setting: `repository` and `branch` under `[tool.autograd-lesson]` in pyproject.toml
(tools/address.py). `bash course.sh links` (tools/links.py) writes the README's Binder link
and Colab links, the hub's nbgitpuller link form (made by hub/link.py alone) and
hub.env.example, and each lesson's "Open in Colab" link and install cell from it. While the
setting is the placeholder, nothing links to it; both cases are tested here, the committed
files as they are and a copy with an address set.
"""

import ast
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


def check_lesson_links(notebooks, the_links):
    """Each lesson's first cells as `the_links` write them: with a real address, its Colab
    link and an install cell that installs from it; with the placeholder, neither."""
    for path in notebooks:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        text = json.dumps(cells)
        title = "".join(cells[0]["source"])
        assert title.startswith("# ") and "\n\n\n" not in title, path.name
        setup = cells[1]
        assert setup["cell_type"] == "code" and setup["id"] == links.SETUP_CELL_ID
        assert "".join(setup["source"]) == the_links.setup_cell()
        # not on the slides, no tag that hides its output from nbval, and it printed nothing
        assert setup["metadata"] == {"slideshow": {"slide_type": "skip"}}
        assert setup["outputs"] == []
        pip = f"autograd-lesson @ git+{the_links.repository}@{the_links.branch}"
        if the_links.real:
            assert f"[Open in Colab]({the_links.colab(path.name)})" in title, path.name
            assert f'%pip install -q "{pip}"' in "".join(setup["source"])
        else:
            assert "colab.research.google.com" not in text and "git+" not in text, path.name
            assert "OWNER" not in text and "bash course.sh lab" in "".join(setup["source"])


def check_readme_links(readme, the_links, notebooks):
    table = readme[readme.index("| | Notebook | What you learn |") :]
    for path in notebooks:
        assert f"(notebooks/{path.name}) |" in table
        colab = f"| [Colab]({the_links.colab(path.name)}) |"
        assert (colab in table) == the_links.real, path.name
    assert (the_links.binder() in readme) == the_links.real
    if not the_links.real:
        assert "OWNER" not in readme and "mybinder.org/v2" not in readme
        assert "colab.research.google.com" not in readme
        assert "bash course.sh links https://github.com/" in readme
    assert len(readme.encode()) <= 8 * 1024, "the README is to fit on a page: at most 8 kB"


def test_each_lesson_links_to_colab_only_once_the_address_is_set():
    check_lesson_links(NOTEBOOKS, LINKS)


def test_the_readme_links_to_colab_and_binder_only_once_the_address_is_set():
    check_readme_links((ROOT / "README.md").read_text(), LINKS, NOTEBOOKS)
    assert LINKS.nbgitpuller() in (ROOT / "hub/README.md").read_text()
    assert f"COURSE_REPO={LINKS.repository}\n" in (ROOT / "hub/hub.env.example").read_text()


def _imports(path):
    """The modules a Python file imports, anywhere in it (inside functions too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_the_hub_link_is_made_in_one_place_with_no_import_circle():
    """hub/link.py makes the nbgitpuller URL; tools/links.py and the hub's config use it;
    hub/link.py reads the setting from tools/address.py, which imports nothing of ours."""
    assert "tools.links" not in _imports(ROOT / "hub/link.py")
    assert not {
        m for m in _imports(ROOT / "tools/address.py") if m.split(".")[0] in ("hub", "tools")
    }
    assert "hub.link" in _imports(ROOT / "tools/links.py")
    for path in ("tools/links.py", "hub/jupyterhub_config.py"):
        code = (ROOT / path).read_text()
        assert "urlencode" not in code and "targetpath" not in code, path
    config = (ROOT / "hub/jupyterhub_config.py").read_text()
    assert 'HERE / "link.py"' in config and "course_link.spawner_url(" in config
    query = hub_link.pull_query("https://git.example.edu/c.git", "spring")
    assert hub_link.spawner_url("https://git.example.edu/c.git", "spring") == f"/git-pull?{query}"
    assert hub_link.link("https://hub.example.edu/", "https://git.example.edu/c.git", "spring") == (
        f"https://hub.example.edu/hub/user-redirect/git-pull?{query}"
    )
    assert query == (
        "repo=https%3A%2F%2Fgit.example.edu%2Fc.git&branch=spring&targetpath=autograd-lesson"
        "&urlpath=lab%2Ftree%2Fautograd-lesson%2Fnotebooks%2F00-start-here.ipynb"
    )


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
    jane = links.Links("https://github.com/jane/autograd-lesson", "spring")
    check_lesson_links(sorted((tmp_path / "notebooks").glob("*.ipynb")), jane)
    check_readme_links((tmp_path / "README.md").read_text(), jane, NOTEBOOKS)
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


@pytest.mark.parametrize("address", [None, "jane"])
def test_the_install_cell_installs_what_is_missing_or_says_how(address):
    """Run the cell's logic where neither is there (no package importable, no `dot` on PATH,
    not root), with %pip replaced by a stand-in: it says what it does, and never raises. With
    an address it installs the package from it; with the placeholder it says how instead."""
    the_links = (
        links.Links("https://github.com/jane/autograd-lesson", "spring")
        if address
        else links.Links(links.PLACEHOLDER, "main")
    )
    source = re.sub(r'%pip install -q (".*")', r'print("PIP:" + \1)', the_links.setup_cell())
    source = source.replace("os.geteuid() == 0", "False")
    code = (
        "import importlib.util, shutil\n"
        "importlib.util.find_spec = lambda name, *a: None\n"
        "shutil.which = lambda name, *a, **k: None\n" + source
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    if address:
        assert "Installing the course's package from https://github.com/jane/autograd-lesson" in (
            done.stdout
        )
        assert "PIP:autograd-lesson @ git+https://github.com/jane/autograd-lesson@spring" in (
            done.stdout
        )
    else:
        assert "PIP:" not in done.stdout and "github" not in done.stdout
        assert "The course's package is not installed here" in done.stdout
        assert "`bash course.sh lab` (or `pip install -e .`)" in done.stdout
    assert "Graphviz's `dot` program is missing" in done.stdout
    assert "apt-get install graphviz" in done.stdout
