"""The projector setting: a lesson readable from the back of a room, with one call.

    from autograd_lesson import projector
    projector()          # in the first cell, before any widget is made

From then on, in this browser tab and this kernel:

- prose, code, outputs and widget labels are drawn larger (JupyterLab's own font-size
  variables, raised by a style sheet the cell's output carries);
- graph pictures use larger labels, black arrows, thicker borders and stronger fills
  (black text on every fill keeps a contrast of at least 7:1, WCAG's AAA level).

`projector(False)` turns the graph style back to normal (and its output then carries no
style sheet: re-run the cell, or clear its output, to get the normal font sizes back).
Widgets lay their graph out when they are made, so make them after the call: call it
in the first cell, or re-run the widget cells after it. The setting changes nothing on
disk and nothing for a student's copy; with it off the pictures are byte for byte the
same as before.
"""

from html import escape

from . import graph

# Sizes chosen on a 1280x720 projector picture: body text 20 px is about what slides
# use; code one step smaller so a 70-character line still fits beside the prompt.
PROSE_PX = 20
CODE_PX = 18
GRAPH_STYLE = {
    "fontsize": "18",
    "op_fontsize": "22",
    "penwidth": "2",
    "edge_color": "#000000",
    "arrowsize": "1.0",
    "input_fill": "#ffffff",
    "inner_fill": "#9cc3f5",
    "output_fill": "#ffa94d",
    "highlight_fill": "#ffe14d",
    "op_fill": "#d9d9d9",
}

_STYLE_ID = "autograd-lesson-projector"


def _css(prose=PROSE_PX, code=CODE_PX):
    # Declared on <body>, so they win over the theme's values on :root for everything inside.
    return f"""body {{
  --jp-content-font-size1: {prose}px;
  --jp-content-font-size2: {round(prose * 1.2)}px;
  --jp-content-font-size3: {round(prose * 1.44)}px;
  --jp-content-font-size4: {round(prose * 1.728)}px;
  --jp-content-font-size5: {round(prose * 2.07)}px;
  --jp-ui-font-size1: {code}px;
  --jp-code-font-size: {code}px;
  --jp-code-line-height: 1.35;
  --jp-widgets-font-size: {code}px;
  --jp-widgets-inline-height: {round(code * 2)}px;
  --jp-widgets-inline-label-width: {round(code * 6)}px;
}}
body .jp-RenderedHTMLCommon, body .jp-RenderedMarkdown {{ font-size: {prose}px; }}
body .jp-OutputArea-output pre, body .jp-RenderedText pre {{ font-size: {code}px; }}"""


class ProjectorSetting:
    """What `projector()` returns: in a notebook it displays the style sheet and one line."""

    def __init__(self, on, prose=PROSE_PX, code=CODE_PX):
        self.on, self.prose, self.code = on, prose, code

    def __repr__(self):
        if not self.on:
            return "Projector setting off: graph pictures in their normal style."
        return (
            f"Projector setting on: prose {self.prose} px, code {self.code} px, graph labels "
            f"{GRAPH_STYLE['fontsize']} pt, high-contrast graph colours. "
            "projector(False) turns it off."
        )

    def _repr_html_(self):
        line = f"<span style='font-size: 0.8em; color: #444'>{escape(repr(self))}</span>"
        if not self.on:
            return line
        return f"<style id='{_STYLE_ID}'>\n{_css(self.prose, self.code)}\n</style>{line}"


def projector(on=True, prose=PROSE_PX, code=CODE_PX):
    """Switch the projector setting on (default) or off; display the result in a cell.

    Args:
        on: True for large text and high-contrast graphs, False for the normal look.
        prose: the size of markdown text in pixels (headings scale with it).
        code: the size of code, outputs and widget labels in pixels.
    """
    graph.style.clear()
    graph.style.update(GRAPH_STYLE if on else graph.DEFAULT_STYLE)
    return ProjectorSetting(bool(on), prose, code)


def is_on():
    """Whether graph pictures are drawn in the projector style now."""
    return graph.style == GRAPH_STYLE
