"""Derivatives by experiment: nudge an input a little and watch the output move.

These need no calculus at all, which makes them the referee for `backward()`:
if backpropagation and a finite difference disagree, one of them is wrong.
"""

from functools import partial

from .engine import Value


def forward_difference(f, x, h=0.001):
    """Slope of `f` at `x` from one step forward: (f(x + h) - f(x)) / h.

    Its error shrinks in proportion to h (it leans towards the side it looks at).
    """
    return (f(x + h) - f(x)) / h


def central_difference(f, x, h=1e-5):
    """Slope of `f` at `x` from a step each way: (f(x + h) - f(x - h)) / (2h).

    The two one-sided errors cancel, so the error shrinks with h squared:
    far more accurate than a forward difference for the same h.
    """
    return (f(x + h) - f(x - h)) / (2 * h)


def numerical_gradient(f, inputs, h=1e-6):
    """d f / d input for each named input, by central differences.

    `f` takes one `Value` per name (as keyword arguments) and returns a `Value`;
    `inputs` maps each name to its number, e.g. {"a": 2.0, "b": -3.0}.
    """

    def output(name, x):
        args = {k: Value(x if k == name else v, label=k) for k, v in inputs.items()}
        return f(**args).data

    return {
        name: central_difference(partial(output, name), float(v), h) for name, v in inputs.items()
    }


class GradientCheck:
    """The result of `gradient_check`: one row per input, and `ok` if every row agrees."""

    def __init__(self, rows):
        self.rows = rows  # (name, by backward, by central difference, agrees)
        self.mismatches = [row for row in rows if not row[3]]
        self.ok = not self.mismatches

    def __bool__(self):
        return self.ok

    def __repr__(self):
        lines = [f"{'input':>8} {'backward':>14} {'numerical':>14}  verdict"]
        for name, analytic, numeric, agrees in self.rows:
            verdict = "ok" if agrees else "MISMATCH"
            lines.append(f"{name:>8} {analytic:>14.6f} {numeric:>14.6f}  {verdict}")
        lines.append(
            "all gradients agree"
            if self.ok
            else f"{len(self.mismatches)} gradient(s) disagree: "
            + ", ".join(row[0] for row in self.mismatches)
        )
        return "\n".join(lines)


def gradient_check(f, inputs, h=1e-6, rtol=1e-5, atol=1e-6):
    """Compare `backward()` with central differences for every input of `f`.

    `f` builds an expression from one `Value` per name; `inputs` gives their numbers:

        gradient_check(lambda a, b: a * b + a, {"a": 2.0, "b": -3.0})

    A row agrees when |backward - numerical| <= atol + rtol * |numerical|.
    Returns a `GradientCheck` that prints as a table and lists each mismatch.
    """
    leaves = {name: Value(float(v), label=name) for name, v in inputs.items()}
    f(**leaves).backward()
    numeric = numerical_gradient(f, inputs, h)
    rows = []
    for name, leaf in leaves.items():
        agrees = abs(leaf.grad - numeric[name]) <= atol + rtol * abs(numeric[name])
        rows.append((name, leaf.grad, numeric[name], agrees))
    return GradientCheck(rows)
