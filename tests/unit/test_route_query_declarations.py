"""Every query parameter a view reads is declared on its route (so the OpenAPI document lists it
and the route accepts it), and nothing is declared that no view reads.

Read from the route modules' source: the query helpers of chalicelib/query.py name the parameter
they read as a literal (or by their default), and a view's module-level helpers count as the view.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CHALICELIB = Path(__file__).resolve().parents[2] / "functions" / "api" / "chalicelib"
NAMED = {"query_param": 1, "calendar_date_param": 1, "date_param": 1, "month_param": 1, "optional_date": 1,
         "one_of": 1}
DEFAULTS = {"date_param": "date", "month_param": "month", "quarter": "quarter"}
PAGING = ("limit", "next_token")


def _literal(call: ast.Call, position: int) -> str | None:
    if len(call.args) > position and isinstance(call.args[position], ast.Constant):
        return call.args[position].value
    return None


def _names_in(node: ast.AST, helpers: dict[str, ast.FunctionDef], seen: set[str]) -> set[str]:
    found: set[str] = set()
    for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
        func = call.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name in NAMED:
            found.add(_literal(call, NAMED[name]) or DEFAULTS.get(name))
        elif name in DEFAULTS:
            found.add(DEFAULTS[name])
        elif name in ("page_params", "page_of"):
            found.update(PAGING)
        elif name == "get" and isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) \
                and func.value.id == "query" and _literal(call, 0):
            found.add(_literal(call, 0))
        elif name in helpers and name not in seen:
            found |= _names_in(helpers[name], helpers, seen | {name})
    found.discard(None)
    return found


def _declared(decorator: ast.Call) -> set[str]:
    for keyword in decorator.keywords:
        if keyword.arg == "query":
            return {element.value for element in keyword.value.elts}
    return set()


def _text(node: ast.AST, constants: dict[str, str]) -> str:
    """A route path as written: a literal, a module constant, or constants joined with +."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return constants[node.id]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _text(node.left, constants) + _text(node.right, constants)
    raise ValueError(ast.dump(node))


def _views() -> list[tuple[str, str, set[str], set[str]]]:
    views = []
    for path in sorted(CHALICELIB.glob("*_routes.py")):
        tree = ast.parse(path.read_text())
        constants = {t.id: n.value.value for n in tree.body if isinstance(n, ast.Assign)
                     and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)
                     for t in n.targets if isinstance(t, ast.Name)}
        helpers = {f.name: f for f in tree.body if isinstance(f, ast.FunctionDef)}
        for function in helpers.values():
            for decorator in function.decorator_list:
                if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", "") == "api_route":
                    route = f"{decorator.args[2].value} {_text(decorator.args[1], constants)}"
                    views.append((path.name, route, _names_in(function, helpers, {function.name}),
                                  _declared(decorator)))
    return views


VIEWS = _views()


def test_the_route_modules_were_read():
    assert len(VIEWS) > 40
    assert any(read for _, _, read, _ in VIEWS)


@pytest.mark.parametrize(("module", "route", "read", "declared"), VIEWS, ids=[v[1] for v in VIEWS])
def test_a_view_reads_exactly_the_query_parameters_it_declares(module, route, read, declared):
    assert read == declared, f"{module}: {route} reads {sorted(read)} but declares {sorted(declared)}"
