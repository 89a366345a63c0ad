"""The worked examples of lessons 02 to 11 (SYLLABUS.md), reproduced by the package exactly."""

import math

import pytest

from autograd_lesson import Value, draw_dot, sum_values, trace
from autograd_lesson.nn import MLP

# ----- 02 partial derivatives and nudging -----


def d_of(a, b, c):
    return a * b + c


def test_02_d_and_numeric_partials():
    a, b, c, h = 2.0, -3.0, 10.0, 0.001
    d = d_of(a, b, c)
    assert d == 4.0
    da = (d_of(a + h, b, c) - d) / h
    db = (d_of(a, b + h, c) - d) / h
    dc = (d_of(a, b, c + h) - d) / h
    assert (round(da, 10), round(db, 10), round(dc, 10)) == (-3.0, 2.0, 1.0)


def test_02_nudging_with_floats():
    a, b, c = 2.0, -3.0, 10.0
    grads = (b, a, 1.0)  # analytic partials
    up = [x + 0.01 * g for x, g in zip((a, b, c), grads)]
    down = [x - 0.01 * g for x, g in zip((a, b, c), grads)]
    assert [round(x, 10) for x in up] == [1.97, -2.98, 10.01]
    assert round(d_of(*up), 4) == 4.1394
    assert round(d_of(*down), 4) == 3.8594


def test_02_nudging_with_values():
    a, b, c = Value(2.0, label="a"), Value(-3.0, label="b"), Value(10.0, label="c")
    d = a * b + c
    d.backward()
    assert (a.grad, b.grad, c.grad) == (-3.0, 2.0, 1.0)
    up = d_of(*(Value(v.data + 0.01 * v.grad) for v in (a, b, c)))
    down = d_of(*(Value(v.data - 0.01 * v.grad) for v in (a, b, c)))
    assert round(up.data, 4) == 4.1394
    assert round(down.data, 4) == 3.8594


# ----- 03 to 06: L = (a*b + c) * f -----


def build_L(a=2.0, b=-3.0, c=10.0, f=-2.0):
    a, b, c, f = Value(a, label="a"), Value(b, label="b"), Value(c, label="c"), Value(f, label="f")
    e = a * b
    e.label = "e"
    d = e + c
    d.label = "d"
    L = d * f
    L.label = "L"
    return L, dict(a=a, b=b, c=c, d=d, e=e, f=f, L=L)


def test_03_forward_values_and_graph():
    L, v = build_L()
    assert (v["e"].data, v["d"].data, L.data) == (-6.0, 4.0, -8.0)
    assert L.children == (v["d"], v["f"]) and v["d"].children == (v["e"], v["c"])
    nodes, edges = trace(L)
    assert [n.label for n in nodes] == ["a", "b", "e", "c", "d", "f", "L"]
    assert len(edges) == 6
    src = draw_dot(L).source
    assert "rankdir=LR" in src and "L | data -8.0000 | grad 0.0000" in src


def test_04_06_backward_matches_the_hand_computed_grads():
    L, v = build_L()
    L.backward()
    grads = {k: x.grad for k, x in v.items()}
    assert grads == {"L": 1.0, "d": -2.0, "f": 4.0, "c": -2.0, "e": -2.0, "a": 6.0, "b": -4.0}


def test_04_each_hand_grad_checked_by_nudging():
    h = 1e-6
    base = build_L()[0].data
    for name, expected in {"a": 6.0, "b": -4.0, "c": -2.0, "f": 4.0}.items():
        args = dict(a=2.0, b=-3.0, c=10.0, f=-2.0)
        args[name] += h
        slope = (build_L(**args)[0].data - base) / h
        assert slope == pytest.approx(expected, abs=1e-5), name


def test_05_one_step_of_optimisation():
    L, v = build_L()
    L.backward()
    for k in "abcf":
        v[k].data += 0.01 * v[k].grad
    assert [round(v[k].data, 10) for k in "abcf"] == [2.06, -3.04, 9.98, -1.96]
    L2, _ = build_L(*(v[k].data for k in "abcf"))
    assert round(L2.data, 6) == -7.286496
    # the opposite direction decreases L
    L3, _ = build_L(2.0 - 0.06, -3.0 + 0.04, 10.0 + 0.02, -2.0 - 0.04)
    assert L3.data < -8.0 < L2.data


# ----- 07 gradient accumulation -----


def test_07_a_plus_a():
    a = Value(3.0, label="a")
    b = a + a
    b.backward()
    assert b.data == 6.0 and a.grad == 2.0


def test_07_second_example():
    a, b = Value(-2.0, label="a"), Value(3.0, label="b")
    d, e = a * b, a + b
    f = d * e
    assert (d.data, e.data, f.data) == (-6.0, 1.0, -6.0)
    f.backward()
    assert (a.grad, b.grad) == (-3.0, -8.0)
    f.backward()  # without zero_grad every node adds again: three times the answer (lesson 07)
    assert (a.grad, b.grad) == (-9.0, -24.0)
    f.zero_grad()
    assert (a.grad, b.grad, d.grad, e.grad, f.grad) == (0.0,) * 5
    f.backward()
    assert (a.grad, b.grad) == (-3.0, -8.0)


# ----- 08 more operations -----


def test_08_constants_on_either_side():
    cases = [  # (expression, value, grad) at a = 2
        (lambda a: a + 1, 3.0, 1.0),
        (lambda a: 1 + a, 3.0, 1.0),
        (lambda a: 2 * a, 4.0, 2.0),
        (lambda a: a * 2, 4.0, 2.0),
        (lambda a: 1 - a, -1.0, -1.0),
        (lambda a: a - 1, 1.0, 1.0),
        (lambda a: 2 / a, 1.0, -0.5),
        (lambda a: a / 4, 0.5, 0.25),
        (lambda a: -a, -2.0, -1.0),
        (lambda a: a**2, 4.0, 4.0),
        (lambda a: a**-1, 0.5, -0.25),
        (lambda a: a**0.5, math.sqrt(2.0), 0.5 / math.sqrt(2.0)),
        (lambda a: a.exp(), math.exp(2.0), math.exp(2.0)),
        (lambda a: a.log(), math.log(2.0), 0.5),
    ]
    for f, value, grad in cases:
        a = Value(2.0, label="a")
        out = f(a)
        out.backward()
        assert out.data == pytest.approx(value, rel=1e-15), f
        assert a.grad == pytest.approx(grad, rel=1e-15), f


def test_08_subtraction_and_division_of_values():
    a, b = Value(5.0), Value(2.0)
    s, q = a - b, a / b
    assert (s.data, q.data) == (3.0, 2.5)
    (s + q).backward()
    assert a.grad == 1.0 + 0.5
    assert b.grad == -1.0 - 5.0 / 4.0
    # division as a * b**-1 gives the same numbers
    a2, b2 = Value(5.0), Value(2.0)
    (a2 * b2**-1).backward()
    assert (a2.grad, b2.grad) == (0.5, -1.25)


# ----- 09 a tanh neuron -----


def neuron(bias=6.8813735870195432, tanh_from_exp=False):
    x1, x2 = Value(2.0, label="x1"), Value(0.0, label="x2")
    w1, w2 = Value(-3.0, label="w1"), Value(1.0, label="w2")
    b = Value(bias, label="b")
    x1w1, x2w2 = x1 * w1, x2 * w2
    n = x1w1 + x2w2 + b
    if tanh_from_exp:
        e = (2 * n).exp()
        o = (e - 1) / (e + 1)
    else:
        o = n.tanh()
    return o, dict(x1=x1, x2=x2, w1=w1, w2=w2, b=b, n=n, x1w1=x1w1, x2w2=x2w2, o=o)


EXPECTED_09 = {
    "o": 1.0,
    "n": 0.5,
    "b": 0.5,
    "x1w1": 0.5,
    "x2w2": 0.5,
    "x1": -1.5,
    "w1": 1.0,
    "x2": 0.5,
    "w2": 0.0,
}


def test_09_neuron_output_is_exactly_one_over_root_two():
    o, v = neuron()
    assert v["n"].data == 0.8813735870195432
    assert o.data == 0.7071067811865476
    assert o.data == pytest.approx(1 / math.sqrt(2), rel=2e-16)


def test_09_neuron_grads():
    o, v = neuron()
    o.backward()
    assert {k: round(v[k].grad, 12) for k in EXPECTED_09} == EXPECTED_09


def test_09_tanh_built_from_exp_gives_the_same_grads():
    o, v = neuron(tanh_from_exp=True)
    o.backward()
    assert round(o.data, 15) == round(0.7071067811865476, 15)
    assert {k: round(v[k].grad, 12) for k in EXPECTED_09 if k != "o"} == {
        k: g for k, g in EXPECTED_09.items() if k != "o"
    }


def test_09_the_typo_bias_does_not_land_on_one_over_root_two():
    o, _ = neuron(bias=6.881375870195432)
    assert round(o.data, 6) == 0.707108  # 0.70710792..., not 0.70710678...
    assert abs(o.data - 1 / math.sqrt(2)) > 1e-6


# ----- 10 gradient descent -----


def descend(a, lr, steps):
    path = []
    for _ in range(steps):
        x = Value(a)
        f = x**2 - 10 * x + 28
        f.backward()
        a = a - lr * x.grad
        path.append((a, (Value(a) ** 2 - 10 * Value(a) + 28).data))
    return path


def test_10_gradient_descent_path():
    path = descend(6.0, 0.1, 20)
    assert [(round(a, 6), round(f, 6)) for a, f in path[:3]] == [
        (5.8, 3.64),
        (5.64, 3.4096),
        (5.512, 3.262144),
    ]
    assert (round(path[-1][0], 6), round(path[-1][1], 6)) == (5.011529, 3.000133)


def test_10_derivative_from_backward_matches_the_formula():
    for a in (6.0, 5.0, -1.5, 10.25):
        x = Value(a)
        (x**2 - 10 * x + 28).backward()
        assert x.grad == 2 * a - 10


def test_10_learning_rates():
    assert descend(6.0, 1.0, 4)[-1][0] == 6.0  # eta = 1 oscillates: 4, 6, 4, 6
    assert [a for a, _ in descend(6.0, 1.0, 2)] == [4.0, 6.0]
    diverging = descend(6.0, 1.1, 10)
    assert abs(diverging[-1][0] - 5) > abs(diverging[0][0] - 5) > 1.0


# ----- 11 a tiny neural network -----

XS = [[2, 3, -1], [3, -1, 0.5], [0.5, 1, 1], [1, 1, -1]]
YS = [1, -1, -1, 1]


def train(lr=0.1, steps=40, seed=0):
    model = MLP(3, [4, 4, 1], seed=seed)
    losses = []
    for _ in range(steps):
        loss = sum_values([(model(x) - y) ** 2 for x, y in zip(XS, YS)])
        losses.append(loss.data)
        model.zero_grad()
        loss.backward()
        for p in model.parameters():
            p.data -= lr * p.grad
    return model, losses


def test_11_training_drives_the_loss_below_001_reproducibly():
    model, losses = train()
    assert losses[0] > 1.0
    assert losses[-1] < 0.01
    assert min(losses) == losses[-1]
    _, again = train()
    assert again == losses  # bit-identical loss curve
    preds = [model(x).data for x in XS]
    assert all(abs(p - y) < 0.1 for p, y in zip(preds, YS))
