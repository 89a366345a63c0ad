"""Lesson 07 check: the grads of g = a·a + a·b + b, each use of a value adding its share."""

import pytest

from autograd_lesson import Value
from autograd_lesson.exercises import check_repeated_use, solution


@pytest.mark.parametrize("answer", [
    {"a": 8.0, "b": 4.0}, {"a": 8, "b": 4}, (8, 4), [8.0, 4.0], {"b": 4.0, "a": 8.0000000001},
])
def test_right_answers(answer):
    assert check_repeated_use(answer).ok


def test_values_count_as_their_grads():
    a, b = Value(3.0), Value(2.0)
    (a * a + a * b + b).backward()
    assert check_repeated_use({"a": a, "b": b}).ok


@pytest.mark.parametrize("answer, words", [
    ({"a": 5.0, "b": 4.0}, "counts a·a only once"),
    ({"a": 6.0, "b": 4.0}, "the a·a part only"),
    ({"a": 8.0, "b": 3.0}, "ASSIGNS"),
    ({"a": 3.0, "b": 3.0}, "ASSIGNS"),
    ({"a": 8.0, "b": 1.0}, "the + b part only"),
    ({"a": 1.0, "b": 4.0}, "each use adds its share"),
    ({"a": 8.0}, "no grad for 'b'"),
    ({"a": "8", "b": 4.0}, "should be a number"),
    ("8, 4", "expected a dict"),
])
def test_wrong_answers(answer, words):
    verdict = check_repeated_use(answer)
    assert not verdict.ok and words in verdict.message


def test_solution_registered():
    assert '{"a": 8.0, "b": 4.0}' in solution("07.1").data
