"""The unit tests' set-up: Hypothesis's two profiles, and the `slow` marker.

Hypothesis runs one of two profiles:

- "dev", the default: it explores. Every run draws new random examples, and an example
  that failed is kept in its database, .hypothesis/ (ignored by git), and tried first on
  the next run. So each run on a developer's machine can find a bug the runs before it
  missed, and a bug once found stays found until it is fixed.
- "ci", where the environment has CI set (CI systems set CI=true; .ci/run sets it too, so
  a run of .ci/run in a fresh clone is a CI run): derandomized, no database. The same
  examples on every run, so a CI result depends only on the commit, never on luck or on
  what an earlier run left behind; a failure prints its blob (`@reproduce_failure`) to
  replay it anywhere.

Neither has a deadline: the machine is shared, and an example that is slow because other
work runs beside it is not a bug. HYPOTHESIS_PROFILE=dev or =ci overrides the choice
(HYPOTHESIS_PROFILE=ci repeats CI's examples locally).

`pytest -m "not slow"` is the quick loop: `slow` marks each test that takes 1.5 s or more.
"""

import os

from hypothesis import settings

# Both from Hypothesis's own defaults, not from whatever profile it loaded at import (it
# loads its built-in "ci" where it sees any CI variable, even CI=false); "ci" replaces that one.
DEFAULTS = settings.get_profile("default")
settings.register_profile("dev", DEFAULTS, deadline=None)
settings.register_profile(
    "ci", DEFAULTS, derandomize=True, database=None, deadline=None, print_blob=True
)


def _profile():
    chosen = os.environ.get("HYPOTHESIS_PROFILE")
    if chosen:
        return chosen
    in_ci = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
    return "ci" if in_ci else "dev"


settings.load_profile(_profile())


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "slow: takes 1.5 s or more; `pytest -m 'not slow'` is the quick loop"
    )
