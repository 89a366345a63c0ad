"""Hypothesis runs reproducibly here: derandomized, no deadline, no example database."""

from hypothesis import settings

settings.register_profile(
    "autograd_lesson",
    derandomize=True,
    deadline=None,
    database=None,
    max_examples=100,
    print_blob=True,
)
settings.load_profile("autograd_lesson")


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: a test that takes a few seconds (deep graphs)")
