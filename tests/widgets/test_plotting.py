"""The widgets' plotting helper, the stepper's pictures and the skipping of queued moves."""

import asyncio

from autograd_lesson import Value
from autograd_lesson.examples import lesson_graph
from autograd_lesson.graph import draw_dot
from autograd_lesson.widgets import BackpropStepper, Nudger, StepNudger
from autograd_lesson.widgets.live import LiveGraph
from autograd_lesson.widgets.plotting import HistoryPlot, nice_steps, tick_label


def test_a_move_that_changes_no_picture_sends_the_same_bytes():
    w = StepNudger()
    before = w.picture.value
    w.controls["step"].value = 0.05  # the step size: only used by the next nudge
    assert w.picture.value == before  # equal: ipywidgets sends nothing


def test_history_ticks_are_round_numbers_around_the_data():
    plot = HistoryPlot((6, 3), "d", min_step=0.05)
    for history in ([4.0], [4.0, 4.14, 4.28], [-8.0, -12.8], [0.0, 1e7]):
        step, base = plot._scale(history)
        assert base <= min(history) and base + plot.ROWS * step >= max(history)
        assert abs(base / step - round(base / step)) < 1e-9
    assert plot.show([4.0, 4.1])[:8] == b"\x89PNG\r\n\x1a\n"
    assert tick_label(-0.0, 2) == "0.00" and tick_label(-1.5, 1) == "\u22121.5"
    assert next(nice_steps(0.3)) == 0.5


def test_draw_dot_shows_given_grads_and_leaves_the_values_alone():
    L = lesson_graph()
    L.backward()
    a = next(n for n in L.children[0].children[0].children if n.label == "a")
    source = draw_dot(L, grads={a: 123.0}).source
    assert "grad 123.0000" in source and a.grad == 6.0
    assert "grad 123.0000" in LiveGraph(L).svg(grads={a: 123.0}) and a.grad == 6.0


def test_the_stepper_never_writes_the_students_grads():
    L = lesson_graph()
    L.backward()
    grads = [n.grad for n in BackpropStepper(L).order]
    w = BackpropStepper(L)
    for step in range(len(w.order) + 1):
        w.controls["step"].value = step
        assert w.picture.value.count('fill="#ffd23f"') == (1 if step else 0)
    assert [n.grad for n in w.order] == grads


def test_moves_queued_while_drawing_are_skipped_and_the_last_is_drawn():
    w = Nudger()
    calls = []
    draw = w.update
    w.update = lambda: (calls.append(1), draw())

    async def burst():
        for i in range(20):
            w.controls["a"].value = 1.0 + i / 100
            await asyncio.sleep(0)
        await asyncio.sleep(0.05)

    asyncio.run(burst())
    assert len(calls) < 20 and w.inputs()[0] == 1.19 and "a = 1.1900" in w.readout.value


def test_a_value_is_hashable_by_identity():  # what `grads={value: number}` relies on
    a, b = Value(1.0), Value(1.0)
    assert len({a: 1, b: 2}) == 2
