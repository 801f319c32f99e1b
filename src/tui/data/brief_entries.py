"""The brief's entries: a figure as published, a computed ratio, a rechecked growth rate, a
statement or a quote, each a run of spans that cites its sources by number."""

from __future__ import annotations

from tui.data import fmt
from tui.data.analytics import Change, Ratio, check_claim, yoy
from tui.data.brief_model import Citation, Entry, Span
from tui.data.facts import Facts, Figure
from tui.data.glyphs import ASCII
from tui.data.model import Quote, Statement
from tui.data.numbers import published
from tui.data.record import field, mutable_record

QUALIFIER_WORDS = {">": "lower bound", "<": "upper bound", "~": "approximate"}


@mutable_record
class EntryMaker:
    """Makes the entries of one brief and numbers the sources they cite, in order."""

    facts: Facts
    fy: int
    topic: str
    numbers: dict[str, int] = field(default_factory=dict)

    def cite(self, source_id: str) -> Span:
        number = self.numbers.setdefault(source_id, len(self.numbers) + 1)
        return Span("cite", ref=number)

    def citations(self) -> tuple[Citation, ...]:
        out = []
        for sid, number in self.numbers.items():
            src = self.facts.ds.sources.get(sid)
            if src is None:
                out.append(Citation(number, sid, sid, "", "(not in the sources register)", ""))
            else:
                out.append(Citation(number, sid, src.publisher, src.date, src.title, src.url))
        return tuple(out)

    def series_name(self, series_id: str) -> str:
        s = self.facts.ds.series.get(series_id)
        return s.name if s else series_id

    # -- figures ---------------------------------------------------------------------------

    def value_spans(self, fig: Figure) -> list[Span]:
        """``3,810 US$ million (SBP) [1]``: the value as published, its basis and source."""
        text = _with_unit(fmt.value(fig), fig.unit)
        notes = [w for w in (QUALIFIER_WORDS.get(fig.qualifier, ""), fig.basis) if w]
        out = [Span("text", text + (f" ({'; '.join(notes)})" if notes else ""))]
        if fig.source is not None:
            out.append(self.cite(fig.source))
        return out

    def figure_entry(self, series_id: str) -> Entry:
        fig = self.facts.best_for_fy(series_id, self.fy)
        spans = [Span("strong", self.series_name(series_id)), Span("text", f", {_period(fig)}: ")]
        if not fig.ok:
            spans.append(Span("text", f"not available ({fig.missing_reason})."))
            return Entry("figure", series_id, "", tuple(spans))
        spans += self.value_spans(fig)
        spans += self.alternatives(fig)
        spans += self.change_spans(yoy(self.facts, series_id, self.fy))
        return Entry("figure", series_id, fmt.value(fig), tuple(spans))

    def alternatives(self, fig: Figure) -> list[Span]:
        """Other values the sources publish for the same series and period."""
        chosen = fig.chosen
        others: dict[str, list[str]] = {}
        for ob in fig.observations:
            if ob is chosen or ob.status != "ok" or ob.value is None or ob.value == fig.value:
                continue
            shown = ob.qualifier + published(self.facts.raw_of(ob), ob.value)
            others.setdefault(shown, []).append(ob.source)
        if not others:
            return []
        if fig.status == "rounding":
            head = "; the same figure at another precision: "
        else:
            head = "; sources differ, also published: "
        out = [Span("text", head)]
        for i, (shown, sources) in enumerate(others.items()):
            out.append(Span("text", (", " if i else "") + shown))
            out += [self.cite(sid) for sid in dict.fromkeys(sources)]
        if fig.status == "conflict" and chosen is not None and chosen.reason:
            out.append(Span("text", f" (the value shown is preferred: {chosen.reason})"))
        return out

    def change_spans(self, ch: Change) -> list[Span]:
        base = ch.base
        if base is None:
            return [Span("text", ".")]
        out = [Span("text", f". Change from {_period(base)}")]
        if base.ok:
            out.append(Span("text", " ("))
            out += self.value_spans(base)
            out.append(Span("text", ")"))
        if not base.ok:
            out.append(Span("text", f": not computed (no {base.period.label} figure)."))
            return out
        if ch.pct is None:
            out.append(Span("text", f": not computed ({ch.refused or 'no base'})."))
            return out
        note = f", {ch.note}" if ch.note else ""
        out.append(Span("text", ": "))
        out.append(Span("computed", f"computed {fmt.pct(ch.pct, ch.qualifier, ASCII)}{note}"))
        out.append(Span("text", "."))
        return out

    def ratio_entry(self, key: str, label: str, r: Ratio, suffix: str) -> Entry:
        spans = [Span("strong", label), Span("text", f", {_period(r.numerator)}: ")]
        if r.value is None:
            spans.append(Span("text", f"not computed ({r.refused})."))
            return Entry("ratio", key, "", tuple(spans))
        shown = fmt.ratio_text(r, suffix, ASCII)
        spans.append(Span("computed", f"computed {shown}"))
        spans.append(Span("text", " from "))
        spans += self.value_spans(r.numerator)
        spans.append(Span("text", " and "))
        spans += self.value_spans(r.denominator)
        spans.append(Span("text", "."))
        return Entry("ratio", key, shown, tuple(spans))

    # -- checks, statements, quotes ----------------------------------------------------------

    def claim_entries(self, shown: dict[str, str]) -> list[Entry]:
        """Checks of the growth rates quoted up to a figure the brief shows (series: period)."""
        out = []
        for claim in self.facts.ds.claims:
            if shown.get(claim.series) != claim.to_period:
                continue
            check = check_claim(self.facts, claim)
            spans = [
                Span("strong", self.series_name(claim.series)),
                Span("text", f", {claim.from_period} to {claim.to_period}: "),
                Span("text", f"the source quotes {claim.quoted_pct:+g}%"),
                self.cite(claim.source),
                Span("text", ". Check: "),
                Span("computed", check.summary),
                Span("text", "."),
            ]
            out.append(Entry("claim", claim.id, f"{claim.quoted_pct:+g}%", tuple(spans)))
        return out

    def statement_entry(self, st: Statement) -> Entry:
        shown = ""
        if st.value is not None:
            shown = _with_unit(f"{st.qualifier}{fmt.number(st.value)}", st.unit)
        spans = [Span("strong", st.label)]
        if shown:
            word = QUALIFIER_WORDS.get(st.qualifier)
            spans.append(Span("text", f": {shown}" + (f" ({word})" if word else "")))
        if st.items:
            spans.append(Span("text", f" ({', '.join(st.items)})"))
        spans += [self.cite(sid) for sid in st.sources]
        dates = [self.facts.ds.sources[s].date for s in st.sources if s in self.facts.ds.sources]
        when = f"; source dated {dates[0]}" if dates else ""
        spans.append(Span("text", f". No period stated{when}."))
        if st.basis:
            spans.append(Span("text", f" Basis: {st.basis}."))
        if st.note:
            spans.append(Span("text", f" Note: {st.note}"))
        return Entry("statement", st.id, shown, tuple(spans))

    def quote_entry(self, q: Quote) -> Entry:
        who = ", ".join(x for x in (q.speaker, q.role) if x)
        spans: list[Span]
        if q.is_direct:
            spans = [Span("quote", q.text), Span("text", f" ({who}; {q.outlet}, {q.date}; ")]
            spans.append(Span("strong", "direct quote"))
        else:
            spans = [Span("strong", "Reported speech, not a direct quote: "), Span("text", q.text)]
            spans.append(Span("text", f" ({who}; {q.outlet}, {q.date}; reported"))
        spans += [Span("text", ")"), self.cite(q.source)]
        return Entry("quote", q.id, "", tuple(spans))


def _with_unit(text: str, unit: str) -> str:
    if unit == "%":
        return f"{text}%"
    return f"{text} {unit}".rstrip()


def _period(fig: Figure) -> str:
    p = fig.period
    return p.label if p.kind == "FY" else f"{p.label} ({p.span})"
