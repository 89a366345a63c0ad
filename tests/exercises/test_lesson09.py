"""Lesson 09 checks: right answers in any form pass; each misconception gets its own message."""

import numpy as np
import pytest

from autograd_lesson import Value
from autograd_lesson.exercises import check_best_nudge, check_do_dw1


@pytest.mark.parametrize("answer", [1.0, 1, np.float64(1.0), Value(1.0), 0.9999999999, (1 - 0.5) * 2])
def test_do_dw1_right(answer):
    assert check_do_dw1(answer).ok


@pytest.mark.parametrize("answer, words", [
    (0.5, "first link of the chain"),
    (-1.5, "∂o/∂x1"),
    (2.0, "also passes through tanh"),
    (0.7071067811865476, "o itself"),
    (-1.0, "wrong sign"),
    (0.5857864376269049, "not 1 − o"),
    (3.3, "Use the chain rule"),
    ("1.0", "expected a number"),
    (None, "got NoneType"),
])
def test_do_dw1_wrong(answer, words):
    v = check_do_dw1(answer)
    assert not v.ok and words in v.message, v.message


@pytest.mark.parametrize("answer", ["w1", "W1", " w1 ", Value(-3.0, label="w1")])
def test_best_nudge_right(answer):
    assert check_best_nudge(answer).ok


@pytest.mark.parametrize("answer, words", [
    ("x1", "LOWERS o"),
    ("w2", "multiplied by zero"),
    ("b", "twice as large"),
    ("x2", "smaller than the gradient of w1"),
    ("o", "not one of the neuron's inputs"),
    (1.0, "expected the name of an input"),
])
def test_best_nudge_wrong(answer, words):
    v = check_best_nudge(answer)
    assert not v.ok and words in v.message, v.message
