"""Value objects: immutable records compared by value, as `@dataclass(frozen=True)` is, at a third of its import cost.

`@value_object` (or `@value_object(slots=True)`) makes a frozen dataclass: `dataclasses.fields`,
`replace`, `asdict` and `FrozenInstanceError` work as on any dataclass. What differs is how it is
built. `dataclass(frozen=True)` writes and compiles six methods per class (`__init__`, `__repr__`,
`__eq__`, `__hash__`, `__setattr__`, `__delattr__`); compiling them is most of the ~1 ms each class
costs at import. A Lambda's cold start pays that for every record type it loads (edi_ingest: about
90). Here only the methods that must be per class are generated (the initializer and the frozen
guards); equality, hashing and repr are shared functions reading a per-class tuple of field names,
with the dataclass rules: compare and hash over the fields with compare=True (hash=None follows
compare), repr over repr=True, equality only between instances of the same class.

A class without a docstring gets its name as one: dataclass would otherwise render its signature
with inspect for the docstring, another import-time cost nobody reads.

General, like x12: it imports nothing of MaineCare, so both packages use it.
"""

from __future__ import annotations

import dataclasses
from operator import attrgetter

__all__ = ["value_object"]


def value_object(cls=None, /, *, slots: bool = False, kw_only: bool = False, match_args: bool = True):
    """`@dataclass(frozen=True)`, built cheaply (module docstring). Use it bare or with slots/kw_only."""

    def build(target: type) -> type:
        if not target.__dict__.get("__doc__"):
            target.__doc__ = target.__name__
        own = dict(target.__dict__)
        made = dataclasses.dataclass(target, frozen=True, repr=False, eq=False, slots=slots, kw_only=kw_only,
                                     match_args=match_args)
        _share_value_methods(made, own)
        return made

    return build if cls is None else build(cls)


def _values_of(field_names: tuple[str, ...]):
    if not field_names:
        return lambda _instance: ()
    if len(field_names) == 1:
        name = field_names[0]
        return lambda instance: (getattr(instance, name),)
    return attrgetter(*field_names)


def _share_value_methods(cls: type, own: dict) -> None:
    """Methods the class body writes itself stay, as with dataclass; `own` is the body's namespace."""
    fields = dataclasses.fields(cls)
    compared = tuple(f.name for f in fields if f.compare)
    hashed = tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
    compared_values = _values_of(compared)
    cls.__value_object_compared__ = staticmethod(compared_values)
    cls.__value_object_hashed__ = staticmethod(compared_values if hashed == compared else _values_of(hashed))
    cls.__value_object_shown__ = tuple(f.name for f in fields if f.repr)
    if "__eq__" not in own:
        cls.__eq__ = _eq
    if own.get("__hash__") is None:  # a body defining __eq__ alone leaves __hash__ None: dataclass adds one
        cls.__hash__ = _hash
    if "__repr__" not in own:
        cls.__repr__ = _repr


def _eq(self, other):
    if other.__class__ is self.__class__:
        return self.__value_object_compared__(self) == self.__value_object_compared__(other)
    return NotImplemented


def _hash(self) -> int:
    return hash(self.__value_object_hashed__(self))


def _repr(self) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__value_object_shown__)
    return f"{self.__class__.__qualname__}({shown})"
