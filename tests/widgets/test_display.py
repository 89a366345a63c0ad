"""How a lesson widget displays, the same under ipywidgets 7 (Colab ships 7.7) and 8.

ipywidgets 8 widgets have `_repr_mimebundle_`; ipywidgets 7 widgets display through
`_ipython_display_` and have none. A lesson widget builds one bundle either way: the live
view, its still picture, and the one-line text that nbval compares.
`bash course.sh test-ipywidgets7` runs these tests with ipywidgets 7.7.1.
"""

import ipywidgets
import pytest
from IPython.core.formatters import DisplayFormatter

from autograd_lesson.widgets import GraphExplorer, NetworkTrainer
from autograd_lesson.widgets.base import WIDGET_VIEW_MIME, widget_view_bundle

WIDGETS = {
    "svg": lambda: GraphExplorer(lambda x, y: x * y, {"x": 2.0, "y": 4.0}, title="p = x·y"),
    "png": lambda: NetworkTrainer(),
}


@pytest.mark.parametrize("kind", WIDGETS)
def test_bundle_has_the_live_view_the_picture_and_the_summary(kind):
    w = WIDGETS[kind]()
    bundle = w._repr_mimebundle_()
    assert bundle["text/plain"] == w.summary()
    assert bundle[WIDGET_VIEW_MIME] == {
        "version_major": 2,
        "version_minor": 0,
        "model_id": w.view.model_id,
    }
    assert ("image/svg+xml" if kind == "svg" else "image/png") in bundle


def test_ipython_shows_the_same_bundle():
    w = WIDGETS["svg"]()
    data, _ = DisplayFormatter().format(w)
    assert data["text/plain"] == w.summary()
    assert data[WIDGET_VIEW_MIME]["model_id"] == w.view.model_id
    assert data["image/svg+xml"].startswith("<svg")


def test_a_plain_widget_bundle_matches_what_ipywidgets_itself_shows():
    slider = ipywidgets.FloatSlider(value=1.5, description="a")
    bundle = widget_view_bundle(slider)
    assert bundle[WIDGET_VIEW_MIME]["model_id"] == slider.model_id
    assert bundle["text/plain"] == repr(slider)[:110] + ("…" if len(repr(slider)) > 110 else "")


def test_every_lesson_widget_brings_the_slider_keys_helper_once():
    """The live view carries the invisible SliderKeys widget (keys.py: the arrow keys in
    Notebook 7 and on a slide), added once however often the widget is shown, and shared."""
    from autograd_lesson.widgets.keys import SliderKeys

    a, b = WIDGETS["svg"](), WIDGETS["png"]()
    for _ in range(2):
        a._repr_mimebundle_()
        b._repr_mimebundle_()
    helpers = [c for c in a.view.children if isinstance(c, SliderKeys)]
    assert len(helpers) == 1 and a.view.children[-1] is helpers[0]
    assert b.view.children[-1] is helpers[0]
    # the page-side lines: a capture-phase listener on window marks the focused handle
    esm = helpers[0]._esm
    assert 'window.addEventListener("keydown", letSliderHaveKey, true)' in esm
    assert "data-lm-suppress-shortcuts" in esm and '"ArrowRight"' in esm
