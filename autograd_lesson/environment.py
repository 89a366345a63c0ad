"""Is this machine ready for the course? `check_environment()` says, and says how to fix it.

    from autograd_lesson.environment import check_environment
    check_environment()

Each line reads "<what>: ok" or "<what>: MISSING" followed by the exact command that
fixes it. The "ok" lines carry no version numbers or paths, so the output is the same
on every machine that is ready (the notebook stores it, and CI compares it).
"""

import importlib
import shutil
import subprocess
import sys

MIN_PYTHON = (3, 10)  # as in pyproject.toml and course.sh

SETUP_ALL = "Or set everything up at once from the course folder: `bash course.sh lab`."

GRAPHVIZ_FIX = (
    "Graphviz draws the computation graphs; install its `dot` program with one of\n"
    "      Debian/Ubuntu:  sudo apt-get install -y graphviz\n"
    "      macOS:          brew install graphviz\n"
    "      conda:          conda install -c conda-forge graphviz\n"
    "    then restart the kernel (Kernel → Restart Kernel)."
)

# (what the student reads, module to import, the pip name that installs it)
PACKAGES = (
    ("ipywidgets (sliders and buttons)", "ipywidgets", "ipywidgets"),
    ("matplotlib (plots)", "matplotlib", "matplotlib"),
    ("numpy", "numpy", "numpy"),
    ("graphviz Python package", "graphviz", "graphviz"),
)


class Check:
    """One line of the report: a name, whether it passed, and how to fix it if not."""

    def __init__(self, name, ok, fix=""):
        self.name, self.ok, self.fix = name, ok, fix

    def __repr__(self):
        if self.ok:
            return f"{self.name}: ok"
        return f"{self.name}: MISSING\n    {self.fix}"


def _python(version_info=None):
    version = tuple((version_info or sys.version_info)[:2])
    name = f"Python {MIN_PYTHON[0]}.{MIN_PYTHON[1]} or newer"
    if version >= MIN_PYTHON:
        return Check(name, True)
    return Check(
        name,
        False,
        f"this kernel runs Python {version[0]}.{version[1]}. Install "
        "Python 3.11 (python.org, `brew install python@3.11`, or "
        "`conda create -n autograd python=3.11`) and choose it as the kernel.",
    )


def _dot():
    name = "Graphviz `dot` program"
    dot = shutil.which("dot")
    if dot is None:
        return Check(name, False, GRAPHVIZ_FIX)
    try:
        subprocess.run([dot, "-V"], capture_output=True, timeout=10, check=True)
    except (OSError, subprocess.SubprocessError):
        return Check(
            name,
            False,
            "`dot` was found but does not run. Reinstall Graphviz:\n    " + GRAPHVIZ_FIX,
        )
    return Check(name, True)


def _package(name, module, pip_name):
    try:
        importlib.import_module(module)
    except ImportError:
        return Check(
            name,
            False,
            f"install it into this kernel's Python: `pip install {pip_name}` "
            f"(in a notebook cell: `%pip install {pip_name}`), then restart "
            "the kernel.",
        )
    return Check(name, True)


def _course_package():
    name = "autograd_lesson"
    try:
        importlib.import_module("autograd_lesson.widgets")
        importlib.import_module("autograd_lesson.exercises")
    except ImportError as error:
        return Check(
            name,
            False,
            f"it does not import ({error}). From the course folder run "
            "`pip install -e .`, then restart the kernel.",
        )
    return Check(name, True)


def environment_report():
    """Every check, in order, as a list of `Check` objects (what `check_environment` prints)."""
    checks = [_python(), _dot()]
    checks += [_package(*p) for p in PACKAGES]
    checks.append(_course_package())
    return checks


def check_environment():
    """Print one line per requirement ("...: ok"), with the fix for anything missing."""
    checks = environment_report()
    for check in checks:
        print(check)
    missing = [c for c in checks if not c.ok]
    if missing:
        print(f"\n{len(missing)} thing(s) to fix, listed above. {SETUP_ALL}")
    else:
        print("\nEverything is ready.")
