"""Lesson 08 checks: the operations you add to your Value, and a gradient checker of your own.

Each operation check first tries a few small expressions whose mistakes it can name (the
wrong sign, swapped operands, the power rule half applied, ...), then builds generated
graphs that use the operation many times, with shared inner nodes, with your class and
with the package's, and compares the data and the grad of every node.
"""

import math
import random

from ..engine import Value as _Package
from ..mine import reference_code
from . import base, graphs
from .base import Stop, Verdict, add_solution, apart, check, describe, is_value

__all__ = [
    "check_exp_log",
    "check_gradient_checker",
    "check_neg_sub",
    "check_pow_div",
    "check_sigmoid",
]  # the checks a notebook imports

TOL = 1e-8  # relative: the package and your class may round a different way (a/b vs a·b⁻¹)


# ----- graphs with the new operations -----
# Steps as in graphs.py, plus ("neg", i) for -v_i and ("sigmoid", i), which the package's
# Value has no method for (its reference is built below from the package's constructor).


def _sigmoid(x):
    """σ(x) = 1/(1 + e^(−x)), computed without overflow for any float x."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def _package_sigmoid(node):
    s = _sigmoid(node.data)
    return _Package(s, (node,), "sigmoid", local_grads=(s * (1.0 - s),))


def build(program, cls):
    """Run `program` with class `cls` (graphs.build, plus "neg" and "sigmoid")."""
    names = graphs.node_names(program)
    nodes = []
    for name, (op, *args) in zip(names, program):
        if op == "leaf":
            node = cls(args[0], label=name)
        elif op == "neg":
            node = -nodes[args[0]]
        elif op == "sigmoid" and cls is _Package:
            node = _package_sigmoid(nodes[args[0]])
        elif len(args) == 1:
            node = getattr(nodes[args[0]], op)()
        else:
            i, j = args
            if op.startswith("r"):
                node = graphs.BINARY[op[1:]](j, nodes[i])
            else:
                node = graphs.BINARY[op](nodes[i], nodes[j] if isinstance(j, int) else j)
        if op != "leaf":
            try:
                node.label = name
            except AttributeError:  # not a Value: reported by the caller
                pass
        nodes.append(node)
    return nodes


def _forward(step, values):
    """The number a step makes from earlier numbers, or None outside the safe range."""
    op, *args = step
    if op == "neg":
        return -values[args[0]]
    if len(args) == 1:
        x = values[args[0]]
        if op == "exp":
            return math.exp(x) if x <= 3.0 else None
        if op == "log":
            return math.log(x) if x >= 0.1 else None
        return {"sigmoid": _sigmoid, "tanh": math.tanh}[op](x)
    i, j = args
    if op.startswith("r"):
        a, b = j, values[i]
        op = op[1:]
    else:
        a, b = values[i], (values[j] if isinstance(j, int) else j)
    if op == "/" and abs(b) < 0.25:
        return None
    if op == "**" and ((b != int(b) and a < 0.05) or (b < 0 and abs(a) < 0.25)):
        return None
    return graphs.BINARY[op](a, b)


def op_graph(seed, ops, size=12, n_leaves=3):
    """A random program of `size` steps over `ops`, each step using the one before it (so
    every node feeds the output) and often an earlier node too (so inner nodes are shared);
    every number kept small and every operation inside its domain. Kinds in `ops`: "+", "*", "-", "/" (two nodes); "+c",
    "*c", "-c", "/c" (a node and a number), "c-", "c/" (a number and a node), "**k"
    (a number exponent); "neg", "exp", "log", "sigmoid", "tanh"."""
    rng = random.Random(seed)
    program = [("leaf", round(rng.uniform(-2.0, 2.0), 2) or 0.5) for _ in range(n_leaves)]
    values = [step[1] for step in program]
    tries = 0
    while len(program) < size and tries < 10_000:
        tries += 1
        last = len(program) - 1
        i = (
            last if len(program) > n_leaves else rng.randrange(n_leaves)
        )  # every node feeds the output
        j = rng.randrange(len(program))  # an earlier node, used again: shared inner nodes
        kind = rng.choice(ops)
        c = rng.choice([2.0, 0.5, -1.5, 3.0])
        if kind in ("+", "*", "-", "/"):
            step = (kind, i, j)
        elif kind in ("+c", "*c", "-c", "/c"):
            step = (kind[0], i, c)
        elif kind in ("c-", "c/"):
            step = ("r" + kind[1], i, c)
        elif kind == "**k":
            step = ("**", i, rng.choice([2.0, 3.0, -1.0, 0.5, -2.0]))
        else:
            step = (kind, i)
        value = _forward(step, values)
        if value is None or abs(value) > 30.0:
            continue
        program.append(step)
        values.append(value)
    return program


_SHOWN = {
    "+c": "v + 2",
    "*c": "v * 2",
    "-c": "v - 2",
    "/c": "v / 2",
    "c-": "2 - v",
    "c/": "2 / v",
    "**k": "v ** k",
    "neg": "-v",
}


def _described(ops, seeds, extra=()):
    names = ", ".join(_SHOWN.get(o, o) for o in ops)
    return list(extra) + [(f"random graph #{s} over {names}", op_graph(s, ops)) for s in seeds]


# ----- running the student's class -----


def _run(func, *args, what):
    return base.run(func, *args, what=what, limit=base.TIME_LIMIT)


def _need_class(cls, methods):
    if not isinstance(cls, type):
        raise Stop(
            Verdict(
                False, f"pass your Value class itself, as in check(Value); got {describe(cls)}."
            )
        )
    missing = [m for m in methods if not callable(getattr(cls, m, None))]
    if missing:
        shown = ", ".join(missing)
        raise Stop(
            Verdict(
                False,
                f"your Value has no {shown} yet: define the function and attach it, "
                f"e.g. Value.{missing[0]} = {missing[0]}.",
            )
        )


def _is_number(x):
    try:
        return not isinstance(x, (bool, str, bytes)) and math.isfinite(float(x))
    except (TypeError, ValueError, OverflowError):
        return False


def compare_on(cls, program, description):
    """Build `program` with `cls` and with the package's Value; compare every node's data,
    then run backward on both and compare every node's grad. Stop at the first difference."""
    mine = _run(build, program, cls, what=f"building {description} with your Value")
    names = graphs.node_names(program)
    for k, node in enumerate(mine):
        if not is_value(node):
            raise Stop(
                Verdict(
                    False,
                    f"on {description}: {graphs.formula(program, k, names)} gave "
                    f"{describe(node)}, not a Value. Every operation must return a "
                    "new Value (with its children and local derivatives).",
                )
            )
    theirs = build(program, _Package)
    diff = graphs.first_difference(program, mine, theirs, "data", TOL)
    if diff:
        raise Stop(
            Verdict(
                False,
                f"the forward pass differs on {description}: {diff}"
                f"{_spelled_out(program, description)}",
            )
        )
    _run(mine[-1].backward, what="backward() on your graph")
    theirs[-1].backward()
    diff = first_grad_difference(program, mine, theirs)
    if diff:
        raise Stop(
            Verdict(
                False,
                f"the gradients differ on {description}: {diff}"
                f"{_spelled_out(program, description)}",
            )
        )


def _spelled_out(program, description):
    """The whole graph in words, for a generated graph the student cannot see."""
    if not description.startswith("random"):
        return ""
    names = graphs.node_names(program)
    return (
        " (The graph: "
        + "; ".join(
            f"{names[k]} = {step[1]:g}" if step[0] == "leaf" else graphs.formula(program, k, names)
            for k, step in enumerate(program)
        )
        + ".)"
    )


def first_grad_difference(program, mine, theirs):
    """Walking down from the output, the first node whose grad differs, and the operations
    that pass it its gradient (one of their local derivatives is wrong); None if all agree."""
    names = graphs.node_names(program)
    for k in reversed(range(len(program))):
        got, want = mine[k].grad, theirs[k].grad
        if _is_number(got) and _near(float(got), want, TOL):
            continue
        if _is_number(got):
            shown, want = apart(float(got), want)
        else:
            shown, want = describe(got), f"{want:.6g}"
        users = [
            graphs.formula(program, m, names)
            for m, (op, *args) in enumerate(program)
            if op != "leaf"
            and (
                args[0] == k
                or (
                    len(args) == 2
                    and not op.startswith("r")
                    and isinstance(args[1], int)
                    and args[1] == k
                )
            )
        ]
        return (
            f"{names[k]}.grad should be {want}, yours is {shown}, while every node after it "
            f"is right. So a local derivative that {names[k]} gets is wrong, in "
            f"{' or '.join(users)}."
        )
    return None


def _probe(cls, expression, inputs, what):
    """Build `expression(*leaves)` with the student's class at `inputs`, run backward;
    return (output data, [grad of each leaf]) as floats, or Stop naming what went wrong."""

    def go():
        leaves = [cls(x, label=n) for n, x in zip("abc", inputs)]
        out = expression(*leaves)
        if not is_value(out):
            return out, None
        out.backward()
        return out, leaves

    out, leaves = _run(go, what=f"`{what}`")
    if leaves is None:
        raise Stop(
            Verdict(
                False,
                f"`{what}` gave {describe(out)}, not a Value: the operation must "
                "return a new Value.",
            )
        )
    if not _is_number(out.data):
        raise Stop(Verdict(False, f"`{what}` has .data = {describe(out.data)}, not a number."))
    grads = [leaf.grad for leaf in leaves]
    for name, g in zip("abc", grads):
        if not _is_number(g):
            raise Stop(
                Verdict(
                    False,
                    f"after backward on `{what}`, {name}.grad is {describe(g)}, "
                    "not a number: multiply numbers (.data), not Values, in the "
                    "local derivatives.",
                )
            )
    return float(out.data), [float(g) for g in grads]


def _near(x, y, tol=1e-9):
    return abs(x - y) <= tol * max(1.0, abs(y))


def _expect(got, want, what, wrong=()):
    """Stop unless got ≈ want; `wrong` lists (value, message) for typical mistakes."""
    if _near(got, want):
        return
    for value, message in wrong:
        if _near(got, value):
            raise Stop(Verdict(False, f"{what} is {got:.6g}: {message}"))
    got, want = apart(got, want)
    raise Stop(Verdict(False, f"{what} should be {want}, yours is {got}."))


# ----- 08.1 negation and subtraction -----

SUB_OPS = ("+", "*", "-", "+c", "*c", "-c", "c-", "neg")
SUB_EXTRA = [
    (
        "(a − b)·(b − a), a and b each used twice",
        [("leaf", 1.5), ("leaf", -2.0), ("-", 0, 1), ("-", 1, 0), ("*", 2, 3)],
    ),
    ("a − a", [("leaf", 3.0), ("-", 0, 0)]),
    ("−(−a)·a", [("leaf", 1.25), ("neg", 0), ("neg", 1), ("*", 2, 0)]),
]


@check(
    "08.1",
    "Write __neg__ first (−self: one child, local derivative −1), then __sub__ and __rsub__.",
)
def check_neg_sub(Value):
    """Exercise 08.1: your Value's __neg__, __sub__ and __rsub__."""
    _need_class(Value, ["__neg__", "__sub__", "__rsub__"])
    d, (ga,) = _probe(Value, lambda a: -a, [2.0], "-a")
    _expect(d, -2.0, "−a at a = 2")
    _expect(
        ga,
        -1.0,
        "after backward on −a, a.grad",
        [
            (1.0, "the local derivative of −a is −1: yours passes the gradient on unchanged."),
            (
                0.0,
                "a got no gradient: give the new Value its child and local derivative, (self,) and (-1.0,).",
            ),
            (-2.0, "that is −a itself; the local derivative of −a is the number −1."),
        ],
    )
    d, (ga, gb) = _probe(Value, lambda a, b: a - b, [5.0, 2.0], "a - b")
    _expect(
        d,
        3.0,
        "a − b at a = 5, b = 2",
        [
            (-3.0, "that is b − a: __sub__(self, other) is self − other."),
            (7.0, "that is a + b: subtract other.data."),
        ],
    )
    if _near(ga, -1.0) and _near(gb, 1.0):
        raise Stop(
            Verdict(
                False,
                "in a − b you swapped the local derivatives: a gets 1, b gets −1 "
                "(in operand order, (1.0, -1.0)).",
            )
        )
    _expect(ga, 1.0, "after backward on a − b, a.grad")
    _expect(
        gb,
        -1.0,
        "after backward on a − b, b.grad",
        [
            (
                1.0,
                "the wrong sign: making b bigger makes a − b smaller, so b's local derivative is −1.",
            ),
            (0.0, "b got no gradient: is b a child of a − b, with local derivative −1?"),
        ],
    )
    d, (ga,) = _probe(Value, lambda a: a - 2, [5.0], "a - 2")
    _expect(d, 3.0, "a − 2 at a = 5")
    _expect(ga, 1.0, "after backward on a − 2, a.grad")
    d, (ga,) = _probe(Value, lambda a: 2 - a, [5.0], "2 - a")
    _expect(
        d,
        -3.0,
        "2 − a at a = 5 (Python calls a.__rsub__(2))",
        [(3.0, "that is a − 2: __rsub__(self, other) means other − self, so the order flips.")],
    )
    _expect(
        ga,
        -1.0,
        "after backward on 2 − a, a.grad",
        [(1.0, "the wrong sign: in 2 − a, a has local derivative −1.")],
    )
    cases = _described(SUB_OPS, range(8), SUB_EXTRA)
    for description, program in cases:
        compare_on(Value, program, description)
    return Verdict(
        True,
        f"−a, a − b, a − 2 and 2 − a are right, and {len(cases)} graphs built "
        "with them (shared nodes, inputs used twice) match the package node by node.",
    )


# ----- 08.2 powers and division -----

DIV_OPS = ("+", "*", "/", "*c", "/c", "c/", "**k")
DIV_EXTRA = [
    ("(a/b)·(b/a)", [("leaf", 1.5), ("leaf", -2.0), ("/", 0, 1), ("/", 1, 0), ("*", 2, 3)]),
    ("a / a", [("leaf", 3.0), ("/", 0, 0)]),
    (
        "(a**3 + a**0.5)**-2",
        [("leaf", 1.3), ("**", 0, 3.0), ("**", 0, 0.5), ("+", 1, 2), ("**", 3, -2.0)],
    ),
]


@check(
    "08.2",
    "Write __pow__ first (a number exponent k: local derivative k·x^(k−1)), then __truediv__ "
    "and __rtruediv__.",
)
def check_pow_div(Value):
    """Exercise 08.2: your Value's __pow__ (number exponent), __truediv__ and __rtruediv__."""
    _need_class(Value, ["__pow__", "__truediv__", "__rtruediv__"])
    d, (gx,) = _probe(Value, lambda a: a**3, [2.0], "a ** 3")
    _expect(d, 8.0, "a ** 3 at a = 2")
    _expect(
        gx,
        12.0,
        "after backward on a ** 3 at a = 2, a.grad",
        [
            (24.0, "you brought the 3 down but kept the power: k·x^(k−1) = 3·2² = 12."),
            (4.0, "you lowered the power but dropped the k in front: k·x^(k−1) = 3·2² = 12."),
            (6.0, "the power drops by ONE, from 3 to 2: 3·x², not 3·x."),
            (8.0, "that is x³ itself, the value, not its slope k·x^(k−1)."),
            (48.0, "the power drops by one (3 → 2), it does not rise: 3·x²."),
        ],
    )
    d, (gx,) = _probe(Value, lambda a: a**-1, [2.0], "a ** -1")
    _expect(d, 0.5, "a ** -1 at a = 2")
    _expect(
        gx,
        -0.25,
        "after backward on a ** -1 at a = 2, a.grad",
        [
            (0.25, "the wrong sign: k = −1 comes down in front, −1·x⁻²."),
            (-1.0, "k·x^(k−1) with k = −1 is −x⁻² = −0.25: the power drops from −1 to −2."),
        ],
    )
    d, (gx,) = _probe(Value, lambda a: a**0.5, [4.0], "a ** 0.5")
    _expect(d, 2.0, "a ** 0.5 at a = 4")
    _expect(gx, 0.25, "after backward on a ** 0.5 at a = 4, a.grad")
    d, (ga, gb) = _probe(Value, lambda a, b: a / b, [3.0, 2.0], "a / b")
    _expect(
        d,
        1.5,
        "a / b at a = 3, b = 2",
        [(2.0 / 3.0, "that is b / a: __truediv__(self, other) is self / other.")],
    )
    _expect(
        ga,
        0.5,
        "after backward on a / b at a = 3, b = 2, a.grad",
        [
            (2.0, "∂(a/b)/∂a is 1/b, not b."),
            (-0.75, "that is ∂(a/b)/∂b; did you swap the two local derivatives?"),
        ],
    )
    _expect(
        gb,
        -0.75,
        "after backward on a / b at a = 3, b = 2, b.grad",
        [
            (
                0.75,
                "right size, wrong sign: a/b = a·b⁻¹ and the power rule on b⁻¹ gives −b⁻², so −a/b².",
            ),
            (0.5, "1/b is the numerator's derivative; for b write a/b = a·b⁻¹: −a/b²."),
            (-0.25, "that is −1/b²; keep the factor a: −a/b²."),
            (-1.5, "that is −a/b; the power rule on b⁻¹ gives b⁻², so −a/b²."),
        ],
    )
    d, (ga,) = _probe(Value, lambda a: a / 2, [3.0], "a / 2")
    _expect(d, 1.5, "a / 2 at a = 3")
    _expect(ga, 0.5, "after backward on a / 2, a.grad")
    d, (ga,) = _probe(Value, lambda a: 2 / a, [4.0], "2 / a")
    _expect(
        d,
        0.5,
        "2 / a at a = 4 (Python calls a.__rtruediv__(2))",
        [(2.0, "that is a / 2: __rtruediv__(self, other) means other / self.")],
    )
    _expect(
        ga,
        -0.125,
        "after backward on 2 / a at a = 4, a.grad",
        [
            (0.5, "that is the derivative of a / 2; for 2 / a it is −2/a²."),
            (0.125, "the wrong sign: d(2/a)/da = −2/a²."),
        ],
    )
    cases = _described(DIV_OPS, range(8), DIV_EXTRA)
    for description, program in cases:
        compare_on(Value, program, description)
    return Verdict(
        True,
        f"powers (3, −1, 0.5), a / b, a / 2 and 2 / a are right, and {len(cases)} "
        "graphs built with them match the package node by node.",
    )


# ----- 08.3 exp and log -----

EXP_OPS = ("+", "*", "+c", "*c", "exp", "log")
EXP_EXTRA = [
    ("exp(a)·log(a)", [("leaf", 1.7), ("exp", 0), ("log", 0), ("*", 1, 2)]),
    ("log(exp(a))", [("leaf", -0.8), ("exp", 0), ("log", 1)]),
]


@check(
    "08.3",
    "Write exp first (its local derivative is its own output), then log (local derivative 1/x).",
)
def check_exp_log(Value):
    """Exercise 08.3: your Value's exp() and log()."""
    _need_class(Value, ["exp", "log"])
    e2 = math.exp(2.0)
    d, (g,) = _probe(Value, lambda a: a.exp(), [2.0], "a.exp()")
    _expect(
        d,
        e2,
        "exp(a) at a = 2",
        [
            (2.0**math.e, "that is a^e; exp(a) is e^a: math.exp(self.data)."),
            (math.exp(-2.0), "that is e^(−a)."),
        ],
    )
    _expect(
        g,
        e2,
        "after backward on exp(a) at a = 2, a.grad",
        [
            (
                2.0 * math.exp(1.0),
                "the power rule does not apply: in e^a the variable is the exponent. "
                "d/da e^a = e^a, the output itself.",
            ),
            (1.0, "the local derivative of exp is its output e^a, not 1."),
            (2.0, "the local derivative of exp is its output e^a, not a."),
        ],
    )
    d, (g,) = _probe(Value, lambda a: a.log(), [2.0], "a.log()")
    _expect(
        d,
        math.log(2.0),
        "log(a) at a = 2",
        [
            (math.log10(2.0), "that is log base 10; the natural log is math.log(x)."),
            (math.log2(2.0), "that is log base 2; the natural log is math.log(x)."),
        ],
    )
    _expect(
        g,
        0.5,
        "after backward on log(a) at a = 2, a.grad",
        [
            (math.log(2.0), "that is log(a) itself; its slope is 1/a."),
            (2.0, "the slope of log(a) is 1/a, not a."),
            (-0.25, "−1/a² is the derivative of 1/a; the derivative of log(a) is 1/a."),
            (1.0 / math.log(10.0) / 2.0, "that is the slope of log base 10; use the natural log."),
        ],
    )
    cases = _described(EXP_OPS, range(8), EXP_EXTRA)
    for description, program in cases:
        compare_on(Value, program, description)
    return Verdict(
        True,
        f"exp and log are right, and {len(cases)} graphs built with them match the "
        "package node by node.",
    )


# ----- 08.4 sigmoid: a local derivative the text did not derive -----

SIGMOID_POINTS = (-2.0, -0.5, 0.3, 1.5, 3.0)
SIGMOID_OPS = ("+", "*", "+c", "*c", "sigmoid")


def _sigmoid_mistakes():
    s = _sigmoid

    def e(x):
        return math.exp(-x)

    return [
        (
            lambda x: -s(x) * (1 - s(x)),
            "the wrong sign: d/dx e^(−x) = −e^(−x), and the power rule on "
            "(1 + e^(−x))⁻¹ brings another −1; the two minus signs cancel",
        ),
        (
            lambda x: e(x) / (1 + e(x)),
            "e^(−x)/(1 + e^(−x)) forgets that the power drops from −1 to −2: "
            "the denominator is squared",
        ),
        (
            lambda x: -e(x) / (1 + e(x)),
            "two slips: the sign (the minus signs cancel) and the square on the denominator",
        ),
        (
            lambda x: s(x),
            "that is σ itself; only exp is its own derivative. Differentiate "
            "(1 + e^(−x))⁻¹ with the power rule and the chain rule",
        ),
        (
            lambda x: x * (1 - x),
            "you used x where σ belongs: write the derivative in terms of the "
            "output σ(x), not the input",
        ),
        (lambda x: 1 - s(x) ** 2, "1 − σ² is the pattern of tanh (1 − t²), not of the sigmoid"),
        (
            lambda x: 1 - s(x),
            "that is e^(−x)/(1 + e^(−x)) = 1 − σ: the denominator must be squared, "
            "which leaves another factor σ",
        ),
        (
            lambda x: e(x),
            "that is only the inner derivative's size; the outer power (1 + e^(−x))⁻¹ "
            "contributes −(1 + e^(−x))⁻²",
        ),
    ]


@check(
    "08.4",
    "Derive dσ/dx on paper first (write σ = (1 + e^(−x))⁻¹), then write sigmoid as one operation.",
)
def check_sigmoid(Value):
    """Exercise 08.4: your Value's sigmoid(): σ(x) = 1/(1 + e^(−x)) and its local derivative."""
    _need_class(Value, ["sigmoid"])
    got = []
    for x in SIGMOID_POINTS:
        d, (g,) = _probe(Value, lambda a: a.sigmoid(), [x], "a.sigmoid()")
        if _near(d, _sigmoid(-x)) and x != 0:
            raise Stop(
                Verdict(
                    False,
                    f"σ({x:g}) is {d:.6g}: that is 1/(1 + e^(+x)); the sigmoid is "
                    "1/(1 + e^(−x)), which is above 0.5 for positive x.",
                )
            )
        _expect(d, _sigmoid(x), f"σ({x:g})")
        got.append(g)
    right = [_sigmoid(x) * (1 - _sigmoid(x)) for x in SIGMOID_POINTS]
    if not all(_near(g, r) for g, r in zip(got, right)):
        for wrong, why in _sigmoid_mistakes():
            if all(_near(g, wrong(x), 1e-7) for g, x in zip(got, SIGMOID_POINTS)):
                raise Stop(Verdict(False, f"your local derivative of the sigmoid is off: {why}."))
        k = next(i for i, (g, r) in enumerate(zip(got, right)) if not _near(g, r))
        x = SIGMOID_POINTS[k]
        mine, slope = apart(got[k], right[k])
        raise Stop(
            Verdict(
                False,
                f"at x = {x:g} the slope of σ (measure it: (σ(x+h) − σ(x−h))/2h) is "
                f"{slope}; your local derivative gives {mine}.",
            )
        )
    cases = _described(SIGMOID_OPS, range(8))
    for description, program in cases:
        compare_on(Value, program, description)
    return Verdict(
        True,
        f"σ and its local derivative are right at x = "
        f"{', '.join(f'{x:g}' for x in SIGMOID_POINTS)}, and {len(cases)} graphs using "
        "sigmoid match the expected gradients node by node. Written with the output, "
        "the derivative needs no second exp.",
    )


# ----- 08.5 a gradient checker of your own -----


def agree(grad, estimate):
    """The rule the exercise gives for "these agree": within 1e-4, relative to the size."""
    return abs(grad - estimate) <= 1e-4 * max(1.0, abs(estimate))


def _wrong_mul(a, b, which):
    """a·b with a deliberately wrong local derivative for operand `which` (0 or 1)."""
    grads = [b.data, a.data]
    grads[which] = grads[which] + 1.0
    return _Package(a.data * b.data, (a, b), "*", local_grads=tuple(grads))


# (description, leaf values, f of the leaves, h, whether backward is right)
CHECKER_CASES = [
    ("a·b + b² (a correct engine)", (1.5, -2.0), lambda a, b: a * b + b**2, 1e-5, True),
    (
        "a·b + b², whose · gives b a wrong local derivative",
        (1.5, -2.0),
        lambda a, b: _wrong_mul(a, b, 1) + b**2,
        1e-5,
        False,
    ),
    (
        "a·b + b², whose · gives a a wrong local derivative",
        (1.5, -2.0),
        lambda a, b: _wrong_mul(a, b, 0) + b**2,
        1e-5,
        False,
    ),
    (
        "a² + 3a at a = 1 with h = 0.5 (a correct engine)",
        (1.0,),
        lambda a: a * a + 3 * a,
        0.5,
        True,
    ),
    (
        "a·b·c + exp(c), whose last · is wrong for c (a correct a and b)",
        (0.5, -1.0, 0.8),
        lambda a, b, c: _wrong_mul(a * b, c, 1) + c.exp(),
        1e-4,
        False,
    ),
    (
        "a·b·c + exp(c) (a correct engine)",
        (0.5, -1.0, 0.8),
        lambda a, b, c: a * b * c + c.exp(),
        1e-4,
        True,
    ),
    ("(a − b)/(a + b) (a correct engine)", (2.0, 0.5), lambda a, b: (a - b) / (a + b), 1e-5, True),
]


def _nudges(log, start):
    """For each leaf: the set of signs (+1/−1) it was nudged with while the others sat still."""
    seen = [set() for _ in start]
    together = False
    for point in log:
        moved = [k for k, (p, s) in enumerate(zip(point, start)) if p != s]
        if len(moved) == 1:
            k = moved[0]
            seen[k].add(1 if point[k] > start[k] else -1)
        elif len(moved) > 1:
            together = True
    return seen, together


def _passes(grads, expression, start):
    """How many backward() passes the leaves' `grads` add up to, when that is 2 or more (grads
    add up across backward calls); None otherwise."""
    fresh = [_Package(x) for x in start]
    expression(*fresh).backward()
    once = [leaf.grad for leaf in fresh]
    if not all(_is_number(g) for g in grads) or not any(once):
        return None
    k = max(range(len(once)), key=lambda i: abs(once[i]))  # the largest: the surest ratio
    m = round(float(grads[k]) / once[k])
    if m >= 2 and all(_near(float(g), m * r) for g, r in zip(grads, once)):
        return m
    return None


@check(
    "08.5",
    "Start with one leaf: nudge it up by h, measure, nudge it down by h, measure, put it back.",
)
def check_gradient_checker(my_gradient_check):
    """Exercise 08.5: `my_gradient_check(f, leaves, h)` must return True exactly when every leaf's
    .grad (after backward) agrees with its central difference."""
    if not callable(my_gradient_check):
        raise Stop(
            Verdict(
                False,
                f"expected your function my_gradient_check, got {describe(my_gradient_check)}.",
            )
        )
    one_sided_somewhere = None
    for description, start, expression, h, right in CHECKER_CASES:
        names = "abc"[: len(start)]
        leaves = [_Package(x, label=n) for n, x in zip(names, start)]
        log = []

        def f(leaves=leaves, log=log, expression=expression):
            log.append(tuple(leaf.data for leaf in leaves))
            return expression(*leaves)

        result = _run(my_gradient_check, f, leaves, h, what="my_gradient_check(f, leaves, h)")
        if result is None:
            raise Stop(
                Verdict(False, "my_gradient_check returned None: did it forget `return ok`?")
            )
        if type(result).__name__ not in ("bool", "bool_"):
            raise Stop(
                Verdict(
                    False, f"my_gradient_check should return True or False, got {describe(result)}."
                )
            )
        result = bool(result)
        after = tuple(leaf.data for leaf in leaves)
        if after != tuple(start):
            k = next(i for i, (p, s) in enumerate(zip(after, start)) if p != s)
            if _is_number(after[k]) and _near(float(after[k]), start[k], 1e-9):
                raise Stop(
                    Verdict(
                        False,
                        f"on {description}, after your checker the leaf {names[k]} "
                        f"holds {after[k]!r} instead of {start[k]!r}: adding and "
                        "subtracting h does not give the same float back. Save "
                        "x = leaf.data first, and put it back with leaf.data = x.",
                    )
                )
            raise Stop(
                Verdict(
                    False,
                    f"on {description}, after your checker the leaf {names[k]} holds "
                    f"{after[k]!r} instead of {start[k]!r}: you forgot to restore a "
                    "nudged leaf, so every later measurement is taken at the wrong point.",
                )
            )
        seen, together = _nudges(log, tuple(start))
        if result == right:
            if any(len(signs) == 1 for signs in seen):
                one_sided_somewhere = description
            continue
        never = [names[k] for k, s in enumerate(seen) if not s]
        one_sided = [names[k] for k, s in enumerate(seen) if len(s) == 1]
        truth = [leaf.grad for leaf in leaves]
        passes = _passes(truth, expression, start)
        if not log:
            why = "it never called f(), so it measured nothing"
        elif all(g == 0.0 for g in truth):
            why = "the leaves' grads are all 0 afterwards: call f().backward() before comparing"
        elif together:
            why = (
                "it nudged a leaf while another was still nudged: restore each leaf before you "
                "nudge the next, or the estimate mixes two slopes"
            )
        elif len(never) == len(names):
            why = (
                "it never nudged a leaf, so it compared nothing: for each leaf measure f() at "
                "x + h and at x − h"
            )
        elif never:
            why = f"it never nudged {', '.join(never)}: check every leaf, not only the first"
        elif one_sided:
            why = (
                f"it nudged {', '.join(one_sided)} in one direction only: that is a forward "
                "difference, whose error of about h·f''/2 is too large here. Measure at x + h AND x − h"
            )
        elif passes:
            why = (
                f"the leaves' grads are {passes} times the gradient of f: backward() ran "
                f"{passes} times, and grads add up across backward calls (lesson 07). Call "
                "f().backward() once, before the loop, or zero the grads before each backward"
            )
        elif right:
            why = "every backward gradient here is correct; compare with agree(grad, estimate)"
        else:
            why = "a leaf's backward gradient is wrong here, and your checker missed it"
        said = "OK (True)" if result else "a mismatch (False)"
        raise Stop(Verdict(False, f"on {description}, your checker said {said}: {why}."))
    if one_sided_somewhere:
        raise Stop(
            Verdict(
                False,
                f"the answers were right, but on {one_sided_somewhere} your checker "
                "nudged a leaf in one direction only: that is a forward difference. "
                "A central difference measures at x + h and at x − h; its error "
                "shrinks like h², a forward difference's only like h.",
            )
        )
    return Verdict(
        True,
        f"your checker told {len(CHECKER_CASES)} engines apart: it says True for the "
        "correct ones and False for each one with a wrong local derivative, on any "
        "leaf, and leaves every leaf as it found it.",
    )


# ----- solutions -----

add_solution(
    "08.1",
    r"""
Each operation makes a new `Value` from the numbers, names its children in operand order and
stores one local derivative per child. $-a$ has slope $-1$; $a - b$ has slopes $1$ for $a$ and
$-1$ for $b$ (a bigger $b$ makes the difference smaller). `2 - a` makes Python call
`a.__rsub__(2)`, with `other = 2`: the result is `other - self`, so wrap the number and
subtract in that order. (Writing `self + (-other)` works too; it makes one extra node.)
""",
    code=reference_code("08.1") + "\ncheck_neg_sub(Value)\n",
)

add_solution(
    "08.2",
    r"""
The power rule: $\frac{d}{dx}x^k = k\,x^{k-1}$; the exponent `k` is a plain number, so it
stays out of the graph (one child). Division is multiplication by a power,
$a/b = a\cdot b^{-1}$: so $\partial/\partial a = 1/b$ and $\partial/\partial b = -a/b^2$.
Here it gets its own node with those two local derivatives; `self * other ** -1` gives the
same gradients with one node more. `2 / a` calls `a.__rtruediv__(2)`: `other / self`.
""",
    code=reference_code("08.2") + "\ncheck_pow_div(Value)\n",
)

add_solution(
    "08.3",
    r"""
$\frac{d}{dx}e^x = e^x$: the local derivative of `exp` is the output it has just computed.
$\frac{d}{dx}\ln x = 1/x$. Use `math.exp` and `math.log` (the natural log) on `.data`.
""",
    code=reference_code("08.3") + "\ncheck_exp_log(Value)\n",
)

add_solution(
    "08.4",
    r"""
Write $\sigma = (1 + e^{-x})^{-1}$. The power rule and the chain rule give

$$\frac{d\sigma}{dx} = -(1 + e^{-x})^{-2}\cdot(-e^{-x}) = \frac{e^{-x}}{(1 + e^{-x})^2}
= \frac{1}{1 + e^{-x}}\cdot\frac{e^{-x}}{1 + e^{-x}} = \sigma\,(1 - \sigma),$$

because $\frac{e^{-x}}{1 + e^{-x}} = 1 - \frac{1}{1 + e^{-x}}$. Like exp and tanh, the local
derivative is written with the output, so no second `exp` is needed. (For $x$ below about
$-709$, `math.exp(-x)` overflows; the lesson's numbers stay far from that.)
""",
    code=reference_code("08.4") + "\ncheck_sigmoid(Value)\n",
)

add_solution(
    "08.5",
    r"""
Run `backward()` once, so every leaf holds its gradient. Then, one leaf at a time: remember its
number, measure `f()` at `x + h` and at `x − h`, **put the number back**, and compare
$(f(x+h) - f(x-h))/2h$ with the leaf's `.grad`. A single disagreement makes the answer False,
but keep going through every leaf (the wrong one may be the last).
""",
    code="""
def my_gradient_check(f, leaves, h=1e-5):
    f().backward()
    ok = True
    for leaf in leaves:
        x = leaf.data
        leaf.data = x + h
        up = f().data
        leaf.data = x - h
        down = f().data
        leaf.data = x  # put it back before the next leaf
        if not agree(leaf.grad, (up - down) / (2 * h)):
            ok = False
    return ok

check_gradient_checker(my_gradient_check)
""",
)
