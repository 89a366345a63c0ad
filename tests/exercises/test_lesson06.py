"""Lesson 06 batteries: local derivatives, the two topological sorts, backward, an order by hand.

Each check gets the right answer in every accepted form, the typical wrong answers (each
with the words of its diagnosis) and garbage; every verdict is a Verdict, none raises.
"""

import numpy as np
import pytest
from timing import cpu_seconds
from verdicts import GARBAGE, Micro, course, forever, is_ok, is_todo, is_wrong, raises, stub

import autograd_lesson as ag
from autograd_lesson.exercises import (
    base,
    check_backward,
    check_local_grads,
    check_reverse_order,
    check_topo_recursive,
    check_topological_order,
    lesson06,
    solution,
)
from autograd_lesson.exercises.lesson06 import exercise_graph


def make_class(add=course.add, mul=course.mul):
    """The notebook's class, with the given __add__ and __mul__."""

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

    Value.__add__ = add
    Value.__mul__ = mul
    return Value


def op(kind, local):
    """An __add__/__mul__ whose local_grads are local(self, other)."""

    def method(self, other):
        cls = type(self)
        other = other if isinstance(other, cls) else cls(other)
        data = self.data + other.data if kind == "+" else self.data * other.data
        return cls(data, (self, other), kind, local_grads=local(self, other))

    return method


# ----- 06.1 local derivatives -----


@pytest.mark.parametrize(
    "cls",
    [
        make_class(),
        ag.Value,
        make_class(
            add=op("+", lambda s, o: (1, 1)), mul=op("*", lambda s, o: (np.float64(o.data), s.data))
        ),
    ],
    ids=["notebook class", "package Value", "ints and NumPy floats"],
)
def test_local_grads_right(cls):
    is_ok(check_local_grads(cls))


@pytest.mark.parametrize(
    "add, mul, words",
    [
        (
            None,
            op("*", lambda s, o: (s.data, o.data)),
            ["swapped", "OTHER factor", "(other.data, self.data)"],
        ),
        (op("+", lambda s, o: (0.0, 0.0)), None, ["both local derivatives are 1"]),
        (None, op("*", lambda s, o: (o, s)), ["stores a Value", "other.data, not the Value"]),
        (op("+", lambda s, o: ()), None, ["local_grads ()", "__add__"]),
        (None, op("*", lambda s, o: ()), ["local_grads ()", "__mul__"]),
        (None, op("*", lambda s, o: (1.0, 1.0)), ["rule for +"]),
        (op("+", lambda s, o: (o.data, s.data)), None, ["the rule for *"]),
        (op("+", lambda s, o: (1.0,)), None, ["1 local derivatives for 2 children"]),
        (op("+", lambda s, o: ("1", "1")), None, ["should be a number"]),
        (None, op("*", lambda s, o: (o.data + 1, s.data)), ["they should be"]),
    ],
)
def test_local_grads_typical_mistakes(add, mul, words):
    cls = make_class(add=add or course.add, mul=mul or course.mul)
    is_wrong(check_local_grads(cls), *words)


def test_local_grads_wrong_forward_value_and_children():
    def minus(self, other):
        other = other if isinstance(other, type(self)) else type(self)(other)
        return type(self)(self.data - other.data, (self, other), "+", local_grads=(1.0, 1.0))

    def no_children(self, other):
        other = other if isinstance(other, type(self)) else type(self)(other)
        return type(self)(self.data * other.data, (), "*", local_grads=(other.data, self.data))

    def plain(self, other):
        return 42.0

    is_wrong(
        check_local_grads(make_class(add=minus)), "the forward value is self.data + other.data"
    )
    is_wrong(check_local_grads(make_class(mul=no_children)), "among its children")
    is_wrong(check_local_grads(make_class(add=plain)), "not a Value")


def test_local_grads_garbage(short_limit):
    is_todo(check_local_grads(...))
    is_todo(check_local_grads(make_class(add=stub)))
    for thing in GARBAGE + [ag.Value(2.0), lambda a, b: a]:
        is_wrong(check_local_grads(thing), "pass your class itself")
    is_wrong(check_local_grads(make_class(mul=raises)), "raised ValueError: oops")
    is_wrong(check_local_grads(make_class(add=forever)), "did not finish within 0.5 s")
    is_wrong(check_local_grads(Micro), "no .local_grads")


# ----- 06.2 and 06.3 topological order -----


def parents_first(root):
    order, seen, stack = [], set(), [root]
    while stack:
        node = stack.pop()
        if id(node) not in seen:
            seen.add(id(node))
            order.append(node)
            stack.extend(reversed(node.children))
    return order[::-1]  # reversed, it looks right on a chain: output last


def no_visited_set(root):
    order = []

    def visit(node):
        for child in node.children:
            visit(child)
        order.append(node)

    visit(root)
    return order


def micro_topo(root):  # micrograd's, iterative, walking the set _prev
    order, done, stack = [], set(), [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if children_done:
            order.append(node)
        elif node not in done:
            done.add(node)
            stack.append((node, True))
            stack.extend((child, False) for child in node._prev if child not in done)
    return order


def leaves_only(root):
    return [n for n in course.topological_order(root) if not n.children]


@pytest.mark.parametrize("check", [check_topo_recursive, check_topological_order])
@pytest.mark.parametrize("cls", [None, make_class(), ag.Value])
def test_orders_right(check, cls):
    is_ok(check(course.topological_order, cls))
    is_ok(check(ag.topological_order, cls))
    is_ok(check(lambda root: tuple(course.topological_order(root)), cls))  # any sequence


def test_recursive_sort_passes_06_2_and_fails_06_3_on_the_deep_chain():
    is_ok(check_topo_recursive(lesson06.topo_recursive, make_class()))
    is_wrong(
        check_topological_order(lesson06.topo_recursive, make_class()),
        "a chain 6,000 operations deep",
        "recursion limit",
        "Use a loop",
    )


def test_micrograd_style_children_in_a_set_are_judged_correctly():
    for _ in range(5):  # a set's order changes from run to run; the verdict must not
        is_ok(check_topological_order(micro_topo, Micro))
        is_ok(check_topo_recursive(micro_topo, Micro))


@pytest.mark.parametrize("check", [check_topo_recursive, check_topological_order])
@pytest.mark.parametrize(
    "func, words",
    [
        (parents_first, ["comes before", "one of the nodes it is made from", "parents first"]),
        (no_visited_set, ["appears 2 times", "used by 2 operations", "a set"]),
        (lambda root: course.topological_order(root)[::-1], ["output first", "reverse"]),
        (lambda root: course.topological_order(root)[:-1], ["misses", "root included"]),
        (leaves_only, ["misses"]),
        (
            lambda root: [n.label for n in course.topological_order(root)],
            ["the text", "not their labels"],
        ),
        (
            lambda root: course.topological_order(root) + [ag.Value(1.0)],
            ["not a node of this graph"],
        ),
        (lambda root: None, ["returned None", "return order"]),
        (lambda root: 42, ["returned int 42"]),
        (lambda root: "abc", ["returned str 'abc'"]),
        (raises, ["raised ValueError: oops"]),
    ],
)
def test_orders_typical_mistakes(check, func, words):
    is_wrong(check(func, make_class()), *words)


def test_the_shared_inner_node_is_named_when_it_appears_twice():
    is_wrong(
        check_topological_order(no_visited_set, ag.Value),
        "(a·b)·(a·b + c)",
        "v1 = a * b appears 2 times",
    )


@pytest.mark.parametrize("check", [check_topo_recursive, check_topological_order])
def test_orders_garbage(check, short_limit):
    is_todo(check(...))
    is_todo(check(stub))
    is_todo(check(stub, make_class()))
    for thing in GARBAGE:
        is_wrong(check(thing), "expected a function")
    is_wrong(check(forever), "did not finish within 0.5 s")
    is_wrong(check(course.topological_order, "Value"), "pass your class itself")


# ----- 06.4 backward -----


def right(root):
    root.grad = 1.0
    for node in reversed(course.topological_order(root)):
        for child, local in zip(node.children, node.local_grads):
            child.grad += local * node.grad


def with_order(order_of, assign=False, seed=1.0):
    def backward(root):
        root.grad = seed
        for node in order_of(root):
            for child, local in zip(node.children, node.local_grads):
                if assign:
                    child.grad = local * node.grad
                else:
                    child.grad += local * node.grad

    return backward


def reversed_order(root):
    return list(reversed(course.topological_order(root)))


def value_in_grad(root):
    root.grad = 1.0
    for node in reversed(course.topological_order(root)):
        for child, local in zip(node.children, node.local_grads):
            child.grad += local * node  # node, not node.grad: a Value


def recursive(root):
    root.grad = 1.0

    def visit(node):
        for child, local in zip(node.children, node.local_grads):
            child.grad += local * node.grad
            visit(child)

    visit(root)


@pytest.mark.parametrize("cls", [None, make_class(), ag.Value])
def test_backward_right(cls):
    is_ok(check_backward(right, cls))
    is_ok(check_backward(course.backward, cls))


def test_the_packages_backward_method_passes():
    is_ok(check_backward(lambda root: root.backward(), ag.Value))
    is_ok(check_backward(lambda root: root.backward()))


@pytest.mark.parametrize(
    "func, words",
    [
        (
            with_order(reversed_order, assign=True),
            ["a·b is used twice", "ASSIGN", "where you should add"],
        ),
        (
            with_order(course.topological_order),
            ["L = (a·b + c)·f", "inputs first", "reversed(order)"],
        ),
        (
            with_order(lambda r: parents_first(r)[::-1]),
            ["parents first", "reversed(topological_order(root))"],
        ),
        (with_order(reversed_order, seed=0.0), ["still 0", "root.grad = 1.0"]),
        (with_order(reversed_order, seed=2.0), ["output's grad is 2", "root.grad = 1.0"]),
        (value_in_grad, ["is a Value", "not a number"]),
        (recursive, ["a·b is used twice"]),
        (lambda root: None, ["still 0", "root.grad = 1.0"]),
        (raises, ["raised ValueError: oops"]),
    ],
)
def test_backward_typical_mistakes(func, words):
    is_wrong(check_backward(func, make_class()), *words)


@pytest.mark.parametrize(
    "func, mistake",
    [
        (with_order(reversed_order, assign=True), "assigns-instead-of-adds"),
        (with_order(course.topological_order), "inputs-first"),
        (with_order(lambda r: parents_first(r)[::-1]), "parents-first"),
        (with_order(reversed_order, seed=0.0), None),  # a mistake the table does not name
    ],
)
def test_backward_names_its_typical_mistakes_for_the_class_view(func, mistake):
    verdict = check_backward(func, make_class())
    assert not verdict.ok and verdict.mistake == mistake


def test_a_recursive_backward_without_sort_fails_on_the_deep_chain():
    def recursive_sorted(root):  # right, but the sort is recursive
        root.grad = 1.0
        for node in reversed(lesson06.topo_recursive(root)):
            for child, local in zip(node.children, node.local_grads):
                child.grad += local * node.grad

    is_wrong(check_backward(recursive_sorted, make_class()), "6,000", "recursion limit")


def test_backward_that_stores_garbage_in_grad():
    def none_grad(root):
        right(root)
        root.children[0].grad = None

    is_wrong(check_backward(none_grad, make_class()), "NoneType None, not a number")


def test_backward_garbage(short_limit):
    is_todo(check_backward(...))
    is_todo(check_backward(stub, make_class()))
    for thing in GARBAGE:
        is_wrong(check_backward(thing), "expected a function")
    is_wrong(check_backward(forever), "did not finish within 0.5 s")
    is_wrong(check_backward(right, 3), "pass your class itself")


def test_checks_are_quick():
    start = cpu_seconds()
    check_backward(right, make_class())
    check_topological_order(course.topological_order, make_class())
    assert cpu_seconds() - start < 5


# ----- 06.5 an order by hand -----


@pytest.mark.parametrize(
    "order",
    [
        ["q", "z", "v", "u", "x", "y"],
        ["q", "v", "z", "u", "y", "x"],
        ["q", "v", "u", "x", "y", "z"],
        ("q", "v", "u", "y", "x", "z"),
        list(reversed(ag.topological_order(exercise_graph()))),  # Values count as their labels
    ],
)
def test_any_valid_order_is_accepted(order):
    is_ok(check_reverse_order(order))


@pytest.mark.parametrize(
    "order, words",
    [
        (["q", "v", "y", "u", "z", "x"], "y comes before u, but u is made from y"),
        (
            ["q", "x", "y", "z", "v", "u"],
            "x comes before u, but u is made from x",
        ),  # the notebook's demo
        (["v", "q", "u", "x", "y", "z"], "v comes before q"),
        (["x", "y", "u", "v", "z", "q"], "forward (topological) order"),
        (["q", "v", "u"], "missing x, y, z"),
        (["q", "q", "v", "u", "x", "y", "z"], "more than once"),
        (["q", "v", "u", "x", "y", "w"], "'w' is not a node"),
        (["Q", "V", "U", "X", "Y", "Z"], "'Q' is not a node"),
        ("qvuxyz", "expected a list"),
        (42, "expected a list"),
        (["q", "v", "u", "x", "y", 3], "is not a node name"),
    ],
)
def test_wrong_orders_are_diagnosed(order, words):
    is_wrong(check_reverse_order(order), words)


def test_an_order_verdict_names_the_rule_not_the_fix():
    message = check_reverse_order(["q", "v", "y", "u", "z", "x"]).message
    assert "after ALL the nodes that use it" in message and "Put" not in message


def test_order_garbage():
    is_todo(check_reverse_order(...))
    for thing in GARBAGE + [{"q": 1}]:
        is_wrong(check_reverse_order(thing), "expected a list")


def test_solutions_registered_with_code():
    for key in ("06.1", "06.2", "06.3", "06.4", "06.5"):
        assert base.solution_code(key), key
    assert "local_grads=(other.data, self.data)" in solution("06.1").data
    assert "child.grad += local * node.grad" in solution("06.4").data
    assert '["q", "z", "v", "u", "x", "y"]' in solution("06.5").data


# ----- answers that change the graph they are given, or store the wrong kind of thing -----


def then(method, change):
    """An __add__/__mul__ like `method` whose result is changed by `change(result)`."""

    def changed(self, other):
        result = method(self, other)
        change(result)
        return result

    return changed


def set_children(order_of_children):
    return lambda r: setattr(r, "children", order_of_children(r.children))


@pytest.mark.parametrize(
    "add, mul, words",
    [
        (then(course.add, set_children(lambda c: c[::-1])), None, ["swapped, (c, v1)"]),
        (None, then(course.mul, set_children(lambda c: c[::-1])), ["swapped, (b, a)"]),
        (None, then(course.mul, set_children(iter)), ["an iterator", "used up"]),
        (None, then(course.mul, set_children(set)), ["in a set", "no order"]),
        (
            None,
            then(course.mul, lambda r: setattr(r, "local_grads", iter(r.local_grads))),
            ["local_grads a tuple_iterator object", "used up", "tuple of numbers"],
        ),
        (
            then(course.add, lambda r: setattr(r, "local_grads", map(float, r.local_grads))),
            None,
            ["local_grads a map object", "tuple of numbers"],
        ),
    ],
)
def test_local_grads_children_exactly_self_and_other(add, mul, words):
    cls = make_class(add=add or course.add, mul=mul or course.mul)
    is_wrong(check_local_grads(cls), *words)


def test_local_grads_add_with_self_listed_twice():
    def add(self, other):  # the review's answer: a's gradient would double
        other = other if isinstance(other, type(self)) else type(self)(other)
        return type(self)(self.data + other.data, (self, other, self), "+", local_grads=(1, 1, 1))

    is_wrong(
        check_local_grads(make_class(add=add)),
        "v2 = v1 + c has 3 children, (v1, c, v1)",
        "exactly the two operands, (self, other), in that order",
        "listed twice",
    )


def test_local_grads_number_left_out_of_the_children():
    def add(self, other):
        if not isinstance(other, type(self)):
            return type(self)(self.data + other, (self, self), "+", local_grads=(1.0, 1.0))
        return course.add(self, other)

    is_wrong(check_local_grads(make_class(add=add)), "v8 = v7 + 0.5", "a Value holding 0.5")


def test_local_grads_lists_are_fine():
    def lists(method):
        def changed(self, other):
            result = method(self, other)
            result.children, result.local_grads = list(result.children), list(result.local_grads)
            return result

        return changed

    is_ok(check_local_grads(make_class(add=lists(course.add), mul=lists(course.mul))))


def emptied(root):
    root.children = ()
    return [root]


def right_then(change):
    """A right order (or backward, or any function of root) that then runs `change(root)`."""

    def func(root):
        order = course.topological_order(root)
        change(root)
        return order

    return func


def clear_all(root):
    for node in course.topological_order(root):
        node.children = ()


@pytest.mark.parametrize("check", [check_topo_recursive, check_topological_order])
@pytest.mark.parametrize(
    "func, words",
    [
        (emptied, ["changed the graph", "v3.children was () instead of (v2, d)", "only reads"]),
        (right_then(clear_all), ["changed the graph", "v3.children was ()"]),
        (
            right_then(lambda r: setattr(r, "data", 1.0)),
            ["v3.data was 1.0 instead of -8.0"],
        ),
        (right_then(lambda r: setattr(r, "op", "-")), ["v3.op was '-' instead of '*'"]),
        (right_then(lambda r: delattr(r, "children")), ["v3.children was gone (deleted)"]),
    ],
)
def test_orders_that_change_the_graph(check, func, words):
    is_wrong(check(func, make_class()), *words)


def test_micrograd_style_order_that_empties_prev():
    def func(root):
        order = micro_topo(root)
        for node in order:
            node._prev = set()
        return order

    is_wrong(check_topological_order(func, Micro), "changed the graph", "v3._prev was set()")


def test_an_order_that_copies_children_is_still_right():
    def func(root):
        order = course.topological_order(root)
        for node in order:
            node.children = list(node.children)
        return order

    is_ok(check_topological_order(func, make_class()))


def then_backward(change):
    def backward(root):
        right(root)
        change(root)

    return backward


def every_grad(to):
    def change(root):
        for node in course.topological_order(root):
            node.grad = to(node.grad)

    return change


@pytest.mark.parametrize(
    "func, words",
    [
        (then_backward(every_grad(str)), ["a.grad is the text '6.0'", "without quotes"]),
        (
            then_backward(lambda r: setattr(r, "grad", str(r.grad))),
            ["v3.grad is the text '1.0'", "root.grad = 1.0"],
        ),
        (
            then_backward(lambda r: setattr(r, "grad", True)),
            ["v3.grad is True, a yes/no value", "root.grad = 1.0"],
        ),
        (
            then_backward(lambda r: setattr(r.children[1], "grad", np.True_)),
            ["d.grad is", "a yes/no value"],
        ),
        (
            then_backward(lambda r: setattr(r, "local_grads", ())),
            ["your backward changed the graph", "v3.local_grads was () instead of (-2.0, 4.0)"],
        ),
        (
            then_backward(clear_all),
            ["changed the graph", "v3.children was ()", "only fills in .grad"],
        ),
    ],
)
def test_backward_stores_the_wrong_kind_or_changes_the_graph(func, words):
    is_wrong(check_backward(func, make_class()), *words)
