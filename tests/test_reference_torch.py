"""The engine against an independent reference: PyTorch autograd in float64."""

import math

import pytest

torch = pytest.importorskip("torch")

from helpers import programs, run  # noqa: E402
from hypothesis import given, settings  # noqa: E402

from autograd_lesson import Value, sum_values  # noqa: E402
from autograd_lesson.examples import NEURON, XS, YS  # noqa: E402
from autograd_lesson.nn import MLP  # noqa: E402


def leaf(x):
    return torch.tensor(x, dtype=torch.float64, requires_grad=True)


def torch_total(outs):
    total = outs[0]
    for o in outs[1:]:
        total = total + o
    return total


def assert_close(ours, theirs, rel=1e-12, what=""):
    tol = rel * max(abs(theirs), abs(ours), 1e-300)
    assert abs(ours - theirs) <= tol, f"{what}: engine {ours!r}, torch {theirs!r}"


@pytest.mark.slow
@settings(max_examples=2000)
@given(program=programs())
def test_random_expressions_match_torch_float64(program):
    values = [Value(x) for x in program.leaves]
    out, vals = run(program, values)
    out.backward()
    tensors = [leaf(x) for x in program.leaves]
    tout, tvals = run(program, tensors, total=torch_total)
    tout.backward()
    # forward: every intermediate result, then the gradient of every input
    for k, (v, t) in enumerate(zip(vals, tvals)):
        assert_close(v.data, t.item(), 1e-12, f"result {k} of {program}")
    # the output sums the program's outputs: cancellation there can leave a small number
    # whose last digits are those of the terms, so compare on the scale of the terms
    terms = 1e-3 * max(1.0, max(abs(w.data) for w in vals))
    assert abs(out.data - tout.item()) <= 1e-12 * max(abs(tout.item()), terms), (
        f"output of {program}: engine {out.data!r}, torch {tout.item()!r}"
    )
    # gradients: relative to the size of the terms that were added (cancellation aside)
    for k, (v, t) in enumerate(zip(values, tensors)):
        theirs = 0.0 if t.grad is None else t.grad.item()
        if v.grad == theirs:
            continue
        scale = max(abs(theirs), 1e-3 * max(1.0, max(abs(w.data) for w in vals)))
        assert abs(v.grad - theirs) <= 1e-12 * scale, (
            f"grad of leaf {k}: engine {v.grad!r}, torch {theirs!r}\n{program}"
        )


@pytest.mark.parametrize("op", ["+", "-", "*", "/"])
def test_exact_operations_agree_bit_for_bit(op):
    """+ - * / are single IEEE operations: the engine and torch agree exactly, grads too."""
    pairs = [(2.0, -3.0), (0.1, 0.2), (1e-5, 7.25), (-123.456, 0.001), (3.0, 3.0)]
    for x, y in pairs:
        a, b = Value(x), Value(y)
        out = {"+": a + b, "-": a - b, "*": a * b, "/": a / b}[op]
        out.backward()
        ta, tb = leaf(x), leaf(y)
        tout = {"+": ta + tb, "-": ta - tb, "*": ta * tb, "/": ta / tb}[op]
        tout.backward()
        assert out.data == tout.item()
        assert a.grad == ta.grad.item()
        if op == "/":  # d/db = -a/b**2 can be rounded in more than one order: 1 ulp
            assert b.grad == pytest.approx(tb.grad.item(), rel=2.3e-16)
        else:
            assert b.grad == tb.grad.item()


def test_tanh_neuron_matches_torch():
    x1, x2, w1, w2, b = (leaf(NEURON[name]) for name in ("x1", "x2", "w1", "w2", "b"))
    o = torch.tanh(x1 * w1 + x2 * w2 + b)
    o.backward()
    vx1, vx2, vw1, vw2, vb = (Value(NEURON[name]) for name in ("x1", "x2", "w1", "w2", "b"))
    vo = sum_values([vx1 * vw1, vx2 * vw2, vb]).tanh()
    vo.backward()
    assert vo.data == pytest.approx(o.item(), rel=1e-15)
    for ours, theirs in [(vx1, x1), (vx2, x2), (vw1, w1), (vw2, w2), (vb, b)]:
        assert ours.grad == pytest.approx(theirs.grad.item(), rel=1e-14, abs=1e-15)


def test_mlp_loss_and_parameter_grads_match_torch():
    model = MLP(3, [4, 4, 1], seed=0)
    loss = sum_values([(model(x) - y) ** 2 for x, y in zip(XS, YS)])
    loss.backward()
    params = [leaf(p.data) for p in model.parameters()]

    def neuron_forward(ws, b, x):
        return torch.tanh(sum(w * xi for w, xi in zip(ws, x)) + b)

    it = iter(params)
    layers = []
    for layer in model.layers:
        layers.append([([next(it) for _ in n.w], next(it)) for n in layer.neurons])
    tloss = 0.0
    for x, y in zip(XS, YS):
        act = [torch.tensor(v, dtype=torch.float64) for v in x]
        for layer in layers:
            act = [neuron_forward(ws, b, act) for ws, b in layer]
        tloss = tloss + (act[0] - y) ** 2
    tloss.backward()
    assert loss.data == pytest.approx(tloss.item(), rel=1e-13)
    for p, t in zip(model.parameters(), params):
        assert p.grad == pytest.approx(t.grad.item(), rel=1e-11, abs=1e-13)
    assert math.isfinite(loss.data) and len(params) == 41
