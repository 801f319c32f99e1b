"""The snapshot's body: a Dataset as plain JSON values and back, checked against the model.

Derived from the model's dataclasses generically (fields and their type hints), so a field
added to the model flows through. Reading rebuilds every value against its type hint and
raises TypeError/ValueError on anything else: a hostile body can only be invalid.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from tui.data.fiscal import Period, PeriodError, parse_period
from tui.data.model import OBS_TABLE_COLUMNS, Dataset, Observation, ObsTable

# the observation table's columns that are not Observation fields
_EXTRA_COLUMNS: dict[str, Any] = {"raw": str, "conflict": bool, "rounding": bool}


@cache
def hints_of(cls: type) -> dict[str, Any]:
    """A dataclass's fields and their type hints, in field order."""
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
    if is_dataclass(value) and not isinstance(value, type):
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


def _value(value: Any, hint: Any, where: str) -> Any:
    """``value`` checked (and rebuilt) against the type hint ``hint``."""
    check = _EXACT.get(hint)
    if check is not None and check(value):  # the common case, quickly
        return value
    origin, args = get_origin(hint), get_args(hint)
    if hint is Any:
        if value is None or isinstance(value, (str, int, float)):
            return value
    elif hint is type(None):
        if value is None:
            return None
    elif origin in (Union, types.UnionType):
        for arg in args:
            try:
                return _value(value, arg, where)
            except (TypeError, ValueError):
                continue
    elif hint is bool:
        if type(value) is bool:
            return value
    elif hint is int:
        if type(value) is int:
            return value
    elif hint is float:
        if type(value) in (int, float):
            return float(value)
    elif hint is str:
        if type(value) is str:
            return value
    elif origin is Literal:
        if value in args:
            return value
    elif origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        if type(value) is list:
            return tuple(_value(v, args[0], where) for v in value)
    elif origin is list:
        if type(value) is list:
            return [_value(v, args[0], where) for v in value]
    elif origin is dict:
        if type(value) is dict and args[0] is str:
            return {k: _value(v, args[1], f"{where}.{k}") for k, v in value.items()}
    elif isinstance(hint, type) and is_dataclass(hint):
        if type(value) is dict:
            hints = hints_of(hint)
            if value.keys() != hints.keys():
                raise ValueError(f"{where}: fields {sorted(value)} are not {hint.__name__}'s")
            return hint(**{k: _value(v, hints[k], f"{where}.{k}") for k, v in value.items()})
    else:
        raise TypeError(f"{where}: {hint!r} cannot be read from a snapshot")
    raise TypeError(f"{where}: {str(value)[:40]!r} is not a {hint!r}")
