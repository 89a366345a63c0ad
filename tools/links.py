"""Write every link to the course from its one address setting (pyproject.toml).

    python -m tools.links                                   # rewrite the links from the setting
    python -m tools.links https://github.com/jane/autograd-lesson [--branch main]
                                                            # set the address, then rewrite them
    python -m tools.links --check                           # exit 1 if a link is out of date

The setting is `repository` (and `branch`) under `[tool.autograd-lesson]` in pyproject.toml
(tools/address.py reads and writes it). From it this writes:

- README.md: the Binder link (between its `course links` markers) and a Colab link per
  lesson in the lessons table;
- every notebook's first cell (its "Open in Colab" link) and its install cell (the code cell
  `course-setup`, second in the notebook, inserted if missing);
- hub/README.md (the clone, the pip install and the nbgitpuller link form, which
  hub/link.py makes) and hub/hub.env.example (COURSE_REPO and COURSE_BRANCH).

Until the address is set it is the placeholder https://github.com/OWNER/REPO, and nothing
links to it: the lessons and the README show no Colab or Binder link (the README says how
to add them), and the install cell, where the package is missing, says how to install it
from the course's folder instead of naming a repository that does not exist.

Only those lines and cells change; outputs stay as they are (the install cell prints nothing
where the package is installed). Standard library only: it runs before any set-up.
"""

import argparse
import json
import re
import sys
from pathlib import Path

from hub.link import link as hub_link
from tools.address import (
    PLACEHOLDER,
    is_placeholder,
    owner_repo,
    read_setting,
    write_setting,
)

ROOT = Path(__file__).resolve().parent.parent
SETUP_CELL_ID = "course-setup"
HUB_EXAMPLE = "https://HUB_HOST"  # the hub's address, as the hub docs write it
__all__ = ["PLACEHOLDER", "Links", "main", "read_setting", "render", "stale", "write_setting"]
README_LINKS = ("<!-- course links: bash course.sh links writes this -->", "<!-- /course links -->")


# ---------------------------------------------------------------- the links


class Links:
    """Every link to the course, from its address; `real` is False while it is the placeholder."""

    def __init__(self, repository, branch):
        self.owner, self.repo = owner_repo(repository)
        self.repository = f"https://github.com/{self.owner}/{self.repo}"
        self.branch = branch
        self.real = not is_placeholder(self.repository)

    def colab(self, notebook):
        return (
            f"https://colab.research.google.com/github/{self.owner}/{self.repo}"
            f"/blob/{self.branch}/notebooks/{notebook}"
        )

    def binder(self):
        return (
            f"https://mybinder.org/v2/gh/{self.owner}/{self.repo}/{self.branch}"
            "?urlpath=lab/tree/notebooks"
        )

    def pip(self):
        return f"autograd-lesson @ git+{self.repository}@{self.branch}"

    def nbgitpuller(self, hub=HUB_EXAMPLE):
        return hub_link(hub, self.repository, self.branch)

    def readme_links(self):
        """What README.md says between its `course links` markers."""
        if not self.real:
            return (
                "Once the course is on GitHub, `bash course.sh links https://github.com/YOU/REPO`"
                " adds its Binder link here and a Colab link to every lesson"
                " ([the course's address](docs/front-ends.md#the-courses-address))."
            )
        return (
            f"With nothing installed: [open the course on Binder]({self.binder()}) (a"
            " JupyterLab in your browser; the first launch takes several minutes), or open"
            " a lesson on Google Colab from its link below."
        )

    def setup_cell(self):
        """The install cell's source: plain, commented, printing nothing where all is installed."""
        if self.real:
            package = f'''\
# Setup: on Google Colab, or wherever the course is not installed yet, this cell installs
# what is missing and says so. Where everything is installed it does nothing at all.
import importlib.util, os, shutil, subprocess

if importlib.util.find_spec("autograd_lesson") is None:  # the course's own package
    print("Installing the course's package from {self.repository} ...")
    # pip keeps the ipywidgets already there (Colab's 7.7): the package works with 7.7 and 8
    %pip install -q "{self.pip()}"
    importlib.invalidate_caches()  # so that the next cells find it
'''
        else:  # no address yet: nowhere to install from but the course's own folder
            package = """\
# Setup: wherever the course is not installed yet, this cell says what is missing and
# installs what it can. Where everything is installed it does nothing at all.
import importlib.util, os, shutil, subprocess

if importlib.util.find_spec("autograd_lesson") is None:  # the course's own package
    print("The course's package is not installed here. In the course's folder, run "
          "`bash course.sh lab` (or `pip install -e .`), and open the lesson from there.")
"""
        return (
            package
            + """\
if shutil.which("dot") is None:  # Graphviz's `dot`, the program that draws the graphs
    if shutil.which("apt-get") and os.geteuid() == 0:  # Debian/Ubuntu as root, as on Colab
        print("Installing Graphviz (apt-get install graphviz) ...")
        subprocess.run("apt-get update -qq && apt-get install -y -qq graphviz",
                       shell=True, check=True)
    else:
        print("Graphviz's `dot` program is missing, so graphs cannot be drawn. Install it "
              "(sudo apt-get install graphviz, or brew install graphviz) and run this cell again.")"""
        )


# ---------------------------------------------------------------- the files


def _sub(pattern, replacement, text, where, flags=0):
    new, count = re.subn(pattern, replacement, text, flags=flags)
    if not count:
        raise SystemExit(f"tools/links.py: {where}: found no {pattern!r} to rewrite")
    return new


def _lesson_table(text, links, notebooks):
    """The README's lessons table: a Colab column, one link per lesson, once the address is
    set; none before."""
    colab = " Colab |" if links.real else ""
    text = _sub(
        r"^\| \| Notebook \| What you learn \|(?: Colab \|)?\n\| --- \| --- \| --- \|(?: --- \|)?$",
        f"| | Notebook | What you learn |{colab}\n| --- | --- | --- |{colab and ' --- |'}",
        text,
        "README.md",
        re.M,
    )
    row = re.compile(
        r"^\| (\d\d) \| (\[[^\]]*\]\(notebooks/([^)]+\.ipynb)\)) \| (.*?) \|"
        r"(?: \[Colab\]\([^)]*\) \|)?$",
        re.M,
    )
    seen = set()

    def write(match):
        seen.add(match.group(3))
        line = f"| {match.group(1)} | {match.group(2)} | {match.group(4)} |"
        return line + (f" [Colab]({links.colab(match.group(3))}) |" if links.real else "")

    text = row.sub(write, text)
    missing = sorted(set(notebooks) - seen)
    if missing:
        raise SystemExit(f"tools/links.py: README.md's lessons table has no row for {missing}")
    return text


def readme(text, links, notebooks):
    start, end = README_LINKS
    text = _sub(
        rf"^{re.escape(start)}\n(?:.*?\n)?{re.escape(end)}$",
        f"{start}\n{links.readme_links()}\n{end}",
        text,
        "README.md",
        re.M | re.S,
    )
    return _lesson_table(text, links, notebooks)


def hub_readme(text, links):
    text = _sub(
        r"(git clone )\S+( /opt/autograd-course)",
        rf"\g<1>{links.repository}\g<2>",
        text,
        "hub/README.md",
    )
    text = _sub(r'"autograd-lesson @ git\+[^"]+"', f'"{links.pip()}"', text, "hub/README.md")
    return _sub(
        r"https://HUB_HOST/hub/user-redirect/git-pull\?[^\s)`]+",
        links.nbgitpuller(),
        text,
        "hub/README.md",
    )


def hub_env(text, links):
    text = _sub(
        r"^COURSE_REPO=.*$", f"COURSE_REPO={links.repository}", text, "hub/hub.env.example", re.M
    )
    return _sub(
        r"^COURSE_BRANCH=.*$", f"COURSE_BRANCH={links.branch}", text, "hub/hub.env.example", re.M
    )


def _lines(text):
    return text.splitlines(keepends=True)


def notebook(text, name, links):
    nb = json.loads(text)
    cells = nb["cells"]
    title = cells[0]
    if title["cell_type"] != "markdown":
        raise SystemExit(f"tools/links.py: {name}: the first cell is not the lesson's title")
    source = _lines("".join(title["source"]))
    at = [i for i, line in enumerate(source) if "colab.research.google.com/github/" in line]
    if links.real:
        colab = f"[Open in Colab]({links.colab(name)})\n"
        if at:
            source[at[0]] = colab
        else:  # just below the heading
            source[1:1] = ["\n", colab]
    elif at:  # no address yet: no link, and not the blank line above it either
        del source[at[0] - 1 : at[0] + 1]
    title["source"] = source

    setup = _lines(links.setup_cell())
    found = [c for c in cells if c.get("id") == SETUP_CELL_ID]
    if found:
        found[0]["source"] = setup
    else:
        cells.insert(
            1,
            {
                "cell_type": "code",
                "execution_count": None,
                "id": SETUP_CELL_ID,
                "metadata": {"slideshow": {"slide_type": "skip"}},
                "outputs": [],
                "source": setup,
            },
        )
    # as nbformat writes it (tools/run_notebooks.py): indent 1, sorted keys
    return json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def render(root=ROOT):
    """{path: its text with every link written from the setting}, for the files that have links."""
    root = Path(root)
    links = Links(*read_setting(root))
    notebooks = sorted(p.name for p in (root / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    out = {}

    def do(relative, fn, *args):
        path = root / relative
        out[path] = fn(path.read_text(encoding="utf-8"), *args)

    do("README.md", readme, links, notebooks)
    do("hub/README.md", hub_readme, links)
    do("hub/hub.env.example", hub_env, links)
    for name in notebooks:
        do(f"notebooks/{name}", notebook, name, links)
    return out


def stale(root=ROOT):
    """The files whose links differ from what the setting gives."""
    return [p for p, text in render(root).items() if p.read_text(encoding="utf-8") != text]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "repository",
        nargs="?",
        help="set the course's address first: https://github.com/OWNER/REPO",
    )
    parser.add_argument("--branch", help="and its branch (default: as set, else main)")
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing; exit 1 if a link differs from the setting",
    )
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    root = args.root
    if args.check:
        if args.repository or args.branch:
            parser.error("--check takes no address")
        bad = stale(root)
        for path in bad:
            print(f"out of date: {path.relative_to(root)} (run: bash course.sh links)")
        return 1 if bad else 0
    if args.repository or args.branch:
        if args.repository:
            owner, repo = owner_repo(args.repository)
            args.repository = f"https://github.com/{owner}/{repo}"
        write_setting(args.repository, args.branch, root)
    repository, branch = read_setting(root)
    changed = []
    for path, text in render(root).items():
        if path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path.relative_to(root))
    print(f"the course's address: {repository} (branch {branch}), from pyproject.toml")
    print("rewrote: " + (", ".join(map(str, changed)) if changed else "nothing (all up to date)"))
    if is_placeholder(repository):
        print(
            "It is still the placeholder: once the course is on GitHub, set it with\n"
            "    bash course.sh links https://github.com/YOU/YOUR-REPO"
        )
    elif any(str(p).startswith("notebooks/") for p in changed):
        print("Commit the changes: Colab and Binder open the notebooks from GitHub.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
