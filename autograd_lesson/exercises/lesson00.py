"""Lesson 00's sample exercise: its check is written in the notebook, in the open; this
module only holds its worked solution."""

from .base import add_solution

__all__ = []

add_solution(
    "00.1",
    """\
**2 × 21.** Multiply, and give the check the number itself (not the text `"42"`).
Python's `*` is multiplication:""",
    code="""\
answer = 2 * 21

check_product(answer)
""",
)
