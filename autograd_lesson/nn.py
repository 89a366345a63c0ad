"""A tiny neural network built from `Value`: a neuron, a layer of neurons, a stack of layers.

Nothing here is new mathematics: a neuron is an expression, w·x + b passed
through an activation, and training it is `backward()` on a loss followed by a
small step of every parameter against its gradient. The one thing that is not
plain `Value` arithmetic is `weighted_sum`: w·x + b built as a single node, with
its local derivatives written down as engine.py's operations write theirs.
"""

import random

from ._errors import as_number
from .engine import Value, _result  # _result: how an operation makes its output node

ACTIVATIONS = ("tanh", "relu", "linear")


def weighted_sum(weights, inputs, bias):
    """w1*x1 + ... + wn*xn + b as a single node: the heart of a neuron.

    Mathematically it is `sum_values([w * x for w, x in zip(weights, inputs)] + [bias])`;
    as one node it builds a neuron's graph with a fraction of the objects, which is
    how real libraries treat a layer's matrix product. Its local derivatives:
    d/dwi = xi, d/dxi = wi (when xi is a Value), d/db = 1. Plain-number inputs
    (the data) are constants, so only the weight gets an edge.
    """
    if len(weights) != len(inputs):
        raise ValueError(
            f"weighted_sum: {len(weights)} weights but {len(inputs)} inputs; "
            "a neuron needs one weight per input."
        )
    if not isinstance(bias, Value) or not all(isinstance(w, Value) for w in weights):
        raise TypeError("weighted_sum: the weights and the bias must be Values (the parameters).")
    total = bias.data
    children = []
    local_grads = []
    for w, x in zip(weights, inputs):
        if isinstance(x, Value):
            total += w.data * x.data
            children += (w, x)
            local_grads += (x.data, w.data)
        else:
            x = as_number(x, "weighted_sum")
            total += w.data * x
            children.append(w)
            local_grads.append(x)
    children.append(bias)
    local_grads.append(1.0)
    return _result(total, tuple(children), "wx+b", tuple(local_grads))


class Module:
    """Something with parameters: it can list them and reset their gradients."""

    def parameters(self):
        return []

    def zero_grad(self):
        """Set every parameter's grad to 0.0 before the next backward pass."""
        for p in self.parameters():
            p.grad = 0.0


class Neuron(Module):
    """out = activation(w1*x1 + ... + wn*xn + b), with weights drawn uniformly from [-1, 1]."""

    def __init__(self, nin, activation="tanh", rng=None):
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {ACTIVATIONS}, got {activation!r}")
        rng = rng if rng is not None else random.Random(0)
        self.w = [Value(rng.uniform(-1, 1)) for _ in range(nin)]
        self.b = Value(rng.uniform(-1, 1))
        self.activation = activation

    def __call__(self, x):
        if len(x) != len(self.w):
            raise ValueError(f"this neuron takes {len(self.w)} inputs, got {len(x)}")
        act = weighted_sum(self.w, x, self.b)  # w1*x1 + ... + wn*xn + b, one node
        if self.activation == "tanh":
            return act.tanh()
        if self.activation == "relu":
            return act.relu()
        return act

    def parameters(self):
        return self.w + [self.b]

    def __repr__(self):
        return f"Neuron({len(self.w)}, activation={self.activation!r})"


class Layer(Module):
    """`nout` neurons that all read the same inputs."""

    def __init__(self, nin, nout, activation="tanh", rng=None):
        rng = rng if rng is not None else random.Random(0)
        self.neurons = [Neuron(nin, activation, rng) for _ in range(nout)]

    def __call__(self, x):
        outs = [n(x) for n in self.neurons]
        return outs[0] if len(outs) == 1 else outs

    def parameters(self):
        return [p for n in self.neurons for p in n.parameters()]

    def __repr__(self):
        return f"Layer of [{', '.join(map(repr, self.neurons))}]"


class MLP(Module):
    """A multi-layer perceptron: MLP(3, [4, 4, 1]) maps 3 inputs through layers of 4, 4 and 1.

    `seed` makes the initial weights the same on every run. `output_activation`
    (default: the same as `activation`) is used by the last layer.
    """

    def __init__(self, nin, nouts, activation="tanh", output_activation=None, seed=0):
        rng = random.Random(seed)
        sizes = [nin] + list(nouts)
        last = len(nouts) - 1
        self.layers = [
            Layer(
                sizes[i],
                sizes[i + 1],
                output_activation or activation if i == last else activation,
                rng,
            )
            for i in range(len(nouts))
        ]

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
            x = x if isinstance(x, list) else [x]
        return x[0] if len(x) == 1 else x

    def parameters(self):
        return [p for layer in self.layers for p in layer.parameters()]

    def __repr__(self):
        return f"MLP of [{', '.join(map(repr, self.layers))}]"
