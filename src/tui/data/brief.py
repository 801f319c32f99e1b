"""A one-page sourced brief for one fiscal year and topic: what goes in it.

The brief holds figures, checks and attributed words only, never opinion: each headline
figure exactly as published (or labelled "computed"), with its period and a numbered
citation; the quoted growth rates the data layer rechecks; the structural statements; two
or three quotes marked direct or reported. This module picks them for the topic and year;
:mod:`tui.data.brief_entries` makes each entry, :mod:`tui.data.brief_model` is the document
(runs of :class:`Span` parts), so the renderers (:mod:`tui.data.brief_render`) only lay
them out and escape them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tui.data.analytics import software_vs_hardware
from tui.data.brief_entries import EntryMaker
from tui.data.brief_model import Brief, Citation, Entry, Section, Span
from tui.data.choices import BRIEF_TOPICS
from tui.data.facts import Facts
from tui.data.fiscal import PeriodError, fy_header, fy_label, parse_period
from tui.data.model import Quote, Statement
from tui.data.views import import_dependence

__all__ = ["TOPICS", "Brief", "Citation", "Entry", "Section", "Span", "build_brief"]

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


def _pick_quotes(
    b: EntryMaker, topic: str, series: Iterable[str], articles: set[str]
) -> list[Quote]:
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


def _pick_statements(b: EntryMaker, topic: str) -> list[Statement]:
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
    b = EntryMaker(facts, fy, topic)
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
