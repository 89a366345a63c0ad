"""Lesson 05 checks: the first-order change, and any step that goes downhill."""

import pytest

from autograd_lesson import Value
from autograd_lesson.exercises import check_downhill_step, check_first_order_change, solution


@pytest.mark.parametrize("answer", [0.72, 0.01 * 72, Value(0.72), 0.7200000001])
def test_first_order_right_answers(answer):
    assert check_first_order_change(answer).ok


@pytest.mark.parametrize("answer, words", [
    (0.713504, "TRUE change"),
    (-0.72, "wrong sign"),
    (0.04, "0.01 × Σ grad"),
    (-7.286496, "the new value of L"),
    (1.0, "Add up"),
    ("0.72", "expected a number"),
    (None, "expected a number"),
])
def test_first_order_wrong_answers(answer, words):
    verdict = check_first_order_change(answer)
    assert not verdict.ok and words in verdict.message


@pytest.mark.parametrize("step", [
    {"a": -0.06, "b": 0.04, "c": 0.02, "f": -0.04},
    {"c": 0.1},                      # any downhill direction, not only the steepest
    {"a": -0.01},
    {"a": Value(-0.06), "b": 0.04, "c": 0.02, "f": -0.04},
])
def test_downhill_right_answers(step):
    verdict = check_downhill_step(step)
    assert verdict.ok and "downhill" in verdict.message


@pytest.mark.parametrize("step, words", [
    ({"a": 0.06, "b": -0.04, "c": -0.02, "f": 0.04}, "uphill"),
    ({}, "every move is 0"),
    ({"a": -5.0}, "not small"),
    ({"z": 0.1}, "not an input"),
    ({"a": "down"}, "should be a number"),
    ([0.1, 0.2], "expected a dict"),
])
def test_downhill_wrong_answers(step, words):
    verdict = check_downhill_step(step)
    assert not verdict.ok and words in verdict.message


def test_solutions_registered():
    assert "0.72" in solution("05.1").data and "-8.726304" in solution("05.2").data.replace("−", "-")
