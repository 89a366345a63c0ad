"""The graph explorer: any expression, a slider per input, every node's data and grad live."""

import ipywidgets as W

from ..engine import Value
from ..graph import children_of, format_number, label_of, op_of, trace
from ..numerics import numerical_gradient
from .base import LIVE, LessonWidget, slider, svg_only, table
from .live import LiveGraph


class GraphExplorer(LessonWidget):
    """Move a slider: the forward pass, the backward pass and the picture all rerun.

        GraphExplorer(lambda a, b, c, f: (a * b + c) * f,
                      {"a": 2.0, "b": -3.0, "c": 10.0, "f": -2.0})

    `build` takes one `Value` per input name (as keyword arguments) and returns
    the output; it may label inner values for the picture. `inputs` gives the
    starting numbers; `ranges` optionally maps a name to (low, high). The readout
    compares every input's grad from `backward()` with a central difference.
    With `backward=False` it only runs the forward pass and shows data, no grads
    (for the lessons before backpropagation). `step` sets every slider's step (by
    default 0.01 on a range of 4 or less, else 0.1); `extra` widgets go below the
    readout (a subclass's plot). `value_class` is the Value class the graph is built from: the
    package's by default, or the student's engine (`mine.use()`), or a micrograd-style class.

    Handles for code and tests: `controls[name]` (the sliders), `root` and
    `leaves[name]` (the current graph), `picture.value` (SVG), `readout.value`.
    """

    def __init__(
        self,
        build,
        inputs,
        ranges=None,
        title="Graph explorer",
        output="L",
        rankdir="LR",
        check=True,
        backward=True,
        step=None,
        extra=(),
        value_class=None,
    ):
        self.build, self.title, self.output = build, title, output
        self.backward, self.check = backward, check and backward
        self.rankdir = rankdir
        self.value_class = Value if value_class is None else value_class
        ranges = ranges or {}
        self.controls = {}
        for name, value in inputs.items():
            low, high = ranges.get(name, (min(-5.0, value - 5.0), max(5.0, value + 5.0)))
            self.controls[name] = slider(
                name, float(value), low, high, step or (0.01 if high - low <= 4 else 0.1)
            )
        self.picture = W.HTML()
        self.readout = W.HTML()
        self._live = None
        self._shape = None
        self._finish(extra)

    def inputs(self):
        """The current slider values, by name."""
        return {name: float(c.value) for name, c in self.controls.items()}

    def update(self):
        values = self._draw_graph()
        rows = []
        numeric = numerical_gradient(self.build, values) if self.check else {}
        for name, leaf in self.leaves.items():
            row = [name, format_number(leaf.data)]
            if self.backward:
                row.append(format_number(leaf.grad))
            if self.check:
                agrees = abs(leaf.grad - numeric[name]) <= 1e-6 + 1e-5 * abs(numeric[name])
                row += [format_number(numeric[name]), "✓" if agrees else "✗"]
            rows.append(row)
        header = ["input", "data"] + (["grad (backward)"] if self.backward else [])
        if self.check:
            header += ["grad (numerical)", "agree"]
        caption = f"<p>{self.root.label} = <b>{format_number(self.root.data)}</b></p>"
        self.readout.value = caption + table(header, rows)

    def _draw_graph(self):
        """Forward (and backward) pass at the sliders' values, and the graph's picture with its
        layout kept while the graph's shape is unchanged. Returns the input values."""
        values = self.inputs()
        self.leaves = {name: self.value_class(x) for name, x in values.items()}
        for name, leaf in self.leaves.items():
            leaf.label = name  # set, not passed: micrograd's Value takes no label argument
        self.root = self.build(**self.leaves)
        if not label_of(self.root):
            self.root.label = self.output
        if self.backward:
            self.root.backward()
        nodes, _ = trace(self.root)
        shape = [(op_of(n), label_of(n), len(children_of(n))) for n in nodes]
        if shape != self._shape:  # first draw, or the graph changed shape: lay it out again
            self._live = LiveGraph(self.root, rankdir=self.rankdir, show_grad=self.backward)
            self._shape = shape
        self.picture.value = svg_only(self._live.svg(nodes))
        return values

    def summary(self):
        if not self.backward:
            leaves = ", ".join(f"{n} = {format_number(v.data)}" for n, v in self.leaves.items())
            return (
                f"{self.title}: {leaves}; {self.root.label} = {format_number(self.root.data)} "
                + LIVE.format("move the sliders")
            )
        grads = ", ".join(
            f"d{self.root.label}/d{n} = {format_number(v.grad)}" for n, v in self.leaves.items()
        )
        return (
            f"{self.title}: {self.root.label} = {format_number(self.root.data)}; {grads} "
            + LIVE.format("move the sliders")
        )
