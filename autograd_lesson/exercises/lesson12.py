"""Lesson 12 checks: relu (12.1), the capstone's network (12.2), its loss (12.3) and its
training loop (12.4).

12.1 runs your `relu` at points on both sides of 0 and through a small graph. 12.2 builds
lesson 11's network and the capstone's (ReLU layers, a linear output) with your classes,
gives them the package's weights and compares outputs and gradients.
12.3 calls your `hinge_loss(model, X, y)` on fresh networks and compares the value and
every parameter's gradient with the reference, then with the classic slips (no
regularisation, a sum instead of the mean, the margin's sign, the relu left out, the
squared error, the penalty without its 1e-4 or on |p| or p): whichever matches names it.
12.4 runs your `train(model, X, y, steps, loss_of)` for a few steps on a fresh network and
replays the reference loop and its broken versions (no decay, the rate one step late,
a rate that grows, no zero_grad, the wrong sign).
"""

import inspect
import math
import random

import numpy as np

from .. import capstone, nn
from ..datasets import make_moons
from ..engine import Value as PackageValue
from ..mine import reference_code
from . import base
from .base import Stop, Verdict, add_solution, check, describe, number, run

__all__ = [
    "check_activations",
    "check_hinge_loss",
    "check_relu",
    "check_train",
]  # the checks a notebook imports

ALPHA = capstone.ALPHA


# ----- 12.1: relu -----

RELU_POINTS = (-2.0, -0.5, 0.0, 0.7, 3.0)


def _is_courses(func):
    return (getattr(func, "__module__", "") or "").startswith("autograd_lesson")


@check("12.1", "Write relu(self): a new Value, max(0, x), with self as its one child.")
def check_relu(Value):
    """Exercise 12.1: `Value.relu`: max(0, x) as a node, local derivative 1 where x > 0, else 0."""
    if not inspect.isclass(Value):
        raise Stop(
            Verdict(False, f"pass your class itself, check_relu(Value); got {describe(Value)}.")
        )
    method = getattr(Value, "relu", None)
    if method is None:
        raise Stop(Verdict(False, "your Value has no relu yet: attach it with Value.relu = relu."))
    if _is_courses(method):
        raise Stop(
            Verdict(
                False, "that relu is the course's own, not yours: attach yours, Value.relu = relu."
            )
        )
    for x in RELU_POINTS:
        v = Value(x)
        what = f"Value({x}).relu()"
        try:
            out = run(v.relu, what=what)
        except Stop as stop:
            if "not supported between" in stop.verdict.message:  # max(0, self) on a Value
                raise Stop(
                    Verdict(
                        False,
                        stop.verdict.message + ": a Value cannot be compared with a number. "
                        "Compare the number it holds, self.data, and make the result a new Value.",
                    )
                ) from None
            raise
        if out is v:
            raise Stop(
                Verdict(
                    False,
                    f"{what} returned the value itself: make a new node, whose one child is self.",
                )
            )
        if not base.is_value(out):
            raise Stop(
                Verdict(
                    False,
                    f"{what} returned {describe(out)}, not a Value: the result must be a node of "
                    "the graph (a new Value), or backward cannot pass through it.",
                )
            )
        children = tuple(getattr(out, "children", ()) or ())
        if len(children) != 1 or children[0] is not v:
            raise Stop(
                Verdict(
                    False,
                    f"{what} has {len(children)} children; relu has one, the value it was "
                    "called on (self).",
                )
            )
        want = max(0.0, x)
        got = number(out.data, f"{what}.data")
        if got != want:
            hint = (
                " (that is x itself: where x < 0 relu gives 0)"
                if got == x
                else " (relu is max(0, x): x where x > 0, else 0)"
            )
            raise Stop(Verdict(False, f"{what} has data {got!r}, expected {want!r}{hint}."))
        local = tuple(getattr(out, "local_grads", ()) or ())
        if len(local) != 1:
            raise Stop(
                Verdict(
                    False,
                    f"{what} has {len(local)} local derivatives; give one, for its one child.",
                )
            )
        slope = number(local[0], f"{what}'s local derivative")
        right = (1.0,) if x > 0 else (0.0, 1.0) if x == 0 else (0.0,)  # at 0 either side's slope
        if slope not in right:
            if x < 0 and slope == 1.0:
                why = "where x < 0 relu is flat (always 0), so its slope there is 0: nothing passes back"
            elif x > 0 and slope == 0.0:
                why = "where x > 0 relu is x itself, so its slope there is 1"
            elif slope in (x, got):
                why = "the local derivative is the slope of relu, not its input or output: 1 where x > 0, 0 elsewhere"
            else:
                why = "relu's slope is 1 where x > 0 and 0 where x < 0"
            raise Stop(Verdict(False, f"{what} stores the local derivative {slope!r}: {why}."))

    # through a graph: both sides of 0, and a value used twice
    def build(V):
        a, b = V(1.5), V(-2.0)
        return (a * b).relu() + (a + b * -1.0).relu() * a, a, b

    out, a, b = run(lambda: build(Value), what="a small graph with relu")
    run(out.backward, what="backward() through your relu")
    ref, ra, rb = build(PackageValue)
    ref.backward()
    if not (_same(out.data, ref.data) and _same(a.grad, ra.grad) and _same(b.grad, rb.grad)):
        raise Stop(
            Verdict(
                False,
                f"on (a·b).relu() + (a − b).relu()·a at a = 1.5, b = −2 your grads are "
                f"a {a.grad!r}, b {b.grad!r}; expected {ra.grad!r}, {rb.grad!r}.",
            )
        )
    return Verdict(
        True,
        "relu is max(0, x) as a node, with slope 1 where x > 0 and 0 where x < 0; on a small "
        "graph its gradients agree with the package's.",
    )


# ----- 12.2: the capstone's network -----

CAPSTONE = dict(activation="relu", output_activation="linear")
POINTS = [[0.5, -0.3], [-1.2, 0.8], [2.0, 0.1], [0.0, 0.0], [1.1, -0.6]]


def _build(cls, *args, what, **kwargs):
    return run(lambda: cls(*args, **kwargs), what=what)


def _copy_weights(theirs, package, what):
    got = run(theirs.parameters, what=f"{what}.parameters()")
    want = package.parameters()
    if not isinstance(got, (list, tuple)) or len(got) != len(want):
        count = len(got) if isinstance(got, (list, tuple)) else describe(got)
        raise Stop(
            Verdict(False, f"{what}.parameters() gives {count}; it should list {len(want)} Values.")
        )
    for p, q in zip(got, want):
        if not base.is_value(p):
            raise Stop(Verdict(False, f"{what}.parameters() holds {describe(p)}, not only Values."))
        p.data = q.data
    return got


def _outputs(model, what):
    out = []
    for x in POINTS:
        score = run(model, list(x), what=f"{what}({x})")
        if isinstance(score, list) and len(score) == 1:
            score = score[0]
        if not base.is_value(score):
            raise Stop(
                Verdict(
                    False, f"{what}({x}) gave {describe(score)}; the network's output is one Value."
                )
            )
        out.append(score)
    return out


@check(
    "12.2",
    "Give Neuron, Layer and MLP an activation, as the text above says; tanh stays the default.",
)
def check_activations(Neuron, Layer, MLP):
    """Exercise 12.2: Neuron/Layer/MLP with `activation` ("tanh", "relu", "linear"), and MLP's
    `output_activation`: lesson 11's network unchanged, the capstone's buildable."""
    for cls, name in ((Neuron, "Neuron"), (Layer, "Layer"), (MLP, "MLP")):
        if not inspect.isclass(cls):
            raise Stop(
                Verdict(
                    False,
                    f"pass your classes: check_activations(Neuron, Layer, MLP); {name} is {describe(cls)}.",
                )
            )
        if _is_courses(cls):
            raise Stop(
                Verdict(False, f"that {name} is the course's own: write yours in the cell above.")
            )
    neuron = _build(Neuron, 2, random.Random(3), "linear", what='Neuron(2, rng, "linear")')
    if getattr(neuron, "activation", None) != "linear":
        raise Stop(
            Verdict(
                False,
                'Neuron(2, rng, "linear") should keep its activation in self.activation '
                f"(it has {describe(getattr(neuron, 'activation', None))}): the live trainer "
                "reads it to draw the network.",
            )
        )
    if not (
        isinstance(getattr(neuron, "w", None), list) and base.is_value(getattr(neuron, "b", None))
    ):
        raise Stop(
            Verdict(
                False,
                "keep a neuron's weights in self.w (a list of Values) and its bias in self.b, "
                "as in lesson 11: the plots of this lesson read them.",
            )
        )
    what = "MLP(3, [4, 4, 1], seed=1)"
    lesson11 = _build(MLP, 3, [4, 4, 1], seed=1, what=what)
    package = nn.MLP(3, [4, 4, 1], seed=1)
    _copy_weights(lesson11, package, what)
    x = [2.0, 3.0, -1.0]
    got = run(lesson11, x, what=f"{what}({x})")
    got = got[0] if isinstance(got, list) and len(got) == 1 else got
    want = package(x).data
    if not base.is_value(got) or not _same(got.data, want):
        raise Stop(
            Verdict(
                False,
                f"lesson 11's network, {what}, changed: with the same weights it gives "
                f"{describe(got)} for {x}, not {want:.6f}. Keep tanh as the default activation.",
            )
        )
    what = 'MLP(2, [16, 16, 1], seed=1, activation="relu", output_activation="linear")'
    model = _build(MLP, 2, [16, 16, 1], seed=1, what=what, **CAPSTONE)
    package = nn.MLP(2, [16, 16, 1], seed=1, **CAPSTONE)
    params = _copy_weights(model, package, what)
    layers = getattr(model, "layers", None)
    if not isinstance(layers, (list, tuple)) or len(layers) != 3:
        raise Stop(
            Verdict(
                False, f"{what} should have 3 layers in self.layers, one per entry of [16, 16, 1]."
            )
        )
    kinds = [getattr(getattr(layer, "neurons", [None])[0], "activation", None) for layer in layers]
    if kinds != ["relu", "relu", "linear"]:
        raise Stop(
            Verdict(
                False,
                f"{what} has the activations {kinds} by layer (read from each layer's first "
                "neuron); it should have ['relu', 'relu', 'linear']: every layer but the last "
                "takes `activation`, the last takes `output_activation`.",
            )
        )
    scores = _outputs(model, "the capstone's network")
    want = [package(x) for x in POINTS]
    for x, got, ref in zip(POINTS, scores, want):
        if not _same(got.data, ref.data):
            tanh_out = math.tanh(ref.data)
            if _same(got.data, tanh_out) or (_same(got.data, max(0.0, ref.data)) and ref.data < 0):
                why = "its last layer still squashes the score; the output layer is linear: return the sum itself"
            else:
                why = "check how each neuron applies its activation: relu in the hidden layers, none at the end"
            raise Stop(
                Verdict(
                    False,
                    f"the capstone's network gives {got.data:.6f} for {x}, expected {ref.data:.6f}: {why}.",
                )
            )
    total = scores[0]
    for s in scores[1:]:
        total = total + s
    run(total.backward, what="backward() through your network")
    ref = want[0]
    for s in want[1:]:
        ref = ref + s
    ref.backward()
    for k, (p, q) in enumerate(zip(params, package.parameters())):
        if not _same(p.grad, q.grad):
            raise Stop(
                Verdict(
                    False,
                    f"the outputs are right, but parameter {k + 1}'s gradient is {p.grad:.6g}, "
                    f"expected {q.grad:.6g}: is a sum or an activation made from .data?",
                )
            )
    return Verdict(
        True,
        "lesson 11's network is unchanged, and the capstone's, 337 parameters with ReLU layers "
        "and a linear output, gives the package's scores and gradients.",
    )


def _data(n=100, seed=capstone.DATA_SEED):
    return make_moons(n, noise=0.1, seed=seed)


def _floats(model, X, y):
    """The pieces every variant of the loss is made of, as NumPy arrays of floats."""
    scores = capstone.numpy_scores(model, X)
    params = np.array([p.data for p in model.parameters()])
    return scores, np.asarray(y, dtype=float), params


def _variants(scores, y, params):
    """(the loss this version computes, what is wrong with it); the first is the right one."""
    hinge = np.maximum(0.0, 1.0 - y * scores)
    reg = ALPHA * np.sum(params**2)
    return [
        (hinge.mean() + reg, None),
        (
            hinge.mean(),
            "you left out the regularisation: add 1e-4 · Σ p² over model.parameters() "
            "(it keeps the weights small; without it the loss is only the data part)",
        ),
        (
            hinge.sum() + reg,
            "you summed the margins' losses; this loss takes their MEAN (divide the "
            "sum by the number of points), so the learning rate means the same for "
            "any number of points",
        ),
        (
            hinge.sum(),
            "two slips: the margins are summed, not averaged, and the 1e-4 · Σ p² term is missing",
        ),
        (
            np.maximum(0.0, 1.0 + y * scores).mean() + reg,
            "the margin has the wrong sign: relu(1 + y·score) punishes the points that are RIGHT. "
            "It is relu(1 − y·score): zero once y·score ≥ 1",
        ),
        (
            (1.0 - y * scores).mean() + reg,
            "the relu is missing: (1 − y·score) alone rewards a point "
            "for being far on its right side, without limit; "
            "relu(1 − y·score) stops at 0 once the margin is 1",
        ),
        (
            ((scores - y) ** 2).mean() + reg,
            "that is the squared error (score − y)² of lesson 11; "
            "this lesson's loss is the hinge: relu(1 − y·score)",
        ),
        (
            hinge.mean() + 1e-3 * np.sum(params**2),
            "the regularisation's weight is 1e-3; it is 1e-4",
        ),
        (
            hinge.mean() + np.sum(params**2),
            "the regularisation needs its small weight: 1e-4 · Σ p², "
            "not Σ p² (which outweighs the data)",
        ),
        (
            hinge.mean() + ALPHA * np.sum(np.abs(params)),
            "the penalty is on |p|; it is on p² (p * p for each parameter)",
        ),
        (
            hinge.mean() + ALPHA * np.sum(params),
            "the penalty adds the parameters p themselves; square them first: 1e-4 · Σ p * p",
        ),
    ]


def _same(a, b, tol=1e-9):
    return abs(a - b) <= tol * max(1.0, abs(b))


def _call_loss(hinge_loss, model, X, y):
    try:
        result = run(hinge_loss, model, X.copy(), y.copy(), what="hinge_loss(model, X, y)")
    except Stop as stop:
        if "TypeError" in stop.verdict.message and "not supported between" in stop.verdict.message:
            raise Stop(
                Verdict(
                    False,
                    stop.verdict.message + ". A Value cannot be compared with a number, so "
                    "max(0, m) fails when m is a Value: write m.relu(), which is max(0, m) "
                    "with its own local derivative.",
                )
            ) from None
        raise
    if isinstance(result, tuple):
        raise Stop(
            Verdict(
                False,
                f"hinge_loss returned a tuple of {len(result)} things; return only "
                "the loss, one Value (the accuracy comes from the scores separately).",
            )
        )
    if result is None:
        raise Stop(Verdict(False, "hinge_loss returned None: did you forget `return loss`?"))
    if not base.is_value(result):
        value = number(result, "the loss")
        return None, value
    return result, number(result.data, "the loss's data")


@check(
    "12.3",
    "Write the loss where it says # YOUR CODE: the scores, the mean of "
    "relu(1 − y·score), plus 1e-4 times the sum of p * p.",
)
def check_hinge_loss(hinge_loss):
    """Exercise 12.3: `hinge_loss(model, X, y)` returns the capstone's loss as a Value."""
    cases = [(capstone.MODEL_SEED, _data()), (7, _data(30, seed=5))]
    for seed, (X, y) in cases:
        model = capstone.make_model(seed)
        loss, got = _call_loss(hinge_loss, model, X, y)
        variants = _variants(*_floats(model, X, y))
        want = variants[0][0]
        if not _same(got, want):
            why = next((w for v, w in variants[1:] if _same(got, v)), None)
            if why:
                raise Stop(Verdict(False, why + "."))
            raise Stop(
                Verdict(
                    False,
                    f"on the {len(y)} moons from seed {seed} your loss is {got:.6f}, "
                    f"expected {want:.6f}: mean over the points of "
                    "relu(1 − y·score), plus 1e-4 · Σ p² over model.parameters().",
                )
            )
        if loss is None:
            raise Stop(
                Verdict(
                    False,
                    f"your number is right ({got:.6f}), but it is a plain number: return "
                    "the loss Value itself (not loss.data), so that loss.backward() "
                    "can find the gradients.",
                )
            )
        reference = capstone.make_model(seed)
        capstone.hinge_loss(reference, X, y).backward()
        for p in model.parameters():
            p.grad = 0.0
        run(loss.backward, what="loss.backward()")
        names = _names(model)
        for name, p, q in zip(names, model.parameters(), reference.parameters()):
            if not _same(p.grad, q.grad, 1e-7):
                raise Stop(
                    Verdict(
                        False,
                        f"the loss's value is right, but its gradient is not: for {name}, "
                        f"d loss/dp is {p.grad:.6g} after backward, expected "
                        f"{q.grad:.6g}. Is part of the loss made from .data (plain "
                        "numbers, which cut the graph)? Build every piece from the "
                        "Values: model(x), the parameters p themselves.",
                    )
                )
    return Verdict(
        True,
        f"mean hinge loss plus 1e-4 · Σ p², with every gradient right: "
        f"{want:.6f} on 30 other points too, and the lesson's network starts at "
        f"{_start_loss():.6f}.",
    )


def _start_loss():
    X, y = _data()
    return capstone.hinge_loss(capstone.make_model(), X, y).data


def _names(model):
    out = []
    for k, layer in enumerate(model.layers):
        for j, neuron in enumerate(layer.neurons):
            out += [
                f"weight {i + 1} of neuron {j + 1} in layer {k + 1}" for i in range(len(neuron.w))
            ]
            out.append(f"the bias of neuron {j + 1} in layer {k + 1}")
    return out


add_solution(
    "12.3",
    r"""
The loss has a data part and a penalty. For each point, `y * score` is positive when the
point is on its own side; the hinge `relu(1 - y * score)` is 0 once it is there with a
margin of 1, and grows in a straight line the further it is from that. Averaging makes
the loss (and so the learning rate) independent of how many points there are. The
penalty `1e-4 * Σ p²` pulls every weight gently towards 0, which keeps the boundary smooth.
`sum_values` adds many Values as one node; Python's `sum` gives the same numbers.
""",
    code=reference_code("12.3") + "\ncheck_hinge_loss(hinge_loss)",
)


# ----- 12.4: the training loop -----

STEPS = 6
N_POINTS = 40


def _replay(steps, rate_of, zero=True, sign=-1.0):
    """Parameters and losses after `steps` steps of one version of the loop."""
    X, y = _data(N_POINTS, seed=2)
    model = capstone.make_model()
    losses = []
    for k in range(steps):
        loss = capstone.hinge_loss(model, X, y)
        if zero:
            model.zero_grad()
        loss.backward()
        for p in model.parameters():
            p.data += sign * rate_of(k) * p.grad
        losses.append(loss.data)
    return [p.data for p in model.parameters()], losses


def _loop_variants(steps):
    right = lambda k: 1.0 - 0.9 * k / steps  # noqa: E731
    return [
        (dict(rate_of=right), None),
        (
            dict(rate_of=lambda k: 1.0),
            "your rate stays at 1.0: it should fall, step k using "
            "1.0 − 0.9·k/steps (1.0 at the first step, near 0.1 at the last)",
        ),
        (
            dict(rate_of=lambda k: 1.0 - 0.9 * (k + 1) / steps),
            "your rate is one step ahead: the first step (k = 0) should use 1.0, so count k from 0 "
            "(for k in range(steps)) in 1.0 − 0.9·k/steps",
        ),
        (
            dict(rate_of=lambda k: 0.1 + 0.9 * k / steps),
            "your rate grows from 0.1 up: it should fall from 1.0, 1.0 − 0.9·k/steps",
        ),
        (
            dict(rate_of=right, zero=False),
            "you forgot zero_grad(): each backward() ADDS to the grads, so "
            "every step uses the sum of all the gradients so far. Call "
            "model.zero_grad() before loss.backward()",
        ),
        (
            dict(rate_of=right, sign=1.0),
            "the loss rises: the parameters moved UP the gradient. Descent "
            "subtracts: p.data -= rate * p.grad",
        ),
        (
            dict(rate_of=lambda k: 0.1),
            "your rate is 0.1 at every step: it should fall from 1.0, 1.0 − 0.9·k/steps",
        ),
    ]


@check(
    "12.4",
    "Write the loop where it says # YOUR CODE: for each step k, the loss from "
    "loss_of, zero_grad, backward, and every p.data -= (1.0 − 0.9·k/steps) · p.grad.",
)
def check_train(train):
    """Exercise 12.4: `train(model, X, y, steps, loss_of)` returns the loss of every step."""
    losses = _train_once(train, STEPS)
    _train_once(train, 3)  # a loop written for the check's 6 steps must follow `steps`
    return Verdict(
        True,
        f"loss, zero_grad, backward, and a rate falling from 1.0: in {STEPS} "
        f"steps on {N_POINTS} points the loss went {losses[0]:.4f} → "
        f"{losses[-1]:.4f}.",
    )


def _train_once(train, steps):
    """Run the student's train for `steps` steps and judge it; return the right losses."""
    X, y = _data(N_POINTS, seed=2)
    model = capstone.make_model()
    start = [p.data for p in model.parameters()]
    calls = []

    def loss_of(m, X_, y_):
        calls.append(1)
        return capstone.hinge_loss(m, X_, y_)

    result = run(train, model, X, y, steps, loss_of, what=f"train(model, X, y, {steps}, loss_of)")
    params = [p.data for p in model.parameters()]
    if not calls:
        raise Stop(
            Verdict(
                False,
                "your train() never called loss_of(model, X, y): compute each step's "
                "loss with the loss_of it is given (the check passes the lesson's loss).",
            )
        )
    if params == start:
        if all(p.grad == 0.0 for p in model.parameters()):
            raise Stop(
                Verdict(
                    False,
                    "no parameter moved and every grad is 0.0: loss.backward() was never "
                    "called (or the grads were zeroed between backward and the update).",
                )
            )
        raise Stop(
            Verdict(
                False,
                "no parameter moved: the grads are there, but the update is missing. "
                "End each step with p.data -= rate * p.grad for every p in "
                "model.parameters().",
            )
        )
    if len(calls) != steps:
        raise Stop(
            Verdict(
                False,
                f"asked for {steps} steps, your train() computed the loss {len(calls)} "
                f"times: one loss, one backward and one update per step, "
                f"for k in range(steps).",
            )
        )
    for kwargs, why in _loop_variants(steps):
        expected, losses = _replay(steps, **kwargs)
        if all(_same(a, b) for a, b in zip(params, expected)):
            if why is not None:
                raise Stop(Verdict(False, why + "."))
            _check_losses(result, losses)
            return losses
    _, right = _replay(steps, **_loop_variants(steps)[0][0])
    raise Stop(
        Verdict(
            False,
            f"after {steps} steps your parameters differ from the lesson's loop: for k in "
            "range(steps): loss = loss_of(model, X, y); model.zero_grad(); "
            "loss.backward(); then p.data -= (1.0 − 0.9·k/steps) · p.grad for every "
            f"parameter (its losses: {right[0]:.4f}, {right[1]:.4f}, ...).",
        )
    )


def _check_losses(result, losses):
    """The loop is right; now what it returned: the loss of every step, as numbers."""
    if result is None:
        raise Stop(
            Verdict(
                False,
                "your steps are right, but train() returned None: return the list of "
                "the losses, one per step (the cells below plot it).",
            )
        )
    if isinstance(result, (str, bytes, dict)) or not hasattr(result, "__len__"):
        raise Stop(
            Verdict(
                False,
                f"your steps are right, but train() returned {describe(result)}; return "
                "the list of the losses, one number per step.",
            )
        )
    got = [x.data if base.is_value(x) else x for x in result]
    if len(got) != len(losses):
        raise Stop(
            Verdict(
                False,
                f"your steps are right, but the list you returned has {len(got)} entries "
                f"for {len(losses)} steps: append each step's loss once.",
            )
        )
    got = [number(x, f"loss {k}") for k, x in enumerate(got)]
    if not all(_same(a, b) for a, b in zip(got, losses)):
        raise Stop(
            Verdict(
                False,
                f"your steps are right, but the losses you returned ({got[0]:.4f}, ...) "
                f"are not the loss of each step before its update ({losses[0]:.4f}, "
                "...): append loss.data right after computing it.",
            )
        )


add_solution(
    "12.4",
    r"""
The loop of lesson 11, with one change: the learning rate falls as training goes on. Big
steps first cross the plane quickly; small steps at the end stop the boundary from
jittering around the points it has almost got right. Step k (counting from 0) uses
`1.0 - 0.9 * k / steps`.
""",
    code=reference_code("12.4") + "\ncheck_train(train)",
)


add_solution(
    "12.1",
    r"""
relu keeps a positive number and turns a negative one into 0. Its slope is 1 where the input
is positive and 0 where it is negative (at exactly 0 either will do; the course takes 0), and
it is stored as the local derivative, as for every operation since lesson 06.
""",
    code=reference_code("12.1") + "\ncheck_relu(Value)\n",
)

add_solution(
    "12.2",
    r"""
Each neuron keeps its activation and applies it to its sum, or not ("linear"). A layer hands its
activation to each of its neurons. The network gives `activation` to every layer but the last,
which gets `output_activation` (the same one, unless it is given). With "tanh" as the default,
`MLP(3, [4, 4, 1], seed=1)` is still lesson 11's network.
""",
    code=reference_code("12.2") + "\ncheck_activations(Neuron, Layer, MLP)\n",
)
