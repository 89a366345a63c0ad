"""The gradient descent explorer: f(a) = a² − 10a + 28, and the path that descent takes on it.

Each step computes f'(a) with `backward()` and moves a against it:

    a ← a − η · f'(a)

Move the learning-rate slider and watch the path: small η creeps, η near 0.5 jumps
almost straight to the minimum, η = 1 bounces between two points forever, and η > 1
climbs out of the valley.
"""

import ipywidgets as W

from ..engine import Value
from .base import LIVE, LessonWidget, slider, table
from .plotting import Plot

VIEWS = (
    6.0,
    12.0,
    25.0,
    50.0,
    100.0,
    250.0,
    1000.0,
    1e4,
    1e5,
)  # half-widths of the plot around a = 5


def f(a):
    """The lesson's function: a parabola with its minimum f(5) = 3. Works on Values and floats."""
    return a**2 - 10 * a + 28


def descend(start, learning_rate, steps, value_class=Value):
    """The iterates of gradient descent on `f`, as a list of (a, f(a), f'(a)), start included."""
    path = []
    a = float(start)
    for _ in range(steps + 1):
        x = value_class(a)
        y = f(x)
        y.backward()
        path.append((a, y.data, x.grad))
        a = a - learning_rate * x.grad
    return path


class GradientDescentExplorer(LessonWidget):
    """Sliders for the learning rate, the number of steps and the start; f with the path of the iterates.

    Handles for code and tests: `controls["learning rate"]`, `controls["steps"]`,
    `controls["start"]`, `path` (the iterates), `picture.value` (PNG bytes),
    `readout.value` (the table). `value_class`: the Value class that computes f'(a), the
    package's by default, or the student's engine (`mine.use()`).
    """

    title = "Gradient descent on f(a) = a² − 10a + 28"

    def __init__(self, learning_rate=0.1, steps=20, start=6.0, value_class=Value):
        self.value_class = value_class
        self.controls = {
            "learning rate": slider("learning rate", learning_rate, 0.01, 1.1, step=0.01),
            "steps": W.IntSlider(
                value=steps, min=0, max=50, description="steps", layout=W.Layout(width="320px")
            ),
            "start": slider("start", start, -2.0, 12.0, step=0.1, description="start a₀"),
        }
        self.picture = W.Image(format="png")
        self.readout = W.HTML()
        self._make_figure()
        self._finish()

    def _make_figure(self):
        """Draw the parabola once into a background; updates redraw only the path (blitting)."""
        self._plot = Plot((6.0, 3.5))
        self.figure = self._plot.figure
        ax = self.axes = self.figure.add_subplot()
        (self._curve,) = ax.plot([], [], "-", color="black", lw=2, label="f(a)")
        ax.plot([5], [3], "*", color="tab:green", ms=14, label="minimum (5, 3)")
        (self._path,) = ax.plot(
            [], [], "o--", color="tab:red", ms=5, lw=1.2, label="iterates", animated=True
        )
        (self._last,) = ax.plot(
            [], [], "s", color="tab:blue", ms=9, label="last iterate", animated=True
        )
        self._plot.finish_axes(ax, "a", "f(a)", "each step: a ← a − η·f'(a)", "upper center")

    def update(self):
        eta = float(self.controls["learning rate"].value)
        steps = int(self.controls["steps"].value)
        start = float(self.controls["start"].value)
        self.path = descend(start, eta, steps, self.value_class)
        self._draw(self.path)
        a, fa, _grad = self.path[-1]
        caption = (
            f"<p>η = {eta:g}, {steps} steps from a₀ = {start:g}: "
            f"a = <b>{a:.6f}</b>, f(a) = <b>{fa:.6f}</b>, |a − 5| = {abs(a - 5):.6f}</p>"
        )
        shown = list(enumerate(self.path))
        if len(shown) > 8:  # the first five and the last two: enough to see the pattern
            shown = [*shown[:5], ("…", None), *shown[-2:]]
        rows = [
            [k, "…", "…", "…"] if p is None else [k, f"{p[0]:.6f}", f"{p[1]:.6f}", f"{p[2]:.6f}"]
            for k, p in shown
        ]
        self.readout.value = caption + table(["step", "a", "f(a)", "f'(a)"], rows)

    def _draw(self, path):
        xs = [p[0] for p in path]
        reach = max(abs(x - 5.0) for x in xs) + 0.5
        half = next(h for h in VIEWS if h >= reach) if reach <= VIEWS[-1] else reach

        def view(half):  # the axes for this half-width (a full draw only the first time)
            low, high = 5.0 - half, 5.0 + half
            grid = [low + (high - low) * i / 200 for i in range(201)]
            self._curve.set_data(grid, [f(x) for x in grid])
            self.axes.set_xlim(low, high)
            self.axes.set_ylim(0, f(high) * 1.05)

        self._plot.frame(half, view)
        self._path.set_data(xs, [p[1] for p in path])
        self._last.set_data([xs[-1]], [path[-1][1]])
        self._plot.draw(self._path, self._last)
        self.picture.value = self._plot.png()

    def summary(self):
        a, fa, _ = self.path[-1]
        return (
            f"Gradient descent: learning rate {float(self.controls['learning rate'].value):g}, "
            f"{len(self.path) - 1} steps from a = {self.path[0][0]:g}: "
            f"a = {a:.6f}, f(a) = {fa:.6f} " + LIVE.format("move the sliders")
        )
