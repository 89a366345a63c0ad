"""pytest hooks for the whole repository (the unit tests' own set-up is in tests/conftest.py).

Notebooks under nbval: a cell that starts with `%%skip_without MODULE` (see
autograd_lesson/magics.py) needs an optional package, PyTorch in lesson 12. Its stored
output comes from a run with the package, so where the package is missing nbval skips
that cell, with the reason in the test report (`-ra`), instead of failing on an output
that cannot match. The rest of the notebook is still run and compared.

AUTOGRAD_LESSON_HOME: see below.
"""

import atexit
import os
import re
import shutil
import tempfile

import pytest

# Every test run keeps its own AUTOGRAD_LESSON_HOME (where the checks save a student's
# my_engine.py), set before any kernel or server starts, so that nothing a student or an
# earlier run saved changes what a notebook shows, and no test writes into notebooks/.
_HOME = tempfile.mkdtemp(prefix="autograd-lesson-home-")
os.environ["AUTOGRAD_LESSON_HOME"] = _HOME
atexit.register(shutil.rmtree, _HOME, ignore_errors=True)

_MAGIC = re.compile(r"\A\s*%%skip_without[ \t]+(\S+)")


def pytest_collection_modifyitems(config, items):
    from autograd_lesson.magics import available, skip_reason

    for item in items:
        cell = getattr(item, "cell", None)  # nbval's notebook cells carry their nbformat cell
        source = getattr(cell, "source", None)
        if not isinstance(source, str):
            continue
        match = _MAGIC.match(source)
        if match and not available(match.group(1)):
            item.add_marker(pytest.mark.skip(reason="nbval: " + skip_reason(match.group(1))))
