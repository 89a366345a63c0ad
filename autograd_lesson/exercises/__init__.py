"""Checks for the exercises: each returns a `Verdict` that names what is wrong, in the lesson's terms.

`solution("04.1")` reveals an exercise's worked solution, for when you are stuck (or teaching).
Each lesson's checks live in `lessonNN.py`; its `__all__` lists what a notebook imports.
"""

from . import (
    lesson00,  # noqa: F401  (it registers the solution of exercise 00.1)
    lesson01,
    lesson02,
    lesson03,
    lesson04,
    lesson05,
    lesson06,
    lesson07,
    lesson08,
    lesson09,
    lesson10,
    lesson11,
    lesson12,
)
from .base import Verdict, add_solution, check, close, number, run, solution, yours_or_ours
from .lesson01 import *  # noqa: F403
from .lesson02 import *  # noqa: F403
from .lesson03 import *  # noqa: F403
from .lesson04 import *  # noqa: F403
from .lesson05 import *  # noqa: F403
from .lesson06 import *  # noqa: F403
from .lesson07 import *  # noqa: F403
from .lesson08 import *  # noqa: F403
from .lesson09 import *  # noqa: F403
from .lesson10 import *  # noqa: F403
from .lesson11 import *  # noqa: F403
from .lesson12 import *  # noqa: F403

_LESSONS = (
    lesson01,
    lesson02,
    lesson03,
    lesson04,
    lesson05,
    lesson06,
    lesson07,
    lesson08,
    lesson09,
    lesson10,
    lesson11,
    lesson12,
)
__all__ = [
    "Verdict",
    "add_solution",
    "check",
    "close",
    "number",
    "run",
    "solution",
    "yours_or_ours",
] + [name for lesson in _LESSONS for name in lesson.__all__]
