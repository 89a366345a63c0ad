"""Small data sets for the lessons, made with NumPy alone and the same on every run.

    from autograd_lesson.datasets import make_moons
    X, y = make_moons(100, noise=0.1, seed=1337)   # X: (100, 2) floats, y: (100,) of -1.0 and +1.0

The two moons are what micrograd's demo trains on (it takes them from scikit-learn):
two interleaved half circles, one bowl up and one bowl down, that no straight line can
separate. Our version draws the points the way scikit-learn's `make_moons` does, but with
its own seeded NumPy generator, so the course needs no scikit-learn and every machine gets
the very same points.
"""

import numpy as np

__all__ = ["make_moons"]


def make_moons(n=100, noise=0.1, seed=1337):
    """`n` points on two interleaved half-moons, with Gaussian noise, in a seeded random order.

    Returns (X, y): X is an (n, 2) float array of points, y an (n,) float array of labels,
    -1.0 for the upper moon (centred at (0, 0)) and +1.0 for the lower one (centred at
    (1, 0.5)). The upper moon gets n // 2 points, the lower one the rest; `noise` is the
    standard deviation of the noise added to each coordinate (0 puts every point exactly
    on its half circle). The same `seed` gives the same points on every run and machine.
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 2:
        raise ValueError(f"make_moons: n must be a whole number of points, at least 2; got {n!r}")
    noise = float(noise)
    if not np.isfinite(noise) or noise < 0:
        raise ValueError(f"make_moons: noise must be a standard deviation >= 0; got {noise!r}")
    n = int(n)
    n_upper = n // 2
    n_lower = n - n_upper
    rng = np.random.default_rng(seed)
    t_upper = np.linspace(0.0, np.pi, n_upper)
    t_lower = np.linspace(0.0, np.pi, n_lower)
    upper = np.column_stack([np.cos(t_upper), np.sin(t_upper)])
    lower = np.column_stack([1.0 - np.cos(t_lower), 0.5 - np.sin(t_lower)])
    X = np.vstack([upper, lower])
    y = np.concatenate([-np.ones(n_upper), np.ones(n_lower)])
    order = rng.permutation(n)  # interleave the two moons
    X, y = X[order], y[order]
    if noise:
        X = X + rng.normal(0.0, noise, size=X.shape)
    return X, y
