"""Field specs for the TOML tables: what each key of a ``[[table]]`` entry must hold.

A :class:`Field` names a key, the check that turns its raw TOML value into the record's
value (reporting what is wrong with it at the key's line), whether it is required, which
register its ids must be in, and whether a problem with it leaves the entry unusable.
:mod:`tui.data.load.entries` applies them; :mod:`tui.data.load.specs` lists them per table.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any, Literal

from tui.data.fiscal import PeriodError, parse_period
from tui.data.load.files import DataFile
from tui.data.record import field, mutable_record, record
from tui.data.text import quoted

Register = Literal["sources", "series"]


@mutable_record
class Refs:
    """The ids entries may refer to (empty when that file failed: then nothing is checked)."""

    sources: Collection[str] = ()
    series: Collection[str] = ()


@mutable_record
class Entry:
    """One ``[[table]]`` entry being read: its header line, raw keys and checked values."""

    file: DataFile
    line: int
    block: dict[str, object]
    refs: Refs
    # the checked values by key: the keyword arguments of the record (its types are the
    # field checks' return types; a dict of Any is what builds a record from them)
    values: dict[str, Any] = field(default_factory=dict)
    usable: bool = True  # False: a problem means no record is built from it

    def at(self, key: str) -> int:
        """The line of ``key`` in this entry (the entry's own line when it is absent)."""
        return self.file.lines.key(key, self.line)

    def add(self, key: str, message: str) -> None:
        self.file.add(self.at(key), message)


# A check takes the entry, the key and its raw value (None when absent) and returns the
# value the record gets, reporting any problem through ``entry.add``.
Check = Callable[[Entry, str, object], object]


@record
class Field:
    key: str
    check: Check
    required: bool = False
    refers_to: Register | None = None  # the value is an id (or ids) in this register
    vital: bool = False  # a problem with this key means no record from the entry


def as_text(value: object) -> str:
    """A string value as it is; anything else (absent, a number, a list) as ""."""
    return value if isinstance(value, str) else ""


def text(entry: Entry, key: str, value: object) -> str:
    return as_text(value)


def date(entry: Entry, key: str, value: object) -> str:
    """A date as written (TOML may parse it as a date; the record keeps its text)."""
    return "" if value is None else str(value)


def one_of(
    allowed: Collection[str],
    message: Callable[[str], str],
    default: str = "",
    blank: bool = False,
) -> Check:
    """Text that must be one of ``allowed`` (``default`` when absent or empty; ``blank``:
    empty is fine too). The value is kept even when wrong: the problem is reported."""

    def check(entry: Entry, key: str, value: object) -> str:
        got = text(entry, key, value) or default
        if got not in allowed and not (blank and not got):
            entry.add(key, message(got))
        return got

    return check


def whole_number(entry: Entry, key: str, value: object) -> int:
    if value is None:
        return 0
    if not isinstance(value, int):
        entry.add(key, f"{key} must be a whole number")
        return 0
    return value


def number(entry: Entry, key: str, value: object) -> float | None:
    """A number (not a boolean) as a float; None when absent or wrong."""
    if value is None:
        return None
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        entry.add(key, f"{key} must be a number")
        return None
    return float(value)


def optional_id(entry: Entry, key: str, value: object) -> str | None:
    """An id or nothing (an empty one is nothing)."""
    if value is not None and not isinstance(value, str):
        entry.add(key, f"{key} must be a series id")
        return None
    return value or None


def one_id(entry: Entry, key: str, value: object) -> object:
    """One id (not a list of them); anything else is reported and kept as it is."""
    if not isinstance(value, str):
        entry.add(key, f"'{key}' must be one {key} id (a string)")
    return value


def strings(entry: Entry, key: str, value: object) -> tuple[str, ...]:
    """A list of strings (one string is a list of one)."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        entry.add(key, f"'{key}' must be a list of strings")
        return ()
    return tuple(value)


def period(entry: Entry, key: str, value: object) -> str:
    """A period label (FY2024-25, CY2024, 2024-07, ...), checked."""
    label = str(value)
    try:
        parse_period(label)
    except PeriodError as exc:
        entry.add(key, str(exc))
    return label


def periods(entry: Entry, key: str, value: object) -> tuple[str, ...]:
    labels = strings(entry, key, value)
    for label in labels:
        period(entry, key, label)
    return labels


def check_refs(entry: Entry, spec: Field, value: object) -> None:
    """Report ids in ``value`` that are not in the register ``spec.refers_to``."""
    known = entry.refs.sources if spec.refers_to == "sources" else entry.refs.series
    if not known:
        return
    ids = (value,) if isinstance(value, str) else value if isinstance(value, tuple) else ()
    kind = "source" if spec.refers_to == "sources" else "series"
    for one in ids:
        if one not in known:
            entry.add(spec.key, f"unknown {kind} id {quoted(one)}")
