"""The environment check of lesson 00: stable "ok" lines, and the exact fix for what is missing."""

import shutil
import sys

from autograd_lesson import environment
from autograd_lesson.environment import check_environment, environment_report


def test_everything_ok_here_and_the_output_is_machine_independent(capsys):
    check_environment()
    out = capsys.readouterr().out
    assert out == (
        "Python 3.10 or newer: ok\n"
        "Graphviz `dot` program: ok\n"
        "ipywidgets (sliders and buttons): ok\n"
        "matplotlib (plots): ok\n"
        "numpy: ok\n"
        "graphviz Python package: ok\n"
        "autograd_lesson: ok\n"
        "\nEverything is ready.\n"
    )


def test_missing_dot_says_how_to_install_it(monkeypatch, capsys):
    real_which = shutil.which
    monkeypatch.setattr(
        shutil, "which", lambda name, *a, **k: None if name == "dot" else real_which(name, *a, **k)
    )
    check_environment()
    out = capsys.readouterr().out
    assert "Graphviz `dot` program: MISSING" in out
    assert "sudo apt-get install -y graphviz" in out
    assert "brew install graphviz" in out
    assert "conda install -c conda-forge graphviz" in out
    assert "bash course.sh lab" in out
    assert "1 thing(s) to fix" in out


def test_missing_package_says_pip_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "ipywidgets", None)  # makes `import ipywidgets` fail
    checks = {c.name: c for c in environment_report()}
    widgets = checks["ipywidgets (sliders and buttons)"]
    assert not widgets.ok
    assert "`pip install ipywidgets`" in widgets.fix
    assert "restart" in widgets.fix


def test_old_python_is_reported():
    check = environment._python((3, 9, 18))
    assert not check.ok and "Python 3.9" in check.fix
    assert environment._python((3, 12, 0)).ok
