"""Benchmarks of autograd_lesson against micrograd (PyPI) and a hand-written NumPy MLP.

    python -m benchmarks.bench             # the full run, a few minutes; prints a table
    python -m benchmarks.bench --quick     # about half a minute, smaller counts (used by a test)
    python -m benchmarks.bench --markdown  # the same tables in markdown, for benchmarks/README.md

The capstone's step (lesson 12: MLP(2, [16, 16, 1]) on the two moons) is timed for each
engine in a fresh subprocess of this script (`--capstone-worker`), so that neither pays
for what ran before it (micrograd's reference cycles slow everything after them).

Then it runs benchmarks/widget_moves.py (in its own process): the kernel CPU and the bytes
sent to the browser of one move of every lesson widget's every control.

It writes nothing but its output. Times of pure-Python work are CPU time of this
process (`time.process_time`), so other programs on a busy machine disturb them
less; times that include the `dot` program are wall-clock time.
"""

import argparse
import datetime
import functools
import gc
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import threading
import time
import tracemalloc

import micrograd.engine
import micrograd.nn
import numpy as np

from autograd_lesson import Value, draw_dot, sum_values, topological_order, trace
from autograd_lesson.examples import NEURON, XS, YS, lesson_graph
from autograd_lesson.nn import MLP
from autograd_lesson.widgets.live import LiveGraph
from benchmarks.numpy_mlp import NumpyMLP

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the subprocesses' cwd

LR = 0.01

TARGETS = {
    "speed_gc_on": 5.0,  # times micrograd's training-step speed, collector on
    "speed_gc_off": 1.5,  # ... and with gc.disable()
    "bytes_per_node": 200,
    "slider_ms": 100.0,
    "capstone_speed": 20.0,  # times micrograd's speed on the capstone step (its own process each)
    "trainer_steps_per_s": 20.0,  # the live capstone trainer on the package's engine: step + redraw
    "trainer_yours_steps_per_s": 10.0,  # ... on a straightforward engine (the student's), 20 points
    "widget_move_p95_ms": 5.0,  # every widget move, kernel CPU at p95 (benchmarks/widget_moves.py)
}


# ----- the training step, the same code for every scalar engine -----


def scalar_step(model, lr=LR):
    ypred = [model(x) for x in XS]
    loss = sum((yout - ygt) ** 2 for ygt, yout in zip(YS, ypred))
    model.zero_grad()
    loss.backward()
    for p in model.parameters():
        p.data -= lr * p.grad
    return loss.data


class NumpyTrainer:
    def __init__(self, mlp):
        self.net = NumpyMLP.from_mlp(mlp)
        self.X, self.y = np.array(XS), np.array(YS)

    def step(self):
        return self.net.step(self.X, self.y, LR)


def trainers():
    """name -> a function doing one training step (returns the loss); same data, same shape."""
    ours_relu = MLP(3, [4, 4, 1], activation="relu", output_activation="linear", seed=0)
    ours_tanh = MLP(3, [4, 4, 1], activation="tanh", seed=0)
    random.seed(0)  # micrograd draws its weights from the global random module
    theirs = micrograd.nn.MLP(3, [4, 4, 1])  # relu hidden layers, linear output
    numpy_net = NumpyTrainer(MLP(3, [4, 4, 1], activation="relu", output_activation="linear"))
    return {
        "autograd_lesson (relu)": lambda: scalar_step(ours_relu),
        "autograd_lesson (tanh)": lambda: scalar_step(ours_tanh),
        "micrograd (relu)": lambda: scalar_step(theirs),
        "NumPy by hand (relu)": numpy_net.step,
    }


def bench_training(steps, repeats, warmup):
    """Per-step CPU time (median of `repeats` runs of `steps` steps), collector on and off.

    The implementations take turns, repeat by repeat, so a change in the machine's
    load falls on all of them alike. gc.collect() runs between repeats (untimed):
    with the collector off, micrograd's reference cycles are never freed otherwise.
    """
    runs = {}
    for gc_on in (True, False):
        steps_fns = trainers()
        first, last = {}, {}
        for name, fn in steps_fns.items():
            first[name] = fn()
            for _ in range(warmup):
                fn()
        times = {name: [] for name in steps_fns}
        for _ in range(repeats):
            for name, fn in steps_fns.items():
                gc.collect()
                if not gc_on:
                    gc.disable()
                t0 = time.process_time()
                for _ in range(steps):
                    loss = fn()
                times[name].append((time.process_time() - t0) / steps)
                gc.enable()
                last[name] = loss
        for name in steps_fns:
            assert last[name] < first[name], (
                f"{name}: the loss did not decrease ({first[name]} -> {last[name]})"
            )
            runs[name, gc_on] = (statistics.median(times[name]), first[name], last[name])
    gc.collect()
    return runs


# ----- deep chains -----


def chain_ours(n):
    x = Value(0.5, label="x")
    y = x
    for _ in range(n):
        y = y.relu()
    return x, y


def chain_micrograd(n):
    x = micrograd.engine.Value(0.5)
    y = x
    for _ in range(n):
        y = y.relu()
    return x, y


def timed(fn):
    t0 = time.process_time()
    out = fn()
    return out, time.process_time() - t0


def bench_chain_ours(n):
    gc.collect()
    (x, y), build = timed(lambda: chain_ours(n))
    _, back = timed(y.backward)
    assert x.grad == 1.0
    return build, back


def bench_chain_micrograd(n):
    """micrograd's recursive topological sort, given a recursion limit and a stack big enough."""
    result = {}

    def run():
        gc.collect()
        (x, y), result["build"] = timed(lambda: chain_micrograd(n))
        try:
            _, result["back"] = timed(y.backward)
            assert x.grad == 1
        except RecursionError as error:
            result["error"] = f"RecursionError: {error}"
        del x, y
        gc.collect()  # the closures' reference cycles need the collector

    # first as micrograd comes: the default recursion limit
    limit = sys.getrecursionlimit()
    (x, y) = chain_micrograd(n)
    try:
        y.backward()
        default = "completes"
    except RecursionError:
        default = "RecursionError"
    del x, y
    gc.collect()
    # then with the limit raised, in a thread with a 512 MB stack
    old_stack = threading.stack_size(512 * 1024 * 1024)
    sys.setrecursionlimit(max(limit, 3 * n + 1000))
    try:
        thread = threading.Thread(target=run)
        thread.start()
        thread.join()
    finally:
        sys.setrecursionlimit(limit)
        threading.stack_size(old_stack)
    return default, result


# ----- memory -----


def count_micrograd_nodes(root):
    seen, stack = {root}, [root]
    while stack:
        for child in stack.pop()._prev:
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return len(seen)


def traced_bytes(build):
    """Bytes allocated (and still held) while `build()` runs, and what it returned."""
    gc.collect()
    gc.disable()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    kept = build()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    gc.enable()
    return after - before, kept


def mlp_graph_ours():
    model = MLP(3, [4, 4, 1], activation="relu", output_activation="linear")
    scalar_step(model)  # grads exist already, as in training

    def build():
        loss = sum((yout - ygt) ** 2 for ygt, yout in zip(YS, [model(x) for x in XS]))
        loss.backward()
        return loss

    return build, lambda loss: len(topological_order(loss)), len(model.parameters())


def mlp_graph_micrograd():
    random.seed(0)
    model = micrograd.nn.MLP(3, [4, 4, 1])
    scalar_step(model)

    def build():
        loss = sum((yout - ygt) ** 2 for ygt, yout in zip(YS, [model(x) for x in XS]))
        loss.backward()
        return loss

    return build, count_micrograd_nodes, len(model.parameters())


def bench_memory(n_chain):
    rows = []
    for name, (build, count, n_params) in (
        ("autograd_lesson", mlp_graph_ours()),
        ("micrograd", mlp_graph_micrograd()),
    ):
        nbytes, loss = traced_bytes(build)
        nodes = count(loss)
        rows.append((name, "MLP training graph (4 samples)", nodes, nodes - n_params, nbytes))
        del loss
    for name, chain, count in (
        ("autograd_lesson", chain_ours, lambda y: len(topological_order(y))),
        ("micrograd", chain_micrograd, count_micrograd_nodes),
    ):
        nbytes, (x, y) = traced_bytes(functools.partial(chain, n_chain))
        nodes = count(y)  # (build only: micrograd's backward needs the recursion set-up above)
        rows.append((name, f"{n_chain:,}-node relu chain", nodes, nodes, nbytes))
        del x, y
        gc.collect()
    return rows


# ----- pictures -----


def lesson_neuron(x1=NEURON["x1"]):
    x1, x2 = Value(x1, label="x1"), Value(NEURON["x2"], label="x2")
    w1, w2 = Value(NEURON["w1"], label="w1"), Value(NEURON["w2"], label="w2")
    b = Value(NEURON["b"], label="b")
    n = x1 * w1 + x2 * w2 + b
    n.label = "n"
    o = n.tanh()
    o.label = "o"
    return o


def wide_neuron(x0=0.5, k=66):
    """A neuron with k inputs, each leaf used once: 3k + 3 values (201 for k = 66)."""
    xs = [Value(x0 if i == 0 else 0.01 * i, label=f"x{i}") for i in range(k)]
    ws = [Value(((-1) ** i) * 0.02 * (i % 7), label=f"w{i}") for i in range(k)]
    act = sum_values([w * x for w, x in zip(ws, xs)] + [Value(0.1, label="b")])
    return act.tanh()


def draw_once(build):
    t0 = time.perf_counter()
    root = build()
    root.backward()
    svg = draw_dot(root).render_svg()
    assert svg.lstrip().startswith("<?xml") or "<svg" in svg
    return time.perf_counter() - t0, len(trace(root)[0])


def bench_pictures(repeats, slider_repeats):
    rows = []
    for name, build in (
        ("L = (a*b + c)*f", lesson_graph),
        ("tanh neuron (lesson 09)", lesson_neuron),
        ("neuron with 66 inputs", wide_neuron),
    ):
        results = [draw_once(build) for _ in range(repeats)]
        rows.append((name, results[0][1], statistics.median(t for t, _ in results)))
    live = LiveGraph(wide_neuron(), max_nodes=1000)
    times = []
    for i in range(slider_repeats):
        t0 = time.perf_counter()
        root = wide_neuron(x0=0.5 + 0.01 * i)
        root.backward()
        svg = live.svg(trace(root)[0])
        times.append(time.perf_counter() - t0)
    assert "<svg" in svg
    rows.append(
        ("slider update, 201 values (LiveGraph)", len(live.nodes), statistics.median(times))
    )
    return rows


# ----- the capstone (lesson 12): MLP(2, [16, 16, 1]) on 100 moons, each engine in its own process -----


def capstone_data():
    from autograd_lesson.capstone import DATA_SEED, as_rows
    from autograd_lesson.datasets import make_moons

    return as_rows(*make_moons(100, noise=0.1, seed=DATA_SEED))


def micrograd_capstone_loss(model, rows, labels):
    """micrograd's demo.ipynb loss, as written there: mean hinge loss + 1e-4 * sum of p*p."""
    Value_ = micrograd.engine.Value
    inputs = [list(map(Value_, xrow)) for xrow in rows]
    scores = list(map(model, inputs))
    losses = [(1 + -yi * scorei).relu() for yi, scorei in zip(labels, scores)]
    data_loss = sum(losses) * (1.0 / len(losses))
    alpha = 1e-4
    reg_loss = alpha * sum(p * p for p in model.parameters())
    return data_loss + reg_loss


def capstone_models():
    """Ours from the lesson's seed, and micrograd's MLP(2, [16, 16, 1]) given the same weights."""
    from autograd_lesson import capstone

    ours = capstone.make_model()
    theirs = micrograd.nn.MLP(2, [16, 16, 1])
    for mine, its in zip(ours.parameters(), theirs.parameters(), strict=True):
        its.data = mine.data
    return ours, theirs


def capstone_worker(engine, steps, repeats):
    """Run in a fresh process: `repeats` runs of `steps` training steps; JSON on stdout."""
    from autograd_lesson import capstone

    rows, labels = capstone_data()
    ours, theirs = capstone_models()
    if engine in ("trainer", "trainer-yours"):
        from autograd_lesson import pieces
        from autograd_lesson.widgets import MoonsTrainer

        # "trainer-yours": the lesson's trainer on a straightforward engine (the course's
        # pieces, what my_engine.py holds before a check passes), 20 points a step
        yours = dict(mlp=pieces.MLP, loss=pieces.hinge_loss) if engine == "trainer-yours" else {}
        trainer = MoonsTrainer(**yours)
        trainer.step()  # warm up: the first redraw draws the whole figure once
        cpu, wall = [], []
        for _ in range(repeats):
            t0, w0 = time.process_time(), time.perf_counter()
            for _ in range(steps):
                trainer.step()
            cpu.append((time.process_time() - t0) / steps)
            wall.append((time.perf_counter() - w0) / steps)
        print(
            json.dumps(
                {
                    "cpu": statistics.median(cpu),
                    "wall": statistics.median(wall),
                    "accuracy": trainer.accuracy,
                    "steps": trainer.steps,
                }
            )
        )
        return
    if engine == "ours":
        model, loss_of = ours, lambda m: capstone.scores_and_loss(m, rows, labels)[1]
    else:
        model, loss_of = theirs, lambda m: micrograd_capstone_loss(m, rows, labels)
    params = model.parameters()
    losses, times, k = [], [], 0
    for _ in range(repeats):
        t0 = time.process_time()
        for _ in range(steps):
            loss = loss_of(model)
            model.zero_grad()
            loss.backward()
            rate = capstone.learning_rate(k)
            for p in params:
                p.data -= rate * p.grad
            losses.append(loss.data)
            k += 1
        times.append((time.process_time() - t0) / steps)
    print(json.dumps({"step": statistics.median(times), "losses": losses}))


def bench_capstone(steps, repeats, trainer_steps):
    """Each engine's capstone step, and the live trainer's steps per second, in fresh processes."""
    results = {}
    for engine, n in (
        ("ours", steps),
        ("micrograd", max(2, steps // 8)),
        ("trainer", trainer_steps),
        ("trainer-yours", trainer_steps),
    ):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.bench",
                "--capstone-worker",
                engine,
                "--worker-steps",
                str(n),
                "--worker-repeats",
                str(repeats),
            ],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        results[engine] = json.loads(done.stdout.strip().splitlines()[-1])
    # the same weights and the same arithmetic: the losses agree step for step
    ours, theirs = results["ours"]["losses"], results["micrograd"]["losses"]
    for k, (a, b) in enumerate(zip(ours, theirs)):
        assert abs(a - b) <= 1e-9 * max(1.0, abs(b)), (
            f"capstone step {k}: loss {a} (ours) vs {b} (micrograd)"
        )
    return results


# ----- the widgets' moves (benchmarks/widget_moves.py, in its own process) -----


def bench_widget_moves(quick, markdown):
    """Run widget_moves.py, print its table (not its machine line: ours is above); its rows."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "widget_moves.json")
        flags = (["--quick"] if quick else []) + (["--markdown"] if markdown else [])
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.widget_moves", *flags, "--json", out],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        if done.returncode != 0:
            sys.stderr.write(done.stderr)
            raise SystemExit(f"benchmarks/widget_moves.py failed (exit {done.returncode})")
        with open(out, encoding="utf-8") as f:
            rows = json.load(f)["rows"]
    lines = done.stdout.splitlines()
    print()
    print("\n".join(line for line in lines if "Machine:" not in line).strip("\n"))
    return rows


# ----- output -----


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        cpu = platform.processor() or cpu
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()} "
        f"({platform.python_implementation()}), {platform.system()}; "
        f"{datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}; load average "
        f"{os.getloadavg()[0]:.1f} (other programs running slow the wall-clock times)"
    )


def table(title, header, rows, markdown):
    print()
    if markdown:
        print(f"### {title}\n")
        print("| " + " | ".join(header) + " |")
        print("|" + "|".join("---" for _ in header) + "|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        print(title)
        print("=" * len(title))
        widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
        for row in [header] + rows:
            print(
                "  ".join(
                    str(c).ljust(w) if i == 0 else str(c).rjust(w)
                    for i, (c, w) in enumerate(zip(row, widths))
                )
            )


def verdict(ok):
    return "met" if ok else "NOT met"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="about half a minute, smaller counts")
    parser.add_argument("--markdown", action="store_true", help="print markdown tables")
    parser.add_argument(
        "--capstone-worker",
        choices=["ours", "micrograd", "trainer", "trainer-yours"],
        help=argparse.SUPPRESS,
    )
    parser.add_argument("--worker-steps", type=int, default=10, help=argparse.SUPPRESS)
    parser.add_argument("--worker-repeats", type=int, default=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.capstone_worker:
        return capstone_worker(args.capstone_worker, args.worker_steps, args.worker_repeats)
    md = args.markdown
    if args.quick:
        steps, repeats, warmup, chain_n, big_n, pic_repeats, slider_repeats = (
            60,
            3,
            10,
            20_000,
            200_000,
            1,
            5,
        )
        cap_steps, cap_repeats, trainer_steps = 8, 1, 10
    else:
        steps, repeats, warmup, chain_n, big_n, pic_repeats, slider_repeats = (
            500,
            7,
            50,
            100_000,
            1_000_000,
            5,
            21,
        )
        cap_steps, cap_repeats, trainer_steps = 40, 3, 40

    print(("**Machine:** " if md else "Machine: ") + machine() + ("\n" if md else ""))
    print(
        ("**Mode:** " if md else "Mode: ")
        + ("quick" if args.quick else "full")
        + f" (training: median of {repeats} runs of {steps} steps after {warmup} warm-up steps)"
    )

    # 1. training step
    runs = bench_training(steps, repeats, warmup)
    rows = []
    for name in dict.fromkeys(name for name, _ in runs):
        on, off = runs[name, True], runs[name, False]
        ref_on, ref_off = runs["micrograd (relu)", True][0], runs["micrograd (relu)", False][0]
        rows.append(
            (
                name,
                f"{on[0] * 1e6:.1f}",
                f"{ref_on / on[0]:.2f}x",
                f"{off[0] * 1e6:.1f}",
                f"{ref_off / off[0]:.2f}x",
                f"{on[1]:.3f} -> {on[2]:.3g}",
            )
        )
    table(
        "Training step of MLP(3, [4, 4, 1]) on 4 samples (CPU time per step)",
        [
            "implementation",
            "gc on (us)",
            "vs micrograd",
            "gc off (us)",
            "vs micrograd",
            "loss (gc-on run)",
        ],
        rows,
        md,
    )

    # 2. deep chains
    ours_build, ours_back = bench_chain_ours(chain_n)
    default, theirs = bench_chain_micrograd(chain_n)
    big_build, big_back = bench_chain_ours(big_n)
    rows = [
        (
            "autograd_lesson",
            f"{chain_n:,}",
            f"{ours_build * 1e3:.0f}",
            f"{ours_back * 1e3:.0f}",
            "completes",
        ),
        ("micrograd, default recursion limit", f"{chain_n:,}", "", "", default),
        (
            "micrograd, limit raised, 512 MB thread stack",
            f"{chain_n:,}",
            f"{theirs['build'] * 1e3:.0f}",
            f"{theirs['back'] * 1e3:.0f}" if "back" in theirs else "",
            theirs.get("error", "completes"),
        ),
        (
            "autograd_lesson",
            f"{big_n:,}",
            f"{big_build * 1e3:.0f}",
            f"{big_back * 1e3:.0f}",
            "completes",
        ),
    ]
    table(
        "Backward on a chain of relu nodes (CPU time)",
        ["implementation", "nodes", "build (ms)", "backward (ms)", "result"],
        rows,
        md,
    )

    # 3. memory
    mem = bench_memory(chain_n)
    rows = [
        (
            name,
            graph,
            f"{nodes:,}",
            f"{new:,}",
            f"{nbytes:,}",
            f"{nbytes / nodes:.0f}",
            f"{nbytes / new:.0f}",
        )
        for name, graph, nodes, new, nbytes in mem
    ]
    table(
        "Memory (tracemalloc: bytes allocated and still held after building the graph; "
        "MLP graph: forward and backward)",
        [
            "implementation",
            "graph",
            "nodes",
            "new values",
            "bytes",
            "bytes per node",
            "bytes per new value",
        ],
        rows,
        md,
    )

    # 4. pictures
    pics = bench_pictures(pic_repeats, slider_repeats)
    rows = [(name, str(nodes), f"{seconds * 1e3:.1f}") for name, nodes, seconds in pics]
    table(
        "Pictures: forward + backward + draw_dot + `dot` to SVG (wall-clock, median)",
        ["graph", "values", "time (ms)"],
        rows,
        md,
    )

    # 5. the capstone
    cap = bench_capstone(cap_steps, cap_repeats, trainer_steps)
    ours_ms, theirs_ms = cap["ours"]["step"] * 1e3, cap["micrograd"]["step"] * 1e3
    trainer, yours = cap["trainer"], cap["trainer-yours"]
    n_ours, n_theirs = len(cap["ours"]["losses"]), len(cap["micrograd"]["losses"])
    rows = [
        (
            "autograd_lesson",
            f"{ours_ms:.1f}",
            f"{theirs_ms / ours_ms:.1f}x",
            f"{n_ours} ({cap_repeats} x {n_ours // cap_repeats})",
            f"{cap['ours']['losses'][0]:.4f} -> {cap['ours']['losses'][-1]:.4f}",
        ),
        (
            "micrograd",
            f"{theirs_ms:.1f}",
            "1.0x",
            f"{n_theirs} ({cap_repeats} x {n_theirs // cap_repeats})",
            f"{cap['micrograd']['losses'][0]:.4f} -> {cap['micrograd']['losses'][-1]:.4f}",
        ),
        (
            "live trainer (autograd_lesson step + redraw), CPU",
            f"{trainer['cpu'] * 1e3:.1f}",
            f"{1 / trainer['cpu']:.1f} steps/s",
            f"{trainer['steps']}",
            f"accuracy {trainer['accuracy']:.0%}",
        ),
        (
            "live trainer, wall-clock",
            f"{trainer['wall'] * 1e3:.1f}",
            f"{1 / trainer['wall']:.1f} steps/s",
            "",
            "",
        ),
        (
            "live trainer on the student's engine (20 points a step), CPU",
            f"{yours['cpu'] * 1e3:.1f}",
            f"{1 / yours['cpu']:.1f} steps/s",
            f"{yours['steps']}",
            f"accuracy {yours['accuracy']:.0%}",
        ),
        (
            "live trainer on the student's engine, wall-clock",
            f"{yours['wall'] * 1e3:.1f}",
            f"{1 / yours['wall']:.1f} steps/s",
            "",
            "",
        ),
    ]
    table(
        "Capstone step: MLP(2, [16, 16, 1]) on 100 moons, hinge loss + 1e-4 sum p^2 "
        "(each in a fresh process; CPU time per step unless marked)",
        ["implementation", "ms per step", "vs micrograd / speed", "steps timed", "loss"],
        rows,
        md,
    )

    # 6. the widgets' moves
    moves = bench_widget_moves(args.quick, md)
    worst_move = max(moves, key=lambda r: r["p95_ms"])
    moves_over = sum(r["p95_ms"] > TARGETS["widget_move_p95_ms"] for r in moves)

    # 7. targets
    speed_on = runs["micrograd (relu)", True][0] / runs["autograd_lesson (relu)", True][0]
    speed_off = runs["micrograd (relu)", False][0] / runs["autograd_lesson (relu)", False][0]
    ours_mlp = next(r for r in mem if r[0] == "autograd_lesson" and r[1].startswith("MLP"))
    per_node = ours_mlp[4] / ours_mlp[2]
    slider_ms = pics[-1][2] * 1e3
    rows = [
        (
            "training step speed vs micrograd, gc on",
            f">= {TARGETS['speed_gc_on']:g}x",
            f"{speed_on:.2f}x",
            verdict(speed_on >= TARGETS["speed_gc_on"]),
        ),
        (
            "training step speed vs micrograd, gc off",
            f">= {TARGETS['speed_gc_off']:g}x",
            f"{speed_off:.2f}x",
            verdict(speed_off >= TARGETS["speed_gc_off"]),
        ),
        (
            "bytes per node, MLP training graph",
            f"<= {TARGETS['bytes_per_node']}",
            f"{per_node:.0f}",
            verdict(per_node <= TARGETS["bytes_per_node"]),
        ),
        (
            f"backward on a {big_n:,}-node chain",
            "completes",
            f"{(big_build + big_back):.1f} s in all",
            "met",
        ),
        (
            "slider update, 201 values",
            f"< {TARGETS['slider_ms']:g} ms",
            f"{slider_ms:.1f} ms",
            verdict(slider_ms < TARGETS["slider_ms"]),
        ),
        (
            "capstone step speed vs micrograd",
            f">= {TARGETS['capstone_speed']:g}x",
            f"{theirs_ms / ours_ms:.1f}x",
            verdict(theirs_ms / ours_ms >= TARGETS["capstone_speed"]),
        ),
        (
            "live capstone trainer, step + redraw (CPU)",
            f">= {TARGETS['trainer_steps_per_s']:g} steps/s",
            f"{1 / trainer['cpu']:.1f} steps/s",
            verdict(1 / trainer["cpu"] >= TARGETS["trainer_steps_per_s"]),
        ),
        (
            "... on the student's engine, 20 points a step",
            f">= {TARGETS['trainer_yours_steps_per_s']:g} steps/s",
            f"{1 / yours['cpu']:.1f} steps/s",
            verdict(1 / yours["cpu"] >= TARGETS["trainer_yours_steps_per_s"]),
        ),
        (
            "every widget move, kernel CPU at p95",
            f"<= {TARGETS['widget_move_p95_ms']:g} ms",
            f"worst {worst_move['p95_ms']:.1f} ms ({worst_move['widget']}, {worst_move['control']}); "
            f"{moves_over} of {len(moves)} rows over",
            verdict(moves_over == 0),
        ),
    ]
    table("Targets", ["target", "goal", "measured", "verdict"], rows, md)


if __name__ == "__main__":
    sys.exit(main())
