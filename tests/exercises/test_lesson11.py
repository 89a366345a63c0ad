"""Lesson 11 check: a right training step in any order passes; each classic bug is named."""

from autograd_lesson.exercises import check_train_step


def _loss(m, xs, ys):
    return sum((m(x) - y) ** 2 for x, y in zip(xs, ys))


def good(m, xs, ys, lr):
    loss = _loss(m, xs, ys); m.zero_grad(); loss.backward()
    for p in m.parameters():
        p.data -= lr * p.grad
    return loss


def zero_after(m, xs, ys, lr):  # zeroing after the update is just as right
    loss = _loss(m, xs, ys); loss.backward()
    for p in m.parameters():
        p.data -= lr * p.grad
    m.zero_grad()


def no_zero(m, xs, ys, lr):
    loss = _loss(m, xs, ys); loss.backward()
    for p in m.parameters():
        p.data -= lr * p.grad


def wrong_sign(m, xs, ys, lr):
    loss = _loss(m, xs, ys); m.zero_grad(); loss.backward()
    for p in m.parameters():
        p.data += lr * p.grad


def no_backward(m, xs, ys, lr):
    _loss(m, xs, ys); m.zero_grad()
    for p in m.parameters():
        p.data -= lr * p.grad


def no_update(m, xs, ys, lr):
    loss = _loss(m, xs, ys); m.zero_grad(); loss.backward()


def averaged(m, xs, ys, lr):
    loss = _loss(m, xs, ys) / len(xs); m.zero_grad(); loss.backward()
    for p in m.parameters():
        p.data -= lr * p.grad


def half_rate(m, xs, ys, lr):
    good(m, xs, ys, lr / 2)


def test_right_steps():
    assert check_train_step(good).ok
    v = check_train_step(zero_after)
    assert v.ok and "loss fell from 6.2443" in v.message


def test_each_bug_is_named():
    assert "forgot zero_grad()" in check_train_step(no_zero).message
    assert "UP the gradient" in check_train_step(wrong_sign).message
    assert "backward() was never called" in check_train_step(no_backward).message
    assert "no parameter changed" in check_train_step(no_update).message
    assert "averaged the loss" in check_train_step(averaged).message
    assert "the loss fell" in check_train_step(half_rate).message


def test_wrong_types_and_errors_do_not_raise():
    assert "expected a function" in check_train_step(3).message
    assert "raised TypeError" in check_train_step(lambda m: None).message
