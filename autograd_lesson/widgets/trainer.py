"""The network trainer: train MLP(3, [4, 4, 1]) ten steps at a time and watch the loss fall.

Each "train 10 steps" click runs ten rounds of the loop every network learns by:

    forward (predictions and loss) → zero_grad → backward → step every parameter against its grad

The plot shows the loss so far on a log scale (a straight line down is steady progress);
the table shows each sample's target and the network's current prediction.
"""

import ipywidgets as W

from ..examples import XS, YS
from ..nn import MLP
from .base import LIVE, LessonWidget, slider, table
from .plotting import Plot


def loss_of(model, xs=XS, ys=YS):
    """Predictions and the squared-error loss: the sum over samples of (prediction − target)²."""
    preds = [model(x) for x in xs]
    return preds, sum((p - y) ** 2 for p, y in zip(preds, ys))


class NetworkTrainer(LessonWidget):
    """A learning-rate slider and "train 10 steps" / "reset" buttons; live loss curve and predictions.

    Handles for code and tests: `controls["learning rate"]`, `controls["train"]`,
    `controls["reset"]` (click them: `w.controls["train"].click()`), `model`, `losses`
    (one per step taken), `predictions`, `picture.value` (PNG), `readout.value`. `mlp` is the
    MLP class to train, `MLP(3, [4, 4, 1], seed=seed)`: the package's by default, or the
    student's (lesson 11's, or `mine.use().MLP`).
    """

    title = "Training MLP(3, [4, 4, 1]) on four samples"

    def __init__(self, learning_rate=0.1, seed=1, mlp=MLP):
        self.seed, self.mlp = seed, mlp
        self.controls = {
            "learning rate": slider("learning rate", learning_rate, 0.01, 0.5, step=0.01),
            "train": W.Button(description="train 10 steps", button_style="primary"),
            "reset": W.Button(description="reset"),
        }
        self.controls["train"].on_click(lambda _: self.train(10))
        self.controls["reset"].on_click(lambda _: self.reset())
        self.picture = W.Image(format="png")
        self.readout = W.HTML()
        self._make_figure()
        self._new_model()
        self._finish()

    def _new_model(self):
        self.model = self.mlp(3, [4, 4, 1], seed=self.seed)
        self.losses = []
        self.predictions, loss = loss_of(self.model)
        self.loss = loss.data

    def reset(self):
        """Start again from the same seeded weights."""
        self._new_model()
        self.update()

    def train(self, steps=10):
        """Take `steps` steps of gradient descent, then redraw."""
        eta = float(self.controls["learning rate"].value)
        params = self.model.parameters()
        for _ in range(steps):
            _, loss = loss_of(self.model)
            self.model.zero_grad()
            loss.backward()
            for p in params:
                p.data -= eta * p.grad
            self.losses.append(loss.data)
        self.predictions, loss = loss_of(self.model)  # where the network stands now
        self.loss = loss.data
        self.update()

    def _make_figure(self):
        """Axes, labels and legend are drawn once per x-range (blitting); updates draw the curve only."""
        self._plot = Plot((6.0, 3.2), colours=["#1f77b4"])  # the loss line: not in the first frame
        self.figure = self._plot.figure
        ax = self.axes = self.figure.add_subplot()
        (self._line,) = ax.plot(
            [], [], "o-", color="tab:blue", ms=3, lw=1.5, label="loss", animated=True
        )
        ax.axhline(0.01, color="grey", ls="--", lw=1, label="0.01")
        ax.set_yscale("log")
        ax.set_ylim(1e-4, 20)
        title = "loss = Σ (prediction − target)²"
        self._plot.finish_axes(ax, "training step", "loss (log scale)", title, "upper right")
        for width in (100, 300):  # the x-axes a lesson reaches, laid out now, not on a click
            self._plot.frame(width, self._step_axis)

    def _step_axis(self, width):
        """The loss curve's step axis, 0 to `width` (one background per width)."""
        self.axes.set_xlim(0, width)

    def update(self):
        self._draw()
        steps = len(self.losses)
        caption = (
            f"<p>after {steps} steps: loss = <b>{self.loss:.6f}</b> "
            f"(learning rate {float(self.controls['learning rate'].value):g})</p>"
        )
        rows = [
            [str(x), f"{y:+.1f}", f"{p.data:+.4f}"] for x, y, p in zip(XS, YS, self.predictions)
        ]
        self.readout.value = caption + table(["input x", "target", "prediction"], rows)

    def _draw(self):
        steps = len(self.losses)
        # the x-axis grows rarely (a full redraw of the axes costs ~50-120 ms; a blit ~5 ms)
        width = next((w for w in (100, 300, 1000, 3000) if steps <= w), steps)
        if self._plot.is_current(tuple(self.losses)):
            return  # only the learning rate moved: the picture is the same
        self._plot.frame(width, self._step_axis)
        self._line.set_data(range(1, steps + 1), [max(loss, 1e-12) for loss in self.losses])
        self._plot.draw(self._line)
        self.picture.value = self._plot.png(tuple(self.losses))

    def summary(self):
        preds = ", ".join(f"{p.data:+.4f}" for p in self.predictions)
        return (
            f"Network trainer: {len(self.losses)} steps, loss = {self.loss:.6f}, "
            f"predictions [{preds}] for targets [{', '.join(f'{y:+g}' for y in YS)}] "
            + LIVE.format("click the buttons")
        )
