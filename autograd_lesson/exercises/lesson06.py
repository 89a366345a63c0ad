"""Lesson 06 checks: you write the engine's core, each piece checked as soon as it is written.

- 06.1 the local derivatives of `+` and `*` (`check_local_grads(Value)`);
- 06.2 a recursive topological sort (`check_topo_recursive(topo_recursive, Value)`);
- 06.3 an iterative one, that survives a deep chain (`check_topological_order(...)`);
- 06.4 `backward(root)` (`check_backward(backward, Value)`);
- 06.5 a reverse topological order by hand, for a new graph (`check_reverse_order(order)`).

The code checks build the graphs of `graphs.standard_graphs` with your class (the lesson's
graph, a shared inner node, an input used twice, random graphs that reuse nodes, and for
06.3 and 06.4 a chain 6,000 operations deep) and compare with the package, node by node.
A function that only reads a graph (an order, backward) must leave it as it was: a
snapshot taken before the call (`graphs.snapshot`) names what it changed.

The course's version of each piece (06.1, 06.3, 06.4) is in `autograd_lesson/pieces.py`: it
is the solution, and the notebook falls back on it (`mine.course_pieces(Value)`) until yours
passes. 06.2's recursive sort is not a piece of the engine; its version is here.
"""

__all__ = [
    "check_backward",
    "check_local_grads",
    "check_reverse_order",
    "check_topo_recursive",
    "check_topological_order",
]  # the checks a notebook imports

import numbers
import re

from .. import engine
from ..examples import backward_along
from ..mine import reference_code
from . import graphs
from .base import Stop, Verdict, add_solution, check, close, describe, is_value, run

# ----- 06.2's recursive sort: not a piece of the engine, so it lives here -----


def topo_recursive(root):
    """The textbook recursive sort: before listing a node, list its children."""
    order, visited = [], set()

    def visit(node):
        if id(node) not in visited:
            visited.add(id(node))
            for child in node.children:
                visit(child)
            order.append(node)

    visit(root)
    return order


# ----- helpers shared by the checks (lesson 07 uses them too) -----


def kids(node):
    """A node's children as a list: `children`, or micrograd's `_prev` (a set)."""
    children = getattr(node, "children", None)
    if children is None:
        children = getattr(node, "_prev", ())
    try:
        return list(children)
    except TypeError:
        raise Stop(
            Verdict(
                False, f"a node's children should be a tuple of Values, got {describe(children)}."
            )
        ) from None


def reachable(root, limit=100_000):
    """{id: node} for every node root depends on (a loop, so any depth works)."""
    seen, stack = {id(root): root}, [root]
    while stack:
        for child in kids(stack.pop()):
            if id(child) not in seen:
                if not is_value(child):
                    raise Stop(
                        Verdict(
                            False,
                            f"a node's children include {describe(child)}, which "
                            "is not a Value: children must be the Values an "
                            "operation was made from.",
                        )
                    )
                seen[id(child)] = child
                stack.append(child)
        if len(seen) > limit:
            raise Stop(
                Verdict(
                    False, f"the graph has more than {limit:,} nodes: is a node made from itself?"
                )
            )
    return seen


def names_of(program, nodes):
    """{id: how the node is made} for the nodes of a built program."""
    labels = graphs.node_names(program)
    return {id(node): graphs.formula(program, k, labels) for k, node in enumerate(nodes)}


def name(node, names):
    """A node in words: its formula, or what it is when the program did not make it."""
    if id(node) in names:
        return names[id(node)]
    return f"the Value your class made for the plain number {getattr(node, 'data', '?')}"


def build(program, cls, description):
    """`program` built with `cls` (the student's class), under the time limit."""
    return run(graphs.build, program, cls, what=f"building {description} with your Value class")


ONLY_READS = "An order only reads the graph; leave .children (and .data) as they are."
BACKWARD_ONLY_GRAD = (
    "backward only fills in .grad: leave .children, .local_grads, .op and .data as they are."
)


def run_reading(func, call, program, nodes, description, rule):
    """`func(root)` on a built graph, under the time limit (`call` names it: "backward(root)").
    Then `Stop` with a verdict if it changed the graph (children, local_grads, op or data),
    so that a check never judges a graph the function has made easier."""
    taken = graphs.snapshot(nodes[-1])
    result = run(func, nodes[-1], what=f"{call} on {description}")
    who = f"your {call.split('(')[0]}"
    problem = graphs.changed(taken, graphs.short_names(program, nodes), who, rule)
    if problem:
        raise Stop(Verdict(False, f"on {description}: {problem}"))
    return result


def student_class(cls):
    if cls is None:
        return engine.Value
    if not isinstance(cls, type):
        raise Stop(Verdict(False, f"pass your class itself, such as Value, got {describe(cls)}."))
    return cls


# ----- 06.1: local derivatives -----


def _shown(x):
    """x described; an iterator (zip, map, iter, a generator) with why it cannot serve."""
    if hasattr(x, "__next__"):
        return (
            f"a {type(x).__name__} object, an iterator, which is used up once it has been "
            "read (and a graph is read again and again)"
        )
    return describe(x)


def _judge_children(program, k, nodes):
    """What is wrong with the children of node k (exactly its operands, in order), or None."""
    node, (op, i, j) = nodes[k], program[k]
    where, names = graphs.formula(program, k), graphs.node_names(program)
    children = getattr(node, "children", getattr(node, "_prev", None))
    if isinstance(children, (set, frozenset)):
        return (
            f"{where} keeps its children in a set, which has no order (and keeps the a of "
            "a + a only once): use a tuple, (self, other), so that local_grads[0] belongs "
            "to self and local_grads[1] to other."
        )
    if not isinstance(children, (tuple, list)):
        return f"{where} has .children {_shown(children)}: it should be the tuple (self, other)."
    if isinstance(j, int):  # two Values
        want = [nodes[i], nodes[j]]
    elif len(children) == 1 and children[0] is nodes[i]:
        return None  # a class that keeps the number inside the op, as the package does
    else:  # self + Value(j), or Value(j) + self from __radd__
        wrapped = [
            c
            for c in children
            if c is not nodes[i] and is_value(c) and close(getattr(c, "data", None), j, 0)
        ]
        # no wrapped number: its words stand in, and no child is them, so it is "missing"
        want = [nodes[i], wrapped[0] if wrapped else f"a Value holding {j:g}"]
        want = want[::-1] if op.startswith("r") else want
    if len(children) == 2 and all(c is w for c, w in zip(children, want)):
        return None
    ids = {id(v): name for name, v in zip(names, nodes)}
    for v in want:
        if not any(child is v for child in children):
            return (
                f"{where} does not list {ids.get(id(v), v)} among its children: pass "
                "(self, other) as the children."
            )
    shown = "(" + ", ".join(ids.get(id(c)) or describe(c) for c in children) + ")"
    if len(children) == 2:
        return (
            f"the children of {where} are swapped, {shown}: keep operand order, (self, other), "
            "so that local_grads[0] belongs to self and local_grads[1] to other."
        )
    return (
        f"{where} has {len(children)} children, {shown}; it should have exactly the two "
        "operands, (self, other), in that order. backward sends every child its share of "
        "the gradient, so a child listed twice would get it twice."
    )


def _judge_op(program, k, nodes, reference):
    """What is wrong with node k of a built program (its value and local_grads), or None."""
    node, step = nodes[k], program[k]
    where = graphs.formula(program, k)
    kind = step[0].lstrip("r")
    if not is_value(node):
        return f"{where} gave {describe(node)}, not a Value: __{'add' if kind == '+' else 'mul'}__ must return the new Value."
    try:
        data = float(node.data)
    except (TypeError, ValueError, OverflowError):
        return f"{where} has .data {describe(node.data)}, not a number."
    if not close(data, reference[k].data, 1e-9):
        return (
            f"{where} should be {reference[k].data:g}, yours is {data:g}: the forward value is "
            f"self.data {kind} other.data."
        )
    local = getattr(node, "local_grads", None)
    if local is None:
        return f"{where} has no .local_grads: give Value(...) the argument local_grads=(..., ...)."
    problem = _judge_children(program, k, nodes)
    if problem:
        return problem
    children = kids(node)
    if not isinstance(local, (tuple, list)):
        return (
            f"{where} has local_grads {_shown(local)}: it should be a tuple of numbers, "
            "(∂/∂self, ∂/∂other)."
        )
    if not local:
        return (
            f"{where} has local_grads (): pass local_grads=(∂/∂self, ∂/∂other) when you make "
            f"the result in __{'add' if kind == '+' else 'mul'}__."
        )
    if len(local) != len(children):
        return (
            f"{where} has {len(local)} local derivatives for {len(children)} children: one per "
            "child, in the same order."
        )
    for entry in local:
        if is_value(entry):
            return (
                f"{where} stores a Value as a local derivative ({describe(entry)}): store its "
                "number, other.data, not the Value other. With Values there, every grad would "
                "become a Value too."
            )
        if isinstance(entry, bool) or not isinstance(entry, numbers.Real):
            return f"{where} has local derivative {describe(entry)}: it should be a number."
    if kind == "+":
        want = (1.0,) * len(children)
    elif len(children) == 2:
        want = (children[1].data, children[0].data)
    else:  # a class that keeps a plain number inside the op, as the package does
        want = (step[2],)
    if all(close(g, w, 1e-9) for g, w in zip(local, want)):
        return None
    shown = "(" + ", ".join(f"{float(g):g}" for g in local) + ")"
    wanted = "(" + ", ".join(f"{w:g}" for w in want) + ")"
    if (
        kind == "*"
        and len(children) == 2
        and all(close(g, c.data, 1e-9) for g, c in zip(local, children))
    ):
        return (
            f"{where} has local_grads {shown}, swapped: ∂(x·y)/∂x is y, the OTHER factor. "
            f"Write local_grads=(other.data, self.data), which is {wanted} here."
        )
    if kind == "*" and all(close(g, 1.0) for g in local):
        return (
            f"{where} has local_grads {shown}: (1, 1) is the rule for +. In a product each "
            f"factor's derivative is the other factor: (other.data, self.data) = {wanted}."
        )
    if kind == "+" and all(close(g, 0.0) for g in local):
        return (
            f"{where} has local_grads {shown}: 0 would mean the sum ignores its inputs. Nudge "
            "self by h and self + other moves by h too: both local derivatives are 1."
        )
    if (
        kind == "+"
        and len(children) == 2
        and all(close(g, c.data, 1e-9) for g, c in zip(local, reversed(children)))
    ):
        return (
            f"{where} has local_grads {shown}, the rule for *: for a sum both local "
            "derivatives are 1."
        )
    return f"{where} has local_grads {shown}; they should be {wanted}."


@check(
    "06.1", "Give __add__ and __mul__ the local derivatives: local_grads=(∂out/∂self, ∂out/∂other)."
)
def check_local_grads(cls):
    """Exercise 06.1: every + and * of your class stores the right local derivatives."""
    cls = student_class(cls if cls is not None else "nothing")
    tested = graphs.standard_graphs(("+", "*"))
    for description, program in tested:
        nodes = build(program, cls, description)
        reference = graphs.build(program, engine.Value)
        for k, step in enumerate(program):
            if step[0] != "leaf":
                problem = _judge_op(program, k, nodes, reference)
                if problem:
                    raise Stop(Verdict(False, f"on {description}: {problem}"))
    return Verdict(
        True,
        f"every + and * on {len(tested)} graphs (shared nodes, an input used twice, "
        "plain numbers on either side) stores its value and its local derivatives.",
    )


# ----- 06.2 and 06.3: topological order -----


def judge_order(order, root, program, nodes):
    """What is wrong with `order` as a topological order of root's graph, or None."""
    if order is None:
        return "your function returned None: end it with `return order`."
    if isinstance(order, (str, bytes)) or not hasattr(order, "__iter__"):
        return f"your function returned {describe(order)}; it should return a list of the nodes."
    try:
        order = list(order)
    except Exception as error:  # a student's iterator that raises
        return f"reading the list your function returned raised {type(error).__name__}: {error}"
    names = names_of(program, nodes)
    graph = reachable(root)
    for item in order:
        if id(item) not in graph:
            if isinstance(item, str):
                return (
                    f"your list holds the text {item!r}: list the nodes themselves "
                    "(order.append(node)), not their labels."
                )
            return f"your list holds {describe(item)}, which is not a node of this graph."
    count = {}
    for item in order:
        count[id(item)] = count.get(id(item), 0) + 1
    repeated = [item for item in order if count[id(item)] > 1]
    if repeated:  # name the shared node itself, not the nodes below it that repeat with it
        first = {}
        for i, item in enumerate(order):
            first.setdefault(id(item), i)
        item = max(repeated, key=lambda node: first[id(node)])
        shared = sum(any(c is item for c in kids(p)) for p in graph.values())
        why = (
            f"it is used by {shared} operations, so the walk reaches it {shared} times"
            if shared > 1
            else "the walk reached it twice"
        )
        return (
            f"{name(item, names)} appears {count[id(item)]} times in your order: {why}. "
            "Remember which nodes you have visited (a set) and skip a node seen before."
        )
    missing = [node for key, node in graph.items() if key not in count]
    if missing:
        more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        return (
            f"your order misses {name(missing[0], names)}{more}: list every value root depends "
            "on, root included."
        )
    position = {id(item): i for i, item in enumerate(order)}

    def first_early(items):
        for node in items:
            for child in kids(node):
                if position[id(child)] > position[id(node)]:
                    return node, child
        return None

    early = first_early(order)
    if early is None:
        return None
    if all(position[id(child)] > position[id(node)] for node in order for child in kids(node)):
        return (
            "your order is output first: that is the reverse of what is asked. A topological "
            "order lists every node AFTER the nodes it is made from, root last (backward then "
            "walks it reversed)."
        )
    node, child = early
    return (
        f"{name(node, names)} comes before {name(child, names)}, one of the nodes it is made "
        "from. A node may be listed only once all its children are: visiting a node and "
        "listing it right away (parents first) is not a topological order."
    )


def _check_order(func, cls, what, deep):
    cls = student_class(cls)
    tested = graphs.standard_graphs(("+", "*"), deep=deep)
    for description, program in tested:
        nodes = build(program, cls, description)
        result = run_reading(func, what, program, nodes, description, ONLY_READS)
        problem = judge_order(result, nodes[-1], program, nodes)
        if problem:
            raise Stop(Verdict(False, f"on {description}: {problem}"))
    return len(tested)


@check(
    "06.2",
    "Write topo_recursive(root) with an inner function visit(node) that calls itself on each child.",
)
def check_topo_recursive(topo_recursive, cls=None):
    """Exercise 06.2: a topological order of any (not too deep) graph: every node once, after its children."""
    n = _check_order(topo_recursive, cls, "topo_recursive(root)", deep=False)
    return Verdict(
        True,
        f"on {n} graphs, shared nodes included, your order lists every node once, "
        "each after its children. Now watch it meet a deep graph, below.",
    )


@check(
    "06.3",
    "Write topological_order(root) with a loop and a list used as a stack of (node, children_done) pairs.",
)
def check_topological_order(topological_order, cls=None):
    """Exercise 06.3: the same order with a loop, so a chain 6,000 operations deep works too."""
    n = _check_order(topological_order, cls, "topological_order(root)", deep=True)
    return Verdict(
        True,
        f"on {n} graphs, shared nodes and a chain 6,000 operations deep included, "
        "your order lists every node once, each after its children.",
    )


# ----- 06.4: backward -----


def _simulate(nodes, walk, assign):
    """Run a typical wrong backward on a fresh built graph: walk is 'forward', 'reversed' or
    'parents first' (a stack walk with no topological order); `assign` is lesson 07's bug."""
    root = nodes[-1]
    order = engine.topological_order(root)
    if walk == "forward":
        visit = order
    elif walk == "reversed":
        visit = list(reversed(order))
    else:
        visit, seen, stack = [], set(), [root]
        while stack:
            node = stack.pop()
            if id(node) not in seen:
                seen.add(id(node))
                visit.append(node)
                stack.extend(reversed(node.children))
    backward_along(root, visit, accumulate=not assign)
    return nodes


TYPICAL = (
    (
        "reversed",
        True,
        "you ASSIGN each contribution (child.grad = ...) where you should add "
        "it: a value used more than once keeps only its last one, but the chain rule sums one "
        "contribution per use",
    ),
    (
        "forward",
        False,
        "you visit the nodes in topological order, inputs first: a node then "
        "passes on its grad before the nodes that use it have sent theirs. Walk "
        "reversed(order), output first",
    ),
    (
        "forward",
        True,
        "you visit the nodes inputs first and assign (=): walk reversed(order), "
        "output first, and add each contribution where you now assign it",
    ),
    (
        "parents first",
        False,
        "you walk the graph parents first (a stack walk), not in reverse "
        "topological order: a shared node passes on its grad before every node that uses it "
        "has sent its share. Walk reversed(topological_order(root))",
    ),
)


# the names of TYPICAL's mistakes, as the instructor's class view counts them
BACKWARD_MISTAKES = tuple(
    zip(
        TYPICAL,
        ("assigns-instead-of-adds", "inputs-first", "inputs-first-and-assigns", "parents-first"),
    )
)


def judge_backward(program, nodes, cls, description):
    """What is wrong with the grads of `nodes` after the student's backward, or None."""
    names = graphs.node_names(program)
    for k, node in enumerate(nodes):
        grad = getattr(node, "grad", None)
        if is_value(grad):
            return (
                f"after your backward, {names[k]}.grad is a Value ({describe(grad)}), not a "
                "number. Multiply numbers: local * node.grad, where local_grads hold numbers "
                "(other.data, not other)."
            )
        seed = " Start with root.grad = 1.0 (∂root/∂root = 1)." if k == len(nodes) - 1 else ""
        if isinstance(grad, (str, bytes)):
            return (
                f"after your backward, {names[k]}.grad is the text {grad!r}, not a number: "
                f"store the number itself, without quotes or str().{seed}"
            )
        if type(grad).__name__ in ("bool", "bool_"):  # NumPy's too
            return (
                f"after your backward, {names[k]}.grad is {grad!r}, a yes/no value, not a "
                f"number.{seed}"
            )
    root_grad = getattr(nodes[-1], "grad", None)
    if isinstance(root_grad, numbers.Real) and not isinstance(root_grad, bool):
        if root_grad == 0.0:
            return (
                "the output's grad is still 0, so nothing flowed back: start with "
                "root.grad = 1.0 (∂root/∂root = 1)."
            )
        if not close(root_grad, 1.0):
            return (
                f"the output's grad is {root_grad:g}; it should be 1 (∂root/∂root = 1): set "
                "root.grad = 1.0 before the loop."
            )
    reference = graphs.build(program, engine.Value)
    reference[-1].backward()
    difference = graphs.first_difference(program, nodes, reference, "grad")
    if difference is None:
        return None
    for walk, assign, why in TYPICAL:
        fresh = build(program, cls, description)
        try:
            _simulate(fresh, walk, assign)
        except (
            Exception
        ):  # the student's class without local_grads: no diagnosis, just the difference
            break
        if all(close(getattr(m, "grad", None), s.grad, 1e-9) for m, s in zip(nodes, fresh)):
            return f"{difference} It looks like {why}."
    return (
        f"{difference} Every edge adds local × node.grad into child.grad, visiting the nodes in "
        "reversed(topological_order(root))."
    )


@check(
    "06.4",
    "Write backward(root): seed root.grad = 1.0, then the chain rule along every edge, output first.",
)
def check_backward(backward, cls=None):
    """Exercise 06.4: backward(root) fills in every grad as the package's backward does."""
    cls = student_class(cls)
    tested = graphs.standard_graphs(("+", "*"), deep=True)
    for description, program in tested:
        nodes = build(program, cls, description)
        run_reading(backward, "backward(root)", program, nodes, description, BACKWARD_ONLY_GRAD)
        problem = judge_backward(program, nodes, cls, description)
        if problem:
            mistake = next((name for (*_, why), name in BACKWARD_MISTAKES if why in problem), None)
            raise Stop(Verdict(False, f"on {description}: {problem}", mistake=mistake))
    return Verdict(
        True,
        f"your backward matches the package's on {len(tested)} graphs: the lesson's, "
        "shared inner nodes, a + a, random graphs and a chain 6,000 operations deep.",
    )


# ----- 06.5: an order by hand -----

# node -> the nodes it is made from, for q = (x·y + y)·z
MADE_FROM = {"q": ("v", "z"), "v": ("u", "y"), "u": ("x", "y"), "x": (), "y": (), "z": ()}


def exercise_graph():
    """q = (x·y + y)·z at x = 2, y = −1, z = 3, every value labelled."""
    x, y, z = (
        engine.Value(2.0, label="x"),
        engine.Value(-1.0, label="y"),
        engine.Value(3.0, label="z"),
    )
    u = x * y
    u.label = "u"
    v = u + y
    v.label = "v"
    q = v * z
    q.label = "q"
    return q


@check(
    "06.5", "Write the six names q, v, u, x, y, z in a list, in an order backward could visit them."
)
def check_reverse_order(order):
    """Exercise 06.5: a reverse topological order of q's graph, as a list of labels (any valid one)."""
    if isinstance(order, (str, bytes)) or not isinstance(order, (list, tuple)):
        raise Stop(
            Verdict(
                False, f"expected a list of node names such as ['q', ...], got {describe(order)}."
            )
        )
    names = []
    for item in order:
        item = (
            getattr(item, "label", item) if is_value(item) else item
        )  # Values count as their labels
        if not isinstance(item, str):
            raise Stop(
                Verdict(
                    False,
                    f"{describe(item)} is not a node name: write the names as text, such as 'q'.",
                )
            )
        names.append(item)
    unknown = [n for n in names if n not in MADE_FROM]
    if unknown:
        raise Stop(
            Verdict(
                False,
                f"{unknown[0]!r} is not a node of this graph; the nodes are "
                f"{', '.join(sorted(MADE_FROM))}.",
            )
        )
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise Stop(
            Verdict(
                False, f"{repeated[0]!r} appears more than once; backward visits each node once."
            )
        )
    missing = sorted(set(MADE_FROM) - set(names))
    if missing:
        raise Stop(Verdict(False, f"missing {', '.join(missing)}: the order must list every node."))
    position = {n: i for i, n in enumerate(names)}
    if all(position[child] < position[node] for node in names for child in MADE_FROM[node]):
        raise Stop(
            Verdict(
                False,
                "that is a forward (topological) order: every node after its "
                "inputs, the order the forward pass computes them in. backward "
                "needs the REVERSE: start at q.",
            )
        )
    for node in names:  # the first node listed before one of the nodes that use it
        users = [p for p, children in MADE_FROM.items() if node in children]
        early = [p for p in users if position[p] > position[node]]
        if early:
            user = early[0]
            raise Stop(
                Verdict(
                    False,
                    f"{node} comes before {user}, but {user} is made from {node}: "
                    f"∂q/∂{node} collects a contribution through {user}, so {user}'s "
                    f"grad must be complete and passed on first. Every node must come "
                    "after ALL the nodes that use it.",
                )
            )
    return Verdict(
        True,
        f"{' → '.join(names)}: every node comes after all the nodes that use it, "
        "so its grad is complete when it is passed on.",
    )


# ----- solutions -----

add_solution(
    "06.1",
    r"""
The forward value is lesson 03's; what is new is one argument. For a sum, nudging either
input by $h$ moves the sum by $h$: both local derivatives are $1$. For a product $x\cdot y$,
$\partial/\partial x = y$ and $\partial/\partial y = x$: each factor gets the **other** one,
stored as a number (`.data`), not as a `Value`.
""",
    code=reference_code("06.1") + "\ncheck_local_grads(Value)\n",
)

add_solution(
    "06.2",
    r"""
"Before listing a node, list its children": an inner function that calls itself on each
child, then appends the node. The set of visited nodes makes a shared node appear once.
""",
    code="""def topo_recursive(root):
    order, visited = [], set()

    def visit(node):
        if node not in visited:
            visited.add(node)
            for child in node.children:
                visit(child)
            order.append(node)

    visit(root)
    return order

check_topo_recursive(topo_recursive, Value)
""",
)

add_solution(
    "06.3",
    r"""
Do what the recursion did, with your own stack. Each entry says whether the node's children
are already done. A node popped for the first time is pushed back with `True` on top of its
children; when that entry comes up again, everything above it (its children and theirs) has
been listed, so the node can be listed too.
""",
    code=reference_code("06.3") + "\ncheck_topological_order(topological_order, Value)\n",
)

add_solution(
    "06.4",
    r"""
Seed the output with $\partial\,\text{root}/\partial\,\text{root} = 1$, then walk the order
backwards (output first) and push each node's gradient to its children along every edge,
adding: a child used twice receives two contributions.
""",
    code=re.sub(r"\bself\b", "root", reference_code("06.4"))
    + "\ncheck_backward(backward, Value)\n",
)

add_solution(
    "06.5",
    r"""
Start at the output and list a node only when every node that uses it is already listed.
$q$ uses $v$ and $z$; $v$ uses $u$ and $y$; $u$ uses $x$ and $y$. So $y$ must come after
**both** $v$ and $u$. One valid answer (there are several):
""",
    code="""order = ["q", "z", "v", "u", "x", "y"]
check_reverse_order(order)
""",
)
