"""Lesson 02 checks: partial by nudging, and the exact partials of g = a·a·b + c. Right answers
in every accepted form pass; each typical mistake gets its own diagnosis; garbage gets a verdict."""

import numpy as np
import pytest
from verdicts import is_todo, is_wrong

from autograd_lesson import Value
from autograd_lesson.exercises import (
    check_partial,
    check_partials_of_g,
    partial_by_nudging,
    solution,
)

# ----- 02.1 partial -----


def copy_then_nudge(f, inputs, i, h):
    nudged = list(inputs)
    nudged[i] += h
    return (f(*nudged) - f(*inputs)) / h


def comprehension(f, inputs, i, h):
    nudged = [v + h if k == i else v for k, v in enumerate(inputs)]
    return (f(*nudged) - f(*inputs)) / h


def slice_copy(f, inputs, i, h):
    nudged = inputs[:]
    nudged[i] = inputs[i] + h
    before = f(*inputs)
    return (f(*nudged) - before) / h


@pytest.mark.parametrize(
    "func",
    [
        copy_then_nudge,
        comprehension,
        slice_copy,
        partial_by_nudging,
        lambda f, inputs, i, h: np.float64(copy_then_nudge(f, inputs, i, h)),
        lambda f, inputs, i, h: Value(copy_then_nudge(f, inputs, i, h)),
        lambda f, inputs, i, h: np.array([copy_then_nudge(f, inputs, i, h)]),
    ],
)
def test_partial_accepts_right_answers(func):
    verdict = check_partial(func)
    assert verdict.ok and verdict.done, verdict
    assert "-3.0000, 2.0000, 1.0000" in verdict.message


def mutates(f, inputs, i, h):
    inputs[i] += h
    after = f(*inputs)
    inputs[i] -= h
    return (after - f(*inputs)) / h


def alias(f, inputs, i, h):
    nudged = inputs
    nudged[i] += h
    return (f(*nudged) - f(*inputs)) / h


def every_input(f, inputs, i, h):
    return (f(*[v + h for v in inputs]) - f(*inputs)) / h


def next_input(f, inputs, i, h):
    nudged = list(inputs)
    nudged[i + 1] += h
    return (f(*nudged) - f(*inputs)) / h


def previous_input(f, inputs, i, h):
    nudged = list(inputs)
    nudged[i - 1] += h
    return (f(*nudged) - f(*inputs)) / h


def no_division(f, inputs, i, h):
    return copy_then_nudge(f, inputs, i, h) * h


def passes_the_list(f, inputs, i, h):
    nudged = list(inputs)
    nudged[i] += h
    return (f(nudged) - f(inputs)) / h


def fixed_h(f, inputs, i, h):
    return copy_then_nudge(f, inputs, i, 0.001)


def central(f, inputs, i, h):
    up, down = list(inputs), list(inputs)
    up[i] += h
    down[i] -= h
    return (f(*up) - f(*down)) / (2 * h)


@pytest.mark.parametrize(
    "func, words",
    [
        (mutates, ["changed the caller's list", "rounding left a trace", "list(inputs)"]),
        (alias, ["changed the caller's list", "[2.001, -3.0, 10.0]"]),
        (every_input, ["nudges every input"]),
        (next_input, ["IndexError", "numbered 0 to 2"]),
        (previous_input, ["before input i", "off by one"]),
        (no_division, ["forgot to divide by h"]),
        (lambda f, inputs, i, h: -copy_then_nudge(f, inputs, i, h), ["wrong sign"]),
        (lambda f, inputs, i, h: copy_then_nudge(f, inputs, i, h) / 2, ["divides by 2h"]),
        (central, ["central difference"]),
        (
            lambda f, inputs, i, h: f(*[v + h if k == i else v for k, v in enumerate(inputs)]),
            ["returns the output after the nudge"],
        ),
        (passes_the_list, ["missing 2 required positional", "f(*inputs)"]),
        (fixed_h, ["ignores its h argument"]),
        (lambda f, inputs, i, h: copy_then_nudge(f, inputs, i, h) + 0.5, ["returned", "gives"]),
    ],
)
def test_partial_names_the_mistake(func, words):
    is_wrong(check_partial(func), *words)


def test_partial_garbage(short_limit):
    def stub(f, inputs, i, h):
        raise NotImplementedError

    def forever(f, inputs, i, h):
        while True:
            pass

    is_todo(check_partial(stub))
    is_todo(check_partial(...))
    is_wrong(check_partial(None), "wants your function itself")
    is_wrong(check_partial(-3.0), "wants your function itself")
    is_wrong(check_partial(forever), "did not finish within 0.5 s")
    is_wrong(check_partial(lambda f, inputs, i, h: 1 / 0), "raised ZeroDivisionError")
    is_wrong(check_partial(lambda f, inputs, i: 0.0), "raised TypeError")
    for result, words in [
        (None, "forget to `return`"),
        ("-3.0", "is text"),
        (True, "yes/no"),
        (np.bool_(False), "yes/no"),
        (1j, "complex"),
        (10**400, "too large"),
        (np.array([1.0, 2.0]), "array of 2 numbers"),
        (float("nan"), "not a finite"),
        (object(), "expected the partial"),
    ]:
        is_wrong(check_partial(lambda f, inputs, i, h, r=result: r), words)


# ----- 02.2 the partials of g -----


@pytest.mark.parametrize(
    "da, db",
    [
        (lambda a, b, c: 2 * a * b, lambda a, b, c: a * a),
        (lambda a, b, c: a * b + a * b, lambda a, b, c: a**2),
        (lambda a, b, c: np.float64(2 * b * a), lambda a, b, c: Value(a * a)),
        (lambda a, b, c: 2.0 * a * b + 0 * c, lambda a, b, c: np.array([a * a])),
        (lambda *abc: 2 * abc[0] * abc[1], lambda a, b, c=None: a * a),
    ],
)
def test_partials_of_g_accept_right_answers(da, db):
    verdict = check_partials_of_g(da, db)
    assert verdict.ok and verdict.done, verdict
    assert "-12 and 9" in verdict.message


RIGHT_A, RIGHT_B = (lambda a, b, c: 2 * a * b), (lambda a, b, c: a * a)


@pytest.mark.parametrize(
    "da, db, words",
    [
        (lambda a, b, c: a * b, RIGHT_B, ["dg_da forgot the factor 2"]),
        (lambda a, b, c: 2 * a, RIGHT_B, ["dropped the factor b"]),
        (lambda a, b, c: a * a, RIGHT_B, ["dg_da computes a·a", "wrong variable"]),
        (lambda a, b, c: 1, RIGHT_B, ["which is ∂g/∂c"]),
        (lambda a, b, c: b, RIGHT_B, ["a appears twice"]),
        (lambda a, b, c: 2 * a * b + c, RIGHT_B, ["kept the c"]),
        (lambda a, b, c: a * a * b + c, RIGHT_B, ["returns g itself"]),
        (RIGHT_A, lambda a, b, c: 2 * a * b, ["dg_db computes 2ab", "wrong variable"]),
        (RIGHT_A, lambda a, b, c: a, ["kept only one a"]),
        (RIGHT_A, lambda a, b, c: 2 * a, ["dg_db differentiated a·a"]),
        (RIGHT_A, lambda a, b, c: a * a * b, ["the term a·a·b itself"]),
        (RIGHT_A, lambda a, b, c: a * a + c, ["kept the c"]),
        (lambda a, b, c: a * a, lambda a, b, c: 2 * a * b, ["you swapped them"]),
        (lambda a, b, c: a * b, lambda a, b, c: a, ["forgot the factor 2", "kept only one a"]),
        (
            lambda a, b, c: 3 * a * b,
            RIGHT_B,
            ["At (a, b, c) = (3, -2, 5)", "gives -18", "-12.0020"],
        ),
        (RIGHT_A, lambda a, b, c: a * a * 2, ["your dg_db gives 18", "9.0000"]),
    ],
)
def test_partials_of_g_name_the_mistake(da, db, words):
    is_wrong(check_partials_of_g(da, db), *words)


def test_partials_of_g_garbage(short_limit):
    def stub(a, b, c):
        raise NotImplementedError

    def forever(a, b, c):
        while True:
            pass

    is_todo(check_partials_of_g(stub, stub))
    is_todo(check_partials_of_g(RIGHT_A, stub))
    is_todo(check_partials_of_g(..., ...))
    is_wrong(check_partials_of_g(-12, 9), "should be a function of (a, b, c)")
    is_wrong(check_partials_of_g(RIGHT_A, None), "dg_db should be a function")
    is_wrong(check_partials_of_g(lambda a, b: 2 * a * b, RIGHT_B), "three parameters")
    is_wrong(check_partials_of_g(forever, RIGHT_B), "did not finish within 0.5 s")
    is_wrong(check_partials_of_g(lambda a, b, c: a / 0, RIGHT_B), "raised ZeroDivisionError")
    for result, words in [
        (None, "forget to `return`"),
        ("2ab", "is text"),
        (True, "yes/no"),
        (np.bool_(True), "yes/no"),
        (2j, "complex"),
        (10**400, "too large"),
        (np.array([1.0, 2.0]), "array of 2 numbers"),
        (float("nan"), "not a finite"),
        (object(), "expected the partial"),
    ]:
        is_wrong(check_partials_of_g(lambda a, b, c, r=result: r, RIGHT_B), words)


def test_solutions_registered_with_code():
    assert "list(inputs)" in solution("02.1").data
    assert "2 * a * b" in solution("02.2").data and "a * a" in solution("02.2").data
