"""The course's benchmarks: run from the repo root as `python -m benchmarks.bench`."""
