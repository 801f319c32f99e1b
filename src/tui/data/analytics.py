"""Analytics shared by every pane and the CLI.

Each result says why when it cannot be computed (a gap, a partial year against a full
one, a bound such as "over $1.1bn", zero or negative values) instead of guessing.
"""

from __future__ import annotations

import math

from tui.data.facts import Facts, Figure
from tui.data.fiscal import Period, fy_label, parse_period
from tui.data.model import Claim, Quote
from tui.data.numbers import exact
from tui.data.record import field, record


@record
class Change:
    """A change between two figures; ``refused`` says why it was not computed."""

    base: Figure | None
    current: Figure | None
    absolute: float | None = None
    pct: float | None = None
    qualifier: str = ""  # "~" when an input was approximate
    refused: str = ""
    note: str = ""  # e.g. "same 10 months"

    @property
    def ok(self) -> bool:
        return self.pct is not None or self.absolute is not None


def _qual_for_change(a: Figure, b: Figure) -> tuple[str, str]:
    """(qualifier, refusal) for a change between two figures with qualifiers."""
    quals = {a.qualifier, b.qualifier} - {""}
    if quals & {">", "<"}:
        return "", 'a value is a bound ("over"/"under"), so the change is not known'
    return ("~" if "~" in quals else ""), ""


def change(base: Figure, current: Figure) -> Change:
    if not base.ok:
        return Change(base, current, refused=f"{base.period.short}: {base.missing_reason}")
    if not current.ok:
        return Change(base, current, refused=f"{current.period.short}: {current.missing_reason}")
    if base.period.is_partial != current.period.is_partial or (
        base.period.months != current.period.months
    ):
        return Change(
            base,
            current,
            refused=f"{current.period.short} and {base.period.short} cover different months",
        )
    qual, refused = _qual_for_change(base, current)
    if refused:
        return Change(base, current, refused=refused)
    assert base.value is not None and current.value is not None
    absolute = current.value - base.value
    pct = None if base.value == 0 else absolute / abs(base.value) * 100.0
    note = f"same {current.period.months} months" if current.period.kind == "FYTD" else ""
    return Change(
        base, current, absolute, pct, qual, "" if pct is not None else "base is zero", note
    )


def yoy(facts: Facts, series_id: str, fy: int) -> Change:
    """Year-on-year change for a fiscal year (full years, or the same months of part-years)."""
    cur = facts.best_for_fy(series_id, fy)
    if cur.ok and cur.period.kind == "FYTD":
        prev = facts.figure(series_id, Period("FYTD", fy - 1, cur.period.months))
        if not prev.ok:
            return Change(
                prev,
                cur,
                refused=f"only {cur.period.months} months published for {fy_label(fy)}, and no "
                f"same-months figure for {fy_label(fy - 1)}",
            )
        return change(prev, cur)
    prev = facts.figure(series_id, Period("FY", fy - 1))
    return change(prev, cur)


def change_of(facts: Facts, fig: Figure) -> Change:
    """``fig`` against the same period a year earlier: the change always covers what the
    figure covers (a missing full year gets no part-year rate)."""
    p = fig.period
    if p.kind == "M":
        prev = Period("M", p.year - 1, 1, p.month)
    else:
        prev = Period(p.kind, p.year - 1, p.months)
    return change(facts.figure(fig.series, prev), fig)


def change_label(ch: Change) -> str:
    """What a change compares: ``FY vs FY``, ``10M vs 10M``, ``Jul vs Jul``."""
    cur = ch.current
    if cur is None or ch.pct is None:
        return ""
    p = cur.period
    if p.kind in ("FY", "CY"):
        return f"{p.kind} vs {p.kind}"
    if p.kind in ("FYTD", "CYTD"):
        return f"{p.months}M vs {p.months}M"
    return "same month"


def same_months(facts: Facts, series_id: str, fy: int) -> Change | None:
    """The longest part-year of ``fy`` compared with the same months a year earlier."""
    parts = [p for p in facts.periods_of(series_id) if p.kind == "FYTD" and p.year == fy]
    for p in sorted(parts, key=lambda p: -p.months):
        cur = facts.figure(series_id, p)
        prev = facts.figure(series_id, Period("FYTD", fy - 1, p.months))
        if cur.ok and prev.ok:
            return change(prev, cur)
    return None


def month_yoy(facts: Facts, fig: Figure) -> Change:
    p = fig.period
    prev = facts.figure(fig.series, Period("M", p.year - 1, 1, p.month))
    return change(prev, fig)


def cagr(facts: Facts, series_id: str, fy_from: int, fy_to: int) -> Change:
    """Compound annual growth between two full fiscal years; refused across gaps or zero."""
    if fy_to <= fy_from:
        return Change(None, None, refused="the end year must come after the start year")
    figs = [facts.figure(series_id, Period("FY", y)) for y in range(fy_from, fy_to + 1)]
    gaps = [f.period.short for f in figs if not f.ok]
    first, last = figs[0], figs[-1]
    if gaps:
        return Change(
            first, last, refused=f"gap in the series: no full-year figure for {', '.join(gaps)}"
        )
    assert first.value is not None and last.value is not None
    if any(f.value is not None and f.value <= 0 for f in figs):
        return Change(first, last, refused="CAGR is undefined across zero or negative values")
    qual, refused = _qual_for_change(first, last)
    if refused:
        return Change(first, last, refused=refused)
    years = fy_to - fy_from
    rate = (math.pow(last.value / first.value, 1.0 / years) - 1.0) * 100.0
    return Change(first, last, last.value - first.value, rate, qual, note=f"over {years} years")


@record
class Ratio:
    """A ratio of two figures; ``refused`` says why it was not computed."""

    numerator: Figure
    denominator: Figure
    value: float | None
    qualifier: str = ""
    refused: str = ""


def ratio(num: Figure, den: Figure) -> Ratio:
    """num / den. A lower bound over an exact value stays a lower bound ("over 146x")."""
    if not num.ok:
        return Ratio(num, den, None, refused=f"{num.period.short}: {num.missing_reason}")
    if not den.ok:
        return Ratio(num, den, None, refused=f"{den.period.short}: {den.missing_reason}")
    if num.period != den.period:
        return Ratio(
            num,
            den,
            None,
            refused=f"{num.period.short} and {den.period.short} are different periods",
        )
    assert num.value is not None and den.value is not None
    if den.value == 0:
        return Ratio(num, den, None, refused="division by zero")
    if den.qualifier in (">", "<"):
        return Ratio(num, den, None, refused="the denominator is only a bound")
    qual = num.qualifier if num.qualifier in (">", "<", "~") else ""
    if den.qualifier == "~" and not qual:
        qual = "~"
    return Ratio(num, den, num.value / den.value, qual)


def share(part: Figure, whole: Figure) -> Ratio:
    """Share of ``whole`` in percent (same period only)."""
    r = ratio(part, whole)
    if r.value is None:
        return r
    return Ratio(part, whole, r.value * 100.0, r.qualifier)


def ranks(values: dict[str, float | None]) -> dict[str, int]:
    """1 = largest; missing values get no rank. Ties share a rank."""
    present = sorted(((v, k) for k, v in values.items() if v is not None), reverse=True)
    out: dict[str, int] = {}
    last: float | None = None
    rank = 0
    for i, (v, k) in enumerate(present, start=1):
        if v != last:
            rank = i
            last = v
        out[k] = rank
    return out


@record
class HardwareView:
    """Software against hardware consultancy exports, and hardware imports, for one FY."""

    fy: int
    software: Figure
    hardware: Figure
    total: Figure
    sw_hw_ratio: Ratio
    hw_share_of_total: Ratio
    imports: list[Figure] = field(default_factory=list)
    import_bill: Figure | None = None
    import_to_export: Ratio | None = None

    @property
    def import_to_export_label(self) -> str:
        """What the import-bill ratio divides by what, short enough for a table row:
        ``PBS goods / SBP hw services`` (goods imports over consultancy services exports)."""
        bill = self.import_bill
        goods = f"{bill.basis} " if bill is not None and bill.basis else ""
        services = f"{self.hardware.basis} " if self.hardware.basis else ""
        return f"{goods}goods / {services}hw services"


def software_vs_hardware(facts: Facts, fy: int) -> HardwareView:
    """Software consultancy against hardware consultancy, and the hardware import bill."""
    m = facts.ds.manifest
    period = Period("FY", fy)
    sw = facts.figure(m.software_series, period)
    hw = facts.figure(m.hardware_export_series, period)
    total = facts.figure(m.total_series, period)
    imports = [
        facts.best_for_fy(sid, fy) for sid in m.hardware_import_series if sid in facts.ds.series
    ]
    bill = imports[0] if len(imports) == 1 else None
    return HardwareView(
        fy=fy,
        software=sw,
        hardware=hw,
        total=total,
        sw_hw_ratio=ratio(sw, hw),
        hw_share_of_total=share(hw, total),
        imports=imports,
        import_bill=bill,
        import_to_export=ratio(bill, hw) if bill is not None else None,
    )


@record
class ClaimCheck:
    """A growth rate a source quotes, recomputed from the published figures."""

    claim: Claim
    base: Figure
    current: Figure
    recomputed: float | None
    low: float | None  # range the inputs' rounding allows
    high: float | None
    verdict: str  # agrees | rounding | disagrees | unchecked

    @property
    def flagged(self) -> bool:
        return self.verdict in ("rounding", "disagrees")

    @property
    def kind(self) -> str:
        """The kind of rate quoted: YoY, MoM or period to date (from the two periods)."""
        return rate_kind(self.base.period, self.current.period)

    @property
    def wording(self) -> str:
        """``consistent within rounding``, ``disagrees`` or ``cannot check``."""
        return {
            "agrees": "consistent within rounding",
            "rounding": "consistent within rounding",
            "disagrees": "disagrees",
        }.get(self.verdict, "cannot check")

    @property
    def summary(self) -> str:
        c = self.claim
        quoted = f"quoted {_signed(c.quoted_pct)}% ({self.kind})"
        if self.recomputed is None:
            bound = {self.base.qualifier, self.current.qualifier} & {">", "<"}
            why = "a figure is only a bound" if bound else "a figure is missing"
            return f"{quoted}: cannot check ({why})"
        base = f"{_num(self.current)} / {_num(self.base)} gives {self.recomputed:+.2f}%"
        if self.verdict == "agrees":
            return f"{quoted}: consistent within rounding: {base}"
        if self.verdict == "rounding":
            return (
                f"{quoted}: consistent within rounding: {base}; the published figures' "
                f"rounding allows {self.low:+.1f}% to {self.high:+.1f}%"
            )
        return f"{quoted}: disagrees: {base}"

    @property
    def own_figures(self) -> bool:
        """Both figures are the claim's source's own (not the preferred values of others)."""
        return self.base.source == self.current.source == self.claim.source

    @property
    def pair(self) -> str:
        """``+24% vs +24.15%``: the quoted rate and the computed one (one of several)."""
        if self.recomputed is None:
            return f"{_signed(self.claim.quoted_pct)}% (not checkable)"
        return f"{_signed(self.claim.quoted_pct)}% vs {self.recomputed:+.2f}%"

    @property
    def short(self) -> str:
        """``quoted +189.32% vs computed +910.45%`` (a chart's caption)."""
        quoted = f"quoted {_signed(self.claim.quoted_pct)}%"
        if self.recomputed is None:
            return f"{quoted}, not checkable"
        return f"{quoted} vs computed {self.recomputed:+.2f}%"

    def versus(self, kind: bool = True) -> str:
        """The quoted rate against the one its figures give, for a table row's detail line
        and export: ``quoted +189.32% (YoY) vs computed +910.45% from the source's own
        figures 0.677 / 0.067: disagrees`` (without ``(YoY)`` when not ``kind``: the row's
        change column says which rate it is)."""
        if self.recomputed is None:
            return self.summary
        whose = "the source's own figures" if self.own_figures else "the preferred figures"
        which = f" ({self.kind})" if kind else ""
        return (
            f"quoted {_signed(self.claim.quoted_pct)}%{which} vs computed "
            f"{self.recomputed:+.2f}% from {whose} {_num(self.current)} / {_num(self.base)}: "
            f"{self.wording}"
        )


def rate_kind(base: Period, current: Period) -> str:
    """Name the rate between two periods: ``YoY``, ``MoM``, ``YoY, same 10 months`` ..."""
    if base.kind == current.kind == "M":
        months = (current.year - base.year) * 12 + (current.month - base.month)
        if months == 1:
            return "MoM"
        if months == 12:
            return "YoY"
    if base.kind == current.kind and current.year - base.year == 1:
        if base.kind in ("FY", "CY"):
            return "YoY, full year"
        if base.kind in ("FYTD", "CYTD") and base.months == current.months:
            return f"YoY, period to date ({current.months} months)"
    return f"{base.label} to {current.label}"


def _signed(x: float) -> str:
    return ("+" if x > 0 else "") + exact(x)


def _num(f: Figure) -> str:
    return f.raw or (exact(f.value) if f.value is not None else "—")


def _decimals_of(x: float) -> int:
    text = f"{x:g}"
    return len(text.split(".", 1)[1]) if "." in text else 0


def _as_cited(facts: Facts, series_id: str, period: str, source: str) -> Figure:
    """The figure as the claim's own source gives it, else the preferred one."""
    fig = facts.figure(series_id, period)
    own = [o for o in fig.observations if o.source == source and o.status == "ok"]
    if not own or own[0] is fig.chosen or own[0].value is None:
        return fig
    ob = own[0]
    raw = facts.raw_of(ob)
    return Figure(series_id, fig.period, ob.value, ob.qualifier, ob.unit, "ok", ob.note, (ob,), raw)


def check_claim(facts: Facts, claim: Claim) -> ClaimCheck:
    base = _as_cited(facts, claim.series, claim.from_period, claim.source)
    cur = _as_cited(facts, claim.series, claim.to_period, claim.source)
    if not (base.ok and cur.ok) or base.value in (None, 0) or cur.value is None:
        return ClaimCheck(claim, base, cur, None, None, None, "unchecked")
    if {base.qualifier, cur.qualifier} & {">", "<"}:
        return ClaimCheck(claim, base, cur, None, None, None, "unchecked")
    assert base.value is not None
    pct = (cur.value - base.value) / abs(base.value) * 100.0
    tol = 0.5 * 10 ** (-_decimals_of(claim.quoted_pct)) + 1e-9
    hb = 0.5 * 10 ** (-base.decimals)
    hc = 0.5 * 10 ** (-cur.decimals)
    lo = ((cur.value - hc) / (base.value + hb) - 1) * 100.0
    hi = ((cur.value + hc) / (base.value - hb) - 1) * 100.0 if base.value > hb else math.inf
    if abs(pct - claim.quoted_pct) <= tol:
        verdict = "agrees"
    elif lo - tol <= claim.quoted_pct <= hi + tol:
        verdict = "rounding"
    else:
        verdict = "disagrees"
    return ClaimCheck(claim, base, cur, pct, lo, hi, verdict)


def check_claims(facts: Facts) -> list[ClaimCheck]:
    return [check_claim(facts, c) for c in facts.ds.claims]


def claims_on(facts: Facts, ch: Change | None) -> tuple[ClaimCheck, ...]:
    """The rates sources quote for exactly this change: same series, same two periods."""
    if ch is None or ch.base is None or ch.current is None:
        return ()
    key = (ch.current.series, ch.base.period.label, ch.current.period.label)
    claims = facts.view(("claims_by_change",), lambda: _claims_by_change(facts)).get(key)
    if not claims:
        return ()
    # checked when first asked for: a pane shows the claims of its own rows only
    return facts.view(("claim_checks", key), lambda: tuple(check_claim(facts, c) for c in claims))


def _claims_by_change(facts: Facts) -> dict[tuple[str, str, str], tuple[Claim, ...]]:
    out: dict[tuple[str, str, str], tuple[Claim, ...]] = {}
    for c in facts.ds.claims:
        key = (c.series, parse_period(c.from_period).label, parse_period(c.to_period).label)
        out[key] = (*out.get(key, ()), c)
    return out


@record
class QuoteCheck:
    """A number a speaker states, set against the dataset's figure for it."""

    quote: Quote
    figure: Figure | None
    verdict: str  # none | agrees | disagrees | unchecked
    detail: str = ""


def check_quote(facts: Facts, quote: Quote) -> QuoteCheck:
    """Compare a number a speaker states with the dataset's figure for that series and period."""
    if quote.claim_series is None or quote.claim_period is None or quote.claim_value is None:
        return QuoteCheck(quote, None, "none")
    fig = facts.figure(quote.claim_series, quote.claim_period)
    if not fig.ok or fig.value is None:
        return QuoteCheck(quote, fig, "unchecked", f"no figure for {fig.period.short} in the data")
    said = quote.claim_value
    # a spoken figure is rounded: allow half a unit of its last significant digit
    # ("$265 million" +-0.5; "$3.2 billion", stored as 3200, +-50)
    tol = 0.5 * 10 ** (-_decimals_of(said))
    if said >= 1000 and said % 100 == 0:
        tol = max(tol, 50.0)
    diff = said - fig.value
    if abs(diff) <= tol:
        return QuoteCheck(quote, fig, "agrees", f"data: {exact(fig.value)}")
    return QuoteCheck(
        quote,
        fig,
        "disagrees",
        f"said {exact(said)}, data {exact(fig.value)} ({'+' if diff > 0 else ''}{exact(diff)})",
    )
