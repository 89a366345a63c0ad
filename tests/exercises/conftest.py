"""Fixtures the check batteries share."""

import pytest

from autograd_lesson.exercises import base


@pytest.fixture
def short_limit(monkeypatch):
    """Half a second for student code, so the batteries' endless loops end quickly."""
    monkeypatch.setattr(base, "TIME_LIMIT", 0.5)
