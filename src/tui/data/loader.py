"""Load and validate a pkit dataset folder.

Every problem is collected (not just the first) and reported as ``file:line: message``.
Nothing here imports Textual or Rich.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from tui.data.agreement import CONFLICT, ROUNDING, SAME, agreement
from tui.data.fiscal import Period, PeriodError, parse_period
from tui.data.model import (
    BASES,
    GROUPS,
    QUALIFIERS,
    STATUSES,
    Claim,
    Dataset,
    Manifest,
    ObsTable,
    Quote,
    Series,
    Source,
    Statement,
)
from tui.data.problems import DatasetError, Problem
from tui.data.text import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_LINE_CHARS,
    MAX_QUOTES,
    MAX_ROWS,
    MAX_SERIES,
    MAX_SOURCES,
    MAX_TEXT_CHARS,
    MULTILINE,
    UNSAFE_EXCEPT_NEWLINE,
    describe,
    may_hold_unsafe,
    quoted,
    text_problem,
)
from tui.data.tomlcompat import tomllib

OBS_REQUIRED = ("series", "period", "value", "source")
OBS_OPTIONAL = (
    "qualifier",
    "unit",
    "status",
    "preferred",
    "reason",
    "note",
    "excerpt",
    "basis",
)
FILE_KEYS = ("sources", "series", "observations", "quotes", "statements", "claims")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_TOML_POS = re.compile(r"at line (\d+)")
# most entries a [[table]] may hold (a sanity limit, see data/README.md)
_MAX_ENTRIES = {
    "source": MAX_SOURCES,
    "series": MAX_SERIES,
    "quote": MAX_QUOTES,
    "statement": MAX_QUOTES,
    "claim": MAX_QUOTES,
}


class _Ctx:
    """Collects problems for one file and locates TOML blocks and keys by line."""

    def __init__(self, path: Path, shown: str, problems: list[Problem]) -> None:
        self.path = path
        self.shown = shown
        self.problems = problems
        self.lines: list[str] = []
        self.unsafe = False  # the file may hold characters the text rule refuses

    def add(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.shown, line, message))

    def block_starts(self, table: str) -> list[int]:
        pat = re.compile(rf"^\s*\[\[\s*{re.escape(table)}\s*\]\]")
        return [i + 1 for i, text in enumerate(self.lines) if pat.match(text)]

    def check_text(self, line: int, field: str, value: Any) -> None:
        """Report text that breaks the one text rule (see tui.data.text), in any nesting."""
        stack = [(field, value)]
        while stack:
            name, item = stack.pop()
            if isinstance(item, str):
                problem = text_problem(name, item)
                if problem:
                    self.add(line, problem)
            elif isinstance(item, list):
                stack.extend((name, x) for x in reversed(item))
            elif isinstance(item, dict):
                stack.extend((f"{name}.{k}", x) for k, x in reversed(item.items()))

    def key_line(self, start: int, key: str) -> int:
        """Line of ``key =`` inside the block starting at ``start`` (or the block's own line)."""
        pat = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for i in range(start, len(self.lines)):
            text = self.lines[i]
            if text.lstrip().startswith("["):
                break
            if pat.match(text):
                return i + 1
        return start


def _read_text(ctx: _Ctx) -> str | None:
    if not ctx.path.exists():
        ctx.add(0, "file is missing")
        return None
    if ctx.path.is_dir():
        ctx.add(0, "is a folder, expected a file")
        return None
    try:
        size = ctx.path.stat().st_size
        if size > MAX_FILE_BYTES:
            ctx.add(0, f"is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
            return None
        raw = ctx.path.read_bytes()
    except OSError as exc:
        ctx.add(0, f"cannot be read: {exc.strerror or exc}")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        ctx.add(line, f"bytes are not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    ctx.unsafe = may_hold_unsafe(raw)
    if not text.strip():
        ctx.add(0, "file is empty")
        return None
    ctx.lines = text.split("\n")
    return text


def _read_toml(ctx: _Ctx) -> dict[str, Any] | None:
    text = _read_text(ctx)
    if text is None:
        return None
    try:
        return tomllib.loads(text)
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        ctx.add(0, "values are nested too deeply (arrays or tables inside one another)")
        return None
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = _TOML_POS.search(msg)
        line = int(m.group(1)) if m else 0
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg)
        msg = re.sub(r"\s*\(at end of document\)", " (at end of file)", msg)
        ctx.add(line, f"TOML syntax error: {msg}")
        return None


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _blocks(
    ctx: _Ctx,
    doc: dict[str, Any],
    table: str,
    required: Iterable[str],
    known: Iterable[str],
) -> list[tuple[int, dict[str, Any]]]:
    """Return ``(line, block)`` for each ``[[table]]``, checking required and unknown keys."""
    items = doc.get(table)
    if items is None:
        ctx.add(1, f"no [[{table}]] entries")
        return []
    if not isinstance(items, list):
        ctx.add(1, f"'{table}' must be an array of tables ([[{table}]])")
        return []
    limit = _MAX_ENTRIES.get(table)
    if limit is not None and len(items) > limit:
        ctx.add(1, f"{len(items):,} [[{table}]] entries; the limit is {limit:,}")
        return []
    starts = ctx.block_starts(table)
    out: list[tuple[int, dict[str, Any]]] = []
    known_set = set(known) | set(required)
    for n, block in enumerate(items):
        line = starts[n] if n < len(starts) else 1
        if not isinstance(block, dict):
            ctx.add(line, f"[[{table}]] entry {n + 1} is not a table")
            continue
        ok = True
        for key in required:
            if key not in block or (isinstance(block[key], str) and not block[key].strip()):
                ctx.add(line, f"[[{table}]] is missing required key '{key}'")
                ok = False
        for key, value in block.items():
            if key not in known_set:
                ctx.add(ctx.key_line(line, key), f"unknown key {quoted(key)} in [[{table}]]")
            ctx.check_text(ctx.key_line(line, key), key, value)
        if ok:
            out.append((line, block))
    return out


def _check_id(ctx: _Ctx, line: int, kind: str, value: Any, seen: dict[str, int]) -> str | None:
    if not isinstance(value, str) or not _ID.match(value):
        ctx.add(line, f"{kind} id {quoted(value)} must be lower-case letters, digits, '-' or '_'")
        return None
    if value in seen:
        ctx.add(line, f"duplicate {kind} id {quoted(value)} (first at line {seen[value]})")
        return None
    seen[value] = line
    return value


def _load_manifest(root: Path, problems: list[Problem]) -> tuple[Manifest | None, _Ctx]:
    ctx = _Ctx(root / "manifest.toml", "manifest.toml", problems)
    doc = _read_toml(ctx)
    if doc is None:
        return None, ctx
    for key, value in doc.items():
        ctx.check_text(_find_line(ctx.lines, key), key, value)
    files_raw = doc.get("files")
    files: dict[str, str] = {}
    if not isinstance(files_raw, dict):
        ctx.add(1, "missing [files] table")
    else:
        for key in FILE_KEYS:
            val = files_raw.get(key)
            if not isinstance(val, str) or not val:
                ctx.add(
                    _find_line(ctx.lines, key)
                    if key in files_raw
                    else _section_line(ctx.lines, "files"),
                    f"[files] is missing '{key}'",
                )
            else:
                files[key] = val
    analytics = doc.get("analytics", {})
    if not isinstance(analytics, dict):
        ctx.add(1, "[analytics] must be a table")
        analytics = {}
    hw_imports = analytics.get("hardware_import_series", [])
    if isinstance(hw_imports, str):
        hw_imports = [hw_imports]
    if not isinstance(hw_imports, list):
        ctx.add(
            _find_line(ctx.lines, "hardware_import_series"),
            "[analytics] hardware_import_series must be a list of series ids",
        )
        hw_imports = []
    manifest = Manifest(
        name=_str(doc.get("name")) or root.name,
        version=_str(doc.get("version")),
        files=files,
        total_series=_str(analytics.get("total_series")) or "ict_exports",
        software_series=_str(analytics.get("software_series")) or "software_consultancy",
        hardware_export_series=_str(analytics.get("hardware_export_series"))
        or "hardware_consultancy",
        hardware_import_series=tuple(x for x in hw_imports if isinstance(x, str)),
    )
    return manifest, ctx


def _load_sources(ctx: _Ctx) -> dict[str, Source]:
    doc = _read_toml(ctx)
    if doc is None:
        return {}
    seen: dict[str, int] = {}
    out: dict[str, Source] = {}
    known = ("reliability", "note")
    for line, b in _blocks(
        ctx, doc, "source", ("id", "title", "publisher", "date", "url", "basis"), known
    ):
        sid = _check_id(ctx, line, "source", b["id"], seen)
        basis = _str(b.get("basis"))
        if basis not in BASES:
            ctx.add(
                ctx.key_line(line, "basis"),
                f"basis {quoted(basis)} is not one of {', '.join(BASES)}",
            )
        url = _str(b.get("url"))
        if not url.startswith(("http://", "https://")):
            ctx.add(
                ctx.key_line(line, "url"), f"url {quoted(url)} must start with http:// or https://"
            )
        rel = _str(b.get("reliability")) or "normal"
        if rel not in ("normal", "low"):
            ctx.add(ctx.key_line(line, "reliability"), "reliability must be 'normal' or 'low'")
        if sid:
            out[sid] = Source(
                id=sid,
                title=_str(b["title"]),
                publisher=_str(b["publisher"]),
                date=str(b["date"]),
                url=url,
                basis=basis,
                reliability=rel,
                note=_str(b.get("note")),
            )
    return out


def _load_series(ctx: _Ctx) -> dict[str, Series]:
    doc = _read_toml(ctx)
    if doc is None:
        return {}
    seen: dict[str, int] = {}
    out: dict[str, Series] = {}
    lines: dict[str, int] = {}
    known = ("parent", "calendar", "order", "description", "short")
    for line, b in _blocks(ctx, doc, "series", ("id", "name", "group", "unit"), known):
        sid = _check_id(ctx, line, "series", b["id"], seen)
        group = _str(b.get("group"))
        if group not in GROUPS:
            ctx.add(
                ctx.key_line(line, "group"),
                f"group {quoted(group)} is not one of {', '.join(GROUPS)}",
            )
        cal = _str(b.get("calendar")) or "fy"
        if cal not in ("fy", "cy"):
            ctx.add(ctx.key_line(line, "calendar"), "calendar must be 'fy' or 'cy'")
        order = b.get("order", 0)
        if not isinstance(order, int):
            ctx.add(ctx.key_line(line, "order"), "order must be a whole number")
            order = 0
        parent = b.get("parent")
        if parent is not None and not isinstance(parent, str):
            ctx.add(ctx.key_line(line, "parent"), "parent must be a series id")
            parent = None
        if sid:
            lines[sid] = line
            out[sid] = Series(
                id=sid,
                name=_str(b["name"]),
                group=group,
                unit=_str(b["unit"]),
                parent=parent or None,
                calendar=cal,
                order=order,
                description=_str(b.get("description")),
                short=_str(b.get("short")),
            )
    for sid, s in out.items():
        if s.parent is None:
            continue
        if s.parent not in out:
            ctx.add(ctx.key_line(lines[sid], "parent"), f"unknown parent series {quoted(s.parent)}")
    _check_depths(ctx, out, lines)
    return out


def _check_depths(ctx: _Ctx, series: dict[str, Series], lines: dict[str, int]) -> None:
    """Report parent cycles and trees deeper than MAX_DEPTH, in one pass (no recursion)."""
    depth: dict[str, int | None] = {}  # None: on or under a cycle
    for sid in series:
        path: list[str] = []
        on_path: set[str] = set()
        cur: str | None = sid
        while cur is not None and cur in series and cur not in depth and cur not in on_path:
            path.append(cur)
            on_path.add(cur)
            cur = series[cur].parent
        base: int | None
        if cur is not None and cur in on_path:
            for node in path[path.index(cur) :]:
                ctx.add(lines[node], f"series {quoted(node)} is its own ancestor (parent cycle)")
            base = None
        elif cur is None or cur not in series:
            base = -1  # the path ends at a root (or at an unknown parent, reported already)
        else:
            base = depth[cur]
        for node in reversed(path):
            base = None if base is None else base + 1
            depth[node] = base
            if base == MAX_DEPTH + 1:
                ctx.add(
                    ctx.key_line(lines[node], "parent"),
                    f"series {quoted(node)} is {base} levels below its root; "
                    f"the limit is {MAX_DEPTH}",
                )


def _str_list(ctx: _Ctx, line: int, block: dict[str, Any], key: str) -> tuple[str, ...]:
    val = block.get(key, [])
    if isinstance(val, str):
        return (val,)
    if not isinstance(val, list) or not all(isinstance(x, str) for x in val):
        ctx.add(ctx.key_line(line, key), f"'{key}' must be a list of strings")
        return ()
    return tuple(val)


def _check_period_label(ctx: _Ctx, line: int, label: str) -> None:
    try:
        parse_period(label)
    except PeriodError as exc:
        ctx.add(line, str(exc))


def _load_quotes(ctx: _Ctx, sources: dict[str, Source], series: dict[str, Series]) -> list[Quote]:
    doc = _read_toml(ctx)
    if doc is None:
        return []
    seen: dict[str, int] = {}
    out: list[Quote] = []
    required = ("id", "speaker", "source", "kind")
    known = [
        "person",
        "role",
        "organisation",
        "date",
        "outlet",
        "text",
        "topics",
        "series",
        "periods",
        "note",
        "claim_series",
        "claim_period",
        "claim_value",
        "basis",
        "person_note",
    ]
    blocks = _blocks(ctx, doc, "quote", required, known)
    _check_name_variants(ctx, blocks)
    for line, b in blocks:
        qid = _check_id(ctx, line, "quote", b["id"], seen)
        src = _str(b.get("source"))
        if sources and src not in sources:
            ctx.add(ctx.key_line(line, "source"), f"unknown source id {quoted(src)}")
        kind = _str(b.get("kind"))
        if kind not in ("direct", "reported"):
            ctx.add(
                ctx.key_line(line, "kind"), f"kind {quoted(kind)} must be 'direct' or 'reported'"
            )
        text = _str(b.get("text"))
        if kind == "direct" and not text.strip():
            ctx.add(ctx.key_line(line, "text"), "a direct quote needs its verbatim text")
        ser = _str_list(ctx, line, b, "series")
        for s in ser:
            if series and s not in series:
                ctx.add(ctx.key_line(line, "series"), f"unknown series id {quoted(s)}")
        periods = _str_list(ctx, line, b, "periods")
        for p in periods:
            _check_period_label(ctx, ctx.key_line(line, "periods"), p)
        claim_series = b.get("claim_series")
        claim_period = b.get("claim_period")
        claim_value = b.get("claim_value")
        if claim_series is not None or claim_period is not None or claim_value is not None:
            if not (isinstance(claim_series, str) and isinstance(claim_period, str)):
                ctx.add(line, "claim_series, claim_period and claim_value go together")
            elif series and claim_series not in series:
                ctx.add(
                    ctx.key_line(line, "claim_series"), f"unknown series id {quoted(claim_series)}"
                )
            if isinstance(claim_period, str):
                _check_period_label(ctx, ctx.key_line(line, "claim_period"), claim_period)
            if not isinstance(claim_value, (int, float)) or isinstance(claim_value, bool):
                ctx.add(ctx.key_line(line, "claim_value"), "claim_value must be a number")
                claim_value = None
        if qid:
            out.append(
                Quote(
                    id=qid,
                    speaker=_str(b["speaker"]),
                    person=_str(b.get("person")) or qid,
                    role=_str(b.get("role")),
                    organisation=_str(b.get("organisation")),
                    date=str(b.get("date", "")),
                    outlet=_str(b.get("outlet")),
                    source=src,
                    kind=kind,
                    text=text,
                    topics=_str_list(ctx, line, b, "topics"),
                    series=ser,
                    periods=periods,
                    note=_str(b.get("note")),
                    claim_series=claim_series if isinstance(claim_series, str) else None,
                    claim_period=claim_period if isinstance(claim_period, str) else None,
                    claim_value=float(claim_value) if claim_value is not None else None,
                    basis=_basis(ctx, line, b),
                    person_note=_str(b.get("person_note")),
                )
            )
    return out


def _basis(ctx: _Ctx, line: int, block: dict[str, Any]) -> str:
    """A block's optional ``basis``, checked against BASES."""
    basis = _str(block.get("basis"))
    if basis and basis not in BASES:
        ctx.add(ctx.key_line(line, "basis"), f"basis {basis!r} is not one of {', '.join(BASES)}")
    return basis


def _check_name_variants(ctx: _Ctx, blocks: list[tuple[int, dict[str, Any]]]) -> None:
    """A person id that joins differently printed names needs a person_note saying why."""
    names: dict[str, list[str]] = {}
    for _, b in blocks:
        person = _str(b.get("person"))
        if person:
            names.setdefault(person, []).append(_str(b.get("speaker")))
    for line, b in blocks:
        person = _str(b.get("person"))
        seen = names.get(person, [])
        if len(set(seen)) < 2 or _str(b.get("person_note")).strip():
            continue
        main = max(set(seen), key=seen.count)
        if _str(b.get("speaker")) != main:
            ctx.add(
                ctx.key_line(line, "person"),
                f"speaker {quoted(_str(b.get('speaker')))} is linked to person {quoted(person)} "
                f"(also printed {quoted(main)}): add person_note saying on what basis (same "
                "role, same company, ...)",
            )


def _load_statements(ctx: _Ctx, sources: dict[str, Source]) -> list[Statement]:
    doc = _read_toml(ctx)
    if doc is None:
        return []
    seen: dict[str, int] = {}
    out: list[Statement] = []
    known = ("value", "qualifier", "unit", "items", "excerpt", "note", "basis")
    for line, b in _blocks(ctx, doc, "statement", ("id", "label", "sources"), known):
        sid = _check_id(ctx, line, "statement", b["id"], seen)
        srcs = _str_list(ctx, line, b, "sources")
        for s in srcs:
            if sources and s not in sources:
                ctx.add(ctx.key_line(line, "sources"), f"unknown source id {quoted(s)}")
        value = b.get("value")
        if value is not None and (not isinstance(value, (int, float)) or isinstance(value, bool)):
            ctx.add(ctx.key_line(line, "value"), "value must be a number")
            value = None
        qual = _str(b.get("qualifier"))
        if qual not in QUALIFIERS:
            ctx.add(
                ctx.key_line(line, "qualifier"),
                f"qualifier {quoted(qual)} must be empty, >, < or ~",
            )
        if sid:
            out.append(
                Statement(
                    id=sid,
                    label=_str(b["label"]),
                    sources=srcs,
                    value=float(value) if value is not None else None,
                    qualifier=qual,
                    unit=_str(b.get("unit")),
                    items=_str_list(ctx, line, b, "items"),
                    excerpt=_str(b.get("excerpt")),
                    note=_str(b.get("note")),
                    basis=_basis(ctx, line, b),
                )
            )
    return out


def _load_claims(
    ctx: _Ctx, sources: dict[str, Source], series: dict[str, Series]
) -> list[tuple[int, Claim]]:
    doc = _read_toml(ctx)
    if doc is None:
        return []
    seen: dict[str, int] = {}
    out: list[tuple[int, Claim]] = []
    required = ("id", "series", "from_period", "to_period", "quoted_pct", "source")
    for line, b in _blocks(ctx, doc, "claim", required, ("excerpt", "note")):
        cid = _check_id(ctx, line, "claim", b["id"], seen)
        ok = True
        for key in ("series", "source"):
            if not isinstance(b[key], str):
                ctx.add(ctx.key_line(line, key), f"'{key}' must be one {key} id (a string)")
                ok = False
        if ok and series and b["series"] not in series:
            ctx.add(ctx.key_line(line, "series"), f"unknown series id {quoted(b['series'])}")
            ok = False
        if isinstance(b["source"], str) and sources and b["source"] not in sources:
            ctx.add(ctx.key_line(line, "source"), f"unknown source id {quoted(b['source'])}")
        for key in ("from_period", "to_period"):
            try:
                parse_period(str(b[key]))
            except PeriodError as exc:
                ctx.add(ctx.key_line(line, key), str(exc))
                ok = False
        pct = b["quoted_pct"]
        if not isinstance(pct, (int, float)) or isinstance(pct, bool):
            ctx.add(ctx.key_line(line, "quoted_pct"), "quoted_pct must be a number")
            ok = False
        if cid and ok:
            claim = Claim(
                id=cid,
                series=str(b["series"]),
                from_period=str(b["from_period"]),
                to_period=str(b["to_period"]),
                quoted_pct=float(pct),
                source=str(b["source"]),
                excerpt=_str(b.get("excerpt")),
                note=_str(b.get("note")),
            )
            out.append((line, claim))
    return out


def _record_lines(text: str) -> list[int]:
    """1-based line of each CSV data record (after the header), honouring quoted newlines."""
    import csv

    reader = csv.reader(io.StringIO(text))
    starts: list[int] = []
    prev_end = 0
    for row in reader:
        start = prev_end + 1
        prev_end = reader.line_num
        if row and any(cell.strip() for cell in row):
            starts.append(start)
    return starts[1:]


def _load_observations(
    ctx: _Ctx, sources: dict[str, Source], series: dict[str, Series]
) -> tuple[Any, dict[str, Period]]:
    import pandas as pd

    text = _read_text(ctx)
    if text is None:
        return None, {}
    import csv

    header = next((ln for ln in ctx.lines if ln.strip()), "")
    cols = [c.strip() for c in next(csv.reader([header]), [])]
    for col in OBS_REQUIRED:
        if col not in cols:
            ctx.add(1, f"missing column '{col}'")
    for col in cols:
        if col not in OBS_REQUIRED and col not in OBS_OPTIONAL:
            known = ", ".join(OBS_REQUIRED + OBS_OPTIONAL)
            ctx.add(1, f"unknown column {quoted(col)} (known: {known})")
    if any(col not in cols for col in OBS_REQUIRED):
        return None, {}
    try:
        df = pd.read_csv(
            io.StringIO(text),
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=True,
            skipinitialspace=False,
        )
    except (pd.errors.ParserError, ValueError) as exc:
        msg = str(exc)
        m = re.search(r"line (\d+)", msg)
        ctx.add(int(m.group(1)) if m else 0, f"CSV cannot be read: {msg.strip()}")
        return None, {}
    df.columns = [str(c).strip() for c in df.columns]
    for col in OBS_OPTIONAL:
        if col not in df.columns:
            df[col] = ""
    if len(df) == 0:
        ctx.add(1, "no observations (only a header)")
        return None, {}
    if len(df) > MAX_ROWS:
        ctx.add(0, f"{len(df):,} observations; the limit is {MAX_ROWS:,}")
        return None, {}
    broken_cells = '"' in text and _any_cell_contains(df, "\n")  # cells with line breaks
    if broken_cells:
        lines = _record_lines(text)
    else:
        lines = [i + 1 for i, ln in enumerate(ctx.lines) if ln.strip()][1:]
    if len(lines) != len(df):  # a row pandas joined or split: fall back to the csv module
        lines = _record_lines(text)
    df["line"] = lines[: len(df)] if len(lines) >= len(df) else list(range(2, len(df) + 2))
    for col in ("series", "period", "source", "qualifier", "status", "preferred", "unit", "basis"):
        if _needs_strip(df[col]):
            df[col] = df[col].str.strip()

    problems: list[tuple[int, str]] = _csv_text_problems(ctx, text, df, broken_cells)

    def flag(mask: Any, make: Callable[[Any], str]) -> None:
        if mask.any():
            for _, row in df[mask].iterrows():
                problems.append((int(row["line"]), make(row)))

    flag(df["series"] == "", lambda r: "empty series id")
    if series:
        flag(
            (df["series"] != "") & ~df["series"].isin(list(series)),
            lambda r: f"unknown series id {quoted(r['series'])}",
        )
    flag(df["source"] == "", lambda r: "empty source id")
    if sources:
        flag(
            (df["source"] != "") & ~df["source"].isin(list(sources)),
            lambda r: f"unknown source id {quoted(r['source'])}",
        )
    periods: dict[str, Period] = {}
    bad_periods: dict[str, str] = {}
    for label in df["period"].unique():
        try:
            periods[label] = parse_period(label)
        except PeriodError as exc:
            bad_periods[label] = str(exc)
    flag(df["period"].isin(list(bad_periods)), lambda r: bad_periods[r["period"]])
    if series:
        cy_ids = [s.id for s in series.values() if s.calendar == "cy"]
        is_cy_period = df["period"].str.startswith("CY")
        ok_period = df["period"].isin(list(periods))
        flag(
            ok_period & df["series"].isin(cy_ids) & ~is_cy_period,
            lambda r: (
                f"series {quoted(r['series'])} is in calendar years; period must be CY… not "
                f"{quoted(r['period'])}"
            ),
        )
        fy_ids = [s.id for s in series.values() if s.calendar == "fy"]
        flag(
            ok_period & df["series"].isin(fy_ids) & is_cy_period,
            lambda r: (
                f"series {quoted(r['series'])} is in fiscal years; {quoted(r['period'])} is a "
                "calendar-year period"
            ),
        )
    status = df["status"].replace("ok", "")
    flag(
        ~status.isin(list(STATUSES)),
        lambda r: (
            f"status {quoted(r['status'])} must be empty, ok, conflict, rounding, missing or "
            "erratum"
        ),
    )
    flag(
        (df["basis"] != "") & ~df["basis"].isin(list(BASES)),
        lambda r: f"basis {quoted(r['basis'])} is not one of {', '.join(BASES)}",
    )
    if series:
        units = {sid: s.unit for sid, s in series.items()}
        flag(
            (df["unit"] != "")
            & df["series"].isin(list(units))
            & (df["unit"] != df["series"].map(units)),
            lambda r: (
                f"unit {quoted(r['unit'])} differs from series {quoted(r['series'])} unit "
                f"'{units[r['series']]}': one unit per series (give the value in the series "
                "unit as published, or put it in a series of its own)"
            ),
        )
    flag(
        ~df["qualifier"].isin(list(QUALIFIERS)),
        lambda r: f"qualifier {quoted(r['qualifier'])} must be empty, '>', '<' or '~'",
    )
    raw_values = df["value"].str.strip()
    values = pd.to_numeric(raw_values, errors="coerce")
    missing = status == "missing"
    flag(
        missing & (raw_values != ""),
        lambda r: f"value {quoted(r['value'])} given for a row marked missing",
    )
    flag(
        ~missing & (raw_values == ""),
        lambda r: "empty value (mark the row status=missing and say why in note)",
    )
    bad_num = ~missing & (raw_values != "") & (values.isna() | ~values.map(_finite))

    def _bad_number(r: Any) -> str:
        hint = " (write plain digits, e.g. 1100)" if "," in r["value"] or "$" in r["value"] else ""
        return f"value {quoted(r['value'])} is not a number{hint}"

    flag(bad_num, _bad_number)
    pref = df["preferred"].str.lower()
    flag(
        ~pref.isin(["", "yes", "no", "true", "false"]),
        lambda r: f"preferred {quoted(r['preferred'])} must be yes or empty",
    )
    is_pref = pref.isin(["yes", "true"])
    flag(
        is_pref & (df["reason"].str.strip() == ""),
        lambda r: "preferred value needs a reason",
    )
    flag(is_pref & (status == "erratum"), lambda r: "an erratum cannot be preferred")
    dup = df.duplicated(["series", "period", "source"], keep=False)
    if dup.any():
        first_line: dict[tuple[str, str, str], int] = {}
        for _, row in df[dup].iterrows():
            key = (row["series"], row["period"], row["source"])
            if key in first_line:
                problems.append(
                    (
                        int(row["line"]),
                        f"duplicate key: series {quoted(key[0])}, period {quoted(key[1])}, source "
                        f"{quoted(key[2])} already at line {first_line[key]}",
                    )
                )
            else:
                first_line[key] = int(row["line"])

    df["raw"] = raw_values
    df["value"] = values.where(~missing)
    declared = status.where(status.isin(["conflict", "rounding"]), "")
    df["status"] = status.replace(["", "conflict", "rounding"], "ok")
    df["preferred"] = is_pref
    # several live values for one series and period: rounding or a real conflict
    live = df[(df["status"] == "ok") & df["value"].notna()]
    grp = live.groupby(["series", "period"], sort=False)
    nvals = grp["value"].nunique()
    differing = nvals[nvals > 1].index
    npref = grp["preferred"].sum()
    kinds = _agreements(live, set(differing))
    problems += _declared_mismatches(df, declared, kinds)
    conflicted = [k for k in differing if kinds[k] == CONFLICT]
    for key in differing:
        if npref.get(key, 0) != 1:
            rows = live[(live["series"] == key[0]) & (live["period"] == key[1])]
            line = int(rows["line"].min())
            pairs = zip(rows["raw"], rows["source"], strict=False)
            vals = ", ".join(f"{v} ({s})" for v, s in pairs)
            what = "none is" if npref.get(key, 0) == 0 else "more than one is"
            kind = "conflicting" if kinds[key] == CONFLICT else "differently rounded"
            problems.append(
                (
                    line,
                    f"{kind} values for {quoted(key[0])} {key[1]}: {vals}; {what} marked "
                    "preferred=yes (exactly one must be, with a reason)",
                )
            )
    for line, message in problems:
        ctx.add(line, message)
    if problems:
        return None, periods

    # series.toml may have failed to load (its problems are already reported): no KeyError here
    series_unit = {sid: s.unit for sid, s in series.items()}
    df["unit"] = df["unit"].where(
        df["unit"] != "", df["series"].map(lambda s: series_unit.get(s, ""))
    )
    source_basis = {sid: s.basis for sid, s in sources.items()}
    df["basis"] = df["basis"].where(
        df["basis"] != "", df["source"].map(lambda s: source_basis.get(s, ""))
    )
    keys = pd.MultiIndex.from_arrays([df["series"], df["period"]])
    conflict_keys = set(conflicted)
    rounding_keys = {k for k in differing if kinds[k] == ROUNDING}
    df["conflict"] = keys.isin(list(conflict_keys)) if conflict_keys else False
    df["rounding"] = keys.isin(list(rounding_keys)) if rounding_keys else False
    return df, periods


def _csv_text_problems(ctx: _Ctx, text: str, df: Any, broken_cells: bool) -> list[tuple[int, str]]:
    """The one text rule for observations.csv: characters no cell may hold (found by one
    scan of the file), tabs or line breaks in one-line columns, and over-long cells."""
    out: list[tuple[int, str]] = []
    line, pos = 1, 0
    found: dict[int, list[str]] = {}
    scan = UNSAFE_EXCEPT_NEWLINE.finditer(text) if ctx.unsafe else ()
    for m in scan:
        line += text.count("\n", pos, m.start())
        pos = m.start()
        chars = found.setdefault(line, [])
        if m.group() not in chars:
            chars.append(m.group())
    for n, chars in found.items():
        out.append((n, "contains " + ", ".join(describe(c) for c in chars)))
    # a cell spans lines: the longest line no longer bounds a cell's length
    longest = len(text) if broken_cells else max(map(len, ctx.lines), default=0)
    text_cols = [c for c in df.columns if c != "line"]
    multiline = broken_cells or "\t" in text
    if longest <= MAX_LINE_CHARS and not multiline:
        return out  # the common case: no cell can break the rules below
    lines = df["line"]
    for col in text_cols:
        cells = df[col]
        limit = MAX_TEXT_CHARS if col in MULTILINE else MAX_LINE_CHARS
        if longest > limit:
            lengths = cells.str.len()
            for n, size in zip(lines[lengths > limit], lengths[lengths > limit], strict=True):
                out.append((int(n), f"{col} is {size:,} characters long; the limit is {limit:,}"))
        if col not in MULTILINE and multiline:
            breaks = cells.str.contains("[\t\n]", regex=True)
            for n in lines[breaks]:
                out.append(
                    (
                        int(n),
                        f"{col} contains a tab or line break; only "
                        f"{', '.join(sorted(MULTILINE))} may span lines",
                    )
                )
    return out


def _agreements(live: Any, keys: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Rounding or conflict for each (series, period) with several live values."""
    out: dict[tuple[str, str], str] = {}
    if not keys:
        return out
    triples: dict[tuple[str, str], list[tuple[float, str, str]]] = {}
    for s, p, v, raw, q in zip(
        live["series"], live["period"], live["value"], live["raw"], live["qualifier"], strict=True
    ):
        if (s, p) in keys:
            triples.setdefault((s, p), []).append((float(v), raw, q))
    for key, vals in triples.items():
        out[key] = agreement(vals)
    return out


def _declared_mismatches(
    df: Any, declared: Any, kinds: dict[tuple[str, str], str]
) -> list[tuple[int, str]]:
    """A row marked conflict or rounding must say what the values are."""
    out: list[tuple[int, str]] = []
    marked = df[declared != ""]
    for (_, r), said in zip(marked.iterrows(), declared[declared != ""], strict=True):
        key = (r["series"], r["period"])
        actual = kinds.get(key, SAME)
        if actual == said:
            continue
        rows = df[(df["series"] == key[0]) & (df["period"] == key[1]) & (df["raw"] != "")]
        vals = " and ".join(sorted(set(rows["raw"])))
        if actual == SAME:
            why = "no other live value differs from it"
        elif actual == ROUNDING:
            why = (
                f"the values ({vals}) agree within the coarser one's published precision: "
                "that is rounding, not a conflict (status = rounding)"
            )
        else:
            why = f"the values ({vals}) differ beyond their published precision (status = conflict)"
        out.append((int(r["line"]), f"marked {said}, but {why}"))
    return out


def _needs_strip(column: Any) -> bool:
    """True if a cell of ``column`` starts or ends with whitespace (checked on its distinct
    values: an id or period column of a million rows has a few thousand)."""
    return any(v != v.strip() for v in column.unique())


def _any_cell_contains(df: Any, needle: str) -> bool:
    """``df.apply(lambda c: c.str.contains(needle)).any()`` for string columns, at C speed."""
    return any(needle in "".join(df[c].tolist()) for c in df.columns)


def _finite(x: float) -> bool:
    return isinstance(x, float) and math.isfinite(x) or isinstance(x, int)


def load_dataset(root: Path | str) -> Dataset:
    """Load the dataset in ``root``; raise DatasetError listing every problem found."""
    root = Path(root)
    problems: list[Problem] = []
    if not root.exists():
        raise DatasetError([Problem(str(root), 0, "dataset folder does not exist")])
    if not root.is_dir():
        raise DatasetError([Problem(str(root), 0, "is not a folder")])
    manifest, _ = _load_manifest(root, problems)
    if manifest is None:
        raise DatasetError(problems)

    def ctx(key: str, default: str) -> _Ctx:
        name = manifest.files.get(key, default)
        return _Ctx(root / name, name, problems)

    sources = _load_sources(ctx("sources", "sources.toml"))
    series = _load_series(ctx("series", "series.toml"))
    quotes = _load_quotes(ctx("quotes", "quotes.toml"), sources, series)
    statements = _load_statements(ctx("statements", "statements.toml"), sources)
    claims_ctx = ctx("claims", "claims.toml")
    claims_lines = _load_claims(claims_ctx, sources, series)
    frame, periods = _load_observations(ctx("observations", "observations.csv"), sources, series)
    mctx = _Ctx(root / "manifest.toml", "manifest.toml", problems)
    mctx.lines = (root / "manifest.toml").read_text(encoding="utf-8-sig").splitlines()
    for key in ("total_series", "software_series", "hardware_export_series"):
        sid = getattr(manifest, key)
        if series and sid not in series:
            mctx.add(
                _find_line(mctx.lines, key), f"[analytics] {key}: unknown series id {quoted(sid)}"
            )
    for sid in manifest.hardware_import_series:
        if series and sid not in series:
            line = _find_line(mctx.lines, "hardware_import_series")
            mctx.add(line, f"[analytics] hardware_import_series: unknown series id {quoted(sid)}")
    if frame is not None:
        have = set(zip(frame["series"].tolist(), frame["period"].tolist(), strict=False))
        for line, claim in claims_lines:
            for key in ("from_period", "to_period"):
                label = getattr(claim, key)
                if (claim.series, label) not in have:
                    claims_ctx.add(
                        claims_ctx.key_line(line, key),
                        f"no observation of '{claim.series}' for {label}",
                    )
    if problems:
        raise DatasetError(problems)
    assert frame is not None
    return Dataset(
        root=root,
        manifest=manifest,
        sources=sources,
        series=series,
        quotes=quotes,
        statements=statements,
        claims=[c for _, c in claims_lines],
        table=ObsTable.from_frame(frame),
        periods=periods,
    )


def _section_line(lines: list[str], name: str) -> int:
    pat = re.compile(rf"^\s*\[\s*{re.escape(name)}\s*\]")
    return next((i + 1 for i, ln in enumerate(lines) if pat.match(ln)), 1)


def _find_line(lines: list[str], key: str) -> int:
    pat = re.compile(rf"^\s*{re.escape(key)}\s*=")
    return next((i + 1 for i, ln in enumerate(lines) if pat.match(ln)), 1)
