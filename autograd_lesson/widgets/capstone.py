"""The capstone trainer: MLP(2, [16, 16, 1]) learning the two moons, live.

Press ▶ and every tick of the `Play` control takes one training step:

    update every parameter against its grad → forward (scores, loss) → zero_grad → backward

so what the picture shows always belongs to the same weights: the decision boundary
(the score of the current network on a grid of points, filled, with the line where it is
0), the loss and accuracy so far, and the network itself, each weight an edge whose
colour is its sign and whose width is its size (or, with "show gradients", the same
for each weight's gradient: the step the next tick will take is against it).

Whose engine: by default the package's (its neuron sums fused into one node each), on all
100 points a step. Given the lesson's `mlp` and `loss` (the student's MLP and hinge_loss, on
the student's engine), it trains those, on a mini-batch of 20 points a step: a
straightforward engine makes about 640 nodes a point, and 20 points keep a tick live.

Speed: the Value engine is used for what it is for, the training step (forward and
backward); the picture needs the score at 3,600 grid points, which
NumPy computes from the current weights in one matrix product per layer
(`capstone.numpy_scores`), and the figure is drawn once and then only its moving parts
are redrawn (blitting, in layers: a move of the weight slider redraws only the highlight).
A tick, step and redraw, takes about 30 to 35 ms of CPU on the course's machine (half of
it the training step), about 30 steps a second (benchmarks/README.md).
"""

import contextlib
import gc
import html
import time

import ipywidgets as W
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.lines import Line2D

from .. import capstone
from ..datasets import make_moons
from .base import LIVE, LessonWidget, slider, table
from .plotting import Plot

POSITIVE, NEGATIVE = "#1f5fbf", "#c8452c"  # label +1 / a positive weight; label −1 / negative
LEVELS = np.array([-1e9, -2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 1e9])  # score bands, filled
CATCH_UP = 0.010  # seconds: a Play tick sooner than this after the last step was queued (dropped)
BAND_COLOURS = [
    "#e8907d",
    "#f1b3a5",
    "#f7d3ca",
    "#fbe9e4",
    "#e3ecf8",
    "#c5d6f0",
    "#9cb9e6",
    "#7098d8",
]


def plane_grid(X, size=60, margin=0.5):
    """The grid the boundary is drawn on: `size` x `size` points over the data, `margin` around it.

    Returns (gx, gy, points): the two (size, size) coordinate arrays and the same points as
    a (size * size, 2) array, the rows `capstone.numpy_scores` takes.
    """
    X = np.asarray(X, dtype=float)
    lo, hi = X.min(axis=0) - margin, X.max(axis=0) + margin
    gx, gy = np.meshgrid(np.linspace(lo[0], hi[0], size), np.linspace(lo[1], hi[1], size))
    return gx, gy, np.column_stack([gx.ravel(), gy.ravel()])


def plural(n, word):
    return f"{n} {word}" + ("" if n == 1 else "s")


def weight_names(model):
    """A name for every weight, in the order of the network drawing's edges.

    "layer 2, neuron 5 ← neuron 3 of layer 1" for a weight between hidden layers;
    inputs are "x1" and "x2", the output neuron is "the score".
    """
    names = []
    for k, layer in enumerate(model.layers):
        for j, neuron in enumerate(layer.neurons):
            target = "the score" if k == len(model.layers) - 1 else f"layer {k + 1}, neuron {j + 1}"
            for i in range(len(neuron.w)):
                source = f"x{i + 1}" if k == 0 else f"neuron {i + 1} of layer {k}"
                names.append(f"{target} ← {source}")
    return names


class MoonsTrainer(LessonWidget):
    """Play / pause / step / reset a classifier of the two moons, and watch it learn.

    Handles for code and tests: `controls["play"]` (an ipywidgets `Play`: each increase of
    its value is one step; set `.value += 1` to tick it by hand), `controls["step"]` and
    `controls["reset"]` (buttons: `.click()`), `controls["learning rate"]` (the starting
    rate of the schedule), `controls["show gradients"]` (a toggle), `controls["weight"]`
    (which weight the readout names, highlighted in the drawing); `model`, `steps`,
    `losses`, `accuracies` (one per state, the first for the untrained network),
    `picture.value` (PNG), `readout.value`, `step()`, `reset()`.

    `mlp` and `loss`: an MLP class (`MLP(2, [16, 16, 1], seed=..., activation="relu",
    output_activation="linear")`) and a loss (`loss(model, X, y)`, a Value) to train instead of
    the package's; `batch`: the points a step's loss is computed on (all of them for the
    package's engine, 20 for an `mlp` of yours, drawn from a seeded generator); `interval`:
    milliseconds between the Play control's ticks.
    """

    title = "Training MLP(2, [16, 16, 1]) on the two moons"

    def __init__(
        self,
        learning_rate=1.0,
        seed=capstone.MODEL_SEED,
        data_seed=capstone.DATA_SEED,
        n=100,
        noise=0.1,
        interval=40,
        grid=60,
        mlp=None,
        loss=None,
        batch=None,
    ):
        if (mlp is None) != (loss is None):
            raise ValueError(
                "MoonsTrainer: give both mlp= and loss= (yours), or neither (the package's)"
            )
        self.seed, self.mlp, self.loss_of = seed, mlp, loss
        self.batch = batch if batch is not None else (n if mlp is None else min(n, 20))
        self.X, self.y = make_moons(n, noise=noise, seed=data_seed)
        self._rows, self._labels = capstone.as_rows(self.X, self.y)
        self.controls = {
            "play": W.Play(
                value=0,
                min=0,
                max=10**9,
                step=1,
                interval=interval,
                description="play",
                show_repeat=False,
            ),
            "step": W.Button(description="step", button_style="primary"),
            "reset": W.Button(description="reset"),
            "learning rate": slider(
                "learning rate",
                learning_rate,
                0.05,
                2.0,
                step=0.05,
                description="starting learning rate",
            ),
            "show gradients": W.ToggleButton(
                value=False,
                description="show gradients",
                tooltip="edges show each weight's gradient instead of the weight",
            ),
            "weight": W.IntSlider(
                value=0,
                min=0,
                max=1,
                description="weight #",
                style={"description_width": "initial"},
                layout=W.Layout(width="320px"),
            ),
        }
        self._last_tick, self.dropped_ticks = 0.0, 0
        self.controls["play"].observe(self._tick, names="value")
        self.controls["step"].on_click(lambda _: self.step())
        self.controls["reset"].on_click(lambda _: self.reset())
        for name in ("learning rate", "show gradients", "weight"):
            self.controls[name].observe(lambda change: self.update(), names="value")
        self.picture = W.Image(format="png")
        self.readout = W.HTML()
        self._new_model()
        self.names = weight_names(self.model)
        self.controls["weight"].max = len(self.names) - 1
        self._make_figure(grid)
        header = W.HTML(f"<b style='font-size:120%'>{html.escape(self.title)}</b>")
        c = self.controls
        self.view = W.VBox(
            [
                header,
                W.HBox([c["play"], c["step"], c["reset"], c["show gradients"]]),
                W.HBox([c["learning rate"], c["weight"]], layout=W.Layout(flex_flow="row wrap")),
                self.picture,
                self.readout,
            ],
            layout=W.Layout(border="1px solid #ccc", padding="8px"),
        )
        self.update()
        width = int.from_bytes(self.picture.value[16:20], "big")  # a PNG's width: bytes 16-20
        self.picture.layout = W.Layout(width=f"{width}px", height="auto", max_width="100%")
        _settle()

    # ----- training -----

    def _new_model(self):
        if self.mlp is None:
            self.model = capstone.make_model(self.seed)
        else:
            self.model = self.mlp(
                2, [16, 16, 1], seed=self.seed, activation="relu", output_activation="linear"
            )
        self.params = self.model.parameters()
        self._batches = np.random.default_rng(0)  # which points each step sees: seeded
        self.steps = 0
        self.losses, self.accuracies = [], []
        self._evaluate()

    def _evaluate(self):
        """Forward and backward at the current weights: the loss, the accuracy and every grad."""
        if self.mlp is None and self.batch >= len(self._rows):  # the package's: all points
            scores, loss = capstone.scores_and_loss(self.model, self._rows, self._labels)
            self.accuracy = sum(
                (s.data > 0) == (yi > 0) for s, yi in zip(scores, self._labels)
            ) / len(scores)
        else:
            batch = self._batches.choice(len(self._rows), size=self.batch, replace=False)
            rows = [self._rows[i] for i in batch]
            labels = [self._labels[i] for i in batch]
            if self.mlp is None:
                loss = capstone.scores_and_loss(self.model, rows, labels)[1]
            else:
                loss = self.loss_of(self.model, rows, labels)
            self.accuracy = capstone.accuracy(self.model, self.X, self.y)  # NumPy, all points
        self.model.zero_grad()
        loss.backward()
        self.loss = loss.data
        self.losses.append(self.loss)
        self.accuracies.append(self.accuracy)

    def rate(self):
        """The learning rate of the next step: the slider's rate, decaying as in the lesson."""
        return capstone.learning_rate(self.steps, start=float(self.controls["learning rate"].value))

    def step(self, redraw=True):
        """One training step: every parameter moves against its grad, then the new loss and grads."""
        with _no_collector():
            eta = self.rate()
            for p in self.params:
                p.data -= eta * p.grad
            self.steps += 1
            self._evaluate()
            if redraw:
                self.update()

    def train(self, steps):
        """`steps` steps, drawn once at the end (what a notebook cell calls before showing it)."""
        for _ in range(steps):
            self.step(redraw=False)
        self.update()

    def reset(self):
        """Back to the seeded start (and pause the play control)."""
        self.controls["play"].playing = False
        with _no_collector():
            self._new_model()
            self.update()
        _settle()

    def _tick(self, change):
        """One tick of the Play control: one step, unless the kernel is behind.

        The browser sends a tick every `interval` ms whether or not the kernel has finished
        the last one. A tick that arrives less than `CATCH_UP` seconds after the previous
        step ended was queued while that step ran: it is dropped, so a slow machine plays
        slower instead of piling up work (and ❚❚ takes effect at once).
        """
        if change["new"] <= change["old"]:  # the stop button sets the value back to 0: no step
            return
        if time.perf_counter() - self._last_tick < CATCH_UP:
            self.dropped_ticks += 1
            return
        self.step()
        self._last_tick = time.perf_counter()

    # ----- the picture -----

    def _make_figure(self, grid):
        self._plot = Plot(
            (11.0, 4.0),
            colours=[*BAND_COLOURS, POSITIVE, NEGATIVE, "#ffb000", "#1f77b4", "#2ca02c"],
        )
        fig = self.figure = self._plot.figure
        gs = fig.add_gridspec(
            2,
            3,
            width_ratios=[1.15, 1.0, 1.25],
            hspace=0.12,
            wspace=0.25,
            left=0.04,
            right=0.99,
            top=0.91,
            bottom=0.11,
        )
        ax = self.ax_boundary = fig.add_subplot(gs[:, 0])
        gx, gy, self._grid = plane_grid(self.X, grid)
        lo, hi = (gx.min(), gy.min()), (gx.max(), gy.max())
        self._grid_shape = gx.shape
        cmap = ListedColormap(BAND_COLOURS)
        self._image = ax.imshow(
            np.zeros(gx.shape),
            origin="lower",
            extent=(lo[0], hi[0], lo[1], hi[1]),
            cmap=cmap,
            norm=BoundaryNorm(LEVELS, cmap.N),
            interpolation="bilinear",
            aspect="auto",
            animated=True,
        )
        self._gx, self._gy = gx, gy
        self._zero_line = None
        self._points = ax.scatter(
            self.X[:, 0],
            self.X[:, 1],
            s=22,
            edgecolors="k",
            linewidths=0.6,
            c=[POSITIVE if v > 0 else NEGATIVE for v in self.y],
            zorder=3,
            animated=True,
        )
        ax.set_xlim(lo[0], hi[0])
        ax.set_ylim(lo[1], hi[1])
        ax.set_xticks([])
        ax.set_yticks([])
        self._boundary_title = ax.set_title(" ", fontsize=11)  # its text: drawn per frame
        fig.legend(
            handles=[
                Line2D([], [], ls="", marker="o", mfc=POSITIVE, mec="k", label="label +1"),
                Line2D([], [], ls="", marker="o", mfc=NEGATIVE, mec="k", label="label −1"),
                Line2D([], [], color="k", lw=1.5, label="score = 0"),
            ],
            loc="lower left",
            bbox_to_anchor=(0.035, 0.0),
            ncol=3,
            fontsize=8,
            frameon=False,
            handletextpad=0.3,
            columnspacing=0.8,
        )  # under the plot: drawn once, not per step

        self.ax_loss = fig.add_subplot(gs[0, 1])
        (self._loss_line,) = self.ax_loss.plot(
            [], [], "o-", color="tab:blue", lw=1.5, ms=2.5, animated=True
        )
        self.ax_loss.set_yscale("log")
        self.ax_loss.set_ylim(5e-3, 5.0)
        self.ax_loss.set_ylabel("loss (log)", fontsize=10)
        self.ax_loss.set_title("loss and accuracy after each step", fontsize=11)
        self.ax_loss.tick_params(labelbottom=False, labelsize=8)
        self.ax_loss.grid(alpha=0.3)
        self.ax_acc = fig.add_subplot(gs[1, 1], sharex=self.ax_loss)
        (self._acc_line,) = self.ax_acc.plot(
            [], [], "o-", color="tab:green", lw=1.5, ms=2.5, animated=True
        )
        self.ax_acc.axhline(0.95, color="grey", ls="--", lw=1)
        self.ax_acc.text(
            0.99,
            0.955,
            "95%",
            transform=self.ax_acc.get_yaxis_transform(),
            ha="right",
            va="bottom",
            fontsize=8,
            color="grey",
        )
        self.ax_acc.set_ylim(0.2, 1.02)
        self.ax_acc.set_ylabel("accuracy", fontsize=10)
        self.ax_acc.set_xlabel("training step", fontsize=10)
        self.ax_acc.tick_params(labelsize=8)
        self.ax_acc.grid(alpha=0.3)

        self._make_network(fig.add_subplot(gs[:, 2]))
        for width in (100, 300):  # the step axes a class reaches, laid out now, not on a tick
            self._plot.frame(width, self._loss_axis)

    def _loss_axis(self, width):
        """The curves' step axis, 0 to `width` (one background per width)."""
        self.ax_loss.set_xlim(0, width)

    def _make_network(self, ax):
        """Neurons as dots in columns (inputs, two hidden layers, the score); one edge per weight."""
        sizes = [len(self.model.layers[0].neurons[0].w)] + [
            len(layer.neurons) for layer in self.model.layers
        ]
        pos = []
        for col, size in enumerate(sizes):
            half = min(0.5, 0.1 * (size - 1))  # 16 neurons fill the column; 2 inputs sit apart
            ys = np.linspace(half, -half, size)
            pos.append(np.column_stack([np.full(size, float(col)), ys]))
        segments = []
        for k, layer in enumerate(self.model.layers):
            for j, neuron in enumerate(layer.neurons):
                for i in range(len(neuron.w)):
                    segments.append([pos[k][i], pos[k + 1][j]])
        self._segments = np.array(segments)
        self._edges = LineCollection(self._segments, animated=True, capstyle="round")
        ax.add_collection(self._edges)
        (self._selected,) = ax.plot(
            [],
            [],
            color="#ffb000",
            lw=5,
            alpha=0.9,
            solid_capstyle="round",
            animated=True,
            zorder=2,
        )
        nodes = np.vstack(
            pos[1:]
        )  # the neurons (their colour: the bias); the inputs are drawn apart
        self._nodes = ax.scatter(
            nodes[:, 0], nodes[:, 1], s=46, edgecolors="k", linewidths=0.7, zorder=3, animated=True
        )
        ax.scatter(
            pos[0][:, 0], pos[0][:, 1], s=70, c="white", edgecolors="k", zorder=3, marker="s"
        )
        for k, (x, yy) in enumerate(pos[0]):
            ax.text(x - 0.12, yy, f"x{k + 1}", ha="right", va="center", fontsize=9)
        ax.text(pos[-1][0][0] + 0.12, pos[-1][0][1], "score", ha="left", va="center", fontsize=9)
        ax.set_xlim(-0.45, len(sizes) - 0.4)
        ax.set_ylim(-0.58, 0.58)
        ax.axis("off")
        self._network_title = ax.set_title(" ", fontsize=11)
        self.ax_network = ax

    def _edge_style(self, values):
        """Colour by sign, width by size relative to the largest (so small changes stay visible)."""
        size = np.abs(values)
        scale = size.max() or 1.0
        widths = 0.15 + 3.2 * size / scale
        colours = np.where(values[:, None] >= 0, _rgba(POSITIVE), _rgba(NEGATIVE))
        colours[:, 3] = 0.25 + 0.75 * size / scale
        return colours, widths

    def _draw(self):
        """The picture in three layers, each kept while what it shows is unchanged: the
        training (boundary, loss, accuracy: new after a step), the network's edges (new after
        a step or the gradients toggle), and the selected weight with the neurons on top."""
        steps = len(self.losses) - 1
        width = next((w for w in (100, 300, 1000, 3000, 10000) if steps <= w), steps)
        grads = self.controls["show gradients"].value
        k = self.controls["weight"].value
        trained = (id(self.model), steps)
        state = (trained, grads, k)
        plot = self._plot
        if plot.is_current(state):
            return  # only the learning rate moved: the picture is the same
        if not plot.resume(("edges", grads), trained):  # one layer each: weights, gradients
            if not plot.resume("training", trained):
                plot.frame(width, self._loss_axis)
                self._draw_training(steps)
                plot.keep("training", trained)
            colours, widths = self._edge_style(self._weights(grads))
            self._edges.set_color(colours)
            self._edges.set_linewidth(widths)
            plot.draw(self._edges)
            plot.keep(("edges", grads), trained)
        self._selected.set_data(self._segments[k][:, 0], self._segments[k][:, 1])
        biases = np.array(
            [
                getattr(n.b, "grad" if grads else "data")
                for layer in self.model.layers
                for n in layer.neurons
            ]
        )
        bias_colours, _ = self._edge_style(biases)
        bias_colours[:, 3] = 1.0
        self._nodes.set_facecolors(bias_colours)
        plot.draw(self._selected, self._nodes)
        plot.text(
            *self._title_at(self.ax_boundary),
            f"step {steps}: accuracy {self.accuracy:.0%}",
            size=11,
        )
        plot.text(
            *self._title_at(self.ax_network),
            "gradients (edges: ∂loss/∂w; dots: ∂loss/∂b)"
            if grads
            else "weights (edges: w; dots: biases b)",
            size=11,
        )
        self.picture.value = plot.png(state)

    def _draw_training(self, steps):
        # the boundary: every grid point's score from the current weights, in one go with NumPy
        scores = capstone.numpy_scores(self.model, self._grid).reshape(self._grid_shape)
        self._share = ((id(self.model), steps), float(np.mean(scores > 0)))
        self._image.set_data(scores)
        ax = self.ax_boundary
        ax.draw_artist(self._image)
        if self._zero_line is not None:
            self._zero_line.remove()
        self._zero_line = ax.contour(
            self._gx, self._gy, scores, levels=[0.0], colors="k", linewidths=1.5
        )
        # set here, not as contour(animated=True): matplotlib before 3.11 ignores that argument
        # with a warning (on stderr, in the notebook), and a full redraw would then bake the
        # line into the blitting background
        self._zero_line.set_animated(True)
        self._plot.draw(self._zero_line, self._points)
        x = np.arange(steps + 1)
        self._loss_line.set_data(x, np.maximum(self.losses, 1e-12))
        self._acc_line.set_data(x, self.accuracies)
        self._plot.draw(self._loss_line, self._acc_line)

    def _title_at(self, ax):
        """Where matplotlib puts `ax`'s title: centred, 6 points above the axes."""
        x, y = self._plot.pixel(ax, 0.5, 1.0, "axes")
        return x, y - 6 * self._plot.dpi / 72

    def _weights(self, grads=False):
        """Every weight (or its grad), in the order of the drawing's edges and of `names`."""
        attr = "grad" if grads else "data"
        return np.array(
            [getattr(w, attr) for layer in self.model.layers for n in layer.neurons for w in n.w]
        )

    def selected_weight(self):
        """(name, value, grad) of the weight the "weight #" slider picks."""
        k = self.controls["weight"].value
        w = [w for layer in self.model.layers for n in layer.neurons for w in n.w][k]
        return self.names[k], w.data, w.grad

    def boundary_share(self):
        """The share of the drawn plane where the network says +1: a number for the picture."""
        drawn, share = getattr(self, "_share", (None, None))
        if drawn == (id(self.model), len(self.losses) - 1):
            return share  # worked out with the picture
        return float(np.mean(capstone.numpy_scores(self.model, self._grid) > 0))

    def update(self):
        self._draw()
        name, value, grad = self.selected_weight()
        k = self.controls["weight"].value
        caption = (
            f"<p>after {plural(self.steps, 'step')}: loss = <b>{self.loss:.6f}</b>, accuracy "
            f"<b>{self.accuracy:.0%}</b>; next step's learning rate {self.rate():.4g}</p>"
            f"<p>{self._on()}</p>"
        )
        rows = [[f"#{k}", name, f"{value:+.4f}", f"{grad:+.4g}"]]
        self.readout.value = (
            caption
            + table(["weight", "between", "value", "grad"], rows)
            + f"<p>the network says +1 on {self.boundary_share():.1%} of the "
            "plane drawn (the blue side of the boundary)</p>"
        )

    def _on(self):
        """Whose engine trains, and on which points the loss is: one sentence for the readout."""
        engine = "the package's engine" if self.mlp is None else "your MLP and loss"
        points = (
            f"all {len(self._rows)} points"
            if self.batch >= len(self._rows)
            else f"{self.batch} points drawn afresh each step"
        )
        return f"Trained with {engine}; the loss is on {points}, the accuracy on all of them."

    def summary(self):
        return (
            f"Moons trainer: {plural(self.steps, 'step')}, loss = {self.loss:.6f}, accuracy "
            f"{self.accuracy:.0%} on {len(self.y)} points. {self._on()} "
            + LIVE.format("press play")
        )


@contextlib.contextmanager
def _no_collector():
    """Python's cycle collector paused: a training step's graph has no cycles (reference
    counting frees it as it goes), and a full collection of the kernel's 100,000 objects,
    which the step's allocations would trigger, costs 40 to 60 ms: more than the step."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _settle():
    """Tell the collector that every object alive now (the kernel's modules, matplotlib,
    the widgets, this model) stays: `gc.freeze()`. A full collection then looks only at
    what was made since, a few milliseconds instead of 50 to 150 for the kernel's 100,000
    objects, which happened in a tick every few seconds of play."""
    gc.freeze()


def _rgba(colour):
    from matplotlib.colors import to_rgba

    return np.array(to_rgba(colour))
