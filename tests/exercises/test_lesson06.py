"""Lesson 06 checks: a reverse topological order, and a backward pass written by the student."""

import pytest

from autograd_lesson import topological_order
from autograd_lesson.exercises import check_my_backward, check_reverse_order, solution
from autograd_lesson.exercises.lesson06 import exercise_graph


@pytest.mark.parametrize("order", [
    ["q", "z", "v", "u", "x", "y"],
    ["q", "v", "z", "u", "y", "x"],
    ["q", "v", "u", "x", "y", "z"],
    ("q", "v", "u", "y", "x", "z"),
    list(reversed(topological_order(exercise_graph()))),   # Values count as their labels
])
def test_any_valid_order_is_accepted(order):
    assert check_reverse_order(order).ok


@pytest.mark.parametrize("order, words", [
    (["q", "v", "y", "u", "z", "x"], "y comes before u, but u is made from y"),
    (["v", "q", "u", "x", "y", "z"], "v comes before q"),
    (["x", "y", "u", "v", "z", "q"], "forward (topological) order"),
    (["q", "v", "u"], "missing x, y, z"),
    (["q", "q", "v", "u", "x", "y", "z"], "more than once"),
    (["q", "v", "u", "x", "y", "w"], "'w' is not a node"),
    ("qvuxyz", "expected a list"),
    (42, "expected a list"),
])
def test_wrong_orders_are_diagnosed(order, words):
    verdict = check_reverse_order(order)
    assert not verdict.ok and words in verdict.message


def right(root):
    root.grad = 1.0
    for node in reversed(topological_order(root)):
        for child, local in zip(node.children, node.local_grads):
            child.grad += local * node.grad


def assigns(root):
    root.grad = 1.0
    for node in reversed(topological_order(root)):
        for child, local in zip(node.children, node.local_grads):
            child.grad = local * node.grad


def forward_order(root):
    root.grad = 1.0
    for node in topological_order(root):
        for child, local in zip(node.children, node.local_grads):
            child.grad += local * node.grad


def no_seed(root):
    for node in reversed(topological_order(root)):
        for child, local in zip(node.children, node.local_grads):
            child.grad += local * node.grad


def recursive(root):
    root.grad = 1.0
    def visit(node):
        for child, local in zip(node.children, node.local_grads):
            child.grad += local * node.grad
            visit(child)
    visit(root)


def crashes(root):
    raise ValueError("oops")


def test_a_right_backward_passes_and_so_does_the_engines():
    assert check_my_backward(right).ok
    assert check_my_backward(lambda root: root.backward()).ok


@pytest.mark.parametrize("fn, words", [
    (assigns, "must ADD the gradient from each use"),
    (forward_order, "Visit the nodes in REVERSE topological order"),
    (no_seed, "start with root.grad = 1.0"),
    (recursive, "recursion limit"),
    (crashes, "raised ValueError: oops"),
    ("backward", "expected a function"),
])
def test_wrong_backwards_are_diagnosed(fn, words):
    verdict = check_my_backward(fn)
    assert not verdict.ok and words in verdict.message


def test_solutions_registered():
    assert "child.grad += local * node.grad" in solution("06.2").data
    assert '["q", "z", "v", "u", "x", "y"]' in solution("06.1").data
