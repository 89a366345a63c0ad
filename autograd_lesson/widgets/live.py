"""The graph picture a widget redraws on every move: laid out once, then only new numbers.

It draws the graph with graph.py's `_digraph`, the same code as `draw_dot`, so a
live picture and a `draw_dot` picture of one graph look the same.
"""

import re

from ..graph import MAX_NODES, _digraph, format_number, trace


class LiveGraph:
    """A picture of a graph that redraws new numbers in about a millisecond.

    Laying a graph out with `dot` takes 15 to 50 ms. When only the numbers change
    (a slider moved, the graph's shape did not), we can keep the layout: lay it
    out once with a fixed-width placeholder where each number goes, then fill
    the current numbers into the SVG text.

        live = LiveGraph(build(a=2.0))      # lay out once
        svg = live.svg(trace(build(a=3.0))[0])  # same shape, new numbers: no `dot` run
    """

    def __init__(self, root, rankdir="LR", highlight=(), max_nodes=MAX_NODES, show_grad=True):
        self.show_grad = show_grad
        self.nodes, edges = trace(root)
        digraph = _digraph(
            self.nodes, edges, root, "svg", rankdir, highlight, max_nodes, self._placeholders
        )
        svg = digraph.render_svg()
        self._pieces = re.split(r"#(\d{8})", svg)  # text, slot, text, slot, ..., text

    def _placeholders(self, index, node):
        # 9 characters, as wide as "-123.4567" in the monospace font: the boxes keep their size
        return f"#{2 * index:08d}", f"#{2 * index + 1:08d}" if self.show_grad else None

    def svg(self, nodes=None, grads=None):
        """The SVG with the current data and grad of each node.

        `nodes` defaults to the values traced at construction; pass the nodes of a
        rebuilt graph of the same shape to show its numbers instead. `grads`, optional
        {value: number}, shows those numbers as grads instead of the values' `.grad`.
        """
        nodes = self.nodes if nodes is None else nodes
        grads = {} if grads is None else grads
        pieces = self._pieces[:]
        for i in range(1, len(pieces), 2):
            slot = int(pieces[i])
            node = nodes[slot // 2]
            pieces[i] = format_number(grads.get(node, node.grad) if slot % 2 else node.data)
        return "".join(pieces)
