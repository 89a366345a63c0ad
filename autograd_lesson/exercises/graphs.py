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

A check that hands your function a graph to read (an order, a trace, backward, zero_grad)
first takes a `snapshot` of it; `changed` then says what your function changed, so a
function that empties `.children` cannot make the graph it is judged on easier.
"""

import math
import numbers
import operator
import random

from ..examples import INPUTS
from .base import describe, is_value

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
        if isinstance(got, (str, bytes)):  # float("1.0") would read text as a number
            return (
                f"at {formula(program, k, names)}, .{attribute} is the text {got!r}, not a "
                "number: store the number itself, without quotes or str()."
            )
        if type(got).__name__ in ("bool", "bool_"):  # NumPy's too
            return (
                f"at {formula(program, k, names)}, .{attribute} is {got!r}, a yes/no value, "
                "not a number: store a number such as 1.0."
            )
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


# ----- has the student's code changed the graph? -----

_PARTS = ("children", "_prev", "local_grads", "op", "_op", "data")  # micrograd: _prev, _op
_GONE = object()  # an attribute the student's code deleted
_SEQUENCES = (tuple, list, set, frozenset)


def _read(node, part):
    try:
        return getattr(node, part, _GONE)
    except Exception:  # a property of the student's class that raises
        return _GONE


def snapshot(root, limit=200_000):
    """Every node root depends on, with what it is made of now: [(node, {part: value})].

    A part that is a container (children, local_grads) is kept with a copy of its items,
    so that emptying it in place shows too. One pass over the graph: linear in its size.
    """
    taken, seen, stack = [], {id(root)}, [root]
    while stack and len(taken) < limit:
        node = stack.pop()
        parts = {}
        for part in _PARTS:
            value = _read(node, part)
            if value is not _GONE:
                items = tuple(value) if isinstance(value, _SEQUENCES) else None
                parts[part] = (value, items)
        taken.append((node, parts))
        for part in ("children", "_prev"):
            for child in parts.get(part, (None, None))[1] or ():
                if id(child) not in seen and is_value(child):
                    seen.add(id(child))
                    stack.append(child)
    return taken


def _same(x, y):
    """x is y, or both are the same kind of number (or text) and equal."""
    if x is y:
        return True
    try:
        return type(x) is type(y) and isinstance(x, (numbers.Real, str)) and bool(x == y)
    except Exception:  # a number type whose == raises
        return False


def _kept(part, before, now):
    """Is `now` what the snapshot saw (`before`)? Children are compared by identity."""
    value, items = before
    if items is None or not isinstance(now, _SEQUENCES):
        return _same(value, now)
    now_items = tuple(now)
    if isinstance(value, (set, frozenset)):  # micrograd's _prev: no order
        return {id(v) for v in items} == {id(v) for v in now_items}
    same = (lambda x, y: x is y) if part in ("children", "_prev") else _same
    return len(items) == len(now_items) and all(map(same, items, now_items))


def _show(value, names, items=None):
    """A part as the student would write it: (v1, v2) for children, 2.0 for data.
    `items` are a container's items as the snapshot copied them (the container may
    have been emptied since)."""
    if isinstance(value, _SEQUENCES):
        items = tuple(value) if items is None else items
        if len(items) <= 6:
            shown = [names.get(id(v)) or _show(v, {}) for v in items]
            if isinstance(value, (set, frozenset)):
                return "{" + ", ".join(shown) + "}" if shown else "set()"
            if isinstance(value, list):
                return "[" + ", ".join(shown) + "]"
            return "(" + ", ".join(shown) + ("," if len(shown) == 1 else "") + ")"
    if isinstance(value, (int, float, str)):
        return repr(value)
    return describe(value)


def changed(taken, names, who, rule):
    """What `who` (your function) changed in the graph since `snapshot(...)` gave `taken`,
    as a sentence ending with `rule`; None when the graph is as it was. `names` maps
    id(node) to a short name (`short_names`), so a change reads "v3.children was ()
    instead of (v1, v2)"."""
    for node, parts in taken:
        for part, before in parts.items():
            now = _read(node, part)
            if _kept(part, before, now):
                continue
            name = names.get(id(node))
            where = f"{name}.{part}" if name else f"the .{part} of {describe(node)}"
            then = _show(before[0], names, before[1])
            now = "gone (deleted)" if now is _GONE else _show(now, names)
            return (
                f"{who} changed the graph: after it ran, {where} was {now} instead of "
                f"{then}. {rule}"
            )
    return None


def short_names(program, nodes):
    """{id(node): its name} for the nodes of a built program: a, b, ..., v1, v2, ..."""
    return {id(node): name for name, node in zip(node_names(program), nodes)}
