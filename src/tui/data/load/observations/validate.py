"""The row rules of the observations file: ids, periods and calendars, status, basis, unit,
qualifier, value, preferred and duplicate keys. Every row that breaks a rule is reported."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.data.fiscal import Period, PeriodError, parse_period
from tui.data.load.files import DataFile
from tui.data.model import BASES, QUALIFIERS, STATUSES, Series, Source
from tui.data.record import field, mutable_record
from tui.data.text import (
    MAX_LINE_CHARS,
    MAX_TEXT_CHARS,
    MULTILINE,
    describe,
    quoted,
    unsafe_pattern,
)

if TYPE_CHECKING:
    import pandas as pd


@mutable_record
class Rows:
    """The rows being checked, columns derived from them, and the problems found as
    (line, message); see :func:`rows_of`."""

    frame: pd.DataFrame
    sources: dict[str, Source]
    series: dict[str, Series]
    status: pd.Series  # the status column with "ok" as ""
    raw: pd.Series  # the value column as written (stripped)
    values: pd.Series  # the value column as numbers (NaN where none or not a number)
    missing: pd.Series  # rows marked missing
    preferred_text: pd.Series  # the preferred column in lower case
    preferred: pd.Series  # rows marked preferred
    problems: list[tuple[int, str]] = field(default_factory=list)
    periods: dict[str, Period] = field(default_factory=dict)  # the labels that parse

    def flag(self, mask: pd.Series, make: Callable[[pd.Series], str]) -> None:
        """Report ``make(row)`` at the line of every row in ``mask``."""
        if mask.any():
            for _, row in self.frame[mask].iterrows():
                self.problems.append((int(row["line"]), make(row)))


def rows_of(frame: pd.DataFrame, sources: dict[str, Source], series: dict[str, Series]) -> Rows:
    import pandas as pd

    status = frame["status"].replace("ok", "")
    raw = frame["value"].str.strip()
    preferred_text = frame["preferred"].str.lower()
    return Rows(
        frame,
        sources,
        series,
        status=status,
        raw=raw,
        values=pd.to_numeric(raw, errors="coerce"),
        missing=status == "missing",
        preferred_text=preferred_text,
        preferred=preferred_text.isin(["yes", "true"]),
    )


def check_rows(rows: Rows) -> None:
    """Apply every row rule, in turn (each may use what an earlier one found)."""
    rules = (_ids, _periods, _calendars, _status, _basis, _units, _qualifiers, _values)
    for rule in (*rules, _preferred, _duplicates):
        rule(rows)


def _ids(rows: Rows) -> None:
    df = rows.frame
    rows.flag(df["series"] == "", lambda r: "empty series id")
    if rows.series:
        rows.flag(
            (df["series"] != "") & ~df["series"].isin(list(rows.series)),
            lambda r: f"unknown series id {quoted(r['series'])}",
        )
    rows.flag(df["source"] == "", lambda r: "empty source id")
    if rows.sources:
        rows.flag(
            (df["source"] != "") & ~df["source"].isin(list(rows.sources)),
            lambda r: f"unknown source id {quoted(r['source'])}",
        )


def _periods(rows: Rows) -> None:
    bad: dict[str, str] = {}
    for label in rows.frame["period"].unique():
        try:
            rows.periods[label] = parse_period(label)
        except PeriodError as exc:
            bad[label] = str(exc)
    rows.flag(rows.frame["period"].isin(list(bad)), lambda r: bad[r["period"]])


def _calendars(rows: Rows) -> None:
    """A calendar-year series has CY periods; a fiscal-year series has none."""
    if not rows.series:
        return
    df = rows.frame
    cy_ids = [s.id for s in rows.series.values() if s.calendar == "cy"]
    is_cy_period = df["period"].str.startswith("CY")
    ok_period = df["period"].isin(list(rows.periods))
    rows.flag(
        ok_period & df["series"].isin(cy_ids) & ~is_cy_period,
        lambda r: (
            f"series {quoted(r['series'])} is in calendar years; period must be CY… not "
            f"{quoted(r['period'])}"
        ),
    )
    fy_ids = [s.id for s in rows.series.values() if s.calendar == "fy"]
    rows.flag(
        ok_period & df["series"].isin(fy_ids) & is_cy_period,
        lambda r: (
            f"series {quoted(r['series'])} is in fiscal years; {quoted(r['period'])} is a "
            "calendar-year period"
        ),
    )


def _status(rows: Rows) -> None:
    rows.flag(
        ~rows.status.isin(list(STATUSES)),
        lambda r: (
            f"status {quoted(r['status'])} must be empty, ok, conflict, rounding, missing or "
            "erratum"
        ),
    )


def _basis(rows: Rows) -> None:
    df = rows.frame
    rows.flag(
        (df["basis"] != "") & ~df["basis"].isin(list(BASES)),
        lambda r: f"basis {quoted(r['basis'])} is not one of {', '.join(BASES)}",
    )


def _units(rows: Rows) -> None:
    """One unit per series: a row's own unit must be its series' unit."""
    if not rows.series:
        return
    df = rows.frame
    units = {sid: s.unit for sid, s in rows.series.items()}
    rows.flag(
        (df["unit"] != "")
        & df["series"].isin(list(units))
        & (df["unit"] != df["series"].map(units)),
        lambda r: (
            f"unit {quoted(r['unit'])} differs from series {quoted(r['series'])} unit "
            f"'{units[r['series']]}': one unit per series (give the value in the series "
            "unit as published, or put it in a series of its own)"
        ),
    )


def _qualifiers(rows: Rows) -> None:
    rows.flag(
        ~rows.frame["qualifier"].isin(list(QUALIFIERS)),
        lambda r: f"qualifier {quoted(r['qualifier'])} must be empty, '>', '<' or '~'",
    )


def _values(rows: Rows) -> None:
    """A number, as plain digits, unless the row is marked missing (then no value)."""
    missing = rows.missing
    rows.flag(
        missing & (rows.raw != ""),
        lambda r: f"value {quoted(r['value'])} given for a row marked missing",
    )
    rows.flag(
        ~missing & (rows.raw == ""),
        lambda r: "empty value (mark the row status=missing and say why in note)",
    )
    bad_num = ~missing & (rows.raw != "") & (rows.values.isna() | ~rows.values.map(_finite))
    rows.flag(bad_num, _not_a_number)


def _not_a_number(r: pd.Series) -> str:
    hint = " (write plain digits, e.g. 1100)" if "," in r["value"] or "$" in r["value"] else ""
    return f"value {quoted(r['value'])} is not a number{hint}"


def _finite(x: float) -> bool:
    return isinstance(x, float) and math.isfinite(x) or isinstance(x, int)


def _preferred(rows: Rows) -> None:
    """preferred is yes (or true) or empty; a preferred value says why, and is no erratum."""
    df = rows.frame
    pref = df["preferred"].str.lower()
    rows.flag(
        ~pref.isin(["", "yes", "no", "true", "false"]),
        lambda r: f"preferred {quoted(r['preferred'])} must be yes or empty",
    )
    rows.preferred = is_pref = pref.isin(["yes", "true"])
    rows.flag(
        is_pref & (df["reason"].str.strip() == ""), lambda r: "preferred value needs a reason"
    )
    rows.flag(is_pref & (rows.status == "erratum"), lambda r: "an erratum cannot be preferred")


def _duplicates(rows: Rows) -> None:
    """One row per series, period and source."""
    df = rows.frame
    dup = df.duplicated(["series", "period", "source"], keep=False)
    if not dup.any():
        return
    first_line: dict[tuple[str, str, str], int] = {}
    for _, row in df[dup].iterrows():
        key = (row["series"], row["period"], row["source"])
        if key not in first_line:
            first_line[key] = int(row["line"])
            continue
        rows.problems.append(
            (
                int(row["line"]),
                f"duplicate key: series {quoted(key[0])}, period {quoted(key[1])}, source "
                f"{quoted(key[2])} already at line {first_line[key]}",
            )
        )


def check_text(rows: Rows, file: DataFile, text: str, broken_cells: bool) -> None:
    """The one text rule for the observations: characters no cell may hold (found by one
    scan of the file), tabs or line breaks in one-line columns, and over-long cells."""
    _unsafe_characters(rows, file, text)
    # a cell spans lines: the longest line no longer bounds a cell's length
    longest = len(text) if broken_cells else max(map(len, file.lines.lines), default=0)
    multiline = broken_cells or "\t" in text
    if longest <= MAX_LINE_CHARS and not multiline:
        return  # the common case: no cell can break the rules below
    df = rows.frame
    lines = df["line"]
    for col in (c for c in df.columns if c != "line"):
        cells = df[col]
        limit = MAX_TEXT_CHARS if col in MULTILINE else MAX_LINE_CHARS
        if longest > limit:
            lengths = cells.str.len()
            for n, size in zip(lines[lengths > limit], lengths[lengths > limit], strict=True):
                rows.problems.append(
                    (int(n), f"{col} is {size:,} characters long; the limit is {limit:,}")
                )
        if col not in MULTILINE and multiline:
            spans = ", ".join(sorted(MULTILINE))
            for n in lines[cells.str.contains("[\t\n]", regex=True)]:
                rows.problems.append(
                    (int(n), f"{col} contains a tab or line break; only {spans} may span lines")
                )


def _unsafe_characters(rows: Rows, file: DataFile, text: str) -> None:
    line, pos = 1, 0
    found: dict[int, list[str]] = {}
    scan = unsafe_pattern().finditer(text) if file.unsafe else ()
    for m in scan:
        line += text.count("\n", pos, m.start())
        pos = m.start()
        chars = found.setdefault(line, [])
        if m.group() not in chars:
            chars.append(m.group())
    for n, chars in found.items():
        rows.problems.append((n, "contains " + ", ".join(describe(c) for c in chars)))
