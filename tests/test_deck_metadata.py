"""The live slides (jupyterlab-slideshow's deck) read each cell's `slideshow.slide_type`.

jupyterlab-slideshow 0.3.4 knows "slide", "subslide", "fragment", "skip", "notes" and *no*
value (continue the slide); a cell storing the string "-" matches none of them and is left off
every slide, code and widget included. JupyterLab's own Slide Type menu writes no value for
"-", and nbconvert (the static slides) reads a missing value as "-", so the notebooks store none.
"""

import json
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
KNOWN = {"slide", "subslide", "fragment", "skip", "notes"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_slide_type_is_one_the_deck_shows(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    bad = [
        (i, c["metadata"]["slideshow"].get("slide_type"))
        for i, c in enumerate(cells)
        if "slideshow" in c.get("metadata", {})
        and c["metadata"]["slideshow"].get("slide_type") not in KNOWN
    ]
    assert not bad, (
        f"{path.name}: cells {bad} store a slide type the live deck hides; for "
        "'continue the slide' store no slide_type at all (delete the 'slideshow' key)"
    )


def test_the_deck_is_pinned_for_the_lab_and_binder():
    for name in ("requirements.txt", "binder/requirements.txt"):
        assert "jupyterlab-slideshow==" in (ROOT / name).read_text(), name
