"""Lesson 06 checks: the order backward must visit the nodes in, and a backward pass of your own.

The graph for exercise 06.1 uses y twice:

    u = x·y,   v = u + y,   q = v·z       (x = 2, y = −1, z = 3)

so y's gradient arrives along two paths, and both must be in before y is "done".
"""

import math

from ..engine import Value
from .base import Verdict, add_solution, close

__all__ = ["check_reverse_order", "check_my_backward"]  # the checks a notebook imports

# node -> the nodes it is made from, for q = (x·y + y)·z
MADE_FROM = {"q": ("v", "z"), "v": ("u", "y"), "u": ("x", "y"), "x": (), "y": (), "z": ()}


def exercise_graph():
    """q = (x·y + y)·z at x = 2, y = −1, z = 3, every value labelled."""
    x, y, z = Value(2.0, label="x"), Value(-1.0, label="y"), Value(3.0, label="z")
    u = x * y
    u.label = "u"
    v = u + y
    v.label = "v"
    q = v * z
    q.label = "q"
    return q


def check_reverse_order(order):
    """Exercise 06.1: a reverse topological order of q's graph, as a list of labels (any valid one)."""
    if isinstance(order, (str, bytes)) or not hasattr(order, "__iter__"):
        return Verdict(False, f"expected a list of node names such as ['q', ...], got "
                              f"{type(order).__name__} {order!r}.")
    names = [getattr(n, "label", n) for n in order]  # Values count as their labels
    names = [str(n) for n in names]
    unknown = [n for n in names if n not in MADE_FROM]
    if unknown:
        return Verdict(False, f"{unknown[0]!r} is not a node of this graph; the nodes are "
                              f"{', '.join(sorted(MADE_FROM))}.")
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        return Verdict(False, f"{repeated[0]!r} appears more than once; backward visits each node once.")
    missing = sorted(set(MADE_FROM) - set(names))
    if missing:
        return Verdict(False, f"missing {', '.join(missing)}: the order must list every node.")
    if all(names.index(child) < names.index(node) for node in names for child in MADE_FROM[node]):
        return Verdict(False, "that is a forward (topological) order: every node after its "
                              "inputs, the order the forward pass computes them in. backward "
                              "needs the REVERSE: start at q.")
    position = {n: i for i, n in enumerate(names)}
    for node in names:  # the first node listed before one of the nodes that use it
        users = [p for p, kids in MADE_FROM.items() if node in kids]
        early = [p for p in users if position[p] > position[node]]
        if early:
            user = early[0]
            return Verdict(False, f"{node} comes before {user}, but {user} is made from {node}: "
                                  f"∂q/∂{node} collects a contribution through {user}, so {user}'s grad "
                                  f"must be complete and passed on first. Put {user} before {node}.")
    return Verdict(True, f"{' → '.join(names)}: every node comes after all the nodes that use it, "
                         "so its grad is complete when it is passed on.")


def _graphs():
    """Fresh test graphs: (name, build) pairs; each build returns (root, {label: leaf})."""

    def lesson():
        a, b, c, f = (Value(v, label=k) for k, v in (("a", 2.0), ("b", -3.0), ("c", 10.0), ("f", -2.0)))
        return (a * b + c) * f, {"a": a, "b": b, "c": c, "f": f}

    def shared():
        x, y, z = Value(2.0, label="x"), Value(-1.0, label="y"), Value(3.0, label="z")
        return (x * y + y) * z, {"x": x, "y": y, "z": z}

    def twice():
        a = Value(3.0, label="a")
        return a + a, {"a": a}

    def deep():
        x = Value(0.5, label="x")
        out = x
        for _ in range(3000):
            out = out * 1.0001 + 0.0
        return out, {"x": x}

    return [("L = (a·b + c)·f", lesson), ("q = (x·y + y)·z, where y is used twice", shared),
            ("b = a + a", twice), ("a chain 6,000 operations deep", deep)]


def check_my_backward(my_backward):
    """Exercise 06.2: `my_backward(root)` should fill in .grad like `root.backward()`."""
    if not callable(my_backward):
        return Verdict(False, f"expected a function my_backward(root), got {type(my_backward).__name__}.")
    for name, build in _graphs():
        mine, leaves = build()
        ref, ref_leaves = build()
        ref.backward()
        try:
            my_backward(mine)
        except RecursionError:
            return Verdict(False, f"on {name} your function hit Python's recursion limit: build the "
                                  "order with `topological_order(root)`, which uses a loop, not recursion.")
        except Exception as e:  # the student's code: report, never raise
            return Verdict(False, f"on {name} it raised {type(e).__name__}: {e}")
        if not close(mine.grad, 1.0):
            return Verdict(False, f"on {name} the output's grad is {mine.grad:g}: start with "
                                  "root.grad = 1.0 (d root / d root), or nothing flows back.")
        for label, leaf in leaves.items():
            want = ref_leaves[label].grad
            if not (math.isfinite(leaf.grad) and close(leaf.grad, want, 1e-9)):
                got = leaf.grad
                if got == 0.0:
                    why = ("it is still 0: nothing reached it. Visit the nodes in REVERSE topological "
                           "order (reversed(topological_order(root))), output first")
                elif name.startswith(("q", "b")):
                    why = ("a value used more than once must ADD the gradient from each use: "
                           "child.grad += local * node.grad, not =")
                else:
                    why = "each edge adds local derivative × the node's grad: child.grad += local * node.grad"
                return Verdict(False, f"on {name}, {label}.grad should be {want:g}, yours is {got:g}: {why}.")
    return Verdict(True, "your backward matches the engine's on L = (a·b + c)·f, on a graph that "
                         "uses a value twice, on b = a + a and on a chain 6,000 operations deep.")


add_solution("06.1", r"""
Start at the output and list a node only when every node that uses it is already listed.
$q$ uses $v$ and $z$; $v$ uses $u$ and $y$; $u$ uses $x$ and $y$. So $y$ must come after
**both** $v$ and $u$. One valid answer (there are several):

```python
order = ["q", "z", "v", "u", "x", "y"]
```
""")

add_solution("06.2", r"""
Seed the output with $1$, then walk the nodes output-first and push each node's gradient
to its children, **adding** (a child used twice receives two contributions):

```python
def my_backward(root):
    root.grad = 1.0
    for node in reversed(topological_order(root)):
        for child, local in zip(node.children, node.local_grads):
            child.grad += local * node.grad
```
""")
