"""Lesson 11 batteries: Neuron (11.1), Layer (11.2), MLP (11.3), the training step (11.4)
and the mean-loss rate (11.5)."""

import math
import random
import sys
import types

import numpy as np
import pytest

from autograd_lesson import Value, examples, nn
from autograd_lesson.exercises import (
    base,
    check_layer,
    check_mean_loss_rate,
    check_mlp,
    check_neuron,
    check_train_step,
    lesson11,
)
from autograd_lesson.exercises.base import Verdict


def verdict(v, ok, *words, done=True):
    assert isinstance(v, Verdict)
    assert v.ok is ok and v.done is done, repr(v)
    for word in words:
        assert word in v.message, v.message


# ----- 11.1 Neuron -----


class Neuron:
    def __init__(self, nin, rng):
        self.w = [Value(rng.uniform(-1, 1)) for _ in range(nin)]
        self.b = Value(rng.uniform(-1, 1))

    def __call__(self, x):
        return sum((wi * xi for wi, xi in zip(self.w, x)), self.b).tanh()

    def parameters(self):
        return self.w + [self.b]


class NeuronListSum(Neuron):  # the original lesson's form: sum of a list, starting at 0
    def __call__(self, x):
        return sum([wi * xi for wi, xi in zip(self.w, x)] + [self.b]).tanh()


class NoTanh(Neuron):
    def __call__(self, x):
        return sum((wi * xi for wi, xi in zip(self.w, x)), self.b)


class NoBiasInSum(Neuron):
    def __call__(self, x):
        return sum(wi * xi for wi, xi in zip(self.w, x)).tanh()


class NoBiasAtAll(Neuron):
    def parameters(self):
        return list(self.w)


class BiasFirst(Neuron):
    def parameters(self):
        return [self.b] + self.w


class BiasDrawnFirst(Neuron):
    def __init__(self, nin, rng):
        self.b = Value(rng.uniform(-1, 1))
        self.w = [Value(rng.uniform(-1, 1)) for _ in range(nin)]


class Floats(Neuron):
    def __call__(self, x):
        return math.tanh(
            sum(wi.data * getattr(xi, "data", xi) for wi, xi in zip(self.w, x)) + self.b.data
        )


class DataValue(Neuron):  # a Value rebuilt from .data: right number, no graph
    def __call__(self, x):
        return Value(
            math.tanh(
                sum(wi.data * getattr(xi, "data", xi) for wi, xi in zip(self.w, x)) + self.b.data
            )
        )


class NestedParams(Neuron):
    def parameters(self):
        return [self.w, self.b]


class NoNames:
    def __init__(self, nin, rng):
        self.weights = [Value(rng.uniform(-1, 1)) for _ in range(nin)]


class StubNeuron:
    def __init__(self, *args, **kwargs):
        raise NotImplementedError


class ThreeWeights(Neuron):  # ignores nin
    def __init__(self, nin, rng):
        super().__init__(3, rng)


class FirstThreeInputs(Neuron):
    def __call__(self, x):
        return sum((wi * xi for wi, xi in zip(self.w, x[:3])), self.b).tanh()


class TupleParams(Neuron):  # a tuple is fine: len() and loops work on it
    def parameters(self):
        return (*self.w, self.b)


class YieldParams(Neuron):
    def parameters(self):
        yield from self.w
        yield self.b


class EndlessYield(Neuron):  # i += 1 forgotten
    def parameters(self):
        i = 0
        while i < len(self.w):
            yield self.w[i]


class MapParams(Neuron):
    def parameters(self):
        return map(lambda p: p, self.w + [self.b])


class Forever(Neuron):
    def __call__(self, x):
        while True:
            pass


@pytest.mark.parametrize("cls", [Neuron, NeuronListSum, TupleParams, lesson11.Neuron])
def test_neuron_right(cls):
    verdict(check_neuron(cls), True, "4 parameters")


@pytest.mark.parametrize(
    "cls, words",
    [
        (NoTanh, ["w·x + b", ".tanh()"]),
        (NoBiasInSum, ["bias b is missing"]),
        (NoBiasAtAll, ["3 entries", "bias"]),
        (BiasFirst, ["bias first"]),
        (BiasDrawnFirst, ["starting weights differ", "weights first"]),
        (Floats, ["plain number", "backward"]),
        (DataValue, ["does not reach"]),
        (NestedParams, ["list of lists"]),
        (NoNames, ["self.w"]),
        (ThreeWeights, ["your Neuron(5, rng) has 3 weights", "range(nin)"]),
        (FirstThreeInputs, ["Neuron(5, rng) reads only the first 3 inputs"]),
        (YieldParams, ["returned a generator", "return a list", "len()"]),
        (MapParams, ["returned map", "list of Values"]),
        (lambda nin, rng: 3, ["self.w"]),
        (lambda nin, rng: 1 / 0, ["ZeroDivisionError"]),
        (3, ["expected a function"]),
    ],
)
def test_neuron_wrong(cls, words):
    verdict(check_neuron(cls), False, *words)


def test_neuron_stub_and_garbage(monkeypatch):
    verdict(check_neuron(...), False, "replace the `...`", done=False)
    verdict(check_neuron(StubNeuron), False, "NotImplementedError", done=False)
    verdict(check_neuron(None), False, "expected a function")
    monkeypatch.setattr(base, "TIME_LIMIT", 0.5)
    verdict(check_neuron(Forever), False, "did not finish within 0.5 s")


def test_neuron_endless_generator(short_limit):
    verdict(check_neuron(EndlessYield), False, "returned a generator")


# ----- 11.2 Layer -----


class Layer:
    def __init__(self, nin, nout, rng):
        self.neurons = [Neuron(nin, rng) for _ in range(nout)]

    def __call__(self, x):
        outs = [n(x) for n in self.neurons]
        return outs[0] if len(outs) == 1 else outs

    def parameters(self):
        return [p for n in self.neurons for p in n.parameters()]


class LayerNested(Layer):
    def parameters(self):
        return [n.parameters() for n in self.neurons]


class LayerOfNeurons(Layer):
    def parameters(self):
        return list(self.neurons)


class LayerFirstOnly(Layer):
    def parameters(self):
        return self.neurons[0].parameters()


class LayerAlwaysList(Layer):
    def __call__(self, x):
        return [n(x) for n in self.neurons]


class LayerOneOut(Layer):
    def __call__(self, x):
        return self.neurons[0](x)


class LayerNoNeurons:
    def __init__(self, nin, nout, rng):
        self.units = [Neuron(nin, rng) for _ in range(nout)]


class LayerOwnRng(Layer):
    def __init__(self, nin, nout, rng):
        rng = random.Random(99)
        self.neurons = [Neuron(nin, rng) for _ in range(nout)]


@pytest.mark.parametrize("cls", [Layer, lesson11.Layer])
def test_layer_right(cls):
    verdict(check_layer(cls), True, "16 parameters")


@pytest.mark.parametrize(
    "cls, words",
    [
        (LayerNested, ["list of lists"]),
        (LayerOfNeurons, ["not a Value", "each one's parameters"]),
        (LayerFirstOnly, ["4 entries", "every neuron's"]),
        (LayerAlwaysList, ["ONE neuron"]),
        (LayerOneOut, ["returned one Value"]),
        (LayerNoNeurons, ["self.neurons"]),
        (LayerOwnRng, ["starting weights differ"]),
        (lambda nin, nout, rng: None, ["self.neurons"]),
    ],
)
def test_layer_wrong(cls, words):
    verdict(check_layer(cls), False, *words)


class LayerYield(Layer):
    def parameters(self):
        for n in self.neurons:
            yield from n.parameters()


def test_layer_generator(short_limit):
    verdict(check_layer(LayerYield), False, "layer.parameters() returned a generator")


def test_layer_stub_and_garbage():
    verdict(check_layer(...), False, "replace the `...`", done=False)
    verdict(check_layer(StubNeuron), False, "NotImplementedError", done=False)
    verdict(check_layer("Layer"), False, "expected a function")


# ----- 11.3 MLP -----


class MLP:
    def __init__(self, nin, nouts, seed):
        rng = random.Random(seed)
        sizes = [nin] + nouts
        self.layers = [Layer(sizes[i], sizes[i + 1], rng) for i in range(len(nouts))]

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x

    def parameters(self):
        return [p for layer in self.layers for p in layer.parameters()]

    def zero_grad(self):
        for p in self.parameters():
            p.grad = 0.0


class MLPNested(MLP):
    def parameters(self):
        return [layer.parameters() for layer in self.layers]


class MLPMissingLast(MLP):
    def parameters(self):
        return [p for layer in self.layers[:-1] for p in layer.parameters()]


class MLPSameInputs(MLP):  # every layer reads nin inputs
    def __init__(self, nin, nouts, seed):
        rng = random.Random(seed)
        self.layers = [Layer(nin, n, rng) for n in nouts]


class MLPTwoLayers(MLP):
    def __init__(self, nin, nouts, seed):
        rng = random.Random(seed)
        sizes = [nin] + nouts
        self.layers = [Layer(sizes[i], sizes[i + 1], rng) for i in range(len(nouts) - 1)]


class MLPNotChained(MLP):
    def __call__(self, x):
        out = x
        for layer in self.layers[:-1]:
            out = layer(x)
        return self.layers[-1](out)


class MLPListOut(MLP):
    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
            x = x if isinstance(x, list) else [x]
        return x


class MLPSeedPerLayer(MLP):
    def __init__(self, nin, nouts, seed):
        sizes = [nin] + nouts
        self.layers = [
            Layer(sizes[i], sizes[i + 1], random.Random(seed)) for i in range(len(nouts))
        ]


class MLPNoZeroGrad:
    def __init__(self, nin, nouts, seed):
        self.inner = MLP(nin, nouts, seed)
        self.layers = self.inner.layers

    def __call__(self, x):
        return self.inner(x)

    def parameters(self):
        return self.inner.parameters()


class MLPFixed(MLP):  # ignores its arguments
    def __init__(self, nin, nouts, seed):
        rng = random.Random(seed)
        self.layers = [Layer(3, 4, rng), Layer(4, 4, rng), Layer(4, 1, rng)]


class MLPFixedInputs(MLP):  # one layer per entry of nouts, but the first reads 3 inputs
    def __init__(self, nin, nouts, seed):
        super().__init__(3, nouts, seed)


class MLPYield(MLP):
    def parameters(self):
        for layer in self.layers:
            yield from layer.parameters()


@pytest.mark.parametrize("cls", [MLP, nn.MLP])
def test_mlp_right(cls):
    verdict(check_mlp(cls), True, "41 parameters")


@pytest.mark.parametrize(
    "cls, words",
    [
        (MLPNested, ["list of lists"]),
        (MLPMissingLast, ["misses the last layer"]),
        (MLPSameInputs, ["the second layer has 16 parameters", "outputs of the layer before"]),
        (MLPTwoLayers, ["2 layers"]),
        (MLPNotChained, ["next layer's input"]),
        (MLPListOut, ["list of 1"]),
        (MLPSeedPerLayer, ["one rng"]),
        (MLPNoZeroGrad, ["zero_grad"]),
        (MLPFixed, ["MLP(2, [3, 1], seed=2) has 3 layers", "arguments nin and nouts"]),
        (MLPFixedInputs, ["has 16 entries", "= 13", "[nin] + nouts"]),
        (MLPYield, ["model.parameters() returned a generator"]),
    ],
)
def test_mlp_wrong(cls, words):
    verdict(check_mlp(cls), False, *words)


def test_mlp_stub_and_garbage():
    verdict(check_mlp(...), False, "replace the `...`", done=False)
    verdict(check_mlp(StubNeuron), False, "NotImplementedError", done=False)
    verdict(check_mlp(lambda nin, nouts, seed: 42), False, "self.layers")


# ----- 11.4 the training step -----


def _loss(m, xs, ys):
    return sum((m(x) - y) ** 2 for x, y in zip(xs, ys))


def good(m, xs, ys, lr):
    loss = _loss(m, xs, ys)
    m.zero_grad()
    loss.backward()
    for p in m.parameters():
        p.data -= lr * p.grad
    return loss


def zero_after(m, xs, ys, lr):  # zeroing after the update is just as right
    loss = _loss(m, xs, ys)
    loss.backward()
    for p in m.parameters():
        p.data -= lr * p.grad
    m.zero_grad()
    return loss


def returns_float(
    m, xs, ys, lr
):  # trains right, but returns loss.data: the cells below need the Value
    return good(m, xs, ys, lr).data


def returns_text(m, xs, ys, lr):
    return str(good(m, xs, ys, lr).data)


def no_zero(m, xs, ys, lr):
    loss = _loss(m, xs, ys)
    loss.backward()
    for p in m.parameters():
        p.data -= lr * p.grad
    return loss


def wrong_sign(m, xs, ys, lr):
    loss = _loss(m, xs, ys)
    m.zero_grad()
    loss.backward()
    for p in m.parameters():
        p.data += lr * p.grad
    return loss


def wrong_sign_no_zero(m, xs, ys, lr):
    loss = _loss(m, xs, ys)
    loss.backward()
    for p in m.parameters():
        p.data += lr * p.grad
    return loss


def no_backward(m, xs, ys, lr):
    loss = _loss(m, xs, ys)
    m.zero_grad()
    for p in m.parameters():
        p.data -= lr * p.grad
    return loss


def no_update(m, xs, ys, lr):
    loss = _loss(m, xs, ys)
    m.zero_grad()
    loss.backward()
    return loss


def averaged(m, xs, ys, lr):
    loss = _loss(m, xs, ys) / len(xs)
    m.zero_grad()
    loss.backward()
    for p in m.parameters():
        p.data -= lr * p.grad
    return loss


def half_rate(m, xs, ys, lr):
    return good(m, xs, ys, lr / 2)


def fixed_rate(m, xs, ys, lr):
    return good(m, xs, ys, 0.1)


def no_return(m, xs, ys, lr):
    good(m, xs, ys, lr)


def returns_after(m, xs, ys, lr):
    good(m, xs, ys, lr)
    return _loss(m, xs, ys)


def nan_step(m, xs, ys, lr):
    loss = _loss(m, xs, ys)
    m.zero_grad()
    loss.backward()
    for p in m.parameters():
        p.data -= lr * p.grad / 0.0 if p.grad == 0 else lr * p.grad * float("inf")
    return loss


def forever(m, xs, ys, lr):
    while True:
        pass


def stub(m, xs, ys, lr):
    raise NotImplementedError


GLOBAL_MODEL = nn.MLP(3, [4, 4, 1], seed=1)


def global_model_step(model, xs, ys, lr):  # the classic: updates the notebook's model
    return good(GLOBAL_MODEL, xs, ys, lr)


xs = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]  # the notebook's
ys = [1.0, -1.0, -1.0, 1.0]


def global_data_step(model, data, targets, lr):  # trains on the notebook's xs, ys
    return good(model, xs, ys, lr)


def global_targets_step(model, data, targets, lr):
    return good(model, data, ys, lr)


def changes_data(m, xs, ys, lr):
    loss = good(m, xs, ys, lr)
    xs[0][0] = 5.0
    return loss


class LoopingParameters:  # leftovers in the notebook, not models
    def parameters(self):
        while True:
            pass

    def zero_grad(self):
        pass


class ExitingParameters(LoopingParameters):
    def parameters(self):
        sys.exit()


def in_notebook(step, **leftovers):
    """`step` as if written in a notebook whose globals also hold `leftovers`."""
    return types.FunctionType(step.__code__, {**globals(), **leftovers})


@pytest.mark.parametrize("func", [good, zero_after, lesson11.reference_train_step])
def test_train_step_right(func):
    verdict(check_train_step(func), True, "loss fell from 6.2443 to 1.5807")


@pytest.mark.parametrize(
    "func, words",
    [
        (no_zero, ["forgot zero_grad()"]),
        (wrong_sign, ["UP the gradient"]),
        (wrong_sign_no_zero, ["two problems"]),
        (no_backward, ["backward() was never called"]),
        (no_update, ["no parameter changed"]),
        (averaged, ["averaged the loss"]),
        (half_rate, ["the loss fell", "differ from the reference"]),
        (fixed_rate, ["learning_rate = 0.05", "argument learning_rate"]),
        (no_return, ["returns None"]),
        (returns_after, ["not the loss 6.244272"]),
        (returns_float, ["returns the number 6.244272", "not the loss Value", "not `loss.data`"]),
        (returns_text, ["returns str", "not the loss Value"]),
        (nan_step, ["parameter", "NaN or inf", "division by zero"]),
        (global_model_step, ["changed the notebook's `GLOBAL_MODEL`", "argument `model`"]),
        (global_data_step, ["used the notebook's xs/ys instead of the data it was given"]),
        (global_targets_step, ["on other data", "the xs and ys it is given"]),
        (changes_data, ["changed the data it was given"]),
        (lambda m: None, ["raised TypeError"]),
        (lambda m, xs, ys, lr: 1 / 0, ["raised ZeroDivisionError"]),
        (3, ["expected a function"]),
        (None, ["expected a function"]),
    ],
)
def test_train_step_wrong(func, words):
    verdict(check_train_step(func), False, *words)


def test_train_step_never_touches_the_lessons_data():
    before = [list(x) for x in examples.XS], list(examples.YS)
    verdict(check_train_step(changes_data), False, "changed the data")
    assert ([list(x) for x in examples.XS], list(examples.YS)) == before


def test_train_step_ignores_leftovers_that_hang_or_exit(short_limit):
    leftovers = dict(loops=LoopingParameters(), exits=ExitingParameters())
    verdict(check_train_step(in_notebook(good, **leftovers)), True, "loss fell")
    step = in_notebook(global_model_step, **leftovers)
    verdict(check_train_step(step), False, "changed the notebook's `GLOBAL_MODEL`")


def test_train_step_stub_and_time_limit(monkeypatch):
    verdict(check_train_step(...), False, "replace the `...`", done=False)
    verdict(check_train_step(stub), False, "NotImplementedError", done=False)
    monkeypatch.setattr(base, "TIME_LIMIT", 0.5)
    verdict(check_train_step(forever), False, "did not finish within 0.5 s")


# ----- 11.5 the mean-loss rate -----


@pytest.mark.parametrize(
    "answer", [0.4, 4 * 0.1, np.float64(0.4), np.float32(0.4), Value(0.4), np.array([0.4])]
)
def test_mean_rate_right(answer):
    verdict(check_mean_loss_rate(answer), True, "a quarter of the sum's")


@pytest.mark.parametrize(
    "answer, words",
    [
        (0.025, ["16 times smaller"]),
        (0.1, ["4 times smaller"]),
        (1.6, ["not 16"]),
        (4, ["the factor, not the rate"]),
        (0.25, ["the rate must undo it"]),
        (0.3, ["smaller than the sum's"]),
        (0.5, ["larger than the sum's"]),
        ("0.4", ["is text"]),
        (True, ["yes/no"]),
        (np.bool_(True), ["yes/no"]),
        (0.4 + 0j, ["complex"]),
        (None, ["None"]),
        (10**400, ["too large"]),
        (np.array([0.4, 0.1]), ["array of 2"]),
        (float("nan"), ["not a finite number"]),
        (object(), ["expected the learning rate"]),
    ],
)
def test_mean_rate_wrong(answer, words):
    verdict(check_mean_loss_rate(answer), False, *words)


def test_mean_rate_stub():
    verdict(check_mean_loss_rate(...), False, "replace the `...`", done=False)
