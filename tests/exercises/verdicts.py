"""What the check batteries assert about a verdict, and the student functions they all try."""

import functools
import pathlib
import types

import nbformat
import numpy as np

from autograd_lesson import mine
from autograd_lesson.exercises.base import Verdict, solution_code
from autograd_lesson.mine import course_pieces


@functools.cache
def _pieces_for(cls):
    return course_pieces(cls)


# The course's pieces (pieces.py, the solutions) for whatever class they are called on, so a
# battery can build a right class of any shape, then spoil one piece of it.
course = types.SimpleNamespace(
    add=lambda self, other: _pieces_for(type(self)).__add__(self, other),
    mul=lambda self, other: _pieces_for(type(self)).__mul__(self, other),
    topological_order=_pieces_for(None).topological_order,  # reads only .children
    backward=lambda root: _pieces_for(type(root)).backward(root),
    zero_grad=lambda root: _pieces_for(type(root)).zero_grad(root),
)


def is_ok(verdict):
    assert isinstance(verdict, Verdict) and verdict.ok and verdict.done, verdict
    assert repr(verdict).startswith("✔ Correct:")


def is_wrong(verdict, *words):
    assert isinstance(verdict, Verdict) and not verdict.ok and verdict.done, verdict
    for w in words:
        assert w in verdict.message, verdict.message


def is_todo(verdict, *words):
    assert isinstance(verdict, Verdict) and not verdict.ok and not verdict.done, verdict
    assert repr(verdict).startswith("✎ Your turn:")
    for w in words:
        assert w in verdict.message, verdict.message


# What a student might hand a check instead of an answer: each must get a verdict.
GARBAGE = [
    None,
    "2.0",
    True,
    np.bool_(True),
    1 + 0j,
    10**400,
    np.array([1.0, 2.0]),
    float("nan"),
    object(),
]


class Micro:
    """A micrograd-style Value: children in a set `_prev`, the op in `_op`, no local_grads."""

    def __init__(self, data, _children=(), _op="", label=""):
        self.data, self.grad, self._prev, self._op, self.label = (
            float(data),
            0.0,
            set(_children),
            _op,
            label,
        )

    def __add__(self, other):
        other = other if isinstance(other, Micro) else Micro(other)
        return Micro(self.data + other.data, (self, other), "+")

    def __mul__(self, other):
        other = other if isinstance(other, Micro) else Micro(other)
        return Micro(self.data * other.data, (self, other), "*")

    __radd__ = __add__
    __rmul__ = __mul__


def forever(*args):
    while True:
        pass


def raises(*args):
    raise ValueError("oops")


def stub(*args):
    raise NotImplementedError


def assert_verdict(v, ok, words=(), done=True):
    assert isinstance(v, Verdict), v
    assert v.ok is ok and v.done is done, v
    for w in (words,) if isinstance(words, str) else words:
        assert w in v.message, v.message


NOTEBOOKS = pathlib.Path(__file__).resolve().parents[2] / "notebooks"


def given_class(notebook):
    """The source of the `class Value:` cell a notebook gives the student."""
    return next(
        c.source
        for c in nbformat.read(NOTEBOOKS / notebook, 4).cells
        if c.cell_type == "code" and c.source.startswith("class Value:")
    )


def engine_without(*keys):
    """The course's engine (pieces.py) without the pieces of `keys`: what a lesson that runs on
    the engine gives the student before they write those pieces."""
    text = mine._reference_text()
    for block in reversed(mine.blocks(text)):
        if set(block.keys) & set(keys):
            text = text[: block.start] + text[block.end :]
    return text


def run_solutions(given, namespace, keys, replace=(), extra=""):
    """Run `given`, then the solutions of `keys` (their check calls removed) with each
    (old, new) of `replace` applied, then `extra`, all in `namespace`; return it."""
    exec(given, namespace)
    hits = set()
    for key in keys:
        code = solution_code(key).rsplit("\ncheck_", 1)[0]
        for old, new in replace:
            if old in code:
                hits.add(old)
                code = code.replace(old, new)
        exec(code, namespace)
    assert hits == {old for old, _ in replace}, "a mutation did not apply"
    exec(extra, namespace)
    return namespace
