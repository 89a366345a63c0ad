"""BackpropStepper (lesson 04): the buttons walk the nodes from the output back."""

from timing import cpu_seconds

from autograd_lesson import Value
from autograd_lesson.widgets import BackpropStepper


def test_starts_with_nothing_backpropagated():
    w = BackpropStepper()
    assert w.controls["step"].value == 0
    assert "every grad is 0" in w.summary()
    assert "grad 0.0000" in w.picture.value and "grad 1.0000" not in w.picture.value
    assert "not yet" in w.readout.value


def test_next_walks_in_reverse_topological_order_with_the_products():
    w = BackpropStepper()
    w.controls["next"].click()
    assert "∂L/∂L = 1" in w.summary()
    assert "grad 1.0000" in w.picture.value
    for _ in range(6):
        w.controls["next"].click()
    assert w.controls["step"].value == 7
    assert "∂L/∂a = b × ∂L/∂e = (-3.0000) × (-2.0000) = 6.0000" in w.summary()
    assert [w.names[n] for n in w.order] == ["L", "f", "d", "c", "e", "b", "a"]
    for grad in ("grad 6.0000", "grad -4.0000", "grad -2.0000", "grad 4.0000"):
        assert grad in w.picture.value.replace("&#45;", "-")
    w.controls["next"].click()  # past the end: stays on the last step
    assert w.controls["step"].value == 7


def test_previous_undoes_and_grads_fill_progressively():
    w = BackpropStepper(step=3)
    assert "∂L/∂d = f × ∂L/∂L = (-2.0000) × 1.0000 = -2.0000" in w.summary()
    grads = dict((w.names[n], g) for n, g in w.grads_at(3))
    assert grads == {"L": 1.0, "f": 4.0, "d": -2.0, "c": 0.0, "e": 0.0, "b": 0.0, "a": 0.0}
    w.controls["previous"].click()
    assert "∂L/∂f = d × ∂L/∂L = 4.0000 × 1.0000 = 4.0000" in w.readout.value
    assert "#ffd23f" in w.picture.value  # the current node is highlighted
    w.controls["step"].value = 0
    w.controls["previous"].click()
    assert w.controls["step"].value == 0


def test_a_value_used_twice_sums_both_paths():
    a = Value(3.0, label="a")
    b = Value(2.0, label="b")
    g = a * b + a
    g.label = "g"
    w = BackpropStepper(g, step=4)
    assert (
        "∂g/∂a = 1 × ∂g/∂g + b × ∂g/∂n2 = 1.0000 × 1.0000 + 2.0000 × 1.0000 = 3.0000" in w.summary()
    )
    assert w.steps[-1]["grad"] == 3.0
    assert a.grad == 0.0  # the stepper leaves the student's values untouched


def test_one_step_redraws_quickly():
    w = BackpropStepper()
    w.controls["next"].click()  # warm up
    start = cpu_seconds()
    w.controls["next"].click()
    assert cpu_seconds() - start < 0.1
