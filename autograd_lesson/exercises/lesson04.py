"""Lesson 04 check: backpropagate by hand through L = (a·b + c)·f.

The check walks the graph in the same order you should: from the output back
(reverse topological order), and stops at the FIRST node whose grad is wrong,
because every later mistake may only be that one passed on. It then names the
rule that applies there: `+` passes the gradient on unchanged, `*` multiplies it
by the other input.
"""

from ..engine import Value, topological_order
from .base import Verdict, add_solution, close

__all__ = ["check_backprop_by_hand"]  # the checks a notebook imports

ORDER = ("L", "f", "d", "c", "e", "b", "a")  # the reverse topological order of the lesson's graph
DATA = {"a": 2.0, "b": -3.0, "c": 10.0, "f": -2.0, "e": -6.0, "d": 4.0, "L": -8.0}
RIGHT = {"L": 1.0, "f": 4.0, "d": -2.0, "c": -2.0, "e": -2.0, "b": -4.0, "a": 6.0}
# node -> (operation, the other input, the node that uses it)
RULES = {"f": ("*", "d", "L"), "d": ("*", "f", "L"), "c": ("+", None, "d"),
         "e": ("+", None, "d"), "b": ("*", "a", "e"), "a": ("*", "b", "e")}


def _as_grads(answer):
    """The student's grads as {name: float}, from a dict or from the output Value; or a message."""
    if isinstance(answer, Value):  # the output L, with .grad set on every labelled node
        return {node.label: node.grad for node in topological_order(answer) if node.label}, None
    if not isinstance(answer, dict):
        return None, (f"expected a dict of grads such as {{'L': 1.0, 'f': ..., 'd': ...}} (or the "
                      f"output Value L with .grad set by hand), got {type(answer).__name__}.")
    grads = {}
    for name, g in answer.items():
        g = getattr(g, "grad", g) if isinstance(g, Value) else g
        if isinstance(g, (str, bytes, bool)) or not hasattr(g, "__float__"):
            return None, f"the grad you gave for {name!r} is {type(g).__name__} {g!r}; expected a number."
        grads[str(name)] = float(g)
    return grads, None


def _diagnose(name, given):
    """Why `given` is wrong for node `name`: the rule that applies, with the numbers."""
    right = RIGHT[name]
    if name == "L":
        return (f"∂L/∂L should be 1: L changes exactly as much as itself. "
                f"Every other gradient starts from it. You gave {given:g}.")
    op, other, user = RULES[name]
    upstream = RIGHT[user]
    if op == "+":
        rule = (f"{user} = e + c is an addition, "
                f"and + routes the gradient unchanged: ∂L/∂{name} = 1 × ∂L/∂{user} = {right:g}")
        if close(given, 1.0):
            return rule + ". You gave 1, the local derivative alone; multiply it by ∂L/∂" + user + " (the chain rule)."
    else:
        rule = (f"∂L/∂{name} should be the other input of the multiplication ({other} = "
                f"{DATA[other]:g}) times ∂L/∂{user} ({upstream:g}) = {right:g}")
        if close(given, DATA[other]) and user != "L":
            return rule + (f". You gave {given:g}, the local derivative {other} alone; multiply it "
                           f"by ∂L/∂{user} (the chain rule).")
        if close(given, DATA[name] * upstream) or close(given, DATA[name]):
            return rule + f". You gave {given:g}: you used {name}'s own value, but * sends each input the OTHER input."
    if close(given, -right):
        return rule + f". You gave {given:g}: the sign is flipped."
    return rule + f". You gave {given:g}."


def check_backprop_by_hand(answer):
    """Exercise 04.1: the grad of every node of L = (a·b + c)·f, as a dict or as the Value L."""
    grads, problem = _as_grads(answer)
    if problem:
        return Verdict(False, problem)
    for name in ORDER:  # from the output back: the first wrong node is the one to fix
        if name not in grads:
            return Verdict(False, f"no grad for {name!r} yet. Give all of "
                                  f"{', '.join(ORDER)}, working from L back.")
        if not close(grads[name], RIGHT[name]):
            return Verdict(False, _diagnose(name, grads[name]))
    shown = ", ".join(f"∂L/∂{n} = {RIGHT[n]:g}" for n in ORDER)
    return Verdict(True, f"{shown}. Each one is a local derivative times the grad of the node that uses it.")


add_solution("04.1", r"""
Work from the output back, one node at a time, multiplying the **local derivative** by the
gradient of the node that uses it (the chain rule):

| node | rule | gradient |
|---|---|---|
| L | the start | $\partial L/\partial L = 1$ |
| f | $L = d\cdot f$: the other input | $d \times 1 = 4$ |
| d | $L = d\cdot f$: the other input | $f \times 1 = -2$ |
| c | $d = e + c$: passed on unchanged | $1 \times (-2) = -2$ |
| e | $d = e + c$: passed on unchanged | $1 \times (-2) = -2$ |
| b | $e = a\cdot b$: the other input | $a \times (-2) = -4$ |
| a | $e = a\cdot b$: the other input | $b \times (-2) = 6$ |

```python
grads = {"L": 1.0, "f": 4.0, "d": -2.0, "c": -2.0, "e": -2.0, "b": -4.0, "a": 6.0}
```
""")
