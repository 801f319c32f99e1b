"""Figure lookups over a loaded dataset, cached per series.

A :class:`Figure` is what every pane and the CLI show: the chosen value for one series and
period (the preferred one where sources conflict), with every alternative and the reason a
value is missing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from functools import cached_property
from typing import Any, TypeVar, cast

from tui.data.agreement import decimals
from tui.data.fiscal import Period, fy_label, parse_period
from tui.data.model import OBSERVATION_FIELDS, Dataset, Observation, Series
from tui.data.numbers import exact
from tui.data.record import record

T = TypeVar("T")


@record
class Figure:
    """The figure shown for one series and period: the preferred value and all recorded."""

    series: str
    period: Period
    value: float | None
    qualifier: str
    unit: str
    status: str  # ok | rounding | conflict | missing | erratum
    note: str
    observations: tuple[Observation, ...]  # chosen first, then alternatives and errata
    raw: str = ""

    @property
    def chosen(self) -> Observation | None:
        return self.observations[0] if self.observations else None

    @property
    def source(self) -> str | None:
        ob = self.chosen
        return ob.source if ob is not None and self.value is not None else None

    @property
    def ok(self) -> bool:
        return self.value is not None

    @property
    def is_partial(self) -> bool:
        return self.period.is_partial

    @property
    def decimals(self) -> int:
        """Published precision: 3 for ``1438.827``; -2 for ``3200`` (as in "$3.2 billion")."""
        return decimals(self.raw)

    @property
    def basis(self) -> str:
        """What the shown value rests on (SBP, PBS, ...): its row's basis, else its source's."""
        ob = self.chosen
        return ob.basis if ob is not None and self.value is not None else ""

    @property
    def missing_reason(self) -> str:
        if self.value is not None:
            return ""
        if self.status == "erratum":
            return "only an erroneous figure was published; see the erratum"
        return self.note or "not published in the sources found"


def _obs_from_values(values: tuple[Any, ...], period: Period) -> Observation:
    """An Observation from one row's values in OBSERVATION_FIELDS order."""
    (
        series,
        _,
        value,
        qualifier,
        unit,
        source,
        status,
        preferred,
        reason,
        note,
        excerpt,
        basis,
        line,
    ) = values
    return Observation(
        series=series,
        period=period,
        value=None if value != value else float(value),  # NaN -> None
        qualifier=qualifier,
        unit=unit,
        source=source,
        status=status,
        preferred=bool(preferred),
        reason=reason,
        note=note,
        excerpt=excerpt,
        basis=basis,
        line=int(line),
    )


class Facts:
    """Cached lookups: the UI and CLI ask this for figures and never parse files."""

    def __init__(self, ds: Dataset) -> None:
        self.ds = ds
        self._by_series: dict[str, dict[str, list[Observation]]] = {}
        self._figures: dict[tuple[str, str], Figure] = {}
        self._labels: dict[str, dict[str, list[int]]] = {}
        self._at: dict[tuple[str, str], list[Observation]] = {}
        self._periods: dict[str, list[Period]] = {}
        self._pos_of_line: dict[int, int] = {}  # table row of each observation built so far
        self._views: dict[Hashable, Any] = {}

    @cached_property
    def _row_index(self) -> dict[str, list[int]]:
        """Table rows of each series, in table order."""
        return _positions(self.ds.table["series"])

    @cached_property
    def _source_index(self) -> dict[str, list[int]]:
        """Table rows citing each source, in table order."""
        return _positions(self.ds.table["source"])

    @cached_property
    def _columns(self) -> list[list[Any]]:
        """The observation columns in OBSERVATION_FIELDS order."""
        table = self.ds.table
        return [table[c] for c in OBSERVATION_FIELDS]

    def _label_rows(self, series_id: str) -> dict[str, list[int]]:
        """Table rows of a series by period label, in table order (no Observation built)."""
        hit = self._labels.get(series_id)
        if hit is None:
            hit = {}
            labels = self._columns[1]
            for p in self._row_index.get(series_id, ()):
                hit.setdefault(labels[p], []).append(p)
            self._labels[series_id] = hit
        return hit

    def _observations_at(self, series_id: str, label: str) -> list[Observation]:
        """Observations of one series and period label, the chosen one first (built once)."""
        key = (series_id, label)
        hit = self._at.get(key)
        if hit is None:
            rows = self._label_rows(series_id).get(label, [])
            period = self.ds.periods.get(label) or parse_period(label) if rows else None
            cols = self._columns
            hit = []
            for p in rows:
                assert period is not None
                ob = _obs_from_values(tuple(col[p] for col in cols), period)
                self._pos_of_line[ob.line] = p
                hit.append(ob)
            hit.sort(key=_choice_rank)
            self._at[key] = hit
        return hit

    def observations(self, series_id: str) -> dict[str, list[Observation]]:
        """All observations of a series by period label; the chosen one first in each list."""
        hit = self._by_series.get(series_id)
        if hit is None:
            # built per label on demand: a figure needs one period, not the whole series
            hit = {
                label: self._observations_at(series_id, label)
                for label in self._label_rows(series_id)
            }
            self._by_series[series_id] = hit
        return hit

    def view(self, key: Hashable, make: Callable[[], T]) -> T:
        """A computed view (a pane's rows for one FY, say), made once: the data never change."""
        if key in self._views:
            return cast("T", self._views[key])
        made = make()
        self._views[key] = made
        return made

    def figure(self, series_id: str, period: str | Period) -> Figure:
        label = period.label if isinstance(period, Period) else period
        key = (series_id, label)
        hit = self._figures.get(key)
        if hit is not None:
            return hit
        per = period if isinstance(period, Period) else parse_period(label)
        obs = self._observations_at(series_id, label)
        unit = self.ds.series[series_id].unit if series_id in self.ds.series else ""
        if not obs:
            fig = Figure(series_id, per, None, "", unit, "missing", "", ())
        else:
            top = obs[0]
            if top.status == "ok" and top.value is not None:
                status = self._agreement(series_id, label)
                fig = Figure(
                    series_id,
                    per,
                    top.value,
                    top.qualifier,
                    top.unit,
                    status,
                    top.note,
                    tuple(obs),
                    raw=self._raw(top),
                )
            else:
                note = next((o.note for o in obs if o.status == "missing" and o.note), "")
                status = "erratum" if all(o.status == "erratum" for o in obs) else "missing"
                fig = Figure(series_id, per, None, "", unit, status, note, tuple(obs))
        self._figures[key] = fig
        return fig

    def _agreement(self, series_id: str, label: str) -> str:
        """``conflict``, ``rounding`` (same figure at two precisions) or ``ok``."""
        pos = self._label_rows(series_id)[label][0]
        table = self.ds.table
        if table["conflict"][pos]:
            return "conflict"
        return "rounding" if table["rounding"][pos] else "ok"

    def raw_of(self, ob: Observation) -> str:
        """The value exactly as written in the CSV (keeps the published precision)."""
        return self._raw(ob)

    def _raw(self, ob: Observation) -> str:
        try:
            pos = self._pos_of_line.get(ob.line)
            return str(self._raw_column[self._line_pos[ob.line] if pos is None else pos])
        except (KeyError, IndexError):
            return _fmt_raw(ob.value)

    @cached_property
    def _raw_column(self) -> list[str]:
        return self.ds.table["raw"]

    @cached_property
    def _line_pos(self) -> dict[int, int]:
        return {int(line): i for i, line in enumerate(self.ds.table["line"])}

    # -- periods -----------------------------------------------------------------------------

    def periods_of(self, series_id: str) -> list[Period]:
        hit = self._periods.get(series_id)
        if hit is None:
            periods = self.ds.periods
            hit = sorted(
                (
                    periods.get(label) or parse_period(label)
                    for label in self._label_rows(series_id)
                ),
                key=lambda p: p.sort_key,
            )
            self._periods[series_id] = hit
        return list(hit)

    @cached_property
    def fiscal_years(self) -> list[int]:
        """Fiscal years with a full-year figure in any exports or imports series."""
        full_year = re.compile(r"^FY\d{4}-\d{2}$")
        labels = {p for p in set(self.ds.table["period"]) if full_year.match(p)}
        return sorted({self.ds.periods[p].year for p in labels if p in self.ds.periods})

    @cached_property
    def explorer_years(self) -> list[int]:
        """The fiscal years the explorer steps through: first to last with export data."""
        total = self.ds.manifest.total_series
        years = {p.fy for p in self.periods_of(total) if p.fy is not None}
        if not years:
            return self.fiscal_years
        return list(range(min(years), max(years) + 1))

    @cached_property
    def latest_full_fy(self) -> int:
        total = self.ds.manifest.total_series
        full = [
            p.year for p in self.periods_of(total) if p.kind == "FY" and self.figure(total, p).ok
        ]
        if full:
            return max(full)
        return self.explorer_years[-1] if self.explorer_years else 2024

    def best_for_fy(self, series_id: str, fy: int) -> Figure:
        """The full-year figure if there is one, else the longest published part-year."""
        full = self.figure(series_id, Period("FY", fy))
        if full.ok:
            return full
        parts = [
            p
            for p in self.periods_of(series_id)
            if p.kind == "FYTD" and p.year == fy and self.figure(series_id, p).ok
        ]
        if parts:
            return self.figure(series_id, max(parts, key=lambda p: p.months))
        return full

    def annual_values(self, series_id: str, years: list[int]) -> list[float | None]:
        """The full-year values of ``years`` (None where missing): a history column or a
        sparkline, the same for every year a table is built for, so worked out once."""
        key = ("annual_values", series_id, tuple(years))
        values = self.view(
            key, lambda: tuple(self.figure(series_id, fy_label(y)).value for y in years)
        )
        return list(values)

    def months(self, series_id: str, fy: int | None = None) -> list[Figure]:
        out = [
            self.figure(series_id, p)
            for p in self.periods_of(series_id)
            if p.kind == "M" and (fy is None or p.fy == fy)
        ]
        return out

    @cached_property
    def _children(self) -> dict[str | None, list[Series]]:
        kids: dict[str | None, list[Series]] = {}
        for s in self.ds.series.values():
            kids.setdefault(s.parent, []).append(s)
        for lst in kids.values():
            lst.sort(key=lambda s: (s.order, s.name))
        return kids

    def children(self, series_id: str | None) -> list[Series]:
        """The series whose parent is ``series_id`` (None: the roots), in display order."""
        return list(self._children.get(series_id, ()))

    def series_in_group(self, group: str) -> list[Series]:
        return sorted(
            (s for s in self.ds.series.values() if s.group == group),
            key=lambda s: (s.order, s.name),
        )

    def tree(self, root: str) -> list[tuple[int, Series]]:
        """Depth-first (depth, series) under and including ``root``."""
        out: list[tuple[int, Series]] = []
        # an explicit stack, not recursion: a deep chain must not hit the recursion limit
        stack = [(0, root)] if root in self.ds.series else []
        while stack:
            depth, sid = stack.pop()
            out.append((depth, self.ds.series[sid]))
            stack.extend((depth + 1, c.id) for c in reversed(self._children.get(sid, ())))
        return out

    def citing(self, source_id: str) -> list[Observation]:
        cols = self._columns
        periods = self.ds.periods
        out = [
            _obs_from_values(tuple(col[p] for col in cols), periods[cols[1][p]])
            for p in self._source_index.get(source_id, ())
        ]
        return sorted(out, key=lambda o: (o.series, o.period.sort_key))

    def source_counts(self) -> dict[str, int]:
        """How many observations cite each source."""
        return {sid: len(rows) for sid, rows in self._source_index.items()}

    def conflicts(self) -> list[Figure]:
        table = self.ds.table
        keys = dict.fromkeys(
            (s, p)
            for s, p, c in zip(table["series"], table["period"], table["conflict"], strict=True)
            if c
        )
        figs = [self.figure(s, p) for s, p in keys]
        return sorted(figs, key=lambda f: (f.series, f.period.sort_key))


def _positions(column: list[str]) -> dict[str, list[int]]:
    """The row positions of each value of ``column``, in table order."""
    index: dict[str, list[int]] = {}
    for pos, value in enumerate(column):
        rows = index.get(value)
        if rows is None:
            index[value] = [pos]
        else:
            rows.append(pos)
    return index


def _choice_rank(ob: Observation) -> tuple[int, int]:
    """Order observations: preferred live value, other live values, missing, errata."""
    if ob.status == "ok" and ob.value is not None:
        return (0 if ob.preferred else 1, ob.line)
    if ob.status == "missing":
        return (2, ob.line)
    return (3, ob.line)


def _fmt_raw(value: float | None) -> str:
    if value is None:
        return ""
    return exact(value)
