"""The engine as the lessons build it, one piece per exercise: the course's own answers.

This file is three things at once, so that they can never disagree:

- the worked solution of each exercise that writes a piece of the engine (`solution("06.3")`
  shows the block marked 06.3 below);
- what a notebook falls back on until your own piece passes its check;
- the starting point of your `my_engine.py` (see `autograd_lesson.mine`): each block below
  is replaced there by yours once its check passes.

It uses nothing but Python's standard library, like the file it becomes. Each block starts
with a line `# ---- KEY: NAMES ----`, where KEY is the exercise that writes it ("07.1|06.4"
when two exercises write the same piece: the one passed last wins) and NAMES are what
the block defines, and ends with `# ---- end KEY ----`. A later block may define a name
again (12.2's Neuron, Layer and MLP, with a choice of activation): the later one is used.
A block's `Value.name = name` lines attach a function to the class as a method, as the
lessons do.

The package's fast engine (`engine.py`) is the same algorithm with checks of its input
and clear error messages; its differences are listed at its top.
"""

import math
import random


class Value:
    """A number that remembers how it was computed, and its gradient."""

    def __init__(self, data, children=(), op="", label="", local_grads=()):
        self.data = float(data)
        self.grad = 0.0
        self.children = tuple(children)  # the values it was made from, in operand order
        self.op = op  # "+", "*", "tanh", ...; "" for an input
        self.label = label  # a name for pictures
        self.local_grads = tuple(local_grads)  # d(self)/d(child), one per child, in order

    def __repr__(self):
        label = f", label={self.label!r}" if self.label else ""
        return f"Value(data={self.data!r}, grad={self.grad!r}{label})"

    def __radd__(self, other):  # other + self, when other is a plain number
        return Value(other) + self

    def __rmul__(self, other):  # other * self
        return Value(other) * self


# ---- 06.1: __add__ __mul__ ----
def __add__(self, other):  # self + other
    other = other if isinstance(other, Value) else Value(other)
    return Value(self.data + other.data, (self, other), "+", local_grads=(1.0, 1.0))


def __mul__(self, other):  # self * other
    other = other if isinstance(other, Value) else Value(other)
    return Value(self.data * other.data, (self, other), "*", local_grads=(other.data, self.data))


Value.__add__ = __add__
Value.__mul__ = __mul__
# ---- end 06.1 ----


# ---- 08.1: __neg__ __sub__ __rsub__ ----
def __neg__(self):  # -self
    return Value(-self.data, (self,), "neg", local_grads=(-1.0,))


def __sub__(self, other):  # self - other
    other = other if isinstance(other, Value) else Value(other)
    return Value(self.data - other.data, (self, other), "-", local_grads=(1.0, -1.0))


def __rsub__(self, other):  # other - self, when other is a plain number
    return Value(other) - self


Value.__neg__ = __neg__
Value.__sub__ = __sub__
Value.__rsub__ = __rsub__
# ---- end 08.1 ----


# ---- 08.2: __pow__ __truediv__ __rtruediv__ ----
def __pow__(self, k):  # self ** k, for a plain number k
    return Value(self.data**k, (self,), f"**{k}", local_grads=(k * self.data ** (k - 1),))


def __truediv__(self, other):  # self / other
    other = other if isinstance(other, Value) else Value(other)
    a, b = self.data, other.data
    return Value(a / b, (self, other), "/", local_grads=(1 / b, -a / b**2))


def __rtruediv__(self, other):  # other / self, when other is a plain number
    return Value(other) / self


Value.__pow__ = __pow__
Value.__truediv__ = __truediv__
Value.__rtruediv__ = __rtruediv__
# ---- end 08.2 ----


# ---- 08.3: exp log ----
def exp(self):  # e ** self
    out = math.exp(self.data)
    return Value(out, (self,), "exp", local_grads=(out,))


def log(self):  # the natural log of self
    return Value(math.log(self.data), (self,), "log", local_grads=(1 / self.data,))


Value.exp = exp
Value.log = log
# ---- end 08.3 ----


# ---- 08.4: sigmoid ----
def sigmoid(self):  # 1 / (1 + e**(-self))
    s = 1 / (1 + math.exp(-self.data))
    return Value(s, (self,), "sigmoid", local_grads=(s * (1 - s),))


Value.sigmoid = sigmoid
# ---- end 08.4 ----


# ---- 09.1: tanh ----
def tanh(self):
    t = math.tanh(self.data)
    return Value(t, (self,), "tanh", local_grads=(1 - t**2,))


Value.tanh = tanh
# ---- end 09.1 ----


# ---- 12.1: relu ----
def relu(self):  # max(0, self); local derivative 1 where self > 0, else 0
    x = self.data
    return Value(max(0.0, x), (self,), "relu", local_grads=(1.0 if x > 0 else 0.0,))


Value.relu = relu
# ---- end 12.1 ----


# ---- 06.3: topological_order ----
def topological_order(root):
    order, done = [], set()
    stack = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if children_done:
            order.append(node)
        elif node not in done:
            done.add(node)
            stack.append((node, True))
            for child in reversed(node.children):
                if child not in done:
                    stack.append((child, False))
    return order


# ---- end 06.3 ----


# ---- 07.1|06.4: backward ----
def backward(self):
    order = topological_order(self)
    self.grad = 1.0
    for node in reversed(order):
        for child, local in zip(node.children, node.local_grads):
            child.grad += local * node.grad


Value.backward = backward
# ---- end 07.1|06.4 ----


# ---- 07.2: zero_grad ----
def zero_grad(self):
    for node in topological_order(self):
        node.grad = 0.0


Value.zero_grad = zero_grad
# ---- end 07.2 ----


# ---- 11.1: Neuron ----
class Neuron:
    """One neuron: out = tanh(w1*x1 + ... + wn*xn + b)."""

    def __init__(self, nin, rng):
        self.w = [Value(rng.uniform(-1, 1)) for _ in range(nin)]  # one weight per input
        self.b = Value(rng.uniform(-1, 1))  # then the bias

    def __call__(self, x):
        act = sum((wi * xi for wi, xi in zip(self.w, x)), self.b)  # w·x + b, as Values
        return act.tanh()

    def parameters(self):
        return self.w + [self.b]


# ---- end 11.1 ----


# ---- 11.2: Layer ----
class Layer:
    """nout neurons that all read the same nin inputs."""

    def __init__(self, nin, nout, rng):
        self.neurons = [Neuron(nin, rng) for _ in range(nout)]

    def __call__(self, x):
        outs = [n(x) for n in self.neurons]
        return outs[0] if len(outs) == 1 else outs

    def parameters(self):
        return [p for n in self.neurons for p in n.parameters()]


# ---- end 11.2 ----


# ---- 11.3: MLP ----
class MLP:
    """Layers in a row: MLP(3, [4, 4, 1]) maps 3 inputs through layers of 4, 4 and 1 neurons."""

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

    def zero_grad(self):  # given: reset every parameter's grad before backward
        for p in self.parameters():
            p.grad = 0.0


# ---- end 11.3 ----


# ---- 11.4: train_step ----
def train_step(model, xs, ys, learning_rate):
    """One step of training: returns the loss before the update."""
    loss = sum((model(x) - y) ** 2 for x, y in zip(xs, ys))  # 1. forward
    model.zero_grad()  # 2. forget the last step's grads
    loss.backward()  # 3. d loss / d every parameter
    for p in model.parameters():  # 4. step downhill
        p.data -= learning_rate * p.grad
    return loss


# ---- end 11.4 ----


# ---- 12.2: Neuron Layer MLP ----
class Neuron:
    """One neuron: out = activation(w1*x1 + ... + wn*xn + b): "tanh", "relu" or "linear"."""

    def __init__(self, nin, rng, activation="tanh"):
        self.w = [Value(rng.uniform(-1, 1)) for _ in range(nin)]
        self.b = Value(rng.uniform(-1, 1))
        self.activation = activation

    def __call__(self, x):
        act = sum((wi * xi for wi, xi in zip(self.w, x)), self.b)
        if self.activation == "tanh":
            return act.tanh()
        if self.activation == "relu":
            return act.relu()
        return act  # "linear": the sum itself

    def parameters(self):
        return self.w + [self.b]


class Layer:
    """nout neurons that all read the same nin inputs, all with the same activation."""

    def __init__(self, nin, nout, rng, activation="tanh"):
        self.neurons = [Neuron(nin, rng, activation) for _ in range(nout)]

    def __call__(self, x):
        outs = [n(x) for n in self.neurons]
        return outs[0] if len(outs) == 1 else outs

    def parameters(self):
        return [p for n in self.neurons for p in n.parameters()]


class MLP:
    """Layers in a row; the last one uses output_activation (by default the same activation)."""

    def __init__(self, nin, nouts, seed, activation="tanh", output_activation=None):
        rng = random.Random(seed)
        sizes = [nin] + nouts
        last = output_activation or activation
        self.layers = [
            Layer(sizes[i], sizes[i + 1], rng, last if i == len(nouts) - 1 else activation)
            for i in range(len(nouts))
        ]

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x

    def parameters(self):
        return [p for layer in self.layers for p in layer.parameters()]

    def zero_grad(self):
        for p in self.parameters():
            p.grad = 0.0


# ---- end 12.2 ----


# ---- 12.3: hinge_loss ----
def hinge_loss(model, X, y):
    scores = [model(x) for x in X]  # one score per point
    margins = [(1 - yi * s).relu() for yi, s in zip(y, scores)]  # 0 once y·score ≥ 1
    data_loss = sum(margins) * (1.0 / len(margins))  # the mean
    reg_loss = 1e-4 * sum(p * p for p in model.parameters())  # keeps the weights small
    return data_loss + reg_loss


# ---- end 12.3 ----


# ---- 12.4: train ----
def train(model, X, y, steps, loss_of):
    losses = []
    for k in range(steps):
        loss = loss_of(model, X, y)  # forward
        model.zero_grad()  # backward adds: forget the last step's grads
        loss.backward()  # d loss / d every parameter
        rate = 1.0 - 0.9 * k / steps  # from 1.0 down towards 0.1
        for p in model.parameters():
            p.data -= rate * p.grad  # step downhill
        losses.append(loss.data)
    return losses


# ---- end 12.4 ----
