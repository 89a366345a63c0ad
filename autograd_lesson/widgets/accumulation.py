"""The accumulation toggle (lesson 07): assign the gradient, or add it up?

When a value is used more than once, each use is a separate path from the output
back to it, and the chain rule says its gradient is the SUM over those paths.
A backward pass that *assigns* along each edge (`child.grad = local * node.grad`)
keeps only the last path it walked; one that *accumulates*
(`child.grad += local * node.grad`) keeps them all. Flip the toggle to see both
on the same graph.
"""

import ipywidgets as W

from ..engine import Value, topological_order
from ..examples import backward_by
from ..graph import draw_dot, format_number
from .base import LIVE, LessonWidget, svg_only, table

ASSIGN = "assign (=)"
ACCUMULATE = "accumulate (+=)"


def twice_a():
    """b = a + a with a = 3: a is used twice by one operation."""
    a = Value(3.0, label="a")
    b = a + a
    b.label = "b"
    return b


def shared_inputs():
    """f = (a·b)·(a + b) with a = −2, b = 3: a and b each feed two operations."""
    a, b = Value(-2.0, label="a"), Value(3.0, label="b")
    d = a * b
    d.label = "d"
    e = a + b
    e.label = "e"
    f = d * e
    f.label = "f"
    return f


EXAMPLES = {"b = a + a   (a = 3)": twice_a, "f = (a·b)·(a + b)   (a = −2, b = 3)": shared_inputs}


class AccumulationToggle(LessonWidget):
    """Toggle between assigning and accumulating gradients; the wrong grads are highlighted.

        AccumulationToggle()                       # starts on b = a + a, assigning
        AccumulationToggle(examples={"name": build_function}, mode=ACCUMULATE)

    Handles: `controls["mode"]` (ToggleButtons: "assign (=)" / "accumulate (+=)"),
    `controls["example"]` (Dropdown), `picture` (SVG), `readout` (both rules side by side).
    """

    title = "Assign or accumulate? Gradients of a value used more than once"

    def __init__(self, examples=None, mode=ASSIGN, example=None):
        self.examples = dict(EXAMPLES if examples is None else examples)
        names = list(self.examples)
        self.controls = {
            "mode": W.ToggleButtons(
                options=[ASSIGN, ACCUMULATE],
                value=mode,
                description="rule",
                style={"description_width": "initial"},
            ),
            "example": W.Dropdown(
                options=names,
                value=example or names[0],
                description="example",
                style={"description_width": "initial"},
                layout=W.Layout(width="360px"),
            ),
        }
        self.picture = W.HTML()
        self.readout = W.HTML()
        self._cache = {}  # (example, mode) -> (svg, rows)
        self._finish()

    def grads(self, example, accumulate):
        """{label: grad} for every labelled node of `example` under one rule."""
        root = self.examples[example]()
        order = backward_by(root, accumulate)
        return root, order, {node.label: node.grad for node in order}

    def _draw(self, example, mode):
        key = (example, mode)
        if key not in self._cache:
            _, _, right = self.grads(example, True)
            _, _, wrong = self.grads(example, False)
            root, order, _shown = self.grads(example, mode == ACCUMULATE)
            differ = [node for node in order if wrong[node.label] != right[node.label]]
            highlight = differ if mode == ASSIGN else []
            svg = svg_only(draw_dot(root, highlight=highlight).render_svg())
            rows = []
            for node in reversed(order):
                name = node.label
                mark = "✗ lost a path" if wrong[name] != right[name] else "same"
                rows.append(
                    [
                        name,
                        format_number(node.data),
                        format_number(wrong[name]),
                        format_number(right[name]),
                        mark,
                    ]
                )
            self._cache[key] = (svg, rows, right, wrong)
        return self._cache[key]

    def update(self):
        example, mode = self.controls["example"].value, self.controls["mode"].value
        svg, rows, _, _ = self._draw(example, mode)
        self.picture.value = svg
        note = (
            "highlighted: nodes whose grad is WRONG because assigning kept only the last path"
            if mode == ASSIGN
            else "every path adds its share: these grads are right"
        )
        self.readout.value = f"<p>Showing <b>{mode}</b>; {note}.</p>" + table(
            ["node", "data", "grad if assigned", "grad if accumulated", "assigned vs accumulated"],
            rows,
        )

    def summary(self):
        example, mode = self.controls["example"].value, self.controls["mode"].value
        _, _, right, wrong = self._draw(example, mode)
        shown = right if mode == ACCUMULATE else wrong
        leaves = [name for name in shown if name and self._is_leaf(example, name)]
        grads = ", ".join(f"{name}.grad = {format_number(shown[name])}" for name in leaves)
        return f"{self.title}: {example.split('  ')[0]}, {mode}: {grads} " + LIVE.format(
            "flip the toggle"
        )

    def _is_leaf(self, example, name):
        root = self.examples[example]()
        return any(node.label == name and not node.children for node in topological_order(root))
