"""Neuron, Layer and MLP: sizes, seeded initialisation, activations, zero_grad, errors."""

import math
import random

import pytest

from autograd_lesson import Value
from autograd_lesson.nn import MLP, Layer, Neuron


@pytest.mark.parametrize(
    "nin, nouts, count",
    [(3, [4, 4, 1], 41), (2, [1], 3), (1, [1, 1], 4), (5, [3], 18), (3, [2, 2], 14)],
)
def test_parameter_counts(nin, nouts, count):
    assert len(MLP(nin, nouts).parameters()) == count
    params = MLP(nin, nouts).parameters()
    assert len(set(map(id, params))) == count  # no parameter listed twice
    assert all(type(p) is Value and -1.0 <= p.data <= 1.0 for p in params)


def test_neuron_and_layer_parameter_counts():
    assert len(Neuron(3).parameters()) == 4
    assert len(Layer(3, 4).parameters()) == 16


def weights(model):
    return [p.data for p in model.parameters()]


def test_same_seed_same_weights_different_seed_different_weights():
    assert weights(MLP(3, [4, 4, 1], seed=0)) == weights(MLP(3, [4, 4, 1], seed=0))
    assert weights(MLP(3, [4, 4, 1])) == weights(MLP(3, [4, 4, 1], seed=0))
    assert weights(MLP(3, [4, 4, 1], seed=1)) == weights(MLP(3, [4, 4, 1], seed=1))
    assert weights(MLP(3, [4, 4, 1], seed=0)) != weights(MLP(3, [4, 4, 1], seed=1))
    a, b = weights(MLP(3, [4, 4, 1], seed=0)), weights(MLP(3, [4, 4, 1], seed=1))
    assert sum(x == y for x, y in zip(a, b)) == 0


def test_seeded_weights_are_what_random_random_draws():
    rng = random.Random(7)
    expected = [rng.uniform(-1, 1) for _ in range(3 * 2 + 2)]  # w1, w2, w3, b for each neuron
    assert weights(MLP(3, [2], seed=7)) == expected


def test_initialisation_does_not_touch_the_global_random_state():
    random.seed(123)
    before = random.random()
    random.seed(123)
    MLP(3, [4, 4, 1], seed=5)
    assert random.random() == before


def test_neurons_of_a_layer_differ():
    layer = Layer(3, 4, rng=random.Random(0))
    ws = [tuple(p.data for p in n.parameters()) for n in layer.neurons]
    assert len(set(ws)) == 4


def test_zero_grad_resets_every_parameter():
    model = MLP(3, [4, 4, 1])
    out = model([2.0, 3.0, -1.0])
    out.backward()
    assert sum(p.grad != 0.0 for p in model.parameters()) > 30
    model.zero_grad()
    assert all(p.grad == 0.0 for p in model.parameters())


def manual_neuron(n, x):
    return sum(w.data * xi for w, xi in zip(n.w, x)) + n.b.data


@pytest.mark.parametrize(
    "activation, fn",
    [("tanh", math.tanh), ("relu", lambda s: max(0.0, s)), ("linear", lambda s: s)],
)
def test_activations(activation, fn):
    rng = random.Random(3)
    n = Neuron(3, activation, rng)
    for x in ([2.0, 3.0, -1.0], [-2.0, -3.0, 1.0], [0.5, 1.0, 1.0]):
        out = n(x)
        assert out.data == pytest.approx(fn(manual_neuron(n, x)), rel=1e-15, abs=1e-15)
        assert out.op == {"tanh": "tanh", "relu": "relu", "linear": "wx+b"}[activation]


def test_unknown_activation_is_refused():
    with pytest.raises(ValueError, match="activation must be one of"):
        Neuron(3, "sigmoid")
    with pytest.raises(ValueError, match="sigmoid"):
        MLP(3, [4, 1], activation="sigmoid")


def test_output_activation():
    model = MLP(3, [4, 1], activation="relu", output_activation="linear")
    assert [n.activation for layer in model.layers for n in layer.neurons] == ["relu"] * 4 + [
        "linear"
    ]
    assert model([1.0, 2.0, 3.0]).op == "wx+b"
    assert MLP(3, [4, 1]).layers[-1].neurons[0].activation == "tanh"


def test_mlp_outputs():
    model = MLP(3, [4, 2])
    out = model([1.0, -1.0, 0.5])
    assert isinstance(out, list) and len(out) == 2 and all(type(o) is Value for o in out)
    single = MLP(3, [4, 1])([1.0, -1.0, 0.5])
    assert type(single) is Value and -1.0 < single.data < 1.0


def test_inputs_may_be_values():
    model = MLP(2, [3, 1])
    xs = [Value(0.5), Value(-1.5)]
    model(xs).backward()
    assert all(x.grad != 0.0 for x in xs)


@pytest.mark.parametrize("x", [[1.0, 2.0], [1.0, 2.0, 3.0, 4.0], []])
def test_wrong_input_size_is_refused(x):
    with pytest.raises(ValueError, match=f"this neuron takes 3 inputs, got {len(x)}"):
        MLP(3, [4, 1])(x)


def test_wrong_input_type_is_refused():
    with pytest.raises(TypeError, match="expected a number"):
        MLP(3, [4, 1])(["a", 2.0, 3.0])
