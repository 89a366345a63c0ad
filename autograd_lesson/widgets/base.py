"""What every lesson widget shares.

A lesson widget is a plain Python object holding ipywidgets:

- `controls`: the sliders and buttons, by name, so a test can set `w.controls["a"].value = 3`;
- `picture`: an `HTML` widget showing an SVG (a graph) or an `Image` (a plot);
- `readout`: an `HTML` widget with the numbers as a small table;
- `view`: the box that holds them all, which is what the notebook displays.

Each control calls `update()` through `observe`, and `update()` recomputes and
redraws. When moves arrive faster than the widget draws (a drag queues them while the
kernel is busy), the ones in between are skipped and the latest state is drawn. Displayed in a notebook, the widget also sends a static picture
(SVG or PNG) and a one-line text summary, which is what GitHub, nbviewer and
a printed page show where no kernel runs; the live view hides them.
"""

import asyncio
import base64
import html
import time

import ipywidgets as W

from .keys import with_slider_keys

LIVE = "(live widget: run the notebook to {})"  # ends every summary: what a kernel would allow


def slider(name, value, low, high, step=0.1, description=None, **kwargs):
    """A float slider with a readable label and a readout of 4 significant decimals."""
    return W.FloatSlider(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description or name,
        continuous_update=True,
        readout_format=".4g",
        style={"description_width": "initial"},
        layout=W.Layout(width="320px"),
        **kwargs,
    )


_TABLE_STYLE = (
    "<style>table.autograd-lesson th, table.autograd-lesson td {padding: 2px 12px}</style>"
)


def table(header, rows):
    """An HTML table (the readout): `header` is a list of column names, `rows` lists of cells."""
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows
    )
    return (
        _TABLE_STYLE + '<table class="autograd-lesson" style="font-family:monospace;'
        'font-size:110%;border-collapse:collapse;text-align:right">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def svg_only(svg):
    """SVG text from Graphviz without its XML prolog, shrunk to fit the page when wider."""
    start = svg.find("<svg")
    svg = svg[start:] if start >= 0 else svg
    return svg.replace("<svg ", '<svg style="max-width:100%;height:auto" ', 1)


CATCH_UP = 0.010  # seconds: a move sooner than this after the last redraw was queued during it

WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"


def widget_view_bundle(widget, **kwargs):
    """The MIME bundle that displays `widget`'s live view, under ipywidgets 7 and 8 alike.

    ipywidgets 8 widgets return it from `_repr_mimebundle_`. ipywidgets 7 (7.7 is what
    Google Colab ships) has no such method: a widget displays itself through
    `_ipython_display_`, which publishes the same bundle directly and then runs the
    widget's `on_displayed` callbacks. Here the bundle is built the same way as both
    versions build it, so a lesson widget's output is the same under either.
    """
    own = getattr(widget, "_repr_mimebundle_", None)
    if callable(own):  # ipywidgets 8
        return own(**kwargs)
    plaintext = repr(widget)  # ipywidgets 7
    if len(plaintext) > 110:
        plaintext = plaintext[:110] + "…"
    bundle = {"text/plain": plaintext}
    if widget._view_name is not None:
        bundle[WIDGET_VIEW_MIME] = widget.get_view_spec()
        widget._handle_displayed()  # as IPython calls _ipython_display_: no arguments
    return bundle


class LessonWidget:
    """Base class: subclasses build `controls`, `picture`, `readout`, then call `_finish()`."""

    title = ""

    def _finish(self, extra=()):
        """Lay the parts out, hook every control to `update`, and draw the first state."""
        for control in self.controls.values():
            if isinstance(control, W.Button):
                continue  # buttons are wired by the subclass (on_click)
            control.observe(lambda change: self._moved(), names="value")
        header = W.HTML(f"<b style='font-size:120%'>{html.escape(self.title)}</b>")
        sliders = [c for c in self.controls.values() if not isinstance(c, W.Button)]
        buttons = [c for c in self.controls.values() if isinstance(c, W.Button)]
        rows = [header]
        if sliders:
            rows.append(W.HBox(sliders, layout=W.Layout(flex_flow="row wrap")))
        if buttons:
            rows.append(W.HBox(buttons))
        rows += [self.picture, self.readout, *extra]
        self.view = W.VBox(rows, layout=W.Layout(border="1px solid #ccc", padding="8px"))
        self.update()
        for image in [self.picture, *extra]:
            if isinstance(image, W.Image) and image.value[:4] == b"\x89PNG":
                # show a plot at its own size (bytes 16-20 of a PNG hold its width), not
                # stretched to the page's width and blurred
                width = int.from_bytes(image.value[16:20], "big")
                image.layout = W.Layout(width=f"{width}px", height="auto", max_width="100%")

    _drawn_at = 0.0  # when the last redraw ended (time.perf_counter)
    _catching_up = False

    def _moved(self):
        """A control moved: redraw now, unless this move was queued while the last redraw ran
        (it arrives less than CATCH_UP s after that redraw ended); then redraw once, CATCH_UP s
        later, with whatever the controls say by then. Without an event loop (a script, a
        test) every move redraws at once."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is None or time.perf_counter() - self._drawn_at >= CATCH_UP:
            self._redraw()
        elif not self._catching_up:
            self._catching_up = True
            loop.call_later(CATCH_UP, self._redraw)

    def _redraw(self):
        self._catching_up = False
        self.update()
        self._drawn_at = time.perf_counter()

    def update(self):
        """Recompute from the controls and redraw `picture` and `readout`."""
        raise NotImplementedError

    def summary(self):
        """One line of text with the current numbers (the text fallback, checked by nbval)."""
        raise NotImplementedError

    def static_picture(self):
        """The picture as a MIME bundle entry, e.g. {"image/svg+xml": svg} or {"image/png": b64}."""
        if isinstance(self.picture, W.Image):
            return {"image/png": base64.b64encode(self.picture.value).decode("ascii")}
        return {"image/svg+xml": svg_only(self.picture.value)}

    def _repr_mimebundle_(self, **kwargs):
        # shown with the invisible helper that lets its sliders have the arrow keys (keys.py)
        bundle = widget_view_bundle(with_slider_keys(self.view), **kwargs)
        bundle.update(self.static_picture())
        bundle["text/plain"] = self.summary()
        return bundle
