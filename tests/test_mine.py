"""The student's engine in one file (autograd_lesson/mine.py): collected as checks pass, standing
alone, and loaded with a report that names a broken piece."""

import json
import linecache
import pathlib
import re
import shutil
import subprocess
import sys
import textwrap

import pytest

import autograd_lesson as ag
from autograd_lesson import mine, pieces
from autograd_lesson.datasets import make_moons
from autograd_lesson.exercises import check_local_grads, check_topological_order


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("AUTOGRAD_LESSON_HOME", str(tmp_path))
    return tmp_path


def cell(code, namespace=None):
    """Run `code` as a notebook cell runs it: its text is in linecache under a made-up file
    name (IPython does the same), so inspect can find the source of what it defines."""
    name = f"<cell-{len(linecache.cache)}>"
    code = textwrap.dedent(code)
    linecache.cache[name] = (len(code), None, code.splitlines(True), name)
    namespace = {} if namespace is None else namespace
    exec(compile(code, name, "exec"), namespace)
    return namespace


LESSON_VALUE = """
class Value:
    def __init__(self, data, children=(), op="", label="", local_grads=()):
        self.data = float(data)
        self.grad = 0.0
        self.children = tuple(children)
        self.op = op
        self.label = label
        self.local_grads = tuple(local_grads)

    def __radd__(self, other):
        return Value(other) + self

    def __rmul__(self, other):
        return Value(other) * self
"""

MY_ADD_MUL = """
def __add__(self, other):  # mine, with a comment of my own
    other = other if isinstance(other, Value) else Value(other)
    return Value(self.data + other.data, (self, other), "+", local_grads=(1.0, 1.0))

def times(self, other):
    other = other if isinstance(other, Value) else Value(other)
    return Value(self.data * other.data, (self, other), "*", local_grads=(other.data, self.data))

Value.__add__ = __add__
Value.__mul__ = times
"""


def standalone(folder, code):
    """Run `code` in a fresh interpreter that has only the standard library and `folder`."""
    result = subprocess.run(
        [getattr(sys, "_base_executable", sys.executable), "-I", "-S", "-c", code],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PYTHONPATH": ""},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


ISOLATED = "import sys; sys.path.insert(0, '.'); import my_engine\n"


def test_a_new_file_is_the_courses_engine_and_stands_alone(home):
    mine._write(home, {"pieces": {}, "written": None})
    text = (home / "my_engine.py").read_text()
    assert "Mine: 0 of 17 pieces." in text
    assert "# the course's: pass check 06.3 to make it yours" in text
    out = standalone(
        home,
        ISOLATED + "a, b = my_engine.Value(2.0), my_engine.Value(-3.0)\n"
        "L = (a * b + 1).tanh(); L.backward()\n"
        "print(sorted(m for m in sys.modules if m.startswith(('autograd', 'numpy'))), a.grad)\n",
    )
    assert out.startswith("[] ")


def test_a_passed_piece_goes_in_with_its_own_text(home):
    ns = cell(LESSON_VALUE)
    cell(MY_ADD_MUL, ns)
    verdict = check_local_grads(ns["Value"])
    assert verdict.ok, verdict
    assert "Saved to my_engine.py: your __add__, __mul__ (1 of 17 pieces are yours)" in verdict.note
    text = (home / "my_engine.py").read_text()
    assert "# mine, with a comment of my own" in text
    assert "def times(self, other):" in text and "Value.__mul__ = times" in text
    assert "# mine: passed check 06.1 on " in text
    assert "    mine    06.1   __add__, __mul__" in text
    engine, report = mine.load()
    assert engine is not pieces and "1 of 17 pieces are yours (06.1)" in report
    assert [whose for key, _, whose in mine.status() if key == "06.1"] == ["mine"]


def test_a_function_named_otherwise_is_saved_under_the_lessons_name(home):
    ns = cell(LESSON_VALUE)
    code = mine.reference_code("06.3").replace("def topological_order", "def my_topo")
    cell(code, ns)
    cell(mine.reference_code("06.1"), ns)
    assert check_topological_order(ns["my_topo"], ns["Value"]).ok
    text = (home / "my_engine.py").read_text()
    assert "def my_topo(root):" in text and "topological_order = my_topo" in text
    assert mine.load()[0].topological_order(mine.load()[0].Value(1.0))


def test_what_is_not_the_students_is_not_saved(home):
    assert "course's own" in mine.collect("06.1", ag.Value)  # the package's class
    assert "course's own" in mine.collect("06.3", ag.topological_order)

    def make():
        order = []

        def topo(root):
            order.append(root)
            return order

        return topo

    assert "from the function around it" in mine.collect("06.3", make())
    assert mine.collect("05.1", lambda: None) is None  # 05.1 writes no piece of the engine
    assert not (home / "my_engine.py").exists()


def test_a_class_defined_in_a_cell_is_found(home):
    ns = cell(mine.reference_code("11.1").replace("class Neuron:", "class Neuron:  # my neuron"))
    assert mine.collect("11.1", ns["Neuron"]).startswith("Saved")
    assert "class Neuron:  # my neuron" in (home / "my_engine.py").read_text()


def test_a_hand_edited_file_is_kept_before_it_is_rewritten(home):
    ns = cell(LESSON_VALUE)
    cell(MY_ADD_MUL, ns)
    check_local_grads(ns["Value"])
    file = home / "my_engine.py"
    file.write_text(file.read_text() + "\n# my own note\n")
    ns2 = cell(mine.reference_code("06.3"))
    note = mine.collect("06.3", ns2["topological_order"])
    kept = list(home.glob("my_engine.*.py"))
    assert len(kept) == 1 and "# my own note" in kept[0].read_text()
    assert kept[0].name in note
    assert "# my own note" not in file.read_text()
    assert "def times(self, other):" in file.read_text()  # the record keeps every piece


def test_a_broken_file_names_the_piece_and_the_course_runs_instead(home):
    mine._write(home, {"pieces": {}, "written": None})
    file = home / "my_engine.py"
    good = file.read_text()
    file.write_text(good.replace("    order, done = [], set()\n", "    order, done = [], set(\n"))
    engine, report = mine.load()
    assert engine is pieces
    assert "does not parse" in report and "piece 06.3 (topological_order)" in report
    file.write_text(
        good.replace("child.grad += local * node.grad", "child.grad = local * node.grad")
    )
    engine, report = mine.load()
    assert engine is pieces and "piece 07.1|06.4: q.backward() gives the leaves grads" in report
    file.write_text(good.replace("local_grads=(1.0, -1.0)", "local_grads=(1.0, 1.0)"))
    engine, report = mine.load()
    assert "piece 08.1: Value - Value gives data 5.0 with local derivatives (1.0, 1.0)" in report
    file.write_text(good.replace("class MLP:", "class Network:"))
    assert "piece 11.1: the file defines no class MLP" in mine.load()[1]
    file.write_text(good + "\nraise RuntimeError('mine')\n")
    assert "raised RuntimeError while it was imported: mine" in mine.load()[1]


def test_course_pieces_are_made_for_the_class_they_are_given():
    class V:
        def __init__(self, data, children=(), op="", label="", local_grads=()):
            self.data, self.grad, self.children = float(data), 0.0, tuple(children)
            self.op, self.label, self.local_grads = op, label, tuple(local_grads)

    ours = mine.course_pieces(V)
    V.__add__, V.__mul__, V.backward = ours.__add__, ours.__mul__, ours.backward
    a, b = V(2.0), V(3.0)
    out = a * b + a
    out.backward()
    assert type(out) is V and (a.grad, b.grad) == (4.0, 2.0)
    assert not hasattr(V, "__sub__") or V.__sub__ is object.__dict__.get("__sub__")


def test_every_engine_solution_is_the_course_piece():
    for block in mine.blocks():
        for key in block.keys:
            assert mine.reference_code(key).strip()[:40] in (
                ag.exercises.base.solution_code(key)
                .replace("(root)", "(self)")
                .replace("root.", "self.")
                if key == "06.4"
                else ag.exercises.base.solution_code(key)
            ), key


@pytest.fixture(scope="module")
def full_engine(tmp_path_factory):
    """my_engine.py with every piece marked as the student's (their code the course's)."""
    folder = tmp_path_factory.mktemp("full")
    record = {"pieces": {}, "written": None}
    for block in mine.blocks():
        code = block.code.strip() + "\n"
        record["pieces"][block.key] = {"exercise": block.keys[0], "passed": "-", "code": code}
    mine._write(folder, record)
    return folder


# micrograd's test_engine.py computes these two expressions and compares with PyTorch
SANITY = """
x = Value(-4.0)
z = 2 * x + 2 + x
q = z.relu() + z * x
h = (z * z).relu()
y = h + q + q * x
y.backward()
result = [y.data, x.grad]
"""
MORE_OPS = """
a = Value(-4.0)
b = Value(2.0)
c = a + b
d = a * b + b**3
c += c + 1
c += 1 + c + (-a)
d += d * 2 + (b + a).relu()
d += 3 * d + (b - a).relu()
e = c - d
f = e**2
g = f / 2.0
g += 10.0 / f
g.backward()
result = [g.data, a.grad, b.grad]
"""


def _torch_or_package(program):
    """The same program's numbers from PyTorch in float64, or the package where torch is missing."""
    try:
        import torch
    except ImportError:
        ns = {"Value": ag.Value}
        exec(program, ns)
        return ns["result"]
    # `c += ...` as `c = c + (...)`: in-place arithmetic on a tensor autograd still needs is refused
    program = re.sub(r"^(\w) \+= (.*)$", r"\1 = \1 + (\2)", program, flags=re.M)
    ns = {"Value": lambda x: torch.tensor(x, dtype=torch.float64, requires_grad=True)}
    exec(program, ns)
    return [float(v) for v in ns["result"]]


@pytest.mark.parametrize("program", [SANITY, MORE_OPS], ids=["sanity", "more_ops"])
def test_micrograds_own_comparisons_pass_on_the_file_alone(full_engine, program):
    out = standalone(
        full_engine,
        ISOLATED
        + "from my_engine import Value\n"
        + program
        + "print(__import__('json').dumps(result))\n",
    )
    got, want = json.loads(out), _torch_or_package(program)
    assert all(abs(g - w) < 1e-6 for g, w in zip(got, want)), (got, want)


def _moons():
    X, y = make_moons(100, noise=0.1, seed=1337)  # labels -1 and 1, as micrograd's demo has them
    return X.tolist(), y.tolist()


@pytest.mark.slow
def test_micrograds_demo_network_trains_on_the_file_alone(full_engine, tmp_path):
    """micrograd's own nn.py, with its engine swapped for my_engine's Value, learns the moons."""
    import micrograd.nn

    shim = tmp_path / "micrograd"
    shim.mkdir()
    (shim / "__init__.py").write_text("")
    (shim / "engine.py").write_text("from my_engine import Value\n")
    shutil.copy(pathlib.Path(micrograd.nn.__file__), shim / "nn.py")
    shutil.copy(full_engine / "my_engine.py", tmp_path / "my_engine.py")
    X, y = _moons()
    out = standalone(
        tmp_path,
        ISOLATED
        + f"X, y = {X!r}, {y!r}\n"
        + textwrap.dedent(
            """
            import random
            random.seed(1337)
            from micrograd.nn import MLP
            model = MLP(2, [16, 16, 1])
            for k in range(100):
                scores = [model(x) for x in X]
                losses = [(1 + -yi * s).relu() for yi, s in zip(y, scores)]
                loss = sum(losses) * (1.0 / len(losses))
                loss = loss + 1e-4 * sum(p * p for p in model.parameters())
                model.zero_grad()
                loss.backward()
                for p in model.parameters():
                    p.data -= (1.0 - 0.9 * k / 100) * p.grad
            right = sum((model(x).data > 0) == (yi > 0) for x, yi in zip(X, y))
            print(right / len(X), 'micrograd' in sys.modules, 'autograd_lesson' in sys.modules)
            """
        ),
    )
    accuracy, used_micrograd_nn, package = out.split()
    assert float(accuracy) >= 0.95 and used_micrograd_nn == "True" and package == "False"


@pytest.mark.slow  # runs lesson 09 in a kernel: about 4 s
def test_a_later_lesson_and_its_widget_run_on_the_students_piece(home):
    """A student's tanh that names its node differently shows up in lesson 09 and its widget."""
    import nbformat
    from nbclient import NotebookClient

    from autograd_lesson.widgets import NeuronExplorer
    from tools.run_notebooks import NOTEBOOKS

    code = mine.reference_code("09.1").replace('"tanh"', '"tanh·mine"')
    record = {
        "pieces": {"09.1": {"exercise": "09.1", "passed": "-", "code": code}},
        "written": None,
    }
    mine._write(home, record)

    engine, report = mine.load()
    assert "1 of 17 pieces are yours (09.1)" in report
    widget = NeuronExplorer(value_class=engine.Value)
    assert "tanh·mine" in widget.picture.value

    nb = nbformat.read(NOTEBOOKS / "09-tanh-neuron.ipynb", 4)
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True).execute(
        cwd=str(NOTEBOOKS)
    )
    shown = "\n".join(
        "".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", ""))
        for c in nb.cells
        for o in c.get("outputs", [])
    )
    assert "This lesson runs on your engine, my_engine.py: 1 of 17 pieces are yours (09.1)" in shown
    assert "o = tanh·mine(n): data 0.7071" in shown  # draw_dot(o) of the lesson's neuron


def test_a_broken_training_piece_is_named(home):
    mine._write(home, {"pieces": {}, "written": None})
    file = home / "my_engine.py"
    good = file.read_text()
    file.write_text(
        good.replace("p.data -= learning_rate * p.grad", "p.data += learning_rate * p.grad")
    )
    assert "piece 11.4: train_step does not give the course's loss" in mine.load()[1]
    file.write_text(good.replace("reg_loss = 1e-4 *", "reg_loss = 1e-3 *"))
    assert "piece 12.1: hinge_loss gives" in mine.load()[1]
    file.write_text(good.replace("rate = 1.0 - 0.9 * k / steps", "rate = 1.0"))
    assert "piece 12.2: train(..., 3 steps) gives the losses" in mine.load()[1]


def test_the_courses_fallback_pieces_are_not_saved_as_the_students(home):
    assert "course's own" in mine.collect("06.3", mine.course_pieces().topological_order)
    assert not (home / "my_engine.py").exists()


@pytest.mark.slow  # 100 steps on mini-batches of 20 points, in pure Python: about 5 s
def test_the_students_own_mlp_learns_the_moons_on_the_file_alone(full_engine):
    """The capstone's network from my_engine.py's own classes, loss and loop, nothing else."""
    X, y = _moons()
    out = standalone(
        full_engine,
        ISOLATED
        + f"X, y = {X!r}, {y!r}\n"
        + textwrap.dedent(
            """
            import random
            from my_engine import MLP, hinge_loss, train
            model = MLP(2, [16, 16, 1], seed=1, activation="relu", output_activation="linear")
            batches = random.Random(0)
            def loss_of(model, X, y):
                batch = batches.sample(range(len(X)), 20)
                return hinge_loss(model, [X[i] for i in batch], [y[i] for i in batch])
            losses = train(model, X, y, 100, loss_of)
            right = sum((model(x).data > 0) == (yi > 0) for x, yi in zip(X, y))
            print(right / len(X), sorted(m for m in sys.modules if m.startswith(("autograd", "numpy"))))
            """
        ),
    )
    accuracy, modules = out.split(maxsplit=1)
    assert float(accuracy) >= 0.95 and modules.strip() == "[]"


def test_a_file_rewritten_at_the_same_size_and_second_is_read_afresh(home, monkeypatch):
    """No stale bytecode: Python's .pyc cache goes by size and whole seconds."""
    import os

    monkeypatch.setattr(
        sys, "dont_write_bytecode", False
    )  # as where PYTHONDONTWRITEBYTECODE is unset
    mine._write(home, {"pieces": {}, "written": None})
    file = home / "my_engine.py"
    good = file.read_text()
    assert mine.load()[0].Value.__name__ == "Value"
    stamp = file.stat().st_mtime
    broken = good.replace("local_grads=(1.0, -1.0)", "local_grads=(1.0, +1.0)")  # same size
    assert len(broken) == len(good)
    file.write_text(broken)
    os.utime(file, (stamp, stamp))
    assert "piece 08.1: Value - Value gives" in mine.load()[1]
