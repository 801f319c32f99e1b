"""RecordBase: the repr, equality and hash that @dataclass would have written, written once."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from dataclasses import dataclass, field

import pytest

import tui
from tui.data.record import MutableRecordBase, OrderedRecordBase, RecordBase


@dataclass(frozen=True)
class _Made:
    name: str
    value: float | None
    tags: tuple[str, ...] = ()
    note: str = field(default="", compare=False)
    secret: str = field(default="", repr=False)


@dataclass(frozen=True, repr=False, eq=False)
class _Based(RecordBase):
    name: str
    value: float | None
    tags: tuple[str, ...] = ()
    note: str = field(default="", compare=False)
    secret: str = field(default="", repr=False)


@dataclass(frozen=True, repr=False, eq=False)
class _One(RecordBase):
    only: int


@dataclass(repr=False, eq=False)
class _Mutable(MutableRecordBase):
    items: list[int]


@dataclass(frozen=True, order=True)
class _MadeOrdered:
    kind: str
    year: int
    months: int = 12
    note: str = field(default="", compare=False)


@dataclass(frozen=True, repr=False, eq=False)
class _BasedOrdered(OrderedRecordBase):
    kind: str
    year: int
    months: int = 12
    note: str = field(default="", compare=False)


CASES = [
    ("a", 1.5, ("x",), "n", "s"),
    ("a", None, (), "", ""),
    ("b", float("nan"), ("x", "y"), "other note", "other"),
]


@pytest.mark.parametrize("args", CASES)
def test_repr_and_hash_are_dataclass_ones(args: tuple[object, ...]) -> None:
    made, based = _Made(*args), _Based(*args)  # type: ignore[arg-type]
    assert repr(based) == repr(made).replace("_Made(", "_Based(")
    assert hash(based) == hash(made)


def test_equality_is_dataclass_equality() -> None:
    for a in CASES:
        for b in CASES:
            expected = _Made(*a) == _Made(*b)  # type: ignore[arg-type]
            assert (_Based(*a) == _Based(*b)) == expected  # type: ignore[arg-type]
    nan = float("nan")  # one NaN object is equal to itself in a tuple, two are not
    assert _Based("a", nan) == _Based("a", nan)
    assert _Based("a", float("nan")) != _Based("a", float("nan"))
    assert _Made("a", float("nan")) != _Made("a", float("nan"))
    assert _Based("a", 1.0, note="one") == _Based("a", 1.0, note="two")  # compare=False
    assert _Based("a", 1.0) != _Made("a", 1.0)  # another class: never equal
    assert _Based("a", 1.0).__eq__("a") is NotImplemented


def test_one_field_hashes_as_a_tuple_and_frozen_still_holds() -> None:
    assert hash(_One(3)) == hash((3,))
    assert repr(_One(3)) == "_One(only=3)"
    with pytest.raises(dataclasses.FrozenInstanceError):
        _One(3).only = 4  # type: ignore[misc]


def test_mutable_record_is_unhashable_and_compares_by_value() -> None:
    assert _Mutable([1]) == _Mutable([1])
    with pytest.raises(TypeError):
        hash(_Mutable([1]))


def test_recursive_repr_is_cut() -> None:
    box = _Mutable([])
    box.items.append(box)  # type: ignore[arg-type]
    assert repr(box) == "_Mutable(items=[...])"


def test_ordering_is_dataclass_ordering() -> None:
    args = [("FY", 2024), ("FY", 2023, 10), ("CY", 2024), ("FY", 2024, 12, "x"), ("M", 2025, 1)]
    made = [_MadeOrdered(*a) for a in args]  # type: ignore[arg-type]
    based = [_BasedOrdered(*a) for a in args]  # type: ignore[arg-type]
    assert [(b.kind, b.year, b.months) for b in sorted(based)] == [
        (m.kind, m.year, m.months) for m in sorted(made)
    ]
    for i, a in enumerate(based):
        for j, b in enumerate(based):
            x, y = made[i], made[j]
            assert (a < b, a <= b, a > b, a >= b, a == b) == (x < y, x <= y, x > y, x >= y, x == y)
    with pytest.raises(TypeError):
        _ = based[0] < _Based("a", 1.0)  # another class: no order, as with @dataclass


def _pkit_dataclasses() -> list[type]:
    found: list[type] = []
    for info in pkgutil.walk_packages(tui.__path__, "tui."):
        if info.name.startswith(("tui.serve", "tui.__main__")):
            continue  # the server's modules need asyncssh; none of its records opt out
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            is_record = isinstance(obj, type) and dataclasses.is_dataclass(obj)
            if is_record and obj.__module__ == info.name:
                found.append(obj)
    return found


def test_every_record_without_its_own_eq_has_the_base_ones() -> None:
    """A dataclass declared eq=False without RecordBase would compare by identity."""
    classes = _pkit_dataclasses()
    assert len(classes) > 30
    for cls in classes:
        params = cls.__dataclass_params__  # type: ignore[attr-defined]
        if not params.eq or not params.repr:
            assert issubclass(cls, RecordBase), f"{cls.__qualname__}: eq=False without RecordBase"
            mutable = issubclass(cls, MutableRecordBase)
            assert mutable == (not params.frozen), f"{cls.__qualname__}: wrong base"
