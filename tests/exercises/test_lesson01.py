"""Lesson 01 checks: right answers in several forms pass; each misconception gets its message."""

import numpy as np
import pytest

from autograd_lesson import Value
from autograd_lesson.exercises import check_best_h, check_slope, solution
from autograd_lesson.exercises.lesson01 import f


@pytest.mark.parametrize("answer", [(f(1.001) - f(1)) / 0.001, 2.003, np.float64(2.003),
                                    Value(2.003), 2.0, (f(1 + 1e-5) - f(1 - 1e-5)) / 2e-5])
def test_slope_accepts_right_answers(answer):
    assert check_slope(answer).ok


@pytest.mark.parametrize("answer, words", [
    (4.0, "is f(1), the height"),
    (f(1.001) - f(1), "divide it by h"),
    (-2.003, "wrong sign"),
    (14.003, "slope at x = 3"),
    ((f(1) - f(0.999)) / 0.001, "backward difference"),
    (6.0, "dropped the −4x term"),
    (7.5, "you gave 7.5"),
    ("2.003", "expected the slope"),
    (None, "expected the slope"),
    (True, "expected the slope"),
    (float("nan"), "finite number"),
])
def test_slope_names_the_mistake(answer, words):
    verdict = check_slope(answer)
    assert not verdict.ok
    assert words in verdict.message


def test_best_h():
    assert check_best_h(1e-8).ok
    assert check_best_h(np.float64(1e-8)).ok
    assert "Make h smaller" in check_best_h(1e-3).message
    assert "truncation" in check_best_h(1e-7).message
    assert "rounding" in check_best_h(1e-12).message
    assert "Make h larger" in check_best_h(1e-16).message
    assert "small positive number" in check_best_h(0).message
    assert "expected a step size" in check_best_h("1e-8").message


def test_solutions_registered():
    assert "2.003" in solution("01.1").data
    assert "1e-08" in solution("01.2").data
