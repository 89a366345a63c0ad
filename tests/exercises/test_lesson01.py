"""Lesson 01 checks: forward_diff, central_diff and the best h for exp. Right answers in every
accepted form pass; each typical mistake gets its own diagnosis; garbage gets a verdict."""

import math

import numpy as np
import pytest
from verdicts import is_todo, is_wrong

from autograd_lesson import Value, central_difference, forward_difference
from autograd_lesson.examples import f as lesson_f
from autograd_lesson.exercises import (
    check_best_central_h,
    check_central_diff,
    check_forward_diff,
    solution,
)


def stub(f, x, h):
    # YOUR CODE
    raise NotImplementedError


def forever(f, x, h):
    while True:
        pass


# ----- 01.1 forward_diff -----


def forward_plain(f, x, h):
    return (f(x + h) - f(x)) / h


def forward_loop_variant(f, x, h):
    rise = f(x + h) - f(x)
    run_ = (x + h) - x
    return rise / run_


def uses_global_f(f, x, h):
    return (lesson_f(x + h) - lesson_f(x)) / h


def swapped_signature(f, h, x):
    return (f(x + h) - f(x)) / h


def function_first_last(x, h, f):
    return (f(x + h) - f(x)) / h


@pytest.mark.parametrize(
    "func",
    [
        forward_plain,
        forward_loop_variant,
        forward_difference,
        lambda f, x, h: f(x + h) / h - f(x) / h,
        lambda f, x, h: np.float64((f(x + h) - f(x)) / h),
        lambda f, x, h: np.array([(f(x + h) - f(x)) / h]),
        lambda f, x, h: Value((f(x + h) - f(x)) / h),
        lambda f, x, h: (f(h + x) - f(x)) * (1 / h),
    ],
)
def test_forward_accepts_right_answers(func):
    verdict = check_forward_diff(func)
    assert verdict.ok and verdict.done, verdict
    assert "14.003" in verdict.message


@pytest.mark.parametrize(
    "func, words",
    [
        (lambda f, x, h: f(x + h) - f(x), ["forgot to divide by h"]),
        (lambda f, x, h: (f(x) - f(x + h)) / h, ["wrong sign"]),
        (lambda f, x, h: (f(x) - f(x - h)) / h, ["backward difference"]),
        (lambda f, x, h: (f(x + h) - f(x - h)) / (2 * h), ["central difference", "01.2"]),
        (lambda f, x, h: (f(x + h) - f(x)) / (2 * h), ["divides by 2h"]),
        (lambda f, x, h: (f(x + h) - f(x)) * h, ["multiplies the change by h"]),
        (lambda f, x, h: f(x + h), ["returns f(x + h)", "height"]),
        (lambda f, x, h: f(x), ["returns f(x)"]),
        (swapped_signature, ["mixes up x and h", "swapped arguments"]),
        (function_first_last, ["Swapped arguments", "(x, h, f)"]),
        (lambda f, x, h: (f(x + 0.001) - f(x)) / 0.001, ["ignores its h argument"]),
        (uses_global_f, ["ignores its f argument", "global f"]),
        (lambda f, x, h: round((f(x + h) - f(x)) / h, 3), ["rounds its result"]),
        (lambda f, x, h: (f(x + h) - f(x)) / h + 1, ["returned", "the formula gives"]),
    ],
)
def test_forward_names_the_mistake(func, words):
    is_wrong(check_forward_diff(func), *words)


def test_forward_garbage(short_limit):
    is_todo(check_forward_diff(stub))
    is_todo(check_forward_diff(...))
    is_wrong(check_forward_diff(None), "wants your function itself")
    is_wrong(check_forward_diff(14.003), "wants your function itself")
    is_wrong(check_forward_diff("forward_diff"), "wants your function itself")
    is_wrong(check_forward_diff(forever), "did not finish within 0.5 s")
    is_wrong(check_forward_diff(lambda f, x, h: 1 / 0), "raised ZeroDivisionError")
    is_wrong(check_forward_diff(lambda f, x: f(x)), "raised TypeError")
    for result, words in [
        (None, "forget to `return`"),
        ("14.003", "is text"),
        (True, "yes/no"),
        (np.bool_(True), "yes/no"),
        (1 + 0j, "complex"),
        (10**400, "too large"),
        (np.array([1.0, 2.0]), "array of 2 numbers"),
        (float("nan"), "not a finite"),
        (object(), "expected the slope"),
    ]:

        def func(f, x, h, result=result):
            f(x)
            return result

        is_wrong(check_forward_diff(func), words)


# ----- 01.2 central_diff -----


def central_plain(f, x, h):
    return (f(x + h) - f(x - h)) / (2 * h)


@pytest.mark.parametrize(
    "func",
    [
        central_plain,
        central_difference,
        lambda f, x, h: (f(x + h) - f(x - h)) / 2 / h,
        lambda f, x, h: 0.5 * (f(x + h) - f(x - h)) / h,
        lambda f, x, h: ((f(x + h) - f(x)) / h + (f(x) - f(x - h)) / h) / 2,
        lambda f, x, h: np.float32(1.0) * np.float64((f(x + h) - f(x - h)) / (2 * h)),
    ],
)
def test_central_accepts_right_answers(func):
    verdict = check_central_diff(func)
    assert verdict.ok and verdict.done, verdict


def central_swapped(f, h, x):
    return (f(x + h) - f(x - h)) / (2 * h)


@pytest.mark.parametrize(
    "func, words",
    [
        (lambda f, x, h: (f(x + h) - f(x - h)) / h, ["forgot the 2"]),
        (lambda f, x, h: (f(x + h) - f(x - h)) / 2 * h, ["(a / 2) · h", "brackets"]),
        (lambda f, x, h: (f(x + h) - f(x)) / h, ["is the forward difference"]),
        (lambda f, x, h: (f(x) - f(x - h)) / h, ["backward difference"]),
        (lambda f, x, h: f(x + h) - f(x - h), ["forgot to divide"]),
        (lambda f, x, h: (f(x - h) - f(x + h)) / (2 * h), ["wrong sign"]),
        (lambda f, x, h: (f(x + h) - f(x - h)) * 2 * h, ["multiplies by 2h"]),
        (central_swapped, ["mixes up x and h"]),
        (lambda f, x, h: (f(x + 0.001) - f(x - 0.001)) / 0.002, ["ignores its h argument"]),
        (lambda f, x, h: (lesson_f(x + h) - lesson_f(x - h)) / (2 * h), ["ignores its f argument"]),
        (lambda f, x, h: f(x + h), ["returns f(x + h)"]),
        (lambda f, x, h: round((f(x + h) - f(x - h)) / (2 * h), 2), ["rounds its result"]),
    ],
)
def test_central_names_the_mistake(func, words):
    is_wrong(check_central_diff(func), *words)


def test_central_garbage(short_limit):
    is_todo(check_central_diff(stub))
    is_todo(check_central_diff(...))
    is_wrong(check_central_diff(None), "wants your function itself")
    is_wrong(check_central_diff(forever), "did not finish within 0.5 s")
    is_wrong(check_central_diff(lambda f, x, h: f(x) and "14"), "is text")
    is_wrong(check_central_diff(lambda f, x, h: [f(x)]), "expected the slope")
    is_wrong(check_central_diff(lambda f, x, h: f(x) * 10**400), "too large")


# ----- 01.3 the best h for the central difference of exp at x = 1 -----


def errors_with(diff):
    return {10.0**-k: abs(diff(math.exp, 1.0, 10.0**-k) - math.e) for k in range(1, 17)}


@pytest.mark.parametrize(
    "answer", [1e-5, 1e-6, 1e-7, np.float64(1e-5), np.array([1e-6]), Value(1e-5), 10.0**-5]
)
def test_best_h_accepts_the_bottom_of_the_v(answer):
    verdict = check_best_central_h(answer)
    assert verdict.ok and verdict.done, verdict
    assert "bottom of the V" in verdict.message


def test_best_h_computed_the_way_the_solution_does():
    for diff in (central_plain, central_difference):
        errors = errors_with(diff)
        assert check_best_central_h(min(errors, key=errors.get)).ok


@pytest.mark.parametrize(
    "answer, words",
    [
        (1e-8, ["FORWARD difference", "Did you use forward_diff", "central_diff for every h"]),
        (0.1, ["best h for the parabola", "no truncation error", "Make h smaller"]),
        (1e-3, ["mostly truncation", "Make h smaller"]),
        (1e-4, ["mostly truncation"]),
        (1e-10, ["mostly rounding", "Make h larger"]),
        (1e-16, ["mostly rounding"]),
        (5, ["looks like the exponent", "1e-05"]),
        (-6, ["looks like the exponent", "1e-06"]),
        (min(errors_with(central_plain).values()), ["is an error, not a step"]),
        (0, ["small positive number"]),
        (-1e-5, ["small positive number"]),
        (1.5, ["small positive number"]),
        ("1e-5", ["is text"]),
        (None, ["got None"]),
        (True, ["yes/no"]),
        (np.bool_(True), ["yes/no"]),
        (1e-5 + 0j, ["complex"]),
        (10**400, ["too large"]),
        (np.array([1e-5, 1e-6]), ["array of 2 numbers"]),
        (float("nan"), ["not a finite"]),
        (float("inf"), ["not a finite"]),
        (object(), ["expected a step size"]),
        ({1e-5: 5.9e-11}, ["expected a step size"]),
    ],
)
def test_best_h_names_the_mistake(answer, words):
    is_wrong(check_best_central_h(answer), *words)


def test_best_h_forward_demo_does_not_give_the_direction():
    # the notebook shows this verdict right under "Guess first: larger or smaller?"
    message = check_best_central_h(1e-8).message
    for words in ("larger", "smaller", "rounding", "truncation"):
        assert words not in message, words


def test_best_h_stub():
    is_todo(check_best_central_h(...))


def test_solutions_registered_with_code():
    for key, words in (
        ("01.1", "(f(x + h) - f(x)) / h"),
        ("01.2", "(2 * h)"),
        ("01.3", "min(errors"),
    ):
        assert words in solution(key).data
    assert "1e-5" in solution("01.3").data
