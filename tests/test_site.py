"""The static site: a page per notebook, an index whose links work, no errors, no dead widgets.

Builds the whole site (`python -m tools.build_site`) once into a temporary folder; it takes
a few seconds per notebook.
"""

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from timing import cpu_seconds

from tools import build_site

ROOT = Path(__file__).resolve().parent.parent
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


NOTEBOOKS = build_site.lesson_notebooks()
pytestmark = [
    pytest.mark.skipif(not NOTEBOOKS, reason="no notebooks/NN-*.ipynb yet"),
    pytest.mark.slow,  # the site's build, shared by every test here, takes 2.5 to 3.5 s
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    started = cpu_seconds()  # with nbconvert's and npm's child processes
    build_site.build_site(out=out, quiet=True)
    return out, cpu_seconds() - started


def local_links(page_html, attribute):
    """The values of `attribute` (href/src) in the page that are not data:, anchors or mailto."""
    for value in re.findall(rf'\b{attribute}="([^"]*)"', page_html):
        if value.startswith(("data:", "#", "mailto:", "javascript:")):
            continue
        yield value


def cells(page_html):
    """The page cut into its notebook cells (each chunk starts at a jp-Cell div)."""
    return re.split(r'(?=<div [^>]*class="jp-Cell )', page_html)[1:]


def widget_outputs(notebook):
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    return [
        o for c in nb["cells"] for o in c.get("outputs", []) if WIDGET_VIEW in o.get("data", {})
    ]


def test_builds_quickly(site):
    _, seconds = site
    assert seconds < 60, f"building the site took {seconds:.1f} s of CPU time"


def test_every_notebook_has_a_page(site):
    out, _ = site
    for notebook in NOTEBOOKS:
        page = out / f"{notebook.stem}.html"
        assert page.exists(), f"no page for {notebook.name}"
        assert (out / "notebooks" / notebook.name).exists(), "the .ipynb is offered for download"


def test_index_lists_every_lesson_with_its_title_and_what_it_teaches(site):
    out, _ = site
    index = (out / "index.html").read_text(encoding="utf-8")
    for notebook in NOTEBOOKS:
        assert f'href="{notebook.stem}.html"' in index, f"index does not link {notebook.stem}"
        title, learn = build_site.first_cell_summary(build_site.nbformat.read(notebook, 4))
        assert title, f"{notebook.name}: the first markdown cell has no '# title'"
        assert build_site.html.escape(title) in index
        assert learn.strip(), f"{notebook.name}: no 'What you will learn' text for the index"
        assert learn.lstrip().startswith("- "), (
            f"{notebook.name}: the index's summary begins with "
            f"{learn[:20]!r}, not with the list of what the lesson teaches"
        )
    assert "course.sh" in index, "the index says how to run the course"


def test_index_links_resolve(site):
    out, _ = site
    index = (out / "index.html").read_text(encoding="utf-8")
    for attribute in ("href", "src"):
        for link in local_links(index, attribute):
            assert not urlparse(link).scheme, f"index links outside the site: {link}"
            target = out / unquote(link.split("#")[0])
            assert target.exists(), f"index.html links to a missing file: {link}"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_page_is_whole_and_offline(site, notebook):
    out, _ = site
    page = (out / f"{notebook.stem}.html").read_text(encoding="utf-8")

    # No error output, except in cells meant to raise (tagged raises-exception, lesson 08).
    for cell in cells(page):
        if "celltag_raises-exception" in cell:
            continue
        for output in re.findall(
            r'data-mime-type="application/vnd.jupyter.stderr">(.*?)</div>', cell, flags=re.S
        ):
            assert "Traceback" not in output and "Error" not in output, (
                f"{notebook.name}: an error in the stored outputs: {output[:300]}"
            )

    # No dead widget: no placeholder, no widget-view JSON waiting for a widget manager.
    assert "Loading widget" not in page
    assert WIDGET_VIEW not in page, f"{notebook.name}: a widget view left for a missing manager"
    widgets = widget_outputs(notebook)
    figures = re.findall(r'<figure class="al-widget-static">(.*?)</figure>', page, flags=re.S)
    assert len(figures) == len(widgets), f"{notebook.name}: every widget shows a still picture"
    for figure in figures:
        assert "<svg" in figure or "<img" in figure, f"{notebook.name}: a widget without picture"

    # Offline: no script or style sheet from the network, and every local file is there.
    for attribute in ("src", "href"):
        for link in local_links(page, attribute):
            tag_context = page[max(0, page.find(link) - 80) : page.find(link)]
            if urlparse(link).scheme in ("http", "https"):
                assert not re.search(r"<(script|link)\b[^>]*$", tag_context), (
                    f"{notebook.name}: loads {link} from the network"
                )
                continue
            assert (out / unquote(link.split("#")[0])).exists(), f"{notebook.name}: missing {link}"
    assert not re.search(r"@import\s+url\(\s*['\"]?https?:", page)
