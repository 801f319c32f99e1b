"""The one generic reader of a TOML file's ``[[table]]`` entries, driven by field specs.

Every entry is checked in full: required keys, unknown keys, the text rule for every value,
its id (format and uniqueness), and each field's own check. Every problem is reported; an
entry that lacks a required key, has a bad id or a problem in a vital field yields no record.
"""

from __future__ import annotations

import re
from typing import Any

from tui.data.load.fields import Entry, Field, Refs, check_refs
from tui.data.load.files import DataFile
from tui.data.record import record
from tui.data.text import MAX_QUOTES, MAX_SERIES, MAX_SOURCES, quoted

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# most entries a [[table]] may hold (a sanity limit, see data/README.md)
MAX_ENTRIES = {
    "source": MAX_SOURCES,
    "series": MAX_SERIES,
    "quote": MAX_QUOTES,
    "statement": MAX_QUOTES,
    "claim": MAX_QUOTES,
}


@record
class TableSpec:
    """A ``[[table]]`` and its fields (besides ``id``, which every table has)."""

    table: str
    fields: tuple[Field, ...]

    @property
    def required(self) -> tuple[str, ...]:
        return ("id", *(f.key for f in self.fields if f.required))

    @property
    def known(self) -> frozenset[str]:
        return frozenset(("id", *(f.key for f in self.fields)))


def read_entries(file: DataFile, spec: TableSpec, refs: Refs) -> list[Entry]:
    """Each complete ``[[table]]`` entry of ``file``, its values checked (see the module)."""
    doc = file.read_toml()
    if doc is None:
        return []
    items = _items(file, doc, spec.table)
    starts = file.lines.blocks(spec.table)
    seen: dict[str, int] = {}
    out: list[Entry] = []
    for n, block in enumerate(items):
        line = starts[n] if n < len(starts) else 1
        if not isinstance(block, dict):
            file.add(line, f"[[{spec.table}]] entry {n + 1} is not a table")
            continue
        entry = Entry(file, line, block, refs)
        if not _keys_ok(entry, spec):
            continue
        entry.values["id"] = _check_id(entry, spec.table, seen)
        for one in spec.fields:
            _read_field(entry, one)
        out.append(entry)
    return out


def _items(file: DataFile, doc: dict[str, Any], table: str) -> list[object]:
    items = doc.get(table)
    if items is None:
        file.add(1, f"no [[{table}]] entries")
        return []
    if not isinstance(items, list):
        file.add(1, f"'{table}' must be an array of tables ([[{table}]])")
        return []
    limit = MAX_ENTRIES.get(table)
    if limit is not None and len(items) > limit:
        file.add(1, f"{len(items):,} [[{table}]] entries; the limit is {limit:,}")
        return []
    return items


def _keys_ok(entry: Entry, spec: TableSpec) -> bool:
    """Report missing required keys, unknown keys and text the text rule refuses."""
    ok = True
    for key in spec.required:
        value = entry.block.get(key)
        if key not in entry.block or (isinstance(value, str) and not value.strip()):
            entry.file.add(entry.line, f"[[{spec.table}]] is missing required key '{key}'")
            ok = False
    known = spec.known
    for key, value in entry.block.items():
        if key not in known:
            entry.add(key, f"unknown key {quoted(key)} in [[{spec.table}]]")
        entry.file.check_text(entry.at(key), key, value)
    return ok


def _check_id(entry: Entry, kind: str, seen: dict[str, int]) -> str:
    value = entry.block["id"]
    if not isinstance(value, str) or not _ID.match(value):
        message = f"{kind} id {quoted(value)} must be lower-case letters, digits, '-' or '_'"
        entry.file.add(entry.line, message)
        entry.usable = False
        return ""
    if value in seen:
        message = f"duplicate {kind} id {quoted(value)} (first at line {seen[value]})"
        entry.file.add(entry.line, message)
        entry.usable = False
        return ""
    seen[value] = entry.line
    return value


def _read_field(entry: Entry, spec: Field) -> None:
    before = len(entry.file.problems)
    value = spec.check(entry, spec.key, entry.block.get(spec.key))
    if spec.refers_to is not None:
        check_refs(entry, spec, value)
    if spec.vital and len(entry.file.problems) > before:
        entry.usable = False
    entry.values[spec.key] = value
