"""Lesson 10 batteries: the descent loop (10.1) and the learning rate read off a plot (10.2)."""

import numpy as np
import pytest

from autograd_lesson import Value, central_difference
from autograd_lesson.exercises import base, check_descend, check_learning_rate
from autograd_lesson.exercises.base import Verdict
from autograd_lesson.exercises.lesson10 import descend as good


def verdict(v, ok, *words, done=True):
    assert isinstance(v, Verdict)
    assert v.ok is ok and v.done is done, repr(v)
    for word in words:
        assert word in v.message, v.message


# ----- 10.1: descend(f, a, rate, steps) -----

# `good` is the package's loop (lesson10.descend), written as a student writes it: the check
# replays the path with floats and the exact derivative, so it judges that loop independently.


def good_grad_assign(f, a, rate, steps):  # a.grad = 0.0 instead of zero_grad, and a tuple
    path = [a.data]
    for _ in range(steps):
        a.grad = 0.0
        y = f(a)
        y.backward()
        a.data = a.data - rate * a.grad
        path.append(a.data)
    return tuple(path)


def good_zero_after(f, a, rate, steps):  # zeroing after the update is just as right
    path = [a.data]
    for _ in range(steps):
        f(a).backward()
        a.data -= rate * a.grad
        a.grad = 0.0
        path.append(a.data)
    return np.array(path)


def good_values(f, a, rate, steps):  # records copies as Values: they count as their data
    path = [Value(a.data)]
    for _ in range(steps):
        a.zero_grad()
        f(a).backward()
        a.data -= rate * a.grad
        path.append(Value(a.data))
    return path


def no_zero(f, a, rate, steps):
    path = [a.data]
    for _ in range(steps):
        f(a).backward()
        a.data -= rate * a.grad
        path.append(a.data)
    return path


def ascent(f, a, rate, steps):
    path = [a.data]
    for _ in range(steps):
        a.zero_grad()
        f(a).backward()
        a.data += rate * a.grad
        path.append(a.data)
    return path


def ascent_no_zero(f, a, rate, steps):
    path = [a.data]
    for _ in range(steps):
        f(a).backward()
        a.data += rate * a.grad
        path.append(a.data)
    return path


def hardcoded(f, a, rate, steps):
    path = [a.data]
    for _ in range(steps):
        a.data -= rate * (2 * a.data - 10)
        path.append(a.data)
    return path


def new_leaves(f, a, rate, steps):
    x, path = a.data, [a.data]
    for _ in range(steps):
        leaf = Value(x)
        f(leaf).backward()
        x -= rate * leaf.grad
        path.append(x)
    return path


def no_start(f, a, rate, steps):
    return good(f, a, rate, steps)[1:]


def one_short(f, a, rate, steps):
    return good(f, a, rate, steps - 1)


def one_extra(f, a, rate, steps):
    return good(f, a, rate, steps + 1)


def same_leaf(f, a, rate, steps):
    path = [a]
    for _ in range(steps):
        a.zero_grad()
        f(a).backward()
        a.data -= rate * a.grad
        path.append(a)
    return path


def final_only(f, a, rate, steps):
    return good(f, a, rate, steps)[-1]


def zero_between(f, a, rate, steps):  # zeroed between backward and the update: a never moves
    path = [a.data]
    for _ in range(steps):
        f(a).backward()
        a.zero_grad()
        a.data -= rate * a.grad
        path.append(a.data)
    return path


def no_return(f, a, rate, steps):
    good(f, a, rate, steps)


def blows_up(f, a, rate, steps):
    for _ in range(steps):
        a.zero_grad()
        f(a).backward()
        a.data -= 1e100 * a.grad
    return [a.data]


def nan_path(f, a, rate, steps):
    return [a.data] + [float("nan")] * steps


def wrong_rate(f, a, rate, steps):
    return good(f, a, rate / 2, steps)


def nudges(f, a, rate, steps):  # the review's loop: a central difference, never backward
    path, h = [a.data], 1e-5
    for _ in range(steps):
        x = a.data
        g = (f(Value(x + h)).data - f(Value(x - h)).data) / (2 * h)
        a.data -= rate * g
        path.append(a.data)
    return path


def nudges_floats(f, a, rate, steps):  # f called on plain numbers
    path = [a.data]
    for _ in range(steps):
        a.data -= rate * (f(a.data + 1e-6) - f(a.data - 1e-6)) / 2e-6
        path.append(a.data)
    return path


def nudges_with_the_package(f, a, rate, steps):
    path = [a.data]
    for _ in range(steps):
        a.data -= rate * central_difference(f, a.data)
        path.append(a.data)
    return path


def nudges_forward(f, a, rate, steps):  # a forward difference: near the path, not on it
    path = [a.data]
    for _ in range(steps):
        a.data -= rate * (f(a.data + 1e-6) - f(a.data)) / 1e-6
        path.append(a.data)
    return path


def forever(f, a, rate, steps):
    while True:
        pass


def stub(f, a, rate, steps):
    raise NotImplementedError


@pytest.mark.parametrize("func", [good, good_grad_assign, good_zero_after, good_values])
def test_descend_right(func):
    verdict(check_descend(func), True, "5.011529", "backward()")


@pytest.mark.parametrize(
    "func, words",
    [
        (no_zero, ["forgot to zero the grad", "zero_grad"]),
        (ascent, ["ASCENT", "a.data -= rate * a.grad"]),
        (ascent_no_zero, ["two problems"]),
        (hardcoded, ["typed the lesson's derivative"]),
        (new_leaves, ["new Value each step", "in place"]),
        (no_start, ["starts at a1", "a0 = 6"]),
        (one_short, ["one step short"]),
        (one_extra, ["one step too many"]),
        (same_leaf, ["same Value 21 times", "a.data"]),
        (final_only, ["final a = 5.011529", "whole path"]),
        (zero_between, ["never moves"]),
        (no_return, ["returned None", "return path"]),
        (blows_up, ["blew up", "sign"]),
        (nan_path, ["nan", "diverging"]),
        (wrong_rate, ["position 1", "expected 5.8"]),
        (nudges, ["estimates the slope by nudging", "takes it from backward()"]),
        (nudges_floats, ["estimates the slope by nudging"]),
        (nudges_with_the_package, ["estimates the slope by nudging"]),
        (nudges_forward, ["close to the right one", "nudging", "backward()"]),
        (lambda f, a, r, s: "5.8", ["list of positions"]),
        (lambda f, a, r, s: ["6", "5.8"], ["text"]),
        (lambda f, a, r, s: [6.0, object()], ["position 1"]),
        (lambda f, a, r, s: 1 / 0, ["raised ZeroDivisionError"]),
        (lambda f, a, r, s: 10**400, ["too large"]),
        (3, ["expected a function"]),
    ],
)
def test_descend_wrong(func, words):
    verdict(check_descend(func), False, *words)


def test_descend_garbage_and_stub():
    verdict(check_descend(...), False, "replace the `...`", done=False)
    verdict(check_descend(stub), False, "NotImplementedError", done=False)
    verdict(check_descend(None), False, "expected a function")


def test_descend_time_limit(monkeypatch):
    monkeypatch.setattr(base, "TIME_LIMIT", 0.5)
    verdict(check_descend(forever), False, "did not finish within 0.5 s")


def test_descend_does_not_touch_the_students_leaf():
    a = Value(6.0)
    check_descend(good)
    assert a.data == 6.0 and a.grad == 0.0


# ----- 10.2: the learning rate for g(a) = 3a² − 30a + 78 -----


@pytest.mark.parametrize(
    "rate",
    [0.1, 0.062, 0.15, 1 / 6, np.float64(0.12), np.float32(0.1), np.array([0.1]), Value(0.1)],
)
def test_learning_rate_right(rate):
    verdict(check_learning_rate(rate), True, "Any η from about 0.062 to 1/6")


@pytest.mark.parametrize(
    "rate, words",
    [
        (0.02, ["too slow", "larger rate"]),
        (0.06, ["too slow", "0.0115"]),
        (0.0615, ["too slow", "a = 5.01001, still 0.01001 from 5 (more than 0.01)"]),
        (5e-324, ["far too small", "barely moves (not at all"]),
        (1e-12, ["far too small", "only 6e-11 closer to 5"]),
        (1e-5, ["far too small", "barely moves"]),
        (0.2, ["oscillation", "past 5"]),
        (0.1667, ["just past the edge", "1/6"]),
        (1 / 3, ["6 to 4 and back"]),
        (0.34, ["diverge"]),
        (0.5, ["diverge", "3 times steeper"]),
        (1, ["diverge"]),
        (1e300, ["diverge"]),
        (0, ["positive"]),
        (-0.1, ["positive"]),
        ("0.1", ["is text"]),
        (True, ["yes/no"]),
        (np.bool_(True), ["yes/no"]),
        (1 + 0j, ["complex"]),
        (None, ["None"]),
        (10**400, ["too large"]),
        (np.array([0.1, 0.2]), ["array of 2"]),
        (float("nan"), ["not a finite number"]),
        (object(), ["expected the learning rate"]),
    ],
)
def test_learning_rate_wrong(rate, words):
    verdict(check_learning_rate(rate), False, *words)


def test_learning_rate_stub():
    verdict(check_learning_rate(...), False, "replace the `...`", done=False)


def test_descend_fixed_rate():
    def fixed(f, a, rate, steps):
        return good(f, a, 0.1, steps)

    verdict(check_descend(fixed), False, "not the rate it was given")
