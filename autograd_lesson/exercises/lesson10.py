"""Lesson 10 checks: one step of gradient descent by hand, and choosing a learning rate."""

from .base import Verdict, add_solution, close, numeric_answer

__all__ = ["check_first_step", "check_learning_rate"]  # the checks a notebook imports

START, ETA = 6.0, 0.1


def _derivative(a):
    return 2 * a - 10  # f(a) = a² − 10a + 28


def check_first_step(answer):
    """Exercise 10.1: the first iterate from a = 6 with η = 0.1: 6 − 0.1 · f'(6) = 6 − 0.1 · 2 = 5.8."""
    a1 = numeric_answer(answer)
    if a1 is None:
        return Verdict(False, f"expected a number (the new a after one step), got "
                              f"{type(answer).__name__} {answer!r}.")
    g = _derivative(START)
    if close(a1, START - ETA * g):
        return Verdict(True, "a₁ = a₀ − η·f'(a₀) = 6 − 0.1 · (2·6 − 10) = 6 − 0.2 = 5.8.")
    wrong = [
        (START + ETA * g, "you stepped UP the slope: gradient descent subtracts η·f'(a), "
                          "because the gradient points uphill"),
        (START - g, "you forgot the learning rate: the step is η·f'(a) = 0.1 · 2, not the whole "
                    "derivative"),
        (g, "2 is f'(6), the slope; the new a is a − η·f'(a)"),
        (ETA * g, "0.2 is the size of the step, η·f'(a); subtract it from a = 6"),
        (START - ETA * (START**2 - 10 * START + 28), "you used f(6) = 4 instead of its "
                                                      "derivative f'(6) = 2a − 10 = 2"),
        (3.64, "3.64 is f(5.8), the function's value after the step; the question asks for a"),
        (START - ETA * (2 * START), "the derivative of a² − 10a + 28 is 2a − 10; you dropped "
                                    "the −10"),
    ]
    for number, why in wrong:
        if close(a1, number, 1e-6):
            return Verdict(False, f"you gave {a1:g}: {why}.")
    return Verdict(False, f"you gave {a1:g}. One step is a₁ = a₀ − η·f'(a₀), with f'(a) = 2a − 10, "
                          f"a₀ = 6 and η = 0.1.")


def run(eta, steps=10, start=START):
    """The iterate after `steps` steps of gradient descent on f, as plain numbers."""
    a = start
    for _ in range(steps):
        a = a - eta * _derivative(a)
    return a


def check_learning_rate(eta):
    """Exercise 10.2: a learning rate that brings a within 1e-3 of 5 in 10 steps from a = 6.

    The error shrinks by a factor |1 − 2η| each step, so any η in about [0.2495, 0.7505] works.
    """
    value = numeric_answer(eta)
    if value is None:
        return Verdict(False, f"expected a number (the learning rate η), got "
                              f"{type(eta).__name__} {eta!r}.")
    a = run(value)
    distance = abs(a - 5.0)
    if distance <= 1e-3:
        return Verdict(True, f"with η = {value:g}, 10 steps reach a = {a:.6f}, within "
                             f"{distance:.1e} of the minimum: each step multiplies the distance "
                             f"to 5 by |1 − 2η| = {abs(1 - 2 * value):.3g}.")
    where = f"with η = {value:g}, 10 steps end at a = {a:.6g}, {distance:.3g} away from 5"
    if value <= 0:
        return Verdict(False, f"{where}. A learning rate must be positive: with η ≤ 0 the step "
                              "goes uphill or nowhere.")
    if value < 0.25:
        return Verdict(False, f"{where}: too slow. Each step only shrinks the distance by a "
                              f"factor {1 - 2 * value:.3g}; a larger η takes bigger steps.")
    if value < 1:
        return Verdict(False, f"{where}: it overshoots. a jumps past 5 each step and the distance "
                              f"shrinks only by a factor {abs(1 - 2 * value):.3g}; try a smaller η.")
    if value == 1:
        return Verdict(False, f"{where}: with η = 1 the step lands exactly on the mirror point "
                              "(6 → 4 → 6 → ...), oscillating forever.")
    return Verdict(False, f"{where}: with η > 1 every step overshoots further than it started, "
                          "so the iterates diverge. Try something between 0.25 and 0.75.")


add_solution("10.1", r"""
**a₁ = 5.8.** The derivative is $f'(a) = 2a - 10$, so $f'(6) = 2$. Gradient descent steps
*against* it: $a_1 = a_0 - \eta f'(a_0) = 6 - 0.1\cdot 2 = 5.8$ (and $f(5.8) = 3.64$).
""")

add_solution("10.2", r"""
**Any η from about 0.25 to 0.75; η = 0.5 is perfect.** One step gives
$a - 5 \leftarrow (a - 5) - \eta\,2(a - 5) = (1 - 2\eta)(a - 5)$: the distance to the minimum is
multiplied by $|1 - 2\eta|$ each step. Starting 1 away, after 10 steps it is $|1 - 2\eta|^{10}$,
which is at most $10^{-3}$ when $|1 - 2\eta| \le 10^{-0.3} \approx 0.501$. With η = 0.5 the
factor is 0: the very first step lands on 5 (for this parabola, whose second derivative is 2).
""")
