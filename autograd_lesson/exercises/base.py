"""What every exercise check shares: a verdict that teaches, and a safe way to run your code.

A check is a teacher, so it must answer every answer. Three promises, kept here once
for all checks:

- it never raises: `@check` turns any surprise (in your code or in the check) into a
  verdict that says what happened;
- it never hangs: your code runs with a time limit (`run`), the whole check with a longer
  one, and the verdict says when a limit was hit;
- an untouched exercise (a `...` placeholder, or a body that still raises
  `NotImplementedError`) gets a "your turn" verdict, not an error.
"""

import functools
import inspect
import math
import re
import signal
import sys
import threading
import time

from .. import classroom, mine

# Marks from fonts every machine has (DejaVu, Liberation, Arial): an emoji font is not
# installed on many lab machines, where ✅ and ❌ show as empty boxes.
MARKS = {
    "ok": ("✔", "Correct", "#1a7f37"),
    "wrong": ("✘", "Not yet", "#b3261e"),
    "todo": ("✎", "Your turn", "#6b5900"),
}
TIME_LIMIT = 10.0  # seconds a student's function may run inside a check
# seconds a whole check may run: it also covers what the check does with what your code
# returned (a generator it loops over, a __float__ it calls), outside any one call
CHECK_TIME_LIMIT = 30.0


class Verdict:
    """The answer to "is my answer right?": `ok`, and a message that teaches.

    Shows as one line in a notebook: "✔ Correct: ...", "✘ Not yet: ..." or, for an
    exercise not started, "✎ Your turn: ...". `done` is False only in that last case.
    `mistake`, when the check recognised a typical mistake, is its short stable name in
    words ("assigns-instead-of-adds"): what the instructor's class view counts.
    """

    def __init__(self, ok, message, done=True, mistake=None):
        self.ok = bool(ok)
        self.done = bool(done) or self.ok
        self.message = message
        self.mistake = mistake
        self.note = None  # a line under the verdict: where a passed piece was saved

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
        note = f"\n  {self.note}" if self.note else ""
        return f"{mark} {word}: {self.message}{note}"

    def _repr_html_(self):
        mark, word, colour = MARKS[self.kind]
        message = _BACKTICKS.sub(r"<code>\1</code>", _escape(self.message))  # `x` shows as code
        note = (
            f'<div style="font-size:85%;color:#444;margin-top:2px">{_escape(self.note)}</div>'
            if self.note
            else ""
        )
        return (
            f'<div style="border-left:4px solid {colour};padding:4px 10px;font-size:110%">'
            f"<b>{mark} {word}:</b> {message}{note}</div>"
        )


class Stop(Exception):
    """Raised inside a check to end it with `verdict` (caught by `@check`)."""

    def __init__(self, verdict):
        super().__init__(verdict.message)
        self.verdict = verdict


class TimeLimit(BaseException):
    """The student's code ran past the time limit (a BaseException: `except Exception` in
    student code must not swallow it). `whole_check` is True when it was the limit of the
    whole check, not of one call."""

    def __init__(self, whole_check=False):
        super().__init__()
        self.whole_check = whole_check


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
                verdict = todo(key, stub_hint, "replace the `...` with your answer")
                classroom.report(key, verdict)  # ✎ counts too: the student opened it
                return verdict
            try:
                verdict = _with_time_limit(
                    func, args, CHECK_TIME_LIMIT, kwargs=kwargs, whole_check=True
                )
            except Stop as stop:
                verdict = stop.verdict
            except TimeLimit:
                verdict = Verdict(
                    False,
                    f"the check did not finish within {CHECK_TIME_LIMIT:g} s, so it "
                    "stopped. Your functions returned in time, so something they returned "
                    "keeps running when it is used: a generator whose loop never ends, or "
                    "a method (such as __float__ or parameters()) with an endless loop.",
                )
            except (SystemExit, GeneratorExit) as error:
                verdict = Verdict(False, _exit_message(error, "your code"))
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
            if verdict.ok and args:
                verdict.note = _collect(key, args)
            classroom.report(key, verdict)  # on a hub with the class view; returns at once
            return verdict

        wrapper.exercise = key
        return wrapper

    return decorate


def _collect(key, answer):
    """Save a passed piece of the engine into the student's my_engine.py (see mine.py);
    the line to show under the verdict, or None. Saving never changes the verdict."""
    try:
        return mine.collect(key, answer)
    except Exception as error:  # a bug in saving must not cost the student their ✔
        return f"Not saved to {mine.FILE}: {type(error).__name__}: {error}."


class NotDone(Exception):
    """Raised inside a check when the answer is still the stub (caught by `@check`)."""


_LATEST = {}  # exercise key -> the verdict its check gave last


def yours_or_ours(key, yours, fallback, what, ours="the package's"):
    """What the cells after exercise `key` should use: `yours` if its check last said
    correct, else `fallback` (whose it is, `ours`, goes into the line that says which)."""
    verdict = _LATEST.get(key)
    if verdict is not None and verdict.ok:
        print(f"Your {what} passed check {key}: the cells below use yours.")
        return yours
    print(
        f"Check {key} has not passed your {what} yet, so the cells below use {ours} "
        f"{what}. Come back to it any time: once it passes, rerun from here."
    )
    return fallback


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
        result = _with_time_limit(func, args, limit)
    except TimeLimit as stop:
        if stop.whole_check:
            raise
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
    except (SystemExit, GeneratorExit) as error:
        raise Stop(Verdict(False, _exit_message(error, what))) from None
    except Exception as error:
        raise Stop(Verdict(False, f"{what} raised {type(error).__name__}: {error}")) from None
    if inspect.isgenerator(result) or isinstance(result, (map, filter)):
        lazy = "a generator" if inspect.isgenerator(result) else f"a {type(result).__name__} object"
        raise Stop(
            Verdict(
                False,
                f"{what} returned {lazy}: that is lazy, so none of the work inside it has "
                "run yet, and it runs only when something loops over it. "
                + (
                    "A `yield` makes a function a generator: compute the result and `return` it."
                    if inspect.isgenerator(result)
                    else "Write a for loop (or a list) instead, so the work happens now."
                ),
            )
        )
    return result


def _exit_message(error, what):
    if isinstance(error, SystemExit):
        return (
            f"{what} raised SystemExit: sys.exit(), exit() and quit() end a whole program. "
            "Inside a function, use `return` (or raise an error with a message)."
        )
    return (
        f"{what} raised GeneratorExit, which Python uses to close generators: raise an "
        "error of your own (ValueError, say) or use `return` instead."
    )


_DEADLINES = []  # the active time limits' deadlines (time.monotonic()), innermost last
_REPEAT = 0.05  # after its limit, the alarm fires again every 50 ms until it is stopped


def _with_time_limit(func, args, limit, kwargs=None, whole_check=False):
    """`func(*args, **kwargs)`, or `TimeLimit` once `limit` seconds have passed.

    Limits nest: a call inside a check gets the smaller of its own limit and what is left
    of the check's. On the main thread the alarm signal stops the code. If a bare `except:`
    swallows that, the alarm fires again 50 ms later and then stops the code at its next
    line, and the next, until it is out: an `except:` cannot catch what its own lines raise.
    """
    kwargs = kwargs or {}
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        outer = _DEADLINES[-1] if _DEADLINES else math.inf
        deadline = min(time.monotonic() + limit, outer)
        whole = whole_check or deadline == outer  # the check's limit comes first: say so
        armed, fired = [True], [0]

        def stop_line(frame, event, arg):  # traces the code once an `except:` caught the limit
            if not armed[0]:
                return None
            if event == "line" and isinstance(sys.exc_info()[1], TimeLimit):
                raise TimeLimit(whole_check=whole)  # from inside the `except:`: it gets out
            return stop_line

        def alarm(signum, frame):
            if not armed[0]:
                return
            fired[0] += 1
            if fired[0] > 1:  # the first one was swallowed (a bare `except:` in a loop)
                _trace_below(frame, _with_time_limit.__code__, stop_line)
            raise TimeLimit(whole_check=whole)

        previous = signal.signal(signal.SIGALRM, alarm)
        previous_trace = sys.gettrace()
        _DEADLINES.append(deadline)
        _start_alarm(deadline)
        try:
            return func(*args, **kwargs)
        finally:
            armed[0] = False  # first, so that an alarm arriving from here on is ignored
            _stop_alarm()
            if fired[0] > 1:
                sys.settrace(previous_trace)
            _DEADLINES.pop()
            signal.signal(signal.SIGALRM, previous)
            if _DEADLINES:  # back to the enclosing limit
                _start_alarm(_DEADLINES[-1])
    if whole_check:  # off the main thread, each call of the student's code gets a limit
        return func(*args, **kwargs)
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


def _trace_below(frame, code, tracer):
    """Trace every frame of the running code up to the one running `code`, and new ones."""
    while frame is not None and frame.f_code is not code:
        frame.f_trace = tracer
        frame = frame.f_back
    sys.settrace(tracer)


def _start_alarm(deadline):
    signal.setitimer(signal.ITIMER_REAL, max(deadline - time.monotonic(), 1e-4), _REPEAT)


def _stop_alarm():
    signal.setitimer(signal.ITIMER_REAL, 0)


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
    size = getattr(answer, "size", None)  # a NumPy array: judge the number inside it
    if isinstance(size, int) and getattr(answer, "shape", ()) != ():
        if size != 1:
            raise Stop(Verdict(False, f"got an array of {size} numbers; {what} is one number."))
        answer = answer.reshape(-1)[0]
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


def apart(got, want, digits=6):
    """`got` and `want` as text with `digits` significant digits, or more until the two read
    differently: a float32 answer agrees with the right one to about 7 digits."""
    for d in range(digits, 18):
        shown = f"{got:.{d}g}", f"{want:.{d}g}"
        if shown[0] != shown[1]:
            return shown
    return repr(got), repr(want)


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
