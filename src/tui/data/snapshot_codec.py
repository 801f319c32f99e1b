"""The snapshot's body: a Dataset as plain JSON values and back, checked against the model.

Derived from the model's records generically (fields and their type hints), so a field
added to the model flows through. Reading rebuilds every value against its type hint and
raises TypeError/ValueError on anything else: a hostile body can only be invalid.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from tui.data.fiscal import Period, PeriodError, parse_period
from tui.data.model import OBS_TABLE_COLUMNS, Dataset, Observation, ObsTable
from tui.data.record import fields, is_record

# the observation table's columns that are not Observation fields
_EXTRA_COLUMNS: dict[str, Any] = {"raw": str, "conflict": bool, "rounding": bool}


@cache
def hints_of(cls: type) -> dict[str, Any]:
    """A record's fields and their type hints, in field order."""
    hints = get_type_hints(cls)
    return {f.name: hints[f.name] for f in fields(cls)}


def encode(dataset: Dataset) -> dict[str, Any]:
    """The dataset as JSON values (its folder is not kept: the reader knows it)."""
    out: dict[str, Any] = {}
    for f in fields(dataset):
        value = getattr(dataset, f.name)
        if f.name == "root":
            continue
        if f.name == "periods":
            out[f.name] = sorted(value)
        elif f.name == "table":
            out[f.name] = {name: list(col) for name, col in value.columns.items()}
        else:
            out[f.name] = _plain(value)
    return out


def _plain(value: Any) -> Any:
    if is_record(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise TypeError("only string keys are kept")
        return {k: _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise TypeError(f"cannot keep a {type(value).__name__} in a snapshot")


def decode(doc: Any, root: Path) -> Dataset:
    """A Dataset from :func:`encode`'s output; ValueError/TypeError when anything is off."""
    if not isinstance(doc, dict):
        raise TypeError("the body is not an object")
    hints = hints_of(Dataset)
    names = [f.name for f in fields(Dataset)]
    if set(doc) != set(names) - {"root"}:
        raise ValueError(f"fields {sorted(doc)} are not the dataset's")
    values: dict[str, Any] = {"root": root}
    for name in names:
        if name == "root":
            continue
        if name == "periods":
            values[name] = _periods(doc[name])
        elif name == "table":
            values[name] = _table(doc[name])
        else:
            values[name] = _value(doc[name], hints[name], name)
    return Dataset(**values)


def _periods(labels: Any) -> dict[str, Period]:
    if not isinstance(labels, list):
        raise TypeError("periods is not a list")
    out: dict[str, Period] = {}
    for label in labels:
        if not isinstance(label, str):
            raise TypeError("a period label is not a string")
        try:
            out[label] = parse_period(label)
        except PeriodError as exc:
            raise ValueError(str(exc)) from None
    return out


def _table(doc: Any) -> ObsTable:
    if not isinstance(doc, dict) or list(doc) != list(OBS_TABLE_COLUMNS):
        raise ValueError("the observation columns are not the model's")
    hints = hints_of(Observation)
    lengths = {len(col) if isinstance(col, list) else -1 for col in doc.values()}
    if len(lengths) != 1 or -1 in lengths:
        raise ValueError("the observation columns differ in length")
    columns: dict[str, list[Any]] = {}
    for name in OBS_TABLE_COLUMNS:
        hint = _EXTRA_COLUMNS[name] if name in _EXTRA_COLUMNS else hints[name]
        if hint is Period:  # the table keeps period labels; Dataset.periods parses them
            hint = str
        columns[name] = _column(doc[name], hint, name)
    return ObsTable(columns)


_EXACT: dict[Any, Callable[[Any], bool]] = {
    str: lambda v: type(v) is str,
    bool: lambda v: type(v) is bool,
    int: lambda v: type(v) is int,
    float: lambda v: type(v) is float,
    float | None: lambda v: type(v) is float or v is None,
}


def _column(col: list[Any], hint: Any, where: str) -> list[Any]:
    check = _EXACT.get(hint)
    if check is not None and all(map(check, col)):
        return col
    return [_value(v, hint, where) for v in col]


class TypeMismatch(TypeError):
    """A value that does not match its hint; ``path`` grows as the error unwinds."""

    def __init__(self, value: Any, hint: Any) -> None:
        super().__init__()
        self.value, self.hint, self.path = value, hint, ""

    def __str__(self) -> str:
        return f"{self.path}: {str(self.value)[:40]!r} is not a {self.hint!r}"


class FieldMismatch(ValueError):
    """A record whose fields are not its class's; ``path`` grows as the error unwinds."""

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what, self.path = what, ""

    def __str__(self) -> str:
        return f"{self.path}: {self.what}"


_Located = (TypeMismatch, FieldMismatch)
Reader = Callable[[Any], Any]


def _value(value: Any, hint: Any, where: str) -> Any:
    """``value`` checked (and rebuilt) against the type hint ``hint``."""
    try:
        return _reader(hint)(value)
    except _Located as exc:
        exc.path = where + exc.path
        raise


@cache
def _reader(hint: Any) -> Reader:
    """A function that checks (and rebuilds) one value against ``hint``, made once per hint:
    the snapshot's records are read without dispatching on the hint for every value."""
    if hint in (str, bool, int):
        return _exact_reader(hint, _EXACT[hint])
    origin, args = get_origin(hint), get_args(hint)
    if hint is Any:
        return _plain_reader(hint)
    if hint is type(None):
        return _exact_reader(hint, lambda v: v is None)
    if origin in (Union, types.UnionType):
        return _union_reader(hint, [_reader(arg) for arg in args])
    if hint is float:

        def number(value: Any) -> Any:
            if type(value) is float:
                return value
            if type(value) is int:
                return float(value)
            raise TypeMismatch(value, hint)

        return number
    if origin is Literal:
        return _exact_reader(hint, lambda v: v in args)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _reader(args[0])
        return _sequence_reader(hint, item, tuple)
    if origin is list:
        return _sequence_reader(hint, _reader(args[0]), list)
    if origin is dict and args[0] is str:
        return _mapping_reader(hint, _reader(args[1]))
    if isinstance(hint, type) and is_record(hint):
        return _record_reader(hint)
    raise TypeError(f"{hint!r} cannot be read from a snapshot")


def _exact_reader(hint: Any, ok: Callable[[Any], bool]) -> Reader:
    def read(value: Any) -> Any:
        if ok(value):
            return value
        raise TypeMismatch(value, hint)

    return read


def _plain_reader(hint: Any) -> Reader:
    return _exact_reader(hint, lambda v: v is None or isinstance(v, (str, int, float)))


def _union_reader(hint: Any, readers: list[Reader]) -> Reader:
    def read(value: Any) -> Any:
        for one in readers:
            try:
                return one(value)
            except (TypeError, ValueError):
                continue
        raise TypeMismatch(value, hint)

    return read


def _sequence_reader(hint: Any, item: Reader, make: type) -> Reader:
    def read(value: Any) -> Any:
        if type(value) is not list:
            raise TypeMismatch(value, hint)
        return make(map(item, value))

    return read


def _mapping_reader(hint: Any, item: Reader) -> Reader:
    def read(value: Any) -> Any:
        if type(value) is not dict:
            raise TypeMismatch(value, hint)
        out = {}
        for k, v in value.items():
            try:
                out[k] = item(v)
            except _Located as exc:
                exc.path = f".{k}{exc.path}"
                raise
        return out

    return read


def _record_reader(cls: type) -> Reader:
    hints = hints_of(cls)
    keys = hints.keys()
    readers = {name: _reader(h) for name, h in hints.items()}

    def read(value: Any) -> Any:
        if type(value) is not dict:
            raise TypeMismatch(value, cls)
        if value.keys() != keys:
            raise FieldMismatch(f"fields {sorted(value)} are not {cls.__name__}'s")
        out = {}
        for k, v in value.items():
            try:
                out[k] = readers[k](v)
            except _Located as exc:
                exc.path = f".{k}{exc.path}"
                raise
        return cls(**out)

    return read
