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
"""

import math
from operator import attrgetter

_INF = math.inf
_MAX_EXP = math.log(2.0**1023 * (2.0 - 2.0**-52))  # about 709.78: exp() above this overflows
_ONE = (1.0,)  # shared tuples of local derivatives, so `+` allocates nothing for them
_ONE_ONE = (1.0, 1.0)
_ONE_MINUS_ONE = (1.0, -1.0)
_MINUS_ONE = (-1.0,)
_ZERO = (0.0,)
_grad_of = attrgetter("grad")


class Value:
    """One number in a computation, with the gradient that backpropagation finds for it.

    Attributes:
        data: the number (a float).
        grad: d(output)/d(this value) after `output.backward()`; 0.0 before.
        label: a name for pictures, such as "a" or "L".
        op: the operation that made this value, such as "+" or "tanh"; "" for an input.
        children: the values it was made from, in operand order (`a - b` gives (a, b)).
        local_grads: d(this)/d(child) for each child, computed during the forward step.
    """

    __slots__ = ("data", "grad", "label", "op", "children", "local_grads")
    __array_ufunc__ = None  # NumPy: don't broadcast over a Value; ask Value's own operators

    def __init__(self, data, label="", _children=(), _op="", _local_grads=()):
        if type(data) is not float:
            data = as_number(data, "Value()")  # ints, NumPy scalars; refuses strings, lists, ...
        if not -_INF < data < _INF:
            raise _not_finite(data, _op)
        self.data = data
        self.grad = 0.0
        self.label = label
        self.op = _op
        self.children = _children
        self.local_grads = _local_grads

    def __repr__(self):
        label = f", label={self.label!r}" if self.label else ""
        return f"Value(data={self.data!r}, grad={self.grad!r}{label})"

    # ----- the operations: forward value and local derivatives side by side -----

    def __add__(self, other):  # self + other; d/dself = 1, d/dother = 1
        if type(other) is Value:
            return _result(self.data + other.data, (self, other), "+", _ONE_ONE)
        c = as_number(other, "+")
        return _result(self.data + c, (self,), f"+{c:g}", _ONE)

    def __radd__(self, other):  # other + self, where other is a plain number
        return self + other

    def __mul__(self, other):  # self * other; d/dself = other, d/dother = self
        if type(other) is Value:
            return _result(self.data * other.data, (self, other), "*", (other.data, self.data))
        c = as_number(other, "*")
        return _result(self.data * c, (self,), f"*{c:g}", (c,))

    def __rmul__(self, other):  # other * self
        return self * other

    def __neg__(self):  # -self; d/dself = -1
        return _result(-self.data, (self,), "neg", _MINUS_ONE)

    def __sub__(self, other):  # self - other; d/dself = 1, d/dother = -1
        if type(other) is Value:
            return _result(self.data - other.data, (self, other), "-", _ONE_MINUS_ONE)
        c = as_number(other, "-")
        return _result(self.data - c, (self,), f"-{c:g}", _ONE)

    def __rsub__(self, other):  # other - self; d/dself = -1
        c = as_number(other, "-")
        return _result(c - self.data, (self,), f"{c:g}-", _MINUS_ONE)

    def __truediv__(self, other):  # self / other; d/dself = 1/other, d/dother = -self/other**2
        if type(other) is Value:
            d = other.data
            if d == 0.0:
                raise ZeroDivisionError(
                    f"division by zero: the divisor {_name(other)} is 0.0, so "
                    f"{self.data!r} / 0 has no value. Change that input so it is not zero."
                )
            # -a/d² computed as -(a/d)/d: squaring a tiny d first would underflow to 0
            return _result(self.data / d, (self, other), "/", (1.0 / d, -(self.data / d) / d))
        c = as_number(other, "/")
        if c == 0.0:
            raise ZeroDivisionError(
                f"division by zero: {_name(self)} / 0 has no value. Divide by a non-zero number."
            )
        return _result(self.data / c, (self,), f"/{c:g}", (1.0 / c,))

    def __rtruediv__(self, other):  # other / self; d/dself = -other/self**2
        c = as_number(other, "/")
        d = self.data
        if d == 0.0:
            raise ZeroDivisionError(
                f"division by zero: the divisor {_name(self)} is 0.0, so "
                f"{c!r} / 0 has no value. Change that input so it is not zero."
            )
        return _result(c / d, (self,), f"{c:g}/", (-(c / d) / d,))

    def __pow__(self, other):  # self ** k; d/dself = k * self**(k-1)
        if type(other) is Value:
            return _power_of_values(self, other)
        k = as_number(other, "**")
        x = self.data
        if x < 0.0 and k != int(k):
            raise ValueError(
                f"{_name(self)} ** {k:g}: a negative base ({x!r}) to a fractional power "
                "is not a real number. Use a positive base, or a whole-number exponent."
            )
        if x == 0.0 and k < 1.0 and k != 0.0:
            what = "has no value" if k < 0.0 else "has an infinite derivative"
            raise ZeroDivisionError(
                f"{_name(self)} ** {k:g} at 0.0 {what}, so it cannot be backpropagated. "
                "Move the base away from zero."
            )
        try:
            out = x**k
        except OverflowError:
            raise OverflowError(
                f"{x!r} ** {k:g} is too large for a float (above about 1.8e308). "
                "Use smaller numbers."
            ) from None
        try:
            local = k * x ** (k - 1.0) if k != 0.0 else 0.0
        except OverflowError:
            raise OverflowError(
                f"{x!r} ** {k:g} = {out!r}, but its derivative {k:g} * x ** {k - 1.0:g} is too "
                "large for a float, so no gradient can pass through it. Use a base further from 0."
            ) from None
        return _result(out, (self,), f"**{k:g}", (local,))

    def __rpow__(self, other):  # c ** self; d/dself = c**self * ln(c)
        return _power_of_values(Value(as_number(other, "**")), self)

    def exp(self):  # e**x; d/dx = e**x, the output itself
        x = self.data
        if x > _MAX_EXP:
            raise OverflowError(
                f"exp({x!r}) is too large for a float: exp overflows above about 709.78. "
                "Scale the input down (or use tanh, which never overflows)."
            )
        out = math.exp(x)
        return _result(out, (self,), "exp", (out,))

    def log(self):  # natural log; d/dx = 1/x
        x = self.data
        if x <= 0.0:
            raise ValueError(
                f"log({x!r}): the logarithm is only defined for positive numbers. "
                "Make sure the input is above zero."
            )
        return _result(math.log(x), (self,), "log", (1.0 / x,))

    def tanh(self):  # d/dx = 1 - tanh(x)**2
        x = self.data
        # tanh(x) = (e^2x - 1) / (e^2x + 1), written with expm1(y) = e^y - 1, which stays
        # exact near 0 (this rounds correctly where math.tanh can be one digit off). Past
        # |x| = 20 a float's tanh is exactly ±1, so we never call exp on a huge number.
        y = math.expm1(2.0 * abs(x)) if abs(x) < 20.0 else _INF
        t = math.copysign(y / (y + 2.0) if y < _INF else 1.0, x)
        return _result(t, (self,), "tanh", ((1.0 - t) * (1.0 + t),))  # 1 - t², rounded once less

    def relu(self):  # max(0, x); d/dx = 1 where x > 0, else 0
        x = self.data
        return _result(x if x > 0.0 else 0.0, (self,), "relu", _ONE if x > 0.0 else _ZERO)

    # ----- backpropagation -----

    def backward(self):
        """Fill in `.grad` of every value this one depends on: d(self)/d(value).

        The inner nodes of the graph get this pass's gradient; the inputs (leaves)
        *add* it to what they had, so calling backward twice doubles their
        grads. Call `zero_grad()` first when you want a fresh start.
        """
        order = topological_order(self)
        inner = [node for node in order if node.children]  # leaves have nothing to pass on
        for node in inner:
            node.grad = 0.0  # an inner node's grad belongs to this pass only
        self.grad += 1.0  # d(self)/d(self) = 1
        for node in reversed(inner):
            upstream, children, local = node.grad, node.children, node.local_grads
            # The chain rule, one edge at a time. Most operations have one or two
            # inputs; writing those out is faster than a loop, and does the same sums.
            n = len(children)
            if n == 1:
                children[0].grad += local[0] * upstream
            elif n == 2:
                children[0].grad += local[0] * upstream
                children[1].grad += local[1] * upstream
            else:
                for child, local_grad in zip(children, local):
                    child.grad += local_grad * upstream
        if not -_INF < sum(map(_grad_of, order)) < _INF:  # inf or NaN somewhere? look closer
            for node in order:
                if not -_INF < node.grad < _INF:
                    raise OverflowError(
                        f"backward: the gradient of {_name(node)} is {node.grad!r}; the chain "
                        "of local derivatives grew beyond a float. Use smaller numbers."
                    )

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
        if type(v) is not Value:
            raise TypeError(f"sum_values: every item must be a Value, got {type(v).__name__} {v!r}.")
        total += v.data
    return _result(total, values, "+", (1.0,) * len(values))


def weighted_sum(weights, inputs, bias):
    """w1*x1 + ... + wn*xn + b as a single node: the heart of a neuron.

    Mathematically it is `sum_values([w * x for w, x in zip(weights, inputs)] + [bias])`;
    as one node it builds a neuron's graph with a fraction of the objects, which is
    how real libraries treat a layer's matrix product. Its local derivatives:
    d/dwi = xi, d/dxi = wi (when xi is a Value), d/db = 1. Plain-number inputs
    (the data) are constants, so only the weight gets an edge.
    """
    if len(weights) != len(inputs):
        raise ValueError(f"weighted_sum: {len(weights)} weights but {len(inputs)} inputs; "
                         "a neuron needs one weight per input.")
    if type(bias) is not Value or any(type(w) is not Value for w in weights):
        raise TypeError("weighted_sum: the weights and the bias must be Values (the parameters).")
    total = bias.data
    children = []
    local_grads = []
    for w, x in zip(weights, inputs):
        if type(x) is Value:
            total += w.data * x.data
            children += (w, x)
            local_grads += (x.data, w.data)
        else:
            x = as_number(x, "weighted_sum")
            total += w.data * x
            children.append(w)
            local_grads.append(x)
    children.append(bias)
    local_grads.append(1.0)
    return _result(total, tuple(children), "wx+b", tuple(local_grads))


def topological_order(root):
    """Every value that `root` depends on, each listed after all of its children.

    A depth-first walk with an explicit stack instead of recursion, so a graph a
    million nodes deep works (Python's recursion limit stops at about 1,000).
    Children are visited in operand order, so the order is the same on every run.
    """
    order = []
    seen = {root}
    stack = [(root, iter(root.children))]  # the path from root: (node, its children still to visit)
    while stack:
        node, children = stack[-1]
        for child in children:
            if child not in seen:
                seen.add(child)
                if child.children:  # go down into it; come back to `node` later
                    stack.append((child, iter(child.children)))
                    break
                order.append(child)  # a leaf has no children to wait for
        else:  # every child is done: the node itself can go
            stack.pop()
            order.append(node)
    return order


def as_number(x, where):
    """`x` as a float if it is a real number (int, float, bool, NumPy scalar), else a clear error."""
    kind = type(x)
    if kind is float and -_INF < x < _INF:  # the common case first
        return x
    if kind is int or kind is bool:
        try:
            return float(x)
        except OverflowError:
            raise OverflowError(f"{where}: the integer {x} is too large for a float.") from None
    if kind is Value:
        raise TypeError(f"{where}: expected a plain number here, got a Value; use its .data")
    if isinstance(x, float) or (getattr(x, "ndim", None) == 0 and x.dtype.kind in "biuf"):
        x = float(x)  # floats, float subclasses and NumPy scalars (np.float32, np.int64, np.bool_)
        if -_INF < x < _INF:
            return x
        raise ValueError(f"{where}: got {x!r}; only finite numbers work, not NaN or infinity.")
    if getattr(x, "ndim", 0) > 0:
        raise TypeError(
            f"{where}: got a NumPy array of shape {x.shape}; a Value holds a single number. "
            "Make one Value per element, e.g. [Value(float(v)) for v in array]."
        )
    raise TypeError(
        f"{where}: expected a number (int, float or Value), got {kind.__name__} {x!r}. "
        "Values only combine with numbers; convert it first, e.g. float(...)."
    )


_new_object = object.__new__


def _result(data, children, op, local_grads):
    """The Value that an operation returns: `Value(data, "", children, op, local_grads)`, faster.

    This is the engine's busiest line, so it fills in the fields itself rather than
    go through `__init__`'s checks of user input: an operation's result is already a
    float, and only needs checking for overflow.
    """
    if not -_INF < data < _INF:
        raise _not_finite(data, op)
    out = _new_object(Value)
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
    if b <= 0.0:
        raise ValueError(
            f"{_name(base)} ** {_name(exponent)}: with the exponent a Value the base must be "
            f"positive (its gradient needs ln(base)), got {b!r}. For a fixed exponent use a number."
        )
    try:
        out = b**e
    except OverflowError:
        raise OverflowError(f"{b!r} ** {e!r} is too large for a float (above about 1.8e308).") from None
    try:
        local_base = e * b ** (e - 1.0)
    except OverflowError:
        raise OverflowError(
            f"{b!r} ** {e!r} = {out!r}, but its derivative with respect to the base is too "
            "large for a float, so no gradient can pass through it. Use a base further from 0."
        ) from None
    return _result(out, (base, exponent), "**", (local_base, out * math.log(b)))


def _name(v):
    """How an error message refers to a value: by its label if it has one."""
    return f"{v.label!r} ({v.data!r})" if v.label else f"Value({v.data!r})"


def _not_finite(data, op):
    if data != data and op:
        return ValueError(f"the result of '{op}' is NaN (not a number); a Value must be a finite number.")
    if op:
        return OverflowError(
            f"the result of '{op}' is {data!r}: too large for a float (above about 1.8e308). "
            "Use smaller numbers."
        )
    return ValueError(f"Value({data!r}): a Value must be a finite number, not NaN or infinity.")
