"""The course's maintenance tools: run each from the repo root as `python -m tools.NAME`."""
