"""What each notebook's live widget must do in a browser, as a student would use it.

One entry per notebook in `notebooks/` (the browser test fails for a notebook
without one). An entry lists the actions to take once all cells have run:

- `SliderMove`: find the code cell whose source contains `cell`, focus its slider
  labelled `slider`, press `key` until the slider's own readout shows `to`, then
  the widget must show every text in `expect` (and its text must have changed);
- `ButtonClick`: click the button labelled `button` `clicks` times, then the same.

Expected texts are computed here with the package (never copied from a widget's
output): the same expression rebuilt with `Value`, formatted as the widget
formats numbers (`format_number`, 4 decimals).
"""

from dataclasses import dataclass, field

from autograd_lesson.engine import Value
from autograd_lesson.graph import format_number


@dataclass(frozen=True)
class SliderMove:
    cell: str                    # text found in the source of the cell displaying the widget
    slider: str                  # the slider's label as the page shows it
    to: float                    # press `key` until the slider's readout shows this value
    expect: tuple = ()           # texts the widget must then show
    key: str = "ArrowRight"
    occurrence: int = 0          # which of the cells containing `cell` (0 = first)
    max_presses: int = 400


@dataclass(frozen=True)
class ButtonClick:
    cell: str
    button: str                  # the button's text as the page shows it
    expect: tuple = ()
    clicks: int = 1
    occurrence: int = 0


@dataclass(frozen=True)
class Expectation:
    actions: tuple = ()
    # a notebook without a live widget says why, instead of listing actions
    no_widget: str = field(default="")


def slider_text(x):
    """A value as the lesson sliders' readout shows it (readout_format '.4g')."""
    return format(x, ".4g")


def n(x):
    """A number as widget readouts and graph pictures show it."""
    return format_number(x)


# ---------------------------------------------------------------------------------------
# The running example of the course: L = (a*b + c)*f at a=2, b=-3, c=10, f=-2.


def running_example(a=2.0, b=-3.0, c=10.0, f=-2.0):
    """The syllabus' expression built with the package, backward already run."""
    a, b, c, f = (Value(v, label=k) for v, k in ((a, "a"), (b, "b"), (c, "c"), (f, "f")))
    e = a * b
    d = e + c
    L = d * f
    L.backward()
    return {"L": L, "a": a, "b": b, "c": c, "f": f, "e": e, "d": d}


def _explorer_a_to_3():
    """The graph explorer on the running example: move a from 2 to 3."""
    v = running_example(a=3.0)
    return SliderMove(
        cell="GraphExplorer(", slider="a", to=3.0,
        expect=(f"L = {n(v['L'].data)}",        # L = (3*-3 + 10)*-2 = -2
                n(v["a"].grad)),                # dL/da = b*f = 6
    )


EXPECTATIONS = {
    # a scratch notebook used while developing the test (not in the repository)
    "scratch-explorer.ipynb": Expectation(actions=(_explorer_a_to_3(),)),
}
