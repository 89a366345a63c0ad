"""The derivative explorer (lesson 01): a curve, a secant through two nearby points, and the tangent.

The slope of the secant through (x, f(x)) and (x + h, f(x + h)) is the forward
difference (f(x + h) - f(x)) / h. Shrink h and the secant turns into the
tangent, whose slope is the derivative, until h gets so small that f(x + h)
and f(x) round to the same float and the estimate collapses. Two sliders
let you watch both: x, and h on a logarithmic scale (log10 h = -3 means h = 0.001).
"""

import ipywidgets as W

from .. import examples
from ..graph import format_number
from .base import LIVE, LessonWidget, slider, table
from .plotting import Plot


class DerivativeExplorer(LessonWidget):
    """Move x along the curve and shrink h: watch the secant's slope approach the tangent's.

        DerivativeExplorer()                      # f(x) = 3x² - 4x + 5 at x = 3, h = 0.001
        DerivativeExplorer(f, df, x=1.0, x_range=(-2, 2))   # any function and its derivative

    Handles: `controls["x"]`, `controls["log10_h"]`, `picture` (a PNG plot),
    `readout` (f(x), the secant slope, the tangent slope and the error).
    """

    title = "Derivative explorer: secant vs tangent"

    def __init__(
        self,
        f=examples.f,
        df=examples.df,
        x=3.0,
        log10_h=-3.0,
        x_range=(-5.0, 5.0),
        name="f(x) = 3x² − 4x + 5",
    ):
        self.f, self.df, self.name = f, df, name
        self.controls = {
            "x": slider("x", float(x), x_range[0], x_range[1], 0.05),
            "log10_h": slider("log10_h", float(log10_h), -17.0, 0.5, 0.25, description="log10(h)"),
        }
        self.picture = W.Image(format="png")
        self.readout = W.HTML()
        self._make_figure(x_range)
        self._finish()

    def _make_figure(self, x_range):
        """Draw the parts that never change once; `update` only moves line data."""
        low, high = x_range
        xs = [low + (high - low) * i / 200 for i in range(201)]
        ys = [self.f(x) for x in xs]
        span = max(ys) - min(ys)
        self._plot = Plot((6, 3.5))
        self.figure = fig = self._plot.figure
        ax = self.axes = fig.add_subplot()
        ax.plot(xs, ys, color="black", lw=2, label=self.name)
        (self._tangent,) = ax.plot(
            [], [], color="#1f77b4", lw=1.5, ls="--", label="tangent (slope f′(x))"
        )
        (self._secant,) = ax.plot(
            [], [], color="#d62728", lw=1.5, ls="-.", label="secant (slope from h)"
        )
        (self._points,) = ax.plot([], [], "o", color="#d62728", ms=6)
        ax.set_xlim(low, high)
        ax.set_ylim(min(ys) - 0.15 * span, max(ys) + 0.15 * span)
        # the title " " keeps room for the live title, which each frame writes
        self._plot.finish_axes(ax, "x", "f(x)", " ", "upper center", title_size=10)
        # the still parts (curve, axes, legend) are drawn once; a move draws only these
        self._moving = (self._tangent, self._secant, self._points)
        for artist in self._moving:
            artist.set_animated(True)

    def numbers(self):
        """The current x, h, f(x), secant slope, tangent slope, and the secant's error."""
        x = float(self.controls["x"].value)
        h = 10.0 ** float(self.controls["log10_h"].value)
        fx, fxh = self.f(x), self.f(x + h)
        secant = (fxh - fx) / h
        tangent = self.df(x)
        return {
            "x": x,
            "h": h,
            "f(x)": fx,
            "f(x+h)": fxh,
            "secant": secant,
            "tangent": tangent,
            "error": abs(secant - tangent),
        }

    def update(self):
        n = self.numbers()
        x, fx = n["x"], n["f(x)"]
        low, high = self.axes.get_xlim()
        ends = [low, high]
        self._tangent.set_data(ends, [fx + n["tangent"] * (e - x) for e in ends])
        self._secant.set_data(ends, [fx + n["secant"] * (e - x) for e in ends])
        self._points.set_data([x, x + n["h"]], [fx, n["f(x+h)"]])
        plot = self._plot
        plot.frame()
        plot.draw(*self._moving)
        title_x, title_y = plot.pixel(self.axes, 0.5, 1.0, "axes")
        plot.text(
            title_x,
            title_y - 6 * plot.dpi / 72,  # matplotlib's title pad: 6 points
            f"x = {x:.2f}, h = {n['h']:.0e}: secant slope {n['secant']:.4f}, "
            f"tangent slope {n['tangent']:.4f}",
            size=10,
        )
        self.picture.value = plot.png()
        rows = [
            ["x", format_number(x)],
            ["h", f"{n['h']:.0e}"],
            ["f(x)", format_number(fx)],
            ["secant slope (f(x+h) − f(x)) / h", format_number(n["secant"])],
            ["tangent slope f′(x)", format_number(n["tangent"])],
            ["error |secant − tangent|", f"{n['error']:.2e}"],
        ]
        self.readout.value = table(["quantity", "value"], rows)

    def summary(self):
        n = self.numbers()
        return (
            f"{self.title}: x = {format_number(n['x'])}, h = {n['h']:.0e}, "
            f"f(x) = {format_number(n['f(x)'])}, secant slope = {format_number(n['secant'])}, "
            f"tangent slope = {format_number(n['tangent'])}, error = {n['error']:.2e} "
            + LIVE.format("move the sliders")
        )
