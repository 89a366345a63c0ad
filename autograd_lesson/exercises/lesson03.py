"""Lesson 03 checks: your `Value` class's `+` and `*`, your `my_trace`, and a neuron's sum.

- 03.1 `check_add(Value)` and 03.2 `check_mul(Value)` take your class, try the operator
  on a few values (data, children in operand order, op, plain numbers on either side,
  a new Value of your class, operands left alone), then build test graphs with your
  class and with the package's `Value` and compare the data of every node.
- 03.3 `check_trace(my_trace)` runs your trace on test graphs (shared inner nodes, an
  input used twice, a chain a few hundred operations deep) and compares its nodes and
  edges with the graph's; any order that lists each node after its children is right. A
  trace only reads the graph: one that changes it is told so.
- 03.4 `check_neuron_sum(n)` reads the graph of n = x1·w1 + x2·w2 you built; its inputs
  must be the cell's x1, w1, x2, w2 themselves, not numbers your class wrapped.
"""

import math
from collections import Counter

from .. import engine
from ..examples import INPUTS
from . import graphs
from .base import NotDone, Stop, Verdict, add_solution, check, close, describe, is_value, run

__all__ = ["check_add", "check_mul", "check_neuron_sum", "check_trace"]  # what a notebook imports

_OPS = {
    "+": ("__add__", "add", lambda x, y: x + y),
    "*": ("__mul__", "multiply", lambda x, y: x * y),
}
_EXERCISE = {"+": "03.1", "*": "03.2"}


def _fail(message):
    raise Stop(Verdict(False, message))


def _float(x):
    if isinstance(x, (str, bytes, bool)):  # float("2") would read text as a number
        return None
    try:
        value = float(x)
    except Exception:
        return None
    return value if math.isfinite(value) else None


def _apply(op, left, right, what):
    """left op right, run with the time limit; the student's method raises -> a verdict."""
    return run(_OPS[op][2], left, right, what=what)


def _check_result(cls, op, result, a, b, want, what):
    """The verdict-raising checks on one result `result` of `a op b` (b may be a plain number)."""
    method, verb, _ = _OPS[op]
    other_op = "*" if op == "+" else "+"
    if result is None:
        _fail(f"{what} gave None: your {method} computes something but does not `return` it.")
    if not is_value(result):
        got = _float(result) if not isinstance(result, (bool, str)) else None
        if got is not None:
            _fail(
                f"{what} returned the plain number {got:g}, not a Value. Return a new "
                "Value that remembers its children and its op: a Value remembers where it came "
                "from, a float does not, so the graph is lost."
            )
        _fail(f"{what} returned {describe(result)}; it should return a new Value.")
    if result is a or result is b:
        _fail(
            f"{what} returned one of its operands, changed. {method} must leave self and other "
            "alone and return a NEW Value: every operation adds one node to the graph."
        )
    if not isinstance(result, cls):
        _fail(
            f"{what} returned a {type(result).__name__}, not a Value of your class "
            f"{cls.__name__}: build the result with your class, Value(...)."
        )
    data = _float(getattr(result, "data", None))
    if data is None:
        _fail(
            f"{what} has .data = {describe(getattr(result, 'data', None))}; it should be the number {want:g}."
        )
    other_data = _OPS[other_op][2](a.data, b.data if is_value(b) else float(b))
    if not close(data, want, 1e-9):
        if close(data, other_data, 1e-9):
            _fail(
                f"{what} has data {data:g}, which is the {_OPS[other_op][1]} result: your "
                f"{method} uses {other_op} where it should {verb} ({want:g})."
            )
        _fail(f"{what} should have data {want:g}, yours has {data:g}.")
    children = getattr(result, "children", None)
    if not isinstance(children, (tuple, list)):
        if hasattr(children, "__next__"):
            _fail(
                f"{what} has .children = a {type(children).__name__} object, an iterator: it "
                "can be read only once, and the graph is read again and again. Make it the "
                "tuple (self, other)."
            )
        _fail(f"{what} has .children = {describe(children)}; it should be the tuple (self, other).")
    children = tuple(children)
    if len(children) != 2:
        _fail(
            f"{what} has {len(children)} children; it should have 2, (self, other), in that order."
        )
    first, second = children
    if is_value(b):
        if first is b and second is a:
            _fail(
                f"the children of {what} are swapped: (other, self). Keep operand order, "
                "(self, other): the graph records the order you wrote, and a picture of a·b "
                "should show a first."
            )
        if first is not a or second is not b:
            _fail(
                f"the children of {what} should be the two operands themselves (the same "
                f"objects, self then other), not copies; yours are ({describe(first)}, {describe(second)})."
            )
    else:
        if second is b or not is_value(second):
            _fail(
                f"in {what}, the plain number {b:g} sits in .children as {describe(second)}: "
                "wrap it first, `other = other if isinstance(other, Value) else Value(other)`, so "
                "every child is a Value."
            )
        if first is not a:
            if first is not None and getattr(first, "data", None) == b and second is a:
                _fail(
                    f"the children of {what} are swapped: (the number, self). Keep operand "
                    "order, (self, other)."
                )
            _fail(f"the first child of {what} should be self itself; yours is {describe(first)}.")
        if not isinstance(second, cls) or not close(_data(second), float(b), 0):
            _fail(
                f"in {what}, the number {b:g} should become a Value of your class holding "
                f"{float(b):g}; yours became {describe(second)}."
            )
    result_op = getattr(result, "op", None)
    if type(result_op) is not str:  # a str subclass could make == always True
        _fail(f"{what} has op {describe(result_op)}; it should be the plain string {op!r}.")
    if result_op != op:
        if result_op == other_op:
            _fail(
                f"{what} has op {result_op!r}: the name of the other operation. {method} should "
                f"record op {op!r}."
            )
        _fail(
            f"{what} has op {result_op!r}; it should be the string {op!r}, exactly (the picture "
            "and lesson 06 read it)."
        )


def _data(v):
    """v.data as a float, NaN when it is not a number."""
    value = _float(getattr(v, "data", None))
    return math.nan if value is None else value


def _check_operands_untouched(before, what):
    for v, (data, children, op) in before:
        if (
            getattr(v, "data", None) != data
            or tuple(getattr(v, "children", ())) != children
            or getattr(v, "op", None) != op
        ):
            _fail(
                f"{what} changed one of its operands (its data, children or op): an operation "
                "must not touch self or other, only make a new Value. Otherwise a value used "
                "twice would be wrong the second time."
            )


def _try(cls, op, a, b, want, what):
    before = [(v, (v.data, tuple(v.children), v.op)) for v in (a, b) if is_value(v)]
    result = _apply(op, a, b, what)
    _check_operands_untouched(before, what)
    _check_result(cls, op, result, a, b, want, what)
    return result


def _make(cls, data, label):
    value = run(cls, data, what=f"{cls.__name__}({data!r})")
    value.label = label
    return value


def _looks_like_a_class(cls, key):
    if not isinstance(cls, type):
        if is_value(cls):
            _fail(
                f"pass your class itself, check_{'add' if key == '03.1' else 'mul'}(Value), "
                "not one Value made with it."
            )
        _fail(f"expected your class Value, got {describe(cls)}.")
    if cls is engine.Value:
        _fail(
            "this is the package's Value (autograd_lesson.Value). The exercise is to write the "
            "methods of your own class in the cell above: pass that class."
        )


def _graph_verdict(cls, programs, op):
    """Build every test program with `cls` and with the package; name the first node that differs."""
    for description, program in programs:
        try:
            mine = run(graphs.build, program, cls, what=f"building the test graph {description}")
        except NotDone:
            other = "*" if op == "+" else "+"
            _fail(
                f"your {_OPS[op][0]} works on its own, but the test graphs also use {other}, and "
                f"your {_OPS[other][0]} (exercise {_EXERCISE[other]}) still raises "
                f"NotImplementedError: write it first."
            )
        theirs = graphs.build(program, engine.Value)
        problem = graphs.first_difference(program, mine, theirs, "data")
        if problem:
            k = next(
                k for k, (m, t) in enumerate(zip(mine, theirs)) if not close(_data(m), t.data, 1e-9)
            )
            step = program[k][0].lstrip("r")
            which = (
                f" That is your {_OPS[step][0]} (exercise {_EXERCISE[step]})."
                if step in _OPS
                else ""
            )
            _fail(f"on the test graph {description}: {problem}{which}")
        if not all(isinstance(m, cls) for m in mine):
            _fail(f"on the test graph {description}, some nodes are not Values of your class.")


def _check_op(cls, op):
    key = _EXERCISE[op]
    _looks_like_a_class(cls, key)
    x, y = INPUTS["a"], INPUTS["b"]  # the lesson's a = 2, b = −3
    a, b = _make(cls, x, "a"), _make(cls, y, "b")
    f = _OPS[op][2]
    _try(cls, op, a, b, f(x, y), f"a {op} b (a = {x:g}, b = {y:g})")
    a2 = _make(cls, x, "a")
    _try(cls, op, a2, 0.5, f(x, 0.5), f"a {op} 0.5")
    a3 = _make(cls, x, "a")
    r = run(lambda: f(4, a3), what=f"4 {op} a")  # __radd__/__rmul__ (given) call your method
    if not is_value(r) or not close(_data(r), f(4.0, x), 1e-9):
        _fail(
            f"4 {op} a should be a Value with data {f(4.0, x):g}; yours gave {describe(r)}. "
            f"(Python calls the given __r{_OPS[op][0][2:]}, which calls your {_OPS[op][0]}.)"
        )
    if op == "+":
        programs = [("a + a", graphs.leaf_twice_graph())]
        programs += [
            (f"random graph #{s} over +", graphs.random_graph(s, ("+",))) for s in range(6)
        ]
        shown = "a + b, a + 0.5, 4 + a, a + a and 6 random sums"
    else:
        programs = graphs.standard_graphs(ops=("+", "*"))
        shown = (
            "a * b, a * 0.5, 4 * a, L = (a·b + c)·f, a graph with a shared inner node, "
            "a + a and 8 random graphs"
        )
    _graph_verdict(cls, programs, op)
    return shown


@check(
    "03.1",
    "Write __add__: wrap a plain number in a Value, then return a new Value that "
    "remembers its children and its op.",
)
def check_add(cls):
    """Exercise 03.1: your class's `__add__` (pass the class: `check_add(Value)`)."""
    shown = _check_op(cls, "+")
    return Verdict(
        True,
        f"your + makes a new Value with the sum, children (self, other) in "
        f"operand order and op '+', and wraps plain numbers; it agrees with the "
        f"package on {shown}.",
    )


@check("03.2", 'Write __mul__ like your __add__, with * and op "*".')
def check_mul(cls):
    """Exercise 03.2: your class's `__mul__` (pass the class: `check_mul(Value)`)."""
    shown = _check_op(cls, "*")
    return Verdict(
        True,
        f"your * makes a new Value with the product, children (self, other) and "
        f"op '*'; with your + it computes every node the package computes on {shown}.",
    )


# ----- 03.3: my_trace -----


def _trace_programs():
    return graphs.standard_graphs(ops=("+", "*"), seeds=range(4)) + [
        ("a chain 200 operations deep", graphs.deep_chain(100))
    ]


def _name(node, index_of, program, names):
    k = index_of.get(id(node))
    if k is None:
        return describe(node)
    return graphs.formula(program, k, names) if program[k][0] != "leaf" else f"the input {names[k]}"


def _short(node, index_of, names):
    k = index_of.get(id(node))
    return names[k] if k is not None else describe(node)


def _check_one_trace(my_trace, description, program):
    built = graphs.build(program, engine.Value)
    root = built[-1]
    names = graphs.node_names(program)
    index_of = {id(v): k for k, v in enumerate(built)}
    nodes_built = engine.topological_order(
        root
    )  # what root depends on (a random graph may leave some out)
    where = f"on the test graph {description}"
    taken = graphs.snapshot(root)
    got = run(my_trace, root, what=f"my_trace(root) {where}")
    problem = graphs.changed(
        taken,
        graphs.short_names(program, built),
        "your my_trace",
        "A trace only reads the graph; leave .children (and .data) as they are.",
    )
    if problem:
        _fail(f"{where}, {problem}")
    if got is None:
        _fail("my_trace returned None: did it forget to `return nodes, edges`?")
    if isinstance(got, (str, bytes)) or not hasattr(got, "__len__") or len(got) != 2:
        _fail(f"my_trace should return two things, (nodes, edges); it returned {describe(got)}.")
    nodes, edges = got
    if isinstance(nodes, (set, frozenset, dict)):
        _fail(
            "the nodes come back in a set (or dict), which has no order; return them as a list, "
            "each node after its children."
        )
    try:
        nodes, edges = list(nodes), list(edges)
    except TypeError:
        _fail(
            f"nodes and edges should be lists; yours are {describe(nodes)} and {describe(edges)}."
        )
    reachable = {id(v) for v in nodes_built}
    strangers = [v for v in nodes if id(v) not in reachable]
    if strangers:
        s = strangers[0]
        if isinstance(s, str):
            _fail(f"the nodes should be the Value objects themselves, not their labels ({s!r}).")
        _fail(f"{where}, your nodes include {describe(s)}, which is not a value of this graph.")
    counts = Counter(id(v) for v in nodes)
    for _k, v in enumerate(nodes_built):
        if counts[id(v)] == 0:
            _fail(
                f"{where}, your nodes miss {_name(v, index_of, program, names)}. Every value the "
                "root depends on must be listed, the root and the inputs too."
            )
        if counts[id(v)] > 1:
            _fail(
                f"{where}, {_name(v, index_of, program, names)} is in your nodes "
                f"{counts[id(v)]} times. It is used by more than one operation, so a walk reaches "
                "it more than once: remember which nodes you have visited (a set) and list each once."
            )
    position = {id(v): i for i, v in enumerate(nodes)}
    for v in nodes:
        for child in v.children:
            if position[id(child)] > position[id(v)]:
                _fail(
                    f"{where}, {_short(v, index_of, names)} comes before its child "
                    f"{_short(child, index_of, names)} in your nodes; list every node after "
                    "its children (append a node once its children are done)."
                )
    pairs = []
    for e in edges:
        if isinstance(e, (str, bytes)) or not hasattr(e, "__len__") or len(e) != 2:
            _fail(f"each edge should be a pair (child, parent); one of yours is {describe(e)}.")
        if not all(is_value(end) for end in e):
            _fail(
                "your edges should be pairs of Values, (child, parent): the nodes themselves, "
                f"not their labels or names. One of yours is {describe(tuple(e))}."
            )
        pairs.append(tuple(e))
    want = Counter((id(child), id(v)) for v in nodes_built for child in v.children)
    mine = Counter((id(c), id(p)) for c, p in pairs)
    if mine == want:
        return
    if mine == Counter((p, c) for c, p in want.elements()):
        _fail(
            "your edges point the wrong way: (parent, child). An edge is (child, parent), the "
            "direction the numbers flow in the forward pass."
        )
    for child, parent in pairs:
        if (id(child), id(parent)) not in want:
            if want.get((id(parent), id(child))):
                _fail(
                    f"{where}, your edge ({_short(child, index_of, names)}, "
                    f"{_short(parent, index_of, names)}) is the wrong way round: an edge is "
                    "(child, parent)."
                )
            _fail(
                f"{where}, one of your edges is not an edge of the graph: "
                f"({_short(child, index_of, names)}, {_short(parent, index_of, names)})."
            )
    by_id = {id(v): v for v in nodes_built}
    for (c, p), n in want.items():
        pair = f"({_short(by_id[c], index_of, names)}, {_short(by_id[p], index_of, names)})"
        if mine[(c, p)] < n:
            if mine[(c, p)] == 0:
                _fail(
                    f"{where}, the edge {pair} is missing: {_name(by_id[p], index_of, program, names)} "
                    "uses it. Every node gives one edge per child."
                )
            _fail(
                f"{where}, {_name(by_id[p], index_of, program, names)} uses the same value twice, so it "
                f"has {n} edges {pair}, one per operand; yours has {mine[(c, p)]} (a set of edges "
                "keeps only one: use a list)."
            )
        if mine[(c, p)] > n:
            _fail(
                f"{where}, the edge {pair} is in your edges {mine[(c, p)]} times, but the graph has "
                f"it {n} time(s): add a node's edges once, when you list the node."
            )
    _fail(f"{where}, your edges differ from the graph's.")


@check(
    "03.3",
    "Write my_trace(root): walk from root down its children, list each value once, "
    "after its children, and one (child, parent) edge per operand.",
)
def check_trace(my_trace):
    """Exercise 03.3: `my_trace(root)` returns (nodes, edges) like `autograd_lesson.trace`."""
    programs = _trace_programs()
    for description, program in programs:
        _check_one_trace(my_trace, description, program)
    return Verdict(
        True,
        f"my_trace lists every value once, each after its children, and one "
        f"(child, parent) edge per operand, on {len(programs)} graphs: the lesson's, "
        "shared inner nodes, an input used twice, random graphs and a chain 200 "
        "operations deep.",
    )


# ----- 03.4: the weighted sum of a neuron -----


def _leaf(label, data):
    return {"label": label, "data": data, "op": "", "children": ()}


def _node(label, data, op, *children):
    return {"label": label, "data": data, "op": op, "children": children}


NEURON_SUM = _node(
    "n",
    -6.0,
    "+",
    _node("x1·w1", -6.0, "*", _leaf("x1", 2.0), _leaf("w1", -3.0)),
    _node("x2·w2", 0.0, "*", _leaf("x2", 0.0), _leaf("w2", 1.0)),
)


def _parts(v):
    """(data, op, children) of a Value-like object, or None if it is not one."""
    if not is_value(v):
        return None
    data = _float(getattr(v, "data", None))
    if data is None or isinstance(getattr(v, "data", None), bool):
        return None
    children = getattr(v, "children", getattr(v, "_prev", None))
    op = getattr(v, "op", getattr(v, "_op", None))
    try:
        children = tuple(children)
    except TypeError:
        return None
    return data, str(op or ""), children


def _compare(expected, v, found, depth=0):
    """The first difference between the expected node and `v`, as a sentence; None if equal.
    Both operand orders are accepted (w1·x1 is as good as x1·w1). `found` collects, for
    each input that matches, {its name: the Value in its place}."""
    name = expected["label"]
    p = _parts(v)
    if p is None:
        return (
            f"where {name} should be, there is {describe(v)}, not a Value. Every number in "
            "the expression must be a Value for the graph to record it."
        )
    data, op, children = p
    if not expected["op"]:  # an input (a leaf)
        if op:
            return (
                f"{name} should be one of the four input Values (data {expected['data']:g}), "
                f"but there is a value made by '{op}'."
            )
        if not close(data, expected["data"], 1e-9):
            return f"the input {name} should hold {expected['data']:g}, but holds {data:g}."
        found[name] = v
        return None
    if op != expected["op"]:
        if not op:
            return (
                f"{name} should be made by '{expected['op']}' from its inputs, but it is an "
                f"input Value holding {data:g}: compute it from the Values, do not type "
                "its number in, or the graph cannot remember where it came from."
            )
        if op.startswith(expected["op"]) and len(children) == 1:
            return (
                f"{name} was made by '{op}': one side of the '{expected['op']}' is a plain "
                "number, not a Value. Use the Value itself so the graph has that input."
            )
        return f"{name} should be made by '{expected['op']}', but yours was made by '{op}'."
    wanted = expected["children"]
    if len(children) != len(wanted):
        return (
            f"{name} should have {len(wanted)} children, "
            f"({', '.join(c['label'] for c in wanted)}), but yours has {len(children)}."
        )
    if depth > 10:
        return "your graph is deeper than n = x1·w1 + x2·w2."
    below = {}
    straight = [_compare(w, c, below, depth + 1) for w, c in zip(wanted, children)]
    if any(straight) and len(wanted) == 2:
        crossed_below = {}
        crossed = [
            _compare(w, c, crossed_below, depth + 1) for w, c in zip(wanted, reversed(children))
        ]
        if not any(crossed):
            straight, below = crossed, crossed_below
    for problem in straight:
        if problem:
            return problem
    if not close(data, expected["data"], 1e-9):
        return f"{name} should hold {expected['data']:g}, but holds {data:g}."
    found.update(below)
    return None


INPUT_NAMES = ("x1", "w1", "x2", "w2")


def _missing_input(found):
    """The sentence for an input of the exercise that is not in the graph, or None.

    The class wraps a plain number in a Value of its own, so `x2 * 1.0` looks like it
    uses an input holding 1: the label tells. The exercise's cell labels its four inputs,
    so an unlabelled leaf among labelled ones is a number that took an input's place."""
    labelled = any(getattr(v, "label", "") for v in found.values())
    for name in INPUT_NAMES:
        if labelled and not getattr(found[name], "label", ""):
            v = found[name]
            return (
                f"{name} is not in your graph: in its place is another Value holding "
                f"{_data(v):g}, such as a plain number your class wrapped in a new Value. Use "
                f"{name} itself, so that the graph holds that input and its gradient can "
                "reach it."
            )
    return None


def _unlabelled(v):
    p = _parts(v)
    if not p[2]:
        return [] if getattr(v, "label", "") else ["an input"]
    return [m for child in p[2] for m in _unlabelled(child)]


@check("03.4", "Build n from the four Values x1, w1, x2, w2 with * and +, then pass n.")
def check_neuron_sum(n):
    """Exercise 03.4: `n` should be the Value n = x1·w1 + x2·w2 (x1 = 2, w1 = −3, x2 = 0, w2 = 1)."""
    if _parts(n) is None:
        if _float(n) is not None and type(n).__name__ not in ("bool", "bool_", "str"):
            _fail(
                f"you passed the number {_float(n):g}, not a Value: build n from the Values with "
                "+ and *, so that it remembers how it was made, and pass n itself."
            )
        _fail(
            f"expected the output Value n, got {describe(n)}. Build n from Values with + and *, "
            "then pass n itself."
        )
    found = {}
    problem = _compare(NEURON_SUM, n, found) or _missing_input(found)
    if problem:
        _fail(problem)
    tip = " Tip: label the inputs so the picture shows their names." if _unlabelled(n) else ""
    return Verdict(
        True,
        "n = x1·w1 + x2·w2 = -6: a '+' whose children are the two products of an "
        "input and its weight, all data right (either order of the operands is fine: "
        "the number and the gradients are the same)." + tip,
    )


# ----- worked solutions -----

add_solution(
    "03.1",
    """\
**`__add__`.** Two lines: make sure `other` is a Value (a plain number such as `1` gets a
Value of its own, so every child is a Value), then return a *new* Value whose data is the
sum, whose children are the two operands in the order they were written, and whose op is
`"+"`. Neither operand changes: the result is a new node of the graph.""",
    code="""\
def __add__(self, other):  # self + other
    other = other if isinstance(other, Value) else Value(other)
    return Value(self.data + other.data, (self, other), "+")

Value.__add__ = __add__
check_add(Value)
""",
)

add_solution(
    "03.2",
    """\
**`__mul__`.** The same shape as `__add__`, with the product and the op `"*"`. The given
`__rmul__` turns `2 * a` into `Value(2) * a`, so it needs nothing more.""",
    code="""\
def __mul__(self, other):  # self * other
    other = other if isinstance(other, Value) else Value(other)
    return Value(self.data * other.data, (self, other), "*")

Value.__mul__ = __mul__
check_mul(Value)
""",
)

add_solution(
    "03.3",
    """\
**`my_trace`.** A depth-first walk: visit a node's children first, then list the node,
so every node comes after its children. A set of the nodes already visited (by `id`, so
it works for any class) lists a shared node once. The edges follow from the nodes: one
`(child, parent)` pair per operand, so `a + a` gives two. The recursion is fine here;
lesson 06 shows where it breaks (a few thousand operations deep) and how a loop avoids it.""",
    code="""\
def my_trace(root):
    nodes, visited = [], set()

    def visit(v):
        if id(v) in visited:
            return
        visited.add(id(v))
        for child in v.children:
            visit(child)
        nodes.append(v)  # after all its children

    visit(root)
    edges = [(child, v) for v in nodes for child in v.children]
    return nodes, edges

check_trace(my_trace)
""",
)

add_solution(
    "03.4",
    """\
**n = x1·w1 + x2·w2.** Write the expression as it reads; each operator makes one node.
Typing `-6.0` instead of `x1 * w1` gives the right number and no graph at all.""",
    code="""\
x1, w1 = Value(2.0, label="x1"), Value(-3.0, label="w1")
x2, w2 = Value(0.0, label="x2"), Value(1.0, label="w2")
n = x1 * w1 + x2 * w2
n.label = "n"
check_neuron_sum(n)
""",
)
