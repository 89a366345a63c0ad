"""Both ways through the course: as shipped (every exercise unsolved) and as a student
who did every exercise.

An exercise is a code cell tagged `exercise-NN.k`; its solution is registered in the
package with `add_solution("NN.k", ..., code=...)`. The shipped notebook's stored
output of that cell must be the check's "your turn" verdict. The solved run is the
instructor's copy (`python -m tools.solved_notebooks`): each solution goes into its cell, the
notebook runs from a fresh kernel, and every check must say "Correct" with no cell
failing.
"""

import pathlib

import nbformat
import pytest

from autograd_lesson.exercises import base
from tools import solved_notebooks

ROOT = pathlib.Path(__file__).resolve().parent.parent
PATHS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CORRECT, WRONG, TODO = (f"{mark} {word}:" for mark, word, _ in base.MARKS.values())

shown_text = solved_notebooks.shown_text


def test_every_solution_has_one_exercise_cell_and_every_exercise_a_solution():
    keys = [key for path in PATHS for key, _ in base.exercise_cells(nbformat.read(path, 4))]
    assert len(keys) == len(set(keys)), "an exercise key is used by two cells"
    missing = [k for k in keys if base.solution_code(k) is None]
    assert not missing, f"exercise cells without registered solution code: {missing}"
    stray = [k for k in base.solutions() if base.solution_code(k) and k not in keys]
    assert not stray, f"solutions whose exercise cell is missing: {stray}"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_shipped_notebook_is_unsolved(path):
    nb = nbformat.read(path, 4)
    for key, cell in base.exercise_cells(nb):
        text = shown_text(cell)
        assert TODO in text, f"exercise {key}: its stored output is not the 'your turn' verdict"
        assert CORRECT not in text and WRONG not in text, (
            f"exercise {key} shows a verdict other than 'your turn'"
        )
    for index, cell in enumerate(nb.cells):
        assert CORRECT not in shown_text(cell), (
            f"cell {index} shows a correct verdict before the student did anything"
        )


@pytest.fixture(scope="module")
def student_home(tmp_path_factory):
    """One AUTOGRAD_LESSON_HOME for the whole solved run, as for a student who works through
    the lessons in order: the pieces passed in one lesson are in my_engine.py for the next."""
    return tmp_path_factory.mktemp("student-home")


@pytest.mark.slow  # a fresh kernel per notebook: 1.3 to 7 s each
@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_solved_notebook_runs_and_every_check_is_correct(path, tmp_path, student_home, monkeypatch):
    monkeypatch.setenv("AUTOGRAD_LESSON_HOME", str(student_home))  # the kernel inherits it
    problems = solved_notebooks.solve(path, tmp_path)
    assert not problems, "\n".join(problems)
    solved = nbformat.read(tmp_path / path.name, 4)
    for key, cell in base.exercise_cells(solved):
        text = shown_text(cell)
        assert CORRECT in text and WRONG not in text and TODO not in text, (
            f"exercise {key} says:\n{text}"
        )


def test_the_solved_copies_never_overwrite_the_students_notebooks():
    with pytest.raises(SystemExit):
        solved_notebooks.main(["--out", str(ROOT / "notebooks")])
