"""Lesson 03 batteries: __add__ (03.1), __mul__ (03.2), my_trace (03.3), the neuron sum (03.4)."""

import numpy as np
import pytest
from verdicts import GARBAGE, Micro, is_ok, is_todo, is_wrong

import autograd_lesson as ag
from autograd_lesson.exercises import check_add, check_mul, check_neuron_sum, check_trace, solution
from autograd_lesson.exercises.base import solution_code


def make_class(add=None, mul=None):
    """A fresh copy of the notebook's given class, with `add`/`mul` as its methods."""

    class Value:
        def __init__(self, data, children=(), op="", label=""):
            self.data = float(data)
            self.grad = 0.0
            self.children = tuple(children)
            self.op = op
            self.label = label

        def __repr__(self):
            label = f", label={self.label!r}" if self.label else ""
            return f"Value(data={self.data!r}, grad={self.grad!r}{label})"

        def __radd__(self, other):
            return Value(other) + self

        def __rmul__(self, other):
            return Value(other) * self

    def stub(self, other):
        raise NotImplementedError

    Value.__add__ = add or stub
    Value.__mul__ = mul or stub
    Value.wrap = staticmethod(lambda o: o if isinstance(o, Value) else Value(o))
    return Value


def good_add(self, other):
    other = type(self).wrap(other)
    return type(self)(self.data + other.data, (self, other), "+")


def good_mul(self, other):
    other = type(self).wrap(other)
    return type(self)(self.data * other.data, (self, other), "*")


def variant(kind, **change):
    """A method like good_add/good_mul with one slip."""

    def method(self, other):
        other = self.wrap(other) if not change.get("nowrap") else other
        o = other.data if hasattr(other, "data") else other
        data = {"+": self.data + o, "*": self.data * o}[change.get("compute", kind)]
        if change.get("float"):
            return data
        if change.get("mutate"):
            self.data = data
            return self
        children = (other, self) if change.get("swap") else (self, other)
        if change.get("copy"):
            children = (type(self)(self.data), other)
        return type(self)(data, children, change.get("op", kind))

    return method


# ----- 03.1 __add__ -----


def test_add_right_answers():
    for add in (good_add, variant("+")):
        verdict = check_add(make_class(add=add))
        assert verdict.ok and "operand order" in verdict.message


def test_add_passes_without_mul_written():
    assert check_add(make_class(add=good_add, mul=None)).ok


@pytest.mark.parametrize(
    "change, words",
    [
        ({"float": True}, ["returned the plain number -1", "not a Value"]),
        ({"nowrap": True}, ["plain number 0.5", "wrap it first"]),
        ({"swap": True}, ["swapped", "(self, other)"]),
        ({"op": "add"}, ["op 'add'", "'+'"]),
        ({"op": "*"}, ["name of the other operation"]),
        ({"compute": "*"}, ["multiply result", "uses * where it should add"]),
        ({"mutate": True}, ["changed one of its operands"]),
        ({"copy": True}, ["the same objects"]),
    ],
)
def test_add_typical_mistakes(change, words):
    is_wrong(check_add(make_class(add=variant("+", **change))), *words)


def test_add_stub_and_slip_verdicts_do_not_give_the_answer():
    # the notebook stores both verdicts above exercise 03.1
    for verdict in (check_add(make_class()), check_add(make_class(add=variant("+", float=True)))):
        assert "remembers its children and its op" in verdict.message, verdict.message
        for code in (
            "self.data + other.data",
            "(self, other), '+'",
            '(self, other), "+"',
            "<the number>",
        ):
            assert code not in verdict.message, verdict.message


def test_add_forgot_to_wrap_numbers_raises_in_the_method():
    def add(self, other):  # other.data fails on a plain number
        return type(self)(self.data + other.data, (self, other), "+")

    is_wrong(check_add(make_class(add=add)), "a + 0.5", "raised AttributeError")


def test_add_forgot_return_and_wrong_class():
    def no_return(self, other):
        self.data + 1

    is_wrong(check_add(make_class(add=no_return)), "does not `return`")

    def package_value(self, other):
        return ag.Value(self.data + other.data)

    is_wrong(check_add(make_class(add=package_value)), "not a Value of your class")


def test_add_right_on_its_own_wrong_in_a_graph():
    def add(self, other):  # wrong only when an operand is used twice
        other = type(self).wrap(other)
        data = self.data + other.data if other is not self else self.data
        return type(self)(data, (self, other), "+")

    is_wrong(check_add(make_class(add=add)), "on the test graph a + a", "v1 = a + a", "__add__")


def test_add_garbage(short_limit):
    is_todo(check_add(...))
    is_todo(check_add(make_class()))
    for garbage, words in [
        (None, "expected your class"),
        ("Value", "expected your class"),
        (42, "expected your class"),
        (True, "expected your class"),
        (np.array([1.0, 2.0]), "expected your class"),
        (10**400, "expected"),
        (float("nan"), "expected"),
        (1 + 0j, "expected"),
        (object(), "expected"),
        (ag.Value, "package's Value"),
        (ag.Value(1.0), "class itself"),
    ]:
        is_wrong(check_add(garbage), words)

    def raises(self, other):
        raise ValueError("boom")

    def forever(self, other):
        while True:
            pass

    def garbage(self, other):
        return "sum"

    is_wrong(check_add(make_class(add=raises)), "raised ValueError: boom")
    is_wrong(check_add(make_class(add=forever)), "did not finish")
    is_wrong(check_add(make_class(add=garbage)), "returned str 'sum'")

    def nan_data(self, other):
        return type(self)(float("nan"), (self, type(self).wrap(other)), "+")

    is_wrong(check_add(make_class(add=nan_data)), "should be the number -1")


# ----- 03.2 __mul__ -----


def test_mul_right_answer():
    verdict = check_mul(make_class(add=good_add, mul=good_mul))
    assert verdict.ok and "shared inner node" in verdict.message


@pytest.mark.parametrize(
    "change, words",
    [
        ({"float": True}, ["returned the plain number -6"]),
        ({"nowrap": True}, ["plain number 0.5", "wrap it first"]),
        ({"swap": True}, ["swapped"]),
        ({"op": "x"}, ["op 'x'"]),
        ({"op": "+"}, ["name of the other operation"]),
        ({"compute": "+"}, ["uses + where it should multiply"]),
        ({"mutate": True}, ["changed one of its operands"]),
    ],
)
def test_mul_typical_mistakes(change, words):
    is_wrong(check_mul(make_class(add=good_add, mul=variant("*", **change))), *words)


def test_mul_with_add_still_a_stub_or_wrong():
    is_wrong(
        check_mul(make_class(add=None, mul=good_mul)),
        "__add__ (exercise 03.1)",
        "NotImplementedError",
    )
    is_wrong(
        check_mul(make_class(add=variant("+", compute="*"), mul=good_mul)),
        "on the test graph",
        "your __add__ (exercise 03.1)",
    )


def test_mul_garbage(short_limit):
    is_todo(check_mul(...))
    is_todo(check_mul(make_class(add=good_add)))
    for garbage in (None, "Value", 3, object(), np.bool_(True)):
        is_wrong(check_mul(garbage), "expected your class")

    def forever(self, other):
        while True:
            pass

    is_wrong(check_mul(make_class(add=good_add, mul=forever)), "did not finish")


# ----- 03.3 my_trace -----


def recursive_trace(root):
    nodes, seen = [], set()

    def visit(v):
        if id(v) not in seen:
            seen.add(id(v))
            for child in v.children:
                visit(child)
            nodes.append(v)

    visit(root)
    return nodes, [(child, v) for v in nodes for child in v.children]


def test_trace_right_answers():
    assert check_trace(ag.trace).ok
    assert check_trace(recursive_trace).ok

    def reversed_children(root):  # another valid order, tuples, edges listed per parent
        nodes, seen = [], set()

        def visit(v):
            if id(v) not in seen:
                seen.add(id(v))
                for child in reversed(v.children):
                    visit(child)
                nodes.append(v)

        visit(root)
        return tuple(nodes), tuple((c, v) for v in reversed(nodes) for c in v.children)

    assert check_trace(reversed_children).ok


def without_visited(root):
    nodes = []

    def visit(v):
        for child in v.children:
            visit(child)
        nodes.append(v)

    visit(root)
    return nodes, [(c, v) for v in nodes for c in v.children]


@pytest.mark.parametrize(
    "trace, words",
    [
        (without_visited, ["times", "remember which nodes you have visited"]),
        (lambda r: (ag.trace(r)[0][:-1], ag.trace(r)[1]), ["miss", "the root and the inputs too"]),
        (lambda r: (ag.trace(r)[0][1:], ag.trace(r)[1]), ["miss the input a"]),
        (lambda r: (ag.trace(r)[0][::-1], ag.trace(r)[1]), ["comes before its child"]),
        (
            lambda r: (ag.trace(r)[0], [(p, c) for c, p in ag.trace(r)[1]]),
            ["wrong way: (parent, child)"],
        ),
        (lambda r: (ag.trace(r)[0], ag.trace(r)[1][1:]), ["is missing"]),
        (
            lambda r: (ag.trace(r)[0], ag.trace(r)[1] + ag.trace(r)[1][:1]),
            ["in your edges 2 times"],
        ),
        (
            lambda r: (ag.trace(r)[0], list(set(ag.trace(r)[1]))),
            ["a + a", "one per operand", "use a list"],
        ),
        (lambda r: (set(ag.trace(r)[0]), ag.trace(r)[1]), ["set", "no order"]),
        (lambda r: ([v.label for v in ag.trace(r)[0]], ag.trace(r)[1]), ["not their labels"]),
        (
            lambda r: (ag.trace(r)[0] + [ag.Value(1.0)], ag.trace(r)[1]),
            ["not a value of this graph"],
        ),
        (lambda r: ag.trace(r)[0], ["two things"]),
        (lambda r: None, ["forget to `return"]),
        (lambda r: (ag.trace(r)[0], [(1, 2, 3)]), ["pair (child, parent)"]),
    ],
)
def test_trace_typical_mistakes(trace, words):
    is_wrong(check_trace(trace), *words)


def test_trace_one_edge_the_wrong_way():
    def trace(root):
        nodes, edges = ag.trace(root)
        return nodes, [(edges[0][1], edges[0][0])] + edges[1:]

    is_wrong(check_trace(trace), "is the wrong way round")


def test_trace_garbage(short_limit):
    def stub(root):
        raise NotImplementedError

    def forever(root):
        while True:
            pass

    def raises(root):
        return root.parents

    is_todo(check_trace(...))
    is_todo(check_trace(stub))
    is_wrong(check_trace(forever), "did not finish")
    is_wrong(check_trace(raises), "raised AttributeError")
    for garbage in (None, "trace", 1.0, object(), np.array([1.0, 2.0])):
        is_wrong(check_trace(garbage), "expected a function")
    is_wrong(check_trace(lambda r: 10**400), "two things")
    is_wrong(check_trace(lambda r: "ab"), "two things")


# ----- 03.4 the neuron sum -----


def inputs(cls=ag.Value):
    return [cls(v, label=n) for v, n in zip((2.0, -3.0, 0.0, 1.0), ("x1", "w1", "x2", "w2"))]


@pytest.mark.parametrize(
    "build",
    [
        lambda x1, w1, x2, w2: x1 * w1 + x2 * w2,
        lambda x1, w1, x2, w2: w1 * x1 + x2 * w2,  # either operand order is fine
        lambda x1, w1, x2, w2: x2 * w2 + w1 * x1,
        lambda x1, w1, x2, w2: w2 * x2 + x1 * w1,
    ],
)
def test_neuron_sum_right_answers(build):
    assert check_neuron_sum(build(*inputs())).ok
    assert check_neuron_sum(build(*inputs(make_class(good_add, good_mul)))).ok


def test_neuron_sum_suggests_labels():
    V = make_class(good_add, good_mul)
    x1, w1, x2, w2 = (V(v) for v in (2.0, -3.0, 0.0, 1.0))
    verdict = check_neuron_sum(x1 * w1 + x2 * w2)
    assert verdict.ok and "label the inputs" in verdict.message


@pytest.mark.parametrize(
    "build, words",
    [
        (lambda x1, w1, x2, w2: x1 * w1 + x2 * 1.0, "in its place is another Value holding 1"),
        (lambda x1, w1, x2, w2: ag.Value(-6.0) + x2 * w2, "do not type its number in"),
        (
            lambda x1, w1, x2, w2: x1 * w1 - x2 * w2,
            "should be made by '+', but yours was made by '-'",
        ),
        (lambda x1, w1, x2, w2: ag.Value(3.0) * w1 + x2 * w2, "should hold 2, but holds 3"),
        (lambda x1, w1, x2, w2: x1 * w1 * x2 + x2 * w2, "should be one of the four input Values"),
        (lambda x1, w1, x2, w2: x1 * x2 + w1 * w2, "should hold"),
        (
            lambda x1, w1, x2, w2: (x1 + w1) * (x2 + w2),
            "should be made by '+', but yours was made by '*'",
        ),
    ],
)
def test_neuron_sum_wrong_graphs(build, words):
    is_wrong(check_neuron_sum(build(*inputs())), words)


def test_neuron_sum_garbage():
    is_todo(check_neuron_sum(...))
    is_wrong(check_neuron_sum(-6.0), "the number -6, not a Value")
    is_wrong(check_neuron_sum(np.float64(-6.0)), "the number -6, not a Value")
    for garbage in [*GARBAGE, "n", lambda: 1]:
        is_wrong(check_neuron_sum(garbage), "expected the output Value n")


def test_solutions_registered_with_code():
    for key in ("03.1", "03.2", "03.3", "03.4"):
        assert solution_code(key) and "check_" in solution_code(key)
    assert "operand" in solution("03.3").data


# ----- answers that cheat the reading of the graph, or hand it the wrong kind of thing -----


def with_result(change, method=good_add):
    """good_add (or `method`) whose result is changed by `change(result)` before it returns."""

    def method_changed(self, other):
        result = method(self, other)
        change(result)
        return result

    return method_changed


class AlwaysEqual(str):
    def __eq__(self, other):
        return True

    __hash__ = str.__hash__


@pytest.mark.parametrize(
    "change, words",
    [
        (
            lambda r: setattr(r, "children", iter(r.children)),
            ["a tuple_iterator object, an iterator", "read only once", "(self, other)"],
        ),
        (lambda r: setattr(r, "op", AlwaysEqual("-")), ["op AlwaysEqual '-'", "plain string '+'"]),
        (lambda r: setattr(r, "data", str(r.data)), ["str '-1.0'", "should be the number -1"]),
        (lambda r: setattr(r, "data", True), ["bool True", "should be the number -1"]),
    ],
)
def test_add_results_of_the_wrong_kind(change, words):
    is_wrong(check_add(make_class(add=with_result(change))), *words)


def test_add_children_as_a_list_still_pass():
    is_ok(
        check_add(make_class(add=with_result(lambda r: setattr(r, "children", list(r.children)))))
    )


def emptying(root):
    """A trace that finds every node, then empties every .children: no edges left to list."""
    nodes, _ = ag.trace(root)
    for v in nodes:
        v.children = ()
    return nodes, []


@pytest.mark.parametrize(
    "trace, words",
    [
        (emptying, ["L = (a·b + c)·f", "your my_trace changed the graph", "v3.children was ()"]),
        (
            lambda r: (setattr(r, "children", r.children[:1]), ag.trace(r))[1],
            ["changed the graph", "v3.children was (v2,) instead of (v2, d)"],
        ),
        (
            lambda r: (ag.trace(r), setattr(r, "data", 0.0))[0],
            ["v3.data was 0.0 instead of -8.0", "only reads the graph"],
        ),
    ],
)
def test_trace_that_changes_the_graph(trace, words):
    is_wrong(check_trace(trace), *words)


@pytest.mark.parametrize(
    "edge",
    [lambda c, v: (c.label, v.label), lambda c, v: (id(c), id(v)), lambda c, v: (c, v.label)],
    ids=["labels", "ids", "a Value and a label"],
)
def test_trace_edges_of_names_not_values(edge):
    def trace(root):
        nodes, edges = ag.trace(root)
        return nodes, [edge(c, v) for c, v in edges]

    is_wrong(check_trace(trace), "pairs of Values, (child, parent)", "not their labels or names")


def test_trace_with_edges_of_strangers_names_them():
    def trace(root):
        nodes, edges = ag.trace(root)
        return nodes, edges[:-1] + [(ag.Value(1.0), root)]

    is_wrong(check_trace(trace), "not an edge of the graph: (Value Value(data=1.0")


def test_neuron_sum_names_an_input_that_is_a_wrapped_number():
    V = make_class(good_add, good_mul)
    x1, w1 = V(2.0, label="x1"), V(-3.0, label="w1")
    x2, w2 = V(0.0, label="x2"), V(1.0, label="w2")
    is_wrong(check_neuron_sum(x1 * w1 + x2 * 1.0), "w2 is not in your graph", "w2 itself")
    is_wrong(check_neuron_sum(x1 * w1 + 0 * w2), "x2 is not in your graph", "x2 itself")
    is_wrong(check_neuron_sum(V(2.0) * w1 + x2 * w2), "x1 is not in your graph")
    is_ok(check_neuron_sum(x1 * w1 + x2 * w2))
    is_ok(check_neuron_sum(w2 * x2 + w1 * x1))


def test_neuron_sum_without_the_inputs_at_hand_goes_by_labels():
    # called where no x1, w1, x2, w2 exist: the unlabelled leaf among labelled ones is the number
    V = make_class(good_add, good_mul)
    for build, words in [
        (lambda x1, w1, x2, w2: x1 * w1 + x2 * 1.0, "w2 is not in your graph"),
        (lambda x1, w1, x2, w2: x1 * w1 + 0 * w2, "x2 is not in your graph"),
    ]:
        is_wrong(check_neuron_sum(build(*inputs(V))), words)
    unlabelled = [V(v) for v in (2.0, -3.0, 0.0, 1.0)]  # nothing to go by: right, with the tip
    verdict = check_neuron_sum(unlabelled[0] * unlabelled[1] + unlabelled[2] * unlabelled[3])
    assert verdict.ok and "label the inputs" in verdict.message


def test_neuron_sum_micrograd_style():
    x1, w1 = Micro(2.0, label="x1"), Micro(-3.0, label="w1")
    x2, w2 = Micro(0.0, label="x2"), Micro(1.0, label="w2")
    for _ in range(3):  # a set's order changes from run to run; the verdict must not
        is_ok(check_neuron_sum(x1 * w1 + x2 * w2))
        is_wrong(check_neuron_sum(x1 * w1 + x2 * 1.0), "w2 is not in your graph")
