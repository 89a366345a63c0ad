"""Live widgets for the lessons: move a slider, watch the forward and backward pass rerun.

Every widget keeps handles (`controls`, `picture`, `readout`) that code and tests can
drive: `w.controls["a"].value = 3.0` recomputes, and `w.readout.value` shows the result.
"""

from .accumulation import AccumulationToggle
from .base import LessonWidget
from .capstone import MoonsTrainer
from .derivative import DerivativeExplorer
from .descent import GradientDescentExplorer
from .explorer import GraphExplorer
from .neuron import NeuronExplorer
from .nudge import Nudger
from .optimise import StepNudger
from .stepper import BackpropStepper
from .trainer import NetworkTrainer

__all__ = [
    "AccumulationToggle",
    "BackpropStepper",
    "DerivativeExplorer",
    "GradientDescentExplorer",
    "GraphExplorer",
    "LessonWidget",
    "MoonsTrainer",
    "NetworkTrainer",
    "NeuronExplorer",
    "Nudger",
    "StepNudger",
]
