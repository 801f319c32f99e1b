"""Citations as plain text: what `s` shows and `y` copies."""

from __future__ import annotations

from tui.data.analytics import ClaimCheck, check_claim
from tui.data.facts import Facts, Figure
from tui.data.model import Observation, Quote, Source, Statement
from tui.data.numbers import exact, published
from tui.data.table import Citable


def _num(facts: Facts, ob: Observation) -> str:
    """The value as published (its precision kept), with thousands separators."""
    if ob.value is None:
        return "—"
    return f"{ob.qualifier}{published(facts.raw_of(ob), ob.value)}"


def source_lines(src: Source | None, source_id: str, basis: str = "") -> list[str]:
    """A source's lines; ``basis`` is the cited item's own when it differs from the source's."""
    if src is None:
        lines = [f"Source: {source_id} (not in the register)"]
        return lines + ([f"Basis: {basis}"] if basis else [])
    shown = src.basis
    if basis and basis != src.basis:
        shown = f"{basis} (this source's usual basis: {src.basis})"
    lines = [
        f"Source: {src.title}",
        f"Publisher: {src.publisher}    Date: {src.date}    Basis: {shown}",
        f"URL: {src.url}",
    ]
    if src.reliability == "low":
        lines.append("Reliability: low" + (f" ({src.note})" if src.note else ""))
    elif src.note:
        lines.append(f"Note: {src.note}")
    return lines


def figure_lines(facts: Facts, fig: Figure) -> list[str]:
    series = facts.ds.series.get(fig.series)
    name = series.name if series else fig.series
    p = fig.period
    kind = "part-year" if p.kind in ("FYTD", "CYTD") else "month" if p.kind == "M" else "full year"
    lines = [f"{name}, {p.label} ({p.span}; {kind})"]
    if fig.value is None:
        lines.append(f"Value: — ({fig.missing_reason})")
    else:
        value = f"{_num(facts, fig.observations[0])} {fig.unit}"
        lines.append(f"Value: {value}    Status: {_status(facts, fig)}")
    chosen = fig.chosen
    if chosen is not None and fig.value is not None:
        lines += _chosen_lines(facts, chosen)
    others = [o for o in fig.observations if o is not chosen or fig.value is None]
    if others:
        lines.append("Other values:" if fig.value is not None else "Recorded:")
        for o in others:
            lines += _other_lines(facts, o)
    for claim in facts.ds.claims:
        if claim.series == fig.series and p.label in (claim.from_period, claim.to_period):
            lines.append("Quoted growth: " + check_claim(facts, claim).summary)
    data = facts.ds.manifest.file("observations")
    lines.append(f"Data: {data}:{chosen.line}" if chosen else f"Data: no row in {data}")
    return lines


def _status(facts: Facts, fig: Figure) -> str:
    if fig.status != "rounding":
        return {"ok": "published", "conflict": "sources disagree; preferred value shown"}.get(
            fig.status, fig.status
        )
    live = {(o.value, _num(facts, o)) for o in fig.observations if o.status == "ok"}
    shown = [text for _, text in sorted(live)]
    return (
        f"same figure published at different precisions ({' and '.join(shown)}); "
        "the most precise is shown"
    )


def _chosen_lines(facts: Facts, chosen: Observation) -> list[str]:
    """The shown value's source, its excerpt and note, and why it is preferred."""
    lines = source_lines(facts.ds.sources.get(chosen.source), chosen.source, chosen.basis)
    if chosen.excerpt:
        lines.append(f"Excerpt: {chosen.excerpt}")
    if chosen.note:
        lines.append(f"Note: {chosen.note}")
    if chosen.preferred and chosen.reason:
        lines.append(f"Preferred because: {chosen.reason}")
    return lines


def _other_lines(facts: Facts, o: Observation) -> list[str]:
    """Another recorded value: who published it, on what basis, and whether it is used."""
    src = facts.ds.sources.get(o.source)
    who = f"{src.publisher}, {src.date}" if src else o.source
    tag = {"erratum": " [erratum: not used]", "missing": " [searched, not found]"}.get(o.status, "")
    lines = [f"  {_num(facts, o)} {o.unit} from {who} ({o.source}; {o.basis}){tag}"]
    if o.note:
        lines.append(f"    note: {o.note}")
    if src is not None:
        lines.append(f"    {src.url}")
    return lines


def claim_lines(facts: Facts, check: ClaimCheck) -> list[str]:
    c = check.claim
    name = facts.ds.series[c.series].name if c.series in facts.ds.series else c.series
    lines = [
        f"Quoted growth rate: {name}, {c.from_period} to {c.to_period}",
        f"Check: {check.summary}",
    ]
    if c.excerpt:
        lines.append(f"Excerpt: {c.excerpt}")
    if c.note:
        lines.append(f"Note: {c.note}")
    lines += source_lines(facts.ds.sources.get(c.source), c.source)
    return lines


def statement_lines(facts: Facts, st: Statement) -> list[str]:
    lines = [st.label]
    if st.value is not None:
        lines.append(f"Value: {st.qualifier}{exact(st.value)}{st.unit}")
    if st.items:
        lines.append(f"Covers: {', '.join(st.items)}")
    if st.excerpt:
        lines.append(f"Excerpt: {st.excerpt}")
    if st.note:
        lines.append(f"Note: {st.note}")
    for sid in st.sources:
        lines += source_lines(facts.ds.sources.get(sid), sid, st.basis)
    return lines


def quote_lines(facts: Facts, q: Quote) -> list[str]:
    kind = "direct quote" if q.is_direct else "reported speech (not a direct quote)"
    lines = [f"{q.speaker}, {q.role}" if q.role else q.speaker, f"{q.outlet}, {q.date}; {kind}"]
    lines += source_lines(facts.ds.sources.get(q.source), q.source, q.basis)
    if q.person_note:
        lines.append(f"Name: {q.person_note}")
    if q.note:
        lines.append(f"Note: {q.note}")
    return lines


def citation_lines(facts: Facts, target: Citable | None) -> list[str]:
    """Plain-text citation of a Figure, Statement, Quote, Source, claim check or figures."""
    if isinstance(target, Figure):
        return figure_lines(facts, target)
    if isinstance(target, Statement):
        return statement_lines(facts, target)
    if isinstance(target, Quote):
        return quote_lines(facts, target)
    if isinstance(target, Source):
        return source_lines(target, target.id)
    if isinstance(target, ClaimCheck):
        return claim_lines(facts, target)
    if isinstance(target, tuple):
        out: list[str] = []
        for item in target:
            if out:
                out.append("")
            out += citation_lines(facts, item)
        return out
    return ["Nothing to cite here."]


def citation_text(facts: Facts, target: Citable | None) -> str:
    return "\n".join(citation_lines(facts, target))
