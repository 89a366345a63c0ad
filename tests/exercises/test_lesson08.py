"""Lesson 08 batteries: the student's Value with each new operation, right in every accepted
form, wrong in the typical ways (each with its diagnosis), and garbage.

The student's class is the notebook's given cell ("Your Value, as lesson 07 left it") with
the registered solutions executed on it; a wrong answer is a solution with one mutation.
"""

import math

import pytest
from verdicts import GARBAGE, assert_verdict, given_class, run_solutions

import autograd_lesson as ag
from autograd_lesson.exercises import (
    check_exp_log,
    check_gradient_checker,
    check_neg_sub,
    check_pow_div,
    check_sigmoid,
    lesson08,
)

GIVEN = given_class("08-more-operations.ipynb")
CHECKS = {name: getattr(lesson08, name) for name in lesson08.__all__}


def student(*keys, replace=(), extra=""):
    """The notebook's Value with the solutions of `keys` attached (their check calls removed),
    each (old, new) of `replace` applied to that code, then `extra` run; the namespace."""
    ns = {"math": math, "agree": lesson08.agree, **CHECKS}
    return run_solutions(GIVEN, ns, keys, replace, extra)


# ----- every code check: the registered solution passes; garbage never raises -----


@pytest.mark.parametrize(
    "key, check",
    [
        ("08.1", check_neg_sub),
        ("08.2", check_pow_div),
        ("08.3", check_exp_log),
        ("08.4", check_sigmoid),
    ],
)
def test_solution_and_the_package_pass(key, check):
    assert_verdict(check(student(key)["Value"]), True, "match")
    assert_verdict(check(ag.Value) if key != "08.4" else check(student(key)["Value"]), True)


@pytest.mark.parametrize("check", [check_neg_sub, check_pow_div, check_exp_log, check_sigmoid])
@pytest.mark.parametrize("garbage", GARBAGE, ids=repr)
def test_garbage_instead_of_a_class(check, garbage):
    assert_verdict(check(garbage), False, "pass your Value class itself")


@pytest.mark.parametrize("check", [check_neg_sub, check_pow_div, check_exp_log, check_sigmoid])
def test_placeholder_and_the_bare_class(check):
    assert_verdict(check(...), False, "replace the `...`", done=False)
    assert_verdict(check(student()["Value"]), False, "your Value has no")


STUBS = {
    check_neg_sub: "def s(self, other=None):\n    raise NotImplementedError\n"
    "Value.__neg__ = Value.__sub__ = Value.__rsub__ = s",
    check_pow_div: "def s(self, other=None):\n    raise NotImplementedError\n"
    "Value.__pow__ = Value.__truediv__ = Value.__rtruediv__ = s",
    check_exp_log: "def s(self):\n    raise NotImplementedError\nValue.exp = Value.log = s",
    check_sigmoid: "def s(self):\n    raise NotImplementedError\nValue.sigmoid = s",
}


@pytest.mark.parametrize("check", list(STUBS))
def test_stub_is_your_turn(check):
    assert_verdict(
        check(student(extra=STUBS[check])["Value"]), False, "NotImplementedError", done=False
    )


# ----- 08.1 negation and subtraction -----


@pytest.mark.parametrize(
    "extra",
    [
        "Value.__sub__ = lambda self, other: self + (-other)",  # a + (−b)
        "Value.__neg__ = lambda self: self * -1",  # −1 · a
        "Value.__rsub__ = lambda self, other: Value(other - self.data, (self,), '-', local_grads=(-1.0,))",
    ],
)
def test_neg_sub_right_variants(extra):
    assert_verdict(check_neg_sub(student("08.1", extra=extra)["Value"]), True, "match the package")


@pytest.mark.parametrize(
    "replace, words",
    [
        (
            [('"neg", local_grads=(-1.0,)', '"neg", local_grads=(1.0,)')],
            "passes the gradient on unchanged",
        ),
        ([('"neg", local_grads=(-1.0,)', '"neg", local_grads=(-self.data,)')], "that is −a itself"),
        (
            [('Value(-self.data, (self,), "neg", local_grads=(-1.0,))', "Value(-self.data)")],
            "a got no gradient",
        ),
        ([("local_grads=(1.0, -1.0)", "local_grads=(-1.0, 1.0)")], "swapped the local derivatives"),
        ([("local_grads=(1.0, -1.0)", "local_grads=(1.0, 1.0)")], "wrong sign"),
        ([("self.data - other.data", "other.data - self.data")], "that is b − a"),
        ([("self.data - other.data", "self.data + other.data")], "that is a + b"),
        ([("return Value(other) - self", "return self - Value(other)")], "means other − self"),
        (
            [
                (
                    'return Value(-self.data, (self,), "neg", local_grads=(-1.0,))',
                    "return -self.data",
                )
            ],
            "not a Value",
        ),
        ([("local_grads=(1.0, -1.0)", "local_grads=(Value(1.0), Value(-1.0))")], "not a number"),
        # right at a = 2, wrong for a negative input: only the generated graphs show it
        (
            [('"neg", local_grads=(-1.0,)', '"neg", local_grads=(-abs(self.data) / self.data,)')],
            "in v2 = neg(",
        ),
    ],
)
def test_neg_sub_wrong(replace, words):
    assert_verdict(check_neg_sub(student("08.1", replace=replace)["Value"]), False, words)


def test_neg_sub_names_the_node_on_a_generated_graph():
    v = check_neg_sub(
        student(
            "08.1",
            replace=[
                ('"neg", local_grads=(-1.0,)', '"neg", local_grads=(-abs(self.data) / self.data,)')
            ],
        )["Value"]
    )
    assert "the gradients differ on" in v.message and "should be" in v.message, v.message


def test_neg_sub_raises_and_loops(short_limit):
    raising = student("08.1", extra="def s(self, o): raise ValueError('boom')\nValue.__sub__ = s")
    assert_verdict(check_neg_sub(raising["Value"]), False, ["raised ValueError", "boom"])
    looping = student("08.1", extra="def s(self):\n    while True: pass\nValue.__neg__ = s")
    assert_verdict(check_neg_sub(looping["Value"]), False, "did not finish within 0.5 s")
    garbage = student("08.1", extra="Value.__sub__ = lambda self, o: 'x'")
    assert_verdict(check_neg_sub(garbage["Value"]), False, "not a Value")


# ----- 08.2 powers and division -----


@pytest.mark.parametrize(
    "extra",
    [
        "Value.__truediv__ = lambda self, other: self * (other if isinstance(other, Value) else Value(other)) ** -1",
        "Value.__rtruediv__ = lambda self, other: Value(other) * self ** -1",
    ],
)
def test_pow_div_right_variants(extra):
    assert_verdict(check_pow_div(student("08.2", extra=extra)["Value"]), True, "match the package")


@pytest.mark.parametrize(
    "replace, words",
    [
        ([("k * self.data ** (k - 1)", "k * self.data ** k")], "kept the power"),
        ([("k * self.data ** (k - 1)", "self.data ** (k - 1)")], "dropped the k"),
        ([("k * self.data ** (k - 1)", "k * self.data")], "drops by ONE"),
        ([("k * self.data ** (k - 1)", "k * self.data ** (k + 1)")], "does not rise"),
        ([("(1 / b, -a / b**2)", "(1 / b, a / b**2)")], "wrong sign"),
        ([("(1 / b, -a / b**2)", "(1 / b, 1 / b)")], "numerator's derivative"),
        ([("(1 / b, -a / b**2)", "(1 / b, -1 / b**2)")], "keep the factor a"),
        ([("(1 / b, -a / b**2)", "(1 / b, -a / b)")], "that is −a/b"),
        ([("(1 / b, -a / b**2)", "(b, -a / b**2)")], "not b"),
        ([("(1 / b, -a / b**2)", "(-a / b**2, 1 / b)")], "swap the two local derivatives"),
        ([("Value(a / b,", "Value(b / a,")], "that is b / a"),
        ([("return Value(other) / self", "return self / Value(other)")], "means other / self"),
    ],
)
def test_pow_div_wrong(replace, words):
    assert_verdict(check_pow_div(student("08.2", replace=replace)["Value"]), False, words)


def test_pow_div_graph_only_mistake():
    # |x| instead of x: right for the positive bases of the small probes, wrong on the graphs
    v = check_pow_div(
        student("08.2", replace=[("k * self.data ** (k - 1)", "k * abs(self.data) ** (k - 1)")])[
            "Value"
        ]
    )
    assert_verdict(v, False, ["the gradients differ on", "**"])


# ----- 08.3 exp and log -----


@pytest.mark.parametrize(
    "extra",
    [
        "Value.exp = lambda self: Value(math.exp(self.data), (self,), 'exp', local_grads=(math.exp(self.data),))",
        "Value.log = lambda self: Value(math.log(self.data), (self,), 'ln', local_grads=(self.data ** -1,))",
    ],
)
def test_exp_log_right_variants(extra):
    assert_verdict(check_exp_log(student("08.3", extra=extra)["Value"]), True, "match the package")


@pytest.mark.parametrize(
    "replace, words",
    [
        ([('"exp", local_grads=(out,)', '"exp", local_grads=(1.0,)')], "not 1"),
        (
            [
                (
                    '"exp", local_grads=(out,)',
                    '"exp", local_grads=(self.data * math.exp(self.data - 1),)',
                )
            ],
            "the power rule does not apply",
        ),
        ([('"exp", local_grads=(out,)', '"exp", local_grads=(self.data,)')], "not a"),
        ([("math.exp(self.data)", "math.exp(-self.data)")], "e^(−a)"),
        ([("Value(math.log(self.data)", "Value(math.log10(self.data)")], "log base 10"),
        (
            [("local_grads=(1 / self.data,)", "local_grads=(math.log(self.data),)")],
            "that is log(a) itself",
        ),
        (
            [("local_grads=(1 / self.data,)", "local_grads=(-1 / self.data**2,)")],
            "derivative of 1/a",
        ),
        ([("local_grads=(1 / self.data,)", "local_grads=(self.data,)")], "not a."),
    ],
)
def test_exp_log_wrong(replace, words):
    assert_verdict(check_exp_log(student("08.3", replace=replace)["Value"]), False, words)


# ----- 08.4 sigmoid -----


@pytest.mark.parametrize(
    "extra",
    [
        # the derivative as first derived, before simplifying
        "Value.sigmoid = lambda self: Value(1 / (1 + math.exp(-self.data)), (self,), 'sigmoid', "
        "local_grads=(math.exp(-self.data) / (1 + math.exp(-self.data)) ** 2,))",
        # sigmoid built from the operations of 08.1-08.3: a composite, same gradients
        "Value.sigmoid = lambda self: 1 / (1 + (-self).exp())",
    ],
)
def test_sigmoid_right_variants(extra):
    ns = student("08.1", "08.2", "08.3", "08.4", extra=extra)
    assert_verdict(check_sigmoid(ns["Value"]), True, "match the expected gradients")


@pytest.mark.parametrize(
    "local, words",
    [
        ("-s * (1 - s)", "the wrong sign"),
        ("math.exp(-self.data) / (1 + math.exp(-self.data))", "the denominator is squared"),
        ("-math.exp(-self.data) / (1 + math.exp(-self.data))", "two slips"),
        ("s", "that is σ itself"),
        ("self.data * (1 - self.data)", "you used x where σ belongs"),
        ("1 - s**2", "pattern of tanh"),
        ("math.exp(-self.data)", "outer power"),
        ("0.25", "at x = -2 the slope of σ"),
    ],
)
def test_sigmoid_wrong_derivatives(local, words):
    ns = student("08.4", replace=[("local_grads=(s * (1 - s),)", f"local_grads=({local},)")])
    assert_verdict(check_sigmoid(ns["Value"]), False, words)


F32 = "__import__('numpy').float32"  # float32 agrees with float64 to about 7 digits


@pytest.mark.parametrize(
    "old, new, words",
    [
        (
            "local_grads=(s * (1 - s),)",
            f"local_grads=({F32}(s * (1 - s)),)",
            "is 0.10499359; your local derivative gives 0.10499358",
        ),
        (
            "s = 1 / (1 + math.exp(-self.data))",
            f"s = {F32}(1 / (1 + math.exp(-self.data)))",
            "σ(-2) should be 0.119202922, yours is 0.119202919",
        ),
    ],
)
def test_sigmoid_float32_shows_the_digits_that_differ(old, new, words):
    assert_verdict(check_sigmoid(student("08.4", replace=[(old, new)])["Value"]), False, words)


def test_sigmoid_wrong_forward():
    ns = student("08.4", replace=[("math.exp(-self.data)", "math.exp(self.data)")])
    assert_verdict(check_sigmoid(ns["Value"]), False, "1/(1 + e^(+x))")


def test_sigmoid_returning_a_number():
    ns = student("08.4", extra="Value.sigmoid = lambda self: 1 / (1 + math.exp(-self.data))")
    assert_verdict(check_sigmoid(ns["Value"]), False, "not a Value")


# ----- 08.5 the gradient checker -----


def checker(replace=(), extra=""):
    return student("08.5", replace=replace, extra=extra)["my_gradient_check"]


RIGHT_CHECKERS = {
    "solution": "",
    "zero_grad first, h/2 each side, numpy bool": """
import numpy as np
def my_gradient_check(f, leaves, h=1e-5):
    out = f(); out.zero_grad(); out.backward()
    bad = []
    for leaf in leaves:
        x = leaf.data
        leaf.data = x + h / 2; up = f().data
        leaf.data = x - h / 2; down = f().data
        leaf.data = x
        bad.append(not agree(leaf.grad, (up - down) / h))
    return np.bool_(not any(bad))
""",
    "all() over estimates, restored with try/finally": """
def my_gradient_check(f, leaves, h=1e-5):
    f().backward()
    def estimate(leaf):
        x = leaf.data
        try:
            leaf.data = x + h; up = f().data
            leaf.data = x - h; down = f().data
        finally:
            leaf.data = x
        return (up - down) / (2 * h)
    return all([agree(leaf.grad, estimate(leaf)) for leaf in leaves])
""",
    "a backward per leaf, the grads zeroed before each": """
def my_gradient_check(f, leaves, h=1e-5):
    ok = True
    for leaf in leaves:
        out = f(); out.zero_grad(); out.backward()
        x = leaf.data
        leaf.data = x + h; up = f().data
        leaf.data = x - h; down = f().data
        leaf.data = x
        ok = agree(leaf.grad, (up - down) / (2 * h)) and ok
    return ok
""",
}


@pytest.mark.parametrize("name", list(RIGHT_CHECKERS))
def test_gradient_checker_right(name):
    assert_verdict(
        check_gradient_checker(checker(extra=RIGHT_CHECKERS[name])), True, "told 7 engines apart"
    )


WRONG_CHECKERS = [
    ("def my_gradient_check(f, leaves, h=1e-5):\n    return True", "your checker said OK (True)"),
    ("def my_gradient_check(f, leaves, h=1e-5):\n    return False", "never called f()"),
    (
        "def my_gradient_check(f, leaves, h=1e-5):\n    f().backward()\n    return True",
        "never nudged a leaf",
    ),
    (
        "def my_gradient_check(f, leaves, h=1e-5):\n    f().backward()\n    for leaf in leaves:\n"
        "        x = leaf.data; leaf.data = x + h; f(); leaf.data = x - h; f(); leaf.data = x\n    return True",
        "missed it",
    ),
    (
        "def my_gradient_check(f, leaves, h=1e-5):\n    f().backward()\n    for leaf in leaves:\n"
        "        leaf.data += h; f(); leaf.data -= 2 * h; f(); leaf.data += h\n    return True",
        "does not give the same float back",
    ),
    ("def my_gradient_check(f, leaves, h=1e-5):\n    return None", "forget `return ok`"),
    ("def my_gradient_check(f, leaves, h=1e-5):\n    return 'yes'", "True or False"),
    ("def my_gradient_check(f, leaves, h=1e-5):\n    return 1", "True or False"),
    ("def my_gradient_check(f, leaves, h=1e-5):\n    raise KeyError('k')", "raised KeyError"),
]


@pytest.mark.parametrize("code, words", WRONG_CHECKERS)
def test_gradient_checker_wrong_whole(code, words):
    assert_verdict(check_gradient_checker(checker(extra=code)), False, words)


@pytest.mark.parametrize(
    "replace, words",
    [
        (
            [("        leaf.data = x  # put it back before the next leaf\n", "")],
            "forgot to restore",
        ),
        (
            [
                (
                    "leaf.data = x - h\n        down = f().data",
                    "leaf.data = x\n        down = f().data",
                ),
                ("(up - down) / (2 * h)", "(up - down) / h"),
            ],
            "forward difference",
        ),
        ([("    for leaf in leaves:", "    for leaf in leaves[:1]:")], "never nudged b"),
        ([("    f().backward()\n", "")], "grads are all 0"),
        (
            [("    f().backward()\n", "    f().backward()\n    f().backward()\n")],
            ["2 times the gradient of f", "grads add up across backward calls"],
        ),
        (  # one backward per leaf, never zeroed: the second leaf sees twice its gradient
            [
                ("    f().backward()\n", ""),
                ("        x = leaf.data\n", "        f().backward()\n        x = leaf.data\n"),
            ],
            ["backward() ran 2 times", "Call f().backward() once", "zero the grads"],
        ),
    ],
)
def test_gradient_checker_typical_mistakes(replace, words):
    assert_verdict(check_gradient_checker(checker(replace=replace)), False, words)


def test_gradient_checker_forward_with_its_own_tiny_step():
    # right answers everywhere (its own h = 1e-7 is small enough), but still one-sided
    code = """
def my_gradient_check(f, leaves, h=1e-5):
    f().backward()
    ok = True
    for leaf in leaves:
        x = leaf.data; base = f().data
        leaf.data = x + 1e-7; up = f().data
        leaf.data = x
        ok = ok and agree(leaf.grad, (up - base) / 1e-7)
    return ok
"""
    assert_verdict(check_gradient_checker(checker(extra=code)), False, "forward difference")


def test_gradient_checker_garbage(short_limit):
    assert_verdict(check_gradient_checker(...), False, "replace the `...`", done=False)
    stub = "def my_gradient_check(f, leaves, h=1e-5):\n    raise NotImplementedError"
    assert_verdict(
        check_gradient_checker(checker(extra=stub)), False, "NotImplementedError", done=False
    )
    loop = "def my_gradient_check(f, leaves, h=1e-5):\n    while True: pass"
    assert_verdict(
        check_gradient_checker(checker(extra=loop)), False, "did not finish within 0.5 s"
    )
    for garbage in GARBAGE:
        assert_verdict(check_gradient_checker(garbage), False, "expected your function")
