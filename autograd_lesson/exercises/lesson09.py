"""Lesson 09 checks: tanh as one operation, tanh built from exp, the neuron, and the chain
rule at an operating point the lesson does not show."""

import math

from ..examples import NEURON
from ..mine import reference_code
from . import lesson06
from .base import (
    Stop,
    Verdict,
    add_solution,
    apart,
    check,
    describe,
    is_value,
    number,
    rounded_version,
)
from .lesson08 import _is_number, _near, _need_class, _probe, _run, compare_on, op_graph

__all__ = [
    "check_lower_nudge",
    "check_new_point",
    "check_tanh",
    "check_tanh_from_exp",
    "check_tanh_neuron",
]  # the checks a notebook imports

NAMES = ("x1", "x2", "w1", "w2", "b")
LESSON = NEURON  # the lesson's neuron: x1 = 2, x2 = 0, w1 = -3, w2 = 1, b = 6.8813735870195432
LESSON_GRADS = dict(x1=-1.5, x2=0.5, w1=1.0, w2=0.0, b=0.5)
# The operating point of exercises 09.4 and 09.5 (not shown in the lesson).
NEW = dict(x1=0.5, x2=-2.0, w1=1.0, w2=0.5, b=1.0)


def _grads_at(point):
    """o and every leaf's ∂o/∂leaf at `point`, by the chain rule with the package's tanh."""
    n = point["x1"] * point["w1"] + point["x2"] * point["w2"] + point["b"]
    o = math.tanh(n)
    slope = 1.0 - o * o
    other = dict(x1="w1", w1="x1", x2="w2", w2="x2")
    grads = {k: slope * point[other[k]] for k in other}
    grads["b"] = slope
    return n, o, slope, grads


# ----- the package's version of 09.2 and 09.3 (what the notebook falls back on) -----


def tanh_from_exp(n):
    """tanh(n) built from exp, -, + and /, for any Value class: the solution of 09.2."""
    e = (2 * n).exp()
    return (e - 1) / (e + 1)


def neuron(x1, x2, w1, w2, b):
    """o = tanh(x1·w1 + x2·w2 + b) from five Values: the solution of 09.3."""
    return (x1 * w1 + x2 * w2 + b).tanh()


# ----- 09.1 tanh as one operation -----

TANH_POINTS = (-2.0, -0.5, 0.3, LESSON["b"] - 6.0, 2.5)
LARGE = (30.0, -30.0, 400.0, -400.0, 1000.0, -1000.0)
TANH_OPS = ("+", "*", "+c", "*c", "tanh")
TANH_EXTRA = [
    (
        "tanh(800·a)·a, far out where tanh is flat",
        [("leaf", 0.5), ("*", 0, 800.0), ("tanh", 1), ("*", 2, 0)],
    ),
    ("tanh(tanh(a)·b)", [("leaf", 0.7), ("leaf", -1.3), ("tanh", 0), ("*", 2, 1), ("tanh", 3)]),
]


def _sigmoid(x):
    return 1.0 / (1.0 + math.exp(-x))


def _tanh_mistakes():
    t = math.tanh
    return [
        (
            lambda x: 1 - x * x,
            "you used the input x where the output belongs: 1 − t², with t = tanh(x)",
        ),
        (lambda x: 1 - t(x), "1 − t is missing the square: 1 − t², with t = tanh(x)"),
        (lambda x: t(x) ** 2 - 1, "the wrong sign: 1 − t², which is positive (tanh always rises)"),
        (lambda x: t(x) * (1 - t(x)), "t(1 − t) is the sigmoid's pattern; tanh's is 1 − t²"),
        (
            lambda x: 2 * (1 - t(x) ** 2),
            "one factor 2 too many: d/dx tanh(x) = 1 − t², the 2 of e^(2x) is already inside",
        ),
        (lambda x: 1.0, "the local derivative is not 1: tanh flattens out, 1 − t²"),
        (lambda x: t(x), "that is t itself; its slope is 1 − t²"),
    ]


@check("09.1", "Write tanh as one operation: t = tanh(x), and the local derivative 1 − t².")
def check_tanh(Value):
    """Exercise 09.1: your Value's tanh(), one operation, for every float x."""
    _need_class(Value, ["tanh"])
    got = []
    for x in TANH_POINTS:
        d, (g,) = _probe(Value, lambda a: a.tanh(), [x], "a.tanh()")
        if not _near(d, math.tanh(x)):
            if _near(d, math.tanh(x / 2)):
                raise Stop(
                    Verdict(
                        False,
                        f"tanh({x:g}) is {d:.6g}, which is tanh(x/2): the formula has "
                        "e^(2x), not e^x.",
                    )
                )
            if _near(d, _sigmoid(x)):
                raise Stop(
                    Verdict(
                        False,
                        f"tanh({x:g}) is {d:.6g}: that is the sigmoid of lesson 08, "
                        "1/(1 + e^(−x)); tanh is (e^(2x) − 1)/(e^(2x) + 1).",
                    )
                )
            mine, want = apart(d, math.tanh(x))
            raise Stop(Verdict(False, f"tanh({x:g}) should be {want}, yours is {mine}."))
        got.append(g)
    right = [1 - math.tanh(x) ** 2 for x in TANH_POINTS]
    if not all(_near(g, r) for g, r in zip(got, right)):
        for wrong, why in _tanh_mistakes():
            if all(_near(g, wrong(x), 1e-7) for g, x in zip(got, TANH_POINTS)):
                raise Stop(Verdict(False, f"your local derivative of tanh is off: {why}."))
        k = next(i for i, (g, r) in enumerate(zip(got, right)) if not _near(g, r))
        mine, slope = apart(got[k], right[k])
        raise Stop(
            Verdict(
                False,
                f"at x = {TANH_POINTS[k]:g} the local derivative of tanh is "
                f"{slope}; yours gives {mine}.",
            )
        )
    for x in LARGE:
        try:
            d, (g,) = _probe(Value, lambda a: a.tanh(), [x], "a.tanh()")
        except Stop as stop:
            if "Overflow" in stop.verdict.message or "math range" in stop.verdict.message:
                raise Stop(
                    Verdict(
                        False,
                        f"your tanh overflowed at x = {x:g}: e^(2x) = e^{2 * x:g} is "
                        "larger than any float (above e^709.78). tanh itself is just "
                        "±1 there: use math.tanh(x), or compute with e^(−2|x|), "
                        "which never overflows.",
                    )
                ) from None
            raise
        want = math.copysign(1.0, x)
        if not (_near(d, want, 1e-12) and abs(g) <= 1e-12):
            raise Stop(
                Verdict(
                    False,
                    f"far out, at x = {x:g}, tanh is {want:g} and its slope 0; yours "
                    f"gives {d!r} and {g!r}. (A formula with e^(2x) gives inf/inf = "
                    "nan there: use math.tanh(x).)",
                )
            )
    cases = TANH_EXTRA + [
        (f"random graph #{s} over +, *, v + 2, v * 2, tanh", op_graph(s, TANH_OPS))
        for s in range(8)
    ]
    for description, program in cases:
        compare_on(Value, program, description)
    return Verdict(
        True,
        f"tanh and 1 − t² are right at {len(TANH_POINTS)} points, at ±30, ±400 and "
        f"±1000 (±1 with slope 0, no overflow), and on {len(cases)} graphs.",
    )


# ----- 09.2 tanh built from exp -----


def _nodes_in(root):
    """Every node `root` depends on, itself included (any class with children)."""
    return list(lesson06.reachable(root).values())


def _ops_in(root):
    """The op names of every node `root` depends on."""
    return {getattr(node, "op", "") for node in _nodes_in(root)}


def _made_by_exp(node):
    """True for a node as exp makes it: one child, and data = e^(the child's data)."""
    children = tuple(getattr(node, "children", ()) or ())
    if len(children) != 1 or not (_is_number(node.data) and _is_number(children[0].data)):
        return False
    x = float(children[0].data)
    return x < 700 and _near(float(node.data), math.exp(x))


@check(
    "09.2",
    "Build the formula above from your Value's own operations, not from math.exp, so that "
    "backward can pass through every step.",
)
def check_tanh_from_exp(tanh_from_exp, Value):
    """Exercise 09.2: `tanh_from_exp(n)` builds tanh(n) from exp, −, + and /; same data and grads."""
    if not callable(tanh_from_exp):
        raise Stop(
            Verdict(False, f"expected your function tanh_from_exp, got {describe(tanh_from_exp)}.")
        )
    _need_class(Value, ["exp"])
    for x in TANH_POINTS:

        def go(x=x):
            n = Value(x, label="n")
            return n, tanh_from_exp(n)

        n, o = _run(go, what=f"tanh_from_exp(Value({x:g}))")
        if not is_value(o):
            if _is_number(o):
                raise Stop(
                    Verdict(
                        False,
                        f"tanh_from_exp returned the plain number {float(o):.6g}: build "
                        "it from Value operations (n.exp(), −, +, /), so that backward "
                        "can pass through it.",
                    )
                )
            raise Stop(Verdict(False, f"tanh_from_exp returned {describe(o)}, not a Value."))
        if "tanh" in _ops_in(o):
            raise Stop(
                Verdict(
                    False,
                    "your graph contains the tanh operation itself: build tanh from exp, "
                    "the point is to see the same gradients come out of a longer graph.",
                )
            )
        d = float(o.data) if _is_number(o.data) else float("nan")
        want = math.tanh(x)
        if not _near(d, want):
            mine, right = apart(d, want)
            why = (
                "which is tanh(n/2): the formula has e^(2n), not e^n"
                if _near(d, math.tanh(x / 2))
                else "that is upside down: (e^(2n) − 1) goes on top"
                if _near(d, 1 / want)
                else "which is (e^(2n) − 1)·(e^(2n) + 1)? Divide"
                if _near(d, math.exp(4 * x) - 1)
                else f"it should be {right}"
            )
            raise Stop(Verdict(False, f"at n = {x:g} your o is {mine}: {why}."))
        _run(o.backward, what="backward() on your o")
        g = n.grad
        if not _is_number(g):
            raise Stop(Verdict(False, f"after backward, n.grad is {describe(g)}, not a number."))
        if _near(float(g), 0.0) and not _near(1 - want**2, 0.0):
            raise Stop(
                Verdict(
                    False,
                    "after o.backward(), n.grad is 0: o is not connected to n. Did you "
                    "use math.exp(n.data), or make a new Value from a number? Use "
                    "n's own operations, such as (2 * n).exp().",
                )
            )
        if not _near(float(g), 1 - want**2, 1e-8):
            mine, slope = apart(float(g), 1 - want**2)
            raise Stop(
                Verdict(
                    False,
                    f"at n = {x:g} the gradient through your graph is {mine}, "
                    f"but tanh's slope is {slope}.",
                )
            )
        # right numbers can come from one node with tanh's value and slope typed in: the
        # exercise asks for a graph that goes through exp (a node whose data is e^(its child))
        nodes = _nodes_in(o)
        if not any(_made_by_exp(node) for node in nodes):
            what = (
                "its graph is one node over n, no exp: you wrote the answer in by hand, which is "
                "09.1's tanh again"
                if len(nodes) <= 2
                else "there is no exp in its graph"
            )
            raise Stop(
                Verdict(
                    False,
                    f"your o has tanh's value and slope, but {what}. Build it with your "
                    "Value's exp, as the exercise asks: e = (2 * n).exp(), then "
                    "(e - 1) / (e + 1), so that backward runs through every step.",
                )
            )
    return Verdict(
        True,
        f"built from exp, o and n.grad equal tanh and 1 − tanh² at n = "
        f"{', '.join(f'{x:.4g}' for x in TANH_POINTS)}: a longer graph, the same "
        "gradients.",
    )


# ----- 09.3 the neuron -----

OTHER_POINTS = [
    dict(x1=0.5, x2=-1.0, w1=1.5, w2=-0.7, b=0.2),
    dict(x1=-1.2, x2=0.8, w1=0.3, w2=2.0, b=-0.5),
    dict(x1=1.0, x2=2.0, w1=-0.4, w2=0.25, b=0.9),
]


def _neuron_run(neuron, Value, point):
    def go():
        leaves = {k: Value(point[k], label=k) for k in NAMES}
        o = neuron(*(leaves[k] for k in NAMES))
        if is_value(o):
            o.backward()
        return o, leaves

    o, leaves = _run(go, what="neuron(x1, x2, w1, w2, b)")
    if not is_value(o):
        raise Stop(
            Verdict(
                False,
                f"neuron returned {describe(o)}, not a Value: return o, the Value that tanh gives.",
            )
        )
    if not _is_number(o.data):
        raise Stop(Verdict(False, f"neuron's output has .data = {describe(o.data)}, not a number."))
    return o, leaves


@check(
    "09.3",
    "Write the neuron's formula from the top of the lesson with the five Values it is given.",
)
def check_tanh_neuron(neuron, Value):
    """Exercise 09.3: neuron(x1, x2, w1, w2, b) returns o = tanh(x1·w1 + x2·w2 + b)."""
    if not callable(neuron):
        raise Stop(Verdict(False, f"expected your function neuron, got {describe(neuron)}."))
    _need_class(Value, ["tanh"])
    p = LESSON
    o, leaves = _neuron_run(neuron, Value, p)
    n, want, _, _ = _grads_at(p)
    d = float(o.data)
    if not _near(d, want, 1e-12):
        known = [
            (n, "that is n: apply tanh to it and return o"),
            (math.tanh(n - p["b"]), "the bias is missing: n = x1·w1 + x2·w2 + b"),
            (
                math.tanh(p["x1"] * p["w2"] + p["x2"] * p["w1"] + p["b"]),
                "you paired the weights with the wrong inputs: x1 goes with w1, x2 with w2",
            ),
            (
                math.tanh(p["x1"] * p["w1"]) + math.tanh(p["x2"] * p["w2"]) + math.tanh(p["b"]),
                "tanh goes once around the whole sum, not on each term",
            ),
        ]
        for value, why in known:
            if _near(d, value, 1e-9):
                raise Stop(Verdict(False, f"at the lesson's numbers your o is {d:.6g}: {why}."))
        raise Stop(
            Verdict(False, f"at the lesson's numbers o should be {want!r} (1/√2); yours is {d!r}.")
        )
    for k in NAMES:
        g = leaves[k].grad
        if not (_is_number(g) and _near(float(g), LESSON_GRADS[k], 1e-9)):
            raise Stop(
                Verdict(
                    False,
                    f"after o.backward() at the lesson's numbers, {k}.grad should be "
                    f"{LESSON_GRADS[k]:g}, yours is {describe(g)}.",
                )
            )
    for p in OTHER_POINTS:
        o, leaves = _neuron_run(neuron, Value, p)
        n, want, _, grads = _grads_at(p)
        shown = ", ".join(f"{k} = {p[k]:g}" for k in NAMES)
        if not _near(float(o.data), want, 1e-9):
            mine, want = apart(float(o.data), want)
            raise Stop(
                Verdict(
                    False,
                    f"right at the lesson's numbers (where x2 = 0 hides a lot), but at "
                    f"{shown} o should be {want}, yours is {mine}: "
                    "x1 goes with w1 and x2 with w2.",
                )
            )
        for k in NAMES:
            g = leaves[k].grad
            if not (_is_number(g) and _near(float(g), grads[k], 1e-8)):
                raise Stop(
                    Verdict(
                        False,
                        f"at {shown}, {k}.grad should be {grads[k]:.6g}, yours is {describe(g)}.",
                    )
                )
    return Verdict(
        True,
        f"o = {d!r} ≈ 1/√2 and the grads x1 −1.5, x2 0.5, w1 1.0, w2 0.0, "
        f"b 0.5 at the lesson's numbers, and the right o and grads at "
        f"{len(OTHER_POINTS)} other points.",
    )


# ----- 09.4 and 09.5: the chain rule at a new operating point -----


@check(
    "09.4",
    "Find n, then o = tanh(n), then the slope 1 − o², then multiply by what w2 is multiplied by.",
)
def check_new_point(answer):
    """Exercise 09.4: ∂o/∂w2 at x1 = 0.5, x2 = −2, w1 = 1, w2 = 0.5, b = 1."""
    value = number(answer, "∂o/∂w2")
    n, o, slope, grads = _grads_at(NEW)
    want = grads["w2"]
    if _near(value, want, 1e-6):
        return Verdict(
            True,
            f"∂o/∂w2 = (1 − o²)·x2 = {slope:.6f} · (−2) = {want:.6f}: n = {n:g}, "
            f"o = tanh(0.5) = {o:.6f}.",
        )
    wrong = [
        (-want, "right size, wrong sign: x2 = −2 is negative, and 1 − o² is positive"),
        (
            NEW["x2"],
            "−2 is ∂n/∂w2 = x2 alone: the chain also passes through tanh, whose slope 1 − o² "
            "must multiply it",
        ),
        (
            0.5 * NEW["x2"],
            "−1 uses the lesson's slope 0.5, but 1 − o² = 0.5 only at the lesson's neuron; "
            "here n = 0.5, so compute 1 − tanh(0.5)²",
        ),
        (
            grads["x2"],
            "that is ∂o/∂x2: you multiplied by w2; for w2 the other input of its "
            "multiplication is x2",
        ),
        (slope, "that is do/dn, only the first link: multiply by ∂n/∂w2 = x2"),
        ((1 - o) * NEW["x2"], "the slope of tanh is 1 − o², with o squared, not 1 − o"),
        (o * NEW["x2"], "you used o where the slope 1 − o² belongs"),
        ((1 - n * n) * NEW["x2"], "1 − n² uses n; the slope is 1 − o², with o = tanh(n)"),
    ]
    for number_, why in wrong:
        if _near(value, number_, 1e-6):
            raise Stop(Verdict(False, f"you gave {value:g}: {why}."))
    if rounded_version(value, want):
        raise Stop(
            Verdict(
                False,
                f"{value:g} is ∂o/∂w2 rounded too early: keep every digit of tanh(0.5) "
                "(let Python compute it) and round only when you print.",
            )
        )
    raise Stop(
        Verdict(
            False,
            f"you gave {value:g}. Chain rule: ∂o/∂w2 = (do/dn)·(∂n/∂w2), with "
            "n = x1·w1 + x2·w2 + b and do/dn = 1 − o².",
        )
    )


@check("09.5", "Work out all five gradients at the new point and look at their signs.")
def check_lower_nudge(answer):
    """Exercise 09.5: at the new point, which input, nudged UP a little, lowers o the most? (w2)"""
    name = answer.label if is_value(answer) else answer
    if not isinstance(name, str):
        raise Stop(
            Verdict(
                False,
                f'expected the name of an input as text, such as "b", got {describe(answer)}.',
            )
        )
    name = name.strip().lower()
    if name not in NAMES:
        raise Stop(
            Verdict(False, f"{answer!r} is not one of the neuron's inputs: {', '.join(NAMES)}.")
        )
    _, _, _, grads = _grads_at(NEW)
    if name == "w2":
        return Verdict(
            True,
            f"∂o/∂w2 = {grads['w2']:.4f} is the only negative gradient and the largest in "
            "size: a small increase of w2 lowers o the most.",
        )
    return Verdict(
        False,
        f"∂o/∂{name} = {grads[name]:+.4f} is positive: raising {name} RAISES o. "
        "Nudged up, an input lowers o when its gradient is negative; the most negative wins.",
    )


# ----- solutions -----

add_solution(
    "09.1",
    r"""
`math.tanh` gives $t = \tanh x$ for every float, even $\pm 1000$ (where
$e^{2x}$ would overflow): far out it is exactly $\pm 1$. (It is not always rounded to the nearest
float: at the lesson's $n$ it lands one unit in the last digit above $1/\sqrt2$, as the cell under
"The magic number" shows.)
The local derivative is written with the output, $1 - t^2$, which is exactly 0 far out.
""",
    code=reference_code("09.1") + "\ncheck_tanh(Value)\n",
)

add_solution(
    "09.2",
    r"""
Every piece is a `Value` operation, so `backward()` can pass through each: the product `2 * n`,
`exp`, a subtraction and an addition with the number 1, and a division. Computing `e` once and
using it twice makes it a shared inner node, whose gradient adds up from both paths.
""",
    code="""
def tanh_from_exp(n):
    e = (2 * n).exp()
    return (e - 1) / (e + 1)

check_tanh_from_exp(tanh_from_exp, Value)
""",
)

add_solution(
    "09.3",
    r"""
Multiply each input by its weight, add the bias, squash with `tanh`: five leaves, two products,
two sums and one tanh.
""",
    code="""
def neuron(x1, x2, w1, w2, b):
    n = x1 * w1 + x2 * w2 + b
    return n.tanh()

check_tanh_neuron(neuron, Value)
""",
)

add_solution(
    "09.4",
    r"""
$n = 0.5\cdot 1 + (-2)\cdot 0.5 + 1 = 0.5$, so $o = \tanh 0.5 \approx 0.462117$ and the slope of
tanh is $1 - o^2 \approx 0.786448$ (not the lesson's 0.5). In $n = x_1w_1 + x_2w_2 + b$ the other input
of $w_2$'s multiplication is $x_2 = -2$, so $\partial o/\partial w_2 = (1 - o^2)\,x_2 \approx -1.572895$.
""",
    code="""
o = math.tanh(0.5 * 1.0 + -2.0 * 0.5 + 1.0)
answer = (1 - o**2) * -2.0
check_new_point(answer)
""",
)

add_solution(
    "09.5",
    r"""
**w2.** Every gradient is the slope $1 - o^2 \approx 0.786$ times the other factor of its product:
x1 → w1 = 1, x2 → w2 = 0.5, w1 → x1 = 0.5, w2 → x2 = −2, b → 1. Only w2's is negative
(≈ −1.573), so nudging w2 up lowers o, and the most.
""",
    code="""
answer = "w2"
check_lower_nudge(answer)
""",
)
