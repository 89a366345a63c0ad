#!/usr/bin/env python3
"""Draw the README's picture, docs/images/graph.svg, with the course's own `draw_dot`.

    python tools/readme_picture.py

The graph is lesson 04's example, L = (a*b + c) * f with a = 2, b = -3, c = 10,
f = -2, after `L.backward()`: every box shows its data and its gradient.
tests/test_readme_picture.py checks that the stored picture still matches.
"""

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
PICTURE = ROOT / "docs" / "images" / "graph.svg"
sys.path.insert(0, str(ROOT))

from autograd_lesson import Value, draw_dot  # noqa: E402


def lesson04_graph():
    """L = (a*b + c) * f, labelled a, b, c, e, d, f, L, with gradients filled in."""
    a = Value(2.0, label="a")
    b = Value(-3.0, label="b")
    c = Value(10.0, label="c")
    f = Value(-2.0, label="f")
    e = a * b
    e.label = "e"
    d = e + c
    d.label = "d"
    L = d * f
    L.label = "L"
    L.backward()
    return L


def render():
    """The picture as SVG text."""
    return draw_dot(lesson04_graph()).render_svg()


def main():
    PICTURE.parent.mkdir(parents=True, exist_ok=True)
    PICTURE.write_text(render(), encoding="utf-8")
    print(f"wrote {PICTURE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
