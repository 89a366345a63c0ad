"""Arrow keys for a focused slider, in JupyterLab, in Notebook 7 and on a live slide.

A notebook's front end binds keys of its own through lumino, the toolkit JupyterLab and
Notebook 7 are built on: in command mode ArrowRight moves to the next cell, and on a live
slide (jupyterlab-slideshow) it moves to the next slide. Lumino listens on the whole
document. JupyterLab listens late enough (`bubblingKeydown`) that a focused slider handles
its keys first, but Notebook 7.6 listens early (in the capture phase), and the deck's
bindings match any focused element, so there a slider never sees its arrow keys.

Lumino leaves alone a key pressed on an element marked `data-lm-suppress-shortcuts`. So the
tiny widget here, shown (invisible) inside every lesson widget, runs a few lines of
JavaScript in the page: a key listener on `window`, which hears every key before lumino's
listener on `document` does, and marks a focused slider handle just before a slider key
reaches it (and unmarks it for any other key, so that Escape or Shift+Enter still work).

It is an anywidget (a widget whose front end is the JavaScript below, no build step), so it
runs wherever widgets run: JupyterLab, Notebook 7, Colab, VS Code. Where no lumino binds the
keys it changes nothing, and where no widget runs (a static page) it is not there at all.
"""

import anywidget

# The keys a slider handles itself; each is marked only while it is pressed on a handle.
KEYS_JS = """
const SLIDER_KEYS = new Set([
  "ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown",
]);
const SUPPRESS = "data-lm-suppress-shortcuts";

function letSliderHaveKey(event) {
  const handle = event.target;
  if (!(handle instanceof Element) || !handle.closest(".widget-slider")) return;
  if (handle.closest(".widget-readout")) return;  // the readout is text: typing stays typing
  handle.toggleAttribute(SUPPRESS, SLIDER_KEYS.has(event.key));
}

export default {
  render({ el }) {
    el.style.display = "none";
    if (!window.autogradLessonKeys) {  // once per page, however many widgets it shows
      window.addEventListener("keydown", letSliderHaveKey, true);
      window.autogradLessonKeys = true;
    }
  },
};
"""


class SliderKeys(anywidget.AnyWidget):
    """Invisible: lets a focused slider have its arrow keys (see the module's docstring)."""

    _esm = KEYS_JS


_shared = None


def slider_keys():
    """The one SliderKeys widget of this kernel (a widget may be shown in many places)."""
    global _shared
    if _shared is None:
        _shared = SliderKeys()
    return _shared


def with_slider_keys(box):
    """`box` (an ipywidgets Box) with the SliderKeys widget as its last child, added once."""
    keys = slider_keys()
    if keys not in box.children:
        box.children = (*box.children, keys)
    return box
