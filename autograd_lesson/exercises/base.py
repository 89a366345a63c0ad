"""What every exercise check shares: a verdict that teaches, and a safe way to run your code.

A check is a teacher, so it must answer every answer. Three promises, kept here once
for all checks:

- it never raises: `@check` turns any surprise (in your code or in the check) into a
  verdict that says what happened;
- it never hangs: your code runs with a time limit (`run`), and the verdict says when
  the limit was hit;
- an untouched exercise (a `...` placeholder, or a body that still raises
  `NotImplementedError`) gets a "your turn" verdict, not an error.
"""

import functools
import math
import re
import signal
import threading

# Marks from fonts every machine has (DejaVu, Liberation, Arial): an emoji font is not
# installed on many lab machines, where ✅ and ❌ show as empty boxes.
MARKS = {
    "ok": ("✔", "Correct", "#1a7f37"),
    "wrong": ("✘", "Not yet", "#b3261e"),
    "todo": ("✎", "Your turn", "#6b5900"),
}
TIME_LIMIT = 10.0  # seconds a student's function may run inside a check


class Verdict:
    """The answer to "is my answer right?": `ok`, and a message that teaches.

    Shows as one line in a notebook: "✔ Correct: ...", "✘ Not yet: ..." or, for an
    exercise not started, "✎ Your turn: ...". `done` is False only in that last case.
    """

    def __init__(self, ok, message, done=True):
        self.ok = bool(ok)
        self.done = bool(done) or self.ok
        self.message = message

    @classmethod
    def todo(cls, message):
        """The verdict for an exercise that is still its stub."""
        return cls(False, message, done=False)

    @property
    def kind(self):
        return "ok" if self.ok else "wrong" if self.done else "todo"

    def __bool__(self):
        return self.ok

    def __repr__(self):
        mark, word, _ = MARKS[self.kind]
        return f"{mark} {word}: {self.message}"

    def _repr_html_(self):
        mark, word, colour = MARKS[self.kind]
        message = _BACKTICKS.sub(r"<code>\1</code>", _escape(self.message))  # `x` shows as code
        return (
            f'<div style="border-left:4px solid {colour};padding:4px 10px;font-size:110%">'
            f"<b>{mark} {word}:</b> {message}</div>"
        )


class Stop(Exception):
    """Raised inside a check to end it with `verdict` (caught by `@check`)."""

    def __init__(self, verdict):
        super().__init__(verdict.message)
        self.verdict = verdict


class TimeLimit(BaseException):
    """The student's code ran past the time limit (a BaseException: `except Exception` in
    student code must not swallow it)."""


def check(key, stub_hint):
    """Make a function an exercise check for exercise `key` ("06.2").

    The wrapped check may raise `Stop(verdict)` from anywhere (the helpers below do);
    anything else it raises becomes a verdict too, so a check never shows a traceback.
    `stub_hint` is what to do first, shown while the exercise is still a stub.
    """

    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            if any(a is Ellipsis for a in (*args, *kwargs.values())):
                return todo(key, stub_hint, "replace the `...` with your answer")
            try:
                verdict = func(*args, **kwargs)
            except Stop as stop:
                verdict = stop.verdict
            except NotDone:
                verdict = todo(
                    key,
                    stub_hint,
                    "your code still raises NotImplementedError "
                    "(the stub): write it where it says # YOUR CODE",
                )
            except RecursionError:
                verdict = Verdict(
                    False,
                    "the check hit Python's recursion limit on your answer: "
                    "is something in it made from itself?",
                )
            except (
                Exception
            ) as error:  # a bug the battery missed: still a verdict, never a traceback
                verdict = Verdict(
                    False,
                    f"the check could not read your answer ({type(error).__name__}: "
                    f"{error}). Look at what you passed, and at solution({key!r}) "
                    "if you are stuck.",
                )
            if not isinstance(verdict, Verdict):
                verdict = Verdict(
                    False, f"the check for {key} gave no verdict; please report this."
                )
            _LATEST[key] = verdict
            return verdict

        wrapper.exercise = key
        return wrapper

    return decorate


class NotDone(Exception):
    """Raised inside a check when the answer is still the stub (caught by `@check`)."""


_LATEST = {}  # exercise key -> the verdict its check gave last


def yours_or_ours(key, yours, ours, what):
    """What the cells after exercise `key` should use: `yours` if its check last said
    correct, else `ours` (the package's version). Says which, in one line."""
    verdict = _LATEST.get(key)
    if verdict is not None and verdict.ok:
        print(f"Your {what} passed check {key}: the cells below use yours.")
        return yours
    print(
        f"Your {what} has not passed check {key} yet, so the cells below use the package's "
        f"{what}. Come back to it any time: once it passes, rerun from here."
    )
    return ours


def todo(key, hint, what):
    """The "your turn" verdict for exercise `key`: what to do, the hint, where the solution is."""
    return Verdict.todo(
        f"{what}, then run this cell again. {hint} "
        f"(Stuck? solution({key!r}) shows a worked answer.)"
    )


def run(func, *args, what=None, limit=None):
    """Call the student's `func(*args)` with a time limit; return what it returns.

    Raises `Stop` with a verdict that names the problem when it raises or runs too long,
    and `NotDone` when it is still a stub (raises NotImplementedError).
    """
    what = what or f"{getattr(func, '__name__', 'your function')}()"
    limit = TIME_LIMIT if limit is None else limit
    if not callable(func):
        raise Stop(Verdict(False, f"expected a function for {what}, got {describe(func)}."))
    try:
        return _with_time_limit(func, args, limit)
    except TimeLimit:
        raise Stop(
            Verdict(
                False,
                f"{what} did not finish within {limit:g} s, so the check stopped "
                "it. Look for a loop that never ends (a `while` whose condition "
                "never changes, or a node that is pushed again and again).",
            )
        ) from None
    except NotImplementedError:
        raise NotDone() from None
    except RecursionError:
        raise Stop(
            Verdict(
                False,
                f"{what} hit Python's recursion limit (RecursionError): a function "
                "that calls itself once per node cannot go deeper than about 1,000 "
                "nodes. Use a loop and a list as your own stack.",
            )
        ) from None
    except Stop:
        raise
    except Exception as error:
        raise Stop(Verdict(False, f"{what} raised {type(error).__name__}: {error}")) from None


def _with_time_limit(func, args, limit):
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):

        def alarm(signum, frame):
            raise TimeLimit()

        previous = signal.signal(signal.SIGALRM, alarm)
        signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            return func(*args)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    # no alarm signal here (Windows, or not the main thread): run it in a thread we can
    # wait for; a function that never returns keeps running in the background
    box = {}

    def target():
        try:
            box["result"] = func(*args)
        except BaseException as error:  # handed to the caller below
            box["error"] = error

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(limit)
    if worker.is_alive():
        raise TimeLimit()
    if "error" in box:
        raise box["error"]
    return box.get("result")


def describe(answer):
    """A short, safe description of any object: its type and a clipped repr."""
    try:
        text = repr(answer)
    except Exception:  # a student's __repr__ that raises
        text = "(its repr raised an error)"
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{type(answer).__name__} {text}"


def is_value(obj):
    """True for a Value, the package's or one written in a notebook (anything with data and
    children, or data and micrograd's _prev)."""
    return hasattr(obj, "data") and (hasattr(obj, "children") or hasattr(obj, "_prev"))


def number(answer, what="a number"):
    """`answer` as a finite float, or `Stop` with a verdict that names what was wrong with it.

    A Value counts as its data. NumPy scalars and one-element arrays count as numbers.
    Refused, each with its own message: text such as "2.0", True/False, complex numbers,
    None, containers, numbers too large for a float, NaN and infinity.
    """
    if answer is Ellipsis:
        raise NotDone()
    if is_value(answer):
        answer = answer.data
    kind = type(answer).__name__
    if isinstance(answer, (str, bytes)):
        raise Stop(
            Verdict(
                False,
                f"{answer!r} is text, not a number: remove the quotes and give {what} as a number.",
            )
        )
    if isinstance(answer, bool) or kind in ("bool_", "bool"):
        raise Stop(Verdict(False, f"{answer!r} is a yes/no value, not {what}."))
    if isinstance(answer, complex) or kind.startswith("complex"):
        raise Stop(Verdict(False, f"{answer!r} is a complex number; {what} is a real number."))
    if answer is None:
        raise Stop(
            Verdict(False, f"got None instead of {what}: did a function forget to `return`?")
        )
    size = getattr(answer, "size", None)
    if size is not None and getattr(answer, "shape", ()) != ():
        if size != 1:
            raise Stop(Verdict(False, f"got an array of {size} numbers; {what} is one number."))
        answer = answer.reshape(-1)[0]
    if not hasattr(answer, "__float__"):
        raise Stop(Verdict(False, f"expected {what}, got {describe(answer)}."))
    try:
        value = float(answer)
    except OverflowError:
        raise Stop(
            Verdict(
                False,
                f"your number is too large for a float (about 1.8e308 is the "
                f"largest); {what} is much smaller.",
            )
        ) from None
    except Exception:
        raise Stop(Verdict(False, f"expected {what}, got {describe(answer)}.")) from None
    if not math.isfinite(value):
        raise Stop(
            Verdict(
                False,
                f"your answer is {value!r}, not a finite number. NaN or inf usually "
                "means a division by zero or an overflow somewhere before.",
            )
        )
    return value


def numeric_answer(answer):
    """A student's numeric answer as a float, or None if it is not a number."""
    try:
        return number(answer)
    except (Stop, NotDone):
        return None


def close(answer, expected, tol=1e-6):
    """True if `answer` is a real number within `tol` (absolute or relative) of `expected`."""
    try:
        answer = float(answer)
    except (TypeError, ValueError, OverflowError):
        return False
    return math.isfinite(answer) and abs(answer - expected) <= tol * max(1.0, abs(expected))


def rounded_version(got, expected):
    """True if `got` looks like `expected` rounded to a few digits (but not equal to it)."""
    if got == expected or expected == 0.0:
        return False
    return any(abs(got - round(expected, d)) < 1e-12 for d in range(0, 6))


_BACKTICKS = re.compile(r"`([^`]+)`")


def _escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_SOLUTIONS = {}


def add_solution(key, markdown, code=None):
    """Register the worked solution of exercise `key` (e.g. "04.1").

    `markdown` explains it; `code`, when given, is the exercise cell filled in (shown after
    the explanation, and what the solved-run test puts into the cell tagged
    `exercise-<key>`).
    """
    _SOLUTIONS[key] = (markdown, code)


def solution_code(key):
    """The code that solves exercise `key`, as it goes into its cell (None if not registered)."""
    return _SOLUTIONS.get(key, (None, None))[1]


def solution(key):
    """Reveal the worked solution of exercise `key`, on purpose: `solution("04.1")`."""
    from IPython.display import Markdown

    if key not in _SOLUTIONS:
        known = ", ".join(sorted(_SOLUTIONS)) or "none yet"
        raise KeyError(f"no exercise {key!r}; the exercises with solutions are: {known}")
    markdown, code = _SOLUTIONS[key]
    if code:
        markdown = markdown.rstrip() + f"\n\n```python\n{code.strip()}\n```\n"
    return Markdown(markdown)


def solutions():
    """Every registered exercise key, in order."""
    return sorted(_SOLUTIONS)


EXERCISE_TAG = "exercise-"  # an exercise cell is tagged exercise-NN.k


def exercise_cells(nb):
    """(key, cell) for every exercise cell of a notebook (an nbformat notebook)."""
    for cell in nb.cells:
        for tag in cell.get("metadata", {}).get("tags", []):
            if tag.startswith(EXERCISE_TAG):
                yield tag[len(EXERCISE_TAG) :], cell


def fill_in_solutions(nb):
    """Put every exercise's registered solution code into its cell; return the keys filled."""
    keys = []
    for key, cell in exercise_cells(nb):
        code = solution_code(key)
        if code is None:
            raise KeyError(f"exercise {key} has no registered solution code")
        cell.source = code.strip()
        cell.outputs = []
        keys.append(key)
    return keys
