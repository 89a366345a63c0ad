"""Draw the README's picture, docs/images/graph.svg, with the course's own `draw_dot`.

    python -m tools.readme_picture

The graph is lesson 04's example, L = (a*b + c) * f with a = 2, b = -3, c = 10,
f = -2, after `L.backward()`: every box shows its data and its gradient.
tests/test_readme_picture.py checks that the stored picture still matches.
"""

import pathlib

from autograd_lesson import draw_dot
from autograd_lesson.examples import lesson_graph

ROOT = pathlib.Path(__file__).resolve().parent.parent
PICTURE = ROOT / "docs" / "images" / "graph.svg"


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
