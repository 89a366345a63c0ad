"""Lesson 10 checks: the descent loop on one reused leaf, and a learning rate read off a plot.

10.1 runs your `descend(f, a, rate, steps)` on fresh leaves and compares its path with
the reference and with the classic broken loops (no zero_grad, the wrong sign, a
derivative typed in by hand, a slope estimated by nudging f, one step too few or too
many, new leaves every step).
10.2 runs ten steps on the steep valley g(a) = 3a² − 30a + 78 with your learning rate.
"""

import math

from ..engine import Value
from . import base
from .base import Stop, Verdict, add_solution, apart, check, number, run

__all__ = ["check_descend", "check_learning_rate"]  # the checks a notebook imports


# ----- the reference loop (the cells after exercise 10.1 use it until yours passes) -----


def descend(f, a, rate, steps):
    """Gradient descent on f from the leaf Value a: a.data moves in place; returns the
    path [a0, a1, ..., a_steps] as numbers."""
    path = [a.data]
    for _ in range(steps):
        a.zero_grad()
        f(a).backward()
        a.data -= rate * a.grad
        path.append(a.data)
    return path


def lesson_f(a):
    return a**2 - 10 * a + 28


def _lesson_df(a):
    return 2 * a - 10


def quartic(a):
    """The second function the check tries: a⁴ − 3a (so a derivative typed in shows)."""
    return a * a * a * a - 3 * a


def _quartic_df(a):
    return 4 * a**3 - 3


# A loop that estimates the slope by nudging f, (f(a + h) − f(a − h)) / 2h, walks the first
# two paths as well as backward() does. The third f tells them apart: it is one operation
# (like 09.1's tanh) whose forward is the lesson's f, but whose stored local derivative is
# deliberately a − 5, half the slope of that forward. backward() follows what the graph
# stores, nudging follows the forward, for any h: from a = 6 the paths part at once
# (5.9 against 5.8).
def marked(a):
    """a² − 10a + 28, with the local derivative a − 5 stored in its graph."""
    if not isinstance(a, Value):  # a nudging loop may call f on plain numbers
        return lesson_f(a)
    return Value(lesson_f(a.data), (a,), "f", local_grads=(a.data - 5.0,))


def _marked_df(a):
    return a - 5.0


# (what the check calls, the derivative for the float replays, its description)
CASES = [
    (lesson_f, _lesson_df, 6.0, 0.1, 20, "f(a) = a² − 10a + 28 from a = 6, rate 0.1, 20 steps"),
    (quartic, _quartic_df, 1.5, 0.02, 10, "a⁴ − 3a from a = 1.5, rate 0.02, 10 steps"),
    (
        marked,
        _marked_df,
        6.0,
        0.1,
        10,
        "the check's own f, whose graph stores the slope a − 5, from a = 6, rate 0.1, 10 steps",
    ),
]


def _replay(df, a0, rate, steps, sign=-1.0, accumulate=False):
    """The path of a loop with plain floats: `sign` +1 climbs, `accumulate` never zeroes."""
    path, a, grad = [a0], a0, 0.0
    for _ in range(steps):
        grad = grad + df(a) if accumulate else df(a)
        a = a + sign * rate * grad
        path.append(a)
    return path


def _same(got, want, tol=1e-9):
    return len(got) == len(want) and all(
        abs(g - w) <= tol * max(1.0, abs(w)) for g, w in zip(got, want)
    )


def _numbers(result, what):
    """The student's returned path as a list of floats, or Stop with what is wrong with it."""
    if result is None:
        raise Stop(
            Verdict(
                False,
                f"{what} returned None: did you forget `return path`? It should "
                "return the list of positions [a0, a1, ..., a_steps].",
            )
        )
    if (
        base.is_value(result)
        or isinstance(result, (int, float))
        or type(result).__name__.startswith("float")
    ):
        return None  # a single number: the caller says what to do
    if isinstance(result, (str, bytes, dict, set)) or not hasattr(result, "__iter__"):
        raise Stop(
            Verdict(
                False,
                f"{what} returned {base.describe(result)}; it should return the "
                "list of positions [a0, a1, ..., a_steps], as numbers.",
            )
        )
    items = list(result)
    values = [x for x in items if base.is_value(x)]
    if len(values) == len(items) > 1 and len({id(v) for v in values}) == 1:
        raise Stop(
            Verdict(
                False,
                f"{what} returned a list holding the same Value {len(items)} times: "
                "it is the one leaf, which moves in place, so every entry shows where "
                "it ended. Record the number a.data at each step, not a itself.",
            )
        )
    numbers = []
    for k, x in enumerate(items):
        if base.is_value(x):
            x = x.data
        try:
            value = float(x)
        except Exception:
            value = None
        if value is not None and not math.isfinite(value):
            raise Stop(
                Verdict(
                    False,
                    f"position {k} of your path is {value!r}: the iterates grew until "
                    "they overflowed. That is what a diverging rate does; with these "
                    "small rates it means each step goes the wrong way or too far "
                    "(check the sign, and that a.grad is zeroed each step).",
                )
            )
        numbers.append(number(x, f"position {k} of the path"))
    return numbers


def _call(func, f, a, rate, steps):
    what = f"descend(f, a, {rate:g}, {steps})"
    try:
        return run(func, f, a, rate, steps, what=what, limit=base.TIME_LIMIT), what
    except Stop as stop:
        message = stop.verdict.message
        if "OverflowError" in message or "NaN" in message or "finite" in message:
            raise Stop(
                Verdict(
                    False,
                    f"{message} Your iterates blew up: that is what a diverging rate "
                    "does, but these rates are small, so your steps go the wrong way "
                    "or grow (check the sign, and zero a.grad each step).",
                )
            ) from None
        raise


@check(
    "10.1",
    "Each step zeroes a.grad, calls f(a).backward() and moves a.data against a.grad; "
    "record a.data after every step.",
)
def check_descend(descend):
    """Exercise 10.1: `descend(f, a, rate, steps)` moves the leaf `a` in place."""
    for k, (f, df, a0, rate, steps, where) in enumerate(CASES):
        a = Value(a0, label="a")
        result, what = _call(descend, f, a, rate, steps)
        want = _replay(df, a0, rate, steps)
        got = _numbers(result, what)
        if got is None:  # one number
            final = number(result, "the final a")
            if abs(final - want[-1]) <= 1e-9 * max(1.0, abs(want[-1])):
                raise Stop(
                    Verdict(
                        False,
                        f"{what} returned the final a = {final:.6f}, which is right, but "
                        "the cells below draw the whole path: return the list "
                        "[a0, a1, ..., a_steps].",
                    )
                )
            raise Stop(
                Verdict(
                    False,
                    f"{what} returned one number, {final:g}; it should return the list of "
                    f"positions [a0, a1, ..., a_steps] (for {where}, ending at {want[-1]:.6f}).",
                )
            )
        if _same(got, want):
            if abs(a.data - want[-1]) > 1e-9 * max(1.0, abs(want[-1])):
                raise Stop(
                    Verdict(
                        False,
                        f"your path is right, but the leaf a you were given still holds "
                        f"{a.data:g}: you made a new Value each step. Move the one leaf "
                        "in place (a.data -= ...), as training moves a network's weights, "
                        "and zero its grad each step.",
                    )
                )
            continue
        if k == 2 and _same(got, _replay(_lesson_df, a0, rate, steps), 1e-3):
            raise Stop(
                Verdict(
                    False,
                    "your loop estimates the slope by nudging f, as in (f(a + h) − f(a − h)) / 2h; "
                    "this lesson's step takes it from backward(): call f(a).backward(), then "
                    "step with a.grad. (The check told them apart with an f whose graph stores "
                    "a slope, a − 5, that is not the slope of its numbers.)",
                )
            )
        if k == 1 and _same(got, _replay(_lesson_df, a0, rate, steps)):
            raise Stop(
                Verdict(
                    False,
                    f"on {where} your loop steps as if the derivative were 2a − 10: you "
                    "typed the lesson's derivative in. Let f(a).backward() compute it, "
                    "so descend works for any f.",
                )
            )
        if k == 1 and _same(got, _replay(df, a0, 0.1, steps)):
            raise Stop(
                Verdict(
                    False,
                    f"on {where} your loop steps with rate 0.1, not the rate it was given: "
                    "use the argument `rate`, not a number typed in.",
                )
            )
        if len(got) == steps and _same(got, want[1:]):
            raise Stop(
                Verdict(
                    False,
                    f"your path for {where} starts at a1 = {got[0]:g}: put the start "
                    f"a0 = {a0:g} first, so the list has steps + 1 = {steps + 1} entries.",
                )
            )
        if len(got) == steps and _same(got, want[:-1]):
            raise Stop(
                Verdict(
                    False,
                    f"your path for {where} has {steps} entries and stops one step short: "
                    f"take all {steps} steps, so the list holds a0 and {steps} iterates.",
                )
            )
        if len(got) == steps + 2 and _same(got, _replay(df, a0, rate, steps + 1)):
            raise Stop(
                Verdict(
                    False,
                    f"your path for {where} takes one step too many ({steps + 1}): loop "
                    f"exactly {steps} times (range(steps)).",
                )
            )
        if _same(got, _replay(df, a0, rate, steps, accumulate=True)):
            raise Stop(
                Verdict(
                    False,
                    "you forgot to zero the grad: backward() ADDS to a.grad (lesson 07), "
                    "so each step uses the sum of all the slopes so far, and a swings "
                    "around the minimum instead of settling. Call a.zero_grad() (or set "
                    "a.grad = 0.0) before each backward().",
                )
            )
        if _same(got, _replay(df, a0, rate, steps, sign=1.0)):
            raise Stop(
                Verdict(
                    False,
                    "your a climbs: that is gradient ASCENT. The gradient points uphill, "
                    "so descent subtracts it: a.data -= rate * a.grad.",
                )
            )
        if _same(got, _replay(df, a0, rate, steps, sign=1.0, accumulate=True)):
            raise Stop(
                Verdict(
                    False,
                    "two problems: a moves UP the slope (subtract rate * a.grad), and "
                    "a.grad is never zeroed, so the slopes pile up.",
                )
            )
        if len(got) > 1 and all(x == got[0] for x in got):
            raise Stop(
                Verdict(
                    False,
                    f"a never moves (every position is {got[0]:g}): when you update, "
                    "a.grad is 0. Call f(a).backward() before the update, and zero the "
                    "grad before backward, not between backward and the update.",
                )
            )
        if len(got) != steps + 1:
            raise Stop(
                Verdict(
                    False,
                    f"your path for {where} has {len(got)} entries; it should have "
                    f"steps + 1 = {steps + 1}: a0 and then one position per step.",
                )
            )
        if _same(got, want, 1e-3):
            raise Stop(
                Verdict(
                    False,
                    f"for {where}, your path stays close to the right one, but not on it: "
                    "that is what a slope estimated by nudging f gives, or numbers rounded "
                    "along the way. This lesson's step takes the exact slope from backward(): "
                    "f(a).backward(), then a.data -= rate * a.grad.",
                )
            )
        bad = next(
            i for i, (g, w) in enumerate(zip(got, want)) if abs(g - w) > 1e-9 * max(1.0, abs(w))
        )
        mine, right = apart(got[bad], want[bad])
        raise Stop(
            Verdict(
                False,
                f"for {where}, position {bad} of your path is {mine}, expected "
                f"{right} (a{bad} = a{bad - 1} − rate · f'(a{bad - 1})). "
                "Each step: zero a.grad, f(a).backward(), a.data -= rate * a.grad."
                if bad
                else f"for {where}, your path starts at {got[0]:g}, not at a0 = {a0:g}.",
            )
        )
    path = _replay(_lesson_df, 6.0, 0.1, 20)
    return Verdict(
        True,
        f"one leaf, moved in place and zeroed each step: 6 → {path[1]:g} → {path[2]:g} → "
        f"{path[3]:g} → ... → {path[-1]:.6f} after 20 steps, and a⁴ − 3a walked "
        "downhill too, and on an f whose graph stores its own slope yours followed the "
        "graph: your loop uses backward(), not a formula or a nudge.",
    )


add_solution(
    "10.1",
    r"""
Each step does three things to the one leaf `a`: forget the last slope (`zero_grad`,
because `backward` adds into `.grad`), compute the new slope (`f(a).backward()` builds a
fresh graph from the moved leaf), and move `a.data` against it. The position is recorded
as a number, since the leaf itself keeps moving.
""",
    code='''\
from autograd_lesson.exercises import check_descend

def descend(f, a, rate, steps):
    """Gradient descent on f from the leaf a: move a.data in place; return [a0, a1, ..., a_steps]."""
    path = [a.data]
    for _ in range(steps):
        a.zero_grad()              # backward adds: forget the last step's slope
        f(a).backward()            # a.grad = f'(a)
        a.data -= rate * a.grad    # one step downhill
        path.append(a.data)
    return path

check_descend(descend)
''',
)


# ----- 10.2: a learning rate for the steep valley, read off a plot -----

STEEP_STEPS, STEEP_START, TARGET = 10, 6.0, 0.01


def steep(a):
    """The steep valley g(a) = 3a² − 30a + 78 = 3(a − 5)² + 3 (the notebook's g)."""
    return 3 * a**2 - 30 * a + 78


def _steep_path(eta, steps=STEEP_STEPS, start=STEEP_START):
    path, a = [start], start
    for _ in range(steps):
        a = a - eta * (6 * a - 30)
        path.append(a)
        if not math.isfinite(a) or abs(a) > 1e150:
            break
    return path


def _above(x, limit, digits):
    """x with `digits` significant digits, or more until the text shows that x > limit."""
    for d in range(digits, 18):
        if float(f"{x:.{d}g}") > limit:
            return f"{x:.{d}g}"
    return repr(x)


@check(
    "10.2", "Read the plot: pick a rate whose point is below the 0.01 line and blue (never past 5)."
)
def check_learning_rate(rate):
    """Exercise 10.2: a rate that brings a within 0.01 of 5 in 10 steps on g, never past 5.

    Each step multiplies a − 5 by 1 − 6η: no zig-zag needs η ≤ 1/6, close enough needs
    (1 − 6η)¹⁰ ≤ 0.01, that is η ≥ 0.06151.
    """
    eta = number(rate, "the learning rate")
    path = _steep_path(eta)
    where = f"with η = {eta:g}"
    if eta <= 0:
        raise Stop(
            Verdict(False, f"{where} the step goes uphill or nowhere: a learning rate is positive.")
        )
    crossed = next((k for k, x in enumerate(path) if x < 5.0 - 1e-12), None)
    if len(path) <= STEEP_STEPS or abs(1 - 6 * eta) > 1 + 1e-9:
        return Verdict(
            False,
            f"{where} the iterates diverge: each step jumps past 5 further than it started "
            f"(the distance is multiplied by |1 − 6η| = {abs(1 - 6 * eta):.3g} > 1). "
            "On this valley that happens above η = 1/3: g is 3 times steeper than f, "
            "so rates that suit f are too large here.",
        )
    if abs(1 - 6 * eta + 1) < 1e-9:  # a factor of −1: η = 1/3
        return Verdict(
            False,
            f"{where} a jumps from 6 to 4 and back forever: it oscillates and never "
            "settles. Look left of this rate on the plot.",
        )
    distance = abs(path[-1] - 5.0)
    if crossed is not None:
        edge = (
            " You are just past the edge at η = 1/6 ≈ 0.1667, where one step lands exactly on 5: "
            "a rounded 1/6 overshoots. Go a little lower."
            if eta < 0.17
            else ""
        )
        return Verdict(
            False,
            f"{where} the first step already lands at a = {path[1]:.6g}, past 5, and the "
            f"path zig-zags across the valley (ending {distance:.1e} from 5). That is "
            f"oscillation: the factor 1 − 6η = {1 - 6 * eta:.3g} is negative.{edge}",
        )
    moved = STEEP_START - path[-1]
    if moved < TARGET:
        how = f"only {moved:.2g} closer to 5" if moved else "not at all"
        return Verdict(
            False,
            f"{where} the rate is far too small: a barely moves ({how} after {STEEP_STEPS} "
            "steps). The rates that work are hundreds of times larger, or more: read one "
            "off the plot.",
        )
    if distance > TARGET:
        return Verdict(
            False,
            f"{where} it is too slow: after {STEEP_STEPS} steps a = "
            f"{_above(path[-1], 5.0 + TARGET, 5)}, still {_above(distance, TARGET, 3)} from 5 "
            f"(more than 0.01). Each step only keeps a factor {1 - 6 * eta:.3g} of the "
            "distance: pick a larger rate.",
        )
    return Verdict(
        True,
        f"{where}, {STEEP_STEPS} steps reach a = {path[-1]:.6f}, {distance:.1e} from 5, "
        f"always from the right side: each step keeps a factor 1 − 6η = {1 - 6 * eta:.3g} "
        "of the distance. Any η from about 0.062 to 1/6 works.",
    )


add_solution(
    "10.2",
    r"""
**Any η from about 0.062 to 1/6 ≈ 0.1667; η = 0.1 is comfortable.** On the plot, the
blue (no zig-zag) part of the curve is below the 0.01 line between those rates. Why:
here $g'(a) = 6(a - 5)$, so one step multiplies the distance to 5 by $1 - 6\eta$. It
must be at least 0 (a negative factor jumps past 5: oscillation) and, after 10 steps,
$(1 - 6\eta)^{10} \le 0.01$, that is $1 - 6\eta \le 0.631$. Three times the curvature of
f, so a third of f's rates: f's η = 0.5 diverges here.
""",
    code="""\
rate = 0.1  # read off the plot: below the 0.01 line, and no zig-zag

check_learning_rate(rate)
""",
)
