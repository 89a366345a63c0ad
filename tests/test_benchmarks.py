"""The benchmark script runs, and performance guards that cannot flake on a busy machine.

Speed ratios against micrograd are not asserted here (they depend on the machine
and its load); `python -m benchmarks.bench` reports them. What is asserted is
either deterministic (memory counted by tracemalloc, a deep graph that must not
crash) or has a margin of ten times or more (the slider update).
"""

import gc
import json
import os
import shutil
import statistics
import subprocess
import sys

import pytest
from timing import cpu_seconds

from autograd_lesson import trace
from autograd_lesson.widgets.live import LiveGraph
from benchmarks import bench

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

needs_dot = pytest.mark.skipif(
    shutil.which("dot") is None, reason="Graphviz `dot` is not installed"
)


@pytest.mark.slow
@needs_dot
@pytest.mark.parametrize("flags", [["--quick"], ["--quick", "--markdown"]])
def test_quick_benchmark_runs_and_prints_every_section(flags):
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench", *flags],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for section in [
        "Machine:",
        "Training step of MLP(3, [4, 4, 1])",
        "Backward on a chain",
        "Memory (tracemalloc",
        "Pictures:",
        "Widget moves:",
        "Targets",
    ]:
        assert section in out, f"missing section {section!r} in:\n{out}"
    for row in [
        "autograd_lesson (relu)",
        "autograd_lesson (tanh)",
        "micrograd (relu)",
        "NumPy by hand (relu)",
        "slider update",
        "bytes per node",
        "MoonsTrainer",
        "every widget move",
    ]:
        assert row in out
    if "--markdown" in flags:
        assert "| implementation |" in out and "|---|" in out


@pytest.mark.slow
@needs_dot
def test_the_widget_benchmark_quick_mode_reports_every_widget_and_control(tmp_path):
    """Every widget class, every lesson's widget, every control and pattern gets a row."""
    import ipywidgets as W

    import autograd_lesson.widgets as widgets
    from benchmarks import widget_moves

    out = tmp_path / "moves.json"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.widget_moves", "--quick", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    rows = json.loads(out.read_text())["rows"]
    classes = [name for name in widgets.__all__ if name != "LessonWidget"]
    for name in classes:
        assert any(f" {name}" in r["widget"] for r in rows), f"no row for {name}"
        assert name in done.stdout
    for r in rows:
        assert (
            r["moves"] == 4
            and 0 <= r["p50_ms"] <= r["p95_ms"] <= r["max_ms"]
            and r["bytes_max"] >= 0
        )
    # every control of every lesson's widget, in each of its patterns
    for label, make in widget_moves.lesson_specs():
        w = make()
        for control_name, control in w.controls.items():
            for pattern in widget_moves.patterns(control):
                assert any(
                    r["widget"] == label
                    and r["control"] == control_name
                    and r["pattern"] == pattern
                    for r in rows
                ), f"no row for {label}, {control_name}, {pattern}"
        if any(isinstance(c, W.FloatSlider) for c in w.controls.values()):
            assert {"drag", "jump"} <= {r["pattern"] for r in rows if r["widget"] == label}
    assert any(r["widget"].endswith("MoonsTrainer") and r["pattern"] == "tick" for r in rows)
    # the bytes are counted: a slider's move sends at least the echo of its value, and a
    # graph explorer's move its new SVG
    assert all(r["bytes_max"] > 0 for r in rows if r["pattern"] in ("drag", "jump"))
    assert all(r["bytes_p50"] > 1000 for r in rows if "GraphExplorer" in r["widget"])
    assert "rows over the target of 5 ms" in done.stdout


def test_the_numpy_mlp_matches_the_engine_step_for_step():
    import numpy as np

    from autograd_lesson.nn import MLP
    from benchmarks.numpy_mlp import NumpyMLP

    model = MLP(3, [4, 4, 1], activation="relu", output_activation="linear")
    net = NumpyMLP.from_mlp(model)
    X, y = np.array(bench.XS), np.array(bench.YS)
    for _ in range(5):
        assert net.step(X, y, bench.LR) == pytest.approx(bench.scalar_step(model), rel=1e-12)


@pytest.mark.slow
def test_backward_on_a_million_node_chain_completes():
    gc.collect()
    x, y = bench.chain_ours(1_000_000)
    y.backward()
    assert x.grad == 1.0 and y.grad == 1.0
    del x, y


def test_mlp_training_graph_takes_at_most_200_bytes_per_node():
    build, count, _ = bench.mlp_graph_ours()
    nbytes, loss = bench.traced_bytes(build)
    nodes = count(loss)
    # 41 parameters, 80 new values, and 5 numbers as leaves of their own (the 4 targets and
    # sum's starting 0); the 12 inputs are constants inside the fused neuron sums (wx+b)
    assert nodes == 126
    assert nbytes / nodes <= 200, f"{nbytes} bytes for {nodes} nodes: {nbytes / nodes:.0f} per node"


def test_a_relu_chain_takes_at_most_140_bytes_per_node():
    nbytes, (_x, _y) = bench.traced_bytes(lambda: bench.chain_ours(10_000))
    assert nbytes / 10_001 <= 140


@needs_dot
def test_a_slider_update_of_a_200_node_graph_takes_under_100_ms():
    live = LiveGraph(bench.wide_neuron())
    assert len(live.nodes) == 201
    times = []
    for i in range(5):
        t0 = cpu_seconds()
        root = bench.wide_neuron(x0=0.5 + 0.1 * i)
        root.backward()
        svg = live.svg(trace(root)[0])
        times.append(cpu_seconds() - t0)
    assert "<svg" in svg
    assert statistics.median(times) < 0.100
