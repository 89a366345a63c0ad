"""Lesson 02 checks: your partial derivative by nudging, and the rules applied to a new function.

- 02.1 `check_partial(partial)` runs your `partial(f, inputs, i, h)` on several functions of
  two to four inputs (d = a·b + c at (2, −3, 10) among them: −3, 2, 1) and compares it with
  the forward difference that nudges input i only; it names the usual mistakes (every input
  nudged, the wrong input, no division by h, the caller's list changed, an ignored h).
- 02.2 `check_partials_of_g(dg_da, dg_db)` (transfer): ∂g/∂a and ∂g/∂b of
  g(a, b, c) = a·a·b + c as functions of (a, b, c), compared with the exact partials and the
  numerical ones at several points; names the factor 2 forgotten, the wrong variable, and more.
"""

import math

from ..examples import INPUTS, d_of
from .base import Stop, Verdict, add_solution, check, describe, number, run

__all__ = ["check_partial", "check_partials_of_g", "partial_by_nudging"]  # what a notebook imports


def _fail(message):
    raise Stop(Verdict(False, message))


def _same(a, b, tol=1e-9):
    return abs(a - b) <= tol * max(1.0, abs(b))


def partial_by_nudging(f, inputs, i, h=0.001):
    """The package's version of exercise 02.1: ∂f/∂(input i) by a forward difference,
    nudging input i only (the caller's list is left alone)."""
    nudged = list(inputs)
    nudged[i] = nudged[i] + h
    return (f(*nudged) - f(*inputs)) / h


# ----- 02.1 -----


def g(a, b, c):
    return a * a * b + c


def _p(x, y):
    return x * y * y - 3 * x


def _q(a, b, c, e):
    return a * b - c * e + a


_ABC = (INPUTS["a"], INPUTS["b"], INPUTS["c"])  # the lesson's (2, −3, 10)
# (function name in messages, function, inputs, i, h); the first three are the lesson's d
_CASES = (
    ("d_of", d_of, _ABC, 0, 0.001),
    ("d_of", d_of, _ABC, 1, 0.001),
    ("d_of", d_of, _ABC, 2, 0.001),
    ("g", g, (3.0, -2.0, 5.0), 0, 0.001),
    ("g", g, (3.0, -2.0, 5.0), 0, 0.1),
    ("p", _p, (1.5, 2.0), 1, 0.01),
    ("q", _q, (1.0, -2.0, 0.5, 3.0), 3, 0.1),
    ("q", _q, (1.0, -2.0, 0.5, 3.0), 0, 0.01),
)


def _all_nudged(fn, inputs, i, h):
    return (fn(*[v + h for v in inputs]) - fn(*inputs)) / h


def _nudge_other(shift):
    def wrong(fn, inputs, i, h):
        j = i + shift
        if not 0 <= j < len(inputs) and shift > 0:
            return math.nan
        return partial_by_nudging(fn, inputs, j % len(inputs), h)

    return wrong


_WRONGS = [
    (
        _all_nudged,
        "your partial nudges every input at once, so it measures how d moves when all "
        "of them move. A partial derivative nudges input i only and holds the others "
        "still: add h to inputs[i] alone.",
    ),
    (
        _nudge_other(1),
        "your partial nudges the input after input i (off by one): Python counts "
        "from 0, so inputs[0] is the first input, a. Nudge inputs[i].",
    ),
    (
        _nudge_other(-1),
        "your partial nudges the input before input i (off by one: inputs[i - 1]). "
        "Python counts from 0, so input i is inputs[i] itself.",
    ),
    (
        lambda fn, inputs, i, h: h * partial_by_nudging(fn, inputs, i, h),
        "your partial returns the change in the output but forgot to divide by h: the partial is "
        "the change *per unit* of the input.",
    ),
    (
        lambda fn, inputs, i, h: -partial_by_nudging(fn, inputs, i, h),
        "your partial has the wrong sign: subtract the output before the nudge from the output "
        "after it, f(nudged) − f(inputs).",
    ),
    (
        lambda fn, inputs, i, h: partial_by_nudging(fn, inputs, i, h) / 2,
        "your partial divides by 2h; the nudge is h, so divide by h.",
    ),
    (
        lambda fn, inputs, i, h: (
            (partial_by_nudging(fn, inputs, i, h) + partial_by_nudging(fn, inputs, i, -h)) / 2
        ),
        "your partial is a central difference (a step each way). It is a fine estimate, but this "
        "exercise asks for the forward difference of the lesson, one nudge up: "
        "(f(nudged) − f(inputs)) / h, so its numbers match the lesson's.",
    ),
    (
        lambda fn, inputs, i, h: fn(*[v + (h if k == i else 0.0) for k, v in enumerate(inputs)]),
        "your partial returns the output after the nudge, not how fast it changes: subtract the "
        "output before the nudge and divide by h.",
    ),
]


@check(
    "02.1",
    "Write the body of partial: copy the inputs, nudge input i by h, and compare the outputs.",
)
def check_partial(partial):
    """Exercise 02.1: `partial(f, inputs, i, h)`, the forward difference nudging input i only."""
    if not callable(partial):
        _fail(
            f"check_partial wants your function itself (partial, without brackets), got "
            f"{describe(partial)}."
        )
    results, expected = [], []
    for name, fn, inputs, i, h in _CASES:
        given = list(inputs)
        what = f"partial({name}, {given}, {i}, {h:g})"
        try:
            got = run(partial, fn, given, i, h, what=what)
        except Stop as stop:
            text = stop.verdict.message
            if "positional argument" in text:
                text += (
                    f". The check's {name} takes its inputs one by one, {name}(a, b, ...): "
                    f"call it as f(*inputs), which unpacks the list into separate inputs."
                )
            elif "IndexError" in text:
                text += (
                    f". The list has {len(given)} inputs, numbered 0 to {len(given) - 1}: "
                    "input i is inputs[i], with no +1 or −1."
                )
            raise Stop(Verdict(False, text)) from None
        if given != list(inputs):
            tiny = all(abs(a - b) < 1e-9 for a, b in zip(given, inputs))
            _fail(
                f"{what} changed the caller's list: it was {list(inputs)} and is now {given}. "
                + ("You nudged it and nudged it back, but rounding left a trace. " if tiny else "")
                + "Nudge a copy instead (nudged = list(inputs)), so the caller's numbers stay "
                "as they were."
            )
        results.append(number(got, f"the partial {what} returns"))
        expected.append(partial_by_nudging(fn, inputs, i, h))
    if all(_same(r, e) for r, e in zip(results, expected)):
        d = ", ".join(f"{r:.4f}" for r in results[:3])
        return Verdict(
            True,
            f"for d = a·b + c at (2, −3, 10) your partial gives {d} (about −3, 2 "
            f"and 1, the rules' b, a and 1), and it agrees with nudging one input "
            f"on all {len(_CASES)} test cases, for functions of 2 to 4 inputs.",
        )
    for wrong, why in _WRONGS:
        values = []
        for _, fn, inputs, i, h in _CASES:
            try:
                values.append(wrong(fn, inputs, i, h))
            except (ArithmeticError, IndexError, ValueError):
                values.append(math.nan)
        if all(_same(r, v, 1e-7) for r, v in zip(results, values)):
            _fail(why)
    for k, (_name, fn, inputs, i, h) in enumerate(_CASES):
        for m in range(k + 1, len(_CASES)):
            _n2, fn2, in2, i2, h2 = _CASES[m]
            if (
                fn2 is fn
                and in2 == inputs
                and i2 == i
                and results[k] == results[m]
                and not _same(expected[k], expected[m])
            ):
                _fail(
                    f"your partial gives {results[k]!r} for both h = {h:g} and h = {h2:g}: it "
                    "ignores its h argument (does it use the notebook's h?). Use the h it is given."
                )
    for r, e, (name, _fn, inputs, i, h) in zip(results, expected, _CASES):
        if not _same(r, e):
            _fail(
                f"partial({name}, {list(inputs)}, {i}, {h:g}) returned {r!r}; nudging input {i} "
                f"alone by {h:g} gives {e!r}."
            )
    return Verdict(False, "your partial does not give the forward difference's values.")


# ----- 02.2: the partials of g(a, b, c) = a·a·b + c -----

POINTS = ((3.0, -2.0, 5.0), (1.0, 4.0, 0.0), (-1.5, 0.5, 2.0), (2.5, 3.0, -1.0), (0.5, -1.25, 7.0))


def true_dg_da(a, b, c):
    return 2 * a * b


def true_dg_db(a, b, c):
    return a * a


_WRONG_A = [
    (
        lambda a, b, c: a * b,
        "forgot the factor 2 from a·a: a appears twice, and each a "
        "contributes the rest of the product, a·b, so the two add up",
    ),
    (
        lambda a, b, c: 2 * a,
        "dropped the factor b: while a moves, b is a constant that multiplies everything",
    ),
    (lambda a, b, c: a * a, "computes a·a, which is ∂g/∂b: the wrong variable"),
    (lambda a, b, c: 1.0, "returns 1, which is ∂g/∂c: the wrong variable"),
    (lambda a, b, c: b, "returns b, the partial of a·b from the lesson; here a appears twice"),
    (
        lambda a, b, c: 2 * a * b + c,
        "kept the c: c does not move when a moves, so its term drops out",
    ),
    (g, "returns g itself, the output, not how fast it changes"),
]
_WRONG_B = [
    (lambda a, b, c: 2 * a * b, "computes 2ab, which is ∂g/∂a: the wrong variable"),
    (
        lambda a, b, c: a,
        "kept only one a: b is multiplied by a·a, so a nudge of b changes g by a·a",
    ),
    (
        lambda a, b, c: 2 * a,
        "differentiated a·a; but it is b that moves, and a·a is the constant that multiplies it",
    ),
    (lambda a, b, c: 1.0, "returns 1, which is ∂g/∂c: the wrong variable"),
    (lambda a, b, c: a * a * b, "returns the term a·a·b itself, not how fast it changes with b"),
    (lambda a, b, c: a * a + c, "kept the c: c does not move when b moves, so its term drops out"),
    (g, "returns g itself, the output, not how fast it changes"),
]


def _values(func, name):
    out = []
    for a, b, c in POINTS:
        what = f"{name}({a:g}, {b:g}, {c:g})"
        try:
            got = run(func, a, b, c, what=what)
        except Stop as stop:
            text = stop.verdict.message
            if "positional argument" in text:
                text += f". Give {name} three parameters, (a, b, c), even if it does not use all of them."
            raise Stop(Verdict(False, text)) from None
        out.append(number(got, f"the partial {what} returns"))
    return out


def _numeric(which, a, b, c, h=0.001):
    return partial_by_nudging(g, (a, b, c), which, h)


def _judge(values, right, wrongs, name, which):
    """A sentence about what is wrong with one of the two functions, or None if it is right."""
    if all(_same(v, right(*p)) for v, p in zip(values, POINTS)):
        return None
    for wrong, why in wrongs:
        if all(_same(v, wrong(*p)) for v, p in zip(values, POINTS)):
            return f"your {name} {why}."
    for v, p in zip(values, POINTS):
        if not _same(v, right(*p)):
            return (
                f"At (a, b, c) = ({p[0]:g}, {p[1]:g}, {p[2]:g}) your {name} gives {v:g}, but "
                f"nudging {which} by 0.001 changes g by {_numeric('ab'.index(which), *p):.4f} "
                f"per unit. Treat the other inputs as constants and differentiate a·a·b + c."
            )
    return None


@check("02.2", "Write dg_da and dg_db as formulas in a, b and c.")
def check_partials_of_g(dg_da, dg_db):
    """Exercise 02.2: ∂g/∂a and ∂g/∂b of g = a·a·b + c, each a function of (a, b, c)."""
    for func, name in ((dg_da, "dg_da"), (dg_db, "dg_db")):
        if not callable(func):
            _fail(
                f"{name} should be a function of (a, b, c) that works at any point, got "
                f"{describe(func)}. Write def {name}(a, b, c): return <a formula>."
            )
    va, vb = _values(dg_da, "dg_da"), _values(dg_db, "dg_db")
    if all(_same(v, true_dg_db(*p)) for v, p in zip(va, POINTS)) and all(
        _same(v, true_dg_da(*p)) for v, p in zip(vb, POINTS)
    ):
        _fail("you swapped them: your dg_da gives ∂g/∂b and your dg_db gives ∂g/∂a.")
    problems = [
        p
        for p in (
            _judge(va, true_dg_da, _WRONG_A, "dg_da", "a"),
            _judge(vb, true_dg_db, _WRONG_B, "dg_db", "b"),
        )
        if p
    ]
    if problems:
        _fail(" ".join(problems))
    a, b, c = POINTS[0]
    return Verdict(
        True,
        f"∂g/∂a = 2ab and ∂g/∂b = a·a, right at all {len(POINTS)} test points. At "
        f"(3, −2, 5) they give {true_dg_da(a, b, c):g} and {true_dg_db(a, b, c):g}; "
        f"nudging by 0.001 gives {_numeric(0, a, b, c):.4f} and "
        f"{_numeric(1, a, b, c):.4f}. g curves in a, so nudging a is off by b·h = "
        f"{b * 0.001:g}; in b it is a straight line, so nudging b is exact up to "
        "rounding.",
    )


add_solution(
    "02.1",
    """\
**A partial derivative by nudging one input.** Copy the list (so the caller's numbers stay
as they were), add h to entry i only, and divide the change in the output by h.
`f(*nudged)` unpacks the list into separate inputs. For d = a·b + c at (2, −3, 10) it gives
about −3, 2 and 1 for i = 0, 1, 2.""",
    code="""\
def partial(f, inputs, i, h):
    nudged = list(inputs)
    nudged[i] = nudged[i] + h
    return (f(*nudged) - f(*inputs)) / h

check_partial(partial)
""",
)

add_solution(
    "02.2",
    """\
**The partials of g = a·a·b + c.** While a moves, b and c are constants, so g = b·a² + c
and ∂g/∂a = 2ab: a appears twice, and each a contributes a·b. While b moves, a·a is a
constant factor, so ∂g/∂b = a·a. The c term never moves with a or b. At (3, −2, 5) that is
−12 and 9; nudging gives about −12.002 and 9.""",
    code="""\
def dg_da(a, b, c):
    return 2 * a * b

def dg_db(a, b, c):
    return a * a

check_partials_of_g(dg_da, dg_db)
""",
)
