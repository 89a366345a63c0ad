"""The neuron explorer: one tanh neuron, its graph, and where it sits on the tanh curve.

    o = tanh(x1*w1 + x2*w2 + b)

Move a slider: the forward and backward pass rerun, every node of the graph shows
its new data and grad, and the plot marks the operating point (n, o) on the tanh
curve with its tangent, whose slope 1 - o² is the local derivative do/dn.
Flat ends of the curve (|n| large) mean a tiny slope: the neuron is *saturated*,
and almost no gradient flows back to its weights.
"""

import math

import ipywidgets as W

from ..examples import NEURON
from ..graph import children_of, format_number
from .base import LIVE, table
from .explorer import GraphExplorer
from .plotting import Plot

START = NEURON
RANGES = {
    "x1": (-4.0, 4.0),
    "x2": (-4.0, 4.0),
    "w1": (-4.0, 4.0),
    "w2": (-4.0, 4.0),
    "b": (-8.0, 8.0),
}
VIEWS = (5.0, 10.0, 25.0, 41.0)  # half-widths of the plot around n = 0; |n| <= 4·4 + 4·4 + 8


def build_neuron(x1, x2, w1, w2, b):
    """The neuron as the lesson writes it, with every inner value labelled for the picture."""
    x1w1 = x1 * w1
    x1w1.label = "x1w1"
    x2w2 = x2 * w2
    x2w2.label = "x2w2"
    s = x1w1 + x2w2
    s.label = "x1w1+x2w2"
    n = s + b
    n.label = "n"
    o = n.tanh()
    o.label = "o"
    return o


class NeuronExplorer(GraphExplorer):
    """Sliders for x1, x2, w1, w2, b; the neuron's graph and the tanh curve update live:
    the graph explorer of `build_neuron`, plus a plot of where the neuron sits on tanh.

    Handles for code and tests: `controls[name]`, `leaves[name]`, `n`, `o` (the current
    values), `picture.value` (the graph's SVG), `plot.value` (PNG bytes of the tanh plot),
    `readout.value` (the table).
    """

    title = "A tanh neuron: o = tanh(x1·w1 + x2·w2 + b)"

    def __init__(self, value_class=None, **start):
        self.plot = W.Image(format="png")
        self._make_figure()
        values = {**START, **start}
        super().__init__(
            build_neuron,
            {name: values[name] for name in START},
            RANGES,
            title=self.title,
            output="o",
            check=False,
            step=0.01,
            extra=(self.plot,),
            value_class=value_class,
        )

    def _make_figure(self):
        """Create the figure once. The curve, axes and legend are drawn into a background
        image for each of the few views (all drawn here, so no move lays the axes out);
        an update pastes one back and draws only the moving tangent and point (blitting)."""
        self._plot = Plot((5.5, 3.0))
        self.figure = self._plot.figure
        ax = self.axes = self.figure.add_subplot()
        (self._curve,) = ax.plot([], [], "-", color="black", lw=2, label="tanh(n)")
        (self._tangent,) = ax.plot(
            [], [], "--", color="tab:orange", lw=2.5, label="tangent, slope 1 − o²", animated=True
        )
        (self._point,) = ax.plot([], [], "o", color="tab:red", ms=9, label="(n, o)", animated=True)
        ax.axhline(0, color="grey", lw=0.5)
        ax.set_ylim(-1.2, 1.2)
        title = "where the neuron sits on tanh"
        self._plot.finish_axes(ax, "n  (the neuron's sum)", "o = tanh(n)", title, "lower right", 11)
        for half in VIEWS:
            self._plot.frame(half, self._view)

    def update(self):
        self._draw_graph()
        self.o = self.root
        self.n = children_of(self.o)[0]
        self._draw_plot()
        slope = self.n.grad
        caption = (
            f"<p>n = <b>{format_number(self.n.data)}</b>, o = tanh(n) = "
            f"<b>{format_number(self.o.data)}</b>, do/dn = 1 − o² = "
            f"<b>{format_number(slope)}</b></p>"
        )
        rows = [
            [name, format_number(v.data), format_number(v.grad)] for name, v in self.leaves.items()
        ]
        self.readout.value = caption + table(["input", "data", "do/d(input)"], rows)

    def _view(self, half):
        """The axes for the view n in [-half, half]."""
        xs = [half * (i / 200 - 0.5) * 2 for i in range(401)]
        self._curve.set_data(xs, [math.tanh(x) for x in xs])
        self.axes.set_xlim(-half, half)

    def _draw_plot(self):
        n, o = self.n.data, self.o.data
        half = (
            next(h for h in VIEWS if abs(n) + 1.0 <= h) if abs(n) + 1 <= VIEWS[-1] else abs(n) + 1
        )
        self._plot.frame(half, self._view)
        slope = self.n.grad
        self._tangent.set_data([n - 1.0, n + 1.0], [o - slope, o + slope])
        self._point.set_data([n], [o])
        self._plot.draw(self._tangent, self._point)
        self.plot.value = self._plot.png()

    def summary(self):
        grads = ", ".join(
            f"do/d{name} = {format_number(v.grad)}" for name, v in self.leaves.items()
        )
        return (
            f"Neuron explorer: n = {format_number(self.n.data)}, o = {format_number(self.o.data)}, "
            f"do/dn = {format_number(self.n.grad)}; {grads} " + LIVE.format("move the sliders")
        )
