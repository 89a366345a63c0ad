"""Lesson 05 checks: what one step does to L, predicted to first order, and a step that lowers L.

To first order, moving the inputs by small amounts Δx changes the output by
ΔL ≈ Σ (∂L/∂x) · Δx: each input's nudge, weighted by how much L cares about it.
"""

from .base import Verdict, add_solution, close, numeric_answer

__all__ = ["check_first_order_change", "check_downhill_step"]  # the checks a notebook imports

INPUTS = {"a": 2.0, "b": -3.0, "c": 10.0, "f": -2.0}
GRADS = {"a": 6.0, "b": -4.0, "c": -2.0, "f": 4.0}
STEP = 0.01


def lesson_loss(a, b, c, f):
    return (a * b + c) * f


def check_first_order_change(answer):
    """Exercise 05.1: predict ΔL ≈ Σ grad·Δ for the step Δx = 0.01 × ∂L/∂x (a number)."""
    value = numeric_answer(answer)
    if value is None:
        return Verdict(False, f"expected a number (the predicted change of L), got "
                              f"{type(answer).__name__} {answer!r}.")
    predicted = sum(GRADS[n] * STEP * GRADS[n] for n in GRADS)  # 0.72
    actual = lesson_loss(*(INPUTS[n] + STEP * GRADS[n] for n in "abcf")) - (-8.0)
    if close(value, predicted):
        return Verdict(True, f"Σ grad·Δ = 0.01 × (6² + (−4)² + (−2)² + 4²) = 0.01 × 72 = "
                             f"{predicted:.2f}; the true change is {actual:.6f}, first order is "
                             "close because the step is small.")
    if close(value, actual):
        return Verdict(False, f"{value:.6f} is the TRUE change, measured by rerunning the forward "
                              f"pass. The first-order prediction uses only the grads: "
                              f"Σ ∂L/∂x · Δx, with Δx = 0.01 · ∂L/∂x.")
    if close(value, -predicted):
        return Verdict(False, "right size, wrong sign: a step ALONG the gradient makes L go up, "
                              "so each term grad · (0.01 · grad) = 0.01 · grad² is positive.")
    if close(value, STEP * sum(GRADS.values())):
        return Verdict(False, f"you gave {value:g} = 0.01 × Σ grad. Each input moves by its own "
                              "Δx = 0.01 · ∂L/∂x, and that move is weighted by ∂L/∂x again: "
                              "the terms are 0.01 · grad², all positive.")
    if close(value, -8.0 + predicted) or close(value, -7.286496):
        return Verdict(False, f"you gave {value:g}, the new value of L; the exercise asks for the "
                              "CHANGE ΔL = L_new − L_old.")
    return Verdict(False, f"you gave {value:g}. Add up ∂L/∂x · Δx over a, b, c, f, with "
                          f"Δx = 0.01 · ∂L/∂x (the grads are a: 6, b: −4, c: −2, f: 4).")


def check_downhill_step(step):
    """Exercise 05.2: a dict of small moves {"a": Δa, ...} that makes L smaller (any such step)."""
    if not isinstance(step, dict):
        return Verdict(False, f"expected a dict of moves like {{'a': -0.06, 'b': ..., 'c': ..., "
                              f"'f': ...}}, got {type(step).__name__}.")
    unknown = sorted(set(map(str, step)) - set(INPUTS))
    if unknown:
        return Verdict(False, f"{', '.join(map(repr, unknown))} is not an input of L; the inputs are a, b, c, f.")
    moves = {}
    for name in INPUTS:
        delta = numeric_answer(step.get(name, 0.0))
        if delta is None:
            return Verdict(False, f"the move for {name!r} should be a number, got {step[name]!r}.")
        moves[name] = delta
    size = max(abs(d) for d in moves.values())
    if size == 0.0:
        return Verdict(False, "every move is 0, so L stays at −8. Move the inputs against their grads.")
    if size > 0.5:
        return Verdict(False, f"a move of {size:g} is not small: the gradient only describes L near "
                              "the current point. Keep every move below 0.5 (0.01 × grad is plenty).")
    first_order = sum(GRADS[n] * moves[n] for n in INPUTS)
    new = lesson_loss(*(INPUTS[n] + moves[n] for n in "abcf"))
    if new < -8.0:
        return Verdict(True, f"L goes from −8 to {new:.6f} (first-order prediction "
                             f"{first_order:+.6f}): Σ grad · Δ < 0, so your step goes downhill.")
    if first_order > 0:
        return Verdict(False, f"this step goes uphill: Σ grad · Δ = {first_order:+.6f} > 0 and L "
                              f"becomes {new:.6f}. Move each input against its grad "
                              "(Δx = −0.01 · ∂L/∂x) to go down.")
    return Verdict(False, f"L becomes {new:.6f}, not below −8: Σ grad · Δ = {first_order:+.6f} is "
                          "too close to 0 for the curvature. Point the step more directly against the gradient.")


add_solution("05.1", r"""
To first order, $\Delta L \approx \sum_x \frac{\partial L}{\partial x}\,\Delta x$.
With $\Delta x = 0.01\,\frac{\partial L}{\partial x}$ every term is $0.01\,(\partial L/\partial x)^2$:

$$\Delta L \approx 0.01\,(6^2 + (-4)^2 + (-2)^2 + 4^2) = 0.01 \times 72 = 0.72.$$

The true change is $-7.286496 - (-8) = 0.713504$: close, because the step is small.

```python
predicted_change = 0.01 * (6**2 + (-4)**2 + (-2)**2 + 4**2)
```
""")

add_solution("05.2", r"""
Any small step with $\sum_x \frac{\partial L}{\partial x}\,\Delta x < 0$ works; the steepest one
goes against the gradient, $\Delta x = -0.01\,\frac{\partial L}{\partial x}$:

```python
step = {"a": -0.06, "b": 0.04, "c": 0.02, "f": -0.04}
```

L goes from −8 to −8.726304.
""")
