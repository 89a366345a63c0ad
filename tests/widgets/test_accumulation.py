"""AccumulationToggle (lesson 07): assign vs accumulate on graphs that use a value twice."""

from timing import cpu_seconds

from autograd_lesson import Value
from autograd_lesson.widgets import AccumulationToggle
from autograd_lesson.widgets.accumulation import ACCUMULATE, ASSIGN, EXAMPLES

SECOND = list(EXAMPLES)[1]


def test_b_equals_a_plus_a():
    w = AccumulationToggle()
    assert w.controls["mode"].value == ASSIGN
    assert "b = a + a, assign (=): a.grad = 1.0000" in w.summary()
    assert "#ffd23f" in w.picture.value  # the wrong grad is highlighted
    w.controls["mode"].value = ACCUMULATE
    assert "b = a + a, accumulate (+=): a.grad = 2.0000" in w.summary()
    assert "grad 2.0000" in w.picture.value and "#ffd23f" not in w.picture.value


def test_second_example_shows_wrong_and_right_grads():
    w = AccumulationToggle()
    w.controls["example"].value = SECOND
    assert "a.grad = 3.0000, b.grad = -2.0000" in w.summary()
    readout = w.readout.value
    assert (
        "<td>a</td><td>-2.0000</td><td>3.0000</td><td>-3.0000</td><td>✗ lost a path</td>" in readout
    )
    assert (
        "<td>b</td><td>3.0000</td><td>-2.0000</td><td>-8.0000</td><td>✗ lost a path</td>" in readout
    )
    w.controls["mode"].value = ACCUMULATE
    assert "a.grad = -3.0000, b.grad = -8.0000" in w.summary()
    svg = w.picture.value.replace("&#45;", "-")
    assert "grad -3.0000" in svg and "grad -8.0000" in svg


def test_any_example():
    def squared():
        x = Value(5.0, label="x")
        y = x * x
        y.label = "y"
        return y

    w = AccumulationToggle(examples={"y = x·x": squared}, mode=ACCUMULATE)
    assert "x.grad = 10.0000" in w.summary()
    w.controls["mode"].value = ASSIGN
    assert "x.grad = 5.0000" in w.summary()


def test_a_toggle_redraws_quickly():
    w = AccumulationToggle()
    times = []
    for mode in (ACCUMULATE, ASSIGN, ACCUMULATE):
        start = cpu_seconds()  # with the CPU of the `dot` it runs
        w.controls["mode"].value = mode
        times.append(cpu_seconds() - start)
    assert min(times) < 0.1
