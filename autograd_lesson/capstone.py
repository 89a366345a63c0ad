"""Lesson 12, the capstone: a classifier for the two moons, trained with the course's engine.

The package's versions of what the student assembles in the notebook (the cells use
them until the student's own pass their checks), and the NumPy helpers the live trainer
draws with:

    from autograd_lesson.capstone import make_model, hinge_loss, train
    X, y = make_moons(100, noise=0.1, seed=SEED)
    model = make_model()                      # MLP(2, [16, 16, 1]), ReLU, linear output
    losses = train(model, X, y, steps=100)    # learning rate 1.0 falling to 0.1

The model, the loss and the schedule are those of micrograd's demo (demo.ipynb):
MLP(2, [16, 16, 1]) with ReLU hidden layers, the max-margin ("hinge") loss
mean(relu(1 - y·score)) plus 1e-4 · Σ p², and a learning rate 1.0 - 0.9·k/steps.
"""

import numpy as np

from .engine import sum_values
from .nn import MLP

__all__ = [
    "ALPHA",
    "DATA_SEED",
    "MODEL_SEED",
    "STEPS",
    "accuracy",
    "as_rows",
    "hinge_loss",
    "layer_matrices",
    "learning_rate",
    "make_model",
    "numpy_scores",
    "scores_and_loss",
    "train",
    "train_step",
]

DATA_SEED = 1337  # make_moons(100, noise=0.1, seed=DATA_SEED): the lesson's points
MODEL_SEED = 1  # make_model(seed=MODEL_SEED): the lesson's starting weights
ALPHA = 1e-4  # the weight of the regularisation term, alpha · Σ p²
STEPS = 100  # the length of the lesson's training run


def make_model(seed=MODEL_SEED):
    """MLP(2, [16, 16, 1]): two inputs, two hidden layers of 16 ReLU neurons, one linear score."""
    return MLP(2, [16, 16, 1], activation="relu", output_activation="linear", seed=seed)


def as_rows(X, y=None):
    """NumPy data as plain Python floats: a list of [x1, x2] rows (and a list of labels).

    The engine takes NumPy numbers too; plain floats are simply quicker to multiply.
    """
    rows = np.asarray(X, dtype=float).tolist()
    return rows if y is None else (rows, np.asarray(y, dtype=float).tolist())


def hinge_loss(model, X, y, alpha=ALPHA):
    """The capstone's loss, a Value: mean(relu(1 − yᵢ·scoreᵢ)) + alpha · Σ p².

    A point adds nothing once it sits on its own side of the boundary with a margin
    (y·score ≥ 1); otherwise it pulls its score towards its label. The second term keeps
    the weights small.
    """
    rows, labels = as_rows(X, y)
    return scores_and_loss(model, rows, labels, alpha)[1]


def scores_and_loss(model, rows, labels, alpha=ALPHA):
    """`hinge_loss` on data already as plain floats, returning the scores (Values) as well."""
    scores = [model(x) for x in rows]
    margins = [(1 - yi * s).relu() for yi, s in zip(labels, scores)]
    data_loss = sum_values(margins) * (1.0 / len(margins))
    reg_loss = alpha * sum_values([p * p for p in model.parameters()])
    return scores, data_loss + reg_loss


def learning_rate(k, steps=STEPS, start=1.0):
    """The rate of step k (0, 1, ..., steps − 1): `start` at first, falling in a straight line
    to a tenth of it at step `steps`, and staying there for any step after that."""
    return start * (1.0 - 0.9 * min(k, steps) / steps)


def train_step(model, X, y, rate, loss_of=hinge_loss):
    """One step: forward (the loss), zero_grad, backward, update. Returns the loss (a float)."""
    loss = loss_of(model, X, y)
    model.zero_grad()
    loss.backward()
    for p in model.parameters():
        p.data -= rate * p.grad
    return loss.data


def train(model, X, y, steps=STEPS, loss_of=hinge_loss):
    """`steps` steps with the decaying rate; the loss before each step, as a list of floats."""
    return [train_step(model, X, y, learning_rate(k, steps), loss_of) for k in range(steps)]


def layer_matrices(model):
    """The model's current weights as NumPy arrays: [(W, b), ...], W of shape (inputs, neurons)."""
    out = []
    for layer in model.layers:
        W = np.array([[w.data for w in n.w] for n in layer.neurons]).T
        b = np.array([n.b.data for n in layer.neurons])
        out.append((W, b))
    return out


def numpy_scores(model, points):
    """The model's score for each of many points (an (m, 2) array) at once, with NumPy.

    The same arithmetic as `model(x).data` for each row, done a layer at a time as matrix
    products: what the live trainer uses to colour thousands of grid points per frame.
    """
    h = np.asarray(points, dtype=float)
    layers = layer_matrices(model)
    for i, (W, b) in enumerate(layers):
        # einsum rather than h @ W: for matrices this small, the threads of NumPy's BLAS
        # cost more than the arithmetic on a busy machine (measured: 8 ms of CPU against
        # 1.5 ms for a 60 x 60 grid)
        z = np.einsum("ni,ij->nj", h, W) + b
        activation = model.layers[i].neurons[0].activation
        h = (
            np.maximum(z, 0.0)
            if activation == "relu"
            else np.tanh(z)
            if activation == "tanh"
            else z
        )
    return h[:, 0]


def accuracy(model, X, y):
    """The fraction of points on the right side of the boundary: sign(score) equals the label."""
    scores = numpy_scores(model, X)
    return float(np.mean((scores > 0) == (np.asarray(y) > 0)))
