"""Lesson 01 checks: your forward and central differences, and the best step for a new function.

- 01.1 `check_forward_diff(forward_diff)` runs your `forward_diff(f, x, h)` on several
  functions and points (the lesson's f at x = 3 with h = 0.001 among them: 14.003) and
  compares it with (f(x + h) − f(x)) / h; a wrong formula is named (no division by h, the
  wrong order, a backward or central difference, 2h, f(x + h) alone, swapped arguments,
  an h or an f that is ignored).
- 01.2 `check_central_diff(central_diff)`: the same for (f(x + h) − f(x − h)) / (2h).
- 01.3 `check_best_central_h(best_h)` (transfer): the power of ten h that makes the
  central difference of exp at x = 1 most accurate; any h whose error is within a factor
  10 of the best is right, and a wrong h is told whether truncation or rounding spoils it.
"""

import inspect
import math

from ..examples import f
from .base import Stop, Verdict, add_solution, check, describe, number, rounded_version, run

__all__ = [
    "check_best_central_h",
    "check_central_diff",
    "check_forward_diff",
]  # what a notebook imports


def _cube(x):
    return x**3 - 2 * x


# (name of the function as the messages write it, the function, x, h). The first case is the
# lesson's 14.003; two cases share f and x with different h (an ignored h gives equal results).
_FORWARD_CASES = (
    ("f", f, 3.0, 0.001),
    ("f", f, 3.0, 0.1),
    ("f", f, -3.0, 0.01),
    ("x**3 - 2*x", _cube, 2.0, 0.01),
    ("math.sin", math.sin, 1.0, 0.1),
    ("math.exp", math.exp, 0.5, 0.5),
)
# for the central difference the parabola has no truncation error, so h is tested on sin
_CENTRAL_CASES = (
    ("f", f, 3.0, 0.001),
    ("math.sin", math.sin, 1.0, 0.1),
    ("math.sin", math.sin, 1.0, 0.01),
    ("x**3 - 2*x", _cube, 2.0, 0.01),
    ("math.exp", math.exp, 0.5, 0.5),
    ("f", f, -3.0, 0.25),
)
TOL = 1e-9  # relative: any way of writing the formula agrees with ours to ~1e-13 for these h


def _forward(g, x, h):
    return (g(x + h) - g(x)) / h


def _central(g, x, h):
    return (g(x + h) - g(x - h)) / (2 * h)


def _value(formula, g, x, h):
    """A wrong formula's value on one case (NaN where it cannot be computed)."""
    try:
        return float(formula(g, x, h))
    except (ArithmeticError, ValueError):
        return math.nan


def _same(a, b, tol=TOL):
    return abs(a - b) <= tol * max(1.0, abs(b))


def _fail(message):
    raise Stop(Verdict(False, message))


def _counted(func, name):
    """The test function handed to the student's code: a plain function (so an error message
    calls it a 'function') that counts how often it is called."""
    calls = [0]

    def counted(x):
        calls[0] += 1
        return func(x)

    counted.__name__ = counted.__qualname__ = name
    counted.calls = calls
    return counted


def _parameters(func):
    try:
        return [p.name for p in inspect.signature(func).parameters.values()]
    except (TypeError, ValueError):
        return None


def _swap_hint(func, fname):
    """A sentence if the student's parameters are f, x, h in another order, else ''."""
    names = _parameters(func)
    if names and len(names) == 3 and sorted(names) == ["f", "h", "x"] and names != ["f", "x", "h"]:
        return (
            f"Swapped arguments: your {fname} takes ({', '.join(names)}), but it is called as "
            f"{fname}(f, x, h), so your parameters receive the wrong numbers. Make the order "
            "(f, x, h)."
        )
    return ""


def _run_cases(func, fname, cases):
    """The student's results on every case, as floats (a Stop verdict names any failure)."""
    results = []
    for name, g, x, h in cases:
        counted = _counted(g, name)
        what = f"{fname}({name}, {x:g}, {h:g})"
        try:
            got = run(func, counted, x, h, what=what)
        except Stop as stop:
            text = stop.verdict.message
            hint = _swap_hint(func, fname)
            if not hint and ("not callable" in text or "unsupported operand" in text):
                hint = (
                    f"The check calls {fname}(f, x, h): the function first, then the point, "
                    "then the step."
                )
            if hint:
                text = f"{text}. {hint}"
            raise Stop(Verdict(False, text)) from None
        value = number(got, f"the slope {what} returns")
        if counted.calls[0] == 0:
            _fail(
                f"{what} never called the function it was given, {name}: your {fname} ignores "
                f"its f argument (does it use the lesson's global f?). Call the f you are "
                "given, so it works for any function."
            )
        results.append(value)
    return results


def _diagnose(func, fname, cases, results, expected, wrongs):
    """Raise Stop with the named mistake behind `results`, or a plain description of the first
    wrong case."""
    for formula, why in wrongs:
        if all(_same(r, _value(formula, g, x, h), 1e-7) for r, (_, g, x, h) in zip(results, cases)):
            _fail(why)
    if (
        all(rounded_version(r, e) or r == e for r, e in zip(results, expected))
        and results != expected
    ):
        _fail(
            f"your {fname} rounds its result (for example {results[0]!r} instead of "
            f"{expected[0]!r}): return the full float; rounding too early throws away the "
            "digits the next step needs."
        )
    # an ignored h: two cases with the same function and point but different h
    for k, (name, g, x, h) in enumerate(cases):
        for m in range(k + 1, len(cases)):
            _n2, g2, x2, h2 = cases[m]
            if (
                g2 is g
                and x2 == x
                and h2 != h
                and results[k] == results[m]
                and not _same(expected[k], expected[m])
            ):
                _fail(
                    f"your {fname} gives {results[k]!r} for both h = {h:g} and h = {h2:g} "
                    f"({name} at x = {x:g}): it ignores its h argument (does it use the global "
                    "h of the notebook?). Use the h it is given."
                )
    swap = _swap_hint(func, fname)
    if swap:
        _fail(swap)
    for r, e, (name, _g, x, h) in zip(results, expected, cases):
        if not _same(r, e):
            _fail(
                f"{fname}({name}, {x:g}, {h:g}) returned {r!r}, but the formula gives {e!r}. "
                "Compare your code with the formula above, one piece at a time."
            )


_FORWARD_WRONGS = [
    (
        lambda g, x, h: g(x + h) - g(x),
        "your forward_diff returns the change f(x + h) − f(x) but forgot to divide by h: the slope "
        "is the change *per unit of x*, so divide the change by the step h.",
    ),
    (
        lambda g, x, h: (g(x) - g(x + h)) / h,
        "your forward_diff has the wrong sign: it computes (f(x) − f(x + h)) / h. Subtract in the "
        "same order on top as below: (f(x + h) − f(x)) / ((x + h) − x).",
    ),
    (
        lambda g, x, h: (g(x) - g(x - h)) / h,
        "your forward_diff is a backward difference, (f(x) − f(x − h)) / h: it steps to the left. "
        "The forward difference steps right, to x + h.",
    ),
    (
        lambda g, x, h: _central(g, x, h),
        "your forward_diff computes a central difference, (f(x + h) − f(x − h)) / (2h): a better "
        "estimate, and exercise 01.2 asks for it, but here write the forward one, "
        "(f(x + h) − f(x)) / h, the lesson's 14.003.",
    ),
    (
        lambda g, x, h: (g(x + h) - g(x)) / (2 * h),
        "your forward_diff divides by 2h; the two points x and x + h are only h apart, so divide "
        "by h.",
    ),
    (
        lambda g, x, h: (g(x + h) - g(x)) * h,
        "your forward_diff multiplies the change by h; divide by it instead.",
    ),
    (
        lambda g, x, h: g(x + h),
        "your forward_diff returns f(x + h), the height of the curve, not its slope: subtract f(x) "
        "and divide by h.",
    ),
    (
        lambda g, x, h: g(x),
        "your forward_diff returns f(x), the height of the curve at x, not its slope.",
    ),
    (
        lambda g, x, h: (g(x + h) - g(h)) / x,
        "your forward_diff mixes up x and h (it computes (f(x + h) − f(h)) / x): swapped arguments. "
        "It is called as forward_diff(f, x, h): the point second, the step third.",
    ),
]

_CENTRAL_WRONGS = [
    (
        lambda g, x, h: (g(x + h) - g(x - h)) / h,
        "your central_diff forgot the 2: the points x − h and x + h are 2h apart, so divide the "
        "change by 2h. Yours is twice the slope.",
    ),
    (
        lambda g, x, h: (g(x + h) - g(x - h)) / 2 * h,
        "your central_diff multiplies by h: Python reads `a / 2 * h` as (a / 2) · h. Write "
        "`/ (2 * h)` with the brackets.",
    ),
    (
        lambda g, x, h: _forward(g, x, h),
        "your central_diff is the forward difference, (f(x + h) − f(x)) / h: it looks only to the "
        "right. Look both ways: (f(x + h) − f(x − h)) / (2h).",
    ),
    (
        lambda g, x, h: (g(x) - g(x - h)) / h,
        "your central_diff is a backward difference, (f(x) − f(x − h)) / h. Use both sides: "
        "(f(x + h) − f(x − h)) / (2h).",
    ),
    (
        lambda g, x, h: g(x + h) - g(x - h),
        "your central_diff returns the change f(x + h) − f(x − h) but forgot to divide it by the "
        "distance 2h between the two points.",
    ),
    (
        lambda g, x, h: (g(x - h) - g(x + h)) / (2 * h),
        "your central_diff has the wrong sign: it computes (f(x − h) − f(x + h)) / (2h). Put the "
        "right point first: (f(x + h) − f(x − h)) / (2h).",
    ),
    (
        lambda g, x, h: (g(x + h) - g(x - h)) * 2 * h,
        "your central_diff multiplies by 2h; divide by it instead.",
    ),
    (
        lambda g, x, h: (g(x + h) - g(h - x)) / (2 * x),
        "your central_diff mixes up x and h: swapped arguments. It is called as "
        "central_diff(f, x, h): the point second, the step third.",
    ),
    (lambda g, x, h: g(x + h), "your central_diff returns f(x + h), a height, not a slope."),
]


def _check_difference(func, fname, cases, exact, wrongs, success):
    results = _run_cases(func, fname, cases)
    expected = [exact(g, x, h) for _, g, x, h in cases]
    if all(_same(r, e) for r, e in zip(results, expected)):
        return Verdict(True, success(results[0]))
    _diagnose(func, fname, cases, results, expected, wrongs)
    return Verdict(False, f"your {fname} does not give the formula's values.")


@check("01.1", "Write the body of forward_diff: the slope of the secant from x to x + h.")
def check_forward_diff(forward_diff):
    """Exercise 01.1: `forward_diff(f, x, h)` returns (f(x + h) − f(x)) / h."""
    if not callable(forward_diff):
        _fail(
            f"check_forward_diff wants your function itself (forward_diff, without brackets), "
            f"got {describe(forward_diff)}."
        )
    return _check_difference(
        forward_diff,
        "forward_diff",
        _FORWARD_CASES,
        _forward,
        _FORWARD_WRONGS,
        lambda first: (
            f"forward_diff(f, 3, 0.001) = {first:.6f}, the lesson's 14.003, and your "
            f"function agrees with (f(x + h) − f(x)) / h on all {len(_FORWARD_CASES)} "
            "test functions and points. It works for any f, not just the parabola."
        ),
    )


@check("01.2", "Write the body of central_diff: a step h to each side of x.")
def check_central_diff(central_diff):
    """Exercise 01.2: `central_diff(f, x, h)` returns (f(x + h) − f(x − h)) / (2h)."""
    if not callable(central_diff):
        _fail(
            f"check_central_diff wants your function itself (central_diff, without brackets), "
            f"got {describe(central_diff)}."
        )
    return _check_difference(
        central_diff,
        "central_diff",
        _CENTRAL_CASES,
        _central,
        _CENTRAL_WRONGS,
        lambda first: (
            f"central_diff(f, 3, 0.001) = {first:.12f}, the exact slope 14 up to "
            f"rounding, and your function agrees with (f(x + h) − f(x − h)) / (2h) on "
            f"all {len(_CENTRAL_CASES)} test cases."
        ),
    )


# ----- 01.3: the best h for the central difference of exp at x = 1 -----

BEST_X = 1.0
CANDIDATES = tuple(10.0**-k for k in range(1, 17))  # h = 0.1, 0.01, ..., 1e-16
FACTOR = 10.0  # an h whose error is within this factor of the best counts as the bottom of the V


def central_error(h, x=BEST_X):
    """How far the central difference of exp at x is from the exact slope e**x, for step h."""
    return abs(_central(math.exp, x, h) - math.exp(x))


def _best():
    errors = {h: central_error(h) for h in CANDIDATES}
    best = min(errors, key=errors.get)
    return errors, best


def _forward_best_exp():
    errors = {h: abs(_forward(math.exp, BEST_X, h) - math.e) for h in CANDIDATES}
    return min(errors, key=errors.get)


def _parabola_best():
    errors = {h: abs(_central(f, 3.0, h) - 14.0) for h in CANDIDATES}
    return min(errors, key=errors.get)


@check(
    "01.3",
    "Compute the error of central_diff(math.exp, 1.0, h) for every h, and pick the smallest.",
)
def check_best_central_h(best_h):
    """Exercise 01.3: the h among 0.1, ..., 1e-16 with the smallest central-difference error
    for exp at x = 1 (any h within a factor 10 of the best error is right)."""
    got = number(best_h, "a step size h")
    errors, best = _best()
    if got == int(got) and 1 <= abs(got) <= 17 and got != 1:
        k = int(abs(got))
        _fail(
            f"{got:g} looks like the exponent, not the step: give h itself, 10.0**-{k} = "
            f"{10.0**-k:.0e}."
        )
    if not 0.0 < got < 1.0:
        _fail(
            f"h = {got!r}: a step size is a small positive number, between 0 and 1 here "
            "(one of 0.1, 0.01, ..., 1e-16, that is 10.0**-k for k from 1 to 16)."
        )
    if (
        got < 1e-9
        and any(abs(got - e) <= 1e-3 * e for e in errors.values())
        and got not in CANDIDATES
    ):
        _fail(
            f"{got:.2e} is an error, not a step: give the h whose error is smallest (the key of "
            "your dictionary, not its value)."
        )
    error = central_error(got)
    trunc = math.e * got**2 / 6
    if error <= FACTOR * errors[best]:
        return Verdict(
            True,
            f"h = {got:.0e} gives an error of {error:.1e}, the bottom of the V "
            f"(the best power of ten is h = {best:.0e}, error {errors[best]:.1e}). "
            "The central difference's truncation error shrinks like h² (about "
            "h²·e/6 here), so it can afford a much larger h than the forward "
            "difference's 1e-8 before rounding takes over, and it ends 100 times "
            "more accurate.",
        )
    if got == _parabola_best() and got > best:
        _fail(
            f"h = {got:.0e} is the best h for the parabola, where the central difference has no "
            "truncation error at all, so only rounding matters. exp bends differently on the two "
            f"sides of x: at h = {got:.0e} its error is {error:.1e}, mostly truncation "
            f"(≈ h²·e/6 = {trunc:.1e}). Make h smaller."
        )
    if got == _forward_best_exp():
        _fail(
            f"h = {got:.0e} is where the FORWARD difference does best, but this exercise "
            f"is about the central difference, whose error at h = {got:.0e} is {error:.1e}, "
            "not its smallest. Did you use forward_diff? Compute the error of central_diff "
            "for every h and pick the h where it is smallest."
        )
    if got > best:
        _fail(
            f"h = {got:.0e} gives an error of {error:.1e}, mostly truncation: the step is so long "
            f"that the curve's bend shows (about h²·e/6 = {trunc:.1e}). Make h smaller."
        )
    _fail(
        f"h = {got:.0e} gives an error of {error:.1e}, mostly rounding: exp(1 + h) and exp(1 − h) "
        "agree in almost every digit, subtracting them leaves mostly rounding noise, and dividing "
        "by a tiny 2h magnifies it. Make h larger."
    )


add_solution(
    "01.1",
    """\
**A forward difference, as a function.** Take the two heights, subtract, and divide by the
step. Use the `f`, `x` and `h` the function is given, never the notebook's globals: then
it works for any function, at any point, with any step. For the lesson's f at x = 3 with
h = 0.001 it gives 14.003.""",
    code="""\
def forward_diff(f, x, h):
    return (f(x + h) - f(x)) / h

check_forward_diff(forward_diff)
""",
)

add_solution(
    "01.2",
    """\
**A central difference.** One step to each side: the two points are 2h apart, so divide
by 2h, with brackets (`/ 2 * h` would multiply by h). For the parabola the bends on the
two sides cancel exactly, so the result is 14 up to rounding.""",
    code="""\
def central_diff(f, x, h):
    return (f(x + h) - f(x - h)) / (2 * h)

check_central_diff(central_diff)
""",
)

add_solution(
    "01.3",
    """\
**The best h for the central difference of exp at x = 1.** Compute the error for every
candidate and take the h with the smallest one. exp is its own derivative, so the exact
slope is e. The truncation error of the central difference is about h²·e/6 (it falls 100
times for every 10 times smaller h); the rounding error is about ε/h. They meet near
∛ε ≈ 6e-6, so the bottom of the V is at h = 1e-5 to 1e-7, with an error near 6e-11:
a much larger h, and a much smaller error, than the forward difference's 1e-8.""",
    code="""\
import math

exact = math.exp(1.0)   # exp is its own derivative, so the exact slope at x = 1 is e
errors = {10.0**-k: abs(central_diff(math.exp, 1.0, 10.0**-k) - exact) for k in range(1, 17)}
best_h = min(errors, key=errors.get)

check_best_central_h(best_h)
""",
)
