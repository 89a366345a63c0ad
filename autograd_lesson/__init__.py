"""autograd_lesson: a small automatic-differentiation engine to learn backpropagation from.

from autograd_lesson import Value, trace, draw_dot
"""

from .engine import Value, sum_values, topological_order
from .graph import draw_dot, format_number, trace
from .numerics import (
    central_difference,
    forward_difference,
    gradient_check,
    numerical_gradient,
)
from .projector import projector  # the name is the function; the module stays importable

__all__ = [
    "Value",
    "central_difference",
    "draw_dot",
    "format_number",
    "forward_difference",
    "gradient_check",
    "numerical_gradient",
    "projector",
    "sum_values",
    "topological_order",
    "trace",
]
__version__ = "0.1.0"
