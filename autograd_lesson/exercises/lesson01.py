"""Lesson 01 checks: a slope by forward difference, and the step h that estimates it best.

f(x) = 3x² − 4x + 5 throughout; its exact slope is f'(x) = 6x − 4.
"""

import math

from .base import Verdict, add_solution, close

__all__ = ["check_slope", "check_best_h"]  # the checks a notebook imports


def f(x):
    return 3 * x**2 - 4 * x + 5


def df(x):
    return 6 * x - 4


SLOPE_X = 1.0  # exercise 01.1: the slope at x = 1 ...
SLOPE_H = 0.001  # ... by a forward difference with h = 0.001
BEST_H_X = 3.0  # exercise 01.2: the best h for the forward difference at x = 3
CANDIDATES = tuple(10.0**-k for k in range(1, 17))  # h = 0.1, 0.01, ..., 1e-16


def _number(answer, what):
    """`answer` as a float, or a Verdict that says what type was expected."""
    if hasattr(answer, "op") and hasattr(answer, "data"):
        answer = answer.data  # a Value counts as its number
    if isinstance(answer, bool) or not isinstance(answer, (int, float)) and not hasattr(answer, "__float__"):
        return None, Verdict(False, f"expected {what} (a number such as 2.5), got "
                                    f"{type(answer).__name__} {answer!r}.")
    try:
        x = float(answer)
    except (TypeError, ValueError):
        return None, Verdict(False, f"expected {what}, got {answer!r}, which is not a number.")
    if not math.isfinite(x):
        return None, Verdict(False, f"your answer is {x!r}; {what} is a finite number.")
    return x, None


def check_slope(slope):
    """Exercise 01.1: the slope of f at x = 1 by a forward difference with h = 0.001."""
    x, h = SLOPE_X, SLOPE_H
    got, problem = _number(slope, "the slope")
    if problem is not None:
        return problem
    expected = (f(x + h) - f(x)) / h  # 2.003
    if close(got, expected, 1e-6):
        return Verdict(True, f"the forward difference (f(1.001) − f(1)) / 0.001 = {got:.4f}. "
                             f"The exact slope is 6·1 − 4 = 2; the extra {expected - df(x):.4f} "
                             "is the forward difference's error, about 3h.")
    if close(got, df(x), 1e-6):
        return Verdict(True, f"{got:.4f} is the exact slope 6x − 4 at x = 1 (or a central "
                             f"difference, which is exact for a parabola). The forward difference "
                             f"asked for gives {expected:.4f}: close, with an error of about 3h.")
    wrongs = [
        (f(x), f"{got:.4f} is f(1), the height of the curve, not its slope. The slope is how much "
               "f changes per unit of x: (f(x + h) − f(x)) / h."),
        (f(x + h) - f(x), f"{got:.6f} is the change f(1.001) − f(1); divide it by h = 0.001 to get "
                          "a change *per unit of x*."),
        (-expected, f"{got:.4f} has the wrong sign: subtract in the same order on top and below, "
                    "(f(x + h) − f(x)) / ((x + h) − x)."),
        ((f(x + h) - f(x)) * h, "you multiplied the change by h; divide by it instead: "
                                "(f(x + h) − f(x)) / h."),
        ((f(3 + h) - f(3)) / h, f"{got:.4f} is the slope at x = 3 from the lesson; this exercise "
                                "asks for x = 1."),
        ((f(x) - f(x - h)) / h, f"{got:.4f} is a backward difference (f(1) − f(0.999)) / h; "
                                "the task asks you to step forward, to x + h."),
        (6 * x, f"{got:.4f} is 6x: you differentiated 3x² but dropped the −4x term (its slope is −4)."),
    ]
    for value, why in wrongs:
        if close(got, value, 1e-6):
            return Verdict(False, why)
    return Verdict(False, f"you gave {got!r}, but the forward difference at x = 1 with h = 0.001 "
                          "is not that. Compute (f(1 + 0.001) − f(1)) / 0.001 with the lesson's f.")


def forward_error(h, x=BEST_H_X):
    """How far the forward difference at x is from the exact slope, for step h."""
    return abs((f(x + h) - f(x)) / h - df(x))


def check_best_h(best_h):
    """Exercise 01.2: the h among 0.1, 0.01, ..., 1e-16 with the smallest forward-difference error."""
    got, problem = _number(best_h, "a step size h")
    if problem is not None:
        return problem
    if not 0.0 < got < 1.0:
        return Verdict(False, f"h = {got!r}: a step size is a small positive number, between 0 and 1 "
                              "here (try 10.0**-k for k from 1 to 16).")
    errors = {h: forward_error(h) for h in CANDIDATES}
    best = min(errors, key=errors.get)
    error = forward_error(got)
    if error <= 1.5 * errors[best]:
        return Verdict(True, f"h = {got:.0e} gives an error of {error:.1e}, the bottom of the V "
                             f"(the best power of ten is h = {best:.0e}). Larger h: the curve bends "
                             "away from the secant; smaller h: rounding swamps the difference.")
    if got > best:
        return Verdict(False, f"h = {got:.0e} gives an error of {error:.1e}, mostly truncation: the "
                              "secant is too long and the curve bends away from it (error ≈ 3h). "
                              "Make h smaller.")
    return Verdict(False, f"h = {got:.0e} gives an error of {error:.1e}, mostly rounding: f(x + h) "
                          "and f(x) agree in almost every digit, and subtracting them leaves mostly "
                          "rounding noise, which dividing by h magnifies. Make h larger.")


add_solution("01.1", """\
**The slope at x = 1 by a forward difference.** Evaluate f just to the right of 1 and at 1,
and divide the change by the step:

```python
h = 0.001
slope = (f(1 + h) - f(1)) / h   # (4.002003 - 4) / 0.001 = 2.003
```

The exact slope is f'(1) = 6·1 − 4 = 2. The forward difference is 0.003 too high because
the parabola bends upwards: for f = 3x² − 4x + 5 its error is exactly 3h.
""")

add_solution("01.2", """\
**The best h.** Compute the error for every candidate and take the smallest:

```python
errors = {10.0**-k: abs((f(3 + 10.0**-k) - f(3)) / 10.0**-k - 14) for k in range(1, 17)}
best_h = min(errors, key=errors.get)   # 1e-08
```

Two errors pull in opposite directions. The *truncation* error (the secant is not the
tangent) shrinks like h. The *rounding* error grows like ε/h, where ε ≈ 2.2e-16 is the
spacing of floats near 1: f(x + h) − f(x) loses digits as the two numbers get closer.
The total is smallest where the two meet, near h ≈ √ε ≈ 1e-8.
""")
