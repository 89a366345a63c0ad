"""Lesson 05 checks: one optimisation step on the leaves, and what a step does to L.

- 05.1 `check_step_leaves(step_leaves)`: your `step_leaves(leaves, step_size)` moves each
  leaf's `.data` by step_size × its `.grad`, in place. Checked on fresh graphs (the
  lesson's, one with a shared inner node, a random one) with steps up and down.
- 05.2 `check_predicted_change(answer)`: to first order, ΔL ≈ Σ (∂L/∂x)·Δx; predict it for
  the step DOWN with step size 0.05 (Δx = −0.05 · ∂L/∂x), a step the notebook does not take.
"""

import math

from .. import engine
from ..examples import INPUTS, lesson_loss
from . import graphs
from .base import (
    Stop,
    Verdict,
    add_solution,
    apart,
    check,
    close,
    describe,
    is_value,
    number,
    rounded_version,
    run,
)

__all__ = ["check_predicted_change", "check_step_leaves"]  # what a notebook imports

GRADS = {"a": 6.0, "b": -4.0, "c": -2.0, "f": 4.0}  # ∂L/∂x at the INPUTS
ETA = 0.05  # 05.2: the step down, x <- x - ETA * dL/dx


def _fail(message):
    raise Stop(Verdict(False, message))


# ----- 05.1 -----


def _cases():
    """(description, program, step_size, pass the leaves as a tuple?)"""
    return [
        ("L = (a·b + c)·f, step_size 0.01", graphs.lesson_graph(), 0.01, False),
        ("(a·b)·(a·b + c), step_size -0.1 (downhill)", graphs.shared_inner_graph(), -0.1, True),
        ("a random graph, step_size 0.5", graphs.random_graph(3), 0.5, False),
    ]


def _fresh(program):
    nodes = graphs.build(program, engine.Value)
    nodes[-1].backward()
    names = graphs.node_names(program)
    leaves = [(names[k], nodes[k]) for k in graphs.leaves(program)]
    return nodes, leaves


def _all(pairs, test):
    return all(test(*p) for p in pairs)


def _check_one(step_leaves, description, program, eta, as_tuple):
    nodes, named = _fresh(program)
    leaves = [v for _, v in named]
    before = [(v.data, v.grad) for v in leaves]
    where = f"on {description}"
    argument = tuple(leaves) if as_tuple else list(leaves)
    returned = run(step_leaves, argument, eta, what=f"step_leaves(leaves, {eta:g})")
    after = []
    for (name, v), (x, g) in zip(named, before):
        if is_value(v.data):
            _fail(
                f"{where}, the .data of {name} is now a Value ({describe(v.data)}); it must stay a "
                "number. Use the numbers: leaf.data + step_size * leaf.grad."
            )
        if type(v.data).__name__ == "ndarray":  # number() would take a one-element array
            _fail(
                f"{where}, the .data of {name} became a NumPy array ({describe(v.data)}); "
                ".data should stay one plain float. Keep the arithmetic on numbers, "
                "leaf.data += step_size * leaf.grad (float(...) turns a one-element array "
                "back into a number)."
            )
        new = number(v.data, f"the new .data of {name}")
        if not (isinstance(v.grad, (int, float)) and close(v.grad, g, 1e-12)):
            _fail(
                f"{where}, your step changed the .grad of {name} (from {g:g} to {describe(v.grad)}). "
                "A step moves only .data; the grads stay until the next backward pass."
            )
        after.append((name, x, g, new))
    want = [x + eta * g for _, x, g, _ in after]
    if all(close(new, w, 1e-9) for (_, _, _, new), w in zip(after, want)):
        return nodes, leaves
    if all(new == x for _, x, _, new in after):
        if (
            isinstance(returned, (list, tuple))
            and returned
            and all(is_value(r) or isinstance(r, float) for r in returned)
        ):
            _fail(
                f"{where}, the leaves did not move: you returned new values, but the step must "
                "change each leaf's own .data in place (leaf.data += ...), so that the graph sees it."
            )
        _fail(
            f"{where}, no leaf moved. Assign to the leaf's attribute, leaf.data = ...: a line like "
            "`x = x + ...` inside the loop only gives the name x a new value."
        )
    if all(close(new, x - eta * g, 1e-9) for _, x, g, new in after):
        _fail(
            f"{where}, every leaf moved by -step_size × grad: the sign is flipped. step_leaves adds "
            "step_size × grad; going downhill is the caller's choice of a negative step_size."
        )
    if all(close(new, x + eta * x, 1e-9) for _, x, g, new in after):
        _fail(
            f"{where}, every leaf moved by step_size × its .data: use its .grad, the direction "
            "in which L rises."
        )
    if all(close(new, x + g, 1e-9) for _, x, g, new in after):
        _fail(f"{where}, every leaf moved by its whole grad: multiply the grad by step_size.")
    if all(close(new, x + 2 * eta * g, 1e-9) for _, x, g, new in after):
        _fail(
            f"{where}, every leaf moved twice as far as it should: the step is done twice (one "
            "step too many)."
        )
    if all(close(new, eta * g, 1e-9) for _, x, g, new in after):
        _fail(
            f"{where}, each leaf's .data became step_size × grad: add it to the old data (+=), "
            "do not replace the data."
        )
    for (name, x, g, new), w in zip(after, want):
        if not close(new, w, 1e-9):
            if new == x and g != 0.0:
                _fail(
                    f"{where}, the leaf {name} did not move (the others did): your loop misses a "
                    "leaf. Loop over every leaf: `for leaf in leaves:`."
                )
            new, w = apart(new, w)
            _fail(
                f"{where}, {name} should move from {x:g} to {x:g} + {eta:g} × {g:g} = {w}; "
                f"yours went to {new}."
            )
    _fail(f"{where}, the leaves did not move as they should.")  # not reached


@check("05.1", "Write step_leaves: for each leaf, add step_size × leaf.grad to leaf.data.")
def check_step_leaves(step_leaves):
    """Exercise 05.1: `step_leaves(leaves, step_size)` moves each leaf's .data by step_size × .grad."""
    results = [_check_one(step_leaves, *case) for case in _cases()]
    moved = [number(v.data) for v in results[0][1]]
    new_L = lesson_loss(*moved)
    return Verdict(
        True,
        f"every leaf moved by step_size × grad, in place, grads untouched, on "
        f"{len(results)} graphs. On the lesson's graph a, b, c, f went to "
        f"{', '.join(f'{x:g}' for x in moved)}, and L from -8 to {new_L:.6f}.",
    )


# ----- 05.2 -----


def _numbers():
    predicted = sum(g * (-ETA * g) for g in GRADS.values())  # -3.6
    moved = {n: INPUTS[n] - ETA * GRADS[n] for n in INPUTS}
    actual = lesson_loss(**moved) - lesson_loss(**INPUTS)  # -3.748
    return predicted, actual


@check("05.2", "Add up ∂L/∂x · Δx over a, b, c, f, with Δx = -0.05 · ∂L/∂x.")
def check_predicted_change(answer):
    """Exercise 05.2: ΔL to first order for the step down with step size 0.05 (a number)."""
    value = number(answer, "the predicted change of L")
    predicted, actual = _numbers()
    squares = sum(g * g for g in GRADS.values())
    if close(value, predicted):
        return Verdict(
            True,
            f"ΔL ≈ Σ ∂L/∂x · (-0.05 · ∂L/∂x) = -0.05 × {squares:g} = {predicted:g}. "
            f"The true change is {actual:.6f}: close, and not equal, because L is "
            "curved and a step of 0.05 is no longer tiny.",
        )
    if close(value, -predicted):
        _fail(
            "right size, wrong sign: the step goes AGAINST the gradient, so each term "
            "∂L/∂x · (-0.05 · ∂L/∂x) = -0.05 · (∂L/∂x)² is negative, and L falls."
        )
    if close(value, actual, 1e-4):
        _fail(
            f"{value:g} is the TRUE change, measured by rerunning the forward pass. The first-order "
            "prediction uses only the grads: Σ ∂L/∂x · Δx."
        )
    if rounded_version(value, actual) or rounded_version(value, predicted):
        _fail(
            f"{value:g} looks rounded: give the prediction exactly (keep every digit; let "
            "Python do the arithmetic)."
        )
    if close(value, lesson_loss(**INPUTS) + predicted) or close(
        value, lesson_loss(**INPUTS) + actual
    ):
        _fail(
            f"you gave {value:g}, the new value of L; the exercise asks for the CHANGE "
            "ΔL = L_new − L_old."
        )
    if close(abs(value), 0.01 * squares):
        _fail(f"{value:g} is for the step size 0.01 of the example above; this step uses 0.05.")
    if close(abs(value), ETA * abs(sum(GRADS.values()))):
        _fail(
            f"you gave {value:g} = ±0.05 × Σ grad: that adds up the gradients first. Each input "
            "moves by its own Δx = -0.05 · ∂L/∂x, and each term of the sum is ∂L/∂x · Δx: work "
            "out the four terms one by one, then add them."
        )
    if close(abs(value), ETA * math.sqrt(squares)):
        _fail(
            f"{value:g} is ±0.05 × |∇L|, the length of the step, not the change of L. Each input "
            "contributes ∂L/∂x · Δx = -0.05 · (∂L/∂x)²: add those up."
        )
    for name, g in GRADS.items():
        if close(abs(value), ETA * (squares - g * g)):
            _fail(
                f"you gave {value:g}: the term for {name} is missing. Every input moves, so add "
                "∂L/∂x · Δx over all four of a, b, c, f."
            )
    _fail(
        f"you gave {value:g}. Add up ∂L/∂x · Δx over a, b, c, f, with Δx = -0.05 · ∂L/∂x "
        "(the grads are a: 6, b: -4, c: -2, f: 4)."
    )


add_solution(
    "05.1",
    """\
**`step_leaves`.** One line in a loop: each leaf's data moves by the step size times its
grad, in place, so the Values themselves (and every graph built from them later) see the
new numbers. Assigning to `leaf.data` matters: `x = x + ...` would only rebind a name.
The grads stay as they are until the next backward pass.""",
    code="""\
def step_leaves(leaves, step_size):
    \"\"\"Move every leaf by step_size × its grad (a negative step_size goes downhill).\"\"\"
    for leaf in leaves:
        leaf.data += step_size * leaf.grad

check_step_leaves(step_leaves)
""",
)

add_solution(
    "05.2",
    r"""
To first order, $\Delta L \approx \sum_x \frac{\partial L}{\partial x}\,\Delta x$. With
$\Delta x = -0.05\,\frac{\partial L}{\partial x}$ every term is $-0.05\,(\partial L/\partial x)^2$:

$$\Delta L \approx -0.05\,(6^2 + (-4)^2 + (-2)^2 + 4^2) = -0.05 \times 72 = -3.6.$$

The true change is $-11.748 - (-8) = -3.748$: the larger the step, the more the curvature shows.
""",
    code="""\
predicted_change = sum(g * (-0.05 * g) for g in grads.values())
check_predicted_change(predicted_change)
""",
)
