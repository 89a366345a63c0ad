"""Static slides: reveal.js decks that show without a network.

Builds the slides of the first two notebooks (`python -m tools.build_slides`) into a
temporary folder. The first run fetches reveal.js and MathJax with `npm pack`
into build/_vendor/; later runs reuse them.
"""

import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from tools import build_slides

ROOT = Path(__file__).resolve().parent.parent


NOTEBOOKS = build_slides.lesson_notebooks()[:2]
HAVE_REVEAL = any((ROOT / "build" / "_vendor").glob("reveal.js-*.tgz"))

pytestmark = [
    pytest.mark.skipif(not NOTEBOOKS, reason="no notebooks/NN-*.ipynb yet"),
    pytest.mark.skipif(
        not HAVE_REVEAL and shutil.which("npm") is None,
        reason="npm is needed once to fetch reveal.js (apt-get install -y npm)",
    ),
]


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    out = tmp_path_factory.mktemp("slides")
    return out, build_slides.build_slides(NOTEBOOKS, out=out, quiet=True)


def referenced(page, tag, attribute):
    """The `attribute` values of every <tag> in the page."""
    return [m.group(1) for m in re.finditer(rf'<{tag}\b[^>]*\b{attribute}="([^"]*)"', page)]


def slide_types(notebook):
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    return [c.get("metadata", {}).get("slideshow", {}).get("slide_type", "-") for c in nb["cells"]]


@pytest.mark.parametrize("index", range(len(NOTEBOOKS)))
def test_deck_has_slides_and_needs_no_network(decks, index):
    out, written = decks
    notebook = NOTEBOOKS[index]
    deck = out / f"{notebook.stem}.slides.html"
    assert deck in written and deck.exists()
    page = deck.read_text(encoding="utf-8")

    # One top-level <section> per "slide" cell (the first cell always opens one).
    types = slide_types(notebook)
    assert types.count("slide") >= 1, f"{notebook.name}: no cell starts a slide"
    assert page.count("<section") >= types.count("slide")
    assert '<div class="reveal">' in page and '<div class="slides">' in page

    scripts = referenced(page, "script", "src")
    styles = referenced(page, "link", "href")
    assert any(s.endswith("dist/reveal.js") for s in scripts), "reveal.js is loaded"
    for url in scripts + styles:
        assert urlparse(url).scheme not in ("http", "https"), f"{deck.name} loads {url} from a CDN"
        assert (out / unquote(url)).is_file(), f"{deck.name} refers to a missing file {url}"
    assert "require(" not in page and "cdnjs" not in page and "unpkg.com" not in page
    assert "Loading widget" not in page


def test_theme_and_fonts_are_local(decks):
    out, _ = decks
    theme = (out / "reveal.js" / "dist" / "theme" / f"{build_slides.THEME}.css").read_text()
    for url in re.findall(r"url\(([^)]*)\)", theme):
        url = url.strip("'\"")
        if url.startswith("data:"):
            continue
        assert not urlparse(url).scheme, f"the theme loads {url} from the network"
        assert (out / "reveal.js" / "dist" / "theme" / url.split("?")[0].split("#")[0]).exists()
