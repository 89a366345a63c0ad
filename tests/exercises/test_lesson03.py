"""Lesson 03 check: it reads the student's graph and names the first difference."""

import pytest

from autograd_lesson import Value
from autograd_lesson.exercises import check_neuron_sum, solution


def inputs(labels=True):
    names = ("x1", "w1", "x2", "w2") if labels else ("",) * 4
    return [Value(v, label=n) for v, n in zip((2.0, -3.0, 0.0, 1.0), names)]


class TinyValue:
    """A notebook-style Value written by a student (micrograd's attribute names)."""

    def __init__(self, data, _children=(), _op="", label=""):
        self.data, self._prev, self._op, self.label = data, tuple(_children), _op, label

    def __add__(self, other):
        return TinyValue(self.data + other.data, (self, other), "+")

    def __mul__(self, other):
        return TinyValue(self.data * other.data, (self, other), "*")


def test_right_graph_passes_with_the_package_value():
    x1, w1, x2, w2 = inputs()
    verdict = check_neuron_sum(x1 * w1 + x2 * w2)
    assert verdict.ok and "Tip" not in verdict.message


def test_right_graph_passes_with_a_students_own_class_and_suggests_labels():
    x1, w1, x2, w2 = (TinyValue(v) for v in (2.0, -3.0, 0.0, 1.0))
    verdict = check_neuron_sum(x1 * w1 + x2 * w2)
    assert verdict.ok and "label the inputs (x1, w1, x2, w2)" in verdict.message


@pytest.mark.parametrize("build, words", [
    (lambda x1, w1, x2, w2: w1 * x1 + x2 * w2, "children of x1*w1 are in the other order"),
    (lambda x1, w1, x2, w2: x2 * w2 + x1 * w1, "children of n are in the other order"),
    (lambda x1, w1, x2, w2: x1 * w1 + x2 * 1.0, "one side of the '*' is a plain number"),
    (lambda x1, w1, x2, w2: Value(-6.0) + x2 * w2, "do not type its number in"),
    (lambda x1, w1, x2, w2: x1 * w1 - x2 * w2, "should be made by '+', but yours was made by '-'"),
    (lambda x1, w1, x2, w2: Value(3.0) * w1 + x2 * w2, "x1 should hold 2, but holds 3"),
    (lambda x1, w1, x2, w2: x1 * w1 * x2 + x2 * w2, "x1 should be an input Value you created"),
])
def test_wrong_graphs_are_diagnosed(build, words):
    verdict = check_neuron_sum(build(*inputs()))
    assert not verdict.ok
    assert words in verdict.message


@pytest.mark.parametrize("answer", [-6.0, "n", None])
def test_not_a_value(answer):
    verdict = check_neuron_sum(answer)
    assert not verdict.ok and "expected the output Value n" in verdict.message


def test_solution_registered():
    assert "x1 * w1" in solution("03.1").data
