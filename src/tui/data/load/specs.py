"""The field specs of each TOML table: what a source, series, quote, statement or claim
entry holds. The keys are the records' field names (see tui.data.model)."""

from __future__ import annotations

from tui.data.load.entries import TableSpec
from tui.data.load.fields import (
    Entry,
    Field,
    date,
    number,
    one_id,
    one_of,
    optional_id,
    period,
    periods,
    strings,
    text,
    whole_number,
)
from tui.data.model import BASES, GROUPS, QUALIFIERS
from tui.data.text import quoted

_BASES = ", ".join(BASES)


def _named_basis(basis: str) -> str:
    return f"basis {basis!r} is not one of {_BASES}"


def _web_address(entry: Entry, key: str, value: object) -> str:
    url = text(entry, key, value)
    if not url.startswith(("http://", "https://")):
        entry.add(key, f"url {quoted(url)} must start with http:// or https://")
    return url


def _as_written(entry: Entry, key: str, value: object) -> object:
    return value


# an item's own basis, when it names one
_OWN_BASIS = Field("basis", one_of(BASES, _named_basis, blank=True))

SOURCE = TableSpec(
    "source",
    (
        Field("title", text, required=True),
        Field("publisher", text, required=True),
        Field("date", date, required=True),
        Field("url", _web_address, required=True),
        Field(
            "basis",
            one_of(BASES, lambda b: f"basis {quoted(b)} is not one of {_BASES}"),
            required=True,
        ),
        Field(
            "reliability",
            one_of(("normal", "low"), lambda _: "reliability must be 'normal' or 'low'", "normal"),
        ),
        Field("note", text),
    ),
)

SERIES = TableSpec(
    "series",
    (
        Field("name", text, required=True),
        Field(
            "group",
            one_of(GROUPS, lambda g: f"group {quoted(g)} is not one of {', '.join(GROUPS)}"),
            required=True,
        ),
        Field("unit", text, required=True),
        Field("parent", optional_id),
        Field("calendar", one_of(("fy", "cy"), lambda _: "calendar must be 'fy' or 'cy'", "fy")),
        Field("order", whole_number),
        Field("description", text),
        Field("short", text),
    ),
)

QUOTE = TableSpec(
    "quote",
    (
        Field("speaker", text, required=True),
        Field("person", text),
        Field("role", text),
        Field("organisation", text),
        Field("date", date),
        Field("outlet", text),
        Field("source", text, required=True, refers_to="sources"),
        Field(
            "kind",
            one_of(
                ("direct", "reported"), lambda k: f"kind {quoted(k)} must be 'direct' or 'reported'"
            ),
            required=True,
        ),
        Field("text", text),
        Field("topics", strings),
        Field("series", strings, refers_to="series"),
        Field("periods", periods),
        Field("note", text),
        # checked together by the quotes' own rule (tui.data.load.tables)
        Field("claim_series", _as_written),
        Field("claim_period", _as_written),
        Field("claim_value", _as_written),
        _OWN_BASIS,
        Field("person_note", text),
    ),
)

STATEMENT = TableSpec(
    "statement",
    (
        Field("label", text, required=True),
        Field("sources", strings, required=True, refers_to="sources"),
        Field("value", number),
        Field(
            "qualifier",
            one_of(QUALIFIERS, lambda q: f"qualifier {quoted(q)} must be empty, >, < or ~"),
        ),
        Field("unit", text),
        Field("items", strings),
        Field("excerpt", text),
        Field("note", text),
        _OWN_BASIS,
    ),
)

CLAIM = TableSpec(
    "claim",
    (
        Field("series", one_id, required=True, refers_to="series", vital=True),
        Field("from_period", period, required=True, vital=True),
        Field("to_period", period, required=True, vital=True),
        Field("quoted_pct", number, required=True, vital=True),
        Field("source", one_id, required=True, refers_to="sources"),
        Field("excerpt", text),
        Field("note", text),
    ),
)
