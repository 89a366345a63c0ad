"""Lesson 04 check: the first wrong node, in reverse topological order, and its rule."""

import pytest

from autograd_lesson import Value
from autograd_lesson.exercises import check_backprop_by_hand, solution

RIGHT = {"L": 1.0, "f": 4.0, "d": -2.0, "c": -2.0, "e": -2.0, "b": -4.0, "a": 6.0}


def lesson_graph_with_grads(grads):
    a, b, c, f = Value(2.0, label="a"), Value(-3.0, label="b"), Value(10.0, label="c"), Value(-2.0, label="f")
    e = a * b; e.label = "e"
    d = e + c; d.label = "d"
    L = d * f; L.label = "L"
    for v in (a, b, c, d, e, f, L):
        v.grad = grads[v.label]
    return L


@pytest.mark.parametrize("answer", [
    RIGHT,
    {k: int(v) for k, v in RIGHT.items()},
    {k: v + 1e-9 for k, v in RIGHT.items()},
    lesson_graph_with_grads(RIGHT),
])
def test_right_answers_in_several_forms(answer):
    verdict = check_backprop_by_hand(answer)
    assert verdict.ok
    assert "∂L/∂a = 6" in verdict.message


@pytest.mark.parametrize("change, words", [
    ({"L": 0.0}, "∂L/∂L should be 1"),
    ({"d": 4.0}, "you used d's own value"),
    ({"f": -2.0}, "you used f's own value"),
    ({"c": 1.0}, "the local derivative alone"),
    ({"e": 2.0}, "the sign is flipped"),
    ({"a": -3.0}, "the local derivative b alone"),
    ({"b": -3.0}, "OTHER input"),
    ({"a": 5.0}, "∂L/∂a should be the other input of the multiplication (b = -3) times ∂L/∂e (-2) = 6"),
])
def test_each_wrong_answer_gets_its_rule(change, words):
    verdict = check_backprop_by_hand({**RIGHT, **change})
    assert not verdict.ok
    assert words in verdict.message


def test_the_first_wrong_node_from_the_output_is_named():
    verdict = check_backprop_by_hand({**RIGHT, "a": 0.0, "c": 0.0})
    assert "∂L/∂c" in verdict.message and "∂L/∂a" not in verdict.message


def test_missing_and_wrong_types_are_explained():
    assert "no grad for 'a'" in check_backprop_by_hand({k: v for k, v in RIGHT.items() if k != "a"}).message
    assert "expected a dict" in check_backprop_by_hand([1, 2, 3]).message
    assert "expected a number" in check_backprop_by_hand({**RIGHT, "a": "six"}).message


def test_solution_is_registered():
    assert "b \\times (-2) = 6" in solution("04.1").data
