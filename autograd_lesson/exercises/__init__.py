"""Checks for the exercises: each returns a `Verdict` that names what is wrong, in the lesson's terms."""

from .base import Verdict, close

__all__ = ["Verdict", "close"]
