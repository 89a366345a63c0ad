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

import re
from dataclasses import dataclass, field

from helpers import values_by_label

from autograd_lesson import examples
from autograd_lesson.engine import Value, topological_order
from autograd_lesson.examples import XS, YS, lesson_graph
from autograd_lesson.graph import format_number
from autograd_lesson.nn import MLP


@dataclass(frozen=True)
class SliderMove:
    cell: str  # text found in the source of the cell displaying the widget
    slider: str  # the slider's label as the page shows it
    to: float  # press `key` until the slider's readout shows this value
    expect: tuple = ()  # texts the widget must then show, or a function of the
    # widget's text before the action returning them
    gone: tuple = ()  # texts the widget must no longer show
    key: str = "ArrowRight"
    changes: bool = True  # False: the move only sets up the next action
    occurrence: int = 0  # which of the cells containing `cell` (0 = first)
    max_presses: int = 400


@dataclass(frozen=True)
class ButtonClick:
    cell: str
    button: str  # the button's text as the page shows it
    expect: tuple = ()  # as for SliderMove: texts, or a function of the text before
    gone: tuple = ()
    clicks: int = 1
    occurrence: int = 0


@dataclass(frozen=True)
class PlayFor:
    """Press the Play control's ▶, let it run `seconds`, press ❚❚, and count the steps the
    widget's readout ("after N steps") moved on: steps a second, reported, not failed."""

    cell: str
    seconds: float = 5.0
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
# The expected numbers, derived here from the lessons' definitions with the package's Value.


def running_example(**inputs):
    """The syllabus' L = (a·b + c)·f built with the package, backward already run: values by label.

    running_example() is at a = 2, b = −3, c = 10, f = −2; running_example(a=3.0) moves a.
    """
    L = lesson_graph(**inputs)
    L.backward()
    return values_by_label(L)


def _lesson00():
    # the demo explorer p = x·y (forward only): move x from 2 to 3
    p = Value(3.0) * Value(4.0)
    return Expectation(
        actions=(
            SliderMove(
                cell="GraphExplorer(",
                slider="x",
                to=3.0,
                expect=(f"p = {n(p.data)}", f"data {n(p.data)}"),
                gone=("p = 8.0000",),
            ),
        )
    )


def _lesson01():
    # the derivative explorer on f(x) = 3x² − 4x + 5: move x from 3 to 4, h stays 1e-3
    f = examples.f
    x, h = 4.0, 10.0**-3
    secant, tangent = (f(x + h) - f(x)) / h, examples.df(x)
    return Expectation(
        actions=(
            SliderMove(
                cell="DerivativeExplorer(",
                slider="x",
                to=x,
                expect=(n(f(x)), n(secant), n(tangent), f"{abs(secant - tangent):.2e}"),
            ),
        )
    )


def _lesson02():
    # the nudger on d = a·b + c: move a from 2 to 3, then one "nudge up" (each input += 0.01 × partial)
    a, b, c = 3.0, -3.0, 10.0
    d = Value(a) * Value(b) + Value(c)
    a2, b2, c2 = a + 0.01 * b, b + 0.01 * a, c + 0.01 * 1.0
    d2 = Value(a2) * Value(b2) + Value(c2)
    return Expectation(
        actions=(
            SliderMove(
                cell="Nudger(", slider="a", to=a, expect=(f"d = {n(d.data)}",), gone=("d = 4.0000",)
            ),
            ButtonClick(
                cell="Nudger(", button="nudge up", expect=(f"d = {n(d2.data)}", n(a2), n(b2))
            ),
        )
    )


def _lesson03():
    # the explorer without backward on L = (a·b + c)·f: move a from 2 to 3
    v = running_example(a=3.0)
    return Expectation(
        actions=(
            SliderMove(
                cell="GraphExplorer(",
                slider="a",
                to=3.0,
                expect=(f"L = {n(v['L'].data)}", f"data {n(v['e'].data)}"),
                gone=("L = -8.0000",),
            ),
        )
    )


def _lesson04():
    # the backprop stepper, shown at step 3: click "next ▶" once, then End on the step slider
    L = running_example()["L"]
    order = list(reversed(topological_order(L)))  # the order backprop visits the nodes
    fourth = order[3]
    leaf_texts = tuple(f"∂L/∂{v.label} =" for v in order if not v.children)
    return Expectation(
        actions=(
            ButtonClick(
                cell="BackpropStepper(",
                button="next",
                clicks=1,
                expect=(f"Step 4 of {len(order)}", f"∂L/∂{fourth.label} =", f"= {n(fourth.grad)}"),
            ),
            SliderMove(
                cell="BackpropStepper(",
                slider="step",
                key="End",
                to=float(len(order)),
                expect=(f"Step {len(order)} of {len(order)}", *leaf_texts[-1:]),
            ),
        )
    )


def _lesson05():
    # the step nudger (the notebook nudges it 5 times in code below it): step size 0.01 → 0.02,
    # "reset" to the start, then one "nudge down" (every x -= step × dL/dx)
    step = 0.02
    v = running_example()
    moved = {k: v[k].data - step * v[k].grad for k in "abcf"}
    after = running_example(**moved)
    return Expectation(
        actions=(
            SliderMove(cell="StepNudger(", slider="step size", to=step, changes=False),
            ButtonClick(
                cell="StepNudger(", button="reset", expect=(n(v["L"].data),), gone=("last nudge",)
            ),
            ButtonClick(
                cell="StepNudger(",
                button="nudge down",
                expect=(
                    n(after["L"].data),
                    n(moved["a"]),
                    n(moved["f"]),
                    f"changed by {after['L'].data - v['L'].data:+.6f}",
                ),
            ),
        )
    )


def _lesson06():
    # two explorers: L = (a·b + c)·f (a: 2 → 3) and q = e·(e + c), e = a·b (c: 10 → 11)
    v = running_example(a=3.0)
    a, b, c = Value(2.0), Value(-3.0), Value(11.0)
    e = a * b
    q = e * (e + c)
    q.backward()
    return Expectation(
        actions=(
            SliderMove(
                cell="lesson_expression,",
                slider="a",
                to=3.0,
                expect=(
                    f"L = {n(v['L'].data)}",
                    f"data {n(v['e'].data)}",
                    f"grad {n(v['b'].grad)}",
                ),
                gone=("L = -8.0000",),
            ),
            SliderMove(
                cell="shared_expression,",
                slider="c",
                to=11.0,
                expect=(f"q = {n(q.data)}", f"data {n((e + c).data)}"),
                gone=("q = -24.0000",),
            ),
        )
    )


def _lesson07():
    # the accumulation toggle on f = (a·b)·(a + b), a = −2, b = 3: switch assign → accumulate
    a, b = Value(-2.0, label="a"), Value(3.0, label="b")
    f = (a * b) * (a + b)
    f.backward()  # the package accumulates: the right grads
    return Expectation(
        actions=(
            ButtonClick(
                cell="AccumulationToggle(",
                button="accumulate (+=)",
                expect=("Showing accumulate (+=)", f"grad {n(a.grad)}", f"grad {n(b.grad)}"),
                gone=("Showing assign (=)",),
            ),
        )
    )


def _lesson08():
    # exp, log, power, division: L = exp(a)·log(b) / c², move a from 0.5 to 1.0
    a, b, c = Value(1.0), Value(2.0), Value(1.5)
    L = a.exp() * b.log() / c**2
    L.backward()
    return Expectation(
        actions=(
            SliderMove(
                cell="GraphExplorer(",
                slider="a",
                to=1.0,
                expect=(f"L = {n(L.data)}", n(a.grad), f"data {n(a.exp().data)}"),
            ),
        )
    )


def _lesson09():
    # the tanh neuron: b from 6.8814 to its maximum 8 with the End key
    x1, x2, w1, w2, b = Value(2.0), Value(0.0), Value(-3.0), Value(1.0), Value(8.0)
    nsum = x1 * w1 + x2 * w2 + b
    o = nsum.tanh()
    o.backward()
    return Expectation(
        actions=(
            SliderMove(
                cell="NeuronExplorer(",
                slider="b",
                key="End",
                to=8.0,
                expect=(
                    f"n = {n(nsum.data)}",
                    f"o = tanh(n) = {n(o.data)}",
                    f"1 − o² = {n(1 - o.data**2)}",
                    n(w1.grad),
                ),
            ),
        )
    )


def _lesson10():
    # gradient descent on f(a) = a² − 10a + 28: learning rate 0.1 → 0.5, 20 steps from a = 6
    eta, a = 0.5, 6.0
    for _ in range(20):
        x = Value(a)
        y = x**2 - 10 * x + 28
        y.backward()
        a -= eta * x.grad
    fa = a**2 - 10 * a + 28
    return Expectation(
        actions=(
            SliderMove(
                cell="GradientDescentExplorer(",
                slider="learning rate",
                to=eta,
                expect=(f"η = {eta:g}", f"a = {a:.6f}", f"f(a) = {fa:.6f}"),
            ),
        )
    )


def _lesson11():
    # the network trainer: "train 10 steps" once, MLP(3, [4, 4, 1]) seed 1, learning rate 0.1.
    # The notebook may train it in code before a student clicks, so the expected numbers
    # start from the step count the page shows before the click.
    def trained(steps):
        model = MLP(3, [4, 4, 1], seed=1)

        def loss():
            preds = [model(x) for x in XS]
            return preds, sum((p - y) ** 2 for p, y in zip(preds, YS))

        for _ in range(steps):
            _, L = loss()
            model.zero_grad()
            L.backward()
            for p in model.parameters():
                p.data -= 0.1 * p.grad
        preds, L = loss()
        return (
            f"after {steps} steps: loss = {L.data:.6f}",
            *tuple(f"{p.data:+.4f}" for p in preds),
        )

    def expect(before):
        shown = re.search(r"after (\d+) steps", before)
        return trained((int(shown.group(1)) if shown else 0) + 10)

    return Expectation(
        actions=(ButtonClick(cell="NetworkTrainer(", button="train 10 steps", expect=expect),)
    )


def _lesson12():
    # the live moons trainer, on the lesson's MLP and loss (the course's, in a notebook where no
    # check passed): "step" once (the notebook shows it untrained; the expected numbers start
    # from the step count the page shows before the click). The readout's loss (on that
    # step's 20 points), accuracy and share of the plane on the +1 side are those of the same
    # trainer stepped here, in this process.
    from autograd_lesson import pieces
    from autograd_lesson.widgets import MoonsTrainer
    from autograd_lesson.widgets.capstone import plural

    def trained(steps):
        here = MoonsTrainer(mlp=pieces.MLP, loss=pieces.hinge_loss)
        here.train(steps)
        return (
            f"after {plural(steps, 'step')}: loss = {here.loss:.6f}",
            f"accuracy {here.accuracy:.0%}",
            f"+1 on {here.boundary_share():.1%} of the plane",
        )

    def expect(before):
        shown = re.search(r"after (\d+) steps?", before)
        return trained((int(shown.group(1)) if shown else 0) + 1)

    return Expectation(
        actions=(
            ButtonClick(cell="MoonsTrainer(", button="step", expect=expect),
            PlayFor(cell="MoonsTrainer("),
        )
    )


EXPECTATIONS = {
    "00-start-here.ipynb": _lesson00(),
    "01-derivative.ipynb": _lesson01(),
    "02-partial-derivatives.ipynb": _lesson02(),
    "03-value-and-graph.ipynb": _lesson03(),
    "04-backprop-by-hand.ipynb": _lesson04(),
    "05-one-step-of-optimisation.ipynb": _lesson05(),
    "06-automatic-backward.ipynb": _lesson06(),
    "07-gradient-accumulation.ipynb": _lesson07(),
    "08-more-operations.ipynb": _lesson08(),
    "09-tanh-neuron.ipynb": _lesson09(),
    "10-gradient-descent.ipynb": _lesson10(),
    "11-tiny-neural-network.ipynb": _lesson11(),
    "12-capstone.ipynb": _lesson12(),
}
