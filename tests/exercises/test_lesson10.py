"""Lesson 10 checks: right answers in any form pass; each misconception gets its own message."""

import numpy as np
import pytest

from autograd_lesson import Value
from autograd_lesson.exercises import check_first_step, check_learning_rate


@pytest.mark.parametrize("answer", [5.8, 6 - 0.1 * 2, np.float64(5.8), Value(5.8), "5.8" == "x" or 5.8])
def test_first_step_right(answer):
    assert check_first_step(answer).ok


@pytest.mark.parametrize("answer, words", [
    (6.2, "stepped UP"),
    (4.0, "forgot the learning rate"),
    (2.0, "f'(6), the slope"),
    (0.2, "size of the step"),
    (5.6, "used f(6) = 4"),
    (3.64, "f(5.8)"),
    (4.8, "dropped the −10"),
    (5.0, "One step is"),
    ("5.8", "expected a number"),
])
def test_first_step_wrong(answer, words):
    v = check_first_step(answer)
    assert not v.ok and words in v.message, v.message


@pytest.mark.parametrize("eta", [0.5, 0.3, 0.26, 0.74, np.float32(0.5), Value(0.4)])
def test_learning_rate_right(eta):
    assert check_learning_rate(eta).ok


@pytest.mark.parametrize("eta, words", [
    (0.1, "too slow"),
    (0.8, "overshoots"),
    (1.0, "oscillating forever"),
    (1.2, "diverge"),
    (-0.1, "must be positive"),
    ("0.5", "expected a number"),
])
def test_learning_rate_wrong(eta, words):
    v = check_learning_rate(eta)
    assert not v.ok and words in v.message, v.message
