"""The network trainer, driven as a student would: click "train 10 steps", move the rate, reset."""

from timing import cpu_seconds

from autograd_lesson.widgets import NetworkTrainer


def test_starts_untrained_from_the_seed():
    w = NetworkTrainer()
    assert len(w.model.parameters()) == 41
    assert "0 steps, loss = 6.244272" in w.summary()
    assert "<b>6.244272</b>" in w.readout.value and "<td>[2.0, 3.0, -1.0]</td>" in w.readout.value
    assert w.picture.value[:8] == b"\x89PNG\r\n\x1a\n"


def test_train_button_lowers_the_loss_and_reset_restores():
    w = NetworkTrainer()
    w.controls["train"].click()
    assert len(w.losses) == 10 and round(w.losses[0], 6) == 6.244272 and w.losses[-1] < w.losses[0]
    assert "10 steps, loss = 0.018112" in w.summary()
    w.controls["train"].click()
    assert "20 steps" in w.summary() and w.loss < 0.01
    w.controls["reset"].click()
    assert "0 steps, loss = 6.244272" in w.summary() and w.losses == []


def test_learning_rate_slider_is_used():
    w = NetworkTrainer()
    w.controls["learning rate"].value = 0.01
    w.controls["train"].click()
    assert w.loss > 0.1  # a tenth of the rate: far slower
    assert "learning rate 0.01" in w.readout.value


def test_click_is_fast():
    w = NetworkTrainer()
    w.controls["train"].click()
    start = cpu_seconds()
    w.controls["train"].click()
    assert cpu_seconds() - start < 0.1
