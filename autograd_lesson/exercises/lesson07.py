"""Lesson 07 checks: the accumulation fix, zero_grad, and gradients by hand of a value used often.

- 07.1 `backward` with `+=` (`check_accumulate(backward, Value)`): runs it on graphs built
  with your class, in an order that shows which graph exposes the `=` bug;
- 07.2 `zero_grad` (`check_zero_grad(zero_grad, Value)`): every node back to 0.0;
- 07.3 a transfer exercise: ∂h/∂a and ∂h/∂b by hand for

      h = (a + a·b)·b        at a = 1.5, b = −2

  where a is used twice and b three times (`check_repeated_use({"a": ..., "b": ...})`).

The course's `backward` and `zero_grad` (the solutions, and what the notebook uses until
yours pass) are in `autograd_lesson/pieces.py`.
"""

__all__ = [
    "check_accumulate",
    "check_repeated_use",
    "check_zero_grad",
]  # the checks a notebook imports

import numbers

from .. import engine
from ..examples import backward_by
from ..mine import reference_code
from . import graphs, lesson06
from .base import (
    Stop,
    Verdict,
    add_solution,
    check,
    close,
    describe,
    is_value,
    number,
    rounded_version,
    todo,
)

# ----- 07.1: the accumulation fix -----


def second_example():
    """d = a·b, e = a + b, f = d·e at a = −2, b = 3: ∂f/∂a = −3, ∂f/∂b = −8."""
    return [("leaf", -2.0), ("leaf", 3.0), ("*", 0, 1), ("+", 0, 1), ("*", 2, 3)]


def accumulation_graphs():
    """The graphs 07.1 runs on, in an order that shows where the `=` bug starts to matter."""
    lesson, shared, twice, *random_ones = graphs.standard_graphs(("+", "*"), deep=True)
    return [
        lesson,
        ("a + a", twice[1]),
        ("f = (a·b)·(a + b) at a = −2, b = 3", second_example()),
        shared,
        *random_ones,
    ]


@check("07.1", "Copy the given backward into the cell and fix the one line that loses gradients.")
def check_accumulate(their_backward, cls):
    """Exercise 07.1: backward(root) gives the package's grads, also where a value is used twice."""
    cls = lesson06.student_class(cls if cls is not None else "nothing")
    tested = accumulation_graphs()
    passed = []
    for description, program in tested:
        nodes = lesson06.build(program, cls, description)
        rule = lesson06.BACKWARD_ONLY_GRAD
        lesson06.run_reading(their_backward, "backward(root)", program, nodes, description, rule)
        problem = lesson06.judge_backward(program, nodes, cls, description)
        if problem:
            before = (
                (
                    f" (It was right on {', '.join(passed)}, where no value is used twice: the "
                    "bug shows only when a value is used more than once.)"
                )
                if passed
                else ""
            )
            raise Stop(Verdict(False, f"on {description}: {problem}{before}"))
        if description.startswith("L ="):
            passed.append(description)
    return Verdict(
        True,
        f"your backward matches the package's on {len(tested)} graphs: a + a, "
        "f = (a·b)·(a + b), shared inner nodes, random graphs and a chain 6,000 "
        "operations deep. Every use of a value adds its share.",
    )


# ----- 07.2: zero_grad -----


ZERO_GRAD_ONLY = (
    "zero_grad resets .grad only: leave .children, .local_grads, .op and .data as they are "
    "(the data is the computation itself)."
)


@check("07.2", "Write zero_grad(self): set .grad = 0.0 on every node of topological_order(self).")
def check_zero_grad(zero_grad, cls):
    """Exercise 07.2: after root.zero_grad(), every node of the graph has grad 0.0."""
    cls = lesson06.student_class(cls if cls is not None else "nothing")
    tested = graphs.standard_graphs(("+", "*"), deep=True)
    for description, program in tested:
        nodes = lesson06.build(program, cls, description)
        root = nodes[-1]
        graph = list(lesson06.reachable(root).values())
        for k, node in enumerate(graph):  # grads as after a backward pass: none of them 0
            node.grad = 0.5 + k
        lesson06.run_reading(zero_grad, "zero_grad", program, nodes, description, ZERO_GRAD_ONLY)
        problem = _judge_zeroed(program, nodes, graph)
        if problem:
            raise Stop(Verdict(False, f"on {description}: {problem}"))
    return Verdict(
        True,
        f"on {len(tested)} graphs, shared nodes and a chain 6,000 operations deep "
        "included, zero_grad sets every grad back to 0.0: the output's, the inner "
        "nodes' and the inputs'.",
    )


def _judge_zeroed(program, nodes, graph):
    names = lesson06.names_of(program, nodes)
    for node in graph:
        if node.grad is None:
            return (
                "zero_grad set a grad to None. Set it to 0.0: backward adds to it "
                "(child.grad += ...), and None + a number is an error."
            )
        if is_value(node.grad):
            return (
                f"zero_grad left a Value ({describe(node.grad)}) in the .grad of "
                f"{lesson06.name(node, names)}: a grad is a plain number; set it to 0.0."
            )
        if isinstance(node.grad, bool) or not isinstance(node.grad, numbers.Real):
            return (
                f"zero_grad left {describe(node.grad)} in the .grad of "
                f"{lesson06.name(node, names)}: set it to the number 0.0."
            )
    left = [node for node in graph if node.grad != 0.0]
    if not left:
        return None
    root = nodes[-1]
    leaves = [n for n in graph if not lesson06.kids(n)]
    inner = [n for n in graph if lesson06.kids(n)]
    if len(left) == len(graph):
        return "no grad was reset. Set node.grad = 0.0 for every node of topological_order(self)."
    if len(graph) > 1 and left == [n for n in graph if n is not root]:
        return (
            "only self.grad went back to 0; every value it depends on kept its grad. Reset "
            "them all: for node in topological_order(self)."
        )
    if all(n in left for n in inner) and not any(n in left for n in leaves):
        return (
            "only the inputs (leaves) went back to 0; the inner nodes and the output kept "
            "theirs. With this notebook's backward (micrograd's rule: every node adds) those old "
            "grads would be added in again: reset every node."
        )
    if all(n in left for n in leaves) and not any(n in left for n in inner):
        return (
            "the inputs (leaves) kept their grads, and those are the ones that accumulate: "
            "reset every node, the leaves included."
        )
    return (
        f"{lesson06.name(left[0], names)} still has grad {left[0].grad:g}"
        + (f" (and {len(left) - 1} more nodes)" if len(left) > 1 else "")
        + ": reset every node of topological_order(self)."
    )


# ----- 07.3: by hand, a value used several times -----

A, B = 1.5, -2.0


def transfer_program():
    """h = (a + a·b)·b: u = a·b, v = a + u, h = v·b."""
    return [("leaf", A), ("leaf", B), ("*", 0, 1), ("+", 0, 2), ("*", 3, 1)]


def _grads(program, assign):
    nodes = graphs.build(program, engine.Value)
    if assign:
        backward_by(nodes[-1], accumulate=False)  # the bug of 07.1: child.grad = local * node.grad
    else:
        nodes[-1].backward()
    return {"a": nodes[0].grad, "b": nodes[1].grad}


def _as_grad(x, key):
    if is_value(x):
        x = x.grad  # a Value counts as its grad here (the student may pass a after backward)
    return number(x, f"∂h/∂{key}")


HINT_73 = 'Work out ∂h/∂a and ∂h/∂b on paper, then write them in: {"a": ..., "b": ...}.'


@check("07.3", HINT_73)
def check_repeated_use(answer):
    """Exercise 07.3: {"a": ∂h/∂a, "b": ∂h/∂b} for h = (a + a·b)·b at a = 1.5, b = −2."""
    if isinstance(answer, (tuple, list)) and len(answer) == 2:
        answer = {"a": answer[0], "b": answer[1]}
    if not isinstance(answer, dict):
        raise Stop(
            Verdict(False, f"expected a dict like {{'a': ..., 'b': ...}}, got {describe(answer)}.")
        )
    if any(v is Ellipsis for v in answer.values()):
        raise Stop(todo("07.3", HINT_73, "replace each `...` with your number"))
    for key in ("a", "b"):
        if key not in answer:
            raise Stop(Verdict(False, f"no grad for {key!r}: give both, {{'a': ..., 'b': ...}}."))
    got = {key: _as_grad(answer[key], key) for key in ("a", "b")}
    right = _grads(transfer_program(), assign=False)  # a: b + b² = 2, b: a + 2ab = −4.5
    assigned = _grads(transfer_program(), assign=True)
    v, h = A + A * B, (A + A * B) * B
    if all(close(got[k], right[k]) for k in "ab"):
        return Verdict(
            True,
            f"∂h/∂a = b + b² = {right['a']:g} and ∂h/∂b = v + a·b = {right['b']:g}: "
            "one contribution per path, added up.",
        )
    if close(got["a"], right["b"]) and close(got["b"], right["a"]):
        raise Stop(
            Verdict(
                False, "your two numbers are swapped: that is ∂h/∂b under 'a' and ∂h/∂a under 'b'."
            )
        )
    if all(close(got[k], -right[k]) for k in "ab"):
        raise Stop(
            Verdict(False, "both signs are flipped: check the sign of b = −2 in each product.")
        )
    if all(close(got[k], assigned[k]) for k in "ab") or any(
        close(got[k], assigned[k]) and not close(got[k], right[k]) for k in "ab"
    ):
        key = next(k for k in "ab" if close(got[k], assigned[k]) and not close(got[k], right[k]))
        raise Stop(
            Verdict(
                False,
                f"∂h/∂{key} = {got[key]:g} is what a backward that ASSIGNS gives: "
                "it keeps only the last path it walked. Add one contribution per "
                "path.",
            )
        )
    if any(close(got[k], h) for k in "ab"):
        raise Stop(
            Verdict(
                False,
                f"{h:g} is h itself, the value; the exercise asks for the slopes ∂h/∂a and ∂h/∂b.",
            )
        )
    one_path = {
        "a": {
            B: "only the direct path a → v (worth b)",
            B * B: "only the path through u = a·b (worth b·b)",
        },
        "b": {
            v: "only the direct use in h = v·b (worth v = a + a·b)",
            A * B: "only the path through u = a·b (worth b·a)",
            v + 2 * A * B: "the path through u = a·b twice",
        },
    }
    for key in "ab":
        if close(got[key], right[key]):
            continue
        if rounded_version(got[key], right[key]):
            raise Stop(Verdict(False, f"∂h/∂{key} = {got[key]:g} is rounded; give it exactly."))
        for wrong, why in one_path[key].items():
            if close(got[key], wrong):
                raise Stop(
                    Verdict(
                        False,
                        f"∂h/∂{key} = {got[key]:g} counts {why}. {key} reaches h "
                        "along two paths; add both.",
                    )
                )
        if close(got[key], -right[key]):
            raise Stop(
                Verdict(False, f"∂h/∂{key} has the wrong sign: check the sign of each product.")
            )
        raise Stop(
            Verdict(
                False,
                f"∂h/∂{key} is not {got[key]:g}. Name the nodes u = a·b, v = a + u, "
                f"h = v·b; find every path from {key} to h, multiply the local "
                "derivatives along each, and add the paths.",
            )
        )
    return Verdict(False, "not yet; please report this answer.")


# ----- solutions -----

add_solution(
    "07.1",
    r"""
The given backward **assigns** (`child.grad = ...`), so a value used twice keeps only the
contribution written last. The chain rule adds one contribution per use: `+=`.
""",
    code=reference_code("07.1") + "\ncheck_accumulate(backward, Value)\n",
)

add_solution(
    "07.2",
    r"""
Walk every value `self` depends on (the topological order lists each once, shared ones
included) and set its grad back to the number 0.0: the output, the inner nodes and the
inputs. With this notebook's backward every node adds, so every node must be reset.
""",
    code=reference_code("07.2") + "\ncheck_zero_grad(zero_grad, Value)\n",
)

add_solution(
    "07.3",
    r"""
Name the inner nodes: $u = a\cdot b = -3$, $v = a + u = -1.5$, $h = v\cdot b = 3$. Then add one
contribution per path from each input to $h$:

- $a$ reaches $h$ directly through $v$ ($\partial h/\partial v \cdot 1 = b$) and through $u$
  ($b \cdot 1 \cdot b = b^2$): $\partial h/\partial a = b + b^2 = -2 + 4 = 2$.
- $b$ is used directly in $h = v\cdot b$ (gives $v = -1.5$) and inside $u$ (gives
  $\partial h/\partial u \cdot a = b\cdot a = -3$): $\partial h/\partial b = -4.5$.

Check: $h = ab + ab^2$, so $\partial h/\partial a = b + b^2$ and $\partial h/\partial b = a + 2ab$.
""",
    code="""grads = {"a": 2.0, "b": -4.5}
check_repeated_use(grads)
""",
)
