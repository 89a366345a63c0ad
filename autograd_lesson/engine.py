"""The engine: a scalar `Value` that remembers how it was made, and `backward`.

Every arithmetic operation on `Value` objects does two things at once:

1. the *forward* step: it computes the new number, `out.data`;
2. it writes down the *local derivatives*: for each input x of the operation,
   d(out)/d(x), evaluated right now at the numbers we have.

So `c = a * b` stores `c.children = (a, b)` and `c.local_grads = (b.data, a.data)`,
because d(a*b)/da = b and d(a*b)/db = a.

`backward()` then needs only one rule, the chain rule, applied along every edge
from the output back to the inputs:

    child.grad += local_grad * node.grad

It visits the nodes in reverse topological order, so that a node's gradient is
complete (every path from the output has been added) before it is passed on.

This is the class the course builds in lessons 03 to 08, with the lessons' algorithms:
`topological_order` is the one you write in 06.3 (it comes from pieces.py, the course's
answers), `backward` is 07.1's, and a plain number in an operation becomes a `Value` of
its own, as in your class. What makes it robust (checking the inputs, and the long error
messages) lives in `_errors.py`.

Where it differs from what you wrote, only for speed, and what each difference gains
(`bash course.sh bench`, on the course's 2-core machine):

- an operation makes its output with `_result`, which fills the fields in itself instead
  of going through `__init__`'s checks of user input: a training step of MLP(3, [4, 4, 1])
  on four samples takes 110 µs instead of 225;
- `sum_values` (and nn.py's `weighted_sum`) adds many values as one node, where Python's
  `sum` makes a chain of two-input additions: a neuron's w·x + b is one node, not 2n, and
  the capstone's step on 100 points takes about 35 ms instead of about 160 on the course's
  pieces (pieces.py, the unfused engine the lessons build).
"""

import math

from . import _errors
from ._errors import INF, MAX_EXP, as_number
from .pieces import topological_order  # the lessons' sort (06.3), one copy for both engines

__all__ = ["Value", "sum_values", "topological_order"]


class Value:
    """One number in a computation, with the gradient that backpropagation finds for it.

    Value(data, children=(), op="", label="", local_grads=()), as in the lessons.

    Attributes:
        data: the number (a float).
        grad: d(output)/d(this value) after `output.backward()`; 0.0 before.
        children: the values it was made from, in operand order (`a - b` gives (a, b)).
        op: the operation that made this value, such as "+" or "tanh"; "" for an input.
        label: a name for pictures, such as "a" or "L".
        local_grads: d(this)/d(child) for each child, computed during the forward step.
    """

    __slots__ = ("children", "data", "grad", "label", "local_grads", "op")
    __array_ufunc__ = None  # NumPy: don't broadcast over a Value; ask Value's own operators

    def __init__(self, data, children=(), op="", label="", local_grads=()):
        self.data = _errors.as_data(data, op)  # float(data); refuses "3", [1, 2], NaN, ...
        self.grad = 0.0
        self.children = _errors.as_children(children, self.data, Value)  # a tuple of Values
        self.op = op
        self.label = label
        self.local_grads = _errors.as_local_grads(local_grads, self.children)

    def __repr__(self):
        label = f", label={self.label!r}" if self.label else ""
        return f"Value(data={self.data!r}, grad={self.grad!r}{label})"

    # ----- the operations: forward value and local derivatives side by side -----
    # A plain number c becomes a Value of its own (a leaf), as in the lessons' class.

    def __add__(self, other):  # self + other; d/dself = 1, d/dother = 1
        other = other if isinstance(other, Value) else _number(other, "+")
        return _result(self.data + other.data, (self, other), "+", (1.0, 1.0))

    def __radd__(self, other):  # other + self, where other is a plain number
        return _number(other, "+") + self

    def __mul__(self, other):  # self * other; d/dself = other, d/dother = self
        other = other if isinstance(other, Value) else _number(other, "*")
        return _result(self.data * other.data, (self, other), "*", (other.data, self.data))

    def __rmul__(self, other):  # other * self
        return _number(other, "*") * self

    def __neg__(self):  # -self; d/dself = -1
        return _result(-self.data, (self,), "neg", (-1.0,))

    def __sub__(self, other):  # self - other; d/dself = 1, d/dother = -1
        other = other if isinstance(other, Value) else _number(other, "-")
        return _result(self.data - other.data, (self, other), "-", (1.0, -1.0))

    def __rsub__(self, other):  # other - self
        return _number(other, "-") - self

    def __truediv__(self, other):  # self / other; d/dself = 1/other, d/dother = -self/other**2
        other = other if isinstance(other, Value) else _number(other, "/")
        a, d = self.data, other.data
        if d == 0.0:
            raise _errors.zero_divisor_error(a, other)
        out = a / d
        # -a/d² computed as -(a/d)/d: squaring a tiny d first would underflow to 0
        da, dd = 1.0 / d, -out / d
        if not (-INF < da < INF and -INF < dd < INF):  # d so near 0 that a slope overflows
            raise _errors.division_derivative_error(self, other, "/")
        return _result(out, (self, other), "/", (da, dd))

    def __rtruediv__(self, other):  # other / self
        return _number(other, "/") / self

    def __pow__(self, other):  # self ** k; d/dself = k * self**(k-1)
        if isinstance(other, Value):
            return _power_of_values(self, other)
        k, x = as_number(other, "**"), self.data
        _errors.check_power(self, k)  # refuses (-8) ** 0.5, 0 ** -1, 0 ** 0.5 (infinite slope)
        try:
            out, local = x**k, (k * x ** (k - 1.0) if k != 0.0 else 0.0)
        except OverflowError:
            raise _errors.power_overflow_error(x, k) from None
        if not -INF < local < INF:  # x**(k-1) fitted in a float, k times it does not
            raise _errors.power_overflow_error(x, k)
        return _result(out, (self,), f"**{k:g}", (local,))

    def __rpow__(self, other):  # c ** self; d/dself = c**self * ln(c)
        return _power_of_values(Value(as_number(other, "**")), self)

    def exp(self):  # e**x; d/dx = e**x, the output itself
        if self.data > MAX_EXP:
            raise _errors.exp_overflow_error(self.data)
        out = math.exp(self.data)
        return _result(out, (self,), "exp", (out,))

    def log(self):  # natural log; d/dx = 1/x
        x = self.data
        if x <= 0.0:
            raise _errors.log_domain_error(x)
        local = 1.0 / x
        if not local < INF:  # x so near 0 (below about 5.6e-309) that 1/x overflows
            raise _errors.log_derivative_error(x)
        return _result(math.log(x), (self,), "log", (local,))

    def tanh(self):  # d/dx = 1 - tanh(x)**2
        x = self.data
        # tanh(x) = (e^2x - 1) / (e^2x + 1), written with expm1(y) = e^y - 1, which stays
        # exact near 0 (this rounds correctly where math.tanh can be one digit off). Past
        # |x| = 20 a float's tanh is exactly ±1, so we never call exp on a huge number.
        y = math.expm1(2.0 * abs(x)) if abs(x) < 20.0 else math.inf
        t = math.copysign(y / (y + 2.0) if y < math.inf else 1.0, x)
        return _result(t, (self,), "tanh", ((1.0 - t) * (1.0 + t),))  # 1 - t², rounded once less

    def relu(self):  # max(0, x); d/dx = 1 where x > 0, else 0
        x = self.data
        return _result(x if x > 0.0 else 0.0, (self,), "relu", (1.0,) if x > 0.0 else (0.0,))

    # ----- backpropagation -----

    def backward(self):
        """Fill in `.grad` of every value this one depends on: d(self)/d(value).

        Lesson 07's backward: the output's grad is set to 1, and every node *adds* what
        reaches it along each edge, so a value used twice gets both contributions. Calling
        backward twice adds a second pass on top of the first: call `zero_grad()` first.
        """
        order = topological_order(self)
        self.grad = 1.0  # d(self)/d(self) = 1
        for node in reversed(order):
            local = node.local_grads
            if len(local) != len(node.children):  # a Value(data, children) without local_grads
                raise _errors.missing_local_grads_error(node)
            for child, local_grad in zip(node.children, local):
                child.grad += local_grad * node.grad  # the chain rule, one edge
        for node in order:
            if not math.isfinite(node.grad):
                raise _errors.gradient_overflow_error(node)

    def zero_grad(self):
        """Set `.grad` back to 0.0 on this value and every value it depends on."""
        for node in topological_order(self):
            node.grad = 0.0


def sum_values(values):
    """The sum of many values as a single "+" node (its local derivative is 1 for every input).

    Python's built-in `sum` makes a chain of two-input additions, one node each;
    this makes one node, which keeps a neuron's graph small and its picture clear.
    """
    values = tuple(values)
    if not values:
        raise ValueError("sum_values: got no values to add.")
    total = 0.0
    for v in values:
        if not isinstance(v, Value):
            raise TypeError(
                f"sum_values: every item must be a Value, got {type(v).__name__} {v!r}."
            )
        total += v.data
    return _result(total, values, "+", (1.0,) * len(values))


def _number(c, op):
    """A plain number in an operation, as a leaf Value of its own (after checking it)."""
    return _result(as_number(c, op), (), "", ())


def _result(data, children, op, local_grads):
    """The Value an operation returns: `Value(data, children, op, "", local_grads)`, but faster.

    It fills in the fields itself rather than go through `__init__`'s checks of user
    input: an operation's result is already a float, its children are Values and its
    local derivatives match them; it only needs checking for overflow. (The first
    difference listed at the top of this file.)
    """
    if not math.isfinite(data):
        raise _errors.not_finite_error(data, op)
    out = object.__new__(Value)
    out.data = data
    out.grad = 0.0
    out.label = ""
    out.op = op
    out.children = children
    out.local_grads = local_grads
    return out


def _power_of_values(base, exponent):
    """base ** exponent with both as Values: d/dbase = e*b**(e-1), d/dexponent = b**e * ln b."""
    b, e = base.data, exponent.data
    _errors.check_power_of_values(base, exponent)  # the base must be positive for ln(b)
    try:
        out, local_base = b**e, e * b ** (e - 1.0)
    except OverflowError:
        raise _errors.power_of_values_overflow_error(b, e) from None
    local_exponent = out * math.log(b)
    if not (-INF < local_base < INF and -INF < local_exponent < INF):
        raise _errors.power_of_values_overflow_error(b, e)
    return _result(out, (base, exponent), "**", (local_base, local_exponent))
