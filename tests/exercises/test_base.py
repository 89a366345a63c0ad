"""The machinery every check stands on: verdicts, the stub verdict, the time limit, numbers."""

import signal
import sys
import threading

import numpy as np
import pytest

from autograd_lesson.exercises import base
from autograd_lesson.exercises.base import Stop, Verdict, check, number, run


@check("99.1", "Square the number.")
def check_square(func):
    got = number(run(func, 3.0, what="square(3)"), "square(3)")
    if got == 9.0:
        return Verdict(True, "3² = 9.")
    if got == 6.0:
        raise Stop(Verdict(False, "6 is 3·2: you doubled."))
    return Verdict(False, f"{got:g} is not 9.")


def stub(x):
    # YOUR CODE
    raise NotImplementedError


def forever(x):
    while True:
        pass


def swallows_everything(x):
    try:
        while True:
            pass
    except Exception:  # the time limit is not an Exception, so it still stops this
        return 9.0


def test_right_answer_in_every_numeric_form():
    for func in (
        lambda x: x * x,
        lambda x: 9,
        lambda x: np.float32(9),
        lambda x: np.int64(9),
        lambda x: np.array([9.0]),
        lambda x: np.array(9.0),
    ):
        verdict = check_square(func)
        assert verdict.ok and verdict.done and repr(verdict).startswith("✔ Correct:")


@pytest.mark.parametrize(
    "answer, words",
    [
        (lambda x: 2 * x, "you doubled"),
        (lambda x: x + 1, "4 is not 9"),
        (lambda x: "9", "is text, not a number"),
        (lambda x: True, "yes/no value"),
        (lambda x: np.bool_(True), "yes/no value"),
        (lambda x: 9 + 0j, "complex number"),
        (lambda x: None, "forget to `return`"),
        (lambda x: 10**400, "too large for a float"),
        (lambda x: np.array([9.0, 9.0]), "array of 2 numbers"),
        (lambda x: np.array(["9"]), "is text, not a number"),
        (lambda x: np.array([9 + 0j]), "complex number"),
        (lambda x: np.array([[True]]), "yes/no value"),
        (lambda x: float("nan"), "not a finite number"),
        (lambda x: float("inf"), "not a finite number"),
        (lambda x: object(), "expected square(3)"),
        (lambda x: 1 / 0, "raised ZeroDivisionError"),
        (lambda x: x(), "raised TypeError"),
        (42, "expected a function"),
        ("square", "expected a function"),
    ],
)
def test_wrong_and_absurd_answers_get_a_verdict_that_names_them(answer, words):
    verdict = check_square(answer)
    assert isinstance(verdict, Verdict) and not verdict.ok and verdict.done
    assert words in verdict.message and repr(verdict).startswith("✘ Not yet:")


def test_an_untouched_stub_and_an_ellipsis_get_your_turn():
    for answer in (stub, ...):
        verdict = check_square(answer)
        assert not verdict.ok and not verdict.done
        assert repr(verdict).startswith("✎ Your turn:") and "solution('99.1')" in verdict.message


def test_code_that_never_returns_is_stopped_and_named(short_limit):
    for func in (forever, swallows_everything):
        verdict = check_square(func)
        assert not verdict.ok and "did not finish within 0.5 s" in verdict.message
    assert check_square(lambda x: x * x).ok  # the alarm is gone afterwards


def bare_except_in_a_loop(x):  # the `except:` catches the time limit's first alarm
    while True:
        try:
            while True:
                pass
        except:  # noqa: E722
            pass


def bare_except_continue(x):
    while True:
        try:
            sum(range(1000))
        except:  # noqa: E722
            continue


def test_a_bare_except_cannot_swallow_the_time_limit(short_limit):
    trace = sys.gettrace()
    for func in (bare_except_in_a_loop, bare_except_continue):
        verdict = check_square(func)
        assert "did not finish within 0.5 s" in verdict.message
    assert sys.gettrace() is trace  # the tracer that stopped it is gone
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert check_square(lambda x: x * x).ok


def test_what_a_result_does_later_is_under_the_whole_checks_limit(short_limit, monkeypatch):
    monkeypatch.setattr(base, "CHECK_TIME_LIMIT", 1.0)

    class EndlessFloat:
        def __float__(self):  # runs when the check reads the number, after the call returned
            while True:
                pass

    verdict = check_square(lambda x: EndlessFloat())
    assert not verdict.ok and "did not finish within 1 s" in verdict.message
    assert "__float__" in verdict.message
    assert base._DEADLINES == [] and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert check_square(lambda x: x * x).ok


def test_a_call_gets_what_is_left_of_the_checks_limit(monkeypatch):
    monkeypatch.setattr(base, "CHECK_TIME_LIMIT", 0.5)  # shorter than the call's 10 s

    verdict = check_square(forever)
    assert "the check did not finish within 0.5 s" in verdict.message


def yields(x):
    yield x * x


def exits(x):
    sys.exit(0)


def closes(x):
    raise GeneratorExit


@pytest.mark.parametrize(
    "func, words",
    [
        (yields, ["returned a generator", "`yield`"]),
        (lambda x: map(abs, [x * x]), ["returned a map object", "for loop"]),
        (lambda x: filter(None, [x * x]), ["returned a filter object"]),
        (exits, ["raised SystemExit", "use `return`"]),
        (closes, ["raised GeneratorExit"]),
    ],
)
def test_lazy_results_and_exits_are_named(func, words):
    verdict = check_square(func)
    assert not verdict.ok and verdict.done
    for w in words:
        assert w in verdict.message, verdict.message


def test_an_exit_outside_the_call_is_a_verdict_too():
    class ExitsWhenRead:
        def __float__(self):
            raise SystemExit(1)

    assert "raised SystemExit" in check_square(lambda x: ExitsWhenRead()).message


def test_the_time_limit_works_off_the_main_thread_too(short_limit):
    release = threading.Event()

    def waits(x):  # stands for a loop that never ends, but lets go of the CPU and can be ended
        release.wait(10)
        return 9.0

    box = []
    worker = threading.Thread(target=lambda: box.append(check_square(waits)))
    worker.start()
    worker.join(5)
    release.set()
    assert box and "did not finish within 0.5 s" in box[0].message


def test_a_bug_in_the_check_itself_is_still_a_verdict():
    @check("99.2", "Anything.")
    def broken(answer):
        return {}["missing"]

    @check("99.3", "Anything.")
    def forgets_to_return(answer):
        pass

    assert "could not read your answer (KeyError" in broken(1).message
    assert "gave no verdict" in forgets_to_return(1).message


def test_recursion_in_student_code_is_explained():
    def recurse(x):
        return recurse(x)

    assert "recursion limit" in check_square(recurse).message


def test_yours_or_ours_follows_the_last_verdict(capsys):
    check_square(lambda x: 2 * x)
    assert base.yours_or_ours("99.1", "mine", "package's", "square") == "package's"
    check_square(lambda x: x * x)
    assert base.yours_or_ours("99.1", "mine", "package's", "square") == "mine"
    assert "Check 99.1 has not passed your square yet" in capsys.readouterr().out


def test_every_verdict_renders_as_html_with_its_mark_and_escaped_text():
    html = Verdict(False, "a < b & c").__repr__(), Verdict(False, "a < b & c")._repr_html_()
    assert html[0] == "✘ Not yet: a < b & c" and "a &lt; b &amp; c" in html[1]
    assert "✎ Your turn:" in Verdict.todo("x")._repr_html_()


def test_backticks_in_a_message_show_as_code_in_html():
    html = Verdict(False, "return `loss`, not `loss.data`")._repr_html_()
    assert "<code>loss</code>" in html and "<code>loss.data</code>" in html and "`" not in html
