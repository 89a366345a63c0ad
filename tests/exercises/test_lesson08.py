"""Lesson 08 checks: right answers in any form pass; each misconception gets its own message."""

import numpy as np
import pytest

from autograd_lesson import Value
from autograd_lesson.exercises import check_cube_derivative, check_quotient_derivative


@pytest.mark.parametrize("answer", [
    lambda x: 3 * x**2,
    lambda x: 3 * x * x,
    lambda x: (Value(x) ** 2 * 3),          # a Value counts as its number
    lambda x: float(np.float64(3.0) * x**2),
])
def test_cube_right_answers(answer):
    v = check_cube_derivative(answer)
    assert v.ok and "3·x²" in repr(v)


@pytest.mark.parametrize("answer, words", [
    (lambda x: x**2, "dropped the exponent"),
    (lambda x: 3 * x**3, "kept the power"),
    (lambda x: 3 * x, "drops by ONE"),
    (lambda x: x**4 / 4, "antiderivative"),
    (lambda x: 3 * x**2 + 1, "at x = -2"),
    (lambda x: 1 / 0, "raised ZeroDivisionError"),
    (lambda x: "12", "returned str"),
    (12.0, "expected a function of x"),
])
def test_cube_wrong_answers(answer, words):
    v = check_cube_derivative(answer)
    assert not v.ok and words in v.message


@pytest.mark.parametrize("answer", [
    lambda a, b: -a / b**2,
    lambda a, b: -a * b**-2,
    lambda a, b: -(a / b) / b,
    -2 / 9,
    -0.2222222222,
    np.float32(-2 / 9),
    Value(-2 / 9),
])
def test_quotient_right_answers(answer):
    assert check_quotient_derivative(answer).ok


@pytest.mark.parametrize("answer, words", [
    (lambda a, b: 1 / b, "numerator"),
    (lambda a, b: a / b**2, "wrong sign"),
    (lambda a, b: -a / b, "not −a/b"),
    (lambda a, b: -1 / b**2, "keeps the factor a"),
    (lambda a, b: -a / b**3, "slope of"),
    (-1 / 3, "numerator"),
    (2 / 9, "wrong sign"),
    (2 / 3, "−a/b"),
    (-2 / 3, "value, not its slope"),
    (0.5, "you gave 0.500000"),
    ("-2/9", "expected a function of (a, b) or a number, got str"),
    (None, "got NoneType"),
])
def test_quotient_wrong_answers(answer, words):
    v = check_quotient_derivative(answer)
    assert not v.ok and words in v.message, v.message
