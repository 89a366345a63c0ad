"""StepNudger (lesson 05): the buttons move the inputs along or against the gradient."""

from timing import cpu_seconds

from autograd_lesson.widgets import StepNudger


def test_one_nudge_up_reproduces_the_lesson():
    w = StepNudger()
    assert "L = -8.000000 after 0 nudge(s)" in w.summary()
    w.controls["up"].click()
    assert w.inputs == {"a": 2.06, "b": -3.04, "c": 9.98, "f": -1.96} or all(
        abs(w.inputs[k] - v) < 1e-12
        for k, v in {"a": 2.06, "b": -3.04, "c": 9.98, "f": -1.96}.items()
    )
    assert (
        "a = 2.0600, b = -3.0400, c = 9.9800, f = -1.9600; L = -7.286496 after 1 nudge(s)"
        in w.summary()
    )
    assert "+0.713504" in w.readout.value
    assert w.picture.value[:8] == b"\x89PNG\r\n\x1a\n"


def test_nudge_down_lowers_L_every_time_and_reset_restarts():
    w = StepNudger()
    for _ in range(5):
        w.controls["down"].click()
    assert [round(v, 6) for v in w.history] == [
        -8.0,
        -8.726304,
        -9.478973,
        -10.26003,
        -11.071373,
        -11.914785,
    ]
    w.controls["reset"].click()
    assert w.history == [-8.0]
    assert "after 0 nudge(s)" in w.summary()


def test_step_size_slider_changes_the_step():
    w = StepNudger()
    w.controls["step"].value = 0.02
    w.controls["down"].click()
    assert abs(w.inputs["a"] - (2.0 - 0.02 * 6.0)) < 1e-12
    assert "grad" in w.readout.value


def test_any_expression():
    w = StepNudger(lambda x, y: x * x + y, {"x": 1.0, "y": 2.0}, step=0.1, name="q")
    w.controls["up"].click()  # x += 0.1 * 2, y += 0.1 * 1
    assert "x = 1.2000, y = 2.1000; q = 3.540000 after 1 nudge(s)" in w.summary()


def test_a_nudge_redraws_quickly():
    w = StepNudger()
    w.controls["up"].click()  # warm up
    times = []
    for _ in range(3):  # CPU time, best of three
        start = cpu_seconds()
        w.controls["up"].click()
        times.append(cpu_seconds() - start)
    assert min(times) < 0.1
