"""The services and models a route module uses, loaded at the first call that needs them.

Why: the API is one Lambda for about a hundred routes. Importing every route's services, stores,
domain rules and pydantic contracts at a cold start cost about 0.3 s of our own code on top of
the libraries (bench/coldstart.py), and any one request needs a few of them. Route modules
therefore import eagerly only what every request needs (chalice, the token check, the error map,
the permission names) and name the rest with `deferred` / `deferred_module`: the first request
of a route group loads its own services, later requests find them in `sys.modules`.

A deferred name is looked up on every use, never cached here, so it behaves like `module.name`
(a test that patches the service module is seen by the route). It stands for something that is
called or whose attributes are read: functions, classes (models) and modules. Constants used
with operators (`in`, iteration) and exception classes caught in `except` must stay ordinary
imports: Python looks those up on the type and would not reach the deferred target.
The structure test reads these names as imports, so the layer rules still hold for them.
"""

from __future__ import annotations

import importlib
from typing import Any


class Deferred:
    """Stands for `module.name` (the module itself when `name` is None) until it is used."""

    __slots__ = ("_module", "_name")

    def __init__(self, module: str, name: str | None = None):
        self._module = module
        self._name = name

    def _target(self) -> Any:
        module = importlib.import_module(self._module)  # after the first time: a sys.modules lookup
        return module if self._name is None else getattr(module, self._name)

    def __call__(self, *args, **kwargs):
        return self._target()(*args, **kwargs)

    def __getattr__(self, attribute: str):
        return getattr(self._target(), attribute)

    def __repr__(self) -> str:
        return f"deferred({self._module!r}{'' if self._name is None else ', ' + repr(self._name)})"


def deferred(module: str, *names: str) -> Any:
    """`a, b = deferred("pkg.mod", "a", "b")` in place of `from pkg.mod import a, b`."""
    found = tuple(Deferred(module, name) for name in names)
    return found[0] if len(found) == 1 else found


def deferred_module(module: str) -> Any:
    """`mod = deferred_module("pkg.mod")` in place of `from pkg import mod`."""
    return Deferred(module)


def loaded(value: Any) -> Any:
    """The object a deferred name stands for (anything else unchanged)."""
    return value._target() if isinstance(value, Deferred) else value


def deferred_calls(source: str) -> list[tuple[str, tuple[str, ...]]]:
    """(module, names) of every `deferred(...)` / `deferred_module(...)` call in a module's source, names
    empty for a module: how the structure test, the name check and bench/coldstart.py read them."""
    import ast  # only those readers need it, never a request

    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("deferred", "deferred_module"):
            module, *names = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            found.append((module, tuple(names)))
    return found
