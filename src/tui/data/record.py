"""The base of pkit's records: ``__repr__``, ``__eq__`` and ``__hash__`` written once for all.

``@dataclass`` writes these three methods anew for every class, as source text that it
compiles (``exec``) at import: on Python 3.11 that compiling is most of what a dataclass
costs, and pkit creates some forty of them before the explorer's first frame (about 30 ms of
CPU) and two dozen for ``pkit summary``. A record is declared
``@dataclass(frozen=True, repr=False, eq=False)`` on a subclass of :class:`RecordBase` (not
frozen: ``@dataclass(repr=False, eq=False)`` on :class:`MutableRecordBase`); the methods here
do what ``@dataclass``'s would (the same repr, equality on the same fields, the same hash),
from the class's fields. An ordered record (``order=True``) uses :class:`OrderedRecordBase`,
which adds the four comparisons ``order=True`` writes.
"""

from __future__ import annotations

import reprlib
from collections.abc import Callable
from dataclasses import fields
from operator import attrgetter
from typing import Any

Getter = Callable[[Any], tuple[Any, ...]]


class _Plan:
    """One record class's fields: those shown by repr, compared by eq, hashed."""

    __slots__ = ("compared", "hashed", "shown")

    def __init__(self, cls: type) -> None:
        flds = fields(cls)
        self.shown = tuple(f.name for f in flds if f.repr)
        self.compared = _getter(tuple(f.name for f in flds if f.compare))
        self.hashed = _getter(
            tuple(f.name for f in flds if (f.compare if f.hash is None else f.hash))
        )


def _getter(names: tuple[str, ...]) -> Getter:
    """The values of ``names`` as a tuple (attrgetter returns one value bare, not a tuple)."""
    if len(names) == 1:
        name = names[0]
        return lambda obj: (getattr(obj, name),)
    if not names:
        return lambda obj: ()
    return attrgetter(*names)  # type: ignore[return-value]


_plans: dict[type, _Plan] = {}


def _plan(cls: type) -> _Plan:
    plan = _plans.get(cls)
    if plan is None:
        plan = _plans[cls] = _Plan(cls)
    return plan


class RecordBase:
    """What ``@dataclass(eq=True, frozen=True)`` adds, for a dataclass declared with
    ``repr=False, eq=False``: repr ``Name(field=value, ...)``, equality with an object of the
    same class on the compared fields, and the hash of those fields."""

    __slots__ = ()

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        cls = self.__class__
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _plan(cls).shown)
        return f"{cls.__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            compared = _plan(self.__class__).compared
            return compared(self) == compared(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(_plan(self.__class__).hashed(self))


class MutableRecordBase(RecordBase):
    """:class:`RecordBase` for a dataclass that is not frozen: unhashable, as ``@dataclass``
    makes it."""

    __slots__ = ()
    __hash__ = None  # type: ignore[assignment]


class OrderedRecordBase(RecordBase):
    """:class:`RecordBase` plus what ``order=True`` adds: ``<``, ``<=``, ``>``, ``>=`` between
    two objects of the same class, on the compared fields in order."""

    __slots__ = ()

    def __lt__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            compared = _plan(self.__class__).compared
            return compared(self) < compared(other)
        return NotImplemented

    def __le__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            compared = _plan(self.__class__).compared
            return compared(self) <= compared(other)
        return NotImplemented

    def __gt__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            compared = _plan(self.__class__).compared
            return compared(self) > compared(other)
        return NotImplemented

    def __ge__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            compared = _plan(self.__class__).compared
            return compared(self) >= compared(other)
        return NotImplemented
