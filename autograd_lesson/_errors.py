"""Everything the engine says when a number is not one it can use, kept out of engine.py.

engine.py reads like the `Value` class a student writes in the course; this module
holds what makes it robust: checking what a user passes in (`as_number`, `as_data`,
`as_children`, `as_local_grads`) and the long messages of the errors an operation
raises. Each `*_error` function builds the exception and returns it, so the engine
writes `raise ...` itself and the traceback ends in the operation that failed.
"""

import decimal
import math
import sys

INF = math.inf
MAX_EXP = math.log(sys.float_info.max)  # about 709.78: exp() above this overflows


# ----- checking what the user passes in -----


def as_number(x, where):
    """`x` as a float if it is a real number (int, float, bool, NumPy scalar), else a clear error."""
    kind = type(x)
    if kind is float and -INF < x < INF:  # the common case first
        return x
    if kind is int or kind is bool:
        try:
            return float(x)
        except OverflowError:
            raise OverflowError(f"{where}: the integer {x} is too large for a float.") from None
    if hasattr(x, "data") and hasattr(x, "grad"):  # a Value (the package's, or a class like it)
        raise TypeError(
            f"{where}: expected a plain number here, got a {kind.__name__}; use its .data"
        )
    if isinstance(x, float) or (getattr(x, "ndim", None) == 0 and x.dtype.kind in "biuf"):
        x = float(x)  # floats, float subclasses and NumPy scalars (np.float32, np.int64, np.bool_)
        if -INF < x < INF:
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


def as_data(data, op):
    """`Value(data, ...)`'s number as a finite float, or a clear error."""
    data = as_number(data, "Value()") if type(data) is not float else data
    if not -INF < data < INF:
        raise not_finite_error(data, op)
    return data


def as_children(children, data, value):
    """`Value(data, children)`'s children as a tuple of `value` objects, or a clear error."""
    if isinstance(children, str):  # Value(2.0, "a"): the label in the place of the children
        raise TypeError(
            f"Value({data!r}, {children!r}): the second argument is `children`, the values this "
            f"one is made from. To name the value, write Value({data!r}, label={children!r})."
        )
    try:
        children = tuple(children)
    except TypeError:
        raise TypeError(
            f"Value(): `children` must be a sequence of Values, got {type(children).__name__} "
            f"{children!r}."
        ) from None
    for child in children:
        if not isinstance(child, value):
            raise TypeError(
                f"Value(): every child must be a Value, got {type(child).__name__} {child!r}."
            )
    return children


def as_local_grads(local_grads, children):
    """`Value(...)`'s local derivatives as a tuple, one per child (or none), or a clear error."""
    local_grads = tuple(local_grads)
    if local_grads and len(local_grads) != len(children):
        raise ValueError(
            f"Value(): {len(children)} children but {len(local_grads)} local derivatives; "
            "give one d(this)/d(child) for each child, in the same order."
        )
    return local_grads


def name(v):
    """How an error message refers to a value: by its label if it has one."""
    return f"{v.label!r} ({v.data!r})" if v.label else f"Value({v.data!r})"


# ----- results that are not finite numbers -----


def not_finite_error(data, op):
    if data != data and op:
        return ValueError(
            f"the result of '{op}' is NaN (not a number); a Value must be a finite number."
        )
    if op:
        return OverflowError(
            f"the result of '{op}' is {data!r}: too large for a float (above about 1.8e308). "
            "Use smaller numbers."
        )
    return ValueError(f"Value({data!r}): a Value must be a finite number, not NaN or infinity.")


def gradient_overflow_error(node):
    return OverflowError(
        f"backward: the gradient of {name(node)} is {node.grad!r}; the chain "
        "of local derivatives grew beyond a float. Use smaller numbers."
    )


def missing_local_grads_error(node):
    return ValueError(
        f"backward: {name(node)}, made by {node.op!r} from {len(node.children)} children, has "
        f"{len(node.local_grads)} local derivatives. A Value made from children needs "
        "local_grads=(d(this)/d(child), ...) to pass its gradient on."
    )


# ----- division -----


def zero_divisor_error(numerator, divisor):
    """numerator / divisor, where the divisor is a Value holding 0.0."""
    return ZeroDivisionError(
        f"division by zero: the divisor {name(divisor)} is 0.0, so "
        f"{numerator!r} / 0 has no value. Change that input so it is not zero."
    )


def division_derivative_error(numerator, divisor, op):
    """numerator / divisor, both Values, where a local derivative (1/b, or -a/b²) is too
    large for a float: the divisor is that near 0. `op` is the operation's name, "/"."""
    a, b = _data(numerator), _data(divisor)
    out = a / b
    if not -INF < out < INF:  # the result itself overflowed: say that first
        return not_finite_error(out, op)
    if not isinstance(divisor, float) and not -INF < -out / b < INF:
        which, formula, exact = "the divisor", "-a/b²", lambda: -_d(a) / _d(b) ** 2
    else:
        which, formula, exact = "the numerator", "1/b", lambda: 1 / _d(b)
    shown = repr(b) if isinstance(divisor, float) else name(divisor)
    return OverflowError(
        f"dividing by {shown}: {a!r} / {b!r} = {out!r}, but its derivative with respect to "
        f"{which}, {formula} = {_beyond(exact)}, is too large for a float (above about "
        "1.8e308), so no gradient can pass through it. Keep the divisor further from 0."
    )


# ----- powers, exp and log -----


def check_power(base, k):
    """Raise if base ** k (k a number) has no real value or no finite derivative."""
    x = base.data
    if x < 0.0 and k != int(k):
        raise ValueError(
            f"{name(base)} ** {k:g}: a negative base ({x!r}) to a fractional power "
            "is not a real number. Use a positive base, or a whole-number exponent."
        )
    if x == 0.0 and k < 1.0 and k != 0.0:
        what = "has no value" if k < 0.0 else "has an infinite derivative"
        raise ZeroDivisionError(
            f"{name(base)} ** {k:g} at 0.0 {what}, so it cannot be backpropagated. "
            "Move the base away from zero."
        )


def power_overflow_error(x, k):
    """x ** k, or its derivative k * x ** (k-1), overflowed (k a number)."""
    try:
        out = x**k
    except OverflowError:
        return OverflowError(
            f"{x!r} ** {k:g} is too large for a float (above about 1.8e308). Use smaller numbers."
        )
    slope = _beyond(lambda: _d(k) * _d(x) ** _d(k - 1.0))
    return OverflowError(
        f"{x!r} ** {k:g} = {out!r}, but its derivative {k:g} * x ** {k - 1.0:g} = {slope} is "
        "too large for a float (above about 1.8e308), so no gradient can pass through it. "
        + ("Use a base further from 0." if abs(x) < 1.0 else "Use smaller numbers.")
    )


def check_power_of_values(base, exponent):
    """Raise unless base ** exponent, both Values, has a gradient for the exponent (ln(base))."""
    if base.data <= 0.0:
        raise ValueError(
            f"{name(base)} ** {name(exponent)}: with the exponent a Value the base must be "
            f"positive (its gradient needs ln(base)), got {base.data!r}. For a fixed exponent "
            "use a number."
        )


def power_of_values_overflow_error(b, e):
    """b ** e, or one of its derivatives, overflowed (the exponent a Value): with respect
    to the base e * b ** (e-1), with respect to the exponent b ** e * ln(b)."""
    try:
        out = b**e
    except OverflowError:
        return OverflowError(f"{b!r} ** {e!r} is too large for a float (above about 1.8e308).")
    try:
        slope = e * b ** (e - 1.0)
    except OverflowError:
        slope = INF
    if -INF < slope < INF:  # then it is the exponent's derivative that overflowed
        which = "the exponent, b ** e * ln(b)"
        exact = _beyond(lambda: _d(b) ** _d(e) * _d(b).ln())
    else:
        which = "the base, e * b ** (e-1)"
        exact = _beyond(lambda: _d(e) * _d(b) ** _d(e - 1.0))
    return OverflowError(
        f"{b!r} ** {e!r} = {out!r}, but its derivative with respect to {which} = {exact}, is "
        "too large for a float (above about 1.8e308), so no gradient can pass through it. "
        + ("Use a base further from 0." if b < 1.0 else "Use smaller numbers.")
    )


def exp_overflow_error(x):
    return OverflowError(
        f"exp({x!r}) is too large for a float: exp overflows above about 709.78. "
        "Make the input smaller: a value this large usually means a step or a scale went wrong "
        "earlier. (Formulas that divide exponentials can subtract the largest exponent first: "
        "exp(a) / exp(b) = exp(a - b).)"
    )


def log_domain_error(x):
    return ValueError(
        f"log({x!r}): the logarithm is only defined for positive numbers. "
        "Make sure the input is above zero."
    )


def log_derivative_error(x):
    """log(x) with x > 0 so near 0 (below about 5.6e-309) that its derivative 1/x overflows."""
    return OverflowError(
        f"log({x!r}) = {math.log(x)!r}, but its derivative 1/x = {_beyond(lambda: 1 / _d(x))} "
        "is too large for a float (above about 1.8e308), so no gradient can pass through it. "
        "Keep the input further from 0."
    )


# ----- the exact size of a number too large for a float, for the messages above -----


def _data(x):
    """A Value's number, or the plain number itself."""
    return x if isinstance(x, float) else x.data


def _d(x):
    return decimal.Decimal(x)  # exact: a float's every digit, and no upper limit near 1e308


def _beyond(exact):
    """`exact()`, worked out in decimal where a float would overflow, to 3 digits: "-1e+400"."""
    with decimal.localcontext(decimal.Context(prec=12)):
        try:
            return format(decimal.Decimal(f"{exact():.3g}").normalize(), "g")
        except (ArithmeticError, ValueError):  # no such number (decimal refuses, e.g. 0 ** 0)
            return "beyond a float"
