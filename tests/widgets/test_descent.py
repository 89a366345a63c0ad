"""The gradient descent explorer, driven as a student would."""

from timing import cpu_seconds

from autograd_lesson.widgets import GradientDescentExplorer


def test_starts_with_the_lesson_run():
    w = GradientDescentExplorer()
    assert [round(a, 6) for a, _, _ in w.path[:4]] == [6.0, 5.8, 5.64, 5.512]
    assert [round(fa, 6) for _, fa, _ in w.path[1:4]] == [3.64, 3.4096, 3.262144]
    assert "a = 5.011529, f(a) = 3.000133" in w.summary()
    assert "<b>5.011529</b>" in w.readout.value and "<td>5.800000</td>" in w.readout.value
    assert w.picture.value[:8] == b"\x89PNG\r\n\x1a\n"
    assert "image/png" in w.static_picture()


def test_learning_rate_changes_the_path():
    w = GradientDescentExplorer()
    before = w.picture.value
    w.controls["learning rate"].value = 1.0  # oscillates between 6 and 4
    assert [a for a, _, _ in w.path[:4]] == [6.0, 4.0, 6.0, 4.0]
    assert w.picture.value != before
    w.controls["learning rate"].value = 1.1  # diverges
    assert abs(w.path[-1][0] - 5) > abs(w.path[0][0] - 5) * 10
    w.controls["learning rate"].value = 0.5
    w.controls["steps"].value = 1
    assert len(w.path) == 2 and "a = 5.000000, f(a) = 3.000000" in w.summary()
    w.controls["start"].value = 0.0
    assert w.path[0][0] == 0.0 and "from a = 0" in w.summary()


def test_update_is_fast():
    w = GradientDescentExplorer()
    w.controls["learning rate"].value = 0.3
    start = cpu_seconds()
    w.controls["learning rate"].value = 0.2
    assert cpu_seconds() - start < 0.1
