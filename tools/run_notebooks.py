"""Re-execute the course notebooks from a fresh kernel and store them, cleaned.

    python -m tools.run_notebooks                      # every notebooks/*.ipynb
    python -m tools.run_notebooks notebooks/03-*.ipynb  # just some

Each notebook runs top to bottom in a new `python3` kernel of the environment this
script runs in (so `.venv/bin/python -m tools.run_notebooks` uses the course's
packages), with `notebooks/` as the working directory and a limit of 120 s per cell, and an empty
AUTOGRAD_LESSON_HOME of its own: what a notebook stores is what a student sees before they
have passed anything, whatever `my_engine.py` a student or an earlier run has saved.
A cell tagged `raises-exception` may fail (that is its point); any other failing
cell makes this tool report it and exit non-zero, and that notebook is left
untouched on disk.

After a successful run the notebook is cleaned so that its diff shows only what a
reader sees: per-cell execution timings and saved widget state are removed, widget
model ids (random on every run) are replaced by fixed ones, and the
kernelspec / language_info metadata are set to the same values on every machine.
Cell tags and slide metadata are kept. nbformat writes it (indent 1, sorted keys).
"""

import argparse
import os
import pathlib
import sys
import tempfile
import time

import nbformat
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
CELL_TIMEOUT = 120  # seconds
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
# language_info fields that are the same on every machine ("version" is not, so it goes)
STABLE_LANGUAGE_INFO = (
    "name",
    "codemirror_mode",
    "file_extension",
    "mimetype",
    "nbconvert_exporter",
    "pygments_lexer",
)


def execute(path):
    """Run one notebook in place. Returns a list of problems (empty when all went well)."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        allow_errors=True,  # run every cell, then judge the errors ourselves (below)
        store_widget_state=False,
        record_timing=False,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    with tempfile.TemporaryDirectory(prefix="autograd-lesson-home-") as home:
        os.environ["AUTOGRAD_LESSON_HOME"] = home  # the kernel inherits it
        client.execute(cwd=str(NOTEBOOKS))

    problems = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        tags = cell.metadata.get("tags", [])
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        first_line = (cell.source.strip().splitlines() or [""])[0][:70]
        if errors and "raises-exception" not in tags:
            e = errors[0]
            problems.append(f"cell {index} ({first_line!r}) raised {e.ename}: {e.evalue}")
        elif not errors and "raises-exception" in tags:
            problems.append(
                f"cell {index} ({first_line!r}) is tagged raises-exception but raised nothing"
            )
    if not problems:
        clean(nb)
        nbformat.validate(nb)
        nbformat.write(nb, path)
    return problems


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def clean(nb):
    """Remove what varies from run to run or machine to machine; keep tags and slides."""
    for index, cell in enumerate(nb.cells):
        cell.metadata.pop("execution", None)
        if "outputs" in cell:
            cell.outputs = _coalesce_streams(cell.outputs)
        for k, output in enumerate(cell.get("outputs", [])):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view:
                # a widget's model id is random and means nothing once the kernel is gone:
                # store a fixed one, so re-running a notebook leaves no diff behind
                view["model_id"] = f"{index:04d}{k:04d}" + "0" * 24
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    info = nb.metadata.get("language_info", {})
    nb.metadata["language_info"] = {k: info[k] for k in STABLE_LANGUAGE_INFO if k in info}
    nb.metadata["language_info"]["name"] = "python"


def _coalesce_streams(outputs):
    """One output per run of printed text: the kernel splits a cell's prints into pieces at
    its flush times (every 0.2 s), which differ from run to run; nbval joins them too."""
    joined = []
    for output in outputs:
        last = joined[-1] if joined else None
        if (
            output.get("output_type") == "stream"
            and last is not None
            and last.get("output_type") == "stream"
            and last.get("name") == output.get("name")
        ):
            last["text"] = "".join(last["text"]) + "".join(output["text"])
        else:
            joined.append(output)
    return joined


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "paths", nargs="*", type=pathlib.Path, help="notebooks to run (default: notebooks/*.ipynb)"
    )
    args = parser.parse_args(argv)
    paths = args.paths or sorted(NOTEBOOKS.glob("*.ipynb"))
    if not paths:
        print(f"no notebooks found in {NOTEBOOKS}")
        return 0

    failed = {}
    total = time.perf_counter()
    for path in paths:
        start = time.perf_counter()
        print(f"running {path} ...", end=" ", flush=True)
        try:
            problems = execute(path)
        except Exception as exc:  # a timeout, a dead kernel, an unreadable file
            problems = [f"{type(exc).__name__}: {exc}"]
        seconds = time.perf_counter() - start
        print(f"{seconds:.1f} s" + (" FAILED (not saved)" if problems else ""), flush=True)
        for problem in problems:
            print(f"    {problem}")
        if problems:
            failed[path] = problems
    print(
        f"{len(paths) - len(failed)} of {len(paths)} notebooks ran cleanly "
        f"in {time.perf_counter() - total:.1f} s"
    )
    if failed:
        print("failed: " + ", ".join(str(p) for p in failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
