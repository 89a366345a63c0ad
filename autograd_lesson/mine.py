"""Your engine in one file: `my_engine.py`, made of the pieces you wrote, as their checks pass.

When a check says ✔ for a piece of the engine (06.1's `__add__` and `__mul__`, 06.3's
`topological_order`, ..., 11.3's `MLP`), the check hands what you wrote to `collect`, which
copies its source into `my_engine.py`. Every piece you have not passed yet comes from the
course's answers (`pieces.py`), so the file always runs; its top says, piece by piece, which
are yours.

Where: the folder named by the environment variable AUTOGRAD_LESSON_HOME, or else the
folder the notebook runs in (beside the lessons, where every front end shows it). It is
plain Python that needs nothing but the standard library: `from my_engine import Value`.

The checks, not a cell magic or a marker, decide what goes in: only code that has passed
its check is collected, from the very object the check judged, and nothing extra is typed.
Beside the file, `.my_engine.json` keeps what passed and when, so the file can be made
again. If you edit `my_engine.py` by hand, your edits are used as they are; before the
file is next rewritten, the edited one is kept as `my_engine.<date-time>.py`.

`load()` imports the file and tries every piece on small graphs against the course's; a
file that does not import, or a piece that is missing or computes something else, gets a
report naming the piece, and the lesson runs on the course's engine instead.
"""

import ast
import datetime
import hashlib
import inspect
import json
import linecache
import math
import os
import pathlib
import random
import re
import sys
import textwrap
import types

from . import pieces

FILE = "my_engine.py"
RECORD = ".my_engine.json"
_BLOCK = re.compile(r"^# ---- (?P<key>[\w.|]+): (?P<names>[\w ]+) ----\n", re.M)
_END = "# ---- end {key} ----\n"
_GLUE = re.compile(r"^Value\.(\w+) = (\w+)$", re.M)


def home():
    """The folder of your `my_engine.py`: AUTOGRAD_LESSON_HOME, or the current folder."""
    return pathlib.Path(os.environ.get("AUTOGRAD_LESSON_HOME") or os.getcwd())


def path():
    return home() / FILE


# ----- the course's answers, as blocks of text -----


class Block:
    """One piece of the engine in `pieces.py`: its exercises, the names it defines, its code."""

    def __init__(self, key, names, code, start, end):
        self.key = key  # "06.3", or "07.1|06.4" for a piece two exercises write
        self.keys = tuple(key.split("|"))
        self.names = tuple(names.split())
        self.code = code  # the reference code between the two marker lines
        self.start, self.end = start, end  # its span in pieces.py, markers included
        self.methods = dict((a, b) for a, b in _GLUE.findall(code))  # attached to Value


def _reference_text():
    return pathlib.Path(pieces.__file__).read_text(encoding="utf-8")


def blocks(text=None):
    """The blocks of `pieces.py` (or of a text in its format), in order."""
    text = _reference_text() if text is None else text
    found = []
    for match in _BLOCK.finditer(text):
        key = match["key"]
        end = text.index(_END.format(key=key), match.end())
        code = text[match.end() : end]
        found.append(
            Block(key, match["names"], code, match.start(), end + len(_END.format(key=key)))
        )
    return found


def block_for(key):
    """The block that exercise `key` writes, or None when it writes no piece of the engine."""
    return next((b for b in blocks() if key in b.keys), None)


def reference_code(key):
    """The course's code for the piece that exercise `key` writes (what `solution()` shows)."""
    block = block_for(key)
    return None if block is None else block.code.strip() + "\n"


def course_pieces(value_class=None):
    """Every piece of the course's engine, written for `value_class` (a lesson's own `Value`).

    What a notebook falls back on until your piece passes: the same code as the solutions
    and as pieces.py, run with `Value` standing for your class, so that `ours.__add__`
    makes your kind of Value. The pieces are not attached to the class (no `Value.x = x`).
    """
    code = "".join(_GLUE.sub("", b.code) for b in blocks())
    filename = "<the course's pieces>"
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)  # tracebacks
    namespace = {"__name__": "autograd_lesson.course_pieces", "math": math, "random": random}
    namespace["Value"] = pieces.Value if value_class is None else value_class
    exec(compile(code, filename, "exec"), namespace)
    names = [name for b in blocks() for name in b.names]
    return types.SimpleNamespace(**{name: namespace[name] for name in names})


# ----- reading what the student wrote -----


class CannotRead(Exception):
    """The source of a piece cannot be found or used; the message says why, for the verdict."""


def _source_of_function(func):
    if not inspect.isfunction(func):
        raise CannotRead(f"{func!r} is not a function written in Python")
    if (getattr(func, "__module__", "") or "").startswith("autograd_lesson"):
        raise CannotRead(f"{func.__name__} is the course's own, not yours")
    if func.__code__.co_freevars:
        names = ", ".join(func.__code__.co_freevars)
        raise CannotRead(
            f"{func.__name__} uses {names} from the function around it, which a file of its "
            "own would not have"
        )
    try:
        return textwrap.dedent(inspect.getsource(func))
    except (OSError, TypeError) as error:
        raise CannotRead(f"the source of {func.__name__} cannot be read ({error})") from None


def _source_of_class(cls):
    """A class's source. Python 3.11's inspect cannot find a class defined in a notebook cell,
    so this reads the cell its methods came from and finds the class statement in it."""
    if (cls.__module__ or "").startswith("autograd_lesson"):
        raise CannotRead(f"{cls.__name__} is the course's own class, not yours")
    for member in vars(cls).values():
        code = getattr(member, "__code__", None)
        if code is None:
            continue
        lines = linecache.getlines(code.co_filename)
        try:
            tree = ast.parse("".join(lines))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.ClassDef)
                and node.name == cls.__name__
                and node.lineno <= code.co_firstlineno <= node.end_lineno
            ):
                first = min([node.lineno] + [d.lineno for d in node.decorator_list])
                return textwrap.dedent("".join(lines[first - 1 : node.end_lineno]))
    raise CannotRead(f"the source of class {cls.__name__} cannot be found")


def _piece_source(block, answers):
    """The code that replaces `block` in my_engine.py, from what the check judged: its
    arguments, `answers`. Methods come from the first (a class, or the function itself); a
    block of classes or functions takes one argument each, in order (12.2: Neuron, Layer, MLP)."""
    parts, glue = [], []
    others = iter(answers)
    for name in block.names:
        if name in block.methods:  # a method of Value: from the class, or the function itself
            answer = answers[0]
            func = answer if inspect.isfunction(answer) else vars(answer).get(name)
            if func is None:
                raise CannotRead(f"your class has no {name} of its own")
            parts.append(_source_of_function(func))
            glue.append(f"Value.{name} = {func.__name__}")
            continue
        answer = next(others, None)
        if answer is None:
            raise CannotRead(f"the check was not given your {name}")
        if inspect.isclass(answer):
            parts.append(_source_of_class(answer))
            if answer.__name__ != name:
                glue.append(f"{name} = {answer.__name__}")
        else:
            parts.append(_source_of_function(answer))
            if answer.__name__ != name:
                glue.append(f"{name} = {answer.__name__}")
    code = "\n\n".join(part.strip() + "\n" for part in parts)
    if glue:
        code += "\n\n" + "\n".join(glue) + "\n"
    try:
        ast.parse(code)
    except SyntaxError as error:
        raise CannotRead(f"its source does not parse on its own ({error.msg})") from None
    return code


# ----- the record and the file -----


def _read_record(folder):
    try:
        record = json.loads((folder / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"pieces": {}, "written": None}
    if not isinstance(record, dict) or not isinstance(record.get("pieces"), dict):
        return {"pieces": {}, "written": None}
    return record


def _digest(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_HEADER = '''\
"""My engine: the autograd engine I wrote in the autograd-lesson course.

Written by the course's checks: each piece I wrote went in when its check passed. The
pieces I have not passed yet are the course's own, so this file always runs.

{table}

It needs only Python's standard library:

    from my_engine import Value, MLP

    a, b = Value(2.0), Value(-3.0)
    L = (a * b + 1).tanh()
    L.backward()
    print(a.grad, b.grad)
"""
'''


def _table(record):
    rows = []
    for block in blocks():
        mine = record["pieces"].get(block.key)
        names = ", ".join(block.names)
        if mine:
            rows.append(f"    mine    {mine['exercise']:5}  {names}")
        else:
            rows.append(f"    course  {block.keys[0]:5}  {names} (not passed yet)")
    count = sum(1 for b in blocks() if b.key in record["pieces"])
    return f"Mine: {count} of {len(blocks())} pieces.\n\n" + "\n".join(rows)


def render(record):
    """The text of my_engine.py for a record of passed pieces."""
    text = _reference_text()
    tree = ast.parse(text)
    doc_end = tree.body[0].end_lineno  # the module docstring of pieces.py
    lines = text.splitlines(keepends=True)
    body = "".join(lines[doc_end:])
    out, last = [], 0
    for block in blocks(body):
        mine = record["pieces"].get(block.key)
        out.append(body[last : block.start])
        head = f"# ---- {block.key}: {' '.join(block.names)} ----\n"
        if mine:
            note = f"# mine: passed check {mine['exercise']} on {mine['passed']}\n"
            code = mine["code"]
        else:
            note = f"# the course's: pass check {block.keys[0]} to make it yours\n"
            code = block.code
        out.append(head + note + code.strip("\n") + "\n" + _END.format(key=block.key))
        last = block.end
    out.append(body[last:])
    return _HEADER.format(table=_table(record)) + "".join(out)


def _write(folder, record):
    """Write my_engine.py for `record`, keeping a hand-edited file as a dated copy first."""
    target = folder / FILE
    text = render(record)
    kept = None
    if target.exists():
        old = target.read_text(encoding="utf-8", errors="replace")
        if old != text and _digest(old) != record.get("written"):
            stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
            kept = folder / f"my_engine.{stamp}.py"
            kept.write_text(old, encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    record["written"] = _digest(text)
    (folder / RECORD).write_text(json.dumps(record, indent=1, ensure_ascii=False), "utf-8")
    return kept


def collect(key, answers):
    """Copy the piece that passed check `key` into my_engine.py; return one line for the verdict.

    `answers` are the check's arguments (or the one answer). Returns None when exercise `key`
    writes no piece of the engine. Never raises: a piece that cannot be saved gets a line
    that says why, and the verdict stays what it was.
    """
    block = block_for(key)
    if block is None:
        return None
    answers = answers if isinstance(answers, tuple) else (answers,)
    try:
        code = _piece_source(block, answers)
    except CannotRead as why:
        return f"Not saved to {FILE}: {why}."
    folder = home()
    record = _read_record(folder)
    stamp = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    record["pieces"][block.key] = {"exercise": key, "passed": stamp, "code": code}
    try:
        kept = _write(folder, record)
    except OSError as error:
        return f"Not saved to {FILE}: {error}."
    count = sum(1 for b in blocks() if b.key in record["pieces"])
    line = (
        f"Saved to {FILE}: your {', '.join(block.names)} "
        f"({count} of {len(blocks())} pieces are yours)."
    )
    if kept is not None:
        line += f" You had edited the file by hand; that version is kept as {kept.name}."
    return line


def status():
    """(key, names, whose) for every piece: whose is "mine" or "course"."""
    record = _read_record(home())
    return [
        (
            b.key,
            b.names,
            "mine" if b.key in record["pieces"] else "course",
        )
        for b in blocks()
    ]


def _import(file):
    """Import `file` as a fresh module named my_engine (a module object, not cached).

    Compiled from its text every time, never from a .pyc: Python's bytecode cache goes by the
    file's size and its time to the second, so a file rewritten within a second (by a check,
    or by hand) at the same size would otherwise run as it was before.
    """
    module = types.ModuleType("my_engine")
    module.__file__ = str(file)
    saved = sys.modules.get("my_engine")
    sys.modules["my_engine"] = module  # so that the file's classes can be pickled and found
    try:
        exec(compile(file.read_text(encoding="utf-8"), str(file), "exec"), module.__dict__)
    except BaseException:
        if saved is None:
            sys.modules.pop("my_engine", None)
        else:
            sys.modules["my_engine"] = saved
        raise
    return module


# ----- loading it, and trying every piece -----


def _same(a, b):
    return a == b or abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _op_cases():
    """(key, what, build(V)) for each operation: its output and local derivatives are compared."""
    return [
        ("06.1", "Value + Value", lambda V: V(2.0) + V(-3.0)),
        ("06.1", "Value * Value", lambda V: V(2.0) * V(-3.0)),
        ("06.1", "number + Value", lambda V: 2 + V(-3.0)),
        ("06.1", "Value * number", lambda V: V(-3.0) * 4),
        ("08.1", "-Value", lambda V: -V(2.5)),
        ("08.1", "Value - Value", lambda V: V(2.0) - V(-3.0)),
        ("08.1", "number - Value", lambda V: 1 - V(4.0)),
        ("08.2", "Value ** 3", lambda V: V(1.5) ** 3),
        ("08.2", "Value / Value", lambda V: V(2.0) / V(-4.0)),
        ("08.2", "number / Value", lambda V: 2 / V(-4.0)),
        ("08.3", "exp", lambda V: V(0.5).exp()),
        ("08.3", "log", lambda V: V(2.0).log()),
        ("08.4", "sigmoid", lambda V: V(0.3).sigmoid()),
        ("09.1", "tanh", lambda V: V(0.7).tanh()),
        ("12.1", "relu", lambda V: V(-0.5).relu()),
        ("12.1", "relu", lambda V: V(1.5).relu()),
    ]


def _graph(V):
    """A graph where a value is used twice (q = e·(e + c), e = a·b) and its leaves."""
    a, b, c = V(1.5), V(2.0), V(-1.0)
    e = a * b
    return e * (e + c), (a, b, c)


def probe(engine):
    """Problems with an imported my_engine, as (key, message); [] when every piece works."""
    problems = []

    def fails(key, what, run):
        try:
            message = run()
        except Exception as error:
            message = f"{what} raised {type(error).__name__}: {error}"
        if message:
            problems.append((key, message))

    V, R = getattr(engine, "Value", None), pieces.Value
    if not inspect.isclass(V):
        return [("Value", "the file defines no class Value")]
    for key, what, build in _op_cases():

        def op(build=build, what=what):
            got, want = build(V), build(R)
            mine = (got.data, tuple(got.local_grads), len(got.children))
            ours = (want.data, tuple(want.local_grads), len(want.children))
            if (
                len(mine[1]) != len(ours[1])
                or not all(_same(x, y) for x, y in zip((mine[0], *mine[1]), (ours[0], *ours[1])))
                or mine[2] != ours[2]
            ):
                return (
                    f"{what} gives data {mine[0]!r} with local derivatives {mine[1]} from "
                    f"{mine[2]} children; the course's gives {ours[0]!r}, {ours[1]}, {ours[2]}"
                )
            return None

        fails(key, what, op)

    def order():
        q, _ = _graph(V)
        listed = engine.topological_order(q)
        ids = [id(n) for n in listed]
        if len(ids) != len(set(ids)) or len(ids) != 6 or listed[-1] is not q:
            return "topological_order(q) does not list each of q's 6 values once, q last"
        place = {id(n): i for i, n in enumerate(listed)}
        if any(place[id(c)] > place[id(n)] for n in listed for c in n.children):
            return "topological_order(q) lists a value before one of its children"
        return None

    def backward():
        q, leaves = _graph(V)
        q.backward()
        want_q, want_leaves = _graph(R)
        want_q.backward()
        got = [leaf.grad for leaf in leaves]
        ours = [leaf.grad for leaf in want_leaves]
        if not all(_same(x, y) for x, y in zip(got, ours)):
            return f"q.backward() gives the leaves grads {got}; the course's gives {ours}"
        return None

    def zero_grad():
        q, leaves = _graph(V)
        q.backward()
        q.zero_grad()
        if any(leaf.grad != 0.0 for leaf in leaves) or q.grad != 0.0:
            return "after q.backward() and q.zero_grad(), a value still has a grad"
        return None

    fails("06.3", "topological_order", order)
    fails("07.1|06.4", "backward", backward)
    fails("07.2", "zero_grad", zero_grad)

    def network():
        for name in ("Neuron", "Layer", "MLP"):
            if not inspect.isclass(getattr(engine, name, None)):
                return f"the file defines no class {name}"
        mine, ours = engine.MLP(3, [4, 4, 1], seed=1), pieces.MLP(3, [4, 4, 1], seed=1)
        got, want = mine.parameters(), ours.parameters()
        if len(got) != len(want):
            return f"MLP(3, [4, 4, 1]) has {len(got)} parameters; it should have {len(want)}"
        for p, q in zip(got, want):
            p.data = q.data
        x = [2.0, 3.0, -1.0]
        out, ref = mine(x), ours(x)
        if not _same(out.data, ref.data):
            return f"MLP(3, [4, 4, 1])({x}) gives {out.data!r}; with the same weights, {ref.data!r}"
        return None

    def activations():
        what = 'MLP(2, [3, 1], seed=2, activation="relu", output_activation="linear")'
        made = [
            M(2, [3, 1], seed=2, activation="relu", output_activation="linear")
            for M in (engine.MLP, pieces.MLP)
        ]
        for p, q in zip(made[0].parameters(), made[1].parameters()):
            p.data = q.data
        x = [0.5, -1.5]
        got, want = made[0](x).data, made[1](x).data
        if not _same(got, want):
            return f"{what}({x}) gives {got!r}; with the same weights, {want!r}"
        return None

    network_key = "12.2" if "12.2" in _read_record(home())["pieces"] else "11.1"
    fails(network_key, "MLP(3, [4, 4, 1])", network)
    fails("12.2", "an MLP with ReLU layers and a linear output", activations)
    if problems:
        return problems

    def twins():
        """The file's MLP and the course's, with the same weights, and two samples."""
        mine, ours = engine.MLP(3, [4, 4, 1], seed=1), pieces.MLP(3, [4, 4, 1], seed=1)
        for p, q in zip(mine.parameters(), ours.parameters()):
            p.data = q.data
        return mine, ours, [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5]], [1.0, -1.0]

    def number(x):
        return float(getattr(x, "data", x))

    def step():
        mine, ours, xs, ys = twins()
        got, want = engine.train_step(mine, xs, ys, 0.1), pieces.train_step(ours, xs, ys, 0.1)
        moved = [p.data for p in mine.parameters()], [p.data for p in ours.parameters()]
        if not _same(number(got), want.data) or not all(map(_same, *moved)):
            return "train_step does not give the course's loss and update on the same network"
        return None

    def loss():
        mine, ours, xs, ys = twins()
        got, want = engine.hinge_loss(mine, xs, ys), pieces.hinge_loss(ours, xs, ys)
        if not _same(number(got), want.data):
            return f"hinge_loss gives {number(got)!r}; the course's gives {want.data!r}"
        return None

    def train():
        mine, ours, xs, ys = twins()
        got = engine.train(mine, xs, ys, 3, pieces.hinge_loss)
        want = pieces.train(ours, xs, ys, 3, pieces.hinge_loss)
        if len(got) != 3 or not all(_same(number(g), w) for g, w in zip(got, want)):
            return f"train(..., 3 steps) gives the losses {got!r}; the course's gives {want!r}"
        return None

    fails("11.4", "train_step", step)
    fails("12.1", "hinge_loss", loss)
    fails("12.2", "train", train)
    return problems


def load(which="mine"):
    """The engine the lessons run on: your my_engine.py (which="mine") or the course's.

    Returns (module, report). `report` is a short text: which pieces are yours, or, when
    your file does not import or a piece does not work, what is wrong and that the course's
    engine is used instead. Your file is left as it is.
    """
    if which not in ("mine", "course"):
        raise ValueError(f'which must be "mine" or "course", got {which!r}')
    if which == "course":
        return pieces, "This lesson runs on the course's engine (autograd_lesson/pieces.py)."
    file = path()
    if not file.exists():
        return pieces, (
            f"You have no {FILE} yet (a check that passes writes it), so this lesson runs on "
            "the course's engine."
        )
    try:
        engine = _import(file)
    except SyntaxError as error:
        piece = _piece_at(file, error.lineno)
        return pieces, (
            f"{FILE} does not parse: {error.msg} at line {error.lineno}{piece}. "
            "This lesson runs on the course's engine until you fix it."
        )
    except Exception as error:
        line = _line_of(error, file)
        piece = _piece_at(file, line)
        return pieces, (
            f"{FILE} raised {type(error).__name__} while it was imported: {error}"
            f"{f' (line {line}{piece})' if line else ''}. This lesson runs on the course's engine."
        )
    problems = probe(engine)
    if problems:
        said = "; ".join(f"piece {key}: {message}" for key, message in problems[:3])
        return pieces, (
            f"{FILE} has a piece that does not work. {said}. This lesson runs on the course's "
            "engine until you fix it (or pass that piece's check again)."
        )
    yours = [key for key, _, whose in status() if whose == "mine"]
    return engine, (
        f"This lesson runs on your engine, {FILE}: {len(yours)} of {len(blocks())} pieces are yours"
        + (f" ({', '.join(k.split('|')[0] for k in yours)})" if yours else "")
        + ", the rest the course's."
    )


def use(which="mine"):
    """The engine for a lesson, in one line of its own: `engine = mine.use("mine")`.

    Says which engine it is and returns it (a module with Value, MLP, ...). Write
    `mine.use("course")` to run the same lesson on the course's engine and compare.
    """
    engine, report = load(which)
    print(report)
    return engine


def _line_of(error, file):
    tb = error.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == str(file):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _piece_at(file, line):
    """ ", in piece 06.3 (topological_order)" for a line number of my_engine.py, or ""."""
    if not line:
        return ""
    try:
        text = file.read_text(encoding="utf-8")
    except OSError:
        return ""
    offset = sum(len(x) for x in text.splitlines(keepends=True)[: line - 1])
    for block in blocks(text):
        if block.start <= offset < block.end:
            return f", in piece {block.key} ({', '.join(block.names)})"
    return ""
