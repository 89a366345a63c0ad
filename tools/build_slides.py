"""Build static reveal.js slides of the notebooks that work offline.

    python -m tools.build_slides                  # all notebooks -> build/slides/
    python -m tools.build_slides --out DIR nb...  # some notebooks, elsewhere

This is `jupyter nbconvert --to slides` (nbconvert's SlidesExporter and reveal
template, driven by each cell's `slideshow.slide_type`), made to work without
a network at presentation time:

- reveal.js (the version nbconvert's template is written for) is fetched once
  from the npm registry at build time (`npm pack`, cached in `build/_vendor/`)
  and copied into `build/slides/reveal.js/`; the slides point at it with
  `--SlidesExporter.reveal_url_prefix=reveal.js`. The "white" theme is used: its
  fonts ship with reveal.js (the default "simple" theme loads Google Fonts).
- require.js, jQuery and Mermaid, which the stock template loads from cdnjs, are
  not loaded at all: reveal.js and its notes plugin are plain <script> tags, and
  the scroll-long-slides code is plain JavaScript.
- Math: MathJax 3 (SVG output, one file) is copied to `build/slides/_static/`.
  If it cannot be fetched, formulas show as TeX source.
- Widgets cannot run without a kernel: each widget output shows its static
  picture and text summary (as on the static site). For live widgets, present
  in JupyterLab (see docs/instructor-guide.md).

Open `build/slides/NN-name.slides.html` in a browser; arrows move, `s` opens the
speaker view (cells whose slide type is "notes"), `f` goes full screen, `Esc`
shows an overview. Serve the folder (`python -m http.server -d build/slides`) if
the speaker view is wanted: browsers limit pop-ups opened from file:// pages.
"""

import argparse
import re
import time
from pathlib import Path

import nbformat

from tools.build_site import (
    BUILD,
    NOTEBOOKS,
    extract,
    lesson_notebooks,
    mathjax_tags,
    npm_tarball,
    retarget_links,
    vendor_mathjax,
    without_live_widgets,
)

REVEAL_DIR = "reveal.js"  # inside the output folder
REVEAL_FILES = ["dist/", "plugin/notes/", "LICENSE"]
THEME = "white"  # fonts bundled with reveal.js; "simple" (nbconvert's default) loads Google Fonts


def reveal_version():
    """The reveal.js version nbconvert's slides template is written for (e.g. "4.0.2")."""
    from nbconvert.exporters.slides import SlidesExporter

    default = SlidesExporter().reveal_url_prefix
    match = re.search(r"reveal\.js@([\d.]+)", default)
    return match.group(1) if match else "4.0.2"


def vendor_reveal(out):
    """Copy reveal.js into `out/reveal.js/`, fetching it from npm the first time."""
    spec = f"reveal.js@{reveal_version()}"
    target = out / REVEAL_DIR
    if (target / "dist" / "reveal.js").exists():
        return target
    tarball = npm_tarball(spec)
    if tarball is None:
        raise SystemExit(
            f"Could not fetch {spec} with npm, so the slides would need the internet to show. "
            f"Install Node.js/npm (apt-get install -y npm) and run this again, or put the "
            f"tarball from `npm pack {spec}` into {BUILD / '_vendor'}."
        )
    extract(tarball, REVEAL_FILES, target)
    return target


SLIDES_TEMPLATE = r"""{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}
{{ resources.al_mathjax }}
<style type="text/css">
.al-widget-static { margin: 4px 0; padding: 6px; border: 1px dashed #999; display: inline-block; }
.al-widget-static svg, .al-widget-static img { max-width: 100%; height: auto; }
.al-widget-static figcaption { font-size: 16px; color: #333; margin-top: 4px; }
.al-widget-static figcaption code { font-size: 15px; }
.reveal .jp-RenderedSVG img, .reveal .jp-RenderedImage img { max-width: 100%; height: auto; }
.reveal .slides { text-align: left; }
.reveal .slides h1, .reveal .slides h2, .reveal .slides h3, .reveal .slides h4 {
  text-transform: none !important; }
.reveal .slides h1 { font-size: 1.9em !important; }
.reveal .slides h2 { font-size: 1.5em !important; }
.reveal .slides h3 { font-size: 1.2em !important; }
/* A code line too long for the slide scrolls sideways instead of being cut off. */
.reveal .jp-InputArea-editor .highlight { margin: 0 !important; padding: 0;
  box-sizing: border-box; overflow-x: auto; scrollbar-width: thin; }
.reveal .jp-InputArea-editor .highlight pre { box-sizing: border-box; width: auto; }
.reveal section { scrollbar-width: thin; }
</style>
{%- endblock html_head_js_mathjax -%}
{% block footer_js %}
<script src="{{ resources.reveal.url_prefix }}/dist/reveal.js"></script>
<script src="{{ resources.reveal.url_prefix }}/plugin/notes/notes.js"></script>
<script>
Reveal.initialize({
  controls: true,
  progress: true,
  history: true,
  transition: "{{ resources.reveal.transition }}",
  slideNumber: "{{ resources.reveal.number }}",
  plugins: [RevealNotes],
  width: {{ resources.reveal.width or 960 }},
  height: {{ resources.reveal.height or 700 }}
});
// A slide taller than the screen (a big graph, a long cell) scrolls instead of being cut off.
// Sizes are in the slide's own coordinates (config width x height), which reveal scales to fit.
function alScrollTallSlides() {
  var height = Reveal.getConfig().height;
  document.querySelectorAll('section.present').forEach(function (s) {
    if (s.querySelector('section') || s.dataset.alScroll) { return; }
    if (s.scrollHeight > height * 0.97) {
      s.dataset.alScroll = '1';
      s.style.boxSizing = 'border-box';  // the height includes the section's padding
      s.style.height = Math.round(height * 0.95) + 'px';
      s.style.overflowY = 'auto';
      s.style.marginTop = Math.round(height * 0.025) + 'px';
    }
  });
}
Reveal.on('ready', alScrollTallSlides);
Reveal.on('slidechanged', alScrollTallSlides);
</script>
{% endblock footer_js %}
"""


def slides_exporter():
    """nbconvert's SlidesExporter pointed at a local reveal.js, with no CDN script."""
    from jinja2 import DictLoader
    from nbconvert import SlidesExporter

    exporter = SlidesExporter(
        extra_loaders=[DictLoader({"al_slides.html.j2": SLIDES_TEMPLATE})],
        reveal_url_prefix=REVEAL_DIR,
        reveal_theme=THEME,
        reveal_scroll=True,
        reveal_number="c/t",
    )
    exporter.template_file = "al_slides.html.j2"
    return exporter


def build_slides(notebooks=None, out=BUILD / "slides", quiet=False):
    """Build slides for `notebooks` (default: all lessons) into `out`; return the file paths."""
    started = time.perf_counter()
    notebooks = [Path(p) for p in (notebooks or lesson_notebooks())]
    out.mkdir(parents=True, exist_ok=True)
    vendor_reveal(out)
    mathjax = vendor_mathjax(out / "_static")
    exporter = slides_exporter()
    written = []
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        resources = {
            "metadata": {"name": path.stem},
            "al_mathjax": mathjax_tags(f"_static/{mathjax}" if mathjax else None),
        }
        deck = retarget_links(without_live_widgets(nb), ".slides.html")
        body, _ = exporter.from_notebook_node(deck, resources=resources)
        target = out / f"{path.stem}.slides.html"
        target.write_text(body, encoding="utf-8")
        written.append(target)
        if not quiet:
            print(f"  {target}")
    if not quiet:
        print(
            f"slides: {len(written)} decks in {out} ({time.perf_counter() - started:.1f} s). "
            f"Open one in a browser; `s` opens the speaker view, `f` full screen."
        )
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "notebooks", nargs="*", type=Path, help="default: every notebooks/NN-*.ipynb"
    )
    parser.add_argument("--out", type=Path, default=BUILD / "slides", help="default: build/slides")
    args = parser.parse_args(argv)
    if not (args.notebooks or lesson_notebooks()):
        parser.error(f"no notebooks found in {NOTEBOOKS}")
    build_slides(args.notebooks, args.out.resolve())


if __name__ == "__main__":
    main()
