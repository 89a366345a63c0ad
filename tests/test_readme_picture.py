"""The README's picture (docs/images/graph.svg) shows what draw_dot draws today.

If this fails after a change to the engine or to draw_dot, redraw the picture:
    .venv/bin/python -m tools.readme_picture
The comparison goes through tests/sanitize.cfg, so a picture stored by one Graphviz
version still passes on a machine with another.
"""

import pathlib
import re

from test_sanitize import sanitize

from tools import readme_picture

ROOT = pathlib.Path(__file__).resolve().parent.parent
PICTURE = ROOT / "docs" / "images" / "graph.svg"


def texts(svg):
    return re.findall(r"<text[^>]*>([^<]*)</text>", sanitize(svg))


def test_the_picture_is_lesson_04s_graph_after_backward():
    shown = texts(PICTURE.read_text(encoding="utf-8"))
    for label, data, grad in [
        ("a", "2.0000", "6.0000"),
        ("b", "-3.0000", "-4.0000"),
        ("c", "10.0000", "-2.0000"),
        ("e", "-6.0000", "-2.0000"),
        ("d", "4.0000", "-2.0000"),
        ("f", "-2.0000", "4.0000"),
        ("L", "-8.0000", "1.0000"),
    ]:
        i = shown.index(label)
        assert shown[i + 1 : i + 3] == [f"data {data}", f"grad {grad}"], label
    assert sorted(t for t in shown if len(t) == 1 and not t.isalpha()) == ["*", "*", "+"]


def test_the_picture_matches_what_draw_dot_draws_now():
    now = readme_picture.render()
    stored = PICTURE.read_text(encoding="utf-8")
    assert texts(stored) == texts(now), "redraw it: .venv/bin/python -m tools.readme_picture"
    assert sanitize(stored) == sanitize(now), "redraw it: .venv/bin/python -m tools.readme_picture"
