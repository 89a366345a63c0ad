"""Test graphs for the checks that compare your `Value` class with the package's.

A graph is written as a small program: a list of steps, each making one node from
earlier ones, so the same program can be run with any class that has the operators
(yours, or the package's). Steps:

    ("leaf", 2.0)        an input
    ("+", i, j)          node i + node j     (also "*", "-", "/")
    ("+", i, 3.0)        node i + a number   (also "*", "-", "/", "**")
    ("r+", i, 3.0)       a number + node i   (also "r*", "r-", "r/"): Python's __radd__ etc.
    ("exp", i)           node i.exp()        (any method without arguments: "tanh", "log", ...)

`build(program, cls)` runs a program; `first_difference` compares two runs node by
node and names the first node that differs, by its formula ("v4 = v2 * a").
"""

import math
import operator
import random

from ..examples import INPUTS

BINARY = {
    "+": operator.add,
    "*": operator.mul,
    "-": operator.sub,
    "/": operator.truediv,
    "**": operator.pow,
}
LEAF_NAMES = "abcdefghkmpq"


def node_names(program):
    """Names for a program's nodes: leaves a, b, c, ...; computed nodes v1, v2, ..."""
    names, leaves, inner = [], 0, 0
    for step in program:
        if step[0] == "leaf":
            names.append(LEAF_NAMES[leaves] if leaves < len(LEAF_NAMES) else f"x{leaves}")
            leaves += 1
        else:
            inner += 1
            names.append(f"v{inner}")
    return names


def formula(program, k, names=None):
    """How node k is made, in words: "v3 = v1 * b", "v2 = 2 - a", "v5 = exp(v4)"."""
    names = names or node_names(program)
    op, *args = program[k]
    if op == "leaf":
        return f"the input {names[k]} = {args[0]:g}"
    if len(args) == 1:
        return f"{names[k]} = {op}({names[args[0]]})"
    i, j = args
    if op.startswith("r"):
        return f"{names[k]} = {j:g} {op[1:]} {names[i]}"
    right = names[j] if isinstance(j, int) else f"{j:g}"
    return f"{names[k]} = {names[i]} {op} {right}"


def build(program, cls):
    """Run `program` with class `cls`; return the list of its nodes (the last one is the output).

    Exceptions from the class's code propagate: the caller runs this under `base.run`.
    """
    names = node_names(program)
    nodes = []
    for name, (op, *args) in zip(names, program):
        if op == "leaf":
            node = cls(args[0], label=name)
        elif len(args) == 1:
            node = getattr(nodes[args[0]], op)()
        else:
            i, j = args
            if op.startswith("r"):
                node = BINARY[op[1:]](j, nodes[i])
            else:
                node = BINARY[op](nodes[i], nodes[j] if isinstance(j, int) else j)
            try:
                node.label = name
            except AttributeError:
                pass
        nodes.append(node)
    return nodes


def leaves(program):
    return [k for k, step in enumerate(program) if step[0] == "leaf"]


# ----- the graphs every engine check runs on -----


def lesson_graph():
    """L = (a·b + c)·f at the lesson's inputs a = 2, b = −3, c = 10, f = −2."""
    return [
        ("leaf", INPUTS["a"]),
        ("leaf", INPUTS["b"]),
        ("leaf", INPUTS["c"]),
        ("leaf", INPUTS["f"]),
        ("*", 0, 1),
        ("+", 4, 2),
        ("*", 5, 3),
    ]


def shared_inner_graph():
    """(a·b)·(a·b + c): the inner node a·b is used twice, and so are a and b."""
    return [("leaf", 1.5), ("leaf", -2.0), ("leaf", 4.0), ("*", 0, 1), ("+", 3, 2), ("*", 3, 4)]


def leaf_twice_graph():
    """a + a: one input used twice by the same operation."""
    return [("leaf", 3.0), ("+", 0, 0)]


def deep_chain(depth=3000):
    """v = a·1.0001 + 0.001, repeated `depth` times: deeper than Python's recursion limit."""
    program = [("leaf", 0.5)]
    for _ in range(depth):
        program.append(("*", len(program) - 1, 1.0001))
        program.append(("+", len(program) - 1, 0.001))
    return program


def random_graph(seed, ops=("+", "*"), size=12, n_leaves=3, constants=True):
    """A random program of `size` steps over `ops`, every step reusing earlier nodes
    (so inner nodes are shared), and the last node using the one before it."""
    rng = random.Random(seed)
    program = [("leaf", round(rng.uniform(-2.0, 2.0), 2) or 0.5) for _ in range(n_leaves)]
    binary = [o for o in ops if o in BINARY and o != "**"]
    unary = [o for o in ops if o not in BINARY]
    while len(program) < size:
        last = len(program) - 1
        i = rng.choice([last, rng.randrange(len(program))])
        roll = rng.random()
        if unary and roll < 0.2:
            program.append((rng.choice(unary), i))
        elif constants and roll < 0.4:
            op = rng.choice(binary)
            c = rng.choice([2.0, 0.5, -1.5, 3.0])
            program.append((rng.choice([op, "r" + op]), i, c))
        else:
            program.append((rng.choice(binary), i, rng.randrange(len(program))))
    return program


def standard_graphs(ops=("+", "*"), seeds=range(8), deep=False):
    """(description, program) pairs: the lesson's graph, shared nodes, a repeated input,
    random graphs over `ops`, and (if `deep`) a chain 6,000 operations deep."""
    graphs = [
        ("L = (a·b + c)·f", lesson_graph()),
        ("(a·b)·(a·b + c), where a·b is used twice", shared_inner_graph()),
        ("a + a", leaf_twice_graph()),
    ]
    graphs += [(f"random graph #{s} over {' '.join(ops)}", random_graph(s, ops)) for s in seeds]
    if deep:
        graphs.append(("a chain 6,000 operations deep", deep_chain()))
    return graphs


def first_difference(program, mine, theirs, attribute, tol=1e-9):
    """The first node whose `attribute` ("data" or "grad") differs between two runs of
    `program`, as a sentence; None when every node agrees."""
    names = node_names(program)
    for k, (m, t) in enumerate(zip(mine, theirs)):
        got, want = getattr(m, attribute, None), getattr(t, attribute)
        try:
            got_f = float(got)
        except (TypeError, ValueError, OverflowError):
            return (
                f"at {formula(program, k, names)}, .{attribute} is {type(got).__name__} "
                f"{got!r}, not a number."
            )
        if not (math.isfinite(got_f) and abs(got_f - want) <= tol * max(1.0, abs(want))):
            return (
                f"at {formula(program, k, names)}, .{attribute} should be {want:.6g}, "
                f"yours is {got_f:.6g}."
            )
    return None
