"""Lesson 11 checks: your Neuron, Layer and MLP, the training step, and a different loss.

The class checks build your class, copy the package model's parameter values into it
through `parameters()` (same order: layer by layer, neuron by neuron, the weights then
the bias), and compare outputs, gradients and parameter counts with the package's; another size
(Neuron(5, rng), MLP(2, [3, 1])) shows that the class follows its arguments.
The training-step check trains a fresh package MLP(3, [4, 4, 1]) from a fixed seed with
your step and, side by side, with the reference step and the classic broken versions;
your step gets copies of the data, and one run gets other data.
"""

import inspect
import math
import random

from .. import nn
from ..engine import Value
from ..examples import XS, YS
from ..mine import course_pieces, reference_code
from . import base
from .base import Stop, Verdict, add_solution, check, describe, is_value, number, run

__all__ = ["check_layer", "check_mean_loss_rate", "check_mlp", "check_neuron", "check_train_step"]

SEED, RATE, STEPS = 1, 0.1, 5


# ----- the course's Neuron, Layer, MLP and training step (pieces.py), made of the package's
# Value: the solutions, and what the cells after each exercise use until yours pass -----

_COURSE = course_pieces(Value)
Neuron, Layer, MLP = _COURSE.Neuron, _COURSE.Layer, _COURSE.MLP
reference_train_step = _COURSE.train_step


# ----- helpers shared by the class checks -----


def _tol_equal(a, b, tol=1e-9):
    return abs(a - b) <= tol * max(1.0, abs(b))


def _parameters(obj, what, expected=None):
    """obj.parameters() as a flat list of Values, or Stop naming what is wrong with it."""
    method = getattr(obj, "parameters", None)
    if method is None:
        raise Stop(Verdict(False, f"your {what} has no parameters() method."))

    def listed():  # made a list inside the time limit: a generator may never end
        params = method()
        if isinstance(params, (list, tuple)):
            return "list", list(params)
        return ("generator" if inspect.isgenerator(params) else "other"), params

    kind, params = run(listed, what=f"{what}.parameters()", limit=base.TIME_LIMIT)
    if params is None:
        raise Stop(Verdict(False, f"{what}.parameters() returned None: did it forget to `return`?"))
    if kind == "generator":
        raise Stop(
            Verdict(
                False,
                f"{what}.parameters() returned a generator (it has a `yield`); return a "
                "list, as the exercise asks: the course's code calls len() on it and loops "
                "over it again and again.",
            )
        )
    if kind != "list":
        raise Stop(
            Verdict(
                False,
                f"{what}.parameters() returned {describe(params)}; it should return a "
                "list of Values.",
            )
        )
    if any(isinstance(p, (list, tuple)) for p in params):
        raise Stop(
            Verdict(
                False,
                f"{what}.parameters() returns a list of lists: flatten it into one list "
                "of Values (the training loop does `for p in model.parameters(): "
                "p.data -= ...`).",
            )
        )
    others = [p for p in params if not is_value(p)]
    if others:
        hint = (
            " List each one's parameters, not the objects themselves."
            if hasattr(others[0], "parameters")
            else ""
        )
        raise Stop(
            Verdict(False, f"{what}.parameters() holds {describe(others[0])}, not a Value.{hint}")
        )
    if len({id(p) for p in params}) != len(params):
        raise Stop(
            Verdict(
                False,
                f"{what}.parameters() lists the same Value more than once: each weight "
                "and bias should appear once, or training would move it twice.",
            )
        )
    return params


def _samples():
    """Copies of the lesson's four samples: the student's code never sees examples.XS."""
    return [list(x) for x in XS]


def _copy_into(params, theirs):
    for mine, source in zip(params, theirs):
        mine.data = source.data
        mine.grad = 0.0


def _fresh_draws_match(params, theirs):
    return len(params) == len(theirs) and all(
        _tol_equal(float(p.data), t.data, 1e-12) for p, t in zip(params, theirs)
    )


def _output(obj, x, what):
    out = run(obj, x, what=what, limit=base.TIME_LIMIT)
    return out


def _one_value(out, what):
    if isinstance(out, (list, tuple)):
        raise Stop(
            Verdict(
                False,
                f"{what} returned a list of {len(out)}; with one output it should return "
                "the Value itself (the loss does `model(x) - y`).",
            )
        )
    if not is_value(out):
        if isinstance(out, (int, float)):
            raise Stop(
                Verdict(
                    False,
                    f"{what} returned the plain number {out!r}, not a Value: computed with "
                    ".data or math.tanh, it has no graph, so backward() cannot reach the "
                    "weights. Use Value operations and .tanh().",
                )
            )
        raise Stop(Verdict(False, f"{what} returned {describe(out)}; it should return a Value."))
    return number(out, f"the output of {what}")


def _grads_match(student_params, package_params, what):
    """Compare grads after backward; Stop naming the first parameter whose grad differs."""
    for k, (mine, theirs) in enumerate(zip(student_params, package_params)):
        got = mine.grad
        if is_value(got):
            raise Stop(
                Verdict(
                    False,
                    f"after backward(), parameter {k} of {what} holds a Value in .grad: "
                    "a grad is a plain number.",
                )
            )
        try:
            got = float(got)
        except Exception:
            raise Stop(
                Verdict(
                    False,
                    f"after backward(), parameter {k} of {what} has grad "
                    f"{describe(got)}, not a number.",
                )
            ) from None
        if not _tol_equal(got, theirs.grad, 1e-7):
            if all(float(p.grad) == 0.0 for p in student_params):
                raise Stop(
                    Verdict(
                        False,
                        f"the outputs of your {what} are right, but backward() does not reach "
                        "its parameters (every grad is 0.0): the output was built from .data "
                        "or math functions, outside the graph. Use Value operations.",
                    )
                )
            raise Stop(
                Verdict(
                    False,
                    f"after backward(), parameter {k} of your {what} has grad {got:.6g}, the "
                    f"package's {theirs.grad:.6g}: is it used in the output exactly once?",
                )
            )


DRAWS = (
    "draw the weights first, one per input, then the bias, each with rng.uniform(-1, 1) from the "
    "rng you are given, so that seed 1 gives the lesson's network and its numbers"
)


# ----- 11.1 Neuron -----


def _other_size(Neuron, nin):
    """Neuron(nin, rng) for another nin: one weight per input, and every input in the sum."""
    what = f"Neuron({nin}, rng)"
    neuron = run(Neuron, nin, random.Random(11), what=what, limit=base.TIME_LIMIT)
    params = _parameters(neuron, what)
    weights = getattr(neuron, "w", None)
    count = len(weights) if isinstance(weights, (list, tuple)) else len(params) - 1
    if count != nin:
        raise Stop(
            Verdict(
                False,
                f"your {what} has {count} weights: make one weight per input, "
                f"range(nin) (a neuron with {nin} inputs has {nin} weights and a bias).",
            )
        )
    if len(params) != nin + 1:
        raise Stop(
            Verdict(
                False,
                f"{what}.parameters() has {len(params)} entries; a neuron with {nin} inputs "
                f"has {nin + 1}: {nin} weights and a bias.",
            )
        )
    package = nn.Neuron(nin, rng=random.Random(11))
    _copy_into(params, package.parameters())
    x = [0.5, -1.0, 2.0, 0.25, -1.5][:nin]
    got = _one_value(_output(neuron, list(x), f"{what}({x})"), f"{what}({x})")
    want = package(x).data
    if _tol_equal(got, want):
        return
    w, b = [p.data for p in package.w], package.b.data
    if _tol_equal(got, math.tanh(sum(wi * xi for wi, xi in zip(w[:3], x[:3])) + b)):
        raise Stop(
            Verdict(
                False,
                f"your {what} reads only the first 3 inputs of x: the sum runs over all "
                f"{nin}, one weight per input (zip(self.w, x), not a fixed 3).",
            )
        )
    raise Stop(
        Verdict(
            False,
            f"your {what}, called on {x}, gave {got:.6f}; tanh(w·x + b) is {want:.6f} with "
            f"these parameters: the sum runs over all {nin} inputs.",
        )
    )


@check(
    "11.1",
    "Start with __init__: the weights first, then the bias, each drawn with rng.uniform(-1, 1).",
)
def check_neuron(Neuron):
    """Exercise 11.1: Neuron(nin, rng) with w, b, __call__ = tanh(w·x + b), parameters()."""
    neuron = run(Neuron, 3, random.Random(7), what="Neuron(3, rng)", limit=base.TIME_LIMIT)
    if not hasattr(neuron, "w") or not hasattr(neuron, "b"):
        raise Stop(
            Verdict(
                False,
                "your neuron should keep its weights in self.w (a list of Values) and its "
                "bias in self.b (one Value): the cells below read them by those names.",
            )
        )
    package = nn.Neuron(3, rng=random.Random(7))
    theirs = package.parameters()
    params = _parameters(neuron, "neuron", 4)
    if len(params) == 3:
        raise Stop(
            Verdict(
                False,
                "neuron.parameters() has 3 entries, the weights: the bias is a parameter "
                "too (training moves it), so list it after the weights.",
            )
        )
    if len(params) != 4:
        raise Stop(
            Verdict(
                False,
                f"Neuron(3, rng).parameters() has {len(params)} entries; a neuron with 3 "
                "inputs has 4 parameters: 3 weights and a bias.",
            )
        )
    draws_match = _fresh_draws_match(params, theirs)
    _copy_into(params, theirs)
    w, b = [p.data for p in theirs[:3]], theirs[3].data
    cls = type(params[0])  # inputs as Values of the student's own class (their engine's)
    for x in _samples() + [[cls(v) for v in XS[0]]]:
        shown = [getattr(v, "data", v) for v in x]
        what = f"neuron({shown})"
        got = _one_value(_output(neuron, x, what), what)
        act = sum(wi * xi for wi, xi in zip(w, shown)) + b
        want = math.tanh(act)
        if _tol_equal(got, want):
            continue
        if _tol_equal(got, act):
            raise Stop(
                Verdict(
                    False,
                    f"{what} gave {got:.6f} = w·x + b, but the neuron squashes it: return "
                    f"tanh(w·x + b) = {want:.6f} (call .tanh() on the sum).",
                )
            )
        if _tol_equal(got, math.tanh(act - b)):
            raise Stop(
                Verdict(
                    False,
                    f"{what} gave {got:.6f} = tanh(w·x): the bias b is missing from the sum "
                    f"(expected tanh(w·x + b) = {want:.6f}).",
                )
            )
        if _tol_equal(got, act - b):
            raise Stop(
                Verdict(
                    False,
                    f"{what} gave {got:.6f} = w·x: add the bias b, then apply tanh "
                    f"(expected {want:.6f}).",
                )
            )
        flipped = [p.data for p in theirs]  # the student's list order is b, w1, w2, w3?
        if _tol_equal(
            got, math.tanh(sum(wi * xi for wi, xi in zip(flipped[1:], shown)) + flipped[0])
        ):
            raise Stop(
                Verdict(
                    False,
                    "neuron.parameters() lists the bias first: list the weights, then the "
                    "bias, as the package does (the checks and lesson 11's copies rely on "
                    "that order).",
                )
            )
        raise Stop(
            Verdict(
                False, f"{what} gave {got:.6f}; tanh(w·x + b) is {want:.6f} with these parameters."
            )
        )
    for p in params:
        p.grad = 0.0
    out = run(neuron, list(XS[0]), what=f"neuron({XS[0]})", limit=base.TIME_LIMIT)
    run(out.backward, what="backward() on your neuron's output", limit=base.TIME_LIMIT)
    reference = package(XS[0])
    package.zero_grad()
    reference.backward()
    _grads_match(params, theirs, "neuron")
    for nin in (5, 2):
        _other_size(Neuron, nin)
    if not draws_match:
        raise Stop(
            Verdict(
                False,
                f"your neuron computes tanh(w·x + b) right, but its starting weights differ "
                f"from the package's for the same rng: {DRAWS}.",
            )
        )
    return Verdict(
        True,
        "tanh(w·x + b), with 3 weights and a bias: 4 parameters, and the outputs and "
        "gradients match the package's neuron.",
    )


add_solution(
    "11.1",
    r"""
The weights are one `Value` per input, the bias one more; calling the neuron adds up
$w_i x_i$ and $b$ **as Values** (so the graph reaches every parameter) and squashes the sum
with `.tanh()`. `sum(..., self.b)` starts the sum at the bias.
""",
    code="from autograd_lesson.exercises import check_neuron\n\n"
    + reference_code("11.1")
    + "\ncheck_neuron(Neuron)\n",
)


# ----- 11.2 Layer -----


def _counts(neurons):
    """How many parameters each neuron lists, or [] when that cannot be read."""
    try:
        return run(
            lambda: [len(n.parameters()) for n in neurons],
            what="your neurons' parameters()",
            limit=base.TIME_LIMIT,
        )
    except (Exception, SystemExit):  # a hint only: without it, the plain count message
        return []


@check(
    "11.2", "Start with __init__: nout neurons, each built with Neuron(nin, rng) from the same rng."
)
def check_layer(Layer):
    """Exercise 11.2: Layer(nin, nout, rng): nout neurons reading the same inputs."""
    layer = run(Layer, 3, 4, random.Random(7), what="Layer(3, 4, rng)", limit=base.TIME_LIMIT)
    neurons = getattr(layer, "neurons", None)
    if not isinstance(neurons, (list, tuple)):
        raise Stop(
            Verdict(
                False,
                "your layer should keep its neurons in self.neurons, a list: the cells "
                "below read model.layers[0].neurons[0].",
            )
        )
    if len(neurons) != 4:
        raise Stop(
            Verdict(
                False,
                f"Layer(3, 4, rng).neurons has {len(neurons)} neurons; it should have "
                "nout = 4, each reading nin = 3 inputs.",
            )
        )
    package = nn.Layer(3, 4, rng=random.Random(7))
    theirs = package.parameters()
    params = _parameters(layer, "layer", 16)
    if len(params) != 16:
        each = _counts(neurons)
        if each and sum(each) == 16:
            raise Stop(
                Verdict(
                    False,
                    f"layer.parameters() has {len(params)} entries, but its 4 neurons have 16 "
                    "between them: list every neuron's parameters, one flat list.",
                )
            )
        raise Stop(
            Verdict(
                False,
                f"Layer(3, 4, rng).parameters() has {len(params)} entries; expected 4 neurons "
                "× (3 weights + 1 bias) = 16.",
            )
        )
    draws_match = _fresh_draws_match(params, theirs)
    _copy_into(params, theirs)
    for x in _samples():
        what = f"layer({x})"
        outs = _output(layer, x, what)
        if is_value(outs):
            raise Stop(
                Verdict(
                    False,
                    f"{what} returned one Value; a layer of 4 neurons returns the list of "
                    "their 4 outputs.",
                )
            )
        if not isinstance(outs, (list, tuple)) or len(outs) != 4:
            raise Stop(
                Verdict(
                    False,
                    f"{what} returned {describe(outs)}; it should return the list of the 4 "
                    "neurons' outputs.",
                )
            )
        want = package(x)
        for k, (got, ref) in enumerate(zip(outs, want)):
            value = _one_value(got, f"neuron {k} of {what}")
            if not _tol_equal(value, ref.data):
                raise Stop(
                    Verdict(
                        False,
                        f"output {k} of {what} is {value:.6f}, expected {ref.data:.6f}: each "
                        "output is one neuron called on the same inputs x.",
                    )
                )
    for p in params:
        p.grad = 0.0
    total = run(
        lambda: sum(layer(list(XS[0]))), what="backward through your layer", limit=base.TIME_LIMIT
    )
    run(total.backward, what="backward() through your layer", limit=base.TIME_LIMIT)
    package.zero_grad()
    sum(package(XS[0])).backward()
    _grads_match(params, theirs, "layer")
    single = run(Layer, 4, 1, random.Random(3), what="Layer(4, 1, rng)", limit=base.TIME_LIMIT)
    one = run(single, [0.5, -1.0, 2.0, 0.25], what="Layer(4, 1, rng)(x)", limit=base.TIME_LIMIT)
    if not is_value(one):
        raise Stop(
            Verdict(
                False,
                f"a layer of ONE neuron returned {describe(one)}: return that neuron's Value "
                "itself, not a list (the network's last layer gives the prediction).",
            )
        )
    if not draws_match:
        raise Stop(
            Verdict(
                False,
                "your layer computes right, but its starting weights differ from the "
                "package's for the same rng: make the neurons one after the other, each "
                "Neuron(nin, rng) with the rng you are given.",
            )
        )
    return Verdict(
        True,
        "4 neurons reading the same 3 inputs: 16 parameters in one flat list, and the outputs "
        "and gradients match the package's layer.",
    )


add_solution(
    "11.2",
    r"""
A layer is a list of neurons that all read the same `x`. Its parameters are every
neuron's parameters in one flat list, neuron after neuron. A layer of a single neuron
hands back that neuron's `Value` (the network's last layer is the prediction).
""",
    code="from autograd_lesson.exercises import check_layer\n\n"
    + reference_code("11.2")
    + "\ncheck_layer(Layer)\n",
)


# ----- 11.3 MLP -----


def _other_shape(MLP):
    """MLP(2, [3, 1]): the layers follow the arguments, not the lesson's 3 and [4, 4, 1]."""
    what = "MLP(2, [3, 1], seed=2)"
    model = run(lambda: MLP(2, [3, 1], seed=2), what=what, limit=base.TIME_LIMIT)
    layers = getattr(model, "layers", None)
    count = len(layers) if isinstance(layers, (list, tuple)) else 0
    if count != 2:
        raise Stop(
            Verdict(
                False,
                f"your {what} has {count} layers; it should have 2, one per entry of nouts "
                "[3, 1]: build the layers from the arguments nin and nouts, not from the "
                "lesson's 3 and [4, 4, 1].",
            )
        )
    params = _parameters(model, what)
    if len(params) != 13:
        raise Stop(
            Verdict(
                False,
                f"{what}.parameters() has {len(params)} entries; expected 3 × (2 + 1) + "
                "1 × (3 + 1) = 13: the sizes come from the arguments, [nin] + nouts = "
                "[2, 3, 1].",
            )
        )
    package = nn.MLP(2, [3, 1], seed=2)
    _copy_into(params, package.parameters())
    x = [0.5, -1.0]
    got = _one_value(_output(model, list(x), f"{what}({x})"), f"{what}({x})")
    want = package(x).data
    if not _tol_equal(got, want):
        raise Stop(
            Verdict(
                False,
                f"your {what}, called on {x}, gave {got:.6f}, expected {want:.6f} with the "
                "same parameters: build the layers from the arguments, [nin] + nouts.",
            )
        )


@check(
    "11.3",
    "Start with __init__: one rng, then one Layer per entry of nouts, each reading the one before.",
)
def check_mlp(MLP):
    """Exercise 11.3: MLP(nin, nouts, seed): layers in a row; MLP(3, [4, 4, 1]) has 41 parameters."""
    model = run(
        lambda: MLP(3, [4, 4, 1], seed=SEED),
        what="MLP(3, [4, 4, 1], seed=1)",
        limit=base.TIME_LIMIT,
    )
    layers = getattr(model, "layers", None)
    if not isinstance(layers, (list, tuple)):
        raise Stop(
            Verdict(
                False,
                "your MLP should keep its layers in self.layers, a list: the cells below "
                "read model.layers[0].neurons[0].",
            )
        )
    if len(layers) != 3:
        raise Stop(
            Verdict(
                False,
                f"MLP(3, [4, 4, 1]).layers has {len(layers)} layers; it should have 3, one per "
                "entry of nouts [4, 4, 1].",
            )
        )
    package = nn.MLP(3, [4, 4, 1], seed=SEED)
    theirs = package.parameters()
    expected = [
        ("the first", 16, "4 neurons × (3 inputs + 1)"),
        ("the second", 20, "4 neurons × (4 inputs + 1)"),
        ("the last", 5, "1 neuron × (4 inputs + 1)"),
    ]
    listed = {}  # id of a layer -> the ids of the parameters it lists
    for layer, (name, count, why) in zip(layers, expected):
        if hasattr(layer, "parameters"):
            got = _parameters(layer, f"{name} layer", count)
            listed[id(layer)] = {id(p) for p in got}
            if len(got) != count:
                raise Stop(
                    Verdict(
                        False,
                        f"{name} layer has {len(got)} parameters, expected {count} = {why}: the "
                        "first layer reads the 3 inputs, each later layer reads the outputs "
                        "of the layer before it.",
                    )
                )
    params = _parameters(model, "model", 41)
    if len(params) != 41:
        ids = {id(p) for p in params}
        for layer, (name, _, _) in zip(layers, expected):
            if id(layer) in listed and not listed[id(layer)] & ids:
                raise Stop(
                    Verdict(
                        False,
                        f"model.parameters() has {len(params)} entries and misses {name} "
                        "layer's parameters: list every layer's, or training never moves "
                        "that layer.",
                    )
                )
        raise Stop(
            Verdict(
                False,
                f"MLP(3, [4, 4, 1]).parameters() has {len(params)} entries; expected 16 + 20 + "
                "5 = 41.",
            )
        )
    try:
        first = layers[0].neurons[0]
        _ = first.w, first.b
    except Exception:
        raise Stop(
            Verdict(
                False,
                "the cells below read model.layers[0].neurons[0].w and .b: keep the names of "
                "11.1 and 11.2 (self.layers, self.neurons, self.w, self.b).",
            )
        ) from None
    if not callable(getattr(model, "zero_grad", None)):
        raise Stop(
            Verdict(False, "your MLP has no zero_grad() method: keep the one the stub gives you.")
        )
    draws_match = _fresh_draws_match(params, theirs)
    _copy_into(params, theirs)
    for x in _samples():
        what = f"model({x})"
        got = _one_value(_output(model, x, what), what)
        want = package(x).data
        if not _tol_equal(got, want):
            raise Stop(
                Verdict(
                    False,
                    f"{what} gave {got:.6f}, expected {want:.6f} with the same parameters: each "
                    "layer's output is the next layer's input, and the last layer's output "
                    "is the prediction.",
                )
            )
    for p in params:
        p.grad = 0.0
    loss = run(
        lambda: sum((model(x) - y) ** 2 for x, y in zip(_samples(), YS)),
        what="the loss of your MLP",
        limit=base.TIME_LIMIT,
    )
    run(loss.backward, what="backward() through your MLP", limit=base.TIME_LIMIT)
    package.zero_grad()
    sum((package(x) - y) ** 2 for x, y in zip(XS, YS)).backward()
    _grads_match(params, theirs, "MLP")
    _other_shape(MLP)
    if not draws_match:
        raise Stop(
            Verdict(
                False,
                "your MLP computes right, but MLP(3, [4, 4, 1], seed=1) starts from other "
                "weights than the package's: make one rng = random.Random(seed) and give it "
                "to every layer, first layer first, so the lesson's numbers come out.",
            )
        )
    return Verdict(
        True,
        "3 → 4 → 4 → 1, 41 parameters in one flat list; with the same parameters your MLP's "
        "predictions and gradients match the package's, and seed 1 gives the same start.",
    )


add_solution(
    "11.3",
    r"""
The sizes `[nin] + nouts` = [3, 4, 4, 1] pair up into the layers (3→4, 4→4, 4→1), all
drawing from **one** seeded generator, in order. Calling the network feeds each layer's
output to the next; the last layer (one neuron) returns the prediction itself.
""",
    code="from autograd_lesson.exercises import check_mlp\n\n"
    + reference_code("11.3")
    + "\ncheck_mlp(MLP)\n",
)


# ----- 11.4 the training step -----


def _loss(model, xs, ys, scale=1.0):
    return sum((model(x) - y) ** 2 for x, y in zip(xs, ys)) * scale


def _variant(zero=True, sign=-1.0, backward=True, update=True, scale=1.0, rate=RATE):
    """The parameters and losses after STEPS steps of one version of the training step."""
    model = nn.MLP(3, [4, 4, 1], seed=SEED)
    losses = []
    for _ in range(STEPS):
        loss = _loss(model, XS, YS, scale)
        losses.append(_loss(model, XS, YS).data)
        if zero:
            model.zero_grad()
        if backward:
            loss.backward()
        if update:
            for p in model.parameters():
                p.data += sign * rate * p.grad
    return [p.data for p in model.parameters()], losses


VARIANTS = [
    (dict(), None),
    (
        dict(zero=False),
        "you forgot zero_grad(): each backward() ADDS to the grads of the "
        "previous steps, so the steps grow with stale gradients. Call "
        "model.zero_grad() before loss.backward()",
    ),
    (
        dict(sign=1.0),
        "the loss rises: you moved the parameters UP the gradient. Descent "
        "subtracts: p.data -= learning_rate * p.grad",
    ),
    (
        dict(sign=1.0, zero=False),
        "two problems: the parameters move UP the gradient (use -=), "
        "and zero_grad() is missing, so grads accumulate",
    ),
    (
        dict(scale=0.25),
        "your steps are a quarter of the size: you averaged the loss over the "
        "4 samples. This lesson's loss is the SUM of the squared errors",
    ),
    (
        dict(rate=0.01),
        "your steps are ten times too small: did you type a rate in instead of using "
        "the argument learning_rate",
    ),
]


def _parameter_data(obj):
    """The data of obj.parameters() if obj looks like a model, else None. A leftover object
    in the notebook whose parameters() fails, loops or exits is simply not a model."""

    def read():
        method = getattr(obj, "parameters", None)
        if not (callable(method) and hasattr(obj, "zero_grad")):
            return None
        return [float(p.data) for p in method()]

    try:
        return run(read, what="a model in your notebook", limit=min(base.TIME_LIMIT, 1.0))
    except (Exception, SystemExit):
        return None


def _models_in(namespace):
    """Objects in the student's globals that look like models: name -> their parameters' data."""
    found = {}
    for name, obj in list(getattr(namespace, "items", lambda: [])()):
        if isinstance(obj, type) or name.startswith("_"):
            continue
        data = _parameter_data(obj)
        if data is not None:
            found[name] = (obj, data)
    return found


def _copies(xs, ys):
    """Fresh copies of the data for the student's step: it never sees examples.XS and YS."""
    return [list(x) for x in xs], list(ys)


def _same(given, want):
    """True if `given` is still exactly `want`: a list of floats, or of lists of floats."""
    if type(given) is not list or len(given) != len(want):
        return False
    return all(
        _same(g, w) if isinstance(w, list) else type(g) is float and g == w
        for g, w in zip(given, want)
    )


def _untouched(xs, ys, want_xs, want_ys):
    if not (_same(xs, want_xs) and _same(ys, want_ys)):
        raise Stop(
            Verdict(
                False,
                "your train_step changed the data it was given (xs or ys): a training step "
                "only reads the samples and their targets. Leave xs and ys as they are, and "
                "build new lists if you need them.",
            )
        )


def _one_step(xs, ys, rate):
    """The parameters of a fresh package MLP after one reference step on xs, ys."""
    model = nn.MLP(3, [4, 4, 1], seed=SEED)
    reference_train_step(model, xs, ys, rate)
    return [p.data for p in model.parameters()]


def _moved_like(model, expected):
    return all(_tol_equal(p.data, e) for p, e in zip(model.parameters(), expected))


# other data for the step (a sample left out, the rest shifted, other targets): a step
# that reads the notebook's xs and ys instead of its arguments trains on the wrong data
OTHER_XS = [[2.5, 2.0, -0.5], [3.0, -1.5, 1.0], [0.0, 1.5, 0.5]]
OTHER_YS = [-1.0, 1.0, 0.5]


def _finite_or_stop(params, step):
    for k, p in enumerate(params):
        if not (isinstance(p.data, (int, float)) and math.isfinite(p.data)):
            raise Stop(
                Verdict(
                    False,
                    f"after step {step} of your train_step, parameter {k} is {p.data!r}: the "
                    "step broke the numbers. NaN or inf comes from a division by zero or an "
                    "overflow in the update (a step like p.data -= p.grad / something, or a "
                    "huge rate), not from the learning rate being a bit off. The update is "
                    "p.data -= learning_rate * p.grad.",
                )
            )


@check(
    "11.4",
    "Four moves, in this order: forward (the loss), zero_grad, backward, update; then "
    "return the loss.",
)
def check_train_step(train_step):
    """Exercise 11.4: `train_step(model, xs, ys, learning_rate)` does one step of training
    on the model it is given and returns the loss computed before the update."""
    if not callable(train_step):
        raise Stop(
            Verdict(
                False,
                f"expected a function train_step(model, xs, ys, learning_rate), "
                f"got {describe(train_step)}.",
            )
        )
    model = nn.MLP(3, [4, 4, 1], seed=SEED)
    start = [p.data for p in model.parameters()]
    outside = _models_in(getattr(train_step, "__globals__", {}))
    losses, returned = [], []
    for step in range(STEPS):
        losses.append(_loss(model, XS, YS).data)
        xs, ys = _copies(XS, YS)
        result = run(
            train_step,
            model,
            xs,
            ys,
            RATE,
            what=f"train_step(model, xs, ys, {RATE})",
            limit=base.TIME_LIMIT,
        )
        returned.append(result)
        _untouched(xs, ys, XS, YS)
        _finite_or_stop(model.parameters(), step + 1)
        if step == 0 and [p.data for p in model.parameters()] == start:
            moved = [
                name
                for name, (obj, before) in outside.items()
                if _parameter_data(obj) not in (None, before)
            ]
            if moved:
                raise Stop(
                    Verdict(
                        False,
                        f"your train_step changed the notebook's `{moved[0]}`, not the model "
                        "it was given: inside the function, use its argument `model` (the "
                        "check passes a fresh network and it did not move).",
                    )
                )
    params = [p.data for p in model.parameters()]
    if params == start:
        if all(p.grad == 0.0 for p in model.parameters()):
            raise Stop(
                Verdict(
                    False,
                    "nothing moves: every grad of the model is still 0.0, so backward() "
                    "was never called on its loss (or the grads were zeroed between "
                    "backward and the update). Compute the loss from model(x), then "
                    "loss.backward().",
                )
            )
        raise Stop(
            Verdict(
                False,
                "nothing moves: the grads are there, but no parameter changed. "
                "Finish the step with p.data -= learning_rate * p.grad for every "
                "p in model.parameters().",
            )
        )
    for kwargs, why in VARIANTS:
        expected, _ref_losses = _variant(**kwargs)
        if all(_tol_equal(a, b) for a, b in zip(params, expected)):
            if why is not None:
                raise Stop(Verdict(False, why + "."))
            break
    else:
        final = _loss(model, XS, YS).data
        trend = "rose" if final > losses[0] else "fell"
        raise Stop(
            Verdict(
                False,
                f"in {STEPS} steps the loss {trend} from {losses[0]:.4f} to {final:.4f}, but "
                "the parameters differ from the reference: loss = sum of (prediction − "
                "target)² over the data given; model.zero_grad(); loss.backward(); "
                "p.data -= learning_rate * p.grad for every parameter.",
            )
        )
    for step, (got, want) in enumerate(zip(returned, losses)):
        if got is None:
            raise Stop(
                Verdict(
                    False,
                    "your step trains right, but returns None: return the loss (the cells "
                    "below plot it).",
                )
            )
        if not is_value(got):
            plain = base.numeric_answer(got)
            shown = describe(got) if plain is None else f"the number {plain:.6f}"
            raise Stop(
                Verdict(
                    False,
                    f"your step trains right, but returns {shown}, not the loss Value: "
                    "return `loss` itself, not `loss.data` (the cells below read "
                    "loss.data from it).",
                )
            )
        value = number(got, "the returned loss")
        if not _tol_equal(value, want):
            raise Stop(
                Verdict(
                    False,
                    f"your step trains right, but at step {step + 1} it returned {value:.6f}, "
                    f"not the loss {want:.6f}: return the loss computed at the start of "
                    "the step.",
                )
            )
    # a second run with another rate: the step must use its argument
    other = nn.MLP(3, [4, 4, 1], seed=SEED)
    xs, ys = _copies(XS, YS)
    run(
        train_step,
        other,
        xs,
        ys,
        0.05,
        what="train_step(model, xs, ys, 0.05)",
        limit=base.TIME_LIMIT,
    )
    _untouched(xs, ys, XS, YS)
    if not _moved_like(other, _one_step(XS, YS, 0.05)):
        raise Stop(
            Verdict(
                False,
                "with learning_rate = 0.05 your step moves the parameters as if it were "
                "another rate: use the argument learning_rate, not a number typed in.",
            )
        )
    # and a run on other data: the step must use its arguments xs and ys
    other = nn.MLP(3, [4, 4, 1], seed=SEED)
    xs, ys = _copies(OTHER_XS, OTHER_YS)
    run(
        train_step,
        other,
        xs,
        ys,
        RATE,
        what=f"train_step(model, other_xs, other_ys, {RATE})",
        limit=base.TIME_LIMIT,
    )
    _untouched(xs, ys, OTHER_XS, OTHER_YS)
    if not _moved_like(other, _one_step(OTHER_XS, OTHER_YS, RATE)):
        if _moved_like(other, _one_step(XS, YS, RATE)):
            raise Stop(
                Verdict(
                    False,
                    "your train_step used the notebook's xs/ys instead of the data it was "
                    "given: the check gave it 3 other samples, and it trained on the lesson's "
                    "four. Inside the function, use its arguments xs and ys.",
                )
            )
        raise Stop(
            Verdict(
                False,
                "on other data (3 samples, other targets) your step moves the parameters "
                "differently from the reference: compute the loss from the xs and ys it is "
                "given, every sample once.",
            )
        )
    return Verdict(
        True,
        f"forward, zero_grad, backward, update on the model you are given: in {STEPS} steps "
        f"the loss fell from {losses[0]:.4f} to {_loss(model, XS, YS).data:.4f}.",
    )


add_solution(
    "11.4",
    r"""
One step of training is four moves, always in this order. `zero_grad` must come before
`backward`, because `backward` *adds* into the leaves' grads (lesson 07); the minus sign
makes it descent, since the gradient points uphill. Everything uses the arguments, so
the same function trains any model on any data.
""",
    code="from autograd_lesson.exercises import check_train_step\n\n"
    + reference_code("11.4")
    + "\ncheck_train_step(train_step)\n",
)


# ----- 11.5 a different loss: the mean -----


@check("11.5", "Predict the rate first.")
def check_mean_loss_rate(answer):
    """Exercise 11.5: the rate that makes mean-loss training retrace the sum-loss run at 0.1 (0.4)."""
    rate = number(answer, "the learning rate")
    if _tol_equal(rate, 0.4, 1e-6):  # a float32 0.4 counts
        return Verdict(
            True,
            "0.4: the mean is the sum divided by 4, so every gradient is a quarter of the "
            "sum's; four times the rate makes each step exactly the same (the cell below "
            "shows the two runs agree).",
        )
    wrong = [
        (
            0.025,
            "that divides the rate by 4, but the mean's gradients are already 4 times smaller: the steps "
            "would be 16 times smaller. Make up for the smaller gradient instead",
        ),
        (
            0.1,
            "with the same rate the mean takes steps 4 times smaller than the sum: its gradients are a "
            "quarter of the sum's",
        ),
        (
            1.6,
            "that is 0.1 × 16: the gradient shrinks by 4, not 16 (the mean divides the loss by 4, once)",
        ),
        (4.0, "that is the factor, not the rate: the rate is 0.1 times that factor"),
        (0.25, "0.25 is the factor the mean puts on every gradient; the rate must undo it"),
    ]
    for value, why in wrong:
        if _tol_equal(rate, value, 1e-9):
            return Verdict(False, f"{rate:g}: {why}.")
    if base.rounded_version(rate, 0.4):
        return Verdict(False, f"{rate:g} is close; the match is exact, so give the exact rate.")
    bigger = "larger" if rate > 0.4 else "smaller"
    return Verdict(
        False,
        f"{rate:g} gives steps {bigger} than the sum's at 0.1. With the mean, each gradient is "
        "the sum's gradient divided by the number of examples (4): which rate undoes that?",
    )


add_solution(
    "11.5",
    r"""
**0.4.** The mean is $\frac14 \sum_i (\hat y_i - y_i)^2$, so every gradient is a quarter
of the sum's, and a step $\eta \cdot \frac{g}{4}$ equals $0.1\, g$ when $\eta = 0.4$. The
match is exact in floating point too, because dividing by 4 only changes the exponent.
This is why the loss's scale and the learning rate are chosen together: averaging makes
the good rate independent of the number of examples.
""",
    code="""\
from autograd_lesson.exercises import check_mean_loss_rate

rate_for_mean = 0.4  # the mean's gradients are a quarter of the sum's

check_mean_loss_rate(rate_for_mean)
""",
)
