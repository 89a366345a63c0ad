"""The projector setting: large text and high-contrast graphs with one call, and nothing
changed when it is off (the stored notebooks and tests/test_graph.py rely on the DOT text)."""

import re

import pytest

from autograd_lesson import draw_dot, graph, projector
from autograd_lesson.engine import topological_order
from autograd_lesson.examples import lesson_graph
from autograd_lesson.projector import CODE_PX, GRAPH_STYLE, PROSE_PX, is_on


@pytest.fixture(autouse=True)
def setting_off_afterwards():
    yield
    projector(False)


def sources():
    L = lesson_graph()
    L.backward()
    nodes = topological_order(L)
    return [
        draw_dot(L).source,
        draw_dot(L, rankdir="TB", highlight=[nodes[2]]).source,
        draw_dot(L, show_grad=False).source,
    ]


def test_off_by_default_and_off_again_gives_the_same_dot_text():
    assert not is_on()
    before = sources()
    assert "fontsize=12" in before[0] and 'color="#555555"' in before[0]
    projector()
    assert is_on()
    assert sources() != before
    projector(False)
    assert not is_on()
    assert sources() == before


def test_on_draws_large_labels_and_strong_colours():
    projector()
    src = sources()[1]
    assert "fontsize=18" in src and "fontsize=22" in src
    assert 'color="#000000"' in src and "penwidth=2" in src
    for key in ("inner_fill", "output_fill", "highlight_fill", "op_fill"):
        assert f'fillcolor="{GRAPH_STYLE[key]}"' in src, key
    assert 'fillcolor="#d6e2f3"' not in src  # the normal inner fill is gone


def _luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


@pytest.mark.parametrize(
    "key", ["input_fill", "inner_fill", "output_fill", "highlight_fill", "op_fill"]
)
def test_black_labels_keep_aaa_contrast_on_every_fill(key):
    ratio = (_luminance(GRAPH_STYLE[key]) + 0.05) / (0 + 0.05)
    assert ratio >= 7, f"{key} {GRAPH_STYLE[key]}: contrast {ratio:.1f}:1 with black text"


def test_the_kinds_of_value_keep_different_fills():
    fills = [
        GRAPH_STYLE[k]
        for k in ("input_fill", "inner_fill", "output_fill", "highlight_fill", "op_fill")
    ]
    assert len(set(fills)) == len(fills)


def test_the_cell_output_carries_the_style_sheet_and_says_what_it_did():
    shown = projector()
    html = shown._repr_html_()
    assert html.startswith("<style")
    assert f"--jp-content-font-size1: {PROSE_PX}px" in html
    assert f"--jp-code-font-size: {CODE_PX}px" in html
    assert "--jp-widgets-font-size" in html
    assert "Projector setting on" in repr(shown) and "projector(False)" in repr(shown)
    off = projector(False)
    assert "<style" not in off._repr_html_() and "off" in repr(off)


def test_sizes_can_be_chosen():
    html = projector(prose=24, code=20)._repr_html_()
    assert "--jp-content-font-size1: 24px" in html and "--jp-code-font-size: 20px" in html
    assert re.search(r"--jp-content-font-size2: 29px", html)


def test_live_graph_follows_the_setting():
    from autograd_lesson.widgets.live import LiveGraph

    L = lesson_graph()
    L.backward()
    normal = LiveGraph(L).svg()
    projector()
    large = LiveGraph(L).svg()
    assert 'font-size="18.00"' in large and 'font-size="18.00"' not in normal
    assert graph.style == GRAPH_STYLE
