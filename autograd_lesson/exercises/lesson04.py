"""Lesson 04 checks: backpropagate by hand.

- 04.1 `check_backprop_by_hand(grads)`: every grad of L = (a·b + c)·f at new numbers,
  a = 2, b = −3, c = 5, f = 3 (the notebook works the graph out at c = 10, f = −2;
  `check_worked_graph(grads)` runs the same check on those numbers, for the demo).
- 04.2 `check_backprop_new_graph(grads)`: every grad of y = (a·b)·(a + b) at a = 4, b = −1,
  with p = a·b and s = a + b; a and b each reach y along two paths.

Each check walks the graph the way you should, from the output back (reverse
topological order), and stops at the FIRST node whose grad is wrong, because every
later mistake may only be that one passed on. It names the rule that applies there:
`+` passes the gradient on unchanged, `*` multiplies it by the other input, and a value
used twice gets the sum of what both uses send it.
"""

from ..examples import INPUTS
from .base import Stop, Verdict, add_solution, check, close, describe, is_value, number

__all__ = [
    "check_backprop_by_hand",
    "check_backprop_new_graph",
    "check_worked_graph",
]  # what a notebook imports


class HandGraph:
    """A small graph written out by hand: each computed node as (op, left, right)."""

    def __init__(self, key, name, output, data, ops, order):
        self.key = key
        self.name, self.output, self.data, self.ops, self.order = name, output, data, ops, order
        self.uses = {n: [] for n in data}  # node -> [(user, op, other operand)]
        for user, (op, left, right) in ops.items():
            self.uses[left].append((user, op, right))
            self.uses[right].append((user, op, left))
        self.right = {output: 1.0}
        for node in order[1:]:
            self.right[node] = sum(self.path(node, use) for use in self.uses[node])

    def local(self, op, other):
        return 1.0 if op == "+" else self.data[other]

    def path(self, node, use, grads=None):
        """What one use (user, op, other) sends to node: local derivative × the user's grad."""
        user, op, other = use
        return self.local(op, other) * (grads or self.right)[user]

    def rule(self, node, use):
        user, op, other = use
        left, right = self.ops[user][1:]
        formula = f"{user} = {left} {op} {right}"
        if op == "+":
            return f"{formula} passes ∂{self.output}/∂{user} = {self.right[user]:g} on unchanged (local derivative 1)"
        return (
            f"{formula} sends {node} the other input {other} = {self.data[other]:g} times "
            f"∂{self.output}/∂{user} = {self.right[user]:g}"
        )


def _pd(graph, node):
    return f"∂{graph.output}/∂{node}"


def _read(graph, answer):
    """The student's grads as {name: float}; Stop with a verdict when they cannot be read."""
    out = graph.output
    if is_value(answer):  # the output Value, with .grad set by hand on labelled nodes
        grads, stack, seen = {}, [answer], set()
        while stack:
            v = stack.pop()
            if id(v) in seen:
                continue
            seen.add(id(v))
            if getattr(v, "label", ""):
                grads[str(v.label)] = getattr(v, "grad", None)
            stack.extend(getattr(v, "children", getattr(v, "_prev", ())))
        answer = grads
    if not isinstance(answer, dict):
        raise Stop(
            Verdict(
                False,
                f"expected a dict of grads such as {{'{out}': 1.0, ...}} (or the "
                f"output Value {out} with .grad set by hand), got {describe(answer)}.",
            )
        )
    unknown = sorted(str(k) for k in answer if str(k) not in graph.data)
    if unknown:
        raise Stop(
            Verdict(
                False,
                f"{', '.join(map(repr, unknown))} is not a node of {graph.name}; "
                f"its nodes are {', '.join(graph.order)}.",
            )
        )
    todo = [n for n in graph.order if answer.get(n, None) is Ellipsis]
    if len(todo) == len(graph.order):
        raise Stop(
            Verdict.todo(
                f"replace each `...` with a number, working from {out} back, then run "
                f"this cell again. (Stuck? solution({graph.key!r}) shows a worked answer.)"
            )
        )
    grads = {}
    for name in graph.order:
        if name not in answer:
            raise Stop(
                Verdict(
                    False,
                    f"no grad for {name!r} yet. Give all of "
                    f"{', '.join(graph.order)}, working from {out} back.",
                )
            )
        g = answer[name]
        if is_value(g):
            g = getattr(g, "grad", None)
        grads[name] = g if g is Ellipsis else number(g, f"the grad of {name}")
    return grads


def _diagnose(graph, name, grads):
    """Why the grad given for `name` is wrong: the rule that applies, with the numbers."""
    given, right, out = grads[name], graph.right[name], graph.output
    pd = _pd(graph, name)
    if name == out:
        return (
            f"{pd} should be 1: {out} changes exactly as much as itself, and every other "
            f"gradient starts from it. You gave {given:g}."
        )
    uses = graph.uses[name]
    rules = "; ".join(graph.rule(name, u) for u in uses)
    total = (
        f"{pd} = "
        + " + ".join(f"({p:g})" if p < 0 else f"{p:g}" for p in (graph.path(name, u) for u in uses))
        + f" = {right:g}"
        if len(uses) > 1
        else f"{pd} = {right:g}"
    )
    head = f"{rules}, so {total}. You gave {given:g}"
    if len(uses) > 1:
        for u in uses:
            if close(given, graph.path(name, u)):
                others = [v[0] for v in uses if v is not u]
                return (
                    f"{head}: only the path through {u[0]}. {name} is used twice (by "
                    f"{u[0]} and {', '.join(others)}), so it receives gradient along both paths: "
                    "add them up."
                )
    locals_only = sum(graph.local(u[1], u[2]) for u in uses)
    if close(given, locals_only) and not close(right, locals_only):
        alone = (
            "the local derivatives alone, added: multiply each"
            if len(uses) > 1
            else "the local derivative alone: multiply it"
        )
        return f"{head}, {alone} by the gradient of the node that uses it (the chain rule)."
    if close(given, -right):
        return f"{head}: the sign is flipped."
    for u in uses:
        user, op, _other = u
        if op == "*" and (
            close(given, graph.data[name] * graph.right[user]) or close(given, graph.data[name])
        ):
            return f"{head}: you used {name}'s own value, but * sends each input the OTHER input."
    for _op, left, r in graph.ops.values():
        if name in (left, r) and left != r:
            sibling = r if name == left else left
            if (
                grads.get(sibling) is not Ellipsis
                and close(given, graph.right[sibling])
                and close(grads[sibling], right)
                and not close(right, graph.right[sibling])
            ):
                return f"{head}: that is {_pd(graph, sibling)}; you swapped {name} and {sibling}."
    return head + "."


def _check_graph(graph, answer):
    grads = _read(graph, answer)
    for name in graph.order:  # from the output back: the first wrong node is the one to fix
        if grads[name] is Ellipsis:
            left = [n for n in graph.order if grads[n] is Ellipsis]
            raise Stop(
                Verdict.todo(
                    f"the grads before {name!r} are right so far; {', '.join(left)} "
                    "still hold `...`: fill them in and run this cell again."
                )
            )
        if not close(grads[name], graph.right[name]):
            raise Stop(Verdict(False, _diagnose(graph, name, grads)))
    return ", ".join(f"{_pd(graph, n)} = {graph.right[n]:g}" for n in graph.order)


WORKED = HandGraph(
    "04.1",
    "L = (a·b + c)·f",
    "L",
    {**INPUTS, "e": -6.0, "d": 4.0, "L": -8.0},  # a = 2, b = −3, c = 10, f = −2
    {"e": ("*", "a", "b"), "d": ("+", "e", "c"), "L": ("*", "d", "f")},
    ("L", "f", "d", "c", "e", "b", "a"),
)  # the graph the notebook works out

LESSON = HandGraph(
    "04.1",
    "L = (a·b + c)·f at c = 5, f = 3",
    "L",
    {**INPUTS, "c": 5.0, "f": 3.0, "e": -6.0, "d": -1.0, "L": -3.0},
    {"e": ("*", "a", "b"), "d": ("+", "e", "c"), "L": ("*", "d", "f")},
    ("L", "f", "d", "c", "e", "b", "a"),
)  # exercise 04.1: the same graph, new numbers

NEW = HandGraph(
    "04.2",
    "y = (a·b)·(a + b)",
    "y",
    {"a": 4.0, "b": -1.0, "p": -4.0, "s": 3.0, "y": -12.0},
    {"p": ("*", "a", "b"), "s": ("+", "a", "b"), "y": ("*", "p", "s")},
    ("y", "p", "s", "a", "b"),
)


HINT_41 = (
    "Start with grads['L'] = 1, then work back one node at a time: local derivative "
    "× the grad of the node that uses it."
)


@check("04.1", HINT_41)
def check_backprop_by_hand(grads):
    """Exercise 04.1: every grad of L = (a·b + c)·f at a = 2, b = −3, c = 5, f = 3, as a dict or
    as the Value L."""
    shown = _check_graph(LESSON, grads)
    return Verdict(
        True, f"{shown}. Each one is a local derivative times the grad of the node that uses it."
    )


@check("04.1", HINT_41)
def check_worked_graph(grads):
    """The same check on the graph the notebook works out (c = 10, f = −2): for demos."""
    shown = _check_graph(WORKED, grads)
    return Verdict(True, f"{shown}, as worked out above.")


@check(
    "04.2",
    "Start with new_grads['y'] = 1; p and s each get the other factor times it; a and b "
    "are used twice.",
)
def check_backprop_new_graph(grads):
    """Exercise 04.2: every grad of y = (a·b)·(a + b) at a = 4, b = −1 (p = a·b, s = a + b)."""
    shown = _check_graph(NEW, grads)
    return Verdict(
        True,
        f"{shown}. a and b each reach y along two paths, through p and through s, "
        "and their grads are the sums: -3 + (-4) = -7 for a, 12 + (-4) = 8 for b.",
    )


add_solution(
    "04.1",
    r"""
The forward pass first: $e = a\cdot b = -6$, $d = e + c = -1$, $L = d\cdot f = -3$. Then work
from the output back, one node at a time, multiplying the **local derivative** by the
gradient of the node that uses it (the chain rule):

| node | rule | gradient |
|---|---|---|
| L | the start | $\partial L/\partial L = 1$ |
| f | $L = d\cdot f$: the other input | $d \times 1 = -1$ |
| d | $L = d\cdot f$: the other input | $f \times 1 = 3$ |
| c | $d = e + c$: passed on unchanged | $1 \times 3 = 3$ |
| e | $d = e + c$: passed on unchanged | $1 \times 3 = 3$ |
| b | $e = a\cdot b$: the other input | $a \times 3 = 6$ |
| a | $e = a\cdot b$: the other input | $b \times 3 = -9$ |
""",
    code="""\
grads = {"L": 1.0, "f": -1.0, "d": 3.0, "c": 3.0, "e": 3.0, "b": 6.0, "a": -9.0}
check_backprop_by_hand(grads)
""",
)

add_solution(
    "04.2",
    r"""
Here $p = a\cdot b = -4$, $s = a + b = 3$, $y = p\cdot s = -12$. From $y$ back:

| node | rule | gradient |
|---|---|---|
| y | the start | $1$ |
| p | $y = p\cdot s$: the other input | $s \times 1 = 3$ |
| s | $y = p\cdot s$: the other input | $p \times 1 = -4$ |
| a | through $p$: $b \times 3 = -3$; through $s$: $1 \times (-4) = -4$ | $-3 + (-4) = -7$ |
| b | through $p$: $a \times 3 = 12$; through $s$: $1 \times (-4) = -4$ | $12 + (-4) = 8$ |

A value used twice gets the **sum** of what both uses send it. Check: $y = a^2 b + a b^2$, so
$\partial y/\partial a = 2ab + b^2 = -8 + 1 = -7$ and $\partial y/\partial b = a^2 + 2ab = 16 - 8 = 8$.
""",
    code="""\
new_grads = {"y": 1.0, "p": 3.0, "s": -4.0, "a": -7.0, "b": 8.0}
check_backprop_new_graph(new_grads)
""",
)
