"""A one-page sourced brief for one fiscal year and topic, as a plain document model.

The brief holds figures, checks and attributed words only, never opinion: each headline
figure exactly as published (or labelled "computed"), with its period and a numbered
citation; the quoted growth rates the data layer rechecks; the structural statements; two
or three quotes marked direct or reported. Each entry is a run of :class:`Span` parts, so
the renderers (:mod:`tui.data.brief_render`) only lay them out and escape them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from tui.data import fmt
from tui.data.analytics import Change, Ratio, check_claim, software_vs_hardware, yoy
from tui.data.choices import BRIEF_TOPICS
from tui.data.facts import Facts, Figure
from tui.data.fiscal import PeriodError, fy_header, fy_label, parse_period
from tui.data.glyphs import ASCII
from tui.data.model import Quote, Statement
from tui.data.numbers import published
from tui.data.views import import_dependence

TOPICS = BRIEF_TOPICS
MAX_QUOTES = 3
MAX_STATEMENTS = 4
MAX_IMPORT_LINES = 6

# quote topics (quotes.toml) that belong to each brief topic; "all" takes every quote
QUOTE_TOPICS: dict[str, frozenset[str]] = {
    "hardware": frozenset({"hardware", "local-assembly"}),
    "exports": frozenset({"exports", "trade-surplus", "freelancing"}),
    "imports": frozenset({"hardware", "market", "local-assembly"}),
}
QUALIFIER_WORDS = {">": "lower bound", "<": "upper bound", "~": "approximate"}

SpanKind = Literal["text", "strong", "computed", "quote", "cite"]


@dataclass(frozen=True)
class Span:
    """An inline part: plain text, a label, a computed value, quoted words or a citation."""

    kind: SpanKind
    text: str = ""
    ref: int = 0  # the citation number, for kind "cite"


@dataclass(frozen=True)
class Citation:
    number: int
    source_id: str
    publisher: str
    date: str
    title: str
    url: str


@dataclass(frozen=True)
class Entry:
    """One line of the brief: a figure, a computed ratio, a claim check, a statement or a quote."""

    kind: str  # figure | ratio | claim | statement | quote
    key: str  # series, claim, statement or quote id
    value: str  # the number as shown ("3,810", ">1,100", "99%"); "" when there is none
    spans: tuple[Span, ...]

    @property
    def refs(self) -> list[int]:
        """Citation numbers in order of appearance; the first cites ``value``."""
        return [s.ref for s in self.spans if s.kind == "cite"]


@dataclass(frozen=True)
class Section:
    title: str
    entries: tuple[Entry, ...]
    empty: str  # said when there are no entries


@dataclass(frozen=True)
class Brief:
    fy: int
    topic: str
    title: str
    intro: tuple[Span, ...]
    sections: tuple[Section, ...]
    citations: tuple[Citation, ...]

    def citation(self, number: int) -> Citation:
        return self.citations[number - 1]

    def entries(self, kind: str | None = None) -> list[Entry]:
        return [e for s in self.sections for e in s.entries if kind is None or e.kind == kind]

    def entry(self, key: str) -> Entry | None:
        return next((e for e in self.entries() if e.key == key), None)


@dataclass
class _Builder:
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


def _fy_of(label: str) -> int | None:
    try:
        return parse_period(label).fy
    except PeriodError:
        return None


def _month_index(date: str) -> int | None:
    """Months since year 0 of an ISO date at the start of ``date`` ("2025-08-19 ..."), else None."""
    m = re.match(r"(\d{4})-(\d{2})", date)
    return int(m.group(1)) * 12 + int(m.group(2)) - 1 if m else None


def _headline_series(facts: Facts, topic: str, fy: int) -> list[str]:
    m = facts.ds.manifest
    core = [m.total_series, m.software_series, m.hardware_export_series]
    if topic == "hardware":
        return [m.hardware_export_series, m.software_series, m.total_series]
    exports = [m.total_series] + [s.id for s in facts.children(m.total_series)]
    exports += [m.software_series, m.hardware_export_series]
    imports = list(m.hardware_import_series)
    imports += [
        s.id
        for s in facts.series_in_group("imports")
        if s.parent is None and s.id not in imports and facts.best_for_fy(s.id, fy).ok
    ][: max(MAX_IMPORT_LINES - len(imports), 0)]
    if topic == "exports":
        picked = exports
    elif topic == "imports":
        picked = imports
    else:
        picked = core + imports
    return [sid for sid in dict.fromkeys(picked) if sid in facts.ds.series]


def _pick_quotes(b: _Builder, topic: str, series: Iterable[str], articles: set[str]) -> list[Quote]:
    """Up to three quotes with words, one per person, from an article the brief's figures
    cite, about the year, or dated in the year or the twelve months after it (when its
    figures come out).

    Ranked: same article first, then about the year, then about a series the brief shows,
    then dated nearest the year's end, direct before reported."""
    wanted = QUOTE_TOPICS.get(topic)
    series_set = set(series)
    fy_start = b.fy * 12 + 6  # July of the fiscal year's start year (months since year 0)
    fy_end = fy_start + 11
    ranked = []
    for i, q in enumerate(b.facts.ds.quotes):
        if not q.text.strip() or (wanted is not None and not wanted & set(q.topics)):
            continue
        same_article = q.source in articles
        src = b.facts.ds.sources.get(q.source)
        month = _month_index(q.date) or _month_index(src.date if src else "")
        in_window = month is not None and fy_start <= month <= fy_end + 12
        about_year = any(_fy_of(p) == b.fy for p in q.periods)
        if not (same_article or in_window or about_year):
            continue  # a quote from another time says nothing about this year
        distance = abs(month - fy_end) if month is not None else 10**6
        on_series = bool(series_set & set(q.series))
        rank = (not same_article, not about_year, not on_series, distance, not q.is_direct, i)
        ranked.append((rank, q))
    picked: list[Quote] = []
    people: set[str] = set()
    for _, q in sorted(ranked, key=lambda t: t[0]):
        person = q.person or q.speaker
        if person in people:
            continue
        people.add(person)
        picked.append(q)
        if len(picked) == MAX_QUOTES:
            break
    return picked


def _pick_statements(b: _Builder, topic: str) -> list[Statement]:
    """The import-dependence statement (hardware and imports), then statements from the
    articles the brief already cites."""
    out: list[Statement] = []
    if topic in ("all", "hardware", "imports"):
        dep = import_dependence(b.facts)
        if dep is not None:
            out.append(dep)
    for st in b.facts.ds.statements:
        if st not in out and any(sid in b.numbers for sid in st.sources):
            out.append(st)
    return out[:MAX_STATEMENTS]


def build_brief(facts: Facts, fy: int, topic: str = "all") -> Brief:
    """The brief for fiscal year ``fy`` (a start year) and one of :data:`TOPICS`."""
    if topic not in TOPICS:
        raise ValueError(f"topic {topic!r}: use one of {', '.join(TOPICS)}")
    b = _Builder(facts, fy, topic)
    series = _headline_series(facts, topic, fy)
    figures = [b.figure_entry(sid) for sid in series]
    if topic in ("all", "hardware"):
        hv = software_vs_hardware(facts, fy)
        m = facts.ds.manifest
        sw, hw, total = (
            b.series_name(s) for s in (m.software_series, m.hardware_export_series, m.total_series)
        )
        figures.append(b.ratio_entry("software-to-hardware", f"{sw} / {hw}", hv.sw_hw_ratio, "x"))
        figures.append(
            b.ratio_entry(
                "hardware-share", f"{hw} as a share of {total}", hv.hw_share_of_total, "%"
            )
        )
    claims = b.claim_entries({sid: facts.best_for_fy(sid, fy).period.label for sid in series})
    articles = set(b.numbers)  # the figures' and checks' sources, before the statements'
    statements = [b.statement_entry(st) for st in _pick_statements(b, topic)]
    quotes = [b.quote_entry(q) for q in _pick_quotes(b, topic, series, articles)]
    m = facts.ds.manifest
    intro = (
        Span("text", f"Topic: {topic}. Figures as published, each with its source number; "),
        Span("computed", "computed"),
        Span("text", " values were calculated by pkit from the published figures. "),
        Span("text", f"Data: {m.name}, version {m.version}."),
    )
    sections = (
        Section("Headline figures", tuple(figures), "No figures for this year."),
        Section(
            "Quoted growth rates, rechecked",
            tuple(claims),
            f"No source quotes a growth rate ending in {fy_label(fy)}.",
        ),
        Section("Key statements", tuple(statements), "No statements for this topic."),
        Section(
            "Quotes",
            tuple(quotes),
            f"No quotes on this topic from {fy_label(fy)} or the year after it.",
        ),
    )
    return Brief(
        fy=fy,
        topic=topic,
        title=f"pkit brief: {fy_header(fy)}",
        intro=intro,
        sections=sections,
        citations=b.citations(),
    )
