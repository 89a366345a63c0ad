"""Lesson 11 check: write the training step; the check runs it and says what is missing.

The check trains a fresh MLP(3, [4, 4, 1]) from a fixed seed with your step and, side
by side, with the reference step and with the classic broken versions (no zero_grad,
the wrong sign, no backward, no update, an averaged loss). Whichever your parameters
match names the problem.
"""

from ..nn import MLP
from .base import Verdict, add_solution

__all__ = ["check_train_step"]  # the checks a notebook imports

XS = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]
YS = [1.0, -1.0, -1.0, 1.0]
SEED, RATE, STEPS = 1, 0.1, 5


def _loss(model, xs, ys, scale=1.0):
    return sum((model(x) - y) ** 2 for x, y in zip(xs, ys)) * scale


def _variant(zero=True, sign=-1.0, backward=True, update=True, scale=1.0):
    """The parameters and losses after STEPS steps of one version of the training step."""
    model = MLP(3, [4, 4, 1], seed=SEED)
    losses = []
    for _ in range(STEPS):
        loss = _loss(model, XS, YS, scale)
        losses.append(_loss(model, XS, YS).data)
        if zero:
            model.zero_grad()
        if backward:
            loss.backward()
        if update:
            for p in model.parameters():
                p.data += sign * RATE * p.grad
    return [p.data for p in model.parameters()], losses


VARIANTS = [
    (dict(), None),
    (dict(zero=False), "you forgot zero_grad(): each backward() ADDS to the grads of the "
                       "previous steps, so the steps grow with stale gradients. Call "
                       "model.zero_grad() before loss.backward()"),
    (dict(sign=1.0), "the loss rises: you moved the parameters UP the gradient. Descent "
                     "subtracts: p.data -= learning_rate * p.grad"),
    (dict(sign=1.0, zero=False), "two problems: the parameters move UP the gradient (use -=), "
                                 "and zero_grad() is missing, so grads accumulate"),
    (dict(scale=0.25), "your steps are a quarter of the size: you averaged the loss over the "
                       "4 samples. This lesson's loss is the SUM of the squared errors"),
]


def check_train_step(train_step):
    """Exercise 11.1: `train_step(model, xs, ys, learning_rate)` does one step of training."""
    if not callable(train_step):
        return Verdict(False, f"expected a function train_step(model, xs, ys, learning_rate), "
                              f"got {type(train_step).__name__} {train_step!r}.")
    model = MLP(3, [4, 4, 1], seed=SEED)
    start = [p.data for p in model.parameters()]
    losses = []
    for _ in range(STEPS):
        losses.append(_loss(model, XS, YS).data)
        try:
            train_step(model, XS, YS, RATE)
        except Exception as e:  # the student's code: report, never raise
            return Verdict(False, f"calling train_step(model, xs, ys, {RATE}) raised "
                                  f"{type(e).__name__}: {e}")
    params = [p.data for p in model.parameters()]
    if params == start:
        if all(p.grad == 0.0 for p in model.parameters()):
            return Verdict(False, "nothing moves: every grad is still 0.0, so backward() was "
                                  "never called on the loss (or the grads were zeroed after "
                                  "it). Compute the loss, then loss.backward().")
        return Verdict(False, "nothing moves: the grads are there, but no parameter changed. "
                              "Finish the step with p.data -= learning_rate * p.grad for every "
                              "p in model.parameters().")
    for kwargs, why in VARIANTS:
        expected, ref_losses = _variant(**kwargs)
        if all(abs(a - b) <= 1e-9 * max(1.0, abs(b)) for a, b in zip(params, expected)):
            if why is None:
                return Verdict(True, f"forward, zero_grad, backward, update: in {STEPS} steps "
                                     f"the loss fell from {ref_losses[0]:.4f} to "
                                     f"{_loss(model, XS, YS).data:.4f}.")
            return Verdict(False, why + ".")
    final = _loss(model, XS, YS).data
    trend = "rose" if final > losses[0] else "fell"
    return Verdict(False, f"in {STEPS} steps the loss {trend} from {losses[0]:.4f} to {final:.4f}, "
                          "but the parameters differ from one step of: loss = sum of "
                          "(prediction − target)²; model.zero_grad(); loss.backward(); "
                          "p.data -= learning_rate * p.grad for every parameter.")


add_solution("11.1", r"""
One step of training is four lines, always in this order:

```python
def train_step(model, xs, ys, learning_rate):
    loss = sum((model(x) - y) ** 2 for x, y in zip(xs, ys))   # forward
    model.zero_grad()                                           # forget the last step's grads
    loss.backward()                                             # d loss / d every parameter
    for p in model.parameters():
        p.data -= learning_rate * p.grad                        # step downhill
    return loss
```

`zero_grad` must come before `backward`, because `backward` *adds* into the leaves' grads
(lesson 07). The minus sign makes it descent: the gradient points uphill.
""")
