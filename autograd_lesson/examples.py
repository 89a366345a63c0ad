"""The course's running examples, in one place so lessons, widgets, tools and tests agree.

- lesson 01: f(x) = 3x² − 4x + 5 and its derivative f'(x) = 6x − 4;
- lessons 02 to 07: d = a·b + c, then L = (a·b + c)·f, at a = 2, b = −3, c = 10, f = −2;
- lesson 07: the backward pass that assigns (=) where it should add (+=);
- lesson 09: the tanh neuron's inputs, weights and bias (the bias puts o at 1/√2);
- lesson 11: the four samples XS a network learns, and their targets YS.
"""

from .engine import Value, topological_order

# ----- lesson 01: a function of one number -----


def f(x):
    """The lesson's function, f(x) = 3x² − 4x + 5: f(3) = 20."""
    return 3 * x**2 - 4 * x + 5


def df(x):
    """Its exact derivative, f'(x) = 6x − 4: f'(3) = 14."""
    return 6 * x - 4


# ----- lessons 02 to 07: the running example -----

INPUTS = {"a": 2.0, "b": -3.0, "c": 10.0, "f": -2.0}  # the inputs of d and L


def d_of(a, b, c):
    """Lesson 02's d = a·b + c, on numbers or Values: 4 at a = 2, b = −3, c = 10."""
    return a * b + c


def lesson_loss(a, b, c, f):
    """L = (a·b + c)·f on numbers or Values, nothing labelled: −8 at the INPUTS."""
    return (a * b + c) * f


def lesson_graph(a=INPUTS["a"], b=INPUTS["b"], c=INPUTS["c"], f=INPUTS["f"]):
    """L = (a·b + c)·f, the running example of lessons 03 to 07, every value labelled.

    With the default inputs: e = a·b = -6, d = e + c = 4, L = d·f = -8.
    """
    a, b, c, f = Value(a, label="a"), Value(b, label="b"), Value(c, label="c"), Value(f, label="f")
    e = a * b
    e.label = "e"
    d = e + c
    d.label = "d"
    L = d * f
    L.label = "L"
    return L


# ----- lesson 07: assign or accumulate? -----


def backward_along(root, visit, accumulate=True):
    """The chain rule along every edge, visiting the nodes in the order `visit`.

    Each child gets local × node.grad ADDED to its grad (accumulate=True, the right
    rule) or ASSIGNED to it (accumulate=False, the bug of lesson 07: a value used
    more than once keeps only the last path walked).
    """
    root.grad = 1.0
    for node in visit:
        for child, local in zip(node.children, node.local_grads):
            if accumulate:
                child.grad += local * node.grad
            else:
                child.grad = local * node.grad


def backward_by(root, accumulate):
    """Backward from zero grads, output first, adding or assigning along each edge.

    With accumulate=True this is the right backward pass; with False, lesson 07's bug.
    Returns the topological order (inputs first).
    """
    order = topological_order(root)
    for node in order:
        node.grad = 0.0
    backward_along(root, reversed(order), accumulate)
    return order


# ----- lesson 09: one tanh neuron, o = tanh(x1·w1 + x2·w2 + b) -----

NEURON = {"x1": 2.0, "x2": 0.0, "w1": -3.0, "w2": 1.0, "b": 6.8813735870195432}  # o = 0.7071


# ----- lesson 11: the training set -----

XS = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]  # four samples
YS = [1.0, -1.0, -1.0, 1.0]  # the target of each sample
