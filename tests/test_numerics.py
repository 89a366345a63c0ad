"""Finite differences, numerical gradients and the gradient check (which must be able to fail)."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_lesson import (
    Value,
    central_difference,
    forward_difference,
    gradient_check,
    numerical_gradient,
)
from autograd_lesson.examples import INPUTS, d_of, df, f  # f(x) = 3x² − 4x + 5, d = a·b + c


def test_forward_difference_of_the_lesson_01_parabola():
    assert f(3.0) == 20.0
    slope = forward_difference(f, 3.0, 0.001)
    assert abs(slope - 14.003) < 1e-9  # (f(3+h) - f(3))/h = 14 + 3h exactly, up to rounding
    assert round(forward_difference(f, -3.0, 0.001)) == -22
    assert abs(forward_difference(f, 2 / 3, 1e-6)) < 1e-5  # the slope is zero at 2/3
    assert forward_difference(f, 3.0) == slope  # h defaults to 0.001


def test_central_difference_is_far_more_accurate():
    forward_error = abs(forward_difference(f, 3.0, 0.001) - 14.0)
    central_error = abs(central_difference(f, 3.0, 0.001) - 14.0)
    assert forward_error == pytest.approx(0.003, rel=1e-6)
    assert central_error < 1e-9  # exact for a parabola, up to rounding
    assert central_error < forward_error / 1000


@pytest.mark.parametrize("h", [1e-17, 1e-31])
def test_a_tiny_h_cancels_to_exactly_zero(h):
    assert 3.0 + h == 3.0
    assert forward_difference(f, 3.0, h) == 0.0
    assert central_difference(f, 3.0, h) == 0.0


def test_error_shrinks_like_h_and_h_squared():
    g, x, exact = math.sin, 1.0, math.cos(1.0)
    fwd = [abs(forward_difference(g, x, h) - exact) for h in (1e-2, 1e-3)]
    cen = [abs(central_difference(g, x, h) - exact) for h in (1e-2, 1e-3)]
    assert fwd[0] / fwd[1] == pytest.approx(10, rel=0.05)
    assert cen[0] / cen[1] == pytest.approx(100, rel=0.05)


@settings(max_examples=50)
@given(x=st.floats(-3, 3))
def test_central_difference_of_known_derivatives(x):
    assert central_difference(math.exp, x) == pytest.approx(math.exp(x), rel=1e-8)
    assert central_difference(math.sin, x) == pytest.approx(math.cos(x), abs=1e-9)
    assert central_difference(f, x) == pytest.approx(df(x), rel=1e-8, abs=1e-8)


def test_numerical_gradient_of_lesson_02():
    grads = numerical_gradient(d_of, {name: INPUTS[name] for name in "abc"})
    assert list(grads) == ["a", "b", "c"]
    assert grads == pytest.approx({"a": -3.0, "b": 2.0, "c": 1.0}, abs=1e-8)


def test_numerical_gradient_passes_labelled_values():
    seen = {}

    def g(x, y):
        seen[x.label], seen[y.label] = type(x), type(y)
        return x * y

    numerical_gradient(g, {"x": 1.0, "y": 2})
    assert seen == {"x": Value, "y": Value}


def test_gradient_check_all_ok():
    result = gradient_check(lambda a, b: (a * b + a).tanh() + b.exp() / a, {"a": 0.7, "b": -1.2})
    assert result.ok and bool(result) and result.mismatches == []
    assert [row[0] for row in result.rows] == ["a", "b"]
    assert all(row[3] for row in result.rows)
    assert "all gradients agree" in repr(result)
    assert "MISMATCH" not in repr(result)


def wrong_mul(x, y):
    """x * y with a wrong local derivative for y: 2x instead of x."""
    out = x * y
    out.local_grads = (y.data, 2 * x.data)
    return out


def test_gradient_check_reports_a_wrong_local_derivative_by_name():
    result = gradient_check(lambda a, b: wrong_mul(a, b) + a, {"a": 2.0, "b": -3.0})
    assert not result.ok and not bool(result)
    assert [row[0] for row in result.mismatches] == ["b"]
    name, analytic, numeric, agrees = result.rows[1]
    assert (name, analytic, agrees) == ("b", 4.0, False)
    assert numeric == pytest.approx(2.0, abs=1e-6)
    text = repr(result)
    assert "1 gradient(s) disagree: b" in text
    assert [line.split()[-1] for line in text.splitlines()[1:3]] == ["ok", "MISMATCH"]


def test_gradient_check_catches_a_broken_operation(monkeypatch):
    """A deliberately wrong tanh derivative (1 - t instead of 1 - t**2) is caught."""
    real_tanh = Value.tanh

    def bad_tanh(self):
        out = real_tanh(self)
        out.local_grads = (1.0 - out.data,)
        return out

    monkeypatch.setattr(Value, "tanh", bad_tanh)
    result = gradient_check(lambda x, w: (x * w).tanh(), {"x": 0.5, "w": 1.5})
    assert not result.ok
    assert {row[0] for row in result.mismatches} == {"x", "w"}


def test_gradient_check_tolerances():
    # a small, deliberate error of 1e-7 passes the default tolerance, fails a strict one
    def slightly_off(a):
        out = a * 3.0
        out.local_grads = (3.0 + 1e-7, out.local_grads[1])  # d/da off by 1e-7
        return out

    assert gradient_check(slightly_off, {"a": 1.0}).ok
    assert not gradient_check(slightly_off, {"a": 1.0}, rtol=1e-9, atol=1e-9).ok
