"""The course's public address: one setting in pyproject.toml, read and written here.

The setting is `repository` (and `branch`) under `[tool.autograd-lesson]`; until someone
sets it, it is the placeholder https://github.com/OWNER/REPO, and no link to the course is
written anywhere (tools/links.py). This module imports nothing of the course's, so both
tools/links.py and hub/link.py can read the setting without importing each other.
Standard library only: it runs before any set-up.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = "https://github.com/OWNER/REPO"
SECTION = "[tool.autograd-lesson]"
GITHUB = re.compile(
    r"https://github\.com/([A-Za-z0-9][A-Za-z0-9-]*)/([A-Za-z0-9._-]+?)(?:\.git)?/?"
)


def _section(text):
    """(start, end) of the [tool.autograd-lesson] table in pyproject.toml's text."""
    start = text.find("\n" + SECTION + "\n")
    if start < 0:
        raise SystemExit(f"tools/address.py: pyproject.toml has no {SECTION} table")
    start += 1
    end = text.find("\n[", start + len(SECTION))
    return start, len(text) if end < 0 else end + 1


def read_setting(root=ROOT):
    """The course's address and branch: (repository, branch), from pyproject.toml."""
    text = (Path(root) / "pyproject.toml").read_text(encoding="utf-8")
    start, end = _section(text)
    found = dict(re.findall(r'^(repository|branch)\s*=\s*"([^"]*)"\s*$', text[start:end], re.M))
    return found.get("repository", PLACEHOLDER), found.get("branch", "main")


def write_setting(repository, branch=None, root=ROOT):
    path = Path(root) / "pyproject.toml"
    text = path.read_text(encoding="utf-8")
    start, end = _section(text)
    table = text[start:end]
    for key, value in (("repository", repository), ("branch", branch)):
        if value is None:
            continue
        line = f'{key} = "{value}"'
        if re.search(rf"^{key}\s*=", table, re.M):
            table = re.sub(rf"^{key}\s*=.*$", line, table, count=1, flags=re.M)
        else:
            table = table.replace(SECTION + "\n", f"{SECTION}\n{line}\n", 1)
    path.write_text(text[:start] + table + text[end:], encoding="utf-8")


def owner_repo(repository):
    match = GITHUB.fullmatch(repository)
    if not match:
        raise SystemExit(
            f"tools/links.py: {repository!r} is not a GitHub address of the form "
            "https://github.com/OWNER/REPO (Colab and Binder open notebooks from GitHub)"
        )
    return match.group(1), match.group(2)


def is_placeholder(repository):
    return repository.rstrip("/") == PLACEHOLDER
