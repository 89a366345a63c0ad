"""The course's running examples (autograd_lesson/examples.py), pinned to the lessons' numbers.

Everything else imports these, so this file writes the numbers out itself.
"""

import math

from helpers import values_by_label

from autograd_lesson import Value
from autograd_lesson.examples import (
    INPUTS,
    NEURON,
    XS,
    YS,
    backward_along,
    backward_by,
    d_of,
    df,
    f,
    lesson_graph,
    lesson_loss,
)


def test_lesson01_f_and_its_derivative():
    assert f(3) == 20 and f(0) == 5 and f(-1) == 12
    assert df(3) == 14 and df(2 / 3) == 0


def test_the_running_example_at_its_inputs():
    assert INPUTS == {"a": 2.0, "b": -3.0, "c": 10.0, "f": -2.0}
    assert d_of(2.0, -3.0, 10.0) == 4.0
    assert lesson_loss(**INPUTS) == -8.0
    assert lesson_loss(Value(2.0), Value(-3.0), Value(10.0), Value(-2.0)).data == -8.0


def test_lesson_graph_labels_every_value():
    L = lesson_graph()
    L.backward()
    v = values_by_label(L)
    assert {k: x.data for k, x in v.items()} == {
        "a": 2.0,
        "b": -3.0,
        "c": 10.0,
        "f": -2.0,
        "e": -6.0,
        "d": 4.0,
        "L": -8.0,
    }
    assert {k: v[k].grad for k in "abcf"} == {"a": 6.0, "b": -4.0, "c": -2.0, "f": 4.0}
    assert lesson_graph(c=5.0, f=3.0).data == -3.0


def test_the_lesson09_neuron_sits_where_tanh_gives_one_over_root_two():
    assert NEURON == {"x1": 2.0, "x2": 0.0, "w1": -3.0, "w2": 1.0, "b": 6.8813735870195432}
    n = NEURON["x1"] * NEURON["w1"] + NEURON["x2"] * NEURON["w2"] + NEURON["b"]
    assert abs(math.tanh(n) - 2**-0.5) < 1e-15


def test_the_training_set():
    assert XS == [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]
    assert YS == [1.0, -1.0, -1.0, 1.0]


def test_assigning_loses_a_path_that_accumulating_keeps():
    a = Value(3.0)
    b = a + a
    backward_by(b, accumulate=True)
    assert a.grad == 2.0
    backward_by(b, accumulate=False)  # starts from zero grads again
    assert a.grad == 1.0
    L = lesson_graph()  # no value used twice: both rules agree
    order = backward_by(L, accumulate=False)
    assert [n.grad for n in order] == [6.0, -4.0, -2.0, -2.0, -2.0, 4.0, 1.0]
    assert order[-1] is L


def test_backward_along_visits_in_the_order_given():
    a = Value(2.0)
    b = a * a  # b = a², db/da = 2a = 4
    c = b + a  # dc/da = 4 + 1 = 5
    backward_along(c, [c, b])
    assert a.grad == 5.0
    a.grad = b.grad = 0.0
    backward_along(c, [b, c])  # inputs first: b passes on its grad before c has sent it
    assert b.grad == 1.0 and a.grad == 1.0
