"""The step nudger (lesson 05): one step of optimisation, again and again, with L's history plotted.

A nudge moves every input along its gradient:

    x  ←  x + step × dL/dx      ("nudge up": L rises)
    x  ←  x − step × dL/dx      ("nudge down": L falls)

then reruns the forward and the backward pass at the new inputs, so the next
nudge uses fresh gradients. "nudge down" repeated is gradient descent.
"""

import ipywidgets as W

from ..engine import Value
from ..examples import INPUTS, lesson_loss
from ..graph import format_number
from .base import LIVE, LessonWidget, slider, table
from .plotting import HistoryPlot


class StepNudger(LessonWidget):
    """Nudge every input along (or against) its gradient and watch L's history.

        StepNudger()                                  # L = (a·b + c)·f from a=2, b=-3, c=10, f=-2
        StepNudger(lambda x, y: x * x + y, {"x": 1.0, "y": 2.0})

    Handles: `controls["step"]` (the step size), `controls["up"]`, `controls["down"]`,
    `controls["reset"]` (buttons), `picture` (PNG plot of L per nudge), `readout`,
    `inputs` (the current numbers), `history` (L after each nudge, starting value first).
    """

    title = "One step of optimisation: nudge the inputs along the gradient"

    def __init__(self, build=lesson_loss, inputs=None, step=0.01, name="L"):
        self.build, self.name = build, name
        self.start = dict(INPUTS if inputs is None else inputs)
        self.controls = {
            "step": slider("step", float(step), 0.001, 0.1, 0.001, description="step size"),
            "up": W.Button(description="nudge up (+step × grad)"),
            "down": W.Button(description="nudge down (−step × grad)"),
            "reset": W.Button(description="reset"),
        }
        self.controls["step"].readout_format = ".3f"
        for key in ("up", "down"):
            self.controls[key].layout = W.Layout(width="210px")
        self.controls["up"].on_click(lambda _: self.nudge(+1))
        self.controls["down"].on_click(lambda _: self.nudge(-1))
        self.controls["reset"].on_click(lambda _: self.reset())
        self.picture = W.Image(format="png")
        self.readout = W.HTML()
        self._make_figure()
        self.inputs = dict(self.start)
        self.history, self.moves = [], []
        self._evaluate()
        self.history.append(self.value)
        self._finish()

    def _evaluate(self):
        """Forward and backward pass at the current inputs: sets `value` and `grads`."""
        leaves = {name: Value(x, label=name) for name, x in self.inputs.items()}
        out = self.build(**leaves)
        out.backward()
        self.value = out.data
        self.grads = {name: leaf.grad for name, leaf in leaves.items()}

    def nudge(self, direction):
        """Move every input by direction × step × its grad (direction +1 or -1), then redraw."""
        step = float(self.controls["step"].value)
        for name in self.inputs:
            self.inputs[name] += direction * step * self.grads[name]
        self._evaluate()
        self.history.append(self.value)
        self.moves.append("up" if direction > 0 else "down")
        self.update()

    def reset(self):
        """Back to the starting inputs, with an empty history."""
        self.inputs = dict(self.start)
        self._evaluate()
        self.history, self.moves = [self.value], []
        self.update()

    def _make_figure(self):
        self._plot = HistoryPlot(
            (6, 3.5),
            self.name,
            min_step=0.05 * max(1.0, abs(self.start_value())) / 2,
            line=dict(
                color="black",
                lw=1.5,
                ls="-",
                marker="o",
                ms=5,
                label=f"{self.name} after each nudge",
            ),
            start=dict(color="#1f77b4", ls="--", lw=1.2, label="starting value"),
            legend=True,
            margins=(0.14, 0.97, 0.17, 0.9),
        )
        self.figure = self._plot.figure

    def start_value(self):
        leaves = {name: Value(x) for name, x in self.start.items()}
        return self.build(**leaves).data

    def update(self):
        title = f"{self.name} = {format_number(self.value)} after {len(self.history) - 1} nudge(s)"
        self.picture.value = self._plot.show(self.history, title)
        rows = [
            [name, format_number(x), format_number(self.grads[name])]
            for name, x in self.inputs.items()
        ]
        rows.append([self.name, format_number(self.value), ""])
        change = ""
        if len(self.history) > 1:
            change = (
                f"<p>last nudge ({self.moves[-1]}): {self.name} changed by "
                f"{self.history[-1] - self.history[-2]:+.6f}</p>"
            )
        self.readout.value = table(["value", "data", "grad"], rows) + change

    def summary(self):
        inputs = ", ".join(f"{n} = {format_number(x)}" for n, x in self.inputs.items())
        return (
            f"{self.title}: {inputs}; {self.name} = {self.value:.6f} after "
            f"{len(self.history) - 1} nudge(s) " + LIVE.format("press the buttons")
        )
