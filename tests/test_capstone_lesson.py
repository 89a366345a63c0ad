"""Lesson 12's reference pieces (autograd_lesson.capstone) against the syllabus and NumPy."""

import numpy as np
import pytest

from autograd_lesson import capstone
from autograd_lesson.datasets import make_moons


@pytest.fixture(scope="module")
def moons():
    return make_moons(100, noise=0.1, seed=capstone.DATA_SEED)


def test_the_model_is_micrograds_demo_network():
    model = capstone.make_model()
    assert len(model.parameters()) == 337 == 16 * 3 + 16 * 17 + 17
    assert [len(layer.neurons) for layer in model.layers] == [16, 16, 1]
    assert [layer.neurons[0].activation for layer in model.layers] == ["relu", "relu", "linear"]


def test_the_loss_is_the_mean_hinge_plus_the_penalty(moons):
    X, y = moons
    model = capstone.make_model()
    scores = capstone.numpy_scores(model, X)
    params = np.array([p.data for p in model.parameters()])
    expected = np.maximum(0.0, 1.0 - y * scores).mean() + 1e-4 * (params**2).sum()
    loss = capstone.hinge_loss(model, X, y)
    assert loss.data == pytest.approx(expected, rel=1e-12)
    loss.backward()
    # d/dp of the penalty is 2e-4·p; a point past its margin adds nothing: check one bias exactly
    # against central differences of the whole loss
    p = model.layers[2].neurons[0].b
    h, old = 1e-6, p.data
    p.data = old + h
    up = capstone.hinge_loss(model, X, y).data
    p.data = old - h
    down = capstone.hinge_loss(model, X, y).data
    p.data = old
    assert p.grad == pytest.approx((up - down) / (2 * h), rel=1e-6)


def test_the_schedule_falls_from_one_to_a_tenth():
    assert capstone.learning_rate(0) == 1.0
    assert capstone.learning_rate(50) == pytest.approx(0.55)
    assert capstone.learning_rate(100) == pytest.approx(0.1) == capstone.learning_rate(500)
    assert capstone.learning_rate(10, steps=20, start=0.5) == pytest.approx(0.5 * 0.55)


@pytest.mark.slow
def test_training_from_the_seed_passes_95_percent_the_same_way_every_run(moons):
    X, y = moons
    runs = []
    for _ in range(2):
        model = capstone.make_model()
        assert capstone.accuracy(model, X, y) == 0.56
        losses = capstone.train(model, X, y, steps=capstone.STEPS)
        runs.append((losses, capstone.accuracy(model, X, y)))
    assert runs[0] == runs[1]
    losses, acc = runs[0]
    assert acc >= 0.95 and losses[-1] < 0.05 and losses[0] == pytest.approx(0.899439, abs=1e-6)
