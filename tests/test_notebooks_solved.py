"""Both ways through the course: as shipped (every exercise unsolved) and as a student
who did every exercise.

An exercise is a code cell tagged `exercise-NN.k`; its solution is registered in the
package with `add_solution("NN.k", ..., code=...)`. The shipped notebook's stored
output of that cell must be the check's "your turn" verdict. The solved run puts each
solution into its cell, executes the notebook from a fresh kernel, and requires every
check to say "Correct" and no cell to fail.
"""

import pathlib

import nbformat
import pytest
from nbclient import NotebookClient

from autograd_lesson.exercises import base

NOTEBOOKS = pathlib.Path(__file__).resolve().parent.parent / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))
TAG = "exercise-"
CORRECT, WRONG, TODO = (f"{mark} {word}:" for mark, word, _ in base.MARKS.values())


def exercise_cells(nb):
    """(key, cell) for every exercise cell of a notebook."""
    for cell in nb.cells:
        for tag in cell.metadata.get("tags", []):
            if tag.startswith(TAG):
                yield tag[len(TAG):], cell


def shown_text(cell):
    """Everything a cell's outputs show as text."""
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        parts.append(output.get("data", {}).get("text/plain", ""))
    return "\n".join(p if isinstance(p, str) else "".join(p) for p in parts)


def test_every_solution_has_one_exercise_cell_and_every_exercise_a_solution():
    keys = [key for path in PATHS for key, _ in exercise_cells(nbformat.read(path, 4))]
    assert len(keys) == len(set(keys)), "an exercise key is used by two cells"
    missing = [k for k in keys if base.solution_code(k) is None]
    assert not missing, f"exercise cells without registered solution code: {missing}"
    stray = [k for k in base.solutions() if base.solution_code(k) and k not in keys]
    assert not stray, f"solutions whose exercise cell is missing: {stray}"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_shipped_notebook_is_unsolved(path):
    nb = nbformat.read(path, 4)
    for key, cell in exercise_cells(nb):
        text = shown_text(cell)
        assert TODO in text, f"exercise {key}: its stored output is not the 'your turn' verdict"
        assert CORRECT not in text and WRONG not in text, f"exercise {key} shows a verdict other than 'your turn'"
    for index, cell in enumerate(nb.cells):
        assert CORRECT not in shown_text(cell), f"cell {index} shows a correct verdict before the student did anything"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_solved_notebook_runs_and_every_check_is_correct(path):
    nb = nbformat.read(path, 4)
    keys = []
    for key, cell in exercise_cells(nb):
        cell.source = base.solution_code(key)
        keys.append(key)
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute(cwd=str(NOTEBOOKS))
    for index, cell in enumerate(nb.cells):
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if "raises-exception" not in cell.metadata.get("tags", []):
            assert not errors, f"cell {index} raised {errors[0].ename}: {errors[0].evalue}"
    for key, cell in exercise_cells(nb):
        text = shown_text(cell)
        assert CORRECT in text and WRONG not in text and TODO not in text, \
            f"exercise {key} with its solution filled in says:\n{text}"
