"""Checks for the exercises: each returns a `Verdict` that names what is wrong, in the lesson's terms.

`solution("04.1")` reveals an exercise's worked solution, for when you are stuck (or teaching).
"""

from .base import Verdict, add_solution, close, solution
from .lesson01 import check_best_h, check_slope
from .lesson02 import check_partial
from .lesson03 import check_neuron_sum
from .lesson04 import check_backprop_by_hand
from .lesson05 import check_downhill_step, check_first_order_change
from .lesson06 import check_my_backward, check_reverse_order
from .lesson07 import check_repeated_use
from .lesson08 import check_cube_derivative, check_quotient_derivative
from .lesson09 import check_best_nudge, check_do_dw1
from .lesson10 import check_first_step, check_learning_rate
from .lesson11 import check_train_step

__all__ = ["check_train_step", "check_first_step", "check_learning_rate", "check_backprop_by_hand", "check_downhill_step", "check_first_order_change", "check_my_backward", "check_reverse_order", "check_repeated_use", "check_best_h", "check_slope", "check_partial", "check_neuron_sum", "check_best_nudge", "check_do_dw1", "check_cube_derivative", "check_quotient_derivative", "Verdict", "add_solution", "close", "solution"]
