"""Lesson 12 checks: the capstone's loss (12.1) and its training loop (12.2).

12.1 calls your `hinge_loss(model, X, y)` on fresh networks and compares the value and
every parameter's gradient with the reference, then with the classic slips (no
regularisation, a sum instead of the mean, the margin's sign, the relu left out, the
squared error, the penalty without its 1e-4 or on |p| or p): whichever matches names it.
12.2 runs your `train(model, X, y, steps, loss_of)` for a few steps on a fresh network and
replays the reference loop and its broken versions (no decay, the rate one step late,
a rate that grows, no zero_grad, the wrong sign).
"""

import numpy as np

from .. import capstone
from ..datasets import make_moons
from ..mine import reference_code
from . import base
from .base import Stop, Verdict, add_solution, check, describe, number, run

__all__ = ["check_hinge_loss", "check_train"]  # the checks a notebook imports

ALPHA = capstone.ALPHA


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
    "12.1",
    "Write the loss where it says # YOUR CODE: the scores, the mean of "
    "relu(1 − y·score), plus 1e-4 times the sum of p * p.",
)
def check_hinge_loss(hinge_loss):
    """Exercise 12.1: `hinge_loss(model, X, y)` returns the capstone's loss as a Value."""
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
    "12.1",
    r"""
The loss has a data part and a penalty. For each point, `y * score` is positive when the
point is on its own side; the hinge `relu(1 - y * score)` is 0 once it is there with a
margin of 1, and grows in a straight line the further it is from that. Averaging makes
the loss (and so the learning rate) independent of how many points there are. The
penalty `1e-4 * Σ p²` pulls every weight gently towards 0, which keeps the boundary smooth.
`sum_values` adds many Values as one node; Python's `sum` gives the same numbers.
""",
    code=reference_code("12.1") + "\ncheck_hinge_loss(hinge_loss)",
)


# ----- 12.2: the training loop -----

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
    "12.2",
    "Write the loop where it says # YOUR CODE: for each step k, the loss from "
    "loss_of, zero_grad, backward, and every p.data -= (1.0 − 0.9·k/steps) · p.grad.",
)
def check_train(train):
    """Exercise 12.2: `train(model, X, y, steps, loss_of)` returns the loss of every step."""
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
    "12.2",
    r"""
The loop of lesson 11, with one change: the learning rate falls as training goes on. Big
steps first cross the plane quickly; small steps at the end stop the boundary from
jittering around the points it has almost got right. Step k (counting from 0) uses
`1.0 - 0.9 * k / steps`.
""",
    code=reference_code("12.2") + "\ncheck_train(train)",
)
