"""Lesson 08 checks: derive a local derivative yourself; the check tests it at many points.

A local derivative is a *function* of the inputs, so one right number at one point proves
little. These checks evaluate your answer at several points and compare each with a
central difference, which needs no calculus at all.
"""

import math

from ..engine import Value
from ..numerics import central_difference
from .base import Verdict, add_solution, close

__all__ = ["check_cube_derivative", "check_quotient_derivative"]  # the checks a notebook imports

CUBE_POINTS = (-2.0, -0.5, 0.7, 1.5, 3.0)
QUOTIENT_POINTS = ((2.0, -3.0), (1.0, 4.0), (-1.5, 0.5), (3.0, 2.0), (0.5, -1.25))
QUOTIENT_AT = (2.0, -3.0)  # the point the exercise names when a number is given


def _call(fn, *args):
    """fn(*args) as a float, or (None, reason) if it fails or returns something else."""
    try:
        out = fn(*args)
    except Exception as e:  # the student's code: report, never raise
        return None, f"calling it with {', '.join(map(repr, args))} raised {type(e).__name__}: {e}"
    out = out.data if isinstance(out, Value) else out  # a Value counts as its number
    try:
        if isinstance(out, (str, bytes)):
            raise TypeError
        out = float(out)
    except (TypeError, ValueError):
        return None, f"it returned {type(out).__name__} {out!r}, but a number was expected"
    if not math.isfinite(out):
        return None, f"at {', '.join(map(repr, args))} it returned {out!r}"
    return out, None


def _matches(fn, candidate, points):
    """True if `fn` agrees with `candidate` at every point."""
    for p in points:
        got, _ = _call(fn, *p)
        if got is None or not close(got, candidate(*p), 1e-6):
            return False
    return True


def check_cube_derivative(d_cube):
    """Exercise 08.1: `d_cube(x)` should return d(x**3)/dx, checked at several x."""
    if not callable(d_cube):
        return Verdict(False, f"expected a function of x (def d_cube(x): ...), got "
                              f"{type(d_cube).__name__} {d_cube!r}. A local derivative depends "
                              "on x, so one number cannot be right everywhere.")
    points = [(x,) for x in CUBE_POINTS]
    misconceptions = [
        (lambda x: x**2, "you dropped the exponent: the power rule gives k·x^(k−1), so the 3 "
                         "comes down in front: 3·x²"),
        (lambda x: 3 * x**3, "you brought the 3 down but kept the power: it must drop by one, "
                             "to 3·x²"),
        (lambda x: 3 * x, "the power drops by ONE, from 3 to 2: 3·x², not 3·x"),
        (lambda x: 3 * x**4, "the power drops by one (3 → 2), it does not rise: 3·x²"),
        (lambda x: x**4 / 4, "x⁴/4 is the antiderivative (the integral) of x³, not its derivative"),
    ]
    for wrong, why in misconceptions:
        if _matches(d_cube, wrong, points):
            return Verdict(False, why + ".")
    for (x,) in points:
        got, problem = _call(d_cube, x)
        if problem:
            return Verdict(False, problem + ".")
        numeric = central_difference(lambda t: t**3, x)
        if not close(got, numeric, 1e-5):
            return Verdict(False, f"at x = {x:g} the slope of x³ measured by a central difference "
                                  f"is {numeric:.4f}, and your d_cube gave {got:.4f}.")
    shown = ", ".join(f"x = {x:g}" for (x,) in points)
    return Verdict(True, f"d(x³)/dx = 3·x², matching the measured slope at {shown}.")


def check_quotient_derivative(answer):
    """Exercise 08.2: ∂(a/b)/∂b, as a function of (a, b) or as the number at a = 2, b = −3."""
    right = lambda a, b: -a / b**2
    a0, b0 = QUOTIENT_AT
    if callable(answer):
        misconceptions = [
            (lambda a, b: 1 / b, "1/b is ∂(a/b)/∂a, the derivative for the numerator; for the "
                                 "divisor b, write a/b = a·b⁻¹ and use the power rule on b⁻¹"),
            (lambda a, b: a / b**2, "right size, wrong sign: the power rule on b⁻¹ gives −1·b⁻², "
                                    "so ∂(a/b)/∂b = −a/b²"),
            (lambda a, b: -a / b, "the power rule on b⁻¹ gives −b⁻² (the power drops to −2), so "
                                  "the result is −a/b², not −a/b"),
            (lambda a, b: -1 / b**2, "that is d(1/b)/db; a/b = a·b⁻¹ keeps the factor a: −a/b²"),
        ]
        for wrong, why in misconceptions:
            if _matches(answer, wrong, QUOTIENT_POINTS):
                return Verdict(False, why + ".")
        for a, b in QUOTIENT_POINTS:
            got, problem = _call(answer, a, b)
            if problem:
                return Verdict(False, problem + ".")
            numeric = central_difference(lambda t: a / t, b)
            if not close(got, numeric, 1e-5):
                return Verdict(False, f"at a = {a:g}, b = {b:g} nudging b shows a slope of "
                                      f"{numeric:.4f}; your function gave {got:.4f}.")
        return Verdict(True, f"∂(a/b)/∂b = −a/b², matching the measured slope at "
                             f"{len(QUOTIENT_POINTS)} points.")
    value = answer.data if isinstance(answer, Value) else answer  # a Value counts as its number
    if isinstance(value, (str, bytes, bool)) or not hasattr(value, "__float__"):
        return Verdict(False, f"expected a function of (a, b) or a number, got "
                              f"{type(answer).__name__} {answer!r}.")
    value = float(value)
    if close(value, right(a0, b0)):
        return Verdict(True, f"at a = {a0:g}, b = {b0:g}: −a/b² = −2/9 ≈ {right(a0, b0):.6f}.")
    wrong_numbers = [
        (1 / b0, "that is 1/b, the derivative for the numerator a; for b use −a/b²"),
        (a0 / b0**2, "right size, wrong sign: ∂(a/b)/∂b = −a/b², and here that is negative"),
        (-a0 / b0, "that is −a/b; the power rule on b⁻¹ gives b⁻², so it is −a/b²"),
        (-1 / b0**2, "that is −1/b²; keep the factor a: −a/b²"),
        (a0 / b0, "that is a/b itself, the value, not its slope"),
    ]
    for wrong, why in wrong_numbers:
        if close(value, wrong):
            return Verdict(False, f"you gave {value:.6f}: {why}.")
    return Verdict(False, f"at a = {a0:g}, b = {b0:g} nudging b shows a slope of about "
                          f"{central_difference(lambda t: a0 / t, b0):.6f}; you gave {value:.6f}.")


add_solution("08.1", r"""
**d(x³)/dx = 3x².** The power rule: bring the exponent down in front and lower it by one,
$\frac{d}{dx}x^k = k\,x^{k-1}$. With $k = 3$ that is $3x^2$.

```python
def d_cube(x):
    return 3 * x**2
```

You can see it in the engine: `x ** 3` stores the local derivative `3 * x.data ** 2`.
""")

add_solution("08.2", r"""
**∂(a/b)/∂b = −a/b².** Write the division as a multiplication by a power, $a/b = a\cdot b^{-1}$.
The factor $a$ does not depend on $b$ and stays; the power rule on $b^{-1}$ gives $-1\cdot b^{-2}$.
So $\partial(a/b)/\partial b = -a/b^2$. At $a = 2$, $b = -3$ that is $-2/9 \approx -0.222222$.

```python
def d_div_db(a, b):
    return -a / b**2
```
""")
