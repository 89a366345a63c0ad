"""Lesson 05 batteries: step_leaves (05.1) and the first-order change of a step down (05.2)."""

import numpy as np
import pytest
from verdicts import is_todo, is_wrong

from autograd_lesson import Value
from autograd_lesson.exercises import check_predicted_change, check_step_leaves, solution
from autograd_lesson.exercises.base import solution_code

# ----- 05.1 -----


def good(leaves, step_size):
    for leaf in leaves:
        leaf.data += step_size * leaf.grad


def good_indexed(leaves, step_size):
    for i in range(len(leaves)):
        leaves[i].data = leaves[i].data + step_size * leaves[i].grad
    return leaves


def good_numpy(leaves, step_size):
    for leaf in leaves:
        leaf.data = float(np.float64(leaf.data) + np.float64(step_size) * leaf.grad)


def good_float64(leaves, step_size):  # a NumPy float64 is a float: it formats like one
    for leaf in leaves:
        leaf.data = np.float64(leaf.data) + step_size * leaf.grad


@pytest.mark.parametrize("func", [good, good_indexed, good_numpy, good_float64])
def test_step_right_answers(func):
    verdict = check_step_leaves(func)
    assert (
        verdict.ok
        and "2.06, -3.04, 9.98, -1.96" in verdict.message
        and "-7.286496" in verdict.message
    )


def sign(leaves, s):
    for x in leaves:
        x.data -= s * x.grad


def used_data(leaves, s):
    for x in leaves:
        x.data += s * x.data


def whole_grad(leaves, s):
    for x in leaves:
        x.data += x.grad


def twice(leaves, s):
    for x in leaves:
        x.data += 2 * s * x.grad


def replaced(leaves, s):
    for x in leaves:
        x.data = s * x.grad


def misses_one(leaves, s):
    for i in range(len(leaves) - 1):
        leaves[i].data += s * leaves[i].grad


def rebinds(leaves, s):
    for x in leaves:
        x = x.data + s * x.grad


def returns_new(leaves, s):
    return [Value(x.data + s * x.grad) for x in leaves]


def changes_grads(leaves, s):
    for x in leaves:
        x.data += s * x.grad
        x.grad = 0.0


def value_in_data(leaves, s):
    for x in leaves:
        x.data = x + s * x.grad


def wrong_number(leaves, s):
    for x in leaves:
        x.data += s * x.grad + 0.001


def grad_to_value(leaves, s):
    for x in leaves:
        x.data += s * x.grad
        x.grad = Value(x.grad)


def one_element_arrays(leaves, s):  # the right numbers, each in a NumPy array
    for x in leaves:
        x.data = np.array([x.data + s * x.grad])


def zero_d_arrays(leaves, s):
    for x in leaves:
        x.data = np.array(x.data + s * x.grad)


def float32(leaves, s):  # 2.06 in float32 is 2.0599999: shown with the digits that differ
    for x in leaves:
        x.data = np.float32(x.data + s * x.grad)


@pytest.mark.parametrize(
    "func, words",
    [
        (sign, ["the sign is flipped"]),
        (used_data, ["step_size × its .data"]),
        (whole_grad, ["whole grad"]),
        (twice, ["twice as far", "one step too many"]),
        (replaced, ["add it to the old data"]),
        (misses_one, ["did not move (the others did)", "misses a leaf"]),
        (rebinds, ["no leaf moved", "only gives the name x a new value"]),
        (returns_new, ["returned new values", "in place"]),
        (changes_grads, ["changed the .grad of a"]),
        (grad_to_value, ["changed the .grad of a"]),
        (value_in_data, ["is now a Value"]),
        (wrong_number, ["a should move from 2 to 2 + 0.01 × 6 = 2.06; yours went to 2.061"]),
        (one_element_arrays, ["the .data of a became a NumPy array", "one plain float"]),
        (zero_d_arrays, ["became a NumPy array"]),
        (float32, ["= 2.06; yours went to 2.0599999"]),
    ],
)
def test_step_typical_mistakes(func, words):
    is_wrong(check_step_leaves(func), *words)


def test_step_garbage(short_limit):
    def stub(leaves, step_size):
        raise NotImplementedError

    def forever(leaves, step_size):
        while True:
            pass

    def raises(leaves, step_size):
        leaves.data += 1

    def nan(leaves, step_size):
        for x in leaves:
            x.data = float("nan")

    def text(leaves, step_size):
        for x in leaves:
            x.data = "2.06"

    def huge(leaves, step_size):
        for x in leaves:
            x.data = 10**400

    is_todo(check_step_leaves(...))
    is_todo(check_step_leaves(stub))
    is_wrong(check_step_leaves(forever), "did not finish")
    is_wrong(check_step_leaves(raises), "raised AttributeError")
    is_wrong(check_step_leaves(nan), "not a finite number")
    is_wrong(check_step_leaves(text), "is text")
    is_wrong(check_step_leaves(huge), "too large")
    for garbage in (
        None,
        "step",
        0.01,
        True,
        np.bool_(True),
        1 + 0j,
        10**400,
        np.array([1.0, 2.0]),
        object(),
    ):
        is_wrong(check_step_leaves(garbage), "expected a function")


# ----- 05.2 -----


@pytest.mark.parametrize(
    "answer",
    [-3.6, -0.05 * 72, np.float64(-3.6), np.array([-3.6]), Value(-3.6), -3.6000000001, -18 / 5],
)
def test_predicted_change_right_answers(answer):
    verdict = check_predicted_change(answer)
    assert verdict.ok and "-3.748" in verdict.message


@pytest.mark.parametrize(
    "answer, words",
    [
        (3.6, "wrong sign"),
        (-3.748, "TRUE change"),
        (-3.748000000000001, "TRUE change"),
        (-11.6, "the new value of L"),
        (-11.748, "the new value of L"),
        (0.72, "step size 0.01"),
        (-0.72, "step size 0.01"),
        (-0.2, "0.05 × Σ grad"),
        (-0.4242640687, "length of the step"),
        (-1.8, "the term for a is missing"),
        (-2.8, "is missing"),
        (-3.4, "the term for c is missing"),
        (-4, "looks rounded"),
        (-3.7, "looks rounded"),
        (1.0, "Add up"),
    ],
)
def test_predicted_change_wrong_answers(answer, words):
    is_wrong(check_predicted_change(answer), words)


def test_the_sum_of_grads_slip_does_not_give_the_answer_away():
    message = check_predicted_change(-0.05 * (6 - 4 - 2 + 4)).message  # the notebook's demo
    assert "∂L/∂x · Δx" in message and "one by one" in message
    assert "²" not in message and "72" not in message and "3.6" not in message


@pytest.mark.parametrize(
    "answer, words",
    [
        ("-3.6", "is text"),
        (None, "got None"),
        (True, "yes/no"),
        (np.bool_(False), "yes/no"),
        (-3.6 + 0j, "complex"),
        (10**400, "too large"),
        (np.array([1.0, 2.0]), "array of 2"),
        (float("nan"), "not a finite number"),
        (object(), "expected the predicted change"),
        (lambda: -3.6, "expected the predicted change"),
    ],
)
def test_predicted_change_garbage(answer, words):
    is_wrong(check_predicted_change(answer), words)
    is_todo(check_predicted_change(...))


def test_solutions_registered():
    assert "check_step_leaves(step_leaves)" in solution_code("05.1")
    assert "-3.6" in solution("05.2").data and "-3.748" in solution("05.2").data
