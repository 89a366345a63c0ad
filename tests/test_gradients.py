"""backward() against central differences, for every operation and for random expressions."""

import math

import pytest
from helpers import programs, run, run_floats
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_lesson import Value, central_difference, sum_values


def check_grads(f, xs, rtol=1e-6, atol=1e-7):
    """backward() of f(*Values) against a central difference in each input."""
    leaves = [Value(float(x)) for x in xs]
    out = f(*leaves)
    out.backward()
    for k, leaf in enumerate(leaves):

        def g(t, k=k):
            args = [Value(t if m == k else float(x)) for m, x in enumerate(xs)]
            return f(*args).data

        h = 1e-6 * max(1.0, abs(xs[k]))
        numeric = central_difference(g, float(xs[k]), h)
        scale = max(1.0, abs(out.data))
        assert abs(leaf.grad - numeric) <= rtol * max(abs(numeric), 1.0) + atol * scale, (
            f"input {k}: backward {leaf.grad!r}, central difference {numeric!r} at {xs}"
        )
    return [leaf.grad for leaf in leaves]


def signed(lo, hi):
    m = st.floats(lo, hi, allow_nan=False, allow_infinity=False)
    return st.builds(lambda neg, v: -v if neg else v, st.booleans(), m)


anywhere = st.floats(-5, 5, allow_nan=False, allow_infinity=False)
positive = st.floats(0.1, 5, allow_nan=False, allow_infinity=False)
nonzero = signed(0.2, 5)
constant = signed(0.1, 4)

BINARY_OPS = {
    "Value + Value": (lambda a, b: a + b, anywhere, anywhere),
    "Value - Value": (lambda a, b: a - b, anywhere, anywhere),
    "Value * Value": (lambda a, b: a * b, anywhere, anywhere),
    "Value / Value": (lambda a, b: a / b, anywhere, nonzero),
    "Value ** Value": (lambda a, b: a**b, positive, st.floats(-3, 3)),
    "a*a (same operand twice)": (lambda a, b: a * a + b, anywhere, anywhere),
    "sum_values": (lambda a, b: sum_values([a, b, a * b, a]), anywhere, anywhere),
}


@pytest.mark.parametrize("name", list(BINARY_OPS))
@settings(max_examples=60)
@given(data=st.data())
def test_binary_operation_gradients(name, data):
    f, xs, ys = BINARY_OPS[name]
    check_grads(f, [data.draw(xs, "x"), data.draw(ys, "y")])


CONSTANT_OPS = {
    "v + c": lambda v, c: v + c,
    "c + v": lambda v, c: c + v,
    "v - c": lambda v, c: v - c,
    "c - v": lambda v, c: c - v,
    "v * c": lambda v, c: v * c,
    "c * v": lambda v, c: c * v,
    "v / c": lambda v, c: v / c,
    "-v": lambda v, c: -v,
}


@pytest.mark.parametrize("name", list(CONSTANT_OPS))
@settings(max_examples=50)
@given(x=anywhere, c=constant)
def test_operation_with_a_constant(name, x, c):
    f = CONSTANT_OPS[name]
    (grad,) = check_grads(lambda v: f(v, c), [x])
    expected = {
        "v + c": 1.0,
        "c + v": 1.0,
        "v - c": 1.0,
        "c - v": -1.0,
        "v * c": c,
        "c * v": c,
        "v / c": 1.0 / c,
        "-v": -1.0,
    }[name]
    assert grad == pytest.approx(expected, rel=1e-15)  # these local grads are exact


@settings(max_examples=60)
@given(x=nonzero, c=constant)
def test_constant_divided_by_value(x, c):
    (grad,) = check_grads(lambda v: c / v, [x])
    assert grad == pytest.approx(-c / x**2, rel=1e-14)


@pytest.mark.parametrize("k", [2, 3, -1, -2, 0.5, 1.5, -0.5, 0.25, 2.0, -3.0, 1, 0])
@settings(max_examples=30)
@given(x=st.floats(0.1, 4), negative_base=st.booleans())
def test_power_with_a_number(k, x, negative_base):
    if negative_base and k == int(k):
        x = -x  # a whole-number exponent works for a negative base too
    (grad,) = check_grads(lambda v: v**k, [x])
    assert grad == pytest.approx(k * x ** (k - 1) if k != 0 else 0.0, rel=1e-13)


@pytest.mark.parametrize("c", [0.5, 2, 2.718281828459045, 10.0])
@settings(max_examples=30)
@given(x=st.floats(-4, 4))
def test_number_to_the_power_of_a_value(c, x):
    (grad,) = check_grads(lambda v: c**v, [x])
    assert grad == pytest.approx(c**x * math.log(c), rel=1e-13)


UNARY_OPS = {
    "exp": (lambda v: v.exp(), st.floats(-6, 6), math.exp),
    "log": (lambda v: v.log(), positive, lambda x: 1 / x),
    "tanh": (lambda v: v.tanh(), st.floats(-6, 6), lambda x: 1 - math.tanh(x) ** 2),
    "relu": (lambda v: v.relu(), signed(0.01, 5), lambda x: 1.0 if x > 0 else 0.0),
    "neg": (lambda v: -v, anywhere, lambda x: -1.0),
}


@pytest.mark.parametrize("name", list(UNARY_OPS))
@settings(max_examples=60)
@given(data=st.data())
def test_unary_operation_gradients(name, data):
    f, xs, derivative = UNARY_OPS[name]
    x = data.draw(xs, "x")
    (grad,) = check_grads(f, [x])
    assert grad == pytest.approx(derivative(x), rel=1e-12, abs=1e-15)


@settings(max_examples=60)
@given(x=anywhere)
def test_composite_of_every_operation(x):
    def f(v):
        w = v * v + 1.0  # positive
        return (
            w.log() * v.tanh()
            - 2.0 / w
            + w**0.5 * (0.5 * v).exp()
            - (w - 0.5).relu() * 0.1
            + 3.0 ** (v / 4.0)
            + (w ** Value(0.3)) * 1.0
        )

    check_grads(f, [x])


@pytest.mark.slow
@settings(max_examples=2500)
@given(program=programs())
def test_random_expressions_match_central_differences(program):
    leaves = [Value(x) for x in program.leaves]
    out, vals = run(program, leaves)
    out.backward()
    scale = max(1.0, max(abs(v.data) for v in vals))
    for k, leaf in enumerate(leaves):
        x = program.leaves[k]
        h = 1e-6 * max(1.0, abs(x))

        def f(t, k=k):
            xs = list(program.leaves)
            xs[k] = t
            return run_floats(program, xs)

        numeric = central_difference(f, x, h)
        # error budget: h**2 truncation (relative) plus rounding of order eps * |f| / h
        tol = 1e-5 * max(abs(numeric), 1.0) + 1e-8 * scale
        assert abs(leaf.grad - numeric) <= tol, (
            f"leaf {k}: backward {leaf.grad!r} vs central difference {numeric!r}\n{program}"
        )


@settings(max_examples=200)
@given(program=programs(max_steps=6))
def test_gradients_accumulate_over_two_outputs(program):
    """backward on y1 then on y2 (no zero_grad), two graphs built from the same leaves, gives
    the leaves d(y1)/dx + d(y2)/dx: the leaves add, and y2's inner nodes start from 0."""
    leaves = [Value(x) for x in program.leaves]
    out, _ = run(program, leaves)
    _, vals = run(program, leaves)  # y2's graph: new inner nodes on the same leaves
    other = vals[-1] * 2.0 + vals[0]
    out.backward()
    first = [leaf.grad for leaf in leaves]
    other.backward()
    both = [leaf.grad for leaf in leaves]
    fresh = [Value(x) for x in program.leaves]
    _, vals2 = run(program, fresh)
    (vals2[-1] * 2.0 + vals2[0]).backward()
    for a, b, c in zip(first, fresh, both):
        assert c == pytest.approx(a + b.grad, rel=1e-12, abs=1e-12)


@settings(max_examples=80)
@given(ws=st.lists(anywhere, min_size=1, max_size=5), data=st.data())
def test_weighted_sum_gradients_match_central_differences_and_the_unfused_graph(ws, data):
    """A neuron's fused w·x + b node: against central differences, and against the same
    sum built from `*` and `+` nodes (the same local derivatives, so the same grads)."""
    from autograd_lesson.nn import weighted_sum

    n = len(ws)
    xs = data.draw(st.lists(anywhere, min_size=n, max_size=n), "xs")
    b = data.draw(anywhere, "b")
    as_value = data.draw(st.lists(st.booleans(), min_size=n, max_size=n), "which inputs are Values")

    def fused(*leaves):  # leaves: the weights, then the inputs that are Values, then b
        w, rest = leaves[:n], list(leaves[n:])
        inputs = [rest.pop(0) if v else x for x, v in zip(xs, as_value)]
        return weighted_sum(w, inputs, rest.pop(0)).tanh()

    def unfused(*leaves):
        w, rest = leaves[:n], list(leaves[n:])
        inputs = [rest.pop(0) if v else x for x, v in zip(xs, as_value)]
        # b first: weighted_sum adds in this order, so both sums round alike (tanh of a sum
        # near 19 is 1.0 or 1 - 1e-16 depending on its last bit)
        return sum_values([rest.pop(0)] + [wi * xi for wi, xi in zip(w, inputs)]).tanh()

    args = ws + [x for x, v in zip(xs, as_value) if v] + [b]
    grads = check_grads(fused, args)
    leaves = [Value(float(a)) for a in args]
    unfused(*leaves).backward()
    for g, leaf in zip(grads, leaves):
        assert g == pytest.approx(leaf.grad, rel=1e-12, abs=1e-15)
