"""`%%skip_without MODULE`: a cell runs where the module is installed, says why not elsewhere;
and the nbval hook (conftest.py at the top) skips such cells when the module is missing."""

import pathlib

import nbformat
import pytest
from IPython.core.interactiveshell import InteractiveShell

from autograd_lesson import magics

ROOT = pathlib.Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def shell():
    ip = InteractiveShell.instance()
    ip.run_line_magic("load_ext", "autograd_lesson.magics")
    return ip


def test_a_cell_runs_where_its_module_is_installed(shell, capsys):
    result = shell.run_cell(
        "%%skip_without json\nimport json\nmade_here = json.dumps([1, 2])\nprint(made_here)"
    )
    assert result.success and shell.user_ns["made_here"] == "[1, 2]"
    assert "[1, 2]" in capsys.readouterr().out


def test_a_cell_says_what_is_missing_and_does_nothing(shell, capsys):
    result = shell.run_cell("%%skip_without no_such_module_here\nraise SystemExit('must not run')")
    assert result.success
    out = capsys.readouterr().out
    assert (
        out.startswith("Skipped: this cell needs no_such_module_here")
        and "pip install no_such_module_here" in out
    )
    assert "Error" not in out  # the browser test treats a printed "...Error" as a failed cell


def test_an_error_inside_the_cell_is_an_error_of_the_cell(shell):
    result = shell.run_cell("%%skip_without json\n1 / 0")
    assert not result.success and isinstance(result.error_in_exec, ZeroDivisionError)


def test_a_module_that_fails_to_import_gets_the_same_one_line_naming_its_error(
    shell, capsys, tmp_path, monkeypatch
):
    """Installed but broken (a CUDA build of torch without its libraries): no traceback, the
    same one-line skip, with the import's error in it; and the nbval hook skips the cell."""
    (tmp_path / "broken_here").mkdir()
    (tmp_path / "broken_here" / "__init__.py").write_text(
        "raise OSError('libcudart.so.12: cannot open shared object file')\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    result = shell.run_cell("%%skip_without broken_here\nraise SystemExit('must not run')")
    assert result.success
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and out.startswith("Skipped: this cell needs broken_here")
    assert "installed here but fails to import (OSError: libcudart.so.12: cannot open" in out
    assert not magics.available("broken_here")


def test_torch_has_its_own_advice():
    reason = magics.skip_reason("torch")
    if not magics.available("torch"):
        assert "PyTorch (torch)" in reason
        assert "WITH_TORCH=1 bash course.sh lab" in reason and "%pip install torch" in reason
    assert magics.INSTALL["torch"].startswith("WITH_TORCH=1 bash course.sh lab")
    assert "%pip install torch" in magics.INSTALL["torch"]
    assert magics.available("json") and not magics.available("no_such_module_here")
    assert not magics.available("")  # find_spec("") raises ValueError: not available, no crash


def test_the_nbval_hook_skips_only_cells_whose_module_is_missing():
    import importlib.util

    spec = importlib.util.spec_from_file_location("top_conftest", ROOT / "conftest.py")
    top = importlib.util.module_from_spec(spec)  # the repository's top-level conftest.py
    spec.loader.exec_module(top)

    class Item:
        def __init__(self, source):
            self.cell = nbformat.v4.new_code_cell(source)
            self.markers = []

        def add_marker(self, marker):
            self.markers.append(marker)

    items = [
        Item("%%skip_without no_such_module_here\nx = 1"),
        Item("%%skip_without json\nx = 1"),
        Item("x = 1"),
        Item("  %%skip_without no_such_module_here\n"),
    ]
    top.pytest_collection_modifyitems(None, items)
    assert [len(i.markers) for i in items] == [1, 0, 0, 1]
    assert (
        "nbval: Skipped: this cell needs no_such_module_here"
        in items[0].markers[0].kwargs["reason"]
    )


def test_lesson_12s_torch_cells_all_use_the_magic():
    nb = nbformat.read(ROOT / "notebooks" / "12-capstone.ipynb", 4)
    torch_cells = [
        c
        for c in nb.cells
        if c.cell_type == "code" and "torch" in c.source and "load_ext" not in c.source
    ]
    assert len(torch_cells) >= 3
    assert all(c.source.startswith("%%skip_without torch\n") for c in torch_cells)
