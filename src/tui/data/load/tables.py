"""The TOML tables as records: each read by the generic reader against its field specs,
then checked by its own rules across fields and entries (parents, quotes' claims, ...)."""

from __future__ import annotations

from tui.data.load.entries import read_entries
from tui.data.load.fields import Entry, Refs, as_text
from tui.data.load.fields import period as check_period
from tui.data.load.files import DataFile
from tui.data.load.specs import CLAIM, QUOTE, SERIES, SOURCE, STATEMENT
from tui.data.model import Claim, Quote, Series, Source, Statement
from tui.data.text import MAX_DEPTH, quoted


def load_sources(file: DataFile) -> dict[str, Source]:
    entries = read_entries(file, SOURCE, Refs())
    return {e.values["id"]: Source(**e.values) for e in entries if e.usable}


def load_statements(file: DataFile, refs: Refs) -> list[Statement]:
    return [Statement(**e.values) for e in read_entries(file, STATEMENT, refs) if e.usable]


def load_claims(file: DataFile, refs: Refs) -> list[tuple[int, Claim]]:
    """Each usable claim with the line of its entry (its periods are checked later against
    the observations)."""
    return [(e.line, Claim(**e.values)) for e in read_entries(file, CLAIM, refs) if e.usable]


# -- series --------------------------------------------------------------------------------


def load_series(file: DataFile) -> dict[str, Series]:
    out: dict[str, Series] = {}
    lines: dict[str, int] = {}
    for e in read_entries(file, SERIES, Refs()):
        if e.usable:
            lines[e.values["id"]] = e.line
            out[e.values["id"]] = Series(**e.values)
    for sid, s in out.items():
        if s.parent is not None and s.parent not in out:
            line = file.lines.key("parent", lines[sid])
            file.add(line, f"unknown parent series {quoted(s.parent)}")
    _check_depths(file, out, lines)
    return out


def _check_depths(file: DataFile, series: dict[str, Series], lines: dict[str, int]) -> None:
    """Report parent cycles and trees deeper than MAX_DEPTH, in one pass (no recursion)."""
    depth: dict[str, int | None] = {}  # None: on or under a cycle
    for sid in series:
        path, end = _climb(series, sid, depth)
        base: int | None
        if end is not None and end in path:
            for node in path[path.index(end) :]:
                file.add(lines[node], f"series {quoted(node)} is its own ancestor (parent cycle)")
            base = None
        elif end is None or end not in series:
            base = -1  # the path ends at a root (or at an unknown parent, reported already)
        else:
            base = depth[end]
        for node in reversed(path):
            base = None if base is None else base + 1
            depth[node] = base
            if base == MAX_DEPTH + 1:
                file.add(
                    file.lines.key("parent", lines[node]),
                    f"series {quoted(node)} is {base} levels below its root; "
                    f"the limit is {MAX_DEPTH}",
                )


def _climb(
    series: dict[str, Series], sid: str, depth: dict[str, int | None]
) -> tuple[list[str], str | None]:
    """``sid`` and its ancestors not yet given a depth, and where the climb stopped: None
    (above a root), an unknown parent, a series given a depth, or a repeat (a cycle)."""
    path: list[str] = []
    on_path: set[str] = set()
    cur: str | None = sid
    while cur is not None and cur in series and cur not in depth and cur not in on_path:
        path.append(cur)
        on_path.add(cur)
        cur = series[cur].parent
    return path, cur


# -- quotes --------------------------------------------------------------------------------


def load_quotes(file: DataFile, refs: Refs) -> list[Quote]:
    entries = read_entries(file, QUOTE, refs)
    _check_name_variants(file, entries)
    out: list[Quote] = []
    for e in entries:
        values = e.values
        values["person"] = values["person"] or values["id"]
        if values["kind"] == "direct" and not values["text"].strip():
            e.add("text", "a direct quote needs its verbatim text")
        _check_claim(e)
        if e.usable:
            out.append(Quote(**values))
    return out


def _check_claim(e: Entry) -> None:
    """A quote's claim_series, claim_period and claim_value: all three or none."""
    series, period, value = (e.values[k] for k in ("claim_series", "claim_period", "claim_value"))
    if series is None and period is None and value is None:
        return
    if not (isinstance(series, str) and isinstance(period, str)):
        e.file.add(e.line, "claim_series, claim_period and claim_value go together")
    elif e.refs.series and series not in e.refs.series:
        e.add("claim_series", f"unknown series id {quoted(series)}")
    if isinstance(period, str):
        check_period(e, "claim_period", period)
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        e.add("claim_value", "claim_value must be a number")
        value = None
    e.values["claim_series"] = series if isinstance(series, str) else None
    e.values["claim_period"] = period if isinstance(period, str) else None
    e.values["claim_value"] = float(value) if value is not None else None


def _check_name_variants(file: DataFile, entries: list[Entry]) -> None:
    """A person id that joins differently printed names needs a person_note saying why."""
    names: dict[str, list[str]] = {}
    for e in entries:
        person = _text(e.block, "person")
        if person:
            names.setdefault(person, []).append(_text(e.block, "speaker"))
    for e in entries:
        person = _text(e.block, "person")
        seen = names.get(person, [])
        if len(set(seen)) < 2 or _text(e.block, "person_note").strip():
            continue
        main = max(set(seen), key=seen.count)
        speaker = _text(e.block, "speaker")
        if speaker != main:
            e.add(
                "person",
                f"speaker {quoted(speaker)} is linked to person {quoted(person)} "
                f"(also printed {quoted(main)}): add person_note saying on what basis (same "
                "role, same company, ...)",
            )


def _text(block: dict[str, object], key: str) -> str:
    return as_text(block.get(key))
