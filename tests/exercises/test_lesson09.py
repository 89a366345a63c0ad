"""Lesson 09 batteries: tanh as one op, tanh from exp, the neuron, and the chain rule at a new
operating point; right answers in every accepted form, the typical wrong ones, garbage."""

import math

import numpy as np
import pytest
from verdicts import GARBAGE, assert_verdict, engine_without, run_solutions

import autograd_lesson as ag
from autograd_lesson.exercises import (
    check_lower_nudge,
    check_new_point,
    check_tanh,
    check_tanh_from_exp,
    check_tanh_neuron,
    lesson09,
)

GIVEN = engine_without("09.1")  # lesson 09 runs on the engine, which gets tanh here
CHECKS = {name: getattr(lesson09, name) for name in lesson09.__all__}
RIGHT_DW2 = (1 - math.tanh(0.5) ** 2) * -2.0


def student(*keys, replace=(), extra=""):
    """The notebook's given Value with the solutions of `keys` run (check calls removed)."""
    ns = {"math": math, **CHECKS}
    return run_solutions(GIVEN, ns, keys, replace, extra)


# ----- 09.1 tanh -----


@pytest.mark.parametrize(
    "extra",
    [
        "",
        # the careful exp formula: e^(-2|x|) never overflows
        "def tanh(self):\n    e = math.exp(-2 * abs(self.data))\n    t = math.copysign((1 - e) / (1 + e), self.data)\n"
        "    return Value(t, (self,), 'tanh', local_grads=((1 - t) * (1 + t),))\nValue.tanh = tanh",
    ],
)
def test_tanh_right(extra):
    assert_verdict(check_tanh(student("09.1", extra=extra)["Value"]), True, "no overflow")
    assert_verdict(check_tanh(ag.Value), True)


@pytest.mark.parametrize(
    "local, words",
    [
        ("1 - self.data**2", "you used the input x"),
        ("1 - t", "missing the square"),
        ("t**2 - 1", "the wrong sign"),
        ("t * (1 - t)", "sigmoid's pattern"),
        ("2 * (1 - t**2)", "one factor 2 too many"),
        ("1.0", "is not 1"),
        ("t", "that is t itself"),
        ("0.5", "at x = -2 the local derivative of tanh"),
        # float32 agrees to about 7 digits: the verdict shows the digits that differ
        (
            "__import__('numpy').float32(1 - t**2)",
            "is 0.070650825; yours gives 0.070650823",
        ),
    ],
)
def test_tanh_wrong_derivative(local, words):
    ns = student("09.1", replace=[("local_grads=(1 - t**2,)", f"local_grads=({local},)")])
    assert_verdict(check_tanh(ns["Value"]), False, words)


@pytest.mark.parametrize(
    "forward, words",
    [
        ("(math.exp(2 * self.data) - 1) / (math.exp(2 * self.data) + 1)", "overflowed at x = 400"),
        ("(math.exp(self.data) - 1) / (math.exp(self.data) + 1)", "tanh(x/2)"),
        ("1 / (1 + math.exp(-self.data))", "the sigmoid"),
        ("math.tanh(self.data) if abs(self.data) < 100 else 0.0", "far out, at x = 400"),
        ("math.sin(self.data)", "should be"),
    ],
)
def test_tanh_wrong_forward(forward, words):
    ns = student("09.1", replace=[("t = math.tanh(self.data)", f"t = {forward}")])
    ns["np"] = np
    assert_verdict(check_tanh(ns["Value"]), False, words)


def test_tanh_nan_far_out():
    code = (
        "def tanh(self):\n    t = math.tanh(self.data) if abs(self.data) < 100 else float('nan')\n"
        "    return Value(t, (self,), 'tanh', local_grads=(1 - t**2,))\nValue.tanh = tanh"
    )
    assert_verdict(check_tanh(student(extra=code)["Value"]), False, "not a number")


def test_tanh_garbage(short_limit):
    assert_verdict(check_tanh(...), False, "replace the `...`", done=False)
    stub = "def tanh(self):\n    raise NotImplementedError\nValue.tanh = tanh"
    assert_verdict(
        check_tanh(student(extra=stub)["Value"]), False, "NotImplementedError", done=False
    )
    assert_verdict(check_tanh(student()["Value"]), False, "your Value has no tanh")
    loop = "def tanh(self):\n    while True: pass\nValue.tanh = tanh"
    assert_verdict(check_tanh(student(extra=loop)["Value"]), False, "did not finish within 0.5 s")
    number = "Value.tanh = lambda self: math.tanh(self.data)"
    assert_verdict(check_tanh(student(extra=number)["Value"]), False, "not a Value")
    for garbage in GARBAGE:
        assert_verdict(check_tanh(garbage), False, "pass your Value class itself")


# ----- 09.2 tanh from exp -----


@pytest.mark.parametrize(
    "code",
    [
        "def tanh_from_exp(n):\n    e = (2 * n).exp()\n    return (e - 1) / (e + 1)",
        "def tanh_from_exp(n):\n    return ((2 * n).exp() - 1) / ((2 * n).exp() + 1)",
        "def tanh_from_exp(n):\n    e = (-2 * n).exp()\n    return (1 - e) / (1 + e)",
        "def tanh_from_exp(n):\n    return (n.exp() - (-n).exp()) / (n.exp() + (-n).exp())",
    ],
)
def test_tanh_from_exp_right(code):
    ns = student(extra=code)
    assert_verdict(check_tanh_from_exp(ns["tanh_from_exp"], ns["Value"]), True, "the same")
    assert_verdict(check_tanh_from_exp(ns["tanh_from_exp"], ag.Value), True)


@pytest.mark.parametrize(
    "code, words",
    [
        ("def tanh_from_exp(n):\n    e = n.exp()\n    return (e - 1) / (e + 1)", "tanh(n/2)"),
        (
            "def tanh_from_exp(n):\n    e = (2 * n).exp()\n    return (e + 1) / (e - 1)",
            "upside down",
        ),
        (
            "def tanh_from_exp(n):\n    e = math.exp(2 * n.data)\n    return (e - 1) / (e + 1)",
            "plain number",
        ),
        (
            "def tanh_from_exp(n):\n    e = math.exp(2 * n.data)\n    return Value((e - 1) / (e + 1))",
            "not connected",
        ),
        ("def tanh_from_exp(n):\n    return n.tanh()", "contains the tanh operation"),
        ("def tanh_from_exp(n):\n    e = (2 * n).exp()\n    return (e - 1) * (e + 1)", "Divide"),
        ("def tanh_from_exp(n):\n    return None", "not a Value"),
        ("def tanh_from_exp(n):\n    raise ValueError('no')", "raised ValueError"),
        (
            "def tanh_from_exp(n):\n    e = (2 * n).exp()\n    return Value(((e - 1) / (e + 1)).data, (n,), 't', local_grads=(1.0,))",
            "the gradient through your graph",
        ),
        # tanh's value and slope typed into one node: right numbers, no exp in the graph
        (
            "def tanh_from_exp(n):\n    t = math.tanh(n.data)\n"
            "    return Value(t, (n,), 'th', local_grads=(1 - t * t,))",
            ["no exp", "one node over n", "by hand", "(2 * n).exp()"],
        ),
        (
            "def tanh_from_exp(n):\n    e = math.exp(2 * n.data)\n"
            "    return Value((e - 1) / (e + 1), (n,), 'th', local_grads=(4 * e / (e + 1) ** 2,))",
            ["no exp", "by hand"],
        ),
    ],
)
def test_tanh_from_exp_wrong(code, words):
    ns = student("09.1", extra=code)
    assert_verdict(check_tanh_from_exp(ns["tanh_from_exp"], ns["Value"]), False, words)


def test_tanh_from_exp_without_exp_on_the_packages_value():
    # the package's Value has c ** v: a graph of right numbers, longer than one node, no exp
    def powers(n):
        return (math.e ** (2 * n) - 1) / (math.e ** (2 * n) + 1)

    v = check_tanh_from_exp(powers, ag.Value)
    assert_verdict(v, False, ["there is no exp in its graph", "(2 * n).exp()"])


def test_tanh_from_exp_garbage(short_limit):
    ns = student()
    assert_verdict(check_tanh_from_exp(..., ns["Value"]), False, "replace the `...`", done=False)
    exec("def stub(n):\n    raise NotImplementedError", ns)
    assert_verdict(
        check_tanh_from_exp(ns["stub"], ns["Value"]), False, "NotImplementedError", done=False
    )
    exec("def loop(n):\n    while True: pass", ns)
    assert_verdict(
        check_tanh_from_exp(ns["loop"], ns["Value"]), False, "did not finish within 0.5 s"
    )
    for garbage in GARBAGE:
        assert_verdict(check_tanh_from_exp(garbage, ns["Value"]), False, "expected your function")
        assert_verdict(
            check_tanh_from_exp(lambda n: n, garbage), False, "pass your Value class itself"
        )


# ----- 09.3 the neuron -----


@pytest.mark.parametrize(
    "code",
    [
        "def neuron(x1, x2, w1, w2, b):\n    return (x1 * w1 + x2 * w2 + b).tanh()",
        "def neuron(x1, x2, w1, w2, b):\n    return (b + w2 * x2 + w1 * x1).tanh()",  # any order
    ],
)
def test_neuron_right(code):
    ns = student("09.1", extra=code)
    # the verdict prints the student's own o (math.tanh lands one unit in the last digit above 1/√2)
    assert_verdict(
        check_tanh_neuron(ns["neuron"], ns["Value"]),
        True,
        (repr(math.tanh(6.8813735870195432 - 6.0)), "≈ 1/√2"),
    )
    assert_verdict(check_tanh_neuron(ns["neuron"], ag.Value), True, "0.7071067811865476")


def test_package_fallbacks_pass_their_checks():
    """The notebook falls back on lesson09.tanh_from_exp and lesson09.neuron: both must be right,
    with the student's class and the package's."""
    ns = student("09.1")
    for cls in (ns["Value"], ag.Value):
        assert_verdict(check_tanh_from_exp(lesson09.tanh_from_exp, cls), True, "the same")
        assert_verdict(check_tanh_neuron(lesson09.neuron, cls), True, "≈ 1/√2")


def test_stub_hints_do_not_give_the_code_away():
    for check, args in [
        (check_tanh_from_exp, (..., ag.Value)),
        (check_tanh_neuron, (..., ag.Value)),
    ]:
        message = check(*args).message
        assert ".exp()" not in message and ".tanh()" not in message and "x1·w1" not in message, (
            message
        )


@pytest.mark.parametrize(
    "code, words",
    [
        ("def neuron(x1, x2, w1, w2, b):\n    return x1 * w1 + x2 * w2 + b", "that is n"),
        (
            "def neuron(x1, x2, w1, w2, b):\n    return (x1 * w1 + x2 * w2).tanh()",
            "the bias is missing",
        ),
        (
            "def neuron(x1, x2, w1, w2, b):\n    return (x1 * w2 + x2 * w1 + b).tanh()",
            "wrong inputs",
        ),
        (
            "def neuron(x1, x2, w1, w2, b):\n    return (x1 * w1).tanh() + (x2 * w2).tanh() + b.tanh()",
            "once around the whole sum",
        ),
        # right where x2 = 0, wrong elsewhere
        (
            "def neuron(x1, x2, w1, w2, b):\n    return (x1 * w1 + x2 * w1 + b).tanh()",
            "x2.grad should be 0.5",
        ),
        (
            "def neuron(x1, x2, w1, w2, b):\n    return (x1 * w1 + x2 * w2 * w2 + b).tanh()",
            "x2 = 0 hides a lot",
        ),
        (
            "def neuron(x1, x2, w1, w2, b):\n    return math.tanh(x1.data * w1.data + x2.data * w2.data + b.data)",
            "not a Value",
        ),
        (
            "def neuron(x1, x2, w1, w2, b):\n    return Value(math.tanh(x1.data * w1.data + b.data))",
            "x1.grad should be -1.5",
        ),
        (
            "def neuron(x1, x2, w1, w2, b):\n    return (x1 * w1 + x2 * w2 + 6.881373587019543).tanh()",
            "b.grad should be 0.5",
        ),
        (
            "def neuron(x1, x2, w1, w2, b):\n    return (x1 * w1 + x2 * w2 + 6.881375870195432).tanh()",
            "1/√2",
        ),
    ],
)
def test_neuron_wrong(code, words):
    ns = student("09.1", extra=code)
    assert_verdict(check_tanh_neuron(ns["neuron"], ns["Value"]), False, words)


def test_neuron_garbage(short_limit):
    ns = student("09.1")
    assert_verdict(check_tanh_neuron(..., ns["Value"]), False, "replace the `...`", done=False)
    exec("def stub(x1, x2, w1, w2, b):\n    raise NotImplementedError", ns)
    assert_verdict(
        check_tanh_neuron(ns["stub"], ns["Value"]), False, "NotImplementedError", done=False
    )
    exec("def loop(x1, x2, w1, w2, b):\n    while True: pass", ns)
    assert_verdict(check_tanh_neuron(ns["loop"], ns["Value"]), False, "did not finish within 0.5 s")
    exec("def wrong_args(x1, x2):\n    return x1", ns)
    assert_verdict(check_tanh_neuron(ns["wrong_args"], ns["Value"]), False, "raised TypeError")
    assert_verdict(
        check_tanh_neuron(lambda *a: (a[0] * a[2] + a[1] * a[3] + a[4]).tanh(), student()["Value"]),
        False,
        "your Value has no tanh",
    )
    for garbage in GARBAGE:
        assert_verdict(check_tanh_neuron(garbage, ns["Value"]), False, "expected your function")


# ----- 09.4 ∂o/∂w2 at the new point -----


@pytest.mark.parametrize(
    "answer",
    [
        RIGHT_DW2,
        float(RIGHT_DW2),
        np.float64(RIGHT_DW2),
        np.array([RIGHT_DW2]),
        ag.Value(RIGHT_DW2),
        RIGHT_DW2 * (1 + 1e-9),
    ],
)
def test_new_point_right(answer):
    assert_verdict(check_new_point(answer), True, "-1.572895")


TANH_HALF = math.tanh(0.5)


@pytest.mark.parametrize(
    "answer, words",
    [
        (-RIGHT_DW2, "wrong sign"),
        (-2.0, "passes through tanh"),
        (-2, "passes through tanh"),
        (-1.0, "only at the lesson's neuron"),
        ((1 - TANH_HALF**2) * 0.5, "that is ∂o/∂x2"),
        (1 - TANH_HALF**2, "only the first link"),
        ((1 - TANH_HALF) * -2.0, "not 1 − o"),
        (TANH_HALF * -2.0, "you used o where"),
        ((1 - 0.25) * -2.0, "1 − n² uses n"),
        (-1.57, "rounded too early"),
        (-1.5729, "rounded too early"),
        (3.3, "Chain rule"),
    ],
)
def test_new_point_wrong(answer, words):
    assert_verdict(check_new_point(answer), False, words)


@pytest.mark.parametrize(
    "garbage, words",
    [
        (None, "None"),
        ("-1.57", "text"),
        (True, "yes/no"),
        (np.bool_(True), "yes/no"),
        (1 + 0j, "complex"),
        (10**400, "too large"),
        (np.array([1.0, 2.0]), "array of 2"),
        (float("nan"), "not a finite"),
        (object(), "expected ∂o/∂w2"),
    ],
)
def test_new_point_garbage(garbage, words):
    assert_verdict(check_new_point(garbage), False, words)
    assert_verdict(check_new_point(...), False, "replace the `...`", done=False)


# ----- 09.5 which nudge lowers o most -----


@pytest.mark.parametrize("answer", ["w2", "W2", " w2 ", ag.Value(0.5, label="w2")])
def test_lower_nudge_right(answer):
    assert_verdict(check_lower_nudge(answer), True, "only negative gradient")


@pytest.mark.parametrize(
    "answer, words",
    [
        ("x1", "RAISES o"),
        ("x2", "RAISES o"),
        ("w1", "RAISES o"),
        ("b", "RAISES o"),
        ("o", "not one of the neuron's inputs"),
        ("n", "not one of the neuron's inputs"),
        (1.0, "expected the name of an input"),
        (None, "expected the name"),
        (True, "expected the name"),
        (np.array([1.0, 2.0]), "expected the name"),
        (object(), "expected the name"),
    ],
)
def test_lower_nudge_wrong(answer, words):
    assert_verdict(check_lower_nudge(answer), False, words)
    assert_verdict(check_lower_nudge(...), False, "replace the `...`", done=False)
