"""Lesson 02 check: ∂g/∂a for g = a·a·b + c, numerically and analytically."""

import pytest

from autograd_lesson import Value
from autograd_lesson.exercises import check_partial, solution
from autograd_lesson.exercises.lesson02 import g

H = 0.001
FORWARD = (g(3 + H, -2, 5) - g(3, -2, 5)) / H
CENTRAL = (g(3 + H, -2, 5) - g(3 - H, -2, 5)) / (2 * H)


@pytest.mark.parametrize("numerical", [FORWARD, CENTRAL, -12.0, Value(-12.002)])
@pytest.mark.parametrize("analytic", [-12, -12.0, lambda a, b, c: 2 * a * b,
                                      lambda a, b: 2 * b * a, lambda a, b, c: a * b + a * b])
def test_right_answers_in_many_forms(numerical, analytic):
    assert check_partial(numerical, analytic).ok


@pytest.mark.parametrize("numerical, analytic, words", [
    (FORWARD, -6, "only one of the two a's"),
    (FORWARD, lambda a, b, c: a * b, "only one of the two a's"),
    (FORWARD, 6, "dropped the factor b"),
    (FORWARD, lambda a, b, c: 2 * a, "dropped the factor b"),
    (FORWARD, 9, "is ∂g/∂b"),
    (FORWARD, 1, "is ∂g/∂c"),
    (FORWARD, lambda a, b, c: 3 * a, "where ∂g/∂a = 2ab = -12"),
    (FORWARD, lambda a, b, c: 1 / 0, "failed"),
    (FORWARD, "2ab", "should be a number (or a function"),
    (g(3 + H, -2, 5) - g(3, -2, 5), -12, "divide it by h"),
    ((g(3, -2 + H, 5) - g(3, -2, 5)) / H, -12, "you nudged b"),
    (-13, -12, "that is g itself"),
    ([1], -12, "`numerical` should be a number"),
])
def test_wrong_answers_are_diagnosed(numerical, analytic, words):
    verdict = check_partial(numerical, analytic)
    assert not verdict.ok
    assert words in verdict.message


def test_solution_registered():
    assert "2 * a * b" in solution("02.1").data
