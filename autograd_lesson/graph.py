"""Seeing the computation graph: `trace` lists it, `draw_dot` draws it.

A picture has one box per `Value` (its label, data and grad) and one small
circle per operation, with arrows in the direction the numbers flow during
the forward pass. Nodes are named by their position in the trace (n0, n1, ...),
never by memory address, so the same graph gives the same picture on every run.
"""

import re
import shutil
import subprocess

import graphviz

from .engine import topological_order

MAX_NODES = 400  # beyond this a picture is unreadable, and `dot` can take minutes to lay it out
RENDER_TIMEOUT = 20.0  # seconds; lesson graphs take 10 to 100 ms

INSTALL_GRAPHVIZ = (
    "The Graphviz `dot` program is not installed, so graphs cannot be drawn. Install it with "
    "`sudo apt-get install -y graphviz` (Debian/Ubuntu), `brew install graphviz` (macOS) or "
    "`conda install -c conda-forge graphviz`, then restart the kernel. "
    "(`bash course.sh lab` installs it for you.)"
)

# The three kinds of value differ in shape as well as colour, so a greyscale print, a
# washed-out projector or a colour-blind eye still tells them apart: inputs are square
# white boxes, computed values rounded tinted boxes, the output a rounded box with a
# thick border. The fills are dark enough to survive a projector, light enough for
# black text (contrast above 10:1).
_INPUT_FILL = "#ffffff"
_INNER_FILL = "#d6e2f3"
_OUTPUT_FILL = "#f6c88a"
_HIGHLIGHT_FILL = "#ffd23f"
_OP_FILL = "#eeeeee"
_FONT = "DejaVu Sans Mono,monospace"

# What the pictures look like; `autograd_lesson.projector()` swaps in larger labels and stronger
# colours for a room. With these defaults the DOT text is exactly what it has always been.
DEFAULT_STYLE = {
    "fontsize": "12",
    "op_fontsize": "15",
    "penwidth": "1",
    "edge_color": "#555555",
    "arrowsize": "0.7",
    "input_fill": _INPUT_FILL,
    "inner_fill": _INNER_FILL,
    "output_fill": _OUTPUT_FILL,
    "highlight_fill": _HIGHLIGHT_FILL,
    "op_fill": _OP_FILL,
}
style = dict(DEFAULT_STYLE)


def children_of(node):
    """A value's operands: `children` in the course's Value, `_prev` in micrograd's (a set)."""
    children = getattr(node, "children", None)
    return tuple(getattr(node, "_prev", ()) if children is None else children)


def op_of(node):
    """The operation that made a value ("" for an input): `op`, or micrograd's `_op`."""
    op = getattr(node, "op", None)
    return getattr(node, "_op", "") if op is None else op


def label_of(node):
    return getattr(node, "label", "")


def trace(root):
    """The nodes and edges of the graph that computes `root`.

    Returns `(nodes, edges)`: `nodes` lists every value once, each after the
    values it was made from (so `root` comes last); `edges` lists
    `(child, parent)` pairs, one per operand, in the same order. Iterative,
    so a graph of any depth works. It reads the course's Value (`children`, `op`) and
    a micrograd-style one (`_prev`, `_op`), whose children come in a set's order.
    """
    nodes = topological_order(root) if hasattr(root, "children") else _micrograd_order(root)
    edges = [(child, node) for node in nodes for child in children_of(node)]
    return nodes, edges


def _micrograd_order(root):
    """topological_order for a class that keeps its children in `_prev`."""
    order, done, stack = [], set(), [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if children_done:
            order.append(node)
        elif node not in done:
            done.add(node)
            stack.append((node, True))
            stack.extend((child, False) for child in children_of(node) if child not in done)
    return order


def format_number(x):
    """A number as a picture shows it: 4 decimals, no '-0.0000', short form when huge."""
    text = f"{x:.4f}" if abs(x) < 1e6 else f"{x:.4g}"
    return "0.0000" if text == "-0.0000" else text


def draw_dot(
    root, format="svg", rankdir="LR", highlight=(), max_nodes=MAX_NODES, show_grad=True, grads=None
):
    """A Graphviz picture of the graph that computes `root`.

    Args:
        root: the output `Value`.
        format: the image format when rendered ("svg", "png", ...).
        rankdir: "LR" draws left to right, "TB" top to bottom.
        highlight: values to emphasise (drawn with a bold border and a yellow fill).
        max_nodes: refuse graphs with more values than this, with advice, rather
            than freeze the kernel while `dot` lays out something unreadable.
        show_grad: False leaves the grad out of each box (before backprop is taught).
        grads: optional {value: number} to show as those values' grads instead of their
            `.grad` (a picture of a backward pass half done, without changing any value).

    Returns a `graphviz.Digraph`; in a notebook it displays itself. Its DOT source
    (`.source`) is the same, byte for byte, on every run and in every process.
    """
    nodes, edges = trace(root)
    numbers = _numbers if show_grad else _data_only
    if show_grad and grads is not None:

        def numbers(index, node):
            return format_number(node.data), format_number(grads.get(node, node.grad))

    return _digraph(nodes, edges, root, format, rankdir, highlight, max_nodes, numbers)


def _numbers(index, node):
    return format_number(node.data), format_number(node.grad)


def _data_only(index, node):
    return format_number(node.data), None


def _digraph(nodes, edges, root, format, rankdir, highlight, max_nodes, numbers):
    if len(nodes) > max_nodes:
        raise ValueError(
            f"draw_dot: this graph has {len(nodes)} values, more than max_nodes={max_nodes}. "
            "A picture that large is unreadable and can take `dot` minutes to lay out. Draw a "
            "smaller piece (one neuron, or the loss of one sample), or pass a larger max_nodes."
        )
    dot = Picture(
        format=format,
        graph_attr={"rankdir": rankdir, "nodesep": "0.25", "ranksep": "0.35"},
        node_attr={
            "fontname": _FONT,
            "fontsize": style["fontsize"],
            "style": "filled",
            "penwidth": style["penwidth"],
        },
        edge_attr={"color": style["edge_color"], "arrowsize": style["arrowsize"]},
    )
    dot.summary = _describe(nodes, numbers)
    names = {}
    highlighted = set(map(id, highlight))
    for index, node in enumerate(nodes):
        name = names[node] = f"n{index}"
        data, grad = numbers(index, node)
        fields = f"data {data}" if grad is None else f"data {data} | grad {grad}"
        label, op = label_of(node), op_of(node)
        if label:
            fields = f"{_escape(label)} | {fields}"
        shape = "Mrecord" if op else "record"
        fill = (
            style["output_fill"]
            if node is root
            else style["inner_fill"]
            if op
            else style["input_fill"]
        )
        border = {"penwidth": "2.5"} if node is root else {}
        if id(node) in highlighted:
            fill, border = style["highlight_fill"], {**border, "penwidth": "3"}
        dot.node(
            name,
            # label, data and grad stacked in rows (braces turn a record's fields in TB)
            label=fields if rankdir == "LR" else "{ " + fields + " }",
            shape=shape,
            fillcolor=fill,
            **border,
        )
        if op:
            dot.node(
                name + "_op",
                label=_escape(op),
                shape="circle",
                fillcolor=style["op_fill"],
                fontsize=style["op_fontsize"],
                width="0.45",
                fixedsize="false",
                margin="0.02",
            )
            dot.edge(name + "_op", name)
    for child, parent in edges:
        dot.edge(names[child], names[parent] + "_op")
    return dot


class Picture(graphviz.Digraph):
    """A `graphviz.Digraph` that renders with a time limit and explains a missing `dot`."""

    def render_svg(self):
        """Run `dot` on this graph and return the SVG text."""
        if shutil.which("dot") is None:
            raise RuntimeError(INSTALL_GRAPHVIZ)
        try:
            done = subprocess.run(
                ["dot", "-Tsvg"],
                input=self.source.encode("utf-8"),
                capture_output=True,
                timeout=RENDER_TIMEOUT,
                check=True,
            )
        except subprocess.TimeoutExpired:
            raise RuntimeError(
                f"draw_dot: Graphviz took more than {RENDER_TIMEOUT:g} s to lay this graph out "
                "and was stopped. Draw a smaller piece of the graph."
            ) from None
        return done.stdout.decode("utf-8")

    summary = ""

    def __repr__(self):  # the text form, for terminals and screen readers
        return self.summary

    def _repr_image_svg_xml(self):  # what Jupyter calls to display the picture
        return self.render_svg()


def _describe(nodes, numbers, most=12):
    """The picture in words (its text form: alt text, and what nbval compares)."""
    names = {node: label_of(node) or f"n{i}" for i, node in enumerate(nodes)}
    parts = []
    for i, node in enumerate(nodes[-most:], start=max(0, len(nodes) - most)):
        data, grad = numbers(i, node)
        op = op_of(node)
        made = f" = {op}({', '.join(names[c] for c in children_of(node))})" if op else ""
        parts.append(
            f"{names[node]}{made}: data {data}" + ("" if grad is None else f", grad {grad}")
        )
    more = f"... {len(nodes) - most} more; " if len(nodes) > most else ""
    return f"graph of {len(nodes)} values: {more}" + "; ".join(parts)


def _escape(text):
    """Escape the characters that have a meaning inside a Graphviz record label."""
    return re.sub(r'([{}|<>"\\])', r"\\\1", str(text))
