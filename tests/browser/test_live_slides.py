"""Lessons presented live as slides in JupyterLab, with the widgets working.

The course presents with jupyterlab-slideshow (its "deck" mode: the notebook itself, shown a
slide at a time, so every widget is the notebook's own live view). For each lesson below: open
it, Run All Cells, select the first cell, Start Deck (command palette), step through the deck
with Space until the slide with the lesson's widget is on screen, then move the widget's slider
with the keyboard as the presenter would and check that the view shows the new numbers (the
same `SliderMove` checks as the notebook test, from expectations.py) and that the deck stayed
on that slide. Screenshots at the projector's 1280x720: `slides-<lesson>.png` (the widget's
slide as it first appears) and `slides-<lesson>.moved.png` (after the move).

`test_projector_setting_on_a_slide` does the same for lesson 03 with
`from autograd_lesson import projector; projector()` typed into a new first cell, and checks
on the page that prose, code and the graph's labels are drawn at the projector sizes, with
black arrows (`slides-03-value-and-graph.projector.png`).

Why not RISE: jupyterlab-rise 0.43.1 was tried the same way with ipywidgets 8.1.8; its
slideshow page could not load the widget manager (`Shared module @jupyterlab/console doesn't
exist in shared scope`), so every widget showed only its static picture, with no slider.
"""

import json
import time
import uuid

import pytest

from autograd_lesson.projector import CODE_PX, GRAPH_STYLE, PROSE_PX

from .conftest import NOTEBOOK_DIR
from .expectations import EXPECTATIONS, SliderMove
from .test_notebooks_in_browser import (
    BROKEN_WIDGET_TEXTS,
    _close,
    _code_cell_locator,
    _do,
    _move_slider,
    _wait_all_executed,
    _wait_kernel_ready,
)

# three lessons, each with a slider on one of its slides
LESSONS = ["01-derivative.ipynb", "03-value-and-graph.ipynb", "09-tanh-neuron.ipynb"]
PROJECTOR = (1280, 720)
MAX_STEPS = 150
PROJECTOR_CELL = "from autograd_lesson import projector; projector()"


def _first_slider_move(name):
    moves = [a for a in EXPECTATIONS[name].actions if isinstance(a, SliderMove)]
    assert moves, f"{name}: its browser expectation moves no slider"
    return moves[0]


def _deck_state(page, index):
    """(presenting?, the widget cell is on the slide and visible, its slider in the viewport)."""
    return page.evaluate(
        """(i) => {
            const cell = document.querySelectorAll('.jp-Notebook .jp-Cell')[i];
            const slider = cell && cell.querySelector('.widget-slider .noUi-handle');
            const r = slider ? slider.getBoundingClientRect() : null;
            return {
                presenting: document.body.dataset.jpDeckMode === 'presenting',
                onscreen: !!cell && cell.classList.contains('jp-deck-mod-onscreen')
                          && cell.classList.contains('jp-deck-mod-visible'),
                inView: !!r && r.width > 0 && r.top >= 0 && r.bottom <= window.innerHeight,
            };
        }""",
        index,
    )


def _start_deck(page):
    """Select the first cell, then Start Deck from the command palette (as the guide says)."""
    page.locator(".jp-Notebook .jp-Cell").first.locator(".jp-InputPrompt").click()
    page.keyboard.press("Escape")
    page.keyboard.press("Control+Shift+C")
    page.keyboard.type("Start Deck")
    page.locator(".lm-CommandPalette-item", has_text="Start Deck").first.click(timeout=5000)
    deadline = time.monotonic() + 10
    while not page.evaluate("() => document.body.dataset.jpDeckMode === 'presenting'"):
        assert time.monotonic() < deadline, "Start Deck did not start the deck"
        time.sleep(0.2)


def _go_to_widget_slide(page, index):
    """Press Space (next fragment, subslide or slide) until cell `index` is on the slide."""
    for steps in range(MAX_STEPS):
        state = _deck_state(page, index)
        assert state["presenting"], f"the deck stopped after {steps} steps"
        if state["onscreen"]:
            break
        page.keyboard.press("Space")
        page.wait_for_timeout(150)
    else:
        pytest.fail(f"cell {index} never came on screen in {MAX_STEPS} presses of Space")
    page.wait_for_timeout(400)  # the fade-in
    return steps


def _open_and_run(lab, browser_context, name, first_cell=None):
    page = browser_context.new_page()
    page.set_viewport_size({"width": PROJECTOR[0], "height": PROJECTOR[1]})
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(lab.notebook_url(name, f"s-{uuid.uuid4().hex[:10]}"), wait_until="domcontentloaded")
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=60_000)
    if page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current").count():
        page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current").first.click()
    _wait_kernel_ready(page)
    nb = json.loads((NOTEBOOK_DIR / name).read_text(encoding="utf-8"))
    if first_cell:  # a new code cell above the first, typed as the presenter would
        page.locator(".jp-Notebook .jp-Cell").first.locator(".jp-InputPrompt").click()
        page.keyboard.press("Escape")
        page.keyboard.press("a")
        page.keyboard.press("Enter")
        page.keyboard.type(first_cell)
        page.keyboard.press("Escape")
        nb = {
            **nb,
            "cells": [{"cell_type": "code", "source": first_cell, "metadata": {}}] + nb["cells"],
        }
    _do(page, "Edit", "Clear Outputs of All Cells")
    _do(page, "Run", "Run All Cells")
    code = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"]
    _wait_all_executed(page, code)
    return page, nb, errors


def _present_and_move(page, nb, name, screenshot_dir, suffix=""):
    move = _first_slider_move(name)
    cell, index = _code_cell_locator(page, nb, move.cell, move.occurrence)
    live = cell.locator(".jp-OutputArea-output > .jupyter-widgets .widget-slider")
    deadline = time.monotonic() + 20
    while live.count() == 0 and time.monotonic() < deadline:
        time.sleep(0.25)
    assert live.count(), f"{name}: cell {index} shows no live slider after Run All"
    _start_deck(page)
    steps = _go_to_widget_slide(page, index)
    state = _deck_state(page, index)
    assert state["inView"], (
        f"{name}: on its slide, the widget's slider is outside the 1280x720 view"
    )
    stem = name.removesuffix(".ipynb")
    page.screenshot(path=str(screenshot_dir / f"slides-{stem}{suffix}.png"))
    done = _move_slider(page, nb, move)  # keyboard on the focused slider; checks the new numbers
    page.wait_for_timeout(300)
    after = _deck_state(page, index)
    assert after["presenting"] and after["onscreen"], (
        f"{name}: moving the slider with {move.key} left the slide (the deck took the key)"
    )
    body = page.locator("body").inner_text()
    assert not [t for t in BROKEN_WIDGET_TEXTS if t in body]
    page.screenshot(path=str(screenshot_dir / f"slides-{stem}{suffix}.moved.png"))
    # and the presenter goes on: Space (with the slider still focused) moves the deck forward
    assert _space_moved_on(page, index), (
        f"{name}: after moving the slider, Space did not take the deck past the widget's slide"
    )
    return steps, done


def _space_moved_on(page, index, presses=40):
    """Press Space until the deck leaves the widget's slide (it may have fragments left)."""
    for _ in range(presses):
        page.keyboard.press("Space")
        page.wait_for_timeout(150)
        state = _deck_state(page, index)
        if state["presenting"] and not state["onscreen"]:
            return True
    return False


@pytest.mark.parametrize("name", LESSONS, ids=[n.removesuffix(".ipynb") for n in LESSONS])
def test_lesson_as_live_slides(name, lab, browser_context, screenshot_dir):
    page, nb, errors = _open_and_run(lab, browser_context, name)
    try:
        steps, done = _present_and_move(page, nb, name, screenshot_dir)
        print(f"{name}: widget slide after {steps} presses of Space; {done}")
        page.keyboard.press("Escape")  # stop the deck
    finally:
        _close(lab, page)
    assert not errors, f"JavaScript errors on the page: {errors}"


def test_projector_setting_on_a_slide(lab, browser_context, screenshot_dir):
    name = "03-value-and-graph.ipynb"
    page, nb, errors = _open_and_run(lab, browser_context, name, first_cell=PROJECTOR_CELL)
    try:
        first = page.locator(".jp-Notebook .jp-Cell").first.locator(".jp-OutputArea")
        assert "Projector setting on" in first.inner_text()
        _present_and_move(page, nb, name, screenshot_dir, suffix=".projector")
        move = _first_slider_move(name)
        _, index = _code_cell_locator(page, nb, move.cell, move.occurrence)
        sizes = page.evaluate(
            """(i) => {
                const cells = document.querySelectorAll('.jp-Notebook .jp-Cell');
                const px = el => el ? parseFloat(getComputedStyle(el).fontSize) : null;
                const prose = document.querySelector('.jp-deck-mod-onscreen.jp-deck-mod-visible .jp-RenderedMarkdown p');
                const code = cells[i].querySelector('.cm-content');
                const svg = cells[i].querySelector('.jp-OutputArea-output svg');
                const texts = svg ? [...svg.querySelectorAll('text')] : [];
                return {prose: px(prose), code: px(code),
                        labels: texts.map(t => t.getAttribute('font-size')),
                        strokes: svg ? [...svg.querySelectorAll('g.edge path')].map(
                            p => p.getAttribute('stroke')) : []};
            }""",
            index,
        )
        assert sizes["prose"] == PROSE_PX, f"prose on the slide is {sizes['prose']} px"
        assert sizes["code"] == CODE_PX, f"code on the slide is {sizes['code']} px"
        want = f"{float(GRAPH_STYLE['fontsize']):.2f}"
        assert sizes["labels"] and want in sizes["labels"], f"graph label sizes: {sizes['labels']}"
        assert sizes["strokes"] and set(sizes["strokes"]) == {GRAPH_STYLE["edge_color"]}, (
            f"graph arrows drawn in {set(sizes['strokes'])}"
        )
        print(
            f"projector: prose {sizes['prose']} px, code {sizes['code']} px, graph labels "
            f"{sorted(set(sizes['labels']))}"
        )
        page.keyboard.press("Escape")
    finally:
        _close(lab, page)
    assert not errors, f"JavaScript errors on the page: {errors}"
