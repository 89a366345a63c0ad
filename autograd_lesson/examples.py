"""The course's running examples, built in one place so lessons, widgets, tools and tests agree."""

from .engine import Value


def lesson_graph(a=2.0, b=-3.0, c=10.0, f=-2.0):
    """L = (a·b + c)·f, the running example of lessons 03 to 07, every value labelled.

    With the default inputs: e = a·b = -6, d = e + c = 4, L = d·f = -8.
    """
    a, b, c, f = Value(a, label="a"), Value(b, label="b"), Value(c, label="c"), Value(f, label="f")
    e = a * b
    e.label = "e"
    d = e + c
    d.label = "d"
    L = d * f
    L.label = "L"
    return L


def values_by_label(root):
    """Every labelled value of root's graph, by label: values_by_label(L)["a"]."""
    from .graph import trace

    return {node.label: node for node in trace(root)[0] if node.label}
