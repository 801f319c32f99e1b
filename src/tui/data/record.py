"""pkit's records: ``@record`` and ``@mutable_record``, what ``@dataclass`` gives, built
without compiling code.

``@dataclass`` writes ``__init__``, ``__repr__``, ``__eq__``, ``__setattr__`` ... for every
class as source text and compiles it (``exec``) at import: on Python 3.11 about 0.4 ms per
frozen class, and pkit declares some fifty records. Importing :mod:`dataclasses` costs more
still (it imports :mod:`inspect`): about 17 ms, more than ``pkit summary`` spends on its
figures. The methods here are written once, as plain functions, and a decorator attaches
them to a class after reading its annotations; mypy reads the decorators as dataclass ones
(:func:`typing.dataclass_transform`), so the constructor is type-checked as before.

What a record gets, as ``@dataclass(frozen=True)`` (or ``@dataclass`` for a mutable one)
would make it: ``__init__(*fields, **fields)`` with defaults and ``default_factory``, then
``__post_init__`` if the class has one; repr ``Name(field=value, ...)``; equality with an
object of the same class on the compared fields; the hash of those fields (frozen records;
a mutable record is unhashable); assigning or deleting an attribute of a frozen record
raises :class:`FrozenRecordError`. ``@record(order=True)`` adds ``<``, ``<=``, ``>``, ``>=``.
A method the class body defines itself is kept. Fields are inherited from a record base.
:func:`fields` and :func:`replace` work as :mod:`dataclasses`' do.

Not supported (nothing in pkit needs them): ``ClassVar``/``InitVar``/``KW_ONLY`` fields,
``field(init=False)``, slots.
"""

from __future__ import annotations

import operator
import reprlib
from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")
Getter = Callable[[Any], tuple[Any, ...]]


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class FrozenRecordError(AttributeError):
    """An attribute of a frozen record was assigned or deleted."""


class Field:
    """One field of a record: its name, annotation (as written), default and options."""

    __slots__ = ("compare", "default", "default_factory", "name", "repr", "type")

    def __init__(
        self,
        default: Any = MISSING,
        default_factory: Any = MISSING,
        repr: bool = True,  # noqa: A002 - the name dataclasses.field uses
        compare: bool = True,
    ) -> None:
        if default is not MISSING and default_factory is not MISSING:
            raise ValueError("cannot give both default and default_factory")
        self.name = ""
        self.type: Any = None
        self.default = default
        self.default_factory = default_factory
        self.repr = repr
        self.compare = compare

    def __repr__(self) -> str:
        return f"Field(name={self.name!r}, type={self.type!r}, default={self.default!r})"


def field(
    *,
    default: Any = MISSING,
    default_factory: Callable[[], Any] | Any = MISSING,
    repr: bool = True,  # noqa: A002 - the name dataclasses.field uses
    compare: bool = True,
) -> Any:
    """A field's default or ``default_factory``, and whether repr shows it and eq compares it
    (as :func:`dataclasses.field`)."""
    return Field(default, default_factory, repr, compare)


_FIELDS = "__record_fields__"


def is_record(obj: object) -> bool:
    """Whether ``obj`` is a record class or an instance of one."""
    cls = obj if isinstance(obj, type) else type(obj)
    return _FIELDS in cls.__dict__


def fields(obj: object) -> tuple[Field, ...]:
    """The fields of a record class or instance, in order (as :func:`dataclasses.fields`)."""
    cls = obj if isinstance(obj, type) else type(obj)
    found = cls.__dict__.get(_FIELDS)
    if found is None:
        raise TypeError(f"{cls.__qualname__} is not a record")
    return found  # type: ignore[no-any-return]


def replace(obj: T, /, **changes: Any) -> T:
    """A copy of the record ``obj`` with ``changes`` (as :func:`dataclasses.replace`)."""
    values = {f.name: getattr(obj, f.name) for f in fields(obj)}
    unknown = changes.keys() - values.keys()
    if unknown:
        raise TypeError(f"{type(obj).__qualname__} has no field {sorted(unknown)[0]!r}")
    return type(obj)(**(values | changes))


# -- building a record class -------------------------------------------------------------------


def _collect(cls: type) -> tuple[Field, ...]:
    """The fields of ``cls``: its record bases' first, then its own annotations in order."""
    found: dict[str, Field] = {}
    for base in reversed(cls.__mro__[1:]):
        for f in base.__dict__.get(_FIELDS, ()):
            found[f.name] = f
    for name, hint in cls.__dict__.get("__annotations__", {}).items():
        text = hint if isinstance(hint, str) else getattr(hint, "__name__", repr(hint))
        if text.startswith(("ClassVar", "typing.ClassVar", "InitVar", "KW_ONLY")):
            raise TypeError(f"{cls.__qualname__}.{name}: {text} is not supported in a record")
        value = cls.__dict__.get(name, MISSING)
        f = value if isinstance(value, Field) else Field(default=value)
        f.name, f.type = name, hint
        if isinstance(f.default, (list, dict, set)):
            raise ValueError(
                f"{cls.__qualname__}.{name}: mutable default {type(f.default).__name__};"
                " use default_factory"
            )
        if f.default is MISSING:
            if name in cls.__dict__:  # a field(default_factory=...) object
                delattr(cls, name)
        else:
            setattr(cls, name, f.default)  # as dataclasses leaves it: a class attribute
        found[name] = f  # a redeclared field keeps its place, as in dataclasses
    out = tuple(found.values())
    seen_default = False
    for f in out:
        has_default = f.default is not MISSING or f.default_factory is not MISSING
        if seen_default and not has_default:
            raise TypeError(f"{cls.__qualname__}: non-default field {f.name!r} follows a default")
        seen_default = seen_default or has_default
    return out


def _make_init(cls: type, flds: tuple[Field, ...]) -> Callable[..., None]:
    """``__init__(self, *args, **kwargs)`` for these fields: the values become the instance's
    ``__dict__`` in one step (what a frozen dataclass's ``object.__setattr__`` calls do)."""
    names = tuple(f.name for f in flds)
    known = frozenset(names)
    count = len(names)
    defaults = {f.name: f.default for f in flds if f.default is not MISSING}
    factories = {f.name: f.default_factory for f in flds if f.default_factory is not MISSING}
    post_init = getattr(cls, "__post_init__", None)
    set_dict = object.__setattr__
    qualname = cls.__qualname__

    def refuse(args: tuple[Any, ...], kwargs: dict[str, Any]) -> TypeError:
        """The TypeError a dataclass's ``__init__`` would raise for these arguments."""
        if len(args) > count:
            return TypeError(f"{qualname}() takes {count} arguments but {len(args)} were given")
        for name in kwargs:
            if name in names[: len(args)]:
                return TypeError(f"{qualname}() got multiple values for argument {name!r}")
            if name not in known:
                return TypeError(f"{qualname}() got an unexpected keyword argument {name!r}")
        given = {*names[: len(args)], *kwargs}
        missing = [n for n in names if n not in given and n not in defaults and n not in factories]
        return TypeError(f"{qualname}() missing required argument: {missing[0]!r}")

    # per number of positional arguments: the defaults and default factories of the rest
    required = sum(1 for n in names if n not in defaults and n not in factories)
    tails = [{n: defaults[n] for n in names[i:] if n in defaults} for i in range(count + 1)]
    made = [[(n, factories[n]) for n in names[i:] if n in factories] for i in range(count + 1)]

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        given = len(args)
        if given > count:
            raise refuse(args, kwargs)
        if not kwargs:
            values = dict(zip(names, args, strict=False))
            if given != count:
                if given < required:
                    raise refuse(args, kwargs)
                values.update(tails[given])
                for name, factory in made[given]:
                    values[name] = factory()
        elif not args and len(kwargs) == count and kwargs.keys() == known:
            values = kwargs  # every field by name (a reader rebuilding a record)
        else:
            values = tails[given].copy()
            values.update(zip(names, args, strict=False))
            values.update(kwargs)
            for name, factory in made[given]:
                if name not in kwargs:
                    values[name] = factory()
            if len(values) != count or not values.keys() <= known:
                raise refuse(args, kwargs)
            if given and not kwargs.keys().isdisjoint(names[:given]):
                raise refuse(args, kwargs)
        set_dict(self, "__dict__", values)
        if post_init is not None:
            post_init(self)

    __init__.__qualname__ = f"{qualname}.__init__"
    return __init__


class _Plan:
    """One record class's fields: those shown by repr, and those compared by eq and hashed."""

    __slots__ = ("compared", "shown")

    def __init__(self, cls: type) -> None:
        flds = fields(cls)
        self.shown = tuple(f.name for f in flds if f.repr)
        self.compared = _getter(tuple(f.name for f in flds if f.compare))


def _getter(names: tuple[str, ...]) -> Getter:
    """The values of ``names`` as a tuple (attrgetter returns one value bare, not a tuple)."""
    if len(names) == 1:
        name = names[0]
        return lambda obj: (getattr(obj, name),)
    if not names:
        return lambda obj: ()
    return operator.attrgetter(*names)  # type: ignore[return-value]


_plans: dict[type, _Plan] = {}


def _plan(cls: type) -> _Plan:
    plan = _plans.get(cls)
    if plan is None:
        plan = _plans[cls] = _Plan(cls)
    return plan


@reprlib.recursive_repr()
def _repr(self: Any) -> str:
    cls = self.__class__
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _plan(cls).shown)
    return f"{cls.__qualname__}({shown})"


def _hash(self: Any) -> int:
    return hash(_plan(self.__class__).compared(self))


def _comparison(op: Callable[[Any, Any], Any]) -> Callable[[Any, object], Any]:
    """``__eq__``, ``__lt__`` ...: ``op`` on the compared fields of two records of one class."""

    def method(self: Any, other: object) -> Any:
        if other.__class__ is self.__class__:
            compared = _plan(self.__class__).compared
            return op(compared(self), compared(other))
        return NotImplemented

    return method


_eq = _comparison(operator.eq)
_ORDER = {
    "__lt__": _comparison(operator.lt),
    "__le__": _comparison(operator.le),
    "__gt__": _comparison(operator.gt),
    "__ge__": _comparison(operator.ge),
}


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenRecordError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: Any, name: str) -> None:
    raise FrozenRecordError(f"cannot delete field {name!r}")


def _attach(cls: type, name: str, method: Any) -> None:
    if name not in cls.__dict__:
        setattr(cls, name, method)


def _build(cls: type[T], *, frozen: bool, order: bool) -> type[T]:
    flds = _collect(cls)
    setattr(cls, _FIELDS, flds)
    _attach(cls, "__match_args__", tuple(f.name for f in flds))
    _attach(cls, "__init__", _make_init(cls, flds))
    _attach(cls, "__repr__", _repr)
    own_eq = "__eq__" in cls.__dict__
    _attach(cls, "__eq__", _eq)
    if not own_eq:  # a class defining __eq__ decides its own hash, as with dataclasses
        cls.__hash__ = _hash if frozen else None  # type: ignore[assignment]
    if order:
        for name, method in _ORDER.items():
            _attach(cls, name, method)
    if frozen:
        for base in cls.__mro__[1:]:
            if is_record(base) and base.__dict__.get("__setattr__") is not _frozen_setattr:
                raise TypeError(f"{cls.__qualname__}: a frozen record cannot extend a mutable one")
        _attach(cls, "__setattr__", _frozen_setattr)
        _attach(cls, "__delattr__", _frozen_delattr)
    return cls


@overload
def record(cls: type[T], /) -> type[T]: ...
@overload
def record(*, order: bool = False) -> Callable[[type[T]], type[T]]: ...
@dataclass_transform(frozen_default=True, field_specifiers=(field, Field))
def record(cls: type[T] | None = None, /, *, order: bool = False) -> Any:
    """A frozen record: ``@record``, or ``@record(order=True)`` to order by the fields."""
    if cls is None:
        return lambda c: _build(c, frozen=True, order=order)
    return _build(cls, frozen=True, order=order)


@dataclass_transform(field_specifiers=(field, Field))
def mutable_record(cls: type[T], /) -> type[T]:
    """A record whose fields can be assigned (unhashable, as ``@dataclass`` makes it)."""
    return _build(cls, frozen=False, order=False)
