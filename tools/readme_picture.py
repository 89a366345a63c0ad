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

from autograd_lesson import draw_dot  # noqa: E402
from autograd_lesson.examples import lesson_graph  # noqa: E402


def render():
    """The picture as SVG text."""
    L = lesson_graph()
    L.backward()
    return draw_dot(L).render_svg()


def main():
    PICTURE.parent.mkdir(parents=True, exist_ok=True)
    PICTURE.write_text(render(), encoding="utf-8")
    print(f"wrote {PICTURE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
