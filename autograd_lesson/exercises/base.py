"""What every exercise check shares: a verdict that says what is right or what is wrong."""

import math


class Verdict:
    """The answer to "is my answer right?": `ok`, and a message that teaches.

    Shows as one line in a notebook: "✅ Correct: ..." or "❌ Not yet: ...".
    """

    def __init__(self, ok, message):
        self.ok = bool(ok)
        self.message = message

    def __bool__(self):
        return self.ok

    def __repr__(self):
        return ("✅ Correct: " if self.ok else "❌ Not yet: ") + self.message

    def _repr_html_(self):
        colour = "#1a7f37" if self.ok else "#b3261e"
        mark = "✅ Correct:" if self.ok else "❌ Not yet:"
        return (f'<div style="border-left:4px solid {colour};padding:4px 10px;font-size:110%">'
                f"<b>{mark}</b> {_escape(self.message)}</div>")


def numeric_answer(answer):
    """A student's numeric answer as a float, or None if it is not a number.

    A `Value` counts as its data; NumPy scalars count; bools, strings and None do not
    (True is not a slope, and "2.0" is text, not a number).
    """
    if hasattr(answer, "data") and hasattr(answer, "local_grads"):
        answer = answer.data  # a Value (NumPy scalars also have a .data, so ask for both)
    if isinstance(answer, (str, bytes, bool)) or answer is None or not hasattr(answer, "__float__"):
        return None
    try:
        return float(answer)
    except (TypeError, ValueError):
        return None


def close(answer, expected, tol=1e-6):
    """True if `answer` is a real number within `tol` (absolute or relative) of `expected`."""
    try:
        answer = float(answer)
    except (TypeError, ValueError):
        return False
    return math.isfinite(answer) and abs(answer - expected) <= tol * max(1.0, abs(expected))


def _escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_SOLUTIONS = {}


def add_solution(key, markdown):
    """Register the worked solution of exercise `key` (e.g. "04.1"), written in Markdown."""
    _SOLUTIONS[key] = markdown


def solution(key):
    """Reveal the worked solution of exercise `key`, on purpose: `solution("04.1")`."""
    from IPython.display import Markdown

    if key not in _SOLUTIONS:
        known = ", ".join(sorted(_SOLUTIONS)) or "none yet"
        raise KeyError(f"no exercise {key!r}; the exercises with solutions are: {known}")
    return Markdown(_SOLUTIONS[key])
