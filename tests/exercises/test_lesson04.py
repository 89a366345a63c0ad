"""Lesson 04 batteries: the first wrong node, in reverse topological order, and its rule."""

import numpy as np
import pytest
from helpers import values_by_label
from verdicts import is_todo, is_wrong

from autograd_lesson import Value
from autograd_lesson.examples import lesson_graph
from autograd_lesson.exercises import (
    check_backprop_by_hand,
    check_backprop_new_graph,
    check_worked_graph,
    solution,
)
from autograd_lesson.exercises.base import solution_code

RIGHT = {"L": 1.0, "f": -1.0, "d": 3.0, "c": 3.0, "e": 3.0, "b": 6.0, "a": -9.0}  # c = 5, f = 3
WORKED = {
    "L": 1.0,
    "f": 4.0,
    "d": -2.0,
    "c": -2.0,
    "e": -2.0,
    "b": -4.0,
    "a": 6.0,
}  # c = 10, f = -2
NEW = {"y": 1.0, "p": 3.0, "s": -4.0, "a": -7.0, "b": 8.0}


def lesson_graph_with_grads(grads, c=5.0, f=3.0):
    L = lesson_graph(c=c, f=f)  # a = 2, b = -3
    for v in values_by_label(L).values():
        v.grad = grads[v.label]
    return L


def new_graph_with_grads(grads):
    a, b = Value(4.0, label="a"), Value(-1.0, label="b")
    p = a * b
    p.label = "p"
    s = a + b
    s.label = "s"
    y = p * s
    y.label = "y"
    for v in (a, b, p, s, y):
        v.grad = grads[v.label]
    return y


# ----- 04.1 -----


@pytest.mark.parametrize(
    "answer",
    [
        RIGHT,
        {k: int(v) for k, v in RIGHT.items()},
        {k: np.float64(v) for k, v in RIGHT.items()},
        {k: np.array([v]) for k, v in RIGHT.items()},
        {k: v + 1e-9 for k, v in RIGHT.items()},
        dict(reversed(list(RIGHT.items()))),
        lesson_graph_with_grads(RIGHT),
    ],
)
def test_right_answers_in_several_forms(answer):
    verdict = check_backprop_by_hand(answer)
    assert verdict.ok and "∂L/∂a = -9" in verdict.message


@pytest.mark.parametrize(
    "change, words",
    [
        ({"L": 0.0}, "∂L/∂L should be 1"),
        ({"d": -1.0}, "you used d's own value"),
        ({"f": 3.0}, "you used f's own value"),
        ({"c": 1.0}, "the local derivative alone"),
        ({"e": -3.0}, "the sign is flipped"),
        ({"a": -3.0}, "the local derivative alone"),
        ({"b": -3.0}, "OTHER input"),
        ({"a": 6.0, "b": -9.0}, "OTHER input"),
        ({"d": -2.0}, "∂L/∂d = 3. You gave -2"),  # the worked graph's number
        (
            {"a": 5.0},
            "e = a * b sends a the other input b = -3 times ∂L/∂e = 3, so ∂L/∂a = -9. You gave 5.",
        ),
        ({"c": 3.0000001 + 0.01}, "You gave 3.01"),
    ],
)
def test_each_wrong_answer_gets_its_rule(change, words):
    is_wrong(check_backprop_by_hand({**RIGHT, **change}), words)


def test_the_first_wrong_node_from_the_output_is_named():
    verdict = check_backprop_by_hand({**RIGHT, "a": 0.0, "c": 0.0})
    assert "∂L/∂c" in verdict.message and "∂L/∂a" not in verdict.message


def test_a_graph_with_wrong_grads_is_read():
    is_wrong(
        check_backprop_by_hand(lesson_graph_with_grads({**RIGHT, "e": -3.0})), "sign is flipped"
    )


def test_stub_and_partly_filled():
    is_todo(check_backprop_by_hand(...))
    is_todo(check_backprop_by_hand({k: ... for k in RIGHT}), "solution('04.1')")
    is_todo(check_backprop_by_hand({**RIGHT, "b": ..., "a": ...}), "before 'b' are right", "b, a")
    is_wrong(check_backprop_by_hand({**RIGHT, "d": -1.0, "a": ...}), "d's own value")


@pytest.mark.parametrize(
    "answer, words",
    [
        ({k: v for k, v in RIGHT.items() if k != "a"}, "no grad for 'a'"),
        ({**RIGHT, "x": 1.0}, "'x' is not a node"),
        ([1, 2, 3], "expected a dict"),
        (None, "expected a dict"),
        ("grads", "expected a dict"),
        (6.0, "expected a dict"),
        (object(), "expected a dict"),
        ({**RIGHT, "a": "6"}, "is text, not a number"),
        ({**RIGHT, "a": True}, "yes/no value"),
        ({**RIGHT, "a": np.bool_(True)}, "yes/no value"),
        ({**RIGHT, "a": 6 + 0j}, "complex number"),
        ({**RIGHT, "a": 10**400}, "too large for a float"),
        ({**RIGHT, "a": np.array([6.0, 6.0])}, "array of 2 numbers"),
        ({**RIGHT, "a": float("nan")}, "not a finite number"),
        ({**RIGHT, "a": None}, "got None"),
        ({**RIGHT, "a": object()}, "expected the grad of a"),
        ({**RIGHT, "a": lambda: 6.0}, "expected the grad of a"),
    ],
)
def test_garbage(answer, words):
    is_wrong(check_backprop_by_hand(answer), words)


def test_the_worked_graphs_answer_is_not_the_exercises():
    is_wrong(check_backprop_by_hand(WORKED), "∂L/∂f = -1. You gave 4")
    is_wrong(check_backprop_by_hand(lesson_graph_with_grads(WORKED, c=10.0, f=-2.0)), "You gave 4")


# ----- the demo check, on the worked graph (c = 10, f = -2) -----


def test_worked_graph_check():
    verdict = check_worked_graph(WORKED)
    assert verdict.ok and "∂L/∂a = 6" in verdict.message
    assert check_worked_graph(lesson_graph_with_grads(WORKED, c=10.0, f=-2.0)).ok
    # the notebook's demo: local derivatives only
    is_wrong(
        check_worked_graph({"L": 1, "f": 4, "d": -2, "c": 1, "e": 1, "b": 2, "a": -3}),
        "∂L/∂c = -2. You gave 1, the local derivative alone",
    )
    is_wrong(check_worked_graph(RIGHT), "∂L/∂f = 4. You gave -1")
    is_todo(check_worked_graph(...))
    for thing in (None, "2.0", 6.0, [1, 2]):
        is_wrong(check_worked_graph(thing), "expected a dict")


# ----- 04.2 -----


@pytest.mark.parametrize(
    "answer",
    [
        NEW,
        {k: int(v) for k, v in NEW.items()},
        {k: np.float32(v) for k, v in NEW.items()},
        new_graph_with_grads(NEW),
    ],
)
def test_new_graph_right_answers(answer):
    verdict = check_backprop_new_graph(answer)
    assert verdict.ok and "two paths" in verdict.message


@pytest.mark.parametrize(
    "change, words",
    [
        ({"y": -12.0}, "∂y/∂y should be 1"),
        ({"p": -4.0}, "you used p's own value"),
        ({"s": 3.0}, "you used s's own value"),
        ({"p": -3.0}, "the sign is flipped"),
        ({"a": -3.0}, ("only the path through p", "add them up")),
        ({"a": -4.0}, ("only the path through s", "both paths")),
        ({"b": 12.0}, "only the path through p"),
        ({"b": -4.0}, "only the path through s"),
        ({"a": 7.0}, "the sign is flipped"),
        ({"a": 0.0}, "the local derivatives alone, added"),
        ({"a": 8.0, "b": -7.0}, "you swapped a and b"),
        ({"a": -6.9}, "∂y/∂a = (-3) + (-4) = -7. You gave -6.9."),
    ],
)
def test_new_graph_wrong_answers(change, words):
    words = (words,) if isinstance(words, str) else words
    is_wrong(check_backprop_new_graph({**NEW, **change}), *words)


def test_new_graph_stub_and_garbage():
    is_todo(check_backprop_new_graph(...))
    is_todo(check_backprop_new_graph({k: ... for k in NEW}), "solution('04.2')")
    is_wrong(check_backprop_new_graph(RIGHT), "not a node of y = (a·b)·(a + b)")
    is_wrong(check_backprop_new_graph({**NEW, "b": "8"}), "is text")
    is_wrong(check_backprop_new_graph({**NEW, "b": 10**400}), "too large")
    is_wrong(check_backprop_new_graph(np.array([1.0, 2.0])), "expected a dict")


def test_solutions_registered():
    assert "b \\times 3 = -9" in solution("04.1").data
    assert "check_backprop_new_graph(new_grads)" in solution_code("04.2")
    assert "-3 + (-4) = -7" in solution("04.2").data
