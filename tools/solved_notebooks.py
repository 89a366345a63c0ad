"""The instructor's copy: every notebook with each exercise filled in, executed, all checks ✔.

    python -m tools.solved_notebooks                 # every notebook -> build/solved/
    python -m tools.solved_notebooks --out DIR nb... # some notebooks, elsewhere

Each exercise cell (tagged `exercise-NN.k`) gets its registered solution code
(`autograd_lesson.exercises`), the notebook runs from a fresh kernel as
`tools/run_notebooks.py` runs it, and the result is written outside `notebooks/`, so
the students' unsolved copies are never overwritten. Exits non-zero, and writes
nothing for that notebook, if a cell fails or a check does not say "Correct".

Every passed piece of the engine goes into `my_engine.py` in AUTOGRAD_LESSON_HOME, or,
where that is not set, in the output folder: after a run of every notebook it is the
engine of a student who did every exercise, and the later lessons ran on it.
"""

import argparse
import os
import pathlib
import sys
import time

import nbformat
from nbclient import NotebookClient

from autograd_lesson.exercises import base

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
CORRECT = "{} {}:".format(*base.MARKS["ok"][:2])


def shown_text(cell):
    """Everything a cell's outputs show as text."""
    parts = []
    for output in cell.get("outputs", []):
        for text in (output.get("text", ""), output.get("data", {}).get("text/plain", "")):
            parts.append(text if isinstance(text, str) else "".join(text))
    return "\n".join(parts)


def solve(path, out_dir):
    """Write the solved, executed copy of one notebook; return a list of problems."""
    nb = nbformat.read(path, as_version=4)
    base.fill_in_solutions(nb)
    NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        allow_errors=True,
        store_widget_state=False,
        record_timing=False,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    ).execute(cwd=str(NOTEBOOKS))
    problems = []
    for index, cell in enumerate(nb.cells):
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if errors and "raises-exception" not in cell.metadata.get("tags", []):
            problems.append(f"cell {index} raised {errors[0].ename}: {errors[0].evalue}")
    for key, cell in base.exercise_cells(nb):
        if CORRECT not in shown_text(cell):
            problems.append(
                f"exercise {key} does not say Correct with its solution:\n{shown_text(cell)}"
            )
    if not problems:
        out_dir.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, out_dir / path.name)
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=pathlib.Path)
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "build" / "solved")
    args = parser.parse_args(argv)
    if args.out.resolve() == NOTEBOOKS.resolve():
        parser.error("the solved copies must not overwrite the students' notebooks/")
    paths = args.paths or sorted(NOTEBOOKS.glob("*.ipynb"))
    args.out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("AUTOGRAD_LESSON_HOME", str(args.out.resolve()))  # kernels inherit it
    failed = 0
    for path in paths:
        start = time.perf_counter()
        problems = solve(path, args.out)
        print(f"{path.name}: {time.perf_counter() - start:.1f} s" + (" FAILED" if problems else ""))
        for problem in problems:
            print(f"    {problem}")
        failed += bool(problems)
    print(f"{len(paths) - failed} of {len(paths)} solved notebooks written to {args.out}")
    print(f"the engine they wrote: {os.environ['AUTOGRAD_LESSON_HOME']}/my_engine.py")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
