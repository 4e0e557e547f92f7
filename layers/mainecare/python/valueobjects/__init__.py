"""Value objects and records: dataclasses at a fifth of their import cost.

`@value_object` (or `@value_object(slots=True)`) makes a dataclass whose instances are frozen and
compared by value, as `@dataclass(frozen=True)` does; `@record` makes a mutable one, as `@dataclass`
does, for the things a use case fills in as it goes (an ingest outcome, a 999 report). With either,
`dataclasses.fields`, `replace`, `asdict`, slots, pickling and `match` work as on any dataclass, and
a value object refuses assignment with `FrozenInstanceError`.

What differs is how they are built. `dataclass` writes and compiles up to six methods per class
(`__init__`, `__repr__`, `__eq__`, `__hash__`, and for frozen classes `__setattr__`, `__delattr__`)
through its general code generator; that is most of the ~1.5 ms each class costs at import, and a
Lambda's cold start pays it for every record type it loads (edi_ingest: about 95). Here dataclasses
only collects the fields; the frozen guards, equality, hashing and repr are shared functions reading
per-class tuples of field names, with the dataclass rules: compare and hash over the fields with
compare=True (hash=None follows compare), repr over repr=True, equality only between instances of
the same class; eq=False leaves identity; a record compared by value is unhashable, as a mutable
dataclass is. The initializer is the one method compiled per class, from a short template (it runs
a little faster than dataclass's), and it is compiled at the class's first construction: a cold
start compiles only the record types it builds (importing edi_ingest builds 14 of its 95), and
until then `inspect.signature` shows the shared `(*args, **kwargs)`.

Because dataclasses is asked for fields only, `__dataclass_params__` reports init/repr/eq/frozen as
False, and a subclass must be built the same way (a `@dataclass` subclass of a value object would
generate an initializer that assigns through the frozen guard).

A class without a docstring gets its name as one: dataclass would otherwise render its signature
with inspect for the docstring, another import-time cost nobody reads.

General, like x12: it imports nothing of MaineCare, so both packages use it.
"""

from __future__ import annotations

import dataclasses
from operator import attrgetter

__all__ = ["record", "value_object"]


def value_object(cls=None, /, *, slots: bool = False, kw_only: bool = False, match_args: bool = True,
                 eq: bool = True):
    """`@dataclass(frozen=True)`, built cheaply (module docstring)."""
    return _decorate(cls, frozen=True, slots=slots, kw_only=kw_only, match_args=match_args, eq=eq)


def record(cls=None, /, *, slots: bool = False, kw_only: bool = False, match_args: bool = True, eq: bool = True):
    """`@dataclass`, built cheaply (module docstring): mutable, unhashable when compared by value."""
    return _decorate(cls, frozen=False, slots=slots, kw_only=kw_only, match_args=match_args, eq=eq)


def _decorate(cls, **options):
    def build(target: type) -> type:
        return _build(target, **options)

    return build if cls is None else build(cls)


def _build(target: type, *, frozen: bool, slots: bool, kw_only: bool, match_args: bool, eq: bool) -> type:
    if not target.__dict__.get("__doc__"):
        target.__doc__ = target.__name__
    own = dict(target.__dict__)
    made = dataclasses.dataclass(target, init=False, repr=False, eq=False, frozen=False, slots=slots,
                                 kw_only=kw_only, match_args=match_args)
    if "__init__" not in own:  # a body's own initializer stays, as with dataclass
        made.__init__ = _compile_on_first_use
    made.__value_object_frozen__ = frozen
    if frozen:
        made.__setattr__ = _refuse_assignment
        made.__delattr__ = _refuse_deletion
        if slots:  # what dataclass gives a frozen slotted class, so copy and pickle restore past the guards
            made.__getstate__ = _field_values
            made.__setstate__ = _restore_field_values
    _share_value_methods(made, own, eq=eq, frozen=frozen)
    return made


_set = object.__setattr__
_MISSING = dataclasses.MISSING


def _initializer(cls: type, frozen: bool):
    """The dataclass initializer: parameters in field order (keyword-only last), defaults and default
    factories, fields with init=False set from their default, then __post_init__. A frozen class sets
    its fields past its guard, as dataclass does; a mutable one assigns them."""
    namespace = {"__vo_set": _set, "__vo_missing": _MISSING}
    positional, keyword, body = [], [], []
    for f in dataclasses.fields(cls):
        default_name, factory_name = f"__vo_default_{f.name}", f"__vo_factory_{f.name}"
        if f.default is not _MISSING:
            namespace[default_name] = f.default
            parameter, value = f"{f.name}={default_name}", f.name if f.init else default_name
        elif f.default_factory is not _MISSING:
            namespace[factory_name] = f.default_factory
            parameter = f"{f.name}=__vo_missing"
            value = f"{factory_name}() if {f.name} is __vo_missing else {f.name}" if f.init else f"{factory_name}()"
        elif f.init:
            parameter = value = f.name
        else:
            continue  # init=False and no default: left unset, as dataclass leaves it
        if f.init:
            (keyword if f.kw_only else positional).append(parameter)
        body.append(f"__vo_set(self, {f.name!r}, {value})" if frozen else f"self.{f.name} = {value}")
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    parameters = ", ".join(["self", *positional, *(["*", *keyword] if keyword else [])])
    exec(f"def __init__({parameters}):\n    " + ("\n    ".join(body) or "pass"), namespace)
    initializer = namespace["__init__"]
    initializer.__qualname__ = f"{cls.__qualname__}.__init__"
    return initializer


def _compile_on_first_use(self, *args, **kwargs):
    """Every class starts with this initializer; its first construction compiles the real one and
    puts it in place, so a cold start compiles only the record types it builds."""
    for owner in type(self).__mro__:
        if owner.__dict__.get("__init__") is _compile_on_first_use:
            owner.__init__ = _initializer(owner, owner.__value_object_frozen__)
            return owner.__init__(self, *args, **kwargs)
    raise TypeError(f"{type(self).__qualname__} has no value object initializer")  # unreachable by construction


def _refuse_assignment(self, name, value):
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_deletion(self, name):
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


def _field_values(self) -> list:
    return [getattr(self, f.name) for f in dataclasses.fields(self)]


def _restore_field_values(self, state: list) -> None:
    for f, value in zip(dataclasses.fields(self), state, strict=True):
        _set(self, f.name, value)


def _values_of(field_names: tuple[str, ...]):
    if not field_names:
        return lambda _instance: ()
    if len(field_names) == 1:
        name = field_names[0]
        return lambda instance: (getattr(instance, name),)
    return attrgetter(*field_names)


def _share_value_methods(cls: type, own: dict, *, eq: bool, frozen: bool) -> None:
    """Methods the class body writes itself stay, as with dataclass; `own` is the body's namespace."""
    fields = dataclasses.fields(cls)
    cls.__value_object_shown__ = tuple(f.name for f in fields if f.repr)
    if "__repr__" not in own:
        cls.__repr__ = _repr
    if not eq:  # identity, as dataclass(eq=False)
        return
    compared = tuple(f.name for f in fields if f.compare)
    hashed = tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
    compared_values = _values_of(compared)
    cls.__value_object_compared__ = staticmethod(compared_values)
    cls.__value_object_hashed__ = staticmethod(compared_values if hashed == compared else _values_of(hashed))
    if "__eq__" not in own:
        cls.__eq__ = _eq
    if own.get("__hash__") is None:  # a body defining __eq__ alone leaves __hash__ None: dataclass decides
        cls.__hash__ = _hash if frozen else None


def _eq(self, other):
    if other.__class__ is self.__class__:
        return self.__value_object_compared__(self) == self.__value_object_compared__(other)
    return NotImplemented


def _hash(self) -> int:
    return hash(self.__value_object_hashed__(self))


def _repr(self) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__value_object_shown__)
    return f"{self.__class__.__qualname__}({shown})"
