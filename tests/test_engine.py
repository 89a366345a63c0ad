"""The Value object: what it records, how backward fills in grads, and deep graphs."""

import gc
import inspect
import math
import re
import time

import pytest
from helpers import programs, run
from hypothesis import given, settings

from autograd_lesson import Value, draw_dot, sum_values, topological_order, trace


def test_repr_and_label():
    assert repr(Value(2.0)) == "Value(data=2.0, grad=0.0)"
    a = Value(-3, label="a")
    assert repr(a) == "Value(data=-3.0, grad=0.0, label='a')"
    assert type(a.data) is float and a.label == "a" and a.op == "" and a.children == ()
    b = a * 2
    assert b.label == ""
    b.label = "b"
    b.backward()
    assert repr(b) == "Value(data=-6.0, grad=1.0, label='b')"
    assert repr(a) == "Value(data=-3.0, grad=2.0, label='a')"


def test_the_constructor_is_the_one_students_write():
    """Value(data, children=(), op="", label="", local_grads=()), as in lessons 03 and 06."""
    params = inspect.signature(Value).parameters
    assert [(p.name, p.default) for p in params.values()] == [
        ("data", inspect.Parameter.empty),
        ("children", ()),
        ("op", ""),
        ("label", ""),
        ("local_grads", ()),
    ]
    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    c = Value(a.data * b.data, [a, b], "*", "c", [b.data, a.data])  # positionally, lists allowed
    assert (c.data, c.children, c.op, c.label, c.local_grads) == (
        -6.0,
        (a, b),
        "*",
        "c",
        (-3.0, 2.0),
    )
    made = a * b
    assert (made.data, made.children, made.op) == (c.data, c.children, c.op)
    assert made.local_grads == c.local_grads
    c.backward()
    assert (a.grad, b.grad) == (-3.0, 2.0)
    lesson03 = Value(4.0, (a, b), "+")  # lesson 03's shape: children, but no local derivatives yet
    assert lesson03.local_grads == () and trace(lesson03)[0] == [a, b, lesson03]


def test_a_label_in_the_place_of_the_children_is_refused_with_the_fix():
    with pytest.raises(TypeError, match=re.escape("write Value(2.0, label='a')")):
        Value(2.0, "a")
    with pytest.raises(TypeError, match=re.escape("every child must be a Value, got float 1.0")):
        Value(2.0, (1.0,))
    with pytest.raises(TypeError, match="must be a sequence of Values, got Value"):
        Value(2.0, Value(1.0))
    with pytest.raises(ValueError, match="2 children but 1 local derivatives"):
        Value(2.0, (Value(1.0), Value(1.0)), "+", local_grads=(1.0,))


@pytest.mark.parametrize("n_children", [1, 2, 3])
def test_backward_through_a_value_without_local_grads_says_what_is_missing(n_children):
    out = Value(1.0, [Value(1.0) for _ in range(n_children)], "f", "out") * 2
    with pytest.raises(ValueError, match=r"'out' \(1.0\), made by 'f' from .* has 0 local deriv"):
        out.backward()


def test_children_are_in_operand_order():
    a, b = Value(1.0, label="a"), Value(2.0, label="b")
    for make in (lambda: a + b, lambda: a - b, lambda: a * b, lambda: a / b, lambda: a**b):
        assert make().children == (a, b)
    for make in (lambda: b + a, lambda: b - a, lambda: b * a, lambda: b / a):
        assert make().children == (b, a)
    assert (a + a).children == (a, a)
    assert sum_values([b, a, b]).children == (b, a, b)


@pytest.mark.parametrize(
    "make, op, locals_",
    [
        (lambda a, b: a + b, "+", (1.0, 1.0)),
        (lambda a, b: a - b, "-", (1.0, -1.0)),
        (lambda a, b: a * b, "*", (-2.0, 3.0)),
        (lambda a, b: a / b, "/", (-0.5, -0.75)),  # 1/b, -a/b**2
        # a plain number becomes a leaf of its own, on the side where it was written
        (lambda a, b: a + 1, "+", (1.0, 1.0)),
        (lambda a, b: 1 + a, "+", (1.0, 1.0)),
        (lambda a, b: a - 1, "-", (1.0, -1.0)),
        (lambda a, b: 1 - a, "-", (1.0, -1.0)),
        (lambda a, b: a * 2, "*", (2.0, 3.0)),
        (lambda a, b: 2 * a, "*", (3.0, 2.0)),
        (lambda a, b: a / 4, "/", (0.25, -3.0 / 16.0)),
        (lambda a, b: 6 / a, "/", (1.0 / 3.0, -6.0 / 9.0)),
        (lambda a, b: -a, "neg", (-1.0,)),
        (lambda a, b: a**2, "**2", (6.0,)),
        (lambda a, b: a**-1, "**-1", (-1.0 / 9.0,)),
        (lambda a, b: a**0.5, "**0.5", (0.5 / math.sqrt(3.0),)),
        (lambda a, b: a.exp(), "exp", (math.exp(3.0),)),
        (lambda a, b: a.log(), "log", (1.0 / 3.0,)),
        (lambda a, b: a.relu(), "relu", (1.0,)),
        (lambda a, b: (-a).relu(), "relu", (0.0,)),
    ],
)
def test_op_names_and_local_grads(make, op, locals_):
    a, b = Value(3.0, label="a"), Value(-2.0, label="b")
    out = make(a, b)
    assert out.op == op
    assert out.local_grads == pytest.approx(locals_, rel=1e-15)
    assert len(out.local_grads) == len(out.children)
    if len(out.children) == 2:
        assert a in out.children
        for child in out.children:
            if child is not a and child is not b:  # the number, as a leaf
                assert (child.children, child.op, child.label) == ((), "", "")


def test_a_number_keeps_its_side():
    a = Value(3.0, label="a")
    assert [c.data for c in (1 - a).children] == [1.0, 3.0]
    assert [c.data for c in (a - 1).children] == [3.0, 1.0]
    assert [c.data for c in (6 / a).children] == [6.0, 3.0]


def test_tanh_and_power_of_values_local_grads():
    a, b = Value(0.5), Value(1.5)
    t = a.tanh()
    assert t.op == "tanh" and t.children == (a,)
    assert t.local_grads[0] == pytest.approx(1 - math.tanh(0.5) ** 2, rel=1e-15)
    p = b**a
    assert p.op == "**" and p.children == (b, a)
    assert p.local_grads == pytest.approx((0.5 * 1.5**-0.5, 1.5**0.5 * math.log(1.5)), rel=1e-15)
    q = 2**a  # a number base becomes a leaf of its own
    assert q.op == "**" and q.children[1] is a and q.children[0].data == 2.0
    assert q.local_grads[1] == pytest.approx(2**0.5 * math.log(2), rel=1e-15)


def test_every_node_accumulates_and_zero_grad_resets():
    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    c = a * b
    out = c + a  # a is reached by two paths: b + 1
    out.backward()
    assert (a.grad, b.grad, c.grad, out.grad) == (-2.0, 2.0, 1.0, 1.0)
    out.backward()  # lesson 07's rule: the output is set to 1, every other node adds
    assert (c.grad, out.grad) == (2.0, 1.0)
    assert (a.grad, b.grad) == (-2.0 + 1.0 + -3.0 * 2.0, 2.0 + 2.0 * 2.0)
    out.zero_grad()
    assert (a.grad, b.grad, c.grad, out.grad) == (0.0, 0.0, 0.0, 0.0)


def test_backward_of_a_single_value():
    a = Value(5.0)
    a.backward()
    assert a.grad == 1.0


@pytest.fixture
def no_gc():
    """The cyclic garbage collector off for a test that allocates a million nodes.

    Values make no reference cycles, so nothing leaks; the collector would only walk
    the growing graph again and again while it is built.
    """
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def chain(n, leaf, step):
    x = leaf
    for _ in range(n):
        x = step(x)
    return x


def test_100000_node_chain_backward_and_trace(no_gc):
    a, b = Value(1.0, label="a"), Value(0.5, label="b")
    out = chain(100_000, a, lambda x: x + b)  # b joins every step: its grad is 100,000
    assert out.data == 1.0 + 0.5 * 100_000
    out.backward()
    assert a.grad == 1.0
    assert b.grad == 100_000.0
    nodes, edges = trace(out)
    assert len(nodes) == 100_002 and len(edges) == 200_000
    assert nodes[0] is a and nodes[1] is b and nodes[-1] is out
    assert edges[0] == (a, nodes[2]) and edges[1] == (b, nodes[2]) and edges[-1][1] is out


@pytest.mark.slow
def test_100000_node_chain_draw_dot_source(no_gc):
    a, k = Value(1.0, label="a"), Value(1.00001, label="k")
    out = chain(100_000, a, lambda x: x * k)  # one factor k, shared by every step
    out.backward()
    assert a.grad == pytest.approx(1.00001**100_000, rel=1e-10)
    source = draw_dot(out, max_nodes=100_002).source
    assert len(re.findall(r"shape=M?record\b", source)) == 100_002
    assert source.count("shape=circle") == 100_000
    assert source.count("->") == 3 * 100_000  # two operand edges + op-to-result edge each
    assert "\tn100001 " in source and "n100002" not in source
    assert "a | data 1.0000 | grad 2.7183" in source
    with pytest.raises(ValueError, match="max_nodes=100001"):
        draw_dot(out, max_nodes=100_001)


@pytest.mark.slow
def test_million_node_chain_backward_is_fast(no_gc):
    a = Value(1.0, label="a")
    start = time.process_time()  # CPU time: other work on the machine does not count
    out = chain(1_000_000, a, lambda x: x * 1.000001)
    out.backward()
    elapsed = time.process_time() - start
    assert a.grad == pytest.approx(1.000001**1_000_000, rel=1e-9)
    assert a.grad == pytest.approx(math.e, rel=1e-6)
    assert out.data == a.grad  # d(a * k**n)/da = k**n, and a = 1
    assert elapsed < 10.0, f"1,000,000-node chain took {elapsed:.1f} s of CPU time"


@settings(max_examples=150)
@given(program=programs())
def test_topological_order_puts_children_before_parents(program):
    out, _vals = run(program, [Value(x) for x in program.leaves])
    order = topological_order(out)
    position = {id(node): k for k, node in enumerate(order)}
    assert len(position) == len(order)  # every node once
    assert order[-1] is out
    for node in order:
        for child in node.children:
            assert position[id(child)] < position[id(node)]
    # exactly the nodes that out depends on
    reachable, stack = {id(out)}, [out]
    while stack:
        for child in stack.pop().children:
            if id(child) not in reachable:
                reachable.add(id(child))
                stack.append(child)
    assert set(position) == reachable
    assert [id(n) for n in topological_order(out)] == [id(n) for n in order]  # deterministic


def test_topological_order_of_a_diamond():
    a = Value(1.0, label="a")
    b, c = a * 2, a + 3
    d = b * c
    assert [n.label or n.op or n.data for n in topological_order(d)] == [
        "a",
        2.0,
        "*",
        3.0,
        "+",
        "*",
    ]
