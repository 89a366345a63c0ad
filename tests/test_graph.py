"""trace, draw_dot, format_number and LiveGraph: deterministic pictures of the graph."""

import html
import os
import re
import subprocess
import sys
import textwrap

import pytest
from timing import cpu_seconds

from autograd_lesson import Value, draw_dot, format_number, sum_values, trace
from autograd_lesson import graph as graph_module
from autograd_lesson.examples import lesson_graph as build_L
from autograd_lesson.widgets.live import LiveGraph

needs_dot = pytest.mark.skipif(
    __import__("shutil").which("dot") is None, reason="Graphviz `dot` is not installed"
)


RECORD = re.compile(r"shape=M?record\b")  # a value's box (square or rounded corners)


def node_attrs(src):
    """{name: {attribute: value}} for every node line of a DOT source."""
    nodes = {}
    for line in src.splitlines():
        m = re.match(r"\t(n\d+(?:_op)?) \[(.*)\]$", line)
        if m:
            nodes[m.group(1)] = dict(re.findall(r'(\w+)=("[^"]*"|\S+)', m.group(2)))
    return nodes


def test_trace_order_and_edges():
    L = build_L()
    nodes, edges = trace(L)
    assert [n.label for n in nodes] == ["a", "b", "e", "c", "d", "f", "L"]
    assert [(c.label, p.label) for c, p in edges] == [
        ("a", "e"),
        ("b", "e"),
        ("e", "d"),
        ("c", "d"),
        ("d", "L"),
        ("f", "L"),
    ]
    again, _ = trace(build_L())
    assert [n.label for n in again] == [n.label for n in nodes]


def test_trace_keeps_a_duplicate_edge_for_a_plus_a():
    a = Value(3.0, label="a")
    b = a + a
    nodes, edges = trace(b)
    assert nodes == [a, b]
    assert edges == [(a, b), (a, b)]


def test_draw_dot_source_records_ops_and_names():
    L = build_L()
    L.backward()
    src = draw_dot(L).source
    assert "rankdir=LR" in src
    for name, label, data, grad in [
        ("n0", "a", "2.0000", "6.0000"),
        ("n2", "e", "-6.0000", "-2.0000"),
        ("n6", "L", "-8.0000", "1.0000"),
    ]:
        assert f'{name} [label="{label} | data {data} | grad {grad}"' in src  # LR: fields stacked
    assert len(RECORD.findall(src)) == 7
    assert src.count("shape=circle") == 3  # *, +, *
    assert 'n2_op [label="*"' in src and 'n4_op [label="+"' in src
    assert "\tn0 -> n2_op\n\tn1 -> n2_op\n" in src
    assert "n2_op -> n2" in src
    assert "0x" not in src  # no memory addresses
    assert not re.search(r"\bn7\b", src)


def test_draw_dot_fills_highlight_and_rankdir():
    L = build_L()
    nodes, _ = trace(L)
    src = draw_dot(L, highlight=[nodes[2]], rankdir="TB").source
    assert "rankdir=TB" in src
    attrs = node_attrs(src)
    fill = {name: a["fillcolor"].strip('"') for name, a in attrs.items() if "_op" not in name}
    assert fill["n2"] == graph_module._HIGHLIGHT_FILL  # highlighted
    assert fill["n6"] == graph_module._OUTPUT_FILL  # the output
    assert fill["n0"] == fill["n1"] == fill["n3"] == fill["n5"] == graph_module._INPUT_FILL
    assert fill["n4"] == graph_module._INNER_FILL  # an inner value
    assert len(set(fill.values())) == 4  # the four kinds look different
    width = {name: float(a.get("penwidth", "1")) for name, a in attrs.items()}
    assert width["n2"] >= width["n6"] > width["n0"]  # highlight and output stand out
    assert (
        attrs["n2"]["label"] == '"{ e | data -6.0000 | grad 0.0000 }"'
    )  # TB: braces keep the fields stacked
    assert src.count(graph_module._HIGHLIGHT_FILL) == 1
    plain = node_attrs(draw_dot(L).source)
    assert plain["n2"]["fillcolor"].strip('"') == graph_module._INNER_FILL


def test_draw_dot_escapes_record_characters_in_labels():
    a = Value(1.0, label="{x|y}<z>")
    src = draw_dot(a * 2).source
    assert "\\{x\\|y\\}\\<z\\>" in src


@pytest.mark.parametrize(
    "x, text",
    [
        (0.0, "0.0000"),
        (-0.0, "0.0000"),
        (-0.00001, "0.0000"),
        (-0.00004999, "0.0000"),
        (2.0, "2.0000"),
        (-2.5, "-2.5000"),
        (1 / 3, "0.3333"),
        (-8.0, "-8.0000"),
        (999999.0, "999999.0000"),
        (1234567.0, "1.235e+06"),
        (-1e300, "-1e+300"),
        (0.7071067811865476, "0.7071"),
    ],
)
def test_format_number(x, text):
    assert format_number(x) == text


def test_max_nodes_refusal_explains_what_to_do():
    x = Value(1.0)
    for _ in range(20):
        x = x * 1.5
    with pytest.raises(ValueError) as info:
        draw_dot(x, max_nodes=10)
    message = str(info.value)
    assert "41 values" in message and "max_nodes=10" in message  # 20 products, 20 numbers, x
    assert "smaller piece" in message and "larger max_nodes" in message
    assert len(RECORD.findall(draw_dot(x, max_nodes=41).source)) == 41


def test_draw_dot_refuses_a_big_graph_by_default():
    x = sum_values([Value(float(i)) for i in range(500)])
    with pytest.raises(ValueError, match="more than max_nodes=400"):
        draw_dot(x)


def test_missing_dot_gives_install_advice(monkeypatch):
    monkeypatch.setattr(graph_module.shutil, "which", lambda name: None)
    with pytest.raises(RuntimeError, match="apt-get install -y graphviz"):
        draw_dot(build_L()).render_svg()


SCRIPT = textwrap.dedent("""
    from autograd_lesson import Value, draw_dot, sum_values
    from autograd_lesson.examples import XS, YS
    from autograd_lesson.nn import MLP
    model = MLP(3, [4, 4, 1], seed=0)
    loss = sum_values([(model(x) - y) ** 2 for x, y in zip(XS, YS)])
    loss.label = "loss"
    loss.backward()
    print(draw_dot(loss, max_nodes=10_000).source)
    print([repr(p.grad) for p in model.parameters()])
    labels = {name: Value(float(i), label=name) for i, name in enumerate(["x", "y", "z", "w", "q"])}
    out = sum_values(list(labels.values())) * labels["x"]
    out.backward()
    print(draw_dot(out).source)
""")


def test_dot_source_and_grads_identical_across_hash_seeds():
    outputs = []
    for seed in ("0", "12345"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=True,
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].count("digraph {") == 2 and "grad" in outputs[0]


def L_nodes(**inputs):
    L = build_L(**inputs)
    L.backward()
    return trace(L)[0]


def svg_texts(svg):
    """The text of every <text> element, unescaped (dot writes '-' as '&#45;')."""
    return [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


@needs_dot
def test_live_graph_shows_new_numbers_like_a_fresh_drawing():
    live = LiveGraph(build_L())
    first = live.svg()
    assert "data -8.0000" in first and "grad 0.0000" in first
    assert not re.search(r"#\d{8}", first)  # every placeholder filled in
    nodes = L_nodes(a=1.5, b=-0.25, c=3.0, f=0.5)
    updated = live.svg(nodes)
    assert "data 1.3125" in updated  # L = (1.5 * -0.25 + 3) * 0.5
    assert "grad -0.1250" in updated and "grad 2.6250" in updated  # a: b*f, f: d
    assert "data -8.0000" not in updated
    assert svg_texts(updated) == svg_texts(draw_dot(nodes[-1]).render_svg())
    for node in nodes:
        assert f"data {format_number(node.data)}" in updated
        assert f"grad {format_number(node.grad)}" in updated
    assert live.svg() == first  # the nodes traced at construction are unchanged


@needs_dot
def test_live_graph_never_shows_minus_zero():
    live = LiveGraph(build_L())
    nodes = L_nodes(f=-0.00001)  # c.grad = f = -1e-05, L = -4e-05
    updated = live.svg(nodes)
    assert "-0.0000" not in updated
    assert "grad 0.0000" in updated and "data 0.0000" in updated
    assert svg_texts(updated) == svg_texts(draw_dot(nodes[-1]).render_svg())


def neuron_graph(n_inputs, scale):
    xs = [Value(scale * (k % 7 - 3), label=f"x{k}") for k in range(n_inputs)]
    ws = [Value(0.1 * (k % 5 - 2), label=f"w{k}") for k in range(n_inputs)]
    out = sum_values([w * x for w, x in zip(ws, xs)] + [Value(0.3, label="b")]).tanh()
    out.backward()
    return out


@needs_dot
def test_live_graph_redraws_a_200_node_graph_in_under_10_ms():
    root = neuron_graph(66, 1.0)
    assert len(trace(root)[0]) == 201
    live = LiveGraph(root)
    nodes = trace(neuron_graph(66, 0.5))[0]
    timings = []
    for _ in range(15):
        start = cpu_seconds()
        svg = live.svg(nodes)
        timings.append(cpu_seconds() - start)
    assert min(timings) < 0.010, f"LiveGraph.svg took {min(timings) * 1000:.1f} ms"
    assert f"data {format_number(nodes[-1].data)}" in svg
    assert svg.count("data ") == 201


def test_draw_dot_can_leave_the_grads_out():
    L = build_L()
    src = draw_dot(L, show_grad=False).source
    assert 'n0 [label="a | data 2.0000"' in src and "grad" not in src
    assert repr(draw_dot(L, show_grad=False)).endswith("L = *(d, f): data -8.0000")
    live = LiveGraph(L, show_grad=False)
    svg = live.svg()
    assert "data 2.0000" in svg and "grad" not in svg


def test_trace_draw_dot_and_the_explorer_read_a_micrograd_value():
    """A micrograd-style class (`_prev`, `_op`, no label argument) is drawn and explored too."""
    from micrograd.engine import Value as MicroValue

    from autograd_lesson.widgets import GraphExplorer

    a, b = MicroValue(2.0), MicroValue(-3.0)
    a.label, b.label = "a", "b"
    out = a * b + a
    out.backward()
    nodes, edges = trace(out)
    assert len(nodes) == 4 and len(edges) == 4 and nodes[-1] is out
    source = draw_dot(out).source
    assert "a | data 2.0000 | grad -2.0000" in source and 'label="*"' in source
    explorer = GraphExplorer(lambda a, b: a * b + a, {"a": 2.0, "b": -3.0}, value_class=MicroValue)
    assert explorer.leaves["a"].grad == -2.0 and "<svg" in explorer.picture.value
    assert "✓" in explorer.readout.value and "✗" not in explorer.readout.value
