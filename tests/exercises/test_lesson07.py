"""Lesson 07 batteries: the accumulation fix, zero_grad, and h = (a + a·b)·b by hand."""

import numpy as np
import pytest
from verdicts import GARBAGE, course, forever, is_ok, is_todo, is_wrong, raises, stub

import autograd_lesson as ag
from autograd_lesson.exercises import (
    base,
    check_accumulate,
    check_repeated_use,
    check_zero_grad,
    solution,
)


class Value:
    """The notebook's class (without backward and zero_grad: the checks take those apart)."""

    def __init__(self, data, children=(), op="", label="", local_grads=()):
        self.data, self.grad, self.children = float(data), 0.0, tuple(children)
        self.op, self.label, self.local_grads = op, label, tuple(local_grads)

    __add__, __mul__ = course.add, course.mul

    def __radd__(self, other):
        return Value(other) + self

    def __rmul__(self, other):
        return Value(other) * self


# ----- 07.1 -----


def chain_rule(assign=False, reset_first=False):
    def backward(self):
        order = course.topological_order(self)
        if reset_first:
            for node in order:
                node.grad = 0.0
        self.grad = 1.0
        for node in reversed(order):
            for child, local in zip(node.children, node.local_grads):
                if assign:
                    child.grad = local * node.grad
                else:
                    child.grad += local * node.grad

    return backward


@pytest.mark.parametrize(
    "backward, cls",
    [
        (chain_rule(), Value),
        (chain_rule(reset_first=True), Value),
        (course.backward, Value),
        (lambda root: root.backward(), ag.Value),
        (chain_rule(), ag.Value),
    ],
)
def test_accumulate_right(backward, cls):
    is_ok(check_accumulate(backward, cls))


def test_the_assigning_backward_is_caught_on_a_plus_a_and_the_lesson_graph_is_named_as_passing():
    is_wrong(
        check_accumulate(chain_rule(assign=True), Value),
        "on a + a",
        "should be 2, yours is 1",
        "ASSIGN",
        "where you should add",
        "It was right on L = (a·b + c)·f",
    )
    # the notebook shows this verdict before exercise 07.1: it must not spell out the fix
    assert "+=" not in check_accumulate(chain_rule(assign=True), Value).message


@pytest.mark.parametrize(
    "backward, words",
    [
        (lambda root: None, ["still 0", "root.grad = 1.0"]),
        (lambda root: setattr(root, "grad", 1.0), ["L = (a·b + c)·f", "should be"]),
        (raises, ["raised ValueError: oops"]),
    ],
)
def test_accumulate_typical_mistakes(backward, words):
    is_wrong(check_accumulate(backward, Value), *words)


def test_accumulate_garbage(short_limit):
    is_todo(check_accumulate(..., Value))
    is_todo(check_accumulate(stub, Value))
    for thing in GARBAGE:
        is_wrong(check_accumulate(thing, Value), "expected a function")
    is_wrong(check_accumulate(chain_rule(), None), "pass your class itself")
    is_wrong(check_accumulate(chain_rule(), "Value"), "pass your class itself")
    is_wrong(check_accumulate(forever, Value), "did not finish within 0.5 s")


# ----- 07.2 -----


def zero_where(keep):
    def zero_grad(self):
        for node in course.topological_order(self):
            if not keep(node, self):
                node.grad = 0.0

    return zero_grad


def recursive_zero(self):
    self.grad = 0.0
    for child in self.children:
        recursive_zero(child)


@pytest.mark.parametrize("cls", [Value, ag.Value])
def test_zero_grad_right(cls):
    is_ok(check_zero_grad(course.zero_grad, cls))
    is_ok(check_zero_grad(zero_where(lambda n, root: False), cls))
    is_ok(check_zero_grad(lambda root: root.zero_grad(), ag.Value))


@pytest.mark.parametrize(
    "zero_grad, words",
    [
        (
            zero_where(lambda n, root: bool(n.children)),
            ["only the inputs (leaves)", "reset every node"],
        ),
        (zero_where(lambda n, root: not n.children), ["the inputs (leaves) kept their grads"]),
        (lambda self: setattr(self, "grad", 0.0), ["only self.grad", "topological_order(self)"]),
        (lambda self: None, ["no grad was reset"]),
        (zero_where(lambda n, root: n.label == "c"), ["the input c = 10 still has grad"]),
        (
            lambda self: [setattr(n, "grad", None) for n in course.topological_order(self)],
            ["None", "0.0"],
        ),
        (
            lambda self: [
                setattr(n, "grad", ag.Value(0.0)) for n in course.topological_order(self)
            ],
            ["a Value", "0.0"],
        ),
        (
            lambda self: [setattr(n, "grad", "0") for n in course.topological_order(self)],
            ["str '0'"],
        ),
        (
            lambda self: [
                setattr(n, "data", 0.0) or setattr(n, "grad", 0.0)
                for n in course.topological_order(self)
            ],
            ["changed the graph", "v3.data was 0.0 instead of -8.0", "only"],
        ),
        (recursive_zero, ["6,000", "recursion limit"]),
        (raises, ["raised ValueError: oops"]),
    ],
)
def test_zero_grad_typical_mistakes(zero_grad, words):
    is_wrong(check_zero_grad(zero_grad, Value), *words)


def test_zero_grad_garbage(short_limit):
    is_todo(check_zero_grad(..., Value))
    is_todo(check_zero_grad(stub, Value))
    for thing in GARBAGE:
        is_wrong(check_zero_grad(thing, Value), "expected a function")
    is_wrong(check_zero_grad(course.zero_grad, 42), "pass your class itself")
    is_wrong(check_zero_grad(forever, Value), "did not finish within 0.5 s")


# ----- 07.3 -----


def test_repeated_use_right_in_every_form():
    a, b = ag.Value(1.5), ag.Value(-2.0)
    ((a + a * b) * b).backward()
    for answer in (
        {"a": 2.0, "b": -4.5},
        {"a": 2, "b": -4.5},
        (2, -4.5),
        [2.0, -4.5],
        {"b": -4.5, "a": 2.0000000001},
        {"a": np.float64(2.0), "b": np.array([-4.5])},
        {"a": a, "b": b},
    ):
        is_ok(check_repeated_use(answer))


@pytest.mark.parametrize(
    "answer, words",
    [
        ({"a": 4.0, "b": -3.0}, ["ASSIGNS", "last path"]),
        ({"a": -2.0, "b": -4.5}, ["only the direct path a → v"]),
        ({"a": 2.0, "b": -1.5}, ["only the direct use in h = v·b"]),
        ({"a": 2.0, "b": -3.0}, ["ASSIGNS"]),
        ({"a": -4.5, "b": 2.0}, ["swapped"]),
        ({"a": -2.0, "b": 4.5}, ["signs are flipped"]),
        ({"a": 3.0, "b": 3.0}, ["h itself"]),
        ({"a": 2.0, "b": -4.0}, ["rounded"]),
        ({"a": -2.0 + 0.0, "b": 4.5 - 9.0}, ["only the direct path"]),
        ({"a": 2.0, "b": 4.5}, ["wrong sign"]),
        ({"a": 2.0, "b": 7.0}, ["every path from b to h"]),
        ({"a": 2.0}, ["no grad for 'b'"]),
        ({"a": "2", "b": -4.5}, ["is text"]),
        ({"a": 2.0, "b": None}, ["got None"]),
        ({"a": 2.0, "b": True}, ["yes/no"]),
        ({"a": 2.0, "b": 1 + 0j}, ["complex"]),
        ({"a": 2.0, "b": 10**400}, ["too large"]),
        ({"a": 2.0, "b": float("nan")}, ["not a finite number"]),
        ({"a": np.array([1.0, 2.0]), "b": -4.5}, ["array of 2 numbers"]),
        ("2, -4.5", ["expected a dict"]),
        (2.0, ["expected a dict"]),
        (None, ["expected a dict"]),
        (object(), ["expected a dict"]),
    ],
)
def test_repeated_use_wrong_answers(answer, words):
    is_wrong(check_repeated_use(answer), *words)


def test_repeated_use_stub():
    is_todo(check_repeated_use(...))
    is_todo(check_repeated_use({"a": ..., "b": ...}))
    is_todo(check_repeated_use({"a": 2.0, "b": ...}))


def test_the_answer_is_not_printed_in_the_notebook():
    import pathlib

    text = (
        pathlib.Path(__file__).resolve().parents[2] / "notebooks" / "07-gradient-accumulation.ipynb"
    ).read_text()
    assert "-4.5" not in text


def test_solutions_registered_with_code():
    for key in ("07.1", "07.2", "07.3"):
        assert base.solution_code(key), key
    assert "child.grad += local * node.grad" in solution("07.1").data
    assert '{"a": 2.0, "b": -4.5}' in solution("07.3").data


# ----- a backward or zero_grad that changes the graph it is given -----


def and_then(func, change):
    def changed(self):
        func(self)
        change(self)

    return changed


def empty_children(self):
    self.children = ()


@pytest.mark.parametrize(
    "change, words",
    [
        (empty_children, ["your zero_grad changed the graph", "v3.children was () instead of"]),
        (
            lambda self: setattr(self, "local_grads", []),
            ["v3.local_grads was [] instead of (-2.0, 4.0)"],
        ),
        (lambda self: setattr(self, "op", ""), ["v3.op was '' instead of '*'", ".grad only"]),
    ],
)
def test_zero_grad_that_changes_the_graph(change, words):
    is_wrong(check_zero_grad(and_then(course.zero_grad, change), Value), *words)


def test_zero_grad_that_copies_children_is_still_right():
    copy = and_then(course.zero_grad, lambda self: setattr(self, "children", list(self.children)))
    is_ok(check_zero_grad(copy, Value))


def test_accumulate_that_changes_the_graph():
    is_wrong(
        check_accumulate(and_then(chain_rule(), empty_children), Value),
        "your backward changed the graph",
        "v3.children was ()",
        "only fills in .grad",
    )
    text_grads = and_then(chain_rule(), lambda self: setattr(self, "grad", "1.0"))
    is_wrong(check_accumulate(text_grads, Value), "the text '1.0'", "root.grad = 1.0")
