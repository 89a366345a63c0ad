"""Lesson 12 batteries: relu (12.1), the capstone's network (12.2), its loss (12.3) and its
training loop (12.4)."""

import numpy as np
import pytest

from autograd_lesson import Value, capstone, sum_values
from autograd_lesson.datasets import make_moons
from autograd_lesson.exercises import base
from autograd_lesson.exercises.base import Verdict, solution_code
from autograd_lesson.exercises.lesson12 import check_hinge_loss, check_train


def verdict(v, ok, *words, done=True):
    assert isinstance(v, Verdict)
    assert v.ok is ok and v.done is done, repr(v)
    for word in words:
        assert word in v.message, v.message


def solved(key, name):
    ns = {"check_hinge_loss": lambda f: f, "check_train": lambda f: f}
    exec(solution_code(key), ns)
    return ns[name]


# ----- 12.3: hinge_loss(model, X, y) -----


def loss_with(
    margin=lambda y, s: (1 - y * s).relu(), mean=True, alpha=1e-4, penalty=lambda p: p * p
):
    def hinge_loss(model, X, y):
        scores = [model(x) for x in X]
        margins = [margin(yi, s) for yi, s in zip(y, scores)]
        data = sum(margins) * (1.0 / len(margins)) if mean else sum(margins)
        return data + alpha * sum(penalty(p) for p in model.parameters()) if alpha else data

    return hinge_loss


def good_sum_values(model, X, y):  # the package's helpers, plain lists of floats: just as right
    rows, labels = X.tolist(), y.tolist()
    margins = [(1.0 - yi * model(x)).relu() for x, yi in zip(rows, labels)]
    return sum_values(margins) / len(margins) + 1e-4 * sum_values(
        [p**2 for p in model.parameters()]
    )


def test_right_losses_pass():
    verdict(check_hinge_loss(solved("12.3", "hinge_loss")), True, "every gradient right")
    verdict(check_hinge_loss(good_sum_values), True)
    verdict(check_hinge_loss(loss_with()), True)
    start = capstone.hinge_loss(
        capstone.make_model(), *make_moons(100, 0.1, seed=capstone.DATA_SEED)
    )
    verdict(check_hinge_loss(capstone.hinge_loss), True, f"starts at {start.data:.6f}")


@pytest.mark.parametrize(
    "wrong, words",
    [
        (loss_with(alpha=0), ["left out the regularisation"]),
        (loss_with(mean=False), ["summed", "MEAN"]),
        (loss_with(mean=False, alpha=0), ["two slips"]),
        (loss_with(margin=lambda y, s: (1 + y * s).relu()), ["wrong sign"]),
        (loss_with(margin=lambda y, s: 1 - y * s), ["relu is missing"]),
        (loss_with(margin=lambda y, s: (s - y) ** 2), ["squared error"]),
        (loss_with(alpha=1e-3), ["1e-3"]),
        (loss_with(alpha=1.0), ["small weight"]),
        (loss_with(penalty=lambda p: abs(p.data)), ["|p|"]),
        (loss_with(penalty=lambda p: p), ["square them"]),
        (loss_with(margin=lambda y, s: max(0, 1 - y * s)), ["TypeError", "m.relu()"]),
        (
            loss_with(margin=lambda y, s: (1 - y * s).relu() * 0.5),
            ["expected", "relu(1 − y·score)"],
        ),
    ],
)
def test_each_slip_is_named(wrong, words):
    verdict(check_hinge_loss(wrong), False, *words)


def test_a_loss_with_the_right_number_but_a_cut_graph():
    def cut(model, X, y):  # the data part from .data: right value, no gradient through it
        scores = [model(x).data for x in X]
        data = sum(max(0.0, 1 - yi * s) for yi, s in zip(y, scores)) / len(y)
        return data + 1e-4 * sum(p * p for p in model.parameters())

    verdict(check_hinge_loss(cut), False, "gradient is not", ".data")


def test_returning_a_number_a_tuple_or_nothing():
    right = loss_with()
    verdict(
        check_hinge_loss(lambda m, X, y: right(m, X, y).data),
        False,
        "plain number",
        "not loss.data",
    )
    verdict(
        check_hinge_loss(lambda m, X, y: (right(m, X, y), 0.5)), False, "tuple", "only the loss"
    )
    verdict(check_hinge_loss(lambda m, X, y: None), False, "forget `return loss`")


def test_the_check_does_not_touch_the_students_data():
    seen = []

    def spy(model, X, y):
        seen.append((X, y))
        X[:] = 0.0  # vandalise what it was given
        return loss_with()(model, X, y)

    verdict(check_hinge_loss(spy), False)  # all points at 0: a wrong loss, but no crash
    assert seen and all(isinstance(X, np.ndarray) for X, _ in seen)


@pytest.mark.parametrize(
    "garbage, words, done",
    [
        (..., ["Your turn", "`...`"], False),
        (None, ["expected a function"], True),
        ("2.0", ["expected a function"], True),
        (3, ["expected a function"], True),
    ],
)
def test_garbage_answers(garbage, words, done):
    v = check_hinge_loss(garbage)
    assert isinstance(v, Verdict) and not v.ok and v.done is done
    for word in words:
        assert word in repr(v), repr(v)


def stub(model, X, y):
    # YOUR CODE
    raise NotImplementedError


@pytest.mark.parametrize(
    "returns, words",
    [
        ("2.0", ["text"]),
        (True, ["yes/no"]),
        (np.bool_(True), ["yes/no"]),
        (1 + 0j, ["complex"]),
        (10**400, ["too large"]),
        (np.array([1.0, 2.0]), ["array of 2"]),
        (float("nan"), ["finite"]),
        (object(), ["expected the loss"]),
        (1.0, ["expected", "relu"]),
        (np.float64(0.25), ["expected"]),
    ],
)
def test_functions_returning_garbage(returns, words):
    verdict(check_hinge_loss(lambda m, X, y: returns), False, *words)


def test_stub_raising_and_looping(monkeypatch):
    verdict(check_hinge_loss(stub), False, "NotImplementedError", done=False)
    verdict(check_hinge_loss(lambda m, X, y: 1 / 0), False, "ZeroDivisionError")
    monkeypatch.setattr(base, "TIME_LIMIT", 0.5)

    def forever(m, X, y):
        while True:
            pass

    verdict(check_hinge_loss(forever), False, "did not finish within 0.5 s")


def test_a_value_holding_the_right_number_without_a_graph():
    right = loss_with()
    verdict(check_hinge_loss(lambda m, X, y: Value(right(m, X, y).data)), False, "gradient is not")


# ----- 12.4: train(model, X, y, steps, loss_of) -----


def loop(
    rate_of=lambda k, steps: 1.0 - 0.9 * k / steps,
    zero=True,
    sign=-1.0,
    record="data",
    steps_delta=0,
    use_loss_of=True,
):
    def train(model, X, y, steps, loss_of):
        losses = []
        for k in range(steps + steps_delta):
            loss = loss_of(model, X, y) if use_loss_of else capstone.hinge_loss(model, X, y)
            if zero:
                model.zero_grad()
            loss.backward()
            for p in model.parameters():
                p.data += sign * rate_of(k, steps) * p.grad
            losses.append(loss.data if record == "data" else loss)
        return losses

    return train


def test_right_loops_pass():
    verdict(check_train(solved("12.4", "train")), True, "rate falling from 1.0")
    verdict(check_train(loop()), True)
    verdict(check_train(loop(record="value")), True)  # the loss Values count as their data
    verdict(check_train(lambda *a: np.array(loop()(*a))), True)
    verdict(check_train(capstone.train), True)


def test_zeroing_after_the_update_is_just_as_right():
    def train(model, X, y, steps, loss_of):
        out = []
        for k in range(steps):
            loss = loss_of(model, X, y)
            loss.backward()
            for p in model.parameters():
                p.data -= (1.0 - 0.9 * k / steps) * p.grad
                p.grad = 0.0
            out.append(loss.data)
        return out

    verdict(check_train(train), True)


@pytest.mark.parametrize(
    "wrong, words",
    [
        (loop(rate_of=lambda k, s: 1.0), ["stays at 1.0"]),
        (loop(rate_of=lambda k, s: 1.0 - 0.9 * (k + 1) / s), ["one step ahead"]),
        (loop(rate_of=lambda k, s: 0.1 + 0.9 * k / s), ["grows"]),
        (loop(rate_of=lambda k, s: 0.1), ["0.1 at every step"]),
        (loop(zero=False), ["forgot zero_grad()"]),
        (loop(sign=1.0), ["UP the gradient"]),
        (loop(steps_delta=-1), ["computed the loss 5 times"]),
        (loop(steps_delta=1), ["computed the loss 7 times"]),
        (loop(use_loss_of=False), ["never called loss_of"]),
        (loop(rate_of=lambda k, s: 0.5 - 0.4 * k / s), ["differ from the lesson's loop"]),
        # written for the check's 6 steps: right there, wrong when asked for 3
        (lambda m, X, y, steps, loss_of: loop()(m, X, y, 6, loss_of), ["computed the loss 6"]),
        (loop(rate_of=lambda k, s: 1.0 - 0.9 * k / 6), ["after 3 steps", "differ"]),
    ],
)
def test_each_broken_loop_is_named(wrong, words):
    verdict(check_train(wrong), False, *words)


def test_what_the_loop_returns():
    right = loop()
    verdict(check_train(lambda *a: (right(*a), None)[1]), False, "returned None")
    verdict(check_train(lambda *a: right(*a)[1:]), False, "5 entries for 6 steps")
    verdict(check_train(lambda *a: right(*a)[-1]), False, "return the list of the losses")
    verdict(check_train(lambda *a: [x * 2 for x in right(*a)]), False, "before its update")
    verdict(check_train(lambda *a: ["x"] * len(right(*a))), False, "text")


def test_no_backward_and_no_update():
    def no_backward(model, X, y, steps, loss_of):
        for _k in range(steps):
            loss_of(model, X, y)
            for p in model.parameters():
                p.data -= p.grad

    def no_update(model, X, y, steps, loss_of):
        for _k in range(steps):
            loss = loss_of(model, X, y)
            model.zero_grad()
            loss.backward()

    verdict(check_train(no_backward), False, "backward() was never")
    verdict(check_train(no_update), False, "the update is missing")


@pytest.mark.parametrize(
    "garbage, done", [(..., False), (None, True), ("2.0", True), (object(), True)]
)
def test_loop_garbage(garbage, done):
    v = check_train(garbage)
    assert isinstance(v, Verdict) and not v.ok and v.done is done


def test_loop_stub_raising_and_looping(monkeypatch):
    def stub_train(model, X, y, steps, loss_of):
        # YOUR CODE
        raise NotImplementedError

    verdict(check_train(stub_train), False, "NotImplementedError", done=False)
    verdict(check_train(lambda *a: 1 / 0), False, "ZeroDivisionError")
    monkeypatch.setattr(base, "TIME_LIMIT", 0.5)

    def forever(*a):
        while True:
            pass

    verdict(check_train(forever), False, "did not finish within 0.5 s")


# ----- 12.1: relu, and 12.2: the capstone's network, written on the course's engine -----

import linecache  # noqa: E402
import textwrap  # noqa: E402

from verdicts import GARBAGE, engine_without, forever, raises  # noqa: E402

from autograd_lesson import mine  # noqa: E402
from autograd_lesson.exercises.lesson12 import check_activations, check_relu  # noqa: E402


def student(*cells):
    """The engine without relu and without lesson 12's classes, then each cell as a notebook
    runs it (its source in linecache, so a passing check can save it)."""
    ns = {}
    for code in (engine_without("12.1", "12.2"), *cells):
        name = f"<lesson-12-cell-{len(linecache.cache)}>"
        code = textwrap.dedent(code)
        linecache.cache[name] = (len(code), None, code.splitlines(True), name)
        exec(compile(code, name, "exec"), ns)
    return ns


RELU = mine.reference_code("12.1")
CLASSES = mine.reference_code("12.2")


def relu_as(body):
    return f"def relu(self):\n{textwrap.indent(textwrap.dedent(body), '    ')}\nValue.relu = relu\n"


def test_relu_right_and_saved(tmp_path, monkeypatch):
    monkeypatch.setenv("AUTOGRAD_LESSON_HOME", str(tmp_path))
    v = check_relu(student(RELU)["Value"])
    verdict(v, True, "slope 1 where x > 0")
    assert "Saved to my_engine.py: your relu" in v.note
    # micrograd's way: the slope from the output, (out > 0)
    other = relu_as(
        "out = Value(0.0 if self.data < 0 else self.data, (self,), 'relu')\n"
        "out.local_grads = (float(out.data > 0),)\nreturn out"
    )
    verdict(check_relu(student(other)["Value"]), True)


@pytest.mark.parametrize(
    "body, words",
    [
        ("return max(0.0, self.data)", ["returned float 0.0, not a Value"]),
        ("return self if self.data > 0 else Value(0.0)", ["has 0 children"]),
        ("return self", ["returned the value itself"]),
        ("return max(0, self)", ["a Value cannot be compared with a number", "self.data"]),
        (
            "return Value(max(0.0, self.data), (), 'relu', local_grads=())",
            ["has 0 children", "one, the value it was called on"],
        ),
        (
            "return Value(self.data, (self,), 'relu', local_grads=(1.0,))",
            ["has data -2.0, expected 0.0", "that is x itself"],
        ),
        (
            "return Value(max(0.0, self.data), (self,), 'relu', local_grads=(1.0,))",
            ["local derivative 1.0", "where x < 0 relu is flat"],
        ),
        (
            "return Value(max(0.0, self.data), (self,), 'relu', local_grads=(0.0,))",
            ["Value(0.7).relu() stores the local derivative 0.0", "its slope there is 1"],
        ),
        (
            "return Value(max(0.0, self.data), (self,), 'relu', local_grads=(self.data,))",
            ["not its input or output"],
        ),
        (
            "return Value(max(0.0, self.data), (self,), 'relu', local_grads=(1.0, 0.0))",
            ["2 local derivatives"],
        ),
    ],
)
def test_relu_slips_are_named(body, words):
    verdict(check_relu(student(relu_as(body))["Value"]), False, *words)


def test_relu_stub_course_and_garbage():
    stubbed = student("def relu(self):\n    raise NotImplementedError\nValue.relu = relu\n")
    verdict(check_relu(stubbed["Value"]), False, done=False)
    verdict(check_relu(ag_value()), False, "the course's own")
    verdict(check_relu(student()["Value"]), False, "has no relu yet")
    for garbage in [*GARBAGE, raises]:
        verdict(check_relu(garbage), False, "pass your class itself")


def ag_value():
    from autograd_lesson import Value as PackageValue

    return PackageValue


def test_relu_that_never_returns(short_limit):
    verdict(check_relu(student(relu_as("while True:\n    pass"))["Value"]), False, "did not finish")


def classes(code=CLASSES):
    ns = student(RELU, code)
    return ns["Neuron"], ns["Layer"], ns["MLP"]


def test_the_networks_right_and_saved(tmp_path, monkeypatch):
    monkeypatch.setenv("AUTOGRAD_LESSON_HOME", str(tmp_path))
    v = check_activations(*classes())
    verdict(v, True, "337 parameters", "lesson 11's network is unchanged")
    assert "your Neuron, Layer, MLP" in v.note
    text = (tmp_path / "my_engine.py").read_text()
    assert text.count("class MLP") == 2  # lesson 11's, then 12.2's, which is used


@pytest.mark.parametrize(
    "old, new, words",
    [
        (
            "last = output_activation or activation",
            "last = activation",
            ["['relu', 'relu', 'relu']"],
        ),
        ("last = output_activation or activation", "last = 'tanh'", ["['relu', 'relu', 'tanh']"]),
        (
            'seed, activation="tanh", output_activation=None',
            'seed, activation="relu", output_activation=None',
            ["lesson 11's network", "Keep tanh as the default"],
        ),
        ("        self.activation = activation\n", "", ["keep its activation in self.activation"]),
        (
            "            return act.relu()\n",
            "            return act.tanh()\n",
            ["check how each neuron"],
        ),
        (
            '        return act  # "linear": the sum itself',
            "        return act.tanh()",
            ["still squashes"],
        ),
        ("act = sum((wi * xi", "act = sum((wi.data * xi", ["gradient", "made from .data"]),
    ],
)
def test_network_slips_are_named(old, new, words):
    assert old in CLASSES
    verdict(check_activations(*classes(CLASSES.replace(old, new))), False, *words)


def test_network_stub_course_and_garbage():
    from autograd_lesson import pieces

    stubbed = CLASSES.replace(
        '    def __init__(self, nin, rng, activation="tanh"):\n',
        '    def __init__(self, nin, rng, activation="tanh"):\n        raise NotImplementedError\n',
    )
    verdict(check_activations(*classes(stubbed)), False, done=False)
    verdict(check_activations(pieces.Neuron, pieces.Layer, pieces.MLP), False, "course's own")
    for garbage in GARBAGE:
        verdict(check_activations(garbage, garbage, garbage), False, "pass your classes")
    n, layer, _ = classes()
    verdict(check_activations(n, layer, forever), False)
