"""Build a static website of the course: every notebook as a page, with its outputs.

    python -m tools.build_site                  # all notebooks -> build/site/
    python -m tools.build_site --out DIR nb...  # some notebooks, elsewhere

Each notebook in notebooks/ becomes `build/site/NN-name.html` (nbconvert's
HTMLExporter, lab template), and `build/site/index.html` lists the lessons with
the title and the "What you will learn" of each, plus how to run the course.

The pages read offline, from a USB stick or a file:// URL:

- No require.js, jQuery, Mermaid or widget-manager script is loaded: the pages
  need none of them (nbconvert's lab template would fetch them from a CDN).
- A live widget cannot run without a kernel, so each widget output is replaced
  by the static picture it carries (SVG or PNG) and its one-line text summary.
  No "Loading widget..." placeholder, no empty box.
- Math is typeset by MathJax 3 (SVG output, one self-contained file), fetched
  once from the npm registry at build time into `build/_vendor/` and copied
  next to the pages (`_static/mathjax/`). If npm or the network is missing, the
  site still builds, and formulas show as their TeX source ($f(x) = 3x^2 ...$).
"""

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
BUILD = ROOT / "build"
VENDOR = BUILD / "_vendor"  # npm tarballs, downloaded once, reused by every build

MATHJAX_PACKAGE = "mathjax@3.2.2"
MATHJAX_FILE = "es5/tex-svg-full.js"  # TeX input, SVG output, every extension: needs no font files
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


# --------------------------------------------------------------------------- vendored files


def npm_tarball(spec, vendor=VENDOR):
    """The path of the npm package `spec` ("name@version") as a .tgz, fetched once with `npm pack`.

    Returns None (after saying why) when npm is missing or the registry cannot be reached.
    """
    name, version = spec.rsplit("@", 1)
    target = vendor / f"{name.replace('/', '-').lstrip('@')}-{version}.tgz"
    if target.exists():
        return target
    npm = shutil.which("npm")
    if npm is None:
        print(f"warning: npm is not installed, so {spec} cannot be fetched", file=sys.stderr)
        return None
    vendor.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(
            [npm, "pack", spec, "--pack-destination", str(vendor), "--silent"],
            check=True,
            capture_output=True,
            timeout=180,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        detail = getattr(error, "stderr", b"") or b""
        print(
            f"warning: `npm pack {spec}` failed: {detail.decode(errors='replace')[-300:]}",
            file=sys.stderr,
        )
        return None
    return target if target.exists() else None


def extract(tarball, members, dest):
    """Copy files from an npm tarball into `dest`.

    `members` are paths inside the package ("dist/reveal.js"); a path ending in "/"
    copies that whole folder. The package's own "package/" prefix is dropped.
    """
    with tarfile.open(tarball) as tar:
        for info in tar.getmembers():
            if not info.isfile():
                continue
            inner = info.name.split("/", 1)[1]
            if not any(inner == m or (m.endswith("/") and inner.startswith(m)) for m in members):
                continue
            out = dest / inner
            out.parent.mkdir(parents=True, exist_ok=True)
            with tar.extractfile(info) as src, open(out, "wb") as dst:
                shutil.copyfileobj(src, dst)


def vendor_mathjax(static_dir):
    """Put MathJax into `static_dir/mathjax/`; return its path relative to static_dir, or None."""
    tarball = npm_tarball(MATHJAX_PACKAGE)
    if tarball is None:
        print(
            "warning: building without MathJax: formulas will show as TeX source", file=sys.stderr
        )
        return None
    target = static_dir / "mathjax"
    if not (target / MATHJAX_FILE).exists():
        extract(tarball, [MATHJAX_FILE, "LICENSE"], target)
    return f"mathjax/{MATHJAX_FILE}"


MATHJAX_CONFIG = r"""<script>
window.MathJax = {
  tex: {inlineMath: [['$', '$'], ['\\(', '\\)']], displayMath: [['$$', '$$'], ['\\[', '\\]']],
        processEscapes: true, processEnvironments: true},
  svg: {fontCache: 'global'},
  options: {skipHtmlTags: ['script', 'noscript', 'style', 'textarea', 'pre', 'code']}
};
</script>"""


def mathjax_tags(src):
    """The <script> tags that load a local MathJax 3 (empty if there is none)."""
    if not src:
        return "<!-- MathJax not available at build time: formulas show as TeX source -->"
    return MATHJAX_CONFIG + f'\n<script defer src="{html.escape(src)}"></script>'


# --------------------------------------------------------------------------- notebooks


def lesson_notebooks(folder=NOTEBOOKS):
    """The lesson notebooks, in course order: notebooks/NN-name.ipynb."""
    return sorted(p for p in folder.glob("[0-9][0-9]-*.ipynb"))


def widget_figure(output):
    """HTML for a widget output without a kernel: its static picture and its text summary."""
    data = output["data"]
    summary = data.get("text/plain", "")
    if isinstance(summary, list):
        summary = "".join(summary)
    if "image/svg+xml" in data:
        svg = data["image/svg+xml"]
        svg = "".join(svg) if isinstance(svg, list) else svg
        start = svg.find("<svg")
        picture = svg[start:] if start >= 0 else svg
    elif "image/png" in data:
        png = data["image/png"]
        png = "".join(png) if isinstance(png, list) else png
        picture = f'<img alt="{html.escape(summary)}" src="data:image/png;base64,{png.strip()}"/>'
    else:
        picture = ""
    hint = (
        ""
        if "run the notebook" in summary.lower()
        else (" Run this notebook in JupyterLab to move its controls.")
    )
    caption = (
        '<figcaption><span class="al-widget-badge">Live widget, shown as a still picture.</span>'
        + hint
        + (f"<br><code>{html.escape(summary)}</code>" if summary else "")
        + "</figcaption>"
    )
    return f'<figure class="al-widget-static">{picture}{caption}</figure>'


def without_live_widgets(nb):
    """A copy of `nb` whose widget outputs show their static picture instead of a dead widget.

    Also drops the saved widget state from the metadata, so no widget manager is loaded.
    """
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data")
            if data and WIDGET_VIEW in data:
                figure = widget_figure(output)
                output["data"] = {"text/html": figure, "text/plain": data.get("text/plain", "")}
    return nb


LESSON_LINK = re.compile(
    r"(\]\(|href=[\"'])(?:\./|\.\./)?(?:notebooks/)?(\d\d-[A-Za-z0-9_.-]+?)\.ipynb(#[^)\"'\s]*)?"
)


def retarget_links(nb, suffix):
    """Point Markdown links between lessons ("10-gradient-descent.ipynb") at the built pages.

    `suffix` is ".html" for the site, ".slides.html" for the slides.
    """
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = LESSON_LINK.sub(
                lambda m: f"{m.group(1)}{m.group(2)}{suffix}{m.group(3) or ''}", cell.source
            )
    return nb


def first_cell_summary(nb):
    """(title, what-you-will-learn markdown) from the notebook's first markdown cell."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            text = cell.source
            break
    else:
        return "", ""
    lines = text.strip().splitlines()
    title = ""
    for i, line in enumerate(lines):
        if line.startswith("# "):
            title = line[2:].strip()
            lines = lines[i + 1 :]
            break
    body = "\n".join(lines).strip()
    # Keep the "What you will learn" part when the cell has one.
    # (the whole heading line goes, whatever follows the words: "**What you will learn here**")
    match = re.search(
        r"^[*_ ]*what you will learn[^\n]*\n", body, flags=re.IGNORECASE | re.MULTILINE
    )
    if match:
        body = body[match.end() :].strip()
    return title, body


def markdown_to_html(text):
    """A small, safe Markdown rendering for the index (nbconvert's own renderer)."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return markdown2html_mistune(text)


# --------------------------------------------------------------------------- templates

SITE_TEMPLATE = r"""{%- extends 'index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_js_mathjax -%}
{{ resources.al_mathjax }}
{%- endblock html_head_js_mathjax -%}
{%- block extra_css -%}
<style type="text/css">
body { max-width: 1100px; margin: 0 auto; }
.al-nav { font-family: system-ui, sans-serif; font-size: 15px; padding: 10px 16px;
          border-bottom: 1px solid #ddd; display: flex; gap: 18px; flex-wrap: wrap; }
.al-nav a { color: #0b57d0; text-decoration: none; }
.al-nav a:hover { text-decoration: underline; }
.al-widget-static { margin: 4px 0; padding: 8px; border: 1px dashed #999; display: inline-block; }
.al-widget-static svg, .al-widget-static img { max-width: 100%; height: auto; }
.al-widget-static figcaption { font-family: system-ui, sans-serif; font-size: 13px; color: #333;
                               margin-top: 6px; }
.al-widget-badge { font-weight: bold; }
.jp-RenderedSVG img, .jp-RenderedImage img, .jp-RenderedSVG svg { max-width: 100%; height: auto; }
</style>
{%- endblock extra_css -%}
{%- block body_header -%}
{{ super() }}
{{ resources.al_nav }}
{%- endblock body_header -%}
{%- block body_footer -%}
{{ resources.al_nav }}
{{ super() }}
{%- endblock body_footer -%}
"""


def site_exporter():
    """nbconvert's HTMLExporter with the lab template, minus everything that needs a CDN."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="lab",
        extra_loaders=[DictLoader({"al_site.html.j2": SITE_TEMPLATE})],
    )
    exporter.template_file = "al_site.html.j2"
    exporter.exclude_input_prompt = False
    return exporter


def nav_html(pages, current):
    """Links to the index and the previous/next lesson."""
    links = ['<a href="index.html">&larr; All lessons</a>']
    names = [p.stem for p in pages]
    if current in names:
        i = names.index(current)
        if i > 0:
            links.append(f'<a href="{names[i - 1]}.html">Previous: {html.escape(names[i - 1])}</a>')
        if i + 1 < len(names):
            links.append(f'<a href="{names[i + 1]}.html">Next: {html.escape(names[i + 1])}</a>')
    links.append(f'<a href="notebooks/{current}.ipynb" download>Download the notebook</a>')
    return '<nav class="al-nav">' + "".join(links) + "</nav>"


INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Autograd, from a derivative to a neural network</title>
{mathjax}
<style>
body {{ font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 900px;
       margin: 0 auto; padding: 24px; line-height: 1.5; color: #1f1f1f; }}
h1 {{ font-size: 2em; margin-bottom: 0.2em; }}
.lede {{ font-size: 1.15em; color: #444; }}
ol.lessons {{ list-style: none; padding: 0; }}
ol.lessons > li {{ border: 1px solid #ddd; border-radius: 6px; padding: 12px 16px; margin: 12px 0; }}
ol.lessons h2 {{ font-size: 1.25em; margin: 0 0 6px 0; }}
ol.lessons h2 a {{ color: #0b57d0; text-decoration: none; }}
ol.lessons h2 a:hover {{ text-decoration: underline; }}
.links {{ font-size: 0.9em; }}
.links a {{ margin-right: 14px; }}
code {{ font-size: 0.95em; }}
.learn ul {{ margin: 4px 0 8px 0; }}
pre {{ background: #f6f6f6; padding: 10px 14px; border-radius: 4px; overflow-x: auto; }}
</style>
</head>
<body>
<h1>Autograd, from a derivative to a neural network</h1>
<p class="lede">A course in {count} notebooks: start from the slope of a curve, build a small
automatic-differentiation engine, and train a tiny neural network with it. Each lesson has
pictures, a live widget and exercises that check themselves.</p>

<h2>How to run the course</h2>
<p>These pages show every notebook with its outputs, so you can read the course here. To run
the code, move the sliders and do the exercises, open the notebooks in JupyterLab:</p>
<pre>bash course.sh lab        # installs what is needed, then opens JupyterLab</pre>
<p>or, in an environment of your own: <code>pip install -e .</code>, install Graphviz
(<code>apt-get install graphviz</code> or <code>brew install graphviz</code>), then
<code>jupyter lab notebooks/</code>. Start with <em>00</em> and go in order; each lesson
builds on the one before. The live widgets appear here as still pictures.</p>

<h2>The lessons</h2>
<ol class="lessons">
{items}
</ol>
<p class="links">Built {built} from the notebooks in <code>notebooks/</code>.</p>
</body>
</html>
"""


def index_item(path, nb, slides_dir):
    title, learn = first_cell_summary(nb)
    title = title or path.stem
    links = [
        f'<a href="{path.stem}.html">Read the lesson</a>',
        f'<a href="notebooks/{path.name}" download>Notebook (.ipynb)</a>',
    ]
    if slides_dir is not None:
        links.append(f'<a href="{slides_dir}/{path.stem}.slides.html">Slides</a>')
    return (
        f'<li id="{path.stem}"><h2><a href="{path.stem}.html">{html.escape(title)}</a></h2>\n'
        f'<div class="learn">{markdown_to_html(learn)}</div>\n'
        f'<div class="links">{"".join(links)}</div></li>'
    )


# --------------------------------------------------------------------------- build


def build_site(notebooks=None, out=BUILD / "site", quiet=False):
    """Render `notebooks` (default: all lessons) and the index into `out`; return the page paths."""
    started = time.perf_counter()
    notebooks = [Path(p) for p in (notebooks or lesson_notebooks())]
    out.mkdir(parents=True, exist_ok=True)
    (out / "notebooks").mkdir(exist_ok=True)
    static = out / "_static"
    mathjax = vendor_mathjax(static)
    exporter = site_exporter()
    pages = []
    items = []
    # Slides built by tools/build_slides.py into build/slides/ are linked when present.
    slides = out.parent / "slides"
    slides_rel = "../slides" if out.parent == BUILD and slides.is_dir() else None
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        page = out / f"{path.stem}.html"
        resources = {
            "metadata": {"name": path.stem},
            "al_mathjax": mathjax_tags(f"_static/{mathjax}" if mathjax else None),
            "al_nav": nav_html(notebooks, path.stem),
        }
        page_nb = retarget_links(without_live_widgets(nb), ".html")
        body, _ = exporter.from_notebook_node(page_nb, resources=resources)
        page.write_text(body, encoding="utf-8")
        shutil.copyfile(path, out / "notebooks" / path.name)
        pages.append(page)
        has_slides = slides_rel and (slides / f"{path.stem}.slides.html").exists()
        items.append(index_item(path, nb, slides_rel if has_slides else None))
        if not quiet:
            print(f"  {page.relative_to(out.parent) if out.parent in page.parents else page}")
    index = INDEX_TEMPLATE.format(
        count=len(notebooks),
        items="\n".join(items),
        mathjax=mathjax_tags(f"_static/{mathjax}" if mathjax else None),
        built=time.strftime("%Y-%m-%d"),
    )
    (out / "index.html").write_text(index, encoding="utf-8")
    if not quiet:
        print(
            f"site: {len(pages)} pages and index.html in {out} "
            f"({time.perf_counter() - started:.1f} s). Open {out / 'index.html'}"
        )
    return pages


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "notebooks", nargs="*", type=Path, help="default: every notebooks/NN-*.ipynb"
    )
    parser.add_argument("--out", type=Path, default=BUILD / "site", help="default: build/site")
    args = parser.parse_args(argv)
    if not (args.notebooks or lesson_notebooks()):
        parser.error(f"no notebooks found in {NOTEBOOKS}")
    build_site(args.notebooks, args.out.resolve())


if __name__ == "__main__":
    main()
