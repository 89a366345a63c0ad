"""Lesson 02 check: one partial derivative of a new expression, by experiment and by the rules.

g(a, b, c) = a·a·b + c at a = 3, b = −2, c = 5 (so g = −13). The exercise asks for ∂g/∂a:
numerically (nudge a, hold b and c still) and analytically (∂g/∂a = 2ab = −12).
"""

import math

from .base import Verdict, add_solution, close

__all__ = ["check_partial"]  # the checks a notebook imports

A, B, C = 3.0, -2.0, 5.0
POINTS = ((3.0, -2.0, 5.0), (1.0, 4.0, 0.0), (-1.5, 0.5, 2.0), (2.5, 3.0, -1.0), (0.5, -1.25, 7.0))
NUMERIC_TOL = 0.01  # a forward difference with h = 0.001 is off by |b|·h = 0.002


def g(a, b, c):
    return a * a * b + c


def dg_da(a, b, c):
    return 2 * a * b


def _as_float(x):
    if isinstance(x, bool):
        return None
    if hasattr(x, "op") and hasattr(x, "data"):
        x = x.data  # a Value counts as its number
    try:
        x = float(x)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def _call(fn, a, b, c):
    """fn(a, b, c), or fn(a, b) if it takes two inputs; None if it fails."""
    for args in ((a, b, c), (a, b)):
        try:
            return _as_float(fn(*args))
        except TypeError:
            continue
        except Exception:
            return None
    return None


# Wrong ideas about ∂g/∂a, each a function of (a, b, c), and what to say about it.
_WRONG = [
    (lambda a, b, c: a * b, "you differentiated only one of the two a's in a·a·b. Each a "
                            "contributes a·b, so ∂g/∂a = a·b + a·b = 2ab (like d(a²)/da = 2a)"),
    (lambda a, b, c: 2 * a, "you dropped the factor b: while a moves, b is a constant that "
                            "multiplies everything, so ∂g/∂a = 2a·b"),
    (lambda a, b, c: a * a, "a·a = a² is ∂g/∂b (nudge b, and g moves by a² per unit); the task "
                            "asks for ∂g/∂a"),
    (lambda a, b, c: 1.0, "1 is ∂g/∂c; the task asks for ∂g/∂a"),
    (lambda a, b, c: g(a, b, c), "that is g itself, the output, not how fast it changes with a"),
    (lambda a, b, c: b, "b is ∂(a·b)/∂a from the lesson; here a appears twice, so ∂g/∂a = 2ab"),
]


def _diagnose_number(got, where):
    """Name the misconception behind a wrong number at the exercise's point, if we know it."""
    for wrong, why in _WRONG:
        if close(got, wrong(A, B, C), 1e-6):
            return f"{where} {got:g}: {why}."
    return None


def check_partial(numerical, analytic):
    """Exercise 02.1: ∂g/∂a at a = 3, b = −2, c = 5, numerically and analytically.

    `numerical`: a number from a finite difference. `analytic`: the exact number,
    or a function of (a, b, c) (or of (a, b)) giving ∂g/∂a anywhere.
    """
    exact = dg_da(A, B, C)
    problems = []
    num = _as_float(numerical)
    if num is None:
        problems.append(f"`numerical` should be a number, got {type(numerical).__name__} "
                        f"{numerical!r}.")
    elif abs(num - exact) > NUMERIC_TOL:
        h = 0.001
        why = _diagnose_number(num, "`numerical` is")
        if close(num, g(A + h, B, C) - g(A, B, C), 1e-6):
            why = (f"`numerical` is {num:g}, the change in g; divide it by h to get the change "
                   "per unit of a.")
        elif close(num, (g(A, B + h, C) - g(A, B, C)) / h, 1e-6):
            why = f"`numerical` is {num:g}: you nudged b; nudge a and hold b and c still."
        problems.append(why or f"`numerical` is {num:g}; nudge a by a small h (0.001), keep b and c, "
                               "and compute (g(a + h, b, c) − g(a, b, c)) / h.")
    if callable(analytic):
        wrong_fn = None
        for point in POINTS:
            got = _call(analytic, *point)
            if got is None:
                problems.append("`analytic` is a function, but calling it with (a, b, c) numbers "
                                "failed or did not return a number.")
                break
            if not close(got, dg_da(*point), 1e-9):
                wrong_fn = point
                break
        if wrong_fn is not None:
            for wrong, why in _WRONG:
                if all(close(_call(analytic, *p) or math.nan, wrong(*p), 1e-9) for p in POINTS):
                    problems.append(f"your `analytic` function computes the wrong thing: {why}.")
                    break
            else:
                p = wrong_fn
                problems.append(f"your `analytic` function gives {_call(analytic, *p):g} at "
                                f"a, b, c = {p}, where ∂g/∂a = 2ab = {dg_da(*p):g}.")
    else:
        ana = _as_float(analytic)
        if ana is None:
            problems.append(f"`analytic` should be a number (or a function of a, b, c), got "
                            f"{type(analytic).__name__} {analytic!r}.")
        elif not close(ana, exact, 1e-9):
            problems.append(_diagnose_number(ana, "`analytic` is") or
                            f"`analytic` is {ana:g}. Treat b and c as constants and differentiate "
                            "a·a·b with respect to a.")
    if problems:
        return Verdict(False, " ".join(problems))
    return Verdict(True, f"∂g/∂a = 2ab = {exact:g} at a = 3, b = −2, and your finite difference "
                         f"{num:.4f} agrees to within {abs(num - exact):.0e}. Nudge a up by a "
                         "little and g goes down 12 times as much.")


add_solution("02.1", """\
**∂g/∂a for g = a·a·b + c at a = 3, b = −2, c = 5.**

*Numerically*: nudge only a, and divide the change in g by the nudge.

```python
h = 0.001
numerical = (g(3 + h, -2, 5) - g(3, -2, 5)) / h   # -12.002
```

*Analytically*: b and c are constants while a moves, so g = b·a² + c, and
d(b·a²)/da = b·2a. The c term does not change at all.

```python
analytic = 2 * 3 * -2   # -12, or as a function: lambda a, b, c: 2 * a * b
```

The finite difference is off by b·h = −0.002: its error shrinks as h does.
""")
