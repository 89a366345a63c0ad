"""What one move of every lesson widget costs the kernel, and what it sends to the browser.

    python -m benchmarks.widget_moves              # the full run, about two minutes; prints a table
    python -m benchmarks.widget_moves --quick      # a few moves per control (used by a test)
    python -m benchmarks.widget_moves --markdown   # the table in markdown, for benchmarks/README.md
    python -m benchmarks.widget_moves --json FILE  # also write every row as JSON (bench.py reads it)

`bash course.sh bench` (`python -m benchmarks.bench`) runs it too, in its own process.

Which widgets: every widget the lessons build, built by running the lesson's own notebook
cell (so with the lesson's arguments), and every widget class of `autograd_lesson.widgets`
that no lesson builds, with its defaults. Which moves: every control of every widget. A
slider or a drop-down is moved in two patterns, "drag" (1 to 3 steps of the slider from
where it stands, either way) and "jump" (to a random point of the track, seeded); a
button is clicked ("click"), a toggle flipped ("toggle"), a Play control ticked ("tick",
lesson 12's trainer: one training step and its redraw). Each (control, pattern) starts
from a fresh widget, built as the lesson builds it, so caches start as a student's do.

How a move is driven: as the browser drives it, by the comm message the front end sends
(`{"method": "update", "state": {"value": x}}` for a slider, `{"index": i}` for a
selection, `{"method": "custom", "content": {"event": "click"}}` for a button), handed to
the widget as ipywidgets hands it (`set_state`, or the button's message callbacks): that
runs the observe callbacks, the echo of the new value and the updates the widget sends.

What is measured, per move:
- kernel CPU: `time.process_time()` of this process plus the CPU of child processes
  (`resource.getrusage(RUSAGE_CHILDREN)`: Graphviz's `dot`, which `draw_dot` runs);
- bytes to the browser: every comm message the move sends, serialized as the kernel
  serializes it (a `jupyter_client.Session` packs each message to its wire frames:
  header, parent header, metadata, content as JSON, signature, plus binary buffers such as
  a PNG) and the lengths summed. The widgets' comms are replaced by one that does this
  (a stand-in for ipykernel's comm, which also serializes with a `Session`); the
  serializing is inside the timed move, as in a kernel. Not counted: ZeroMQ, the server and
  the websocket framing (a few dozen bytes per message).

It writes nothing but its output (and the JSON file when asked).
"""

import argparse
import ast
import datetime
import glob
import json
import logging
import os
import platform
import random
import re
import resource
import statistics
import sys
import time
import zlib

import comm
import ipywidgets as W
from comm.base_comm import BaseComm
from jupyter_client.session import Session

import autograd_lesson.widgets as widgets
from autograd_lesson.widgets import LessonWidget

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

TARGET_MS = 5.0  # the goal: every move at most 5 ms of kernel CPU at p95
PLAY_GAP = (
    0.02  # seconds between Play ticks (the trainer drops a tick sooner than 10 ms after a step)
)


# ----- the comm that counts bytes -----


class Meter:
    """Bytes and messages sent since the last `reset()`."""

    session = Session(key=b"benchmark-key", username="kernel")
    nbytes = 0
    messages = 0

    @classmethod
    def reset(cls):
        cls.nbytes = cls.messages = 0


class MeasuringComm(BaseComm):
    """A comm that serializes each message as a kernel would and counts its bytes."""

    def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys):
        content = dict(data={} if data is None else data, comm_id=self.comm_id, **keys)
        msg = Meter.session.msg(msg_type, content, metadata={} if metadata is None else metadata)
        frames = Meter.session.serialize(msg, ident=self.topic)
        size = sum(len(f) for f in frames) + sum(memoryview(b).nbytes for b in (buffers or []))
        Meter.nbytes += size
        Meter.messages += 1


def use_measuring_comms():
    comm.create_comm = lambda *args, **kwargs: MeasuringComm(*args, **kwargs)


class Errors(logging.Handler):
    """ipywidgets logs (rather than raises) an exception in a callback: collect them."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record)


# ----- the widgets, as the lessons build them -----

WIDGET_CLASSES = [
    getattr(widgets, name)
    for name in widgets.__all__
    if isinstance(getattr(widgets, name), type)
    and issubclass(getattr(widgets, name), LessonWidget)
    and getattr(widgets, name) is not LessonWidget
]
CLASS_PATTERN = re.compile(r"\b(" + "|".join(c.__name__ for c in WIDGET_CLASSES) + r")\(")


def base_namespace():
    """What a lesson cell sees: the package, the widgets, and (from lesson 09 on) the engine the
    lesson runs on; here the course's, as for a student who has passed no check yet."""
    ns = {"__name__": "__main__"}
    exec(
        "from autograd_lesson import *\nfrom autograd_lesson.widgets import *\n"
        "from autograd_lesson import pieces as engine\n"
        "Value, MLP, hinge_loss = engine.Value, engine.MLP, engine.hinge_loss",
        ns,
    )
    return ns


def run_cell(source):
    """Run a notebook cell in a fresh namespace; return the lesson widgets it made, in order."""
    tree = ast.parse(source)
    if tree.body and isinstance(tree.body[-1], ast.Expr):  # the cell's displayed value
        last = tree.body[-1]
        tree.body[-1] = ast.Assign(targets=[ast.Name("_displayed", ast.Store())], value=last.value)
        ast.fix_missing_locations(tree)
    ns = base_namespace()
    exec(compile(tree, "<lesson cell>", "exec"), ns)
    found = []
    for value in ns.values():
        if isinstance(value, LessonWidget) and all(value is not f for f in found):
            found.append(value)
    return found


def lesson_specs():
    """[(label, make)] for every widget a lesson's notebook builds, then every class none builds."""
    specs, used = [], set()
    for path in sorted(glob.glob(os.path.join(ROOT, "notebooks", "[0-9]*.ipynb"))):
        lesson = os.path.basename(path)[:2]
        with open(path, encoding="utf-8") as f:
            cells = json.load(f)["cells"]
        for cell in cells:
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            if cell["cell_type"] != "code" or not CLASS_PATTERN.search(source):
                continue
            made = run_cell(source)
            for k, w in enumerate(made):
                name = type(w).__name__
                used.add(name)
                label = f"{lesson} {name}"
                if sum(type(o).__name__ == name for o in made) > 1 or name == "GraphExplorer":
                    label += f" ({w.title})"
                specs.append((label, lambda source=source, k=k: run_cell(source)[k]))
    for cls in WIDGET_CLASSES:
        if cls.__name__ not in used:
            specs.append((f"-- {cls.__name__} (defaults; no lesson builds it)", cls))
    return specs


# ----- moves, as the browser sends them -----


def is_slider(c):
    return all(hasattr(c, a) for a in ("min", "max", "step", "value")) and not isinstance(c, W.Play)


def patterns(control):
    if isinstance(control, W.Button):
        return ["click"]
    if isinstance(control, W.Play):
        return ["tick"]
    if isinstance(control, (W.ToggleButton, W.Checkbox)):
        return ["toggle"]
    if hasattr(control, "options") and hasattr(control, "index"):
        return ["drag", "jump"] if len(control.options) > 1 else []
    if is_slider(control):
        return ["drag", "jump"]
    return []


def snap(control, k):
    """The slider's value at grid point k (min + k·step), as the browser's slider sends it."""
    value = control.min + k * control.step
    return int(value) if isinstance(control.value, int) else round(value, 12)


def next_state(control, pattern, rng):
    """The state the browser would send for one move of `control`, or None for a click."""
    if pattern == "click":
        return None
    if pattern == "tick":
        return {"value": control.value + 1}
    if pattern == "toggle":
        return {"value": not control.value}
    if hasattr(control, "options"):
        n, i = len(control.options), control.index
        if pattern == "drag":
            j = i + rng.choice([-1, 1])
            j = j if 0 <= j < n else i - (j - i)
        else:
            j = rng.choice([x for x in range(n) if x != i])
        return {"index": j}
    top = round((control.max - control.min) / control.step)
    here = round((control.value - control.min) / control.step)
    if pattern == "drag":
        delta = rng.choice([1, 2, 3]) * rng.choice([-1, 1])
        k = here + delta if 0 <= here + delta <= top else here - delta
    else:
        k = rng.choice([x for x in range(top + 1) if x != here])
    return {"value": snap(control, k)}


def send(control, state):
    """Hand `control` the message the front end sends (what ipywidgets' _handle_msg does)."""
    if state is None:
        control._handle_custom_msg({"event": "click"}, [])
    else:
        control.set_state(state)


def prepare(w, name):
    """Before a click that would do nothing, first do (untimed) what a student does before it.

    A "reset" click follows one click of the widget's first other button (a nudge, a training
    step), so there is something to reset; the backprop stepper's next (previous) at its last
    (first) step first goes back to the start (end). Returns True when it moved something.
    """
    if name == "reset":
        other = next(
            (c for n, c in w.controls.items() if n != name and isinstance(c, W.Button)), None
        )
        if other is not None:
            send(other, None)
            return True
    if type(w).__name__ == "BackpropStepper" and name in ("next", "previous"):
        s = w.controls["step"]
        if name == "next" and s.value == s.max:
            send(s, {"value": s.min})
            return True
        if name == "previous" and s.value == s.min:
            send(s, {"value": s.max})
            return True
    return False


def cpu():
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def percentile(xs, q):
    """The q-th percentile, nearest rank (the value at or below which q% of the moves fall)."""
    xs = sorted(xs)
    return xs[max(0, min(len(xs) - 1, round(q / 100 * len(xs) + 0.5) - 1))]


def measure(label, make, name, pattern, moves, seed, errors):
    w = make()
    control = w.controls[name]
    rng = random.Random(zlib.crc32(f"{seed}|{label}|{name}|{pattern}".encode()))
    times, sizes, counts = [], [], []
    for _ in range(moves):
        prepare(w, name)
        state = next_state(control, pattern, rng)
        if pattern == "tick":
            time.sleep(PLAY_GAP)
        Meter.reset()
        before = len(errors.records)
        t0 = cpu()
        send(control, state)
        times.append(cpu() - t0)
        sizes.append(Meter.nbytes)
        counts.append(Meter.messages)
        if len(errors.records) > before:
            record = errors.records[-1]
            raise RuntimeError(f"{label}, {name} ({pattern}): {record.getMessage()}") from (
                record.exc_info[1] if record.exc_info else None
            )
    W.Widget.close_all()
    ms = [t * 1e3 for t in times]
    return {
        "widget": label,
        "control": name,
        "pattern": pattern,
        "moves": moves,
        "p50_ms": statistics.median(ms),
        "p95_ms": percentile(ms, 95),
        "max_ms": max(ms),
        "bytes_p50": statistics.median(sizes),
        "bytes_max": max(sizes),
        "messages_p50": statistics.median(counts),
    }


def run(moves, seed=0, only=None, progress=None):
    use_measuring_comms()
    errors = Errors()
    logging.getLogger().addHandler(errors)
    rows = []
    for label, make in lesson_specs():
        if only and only not in label:
            continue
        probe = make()
        plan = [(name, p) for name, c in probe.controls.items() for p in patterns(c)]
        W.Widget.close_all()
        for name, pattern in plan:
            rows.append(measure(label, make, name, pattern, moves, seed, errors))
            if progress:
                progress(rows[-1])
    return rows


# ----- output -----


def machine():
    cpu_name = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu_name = next(
                (line.split(":", 1)[1].strip() for line in f if line.startswith("model name")),
                cpu_name,
            )
    except OSError:
        cpu_name = platform.processor() or cpu_name
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{cpu_name}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"ipywidgets {W.__version__}; {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}; "
        f"load average {load} (1, 5, 15 min)"
    )


def fmt_bytes(n):
    return f"{n:,.0f}"


def print_table(rows, markdown):
    header = [
        "widget",
        "control",
        "pattern",
        "moves",
        "p50 ms",
        "p95 ms",
        "max ms",
        "bytes/move p50",
        "bytes max",
        f"p95 > {TARGET_MS:g} ms",
    ]
    body = [
        [
            r["widget"],
            r["control"],
            r["pattern"],
            str(r["moves"]),
            f"{r['p50_ms']:.2f}",
            f"{r['p95_ms']:.2f}",
            f"{r['max_ms']:.2f}",
            fmt_bytes(r["bytes_p50"]),
            fmt_bytes(r["bytes_max"]),
            "OVER" if r["p95_ms"] > TARGET_MS else "",
        ]
        for r in rows
    ]
    title = "Widget moves: kernel CPU per move (this process + child processes) and bytes sent"
    print()
    if markdown:
        print(f"### {title}\n")
        print("| " + " | ".join(header) + " |")
        print("|" + "|".join("---" if i < 3 else "--:" for i in range(len(header))) + "|")
        for row in body:
            row[-1] = "**over**" if row[-1] else ""
            print("| " + " | ".join(row) + " |")
    else:
        print(title)
        print("=" * len(title))
        widths = [max(len(r[i]) for r in [header] + body) for i in range(len(header))]
        for row in [header] + body:
            print(
                "  ".join(
                    c.ljust(wd) if i < 3 else c.rjust(wd)
                    for i, (c, wd) in enumerate(zip(row, widths))
                )
            )
    if not rows:
        print("\nNo widget matched.")
        return
    over = [r for r in rows if r["p95_ms"] > TARGET_MS]
    worst = max(rows, key=lambda r: r["p95_ms"])
    print()
    print(
        f"{len(over)} of {len(rows)} rows over the target of {TARGET_MS:g} ms of kernel CPU at p95 "
        f"(worst: {worst['widget']}, {worst['control']} {worst['pattern']}, {worst['p95_ms']:.1f} ms)."
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="a few moves per control (a smoke test)"
    )
    parser.add_argument("--markdown", action="store_true", help="print a markdown table")
    parser.add_argument(
        "--moves", type=int, help="moves per control and pattern (default 50, quick 4)"
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the jumps and drags")
    parser.add_argument("--only", help="only widgets whose label contains this text")
    parser.add_argument("--json", metavar="FILE", help="also write the rows as JSON to FILE")
    args = parser.parse_args(argv)
    moves = args.moves or (4 if args.quick else 50)
    md = args.markdown
    print(("**Machine:** " if md else "Machine: ") + machine() + ("\n" if md else ""))
    print(
        ("**Mode:** " if md else "Mode: ")
        + ("quick" if args.quick else "full")
        + f" ({moves} moves per control and pattern (a click, a tick and a toggle are moves), "
        f"seed {args.seed}; a fresh widget for each)"
    )
    rows = run(moves, seed=args.seed, only=args.only)
    print_table(rows, md)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(
                {"machine": machine(), "moves": moves, "target_ms": TARGET_MS, "rows": rows},
                f,
                indent=1,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
