"""The nudger (lesson 02): d = a·b + c, its three partial derivatives, and buttons that use them.

A partial derivative says how much d moves per unit of one input, the others held
still. So moving *every* input a small step in the direction of its own partial
(a += 0.01 · ∂d/∂a, and so on) raises d; the opposite step lowers it. The buttons
do exactly that, and the plot keeps the history of d so you can watch it climb or fall.
"""

import ipywidgets as W

from ..examples import INPUTS, d_of
from ..graph import format_number
from .base import LIVE, LessonWidget, slider, table
from .plotting import HistoryPlot

H = 0.001  # the nudge used for the numerical partials


class Nudger(LessonWidget):
    """Sliders for a, b, c; d and its partials live; "nudge up" / "nudge down" buttons.

        Nudger()                 # a = 2, b = -3, c = 10, steps of 0.01 × partial

    Handles: `controls["a"]`, `controls["b"]`, `controls["c"]`, `controls["up"]`,
    `controls["down"]` (buttons: `w.controls["up"].click()`), `history` (d after
    each nudge since the last slider move), `picture` (PNG plot), `readout`.
    """

    title = "Nudger: d = a·b + c"

    def __init__(self, a=INPUTS["a"], b=INPUTS["b"], c=INPUTS["c"], step=0.01):
        self.step = step
        self.controls = {
            "a": slider("a", float(a), -5.0, 5.0, 0.01),
            "b": slider("b", float(b), -5.0, 5.0, 0.01),
            "c": slider("c", float(c), 0.0, 15.0, 0.01),
            "up": W.Button(
                description="nudge up (+0.01 × partial)", layout=W.Layout(width="230px")
            ),
            "down": W.Button(
                description="nudge down (−0.01 × partial)", layout=W.Layout(width="230px")
            ),
        }
        self.controls["up"].on_click(lambda button: self.nudge(+1))
        self.controls["down"].on_click(lambda button: self.nudge(-1))
        self.picture = W.Image(format="png")
        self.readout = W.HTML()
        self.history = []
        self._exact = {}  # the inputs a nudge set, before the browser rounds them to the slider
        self._nudging = False
        self._make_figure()
        self._finish()

    def _make_figure(self):
        self._plot = HistoryPlot(
            (6, 3.0),
            "d",
            title="d after each nudge (dashed: where you started)",
            min_step=0.05,
            line=dict(color="black", ls="-", marker="o", ms=6, lw=1.5),
            start=dict(color="#888888", ls="--", lw=1),
            margins=(0.14, 0.97, 0.19, 0.89),
        )
        self.figure = self._plot.figure

    def inputs(self):
        """The current a, b, c.

        A nudge sets exact numbers such as 1.9402; the browser's slider echoes them back
        rounded to its step (1.94). Within half a step we keep the exact number, so the
        nudges add up as the lesson computes them; a slider moved further is the student's.
        """
        values = []
        for name in "abc":
            shown, exact = float(self.controls[name].value), self._exact.get(name)
            near = exact is not None and abs(shown - exact) <= self.controls[name].step / 2 + 1e-12
            values.append(exact if near else shown)
        return tuple(values)

    def partials(self):
        """∂d/∂a, ∂d/∂b, ∂d/∂c two ways: numerically (nudge one input by h) and by the rules."""
        a, b, c = self.inputs()
        d = d_of(a, b, c)
        numerical = (
            (d_of(a + H, b, c) - d) / H,
            (d_of(a, b + H, c) - d) / H,
            (d_of(a, b, c + H) - d) / H,
        )
        analytic = (b, a, 1.0)
        return numerical, analytic

    def nudge(self, direction):
        """Move every input by direction × step × its partial (the exact one: b, a, 1)."""
        _, (da, db, dc) = self.partials()
        a, b, c = self.inputs()
        s = direction * self.step
        self._nudging = True  # one redraw at the end, and keep the history
        try:
            self._exact = dict(zip("abc", (a + s * da, b + s * db, c + s * dc)))
            for name, value in self._exact.items():
                self.controls[name].value = value
        finally:
            self._nudging = False
        self.history.append(d_of(*self.inputs()))
        self.update()

    def update(self):
        if self._nudging:
            return
        a, b, c = self.inputs()
        d = d_of(a, b, c)
        if not self.history or self.history[-1] != d:
            self.history = [d]  # a slider moved by hand: a fresh start
        self.picture.value = self._plot.show(self.history)
        numerical, analytic = self.partials()
        rows = [
            [f"∂d/∂{n}", format_number(x), f"{rule} = {format_number(y)}"]
            for n, x, y, rule in zip("abc", numerical, analytic, ("b", "a", "1"))
        ]
        caption = (
            f"<p>a = {format_number(a)}, b = {format_number(b)}, c = {format_number(c)}"
            f" &nbsp;→&nbsp; d = <b>{format_number(d)}</b></p>"
        )
        self.readout.value = caption + table(
            ["partial", f"numerical (h = {H:g})", "by the rule"], rows
        )

    def summary(self):
        a, b, c = self.inputs()
        numerical, _ = self.partials()
        parts = ", ".join(f"∂d/∂{n} ≈ {format_number(x)}" for n, x in zip("abc", numerical))
        return (
            f"{self.title}: a = {format_number(a)}, b = {format_number(b)}, "
            f"c = {format_number(c)}, d = {format_number(d_of(a, b, c))}; {parts} "
            + LIVE.format("move the sliders and press the buttons")
        )
