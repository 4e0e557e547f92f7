"""valueobjects.value_object behaves as @dataclass(frozen=True) does; only how it is built differs."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from valueobjects import record, value_object

LAYER = Path(__file__).resolve().parents[2] / "layers" / "mainecare" / "python"


@value_object
class Line:
    code: str
    units: int = 1
    notes: tuple[str, ...] = ()
    cached: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True)
class LineAsDataclass:
    code: str
    units: int = 1
    notes: tuple[str, ...] = ()
    cached: str = field(default="", compare=False, repr=False)


@value_object(slots=True)
class Point:
    x: int
    y: int


@value_object
class Single:
    value: float


@value_object
class Empty:
    pass


@value_object
class Drug(Line):
    ndc: str = ""


def test_equality_and_hash_follow_the_compared_fields():
    assert Line("J1", 2, ("a",)) == Line("J1", 2, ("a",))
    assert Line("J1", 2) != Line("J1", 3)
    assert Line("J1", cached="x") == Line("J1", cached="y"), "compare=False fields are not compared"
    assert hash(Line("J1", cached="x")) == hash(Line("J1", cached="y"))
    assert len({Line("J1"), Line("J1"), Line("J2")}) == 2
    assert Empty() == Empty() and hash(Empty()) == hash(Empty())


def test_equality_holds_only_within_one_class_as_dataclass_does():
    assert Line("J1") != LineAsDataclass("J1")
    assert Line("J1") != Drug("J1"), "a subclass instance is not equal to its base's"
    assert Line("J1").__eq__(object()) is NotImplemented


def test_a_single_field_compares_as_a_one_value_tuple():
    nan = float("nan")
    assert Single(nan) == Single(nan), "tuple comparison: the same object is equal to itself"


def test_repr_is_the_dataclass_repr():
    as_dataclass = repr(LineAsDataclass("J1", 2, ("a",), cached="secret"))
    assert repr(Line("J1", 2, ("a",), cached="secret")) == as_dataclass.replace("LineAsDataclass", "Line")
    assert "secret" not in repr(Line("J1", cached="secret"))
    assert repr(Point(1, 2)) == "Point(x=1, y=2)"
    assert repr(Drug("J1", ndc="00002")) == "Drug(code='J1', units=1, notes=(), ndc='00002')"


def test_it_is_a_frozen_dataclass():
    line = Line("J1")
    with pytest.raises(dataclasses.FrozenInstanceError):
        line.code = "J2"
    with pytest.raises(dataclasses.FrozenInstanceError):
        del line.units
    assert dataclasses.is_dataclass(line)
    assert dataclasses.replace(line, units=5) == Line("J1", 5)
    assert dataclasses.asdict(Point(1, 2)) == {"x": 1, "y": 2}
    assert [f.name for f in dataclasses.fields(Drug)] == ["code", "units", "notes", "cached", "ndc"]
    assert not hasattr(Point(1, 2), "__dict__"), "slots=True gives a slotted class"
    match Point(3, 4):
        case Point(x, y):
            assert (x, y) == (3, 4)


def test_methods_the_class_body_writes_itself_stay():
    @value_object
    class Caseless:
        name: str

        def __eq__(self, other):
            return isinstance(other, Caseless) and self.name.lower() == other.name.lower()

        def __repr__(self):
            return "<caseless>"

    assert Caseless("A") == Caseless("a")
    assert repr(Caseless("A")) == "<caseless>"
    assert hash(Caseless("A")) == hash(Caseless("A")), "a body with __eq__ alone still gets a hash, as dataclass gives"


def test_a_class_without_a_docstring_gets_its_name_and_a_documented_one_keeps_it():
    @value_object
    class Documented:
        """Says why."""

        x: int = 0

    assert Point.__doc__ == "Point"
    assert Documented.__doc__ == "Says why."


def test_it_imports_nothing_but_the_standard_library():
    code = ("import sys; before = set(sys.modules); import valueobjects; "
            "print(sorted(m for m in set(sys.modules) - before if m.split('.')[0] not in sys.stdlib_module_names))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={"PYTHONPATH": str(LAYER)}).stdout.strip()
    assert loaded == "['valueobjects']"


@value_object(kw_only=False)
class Shaped:
    code: str
    lines: list = field(default_factory=list)
    label: str = field(default="none", init=False)
    made: tuple = field(default_factory=tuple, init=False)
    note: str = field(default="", kw_only=True)
    tags: frozenset = field(default_factory=frozenset, kw_only=True)


@dataclass(frozen=True)
class ShapedAsDataclass:
    code: str
    lines: list = field(default_factory=list)
    label: str = field(default="none", init=False)
    made: tuple = field(default_factory=tuple, init=False)
    note: str = field(default="", kw_only=True)
    tags: frozenset = field(default_factory=frozenset, kw_only=True)


def test_the_initializer_takes_what_the_dataclass_initializer_takes():
    import inspect

    first = Shaped("J0")  # the initializer is compiled at the first construction (module docstring)
    assert first.code == "J0"
    ours, theirs = inspect.signature(Shaped), inspect.signature(ShapedAsDataclass)
    assert [(p.name, p.kind) for p in ours.parameters.values()] == [
        (p.name, p.kind) for p in theirs.parameters.values()]
    built = Shaped("J1", note="n")
    assert (built.code, built.lines, built.label, built.made, built.note, built.tags) == (
        "J1", [], "none", (), "n", frozenset())
    assert Shaped("J1").lines is not Shaped("J1").lines, "each instance gets its own default_factory value"
    assert Shaped("J1", [1]).lines == [1]
    with pytest.raises(TypeError):
        Shaped()
    with pytest.raises(TypeError):
        Shaped("J1", [], "positional note")


def test_post_init_runs_and_may_set_through_object_setattr():
    @value_object
    class Normalized:
        code: str

        def __post_init__(self):
            object.__setattr__(self, "code", self.code.upper())

    assert Normalized("j1").code == "J1"


def test_copies_and_pickles_restore_equal_values():
    import copy
    import pickle

    for value in (Point(1, 2), Line("J1", 2, ("a",), cached="c"), Drug("J1", ndc="00002")):
        assert copy.copy(value) == value
        assert copy.deepcopy(value) == value
        assert pickle.loads(pickle.dumps(value)) == value



@record(slots=True)
class Tally:
    name: str
    count: int = 0
    seen: list = field(default_factory=list)
    source: str = field(default="", compare=False)


@dataclass(slots=True)
class TallyAsDataclass:
    name: str
    count: int = 0
    seen: list = field(default_factory=list)
    source: str = field(default="", compare=False)


def test_a_record_is_a_mutable_dataclass_compared_by_value():
    tally = Tally("claims")
    tally.count += 2
    tally.seen.append("J1")
    assert tally == Tally("claims", 2, ["J1"], source="elsewhere")
    assert tally != Tally("claims", 3, ["J1"])
    assert repr(tally) == repr(TallyAsDataclass("claims", 2, ["J1"])).replace("TallyAsDataclass", "Tally")
    assert Tally.__hash__ is None and TallyAsDataclass.__hash__ is None, "compared by value: unhashable"
    assert dataclasses.replace(tally, count=5).count == 5
    assert dataclasses.asdict(tally) == {"name": "claims", "count": 2, "seen": ["J1"], "source": ""}
    assert not hasattr(tally, "__dict__")


def test_eq_false_keeps_identity_for_records_and_value_objects():
    @record(eq=False)
    class Node:
        name: str

    @value_object(slots=True, eq=False)
    class Marker:
        name: str = ""

    assert Node("a") != Node("a") and len({Node("a"), Node("a")}) == 2
    first = Marker()
    assert first == first and first != Marker() and {first: 1}[first] == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.name = "b"


def test_a_class_compiles_its_initializer_at_its_first_construction_only():
    @value_object
    class Fresh:
        x: int

    @value_object
    class FreshChild(Fresh):
        y: int = 0

    class Plain(Fresh):
        def __init__(self, x):
            super().__init__(x * 2)

    shared = Fresh.__init__
    assert FreshChild.__init__ is shared, "nothing compiled at import"
    assert Plain(2).x == 4 and Fresh.__init__ is not shared, "reached through super(): the base compiles its own"
    assert FreshChild.__init__ is shared
    assert FreshChild(1, 2) == FreshChild(1, 2) and FreshChild.__init__ is not shared
    with pytest.raises(TypeError):
        FreshChild()


def test_an_initializer_the_class_body_writes_itself_stays():
    @value_object
    class FromText:
        code: str

        def __init__(self, text: str):
            object.__setattr__(self, "code", text.strip().upper())

    assert FromText("  j1 ").code == "J1"
