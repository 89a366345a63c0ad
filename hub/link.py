"""The course's nbgitpuller link, made here and only here.

    python -m hub.link https://HUB [LESSON]      # print the link to hand out

Run it from the course's checkout (the repo root), as every tool is run.

A student who follows the link logs in, gets their server, and finds the course in
`autograd-lesson/` in their home, opened at the lesson; the first time it is cloned,
later it is merged with the instructor's new commits, never overwriting a file the
student changed. The hub (hub/jupyterhub_config.py) also opens every server on this
link (`spawner_url`), so the link is for an LMS page or an e-mail; tools/links.py writes
it into the hub's docs (`link`).

The repository address is COURSE_REPO (and COURSE_BRANCH), read from the environment,
else from the hub's settings file (/etc/jupyterhub/hub.env, or the file named by
HUB_ENV_FILE), else from the course's one address setting, `[tool.autograd-lesson]` in
this checkout's pyproject.toml (`bash course.sh links` sets it).

Nothing of the course's is imported at the top of this file: jupyterhub_config.py loads
it by its path, and tools/links.py imports it, so it must not import them back.
"""

import os
import sys
from pathlib import Path
from urllib.parse import urlencode

FOLDER = "autograd-lesson"  # where the course lands in each student's home
FIRST_LESSON = "00-start-here.ipynb"
ROOT = Path(__file__).resolve().parent.parent


def pull_query(repo, branch="main", lesson=FIRST_LESSON):
    """nbgitpuller's query: which repository and branch to pull, where to, and what to open."""
    return urlencode(
        {
            "repo": repo,
            "branch": branch,
            "targetpath": FOLDER,
            "urlpath": f"lab/tree/{FOLDER}/notebooks/{lesson}",
        }
    )


def link(hub, repo, branch="main", lesson=FIRST_LESSON):
    """The link to hand out: it logs the student in first, then pulls and opens the lesson."""
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{pull_query(repo, branch, lesson)}"


def spawner_url(repo, branch="main"):
    """The same pull, as the URL a student's own server opens on (c.Spawner.default_url)."""
    return f"/git-pull?{pull_query(repo, branch)}"


def course_setting():
    """The course's own address and branch, from this checkout's pyproject.toml."""
    try:
        from tools.address import read_setting  # only the command line needs it

        repository, branch = read_setting(ROOT)
    except (ImportError, OSError, SystemExit):
        return {}
    return {"COURSE_REPO": repository, "COURSE_BRANCH": branch}


def settings():
    found = course_setting()
    path = Path(os.environ.get("HUB_ENV_FILE", "/etc/jupyterhub/hub.env"))
    if path.exists():
        for line in path.read_text().splitlines():
            name, sep, value = line.strip().partition("=")
            if sep and not name.startswith("#"):
                found[name.strip()] = value.strip()
    found.update({k: v for k, v in os.environ.items() if k.startswith("COURSE_") and v})
    return found


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        sys.exit(__doc__)
    found = settings()
    repo = found.get("COURSE_REPO")
    if not repo or "OWNER/REPO" in repo:
        sys.exit(
            "python -m hub.link: the course's address is still the placeholder OWNER/REPO: set it "
            "with `bash course.sh links https://github.com/OWNER/REPO`, or set COURSE_REPO "
            "in the environment or in /etc/jupyterhub/hub.env"
        )
    lesson = argv[1] if len(argv) > 1 else FIRST_LESSON
    print(link(argv[0], repo, found.get("COURSE_BRANCH", "main"), lesson))


if __name__ == "__main__":
    main(sys.argv[1:])
