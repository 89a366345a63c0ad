"""Lesson 09 checks: the chain rule through a tanh neuron, and using gradients to steer it."""

import math

from ..engine import Value
from .base import Verdict, add_solution, close, numeric_answer

__all__ = ["check_do_dw1", "check_best_nudge"]  # the checks a notebook imports

# The lesson's neuron: x1 = 2, x2 = 0, w1 = -3, w2 = 1, b = 6.8813735870195432.
X1, X2, W1, W2, B = 2.0, 0.0, -3.0, 1.0, 6.8813735870195432
N = X1 * W1 + X2 * W2 + B
O = math.tanh(N)
DO_DN = 1.0 - O**2  # 0.5
GRADS = {"x1": DO_DN * W1, "x2": DO_DN * W2, "w1": DO_DN * X1, "w2": DO_DN * X2, "b": DO_DN}


def check_do_dw1(answer):
    """Exercise 09.1: ∂o/∂w1 by the chain rule: (do/dn)·(dn/dw1) = (1 − o²)·x1 = 0.5 · 2 = 1."""
    value = numeric_answer(answer)
    if value is None:
        return Verdict(False, f"expected a number (∂o/∂w1 at the lesson's neuron), got "
                              f"{type(answer).__name__} {answer!r}.")
    if close(value, GRADS["w1"]):
        return Verdict(True, "∂o/∂w1 = (1 − o²) · x1 = 0.5 · 2 = 1.0: the tanh's slope times "
                             "what w1 is multiplied by.")
    wrong = [
        (DO_DN, "0.5 is ∂o/∂n, only the first link of the chain; multiply by ∂n/∂w1, which "
                "is x1 = 2 (the other input of w1's multiplication)"),
        (GRADS["x1"], "−1.5 is ∂o/∂x1: you multiplied by w1 = −3; for w1 the other input of "
                      "the multiplication is x1 = 2"),
        (X1, "2 is ∂n/∂w1 = x1 alone; the chain also passes through tanh, whose slope "
             "1 − o² = 0.5 must multiply it"),
        (1.0 - O, "1 − o is not the slope of tanh: it is 1 − o² (o squared) = 0.5, times x1 = 2"),
        ((1.0 - O) * X1, "the slope of tanh is 1 − o², with o squared, not 1 − o; then times x1 = 2"),
        (O, "0.7071 is o itself, the output, not how fast it changes with w1"),
        (O * X1, "you used o where the slope of tanh, 1 − o² = 0.5, belongs"),
        (-GRADS["w1"], "right size, wrong sign: both factors, 1 − o² = 0.5 and x1 = 2, are positive"),
    ]
    for number, why in wrong:
        if close(value, number, 1e-4):
            return Verdict(False, f"you gave {value:g}: {why}.")
    return Verdict(False, f"you gave {value:g}. Use the chain rule: ∂o/∂w1 = (do/dn) · (dn/dw1), "
                          "where do/dn = 1 − o² and n = x1·w1 + x2·w2 + b.")


def check_best_nudge(answer):
    """Exercise 09.2: which input, nudged UP a little, raises o the most? (w1: its grad, 1.0, is largest.)"""
    name = answer.label if isinstance(answer, Value) else answer
    if not isinstance(name, str):
        return Verdict(False, f"expected the name of an input as a string, such as \"b\", got "
                              f"{type(answer).__name__} {answer!r}.")
    name = name.strip().lower()
    if name not in GRADS:
        return Verdict(False, f"{answer!r} is not one of the neuron's inputs: "
                              f"{', '.join(GRADS)}.")
    if name == "w1":
        return Verdict(True, "w1 has the largest positive gradient, ∂o/∂w1 = 1.0, so a small "
                             "increase of w1 raises o the most (about 1.0 × the nudge).")
    g = GRADS[name]
    why = {
        "x1": f"∂o/∂x1 = {g:g} is the largest in size, but negative: raising x1 LOWERS o "
              "(it would be the best input to nudge down)",
        "x2": f"∂o/∂x2 = {g:g}: positive, but smaller than the gradient of w1",
        "w2": "∂o/∂w2 = 0 because x2 = 0: w2 is multiplied by zero, so changing it does nothing",
        "b": f"∂o/∂b = {g:g}: positive, but w1's gradient is twice as large",
    }[name]
    return Verdict(False, why + ". Compare all five gradients: the largest positive one wins.")


add_solution("09.1", r"""
**∂o/∂w1 = 1.0.** Follow the chain from o back to w1:

$$\frac{\partial o}{\partial w_1} = \frac{do}{dn}\cdot\frac{\partial n}{\partial w_1}
= (1 - o^2)\cdot x_1 = \left(1 - \tfrac12\right)\cdot 2 = 1.$$

$o = 1/\sqrt2$, so $o^2 = 1/2$ and the slope of tanh is $0.5$; in $n = x_1 w_1 + x_2 w_2 + b$ the
other input of $w_1$'s multiplication is $x_1 = 2$.
""")

add_solution("09.2", r"""
**w1.** For a small nudge $\varepsilon$, $o$ changes by about $\varepsilon \cdot \partial o/\partial(\text{input})$.
The gradients are x1 −1.5, x2 0.5, w1 1.0, w2 0.0, b 0.5. The largest *positive* one is w1's.
x1's gradient is larger in size but negative: raising x1 lowers o. w2's is zero because x2 = 0.
""")
