"""make_moons: NumPy only, labels ±1, the same points for the same seed, the shape of two moons."""

import numpy as np
import pytest

from autograd_lesson.datasets import make_moons


def test_shapes_types_and_labels():
    X, y = make_moons(100, noise=0.1, seed=1337)
    assert X.shape == (100, 2) and y.shape == (100,)
    assert X.dtype == np.float64 and y.dtype == np.float64
    assert set(y.tolist()) == {-1.0, 1.0} and (y == -1).sum() == 50 and (y == 1).sum() == 50


def test_an_odd_count_gives_the_extra_point_to_the_lower_moon():
    _X, y = make_moons(7, noise=0.0, seed=0)
    assert (y == -1).sum() == 3 and (y == 1).sum() == 4


def test_deterministic_for_a_seed_and_different_for_another():
    a, b = make_moons(100, 0.1, seed=1337), make_moons(100, 0.1, seed=1337)
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])
    c = make_moons(100, 0.1, seed=1)
    assert not np.array_equal(a[0], c[0])


def test_the_same_points_on_every_machine():
    """NumPy's default_rng (PCG64) and its normal draws are stable across versions and platforms."""
    X, y = make_moons(100, noise=0.1, seed=1337)
    assert X[0].tolist() == pytest.approx([0.02254327, 0.994089], abs=1e-8)
    assert y[:10].tolist() == [-1.0, 1.0, 1.0, 1.0, -1.0, 1.0, 1.0, -1.0, -1.0, 1.0]


def test_without_noise_the_points_lie_on_the_two_half_circles():
    X, y = make_moons(50, noise=0.0, seed=3)
    upper, lower = X[y < 0], X[y > 0]
    assert np.allclose(np.hypot(upper[:, 0], upper[:, 1]), 1.0) and (upper[:, 1] >= -1e-12).all()
    assert np.allclose(np.hypot(lower[:, 0] - 1.0, lower[:, 1] - 0.5), 1.0)
    assert (lower[:, 1] <= 0.5 + 1e-12).all()
    # the two moons interleave: each reaches into the other's bowl
    assert upper[:, 0].max() - lower[:, 0].min() == pytest.approx(1.0)
    assert lower[:, 1].max() - upper[:, 1].min() == pytest.approx(0.5)


def test_the_order_is_shuffled():
    _, y = make_moons(100, noise=0.1, seed=1337)
    assert 20 < np.count_nonzero(np.diff(y)) < 80  # not 50 of one label and then 50 of the other


def test_noise_is_the_standard_deviation():
    X0, y0 = make_moons(2000, noise=0.0, seed=5)
    X1, y1 = make_moons(2000, noise=0.2, seed=5)
    assert np.array_equal(y0, y1)  # the same order; only the noise is added
    assert np.std(X1 - X0) == pytest.approx(0.2, rel=0.05)


@pytest.mark.parametrize(
    "bad", [dict(n=1), dict(n=2.5), dict(n=True), dict(noise=-0.1), dict(noise=float("nan"))]
)
def test_bad_arguments_say_what_is_wrong(bad):
    with pytest.raises(ValueError, match="make_moons"):
        make_moons(**bad)
