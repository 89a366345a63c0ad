"""A tiny neural network built from `Value`: a neuron, a layer of neurons, a stack of layers.

Nothing here is new mathematics: a neuron is an expression, w·x + b passed
through an activation, and training it is `backward()` on a loss followed by a
small step of every parameter against its gradient.
"""

import random

from .engine import Value, weighted_sum

ACTIVATIONS = ("tanh", "relu", "linear")


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
