"""The backprop stepper (lesson 04): walk the graph from the output back, one node per click.

Backpropagation by hand is a fixed routine. Start at the output with dL/dL = 1.
Then take the nodes in reverse topological order (every node after all the
nodes that use it) and, for each, apply the chain rule:

    dL/d(node) = sum over each parent that uses it of  (local derivative) × dL/d(parent)

where the local derivative is 1 for `+` and "the other input" for `*`. The
stepper shows that routine one node at a time: the current node is highlighted,
the readout spells out the product it computes, and the nodes not reached yet
still show grad 0.
"""

import html
import re

import ipywidgets as W

from .. import graph
from ..engine import topological_order
from ..examples import lesson_graph
from ..graph import format_number
from .base import LIVE, LessonWidget, svg_only, table
from .live import LiveGraph


def _paren(x):
    """A number for a product: negative numbers in parentheses, "(-3.0000)"."""
    text = format_number(x)
    return f"({text})" if text.startswith("-") else text


class BackpropStepper(LessonWidget):
    """Step through backpropagation by hand, node by node, from the output back.

        BackpropStepper()            # the lesson's L = (a·b + c)·f
        BackpropStepper(root)        # any expression you built, with labelled values

    Step 0 is the forward pass alone (every grad 0). Step 1 sets dL/dL = 1; each
    further step fills in one more node, in reverse topological order.

    Handles: `controls["previous"]`, `controls["next"]` (buttons), `controls["step"]`
    (a slider over the steps), `picture` (SVG), `readout` (the rule and the product),
    `order` (the nodes in the order they are visited), `steps` (one record per node).
    """

    title = "Backpropagation by hand, one node at a time"

    def __init__(self, root=None, step=0):
        self.root = lesson_graph() if root is None else root
        self.order = list(reversed(topological_order(self.root)))
        self.names = {}
        for index, node in enumerate(topological_order(self.root)):
            self.names[node] = node.label or f"n{index}"
        self.steps = self._work_out()
        n = len(self.order)
        self.controls = {
            "step": W.IntSlider(
                value=min(max(int(step), 0), n),
                min=0,
                max=n,
                description="step",
                continuous_update=True,
                layout=W.Layout(width="320px"),
            ),
            "previous": W.Button(description="◀ previous", tooltip="go back one node"),
            "next": W.Button(description="next ▶", tooltip="backpropagate into the next node"),
        }
        self.controls["previous"].on_click(lambda _: self._move(-1))
        self.controls["next"].on_click(lambda _: self._move(+1))
        self.picture = W.HTML()
        self.readout = W.HTML()
        self._svgs = {}  # step -> SVG; each picture is made once
        self._live = LiveGraph(self.root)  # one layout for every step: only numbers change
        self._index = {node: i for i, node in enumerate(self._live.nodes)}
        self._finish()

    # ----- the arithmetic, worked out once -----

    def _work_out(self):
        """For each node in visiting order: its grad and the text of the product that gives it."""
        out = self.names[self.root]
        uses = {node: [] for node in self.order}  # node -> [(parent, local derivative, rule)]
        for parent in self.order:
            for i, (child, local) in enumerate(zip(parent.children, parent.local_grads)):
                uses[child].append((parent, local, self._factor(parent, i, local)))
        grads, steps = {}, []
        for node in self.order:
            name = self.names[node]
            if node is self.root:
                grads[node] = 1.0
                steps.append(
                    {
                        "node": node,
                        "grad": 1.0,
                        "text": f"∂{out}/∂{out} = 1 (the output changes exactly as much as itself)",
                    }
                )
                continue
            terms = [(local, grads[parent], factor, parent) for parent, local, factor in uses[node]]
            grad = 0.0
            for local, upstream, _, _ in terms:
                grad += local * upstream
            grads[node] = grad
            symbolic = " + ".join(
                f"{factor} × ∂{out}/∂{self.names[p]}" for _, _, factor, p in terms
            )
            numeric = " + ".join(f"{_paren(local)} × {_paren(up)}" for local, up, _, _ in terms)
            steps.append(
                {
                    "node": node,
                    "grad": grad,
                    "text": f"∂{out}/∂{name} = {symbolic} = {numeric} = {format_number(grad)}",
                }
            )
        return steps

    def _factor(self, parent, i, local):
        """How the local derivative reads: "1" for +, the other input's name for *."""
        if parent.op == "+":
            return "1"
        if parent.op == "*" and len(parent.children) == 2:
            return self.names[parent.children[1 - i]]
        return f"({format_number(local)})"

    # ----- the widget -----

    @property
    def step(self):
        return int(self.controls["step"].value)

    def _move(self, delta):
        slider = self.controls["step"]
        slider.value = min(max(slider.value + delta, slider.min), slider.max)

    def grads_at(self, step):
        """Every node's grad after `step` steps, in visiting order (0.0 for nodes not reached)."""
        done = {s["node"]: s["grad"] for s in self.steps[:step]}
        return [(node, done.get(node, 0.0)) for node in self.order]

    def _picture(self, step):
        """The graph after `step` steps: the grads worked out so far (the student's own
        `.grad` values are left alone), the current node highlighted as `draw_dot` does."""
        if step not in self._svgs:
            svg = self._live.svg(grads=dict(self.grads_at(step)))
            if step:
                svg = _highlight(svg, self._index[self.steps[step - 1]["node"]])
            self._svgs[step] = svg_only(svg)
        return self._svgs[step]

    def explanation(self):
        """The sentence for the current step."""
        step = self.step
        if step == 0:
            return "Forward pass done, every grad is 0. Press next ▶ to start at the output."
        return self.steps[step - 1]["text"]

    def update(self):
        step = self.step
        self.picture.value = self._picture(step)
        rows = []
        for i, (node, grad) in enumerate(self.grads_at(step)):
            reached = i < step
            marker = "◀ now" if i == step - 1 else ""
            rows.append(
                [
                    self.names[node],
                    format_number(node.data),
                    format_number(grad) if reached else "not yet",
                    marker,
                ]
            )
        head = f"<p><b>Step {step} of {len(self.order)}:</b> {html.escape(self.explanation())}</p>"
        self.readout.value = head + table(["node", "data", "grad", ""], rows)

    def summary(self):
        return (
            f"{self.title}: step {self.step} of {len(self.order)}: {self.explanation()} "
            + LIVE.format("step through")
        )


def _highlight(svg, index):
    """The SVG with node n{index} drawn as `draw_dot(highlight=...)` draws it: a bold border
    and the highlight fill (the layout is kept: Graphviz lays a bold border out the same)."""

    def bold(group):
        text = re.sub(
            r'fill="[^"]*"', f'fill="{graph.style["highlight_fill"]}"', group.group(0), count=1
        )
        text = re.sub(r' stroke-width="[^"]*"', "", text)
        return re.sub(r'stroke="black"', 'stroke="black" stroke-width="3"', text)

    return re.sub(rf"<title>n{index}</title>.*?</g>", bold, svg, count=1, flags=re.S)
