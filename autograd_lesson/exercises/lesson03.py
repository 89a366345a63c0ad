"""Lesson 03 check: build an expression out of Values; the check reads your graph.

The task: n = x1·w1 + x2·w2 with x1 = 2, w1 = −3, x2 = 0, w2 = 1 (the weighted sum
inside a neuron, which lesson 09 finishes). The check walks your graph from n
back to the inputs and compares each node's operation, its children (in order)
and its data with the expected graph, and names the first thing that differs.

It works with the package's `Value` and with the one you wrote in the notebook:
anything with `data`, `children` (or `_prev`) and `op` (or `_op`).
"""

from .base import Verdict, add_solution, close

__all__ = ["check_neuron_sum"]  # the checks a notebook imports


def _leaf(label, data):
    return {"label": label, "data": data, "op": "", "children": ()}


def _node(label, data, op, *children):
    return {"label": label, "data": data, "op": op, "children": children}


NEURON_SUM = _node(
    "n", -6.0, "+",
    _node("x1*w1", -6.0, "*", _leaf("x1", 2.0), _leaf("w1", -3.0)),
    _node("x2*w2", 0.0, "*", _leaf("x2", 0.0), _leaf("w2", 1.0)),
)


def _parts(v):
    """(data, op, children) of a Value-like object, or None if it is not one."""
    data = getattr(v, "data", None)
    if isinstance(data, bool) or not isinstance(data, (int, float)):
        return None
    children = getattr(v, "children", getattr(v, "_prev", None))
    op = getattr(v, "op", getattr(v, "_op", None))
    if children is None or op is None:
        return None
    return float(data), str(op), tuple(children)


def _describe(v):
    p = _parts(v)
    if p is None:
        return f"a {type(v).__name__}"
    label = getattr(v, "label", "")
    name = f"{label!r} " if label else ""
    kind = f"made by '{p[1]}'" if p[1] else "an input"
    return f"{name}(data {p[0]:g}, {kind})"


def _compare(expected, v):
    """The first difference between the expected node and `v`, as a sentence; None if equal."""
    name = expected["label"]
    p = _parts(v)
    if p is None:
        return (f"where {name} should be, there is {type(v).__name__} {v!r}, not a Value. "
                "Every number in the expression must be a Value for the graph to record it.")
    data, op, children = p
    if not expected["op"]:  # an input (a leaf)
        if op:
            return (f"{name} should be an input Value you created (data {expected['data']:g}), "
                    f"but there is a value made by '{op}'.")
        if not close(data, expected["data"], 1e-9):
            return f"the input {name} should hold {expected['data']:g}, but holds {data:g}."
        return None
    if op != expected["op"]:
        if not op:
            return (f"{name} should be made by '{expected['op']}' from its inputs, but it is an "
                    f"input Value holding {data:g}: compute it from the Values, do not type "
                    "its number in, or the graph cannot remember where it came from.")
        if op.startswith(expected["op"]) and len(children) == 1:
            return (f"{name} was made by '{op}': one side of the '{expected['op']}' is a plain "
                    "number, not a Value. Use the Value itself so the graph has that input.")
        return f"{name} should be made by '{expected['op']}', but yours was made by '{op}'."
    wanted = expected["children"]
    if len(children) != len(wanted):
        return (f"{name} should have {len(wanted)} children, "
                f"({', '.join(c['label'] for c in wanted)}), but yours has {len(children)}.")
    if len(wanted) == 2 and _compare(wanted[0], children[0]) and not _compare(wanted[0], children[1]) \
            and not _compare(wanted[1], children[0]):
        return (f"the children of {name} are in the other order: "
                f"({_describe(children[0])}, {_describe(children[1])}). The task writes "
                f"{wanted[0]['label']} first, so its children should be "
                f"({wanted[0]['label']}, {wanted[1]['label']}). The number is the same, but the "
                "graph records the order you wrote, and later lessons rely on it.")
    for want, child in zip(wanted, children):
        problem = _compare(want, child)
        if problem:
            return problem
    if not close(data, expected["data"], 1e-9):
        return f"{name} should hold {expected['data']:g}, but holds {data:g}."
    return None


def _labels_missing(expected, v):
    """Labels of inputs the student did not set (a hint, not an error)."""
    if not expected["op"]:
        return [] if getattr(v, "label", "") else [expected["label"]]
    return [m for want, child in zip(expected["children"], _parts(v)[2])
            for m in _labels_missing(want, child)]


def check_neuron_sum(n):
    """Exercise 03.1: `n` should be the Value n = x1·w1 + x2·w2 (x1 = 2, w1 = −3, x2 = 0, w2 = 1)."""
    if _parts(n) is None:
        return Verdict(False, f"expected the output Value n, got {type(n).__name__} {n!r}. Build "
                              "n from Values with + and *, then pass n itself.")
    problem = _compare(NEURON_SUM, n)
    if problem:
        return Verdict(False, problem)
    missing = _labels_missing(NEURON_SUM, n)
    tip = (f" Tip: label the inputs ({', '.join(missing)}) so the picture shows their names."
           if missing else "")
    return Verdict(True, "n = x1·w1 + x2·w2 = -6: a '+' whose children are the two products, "
                         "each with its children in the written order, all data right." + tip)


add_solution("03.1", """\
**Building n = x1·w1 + x2·w2.** Make each input a labelled Value, then write the
expression exactly as it reads; each operator records its operands in order:

```python
x1 = Value(2.0, label="x1"); w1 = Value(-3.0, label="w1")
x2 = Value(0.0, label="x2"); w2 = Value(1.0, label="w2")
x1w1 = x1 * w1; x1w1.label = "x1*w1"    # children (x1, w1), data -6
x2w2 = x2 * w2; x2w2.label = "x2*w2"    # children (x2, w2), data 0
n = x1w1 + x2w2; n.label = "n"          # children (x1w1, x2w2), data -6
```

Writing `w1 * x1` gives the same number but a different graph: its children are (w1, x1).
Typing `-6.0` instead of `x1 * w1` gives the right number and no graph at all.
""")
