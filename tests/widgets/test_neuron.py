"""The neuron explorer, driven as a student would: move sliders, read the numbers and the picture."""

from timing import cpu_seconds

from autograd_lesson.widgets import NeuronExplorer


def test_starts_at_the_lesson_neuron():
    w = NeuronExplorer()
    assert w.o.data == 0.7071067811865476
    s = w.summary()
    assert "n = 0.8814, o = 0.7071, do/dn = 0.5000" in s
    assert "do/dx1 = -1.5000" in s and "do/dw1 = 1.0000" in s and "do/dw2 = 0.0000" in s
    svg = w.picture.value
    assert svg.startswith("<svg") and "x1w1" in svg and "0.7071" in svg and "-1.5000" in svg
    assert w.plot.value[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<td>w1</td><td>-3.0000</td><td>1.0000</td>" in w.readout.value


def test_slider_reruns_forward_and_backward():
    w = NeuronExplorer()
    before = w.plot.value
    w.controls["w1"].value = -2.0  # n = -4 + 6.8814 = 2.8814: the neuron saturates
    assert abs(w.n.data - 2.8813735870195432) < 1e-12
    assert "o = 0.9937" in w.summary() and "do/dn = 0.0125" in w.summary()
    assert "do/dw1 = 0.0250" in w.summary()
    assert "0.9937" in w.picture.value and "<b>0.0125</b>" in w.readout.value
    assert w.plot.value != before
    w.controls["x2"].value = 1.0  # now w2 matters: do/dw2 = x2 * (1 - o²)
    assert w.leaves["w2"].grad == w.leaves["x2"].data * w.o.local_grads[0]


def test_static_picture_is_the_graph():
    w = NeuronExplorer()
    assert "x2w2" in w.static_picture()["image/svg+xml"]


def test_update_is_fast():
    w = NeuronExplorer()
    w.controls["b"].value = 6.0
    start = cpu_seconds()
    w.controls["b"].value = 6.5
    assert cpu_seconds() - start < 0.1
