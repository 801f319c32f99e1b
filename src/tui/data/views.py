"""Ready-made views that the panes and the CLI render: plain data, no formatting."""

from __future__ import annotations

from tui.data.analytics import Change, Ratio, change, share, yoy
from tui.data.facts import Facts, Figure
from tui.data.fiscal import Period
from tui.data.model import Quote, Series, Statement
from tui.data.numbers import exact
from tui.data.record import record


@record
class TreeRow:
    """One category of the export tree for one FY."""

    series: Series
    depth: int
    figure: Figure
    share_parent: Ratio | None
    share_total: Ratio | None
    change: Change
    history: list[float | None]  # full-year values over facts.explorer_years
    has_children: bool

    @property
    def status(self) -> str:
        f = self.figure
        if not f.ok:
            return "missing"
        if f.status == "conflict":
            return "conflict"
        if f.is_partial:
            return "partial"
        return "full"


def category_tree(
    facts: Facts, fy: int, root: str | None = None, collapsed: frozenset[str] = frozenset()
) -> list[TreeRow]:
    """The export category tree for one fiscal year (computed once per year, root and fold).

    Categories under a ``collapsed`` one are left out: a tree of thousands stays cheap.
    """
    root = root or facts.ds.manifest.total_series
    key = ("category_tree", fy, root, collapsed)
    return list(facts.view(key, lambda: _category_tree(facts, fy, root, collapsed)))


def _category_tree(facts: Facts, fy: int, root: str, collapsed: frozenset[str]) -> list[TreeRow]:
    years = facts.explorer_years
    total = facts.best_for_fy(root, fy)
    rows: list[TreeRow] = []
    figs: dict[str, Figure] = {}
    hidden: set[str] = set()
    for depth, s in facts.tree(root):
        if s.parent is not None and (s.parent in collapsed or s.parent in hidden):
            hidden.add(s.id)
            continue
        fig = facts.best_for_fy(s.id, fy)
        figs[s.id] = fig
        parent_fig = figs.get(s.parent) if s.parent else None
        rows.append(
            TreeRow(
                series=s,
                depth=depth,
                figure=fig,
                share_parent=share(fig, parent_fig) if parent_fig is not None else None,
                share_total=share(fig, total) if depth > 0 else None,
                change=yoy(facts, s.id, fy),
                history=facts.annual_values(s.id, years),
                has_children=bool(facts.children(s.id)),
            )
        )
    return rows


@record
class CompareRow:
    """One category in two fiscal years side by side."""

    series: Series
    depth: int
    a: Figure
    b: Figure
    change: Change
    share_a: Ratio | None
    share_b: Ratio | None
    share_change_pts: float | None
    contribution: float | None  # share of the total's change, in percent


def compare(facts: Facts, fy_a: int, fy_b: int, root: str | None = None) -> list[CompareRow]:
    """Two fiscal years side by side, sorted by contribution to the total change."""
    root = root or facts.ds.manifest.total_series
    pa, pb = Period("FY", fy_a), Period("FY", fy_b)
    tot_a, tot_b = facts.figure(root, pa), facts.figure(root, pb)
    tot_change = change(tot_a, tot_b)
    rows: list[CompareRow] = []
    for depth, s in facts.tree(root):
        a, b = facts.figure(s.id, pa), facts.figure(s.id, pb)
        ch = change(a, b)
        sa = share(a, tot_a) if depth else None
        sb = share(b, tot_b) if depth else None
        pts = (
            sb.value - sa.value
            if sa is not None and sb is not None and sa.value is not None and sb.value is not None
            else None
        )
        contrib = (
            ch.absolute / tot_change.absolute * 100.0
            if ch.absolute is not None and tot_change.absolute
            else None
        )
        rows.append(CompareRow(s, depth, a, b, ch, sa, sb, pts, contrib))
    head, rest = rows[:1], rows[1:]
    rest.sort(key=lambda r: (r.contribution is None, -abs(r.contribution or 0.0)))
    return head + rest


@record
class HistoryRow:
    """One published period of a series, with its change where one is computed."""

    figure: Figure
    change: Change | None


def history(facts: Facts, series_id: str) -> list[HistoryRow]:
    """Every published period of a series, oldest first, full years with YoY (made once)."""
    return list(facts.view(("history", series_id), lambda: _history(facts, series_id)))


def _history(facts: Facts, series_id: str) -> list[HistoryRow]:
    out: list[HistoryRow] = []
    for p in facts.periods_of(series_id):
        fig = facts.figure(series_id, p)
        if p.kind == "FY":
            ch: Change | None = change(facts.figure(series_id, Period("FY", p.year - 1)), fig)
        elif p.kind == "CY":
            ch = change(facts.figure(series_id, Period("CY", p.year - 1)), fig)
        elif p.kind == "FYTD":
            ch = change(facts.figure(series_id, Period("FYTD", p.year - 1, p.months)), fig)
        elif p.kind == "M":
            ch = change(facts.figure(series_id, Period("M", p.year - 1, 1, p.month)), fig)
        else:
            ch = None
        out.append(HistoryRow(fig, ch))
    return out


def latest_months(facts: Facts, series_id: str, count: int = 6) -> list[HistoryRow]:
    rows = [r for r in history(facts, series_id) if r.figure.period.kind == "M" and r.figure.ok]
    return rows[-count:]


@record
class ImportRow:
    """One hardware import line for one FY."""

    series: Series
    depth: int
    figure: Figure
    change: Change
    history: list[float | None]


def import_rows(facts: Facts, fy: int) -> list[ImportRow]:
    """The hardware import lines for one fiscal year (computed once per year)."""
    return list(facts.view(("import_rows", fy), lambda: _import_rows(facts, fy)))


def _import_rows(facts: Facts, fy: int) -> list[ImportRow]:
    years = facts.explorer_years
    out: list[ImportRow] = []
    roots = [s for s in facts.series_in_group("imports") if s.parent is None]
    for root in roots:
        for depth, s in facts.tree(root.id):
            fig = facts.best_for_fy(s.id, fy)
            out.append(
                ImportRow(s, depth, fig, yoy(facts, s.id, fy), facts.annual_values(s.id, years))
            )
    return out


def assembly_rows(facts: Facts) -> list[tuple[Period, dict[str, Figure]]]:
    """Calendar-year handset figures: one row per period, one column per assembly series."""
    return list(facts.view("assembly_rows", lambda: _assembly_rows(facts)))


def _assembly_rows(facts: Facts) -> list[tuple[Period, dict[str, Figure]]]:
    series = facts.series_in_group("assembly")
    periods: dict[str, Period] = {}
    for s in series:
        for p in facts.periods_of(s.id):
            periods[p.label] = p
    out = []
    for p in sorted(periods.values(), key=lambda p: p.sort_key):
        out.append((p, {s.id: facts.figure(s.id, p) for s in series}))
    return out


@record
class PartsCheck:
    """How a parent's parts relate to it for one period (for a marker on the parent's row)."""

    parent: Figure
    other_basis: tuple[str, ...]  # child series whose figure rests on another basis
    parts_total: float  # sum of the children's live values
    exceeds: bool  # the parts add up past the parent

    @property
    def flagged(self) -> bool:
        return bool(self.other_basis) or self.exceeds

    @property
    def note(self) -> str:
        bits = []
        if self.other_basis:
            bits.append(f"parts on another basis than the total ({self.parent.basis}): ")
            bits[-1] += ", ".join(self.other_basis)
        if self.exceeds:
            bits.append(f"parts add to {exact(self.parts_total)}, past the total")
        return "; ".join(bits)


def parts_check(facts: Facts, series_id: str, period: Period) -> PartsCheck | None:
    """Children of ``series_id`` against it for ``period``; None without a parent value or
    live children."""
    parent = facts.figure(series_id, period)
    kids = [facts.figure(c.id, period) for c in facts.children(series_id)]
    kids = [k for k in kids if k.ok and k.value is not None]
    if not parent.ok or parent.value is None or not kids:
        return None
    other = tuple(k.series for k in kids if k.basis != parent.basis)
    total = sum(k.value for k in kids if k.value is not None)
    bound = any(k.qualifier in (">", "<") for k in kids)
    exceeds = not bound and total > parent.value + 0.5 * 10 ** (-parent.decimals)
    return PartsCheck(parent, other, total, exceeds)


def other_names(facts: Facts, quote: Quote) -> tuple[str, ...]:
    """The other names the sources print for the speaker of ``quote`` (same person id)."""
    return facts.view(("names", quote.person, quote.speaker), lambda: _other_names(facts, quote))


def _other_names(facts: Facts, quote: Quote) -> tuple[str, ...]:
    names = dict.fromkeys(q.speaker for q in facts.ds.quotes if q.person == quote.person)
    return tuple(n for n in names if n != quote.speaker)


def statement(facts: Facts, statement_id: str) -> Statement | None:
    return next((s for s in facts.ds.statements if s.id == statement_id), None)


def import_dependence(facts: Facts) -> Statement | None:
    """The structural statement on how much of hardware demand is imported."""
    hit = statement(facts, "hardware-import-dependence")
    if hit is not None:
        return hit
    return next(
        (s for s in facts.ds.statements if s.unit == "%" and "import" in s.label.lower()), None
    )
