"""Live widgets for the lessons: move a slider, watch the forward and backward pass rerun.

Every widget keeps handles (`controls`, `picture`, `readout`) that code and tests can
drive: `w.controls["a"].value = 3.0` recomputes, and `w.readout.value` shows the result.
"""

from .accumulation import AccumulationToggle
from .base import LessonWidget
from .capstone import MoonsTrainer
from .derivative import DerivativeExplorer
from .explorer import GraphExplorer
from .nudge import Nudger
from .neuron import NeuronExplorer
from .descent import GradientDescentExplorer
from .trainer import NetworkTrainer
from .optimise import StepNudger
from .stepper import BackpropStepper

__all__ = ["MoonsTrainer", "AccumulationToggle", "BackpropStepper", "StepNudger", "NetworkTrainer", "GradientDescentExplorer", "NeuronExplorer", "DerivativeExplorer", "Nudger", "GraphExplorer", "LessonWidget"]
