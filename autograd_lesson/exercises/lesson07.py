"""Lesson 07 check: predict the gradients of an expression that uses a value several times.

    g = a·a + a·b + b        with a = 3, b = 2

a appears three times (twice in a·a, once in a·b) and b twice. The chain rule adds
one contribution per use: ∂g/∂a = a + a + b = 8, ∂g/∂b = a + 1 = 4.
"""

from ..engine import Value, topological_order
from .base import Verdict, add_solution, close

__all__ = ["check_repeated_use"]  # the checks a notebook imports

A, B = 3.0, 2.0


def exercise_graph():
    """g = a·a + a·b + b at a = 3, b = 2, labelled."""
    a, b = Value(A, label="a"), Value(B, label="b")
    g = a * a + a * b + b
    g.label = "g"
    return g, a, b


def _assigned():
    """The grads a backward pass that ASSIGNS (=) instead of adding (+=) would give."""
    g, a, b = exercise_graph()
    g.grad = 1.0
    for node in reversed(topological_order(g)):
        for child, local in zip(node.children, node.local_grads):
            child.grad = local * node.grad  # the bug: = instead of +=
    return a.grad, b.grad


def _number(x):
    x = x.grad if isinstance(x, Value) else x
    if isinstance(x, (str, bytes, bool)) or not hasattr(x, "__float__"):
        return None
    return float(x)


def check_repeated_use(answer):
    """Exercise 07.1: {"a": ∂g/∂a, "b": ∂g/∂b} for g = a·a + a·b + b at a = 3, b = 2."""
    if isinstance(answer, (tuple, list)) and len(answer) == 2:
        answer = {"a": answer[0], "b": answer[1]}
    if not isinstance(answer, dict):
        return Verdict(False, f"expected a dict like {{'a': ..., 'b': ...}}, got {type(answer).__name__}.")
    right = {"a": A + A + B, "b": A + 1.0}  # 8 and 4
    wrong_assign = dict(zip("ab", _assigned()))
    paths = {"a": "a·a gives a + a, and a·b gives b", "b": "a·b gives a, and + b gives 1"}
    for name in ("a", "b"):
        if name not in answer:
            return Verdict(False, f"no grad for {name!r}: give both a and b.")
        got = _number(answer[name])
        if got is None:
            return Verdict(False, f"the grad for {name!r} should be a number, got {answer[name]!r}.")
        if close(got, right[name]):
            continue
        why = f"{name} is used more than once and each use adds its share ({paths[name]})"
        if close(got, wrong_assign[name]):
            return Verdict(False, f"∂g/∂{name} = {got:g} is what a backward pass that ASSIGNS "
                                  f"gives: it keeps only the last path it walked. {why}.")
        if name == "a" and close(got, A + B):
            return Verdict(False, f"∂g/∂a = {got:g} counts a·a only once: a·a uses a twice, so "
                                  "it contributes a + a = 2a (the power rule agrees: d(a²)/da = 2a).")
        if name == "a" and close(got, 2 * A):
            return Verdict(False, f"∂g/∂a = {got:g} is the a·a part only; a·b adds b = {B:g} more.")
        if name == "b" and close(got, A):
            return Verdict(False, f"∂g/∂b = {got:g} is the a·b part only; the final + b adds 1 more.")
        if name == "b" and close(got, 1.0):
            return Verdict(False, f"∂g/∂b = {got:g} is the + b part only; a·b adds a = {A:g} more.")
        return Verdict(False, f"∂g/∂{name} is not {got:g}: {why}.")
    return Verdict(True, f"∂g/∂a = a + a + b = {right['a']:g} and ∂g/∂b = a + 1 = {right['b']:g}: "
                         "one contribution per use, added up.")


add_solution("07.1", r"""
Add one contribution per use of each value (the rule `+=` implements):

- $a$ is used three times: twice in $a\cdot a$ (each use gets the *other* input, $a$) and once in
  $a\cdot b$ (gets $b$). So $\partial g/\partial a = a + a + b = 3 + 3 + 2 = 8$.
- $b$ is used twice: in $a\cdot b$ (gets $a = 3$) and in $+\,b$ (gets $1$). So $\partial g/\partial b = 4$.

```python
grads = {"a": 8.0, "b": 4.0}
```
""")
