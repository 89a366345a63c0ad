"""Shared test code: random expression programs that any backend (Value, torch) can run.

A *program* is a small straight-line computation over 2 to 4 leaves. Each step reads
earlier results by index, so a result can feed several later steps (shared
subexpressions: gradients must accumulate). The strategy evaluates every step with
plain floats while it generates, and only keeps an operation when its inputs are in a
safe domain (divisors and log arguments away from 0, results of moderate size, relu
away from its kink); otherwise the step becomes a tanh, which is always safe.

    program = draw(programs())
    out = run(program, [Value(x) for x in program.leaves])   # or torch tensors

Also `values_by_label(root)`: a graph's labelled values by label.
"""

import math
from dataclasses import dataclass

from hypothesis import strategies as st

from autograd_lesson import Value, sum_values, topological_order

UNARY = ("neg", "exp", "log", "tanh", "relu")
BINARY = ("add", "sub", "mul", "div", "pow")  # Value op Value
WITH_CONSTANT = ("add", "radd", "sub", "rsub", "mul", "rmul", "div", "rdiv", "pow", "rpow")
EXPONENTS = (-2, -1, -0.5, 0, 0.5, 1, 1.5, 2, 3, 2.0, -3.0, 0.25)
LIMIT = 1e3  # no intermediate result larger than this


@dataclass(frozen=True)
class Program:
    leaves: tuple  # the input numbers
    steps: tuple  # (kind, op, i, j): kind "unary" | "binary" | "const"; j an index or a constant
    outputs: tuple  # indices of the results summed (with sum_values) into the output

    def __str__(self):
        return f"Program(leaves={self.leaves}, steps={self.steps}, outputs={self.outputs})"


def float_step(kind, op, x, y):
    """The step on plain floats, or None when it is outside the safe domain."""
    if kind == "unary":
        if op == "neg":
            return -x
        if op == "exp":
            return math.exp(x) if x <= 6.0 else None
        if op == "log":
            return math.log(x) if x >= 0.1 else None
        if op == "tanh":
            return math.tanh(x)
        if op == "relu":
            return (x if x > 0 else 0.0) if abs(x) >= 0.05 else None
    if kind == "const" and op in ("radd", "rmul"):
        op = op[1:]
    if kind == "const" and op == "rsub":
        return y - x
    if kind == "const" and op == "rdiv":
        return y / x if abs(x) >= 0.2 else None
    if kind == "const" and op == "rpow":  # y ** x with a positive constant y
        return y**x if abs(x) <= 5.0 else None
    if op == "add":
        return x + y
    if op == "sub":
        return x - y
    if op == "mul":
        return x * y
    if op == "div":
        return x / y if abs(y) >= 0.2 else None
    if op == "pow":
        if kind == "binary":  # Value ** Value: positive base, moderate exponent
            return x**y if x >= 0.1 and abs(y) <= 3.0 else None
        if y != int(y) and x < 0.1:
            return None
        if (y < 0 and abs(x) < 0.2) or (x == 0.0 and y < 1):
            return None
        return x**y
    raise AssertionError(f"unknown step {kind} {op}")


def apply_step(kind, op, x, y):
    """The step on Values or torch tensors (anything with the operators and methods)."""
    if kind == "unary":
        return -x if op == "neg" else getattr(x, op)()
    if op == "add":
        return x + y
    if op == "radd":
        return y + x
    if op == "sub":
        return x - y
    if op == "rsub":
        return y - x
    if op == "mul":
        return x * y
    if op == "rmul":
        return y * x
    if op == "div":
        return x / y
    if op == "rdiv":
        return y / x
    if op == "pow":
        return x**y
    if op == "rpow":
        return y**x
    raise AssertionError(f"unknown step {kind} {op}")


def run(program, leaves, total=sum_values):
    """Run `program` on `leaves` (Values or tensors); returns (output, every result)."""
    vals = list(leaves)
    for kind, op, i, j in program.steps:
        y = vals[j] if kind == "binary" else j
        vals.append(apply_step(kind, op, vals[i], y))
    outs = [vals[k] for k in program.outputs]
    return (outs[0] if len(outs) == 1 else total(outs)), vals


def run_floats(program, leaves):
    """The output of `program` computed with the engine's forward pass, as a float."""
    out, _ = run(program, [Value(float(x)) for x in leaves])
    return out.data


_magnitude = st.floats(0.1, 3.0, allow_nan=False, allow_infinity=False)
leaf_values = st.builds(lambda neg, m: -m if neg else m, st.booleans(), _magnitude)
constants = st.one_of(
    st.sampled_from([-2.5, -1, 0.5, 2, 3.0, 1e-3]),
    st.builds(lambda neg, m: -m if neg else m, st.booleans(), _magnitude),
)


@st.composite
def programs(draw, min_leaves=2, max_leaves=4, max_steps=8):
    leaves = draw(st.lists(leaf_values, min_size=min_leaves, max_size=max_leaves))
    vals = list(leaves)
    steps = []
    for _ in range(draw(st.integers(1, max_steps))):
        kind = draw(st.sampled_from(("unary", "binary", "binary", "const")))
        # lean towards recent results, so expressions get deep, but reuse anything
        i = draw(st.integers(0, len(vals) - 1))
        if kind == "unary":
            op, j = draw(st.sampled_from(UNARY)), None
            y = None
        elif kind == "binary":
            op = draw(st.sampled_from(BINARY))
            j = draw(st.integers(0, len(vals) - 1))
            y = vals[j]
        else:
            op = draw(st.sampled_from(WITH_CONSTANT))
            if op == "pow":
                j = draw(st.sampled_from(EXPONENTS))
            elif op == "rpow":
                j = draw(st.sampled_from([0.5, 2, 2.718281828459045, 3.0]))
            else:
                j = draw(constants)
            y = j
        try:
            r = float_step(kind, op, vals[i], y)
        except (OverflowError, ZeroDivisionError, ValueError):
            r = None
        if r is None or not abs(r) <= LIMIT or (r != 0 and abs(r) < 1e-6):
            kind, op, j, r = "unary", "tanh", None, math.tanh(vals[i])
        steps.append((kind, op, i, j))
        vals.append(r)
    n = len(vals)
    last = n - 1
    extra = draw(st.lists(st.integers(len(leaves), last), max_size=2, unique=True))
    outputs = tuple([last] + [k for k in extra if k != last])
    return Program(tuple(leaves), tuple(steps), outputs)


def close(a, b, rel, abs_=0.0):
    return abs(a - b) <= max(rel * max(abs(a), abs(b)), abs_)


def values_by_label(root):
    """Every labelled value of root's graph, by label: values_by_label(L)["a"]."""
    return {node.label: node for node in topological_order(root) if node.label}
