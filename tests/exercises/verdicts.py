"""What the check batteries assert about a verdict, and the student functions they all try."""

from autograd_lesson.exercises.base import Verdict


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


def forever(*args):
    while True:
        pass


def raises(*args):
    raise ValueError("oops")


def stub(*args):
    raise NotImplementedError
