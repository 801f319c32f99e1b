"""Export tables as CSV, JSON or Markdown; files are written atomically."""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import json
import os
import re
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tui.data.facts import Facts
from tui.data.model import Observation, Quote, Source
from tui.data.numbers import exact

TABLES = ("exports", "imports", "assembly", "quotes", "sources")
FORMATS = ("csv", "json", "md")
OBS_COLUMNS = (
    "series",
    "series_name",
    "period",
    "period_span",
    "value",
    "qualifier",
    "unit",
    "status",
    "preferred",
    "source",
    "source_title",
    "source_url",
    "note",
)
_GROUPS = {
    "exports": ("exports", "indicators", "targets"),
    "imports": ("imports",),
    "assembly": ("assembly",),
}


def _obs_row(facts: Facts, ob: Observation, conflict: bool) -> dict[str, Any]:
    src = facts.ds.sources.get(ob.source)
    status = ob.status
    if status == "ok":
        status = "partial" if ob.period.is_partial else "full"
        if conflict:
            status += ",conflict"
    return {
        "series": ob.series,
        "series_name": facts.ds.series[ob.series].name,
        "period": ob.period.label,
        "period_span": ob.period.span,
        "value": ob.value,
        "qualifier": ob.qualifier,
        "unit": ob.unit,
        "status": status,
        "preferred": "yes" if ob.preferred else "",
        "source": ob.source,
        "source_title": src.title if src else "",
        "source_url": src.url if src else "",
        "note": ob.note,
    }


def _in_fy(ob: Observation, fy: int | None) -> bool:
    if fy is None:
        return True
    if ob.period.fy is not None:
        return ob.period.fy == fy
    # calendar-year periods: keep those overlapping the fiscal year
    return ob.period.year in (fy, fy + 1)


def table_rows(facts: Facts, table: str, fy: int | None = None) -> list[dict[str, Any]]:
    """Rows of one export table; every observation keeps its own source."""
    if table in _GROUPS:
        rows: list[dict[str, Any]] = []
        for group in _GROUPS[table]:
            for s in facts.series_in_group(group):
                for label, obs in facts.observations(s.id).items():
                    conflict = facts.figure(s.id, label).status == "conflict"
                    for ob in obs:
                        if _in_fy(ob, fy):
                            rows.append(_obs_row(facts, ob, conflict))
        rows.sort(key=lambda r: (r["series"], facts.ds.periods[r["period"]].sort_key))
        return rows
    if table == "quotes":
        out = []
        for q in facts.ds.quotes:
            if (
                fy is not None
                and q.periods
                and not any(
                    facts.ds.periods.get(p) is not None and facts.ds.periods[p].fy == fy
                    for p in q.periods
                )
            ):
                continue
            out.append(quote_row(facts, q))
        return out
    if table == "sources":
        return [source_row(facts, s) for s in facts.ds.sources.values()]
    raise ValueError(f"unknown table {table!r} (valid: {', '.join(TABLES)})")


def quote_row(facts: Facts, q: Quote) -> dict[str, Any]:
    """One statement with its source; ``kind`` says direct or reported speech."""
    src = facts.ds.sources.get(q.source)
    return {
        "id": q.id,
        "speaker": q.speaker,
        "role": q.role,
        "organisation": q.organisation,
        "date": q.date,
        "outlet": q.outlet,
        "kind": q.kind,
        "text": q.text,
        "topics": ", ".join(q.topics),
        "source": q.source,
        "source_url": src.url if src else "",
        "note": q.note,
    }


def source_row(facts: Facts, s: Source) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "publisher": s.publisher,
        "date": s.date,
        "url": s.url,
        "basis": s.basis,
        "reliability": s.reliability,
        "figures": facts.source_counts().get(s.id, 0),
    }


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return exact(value)
    return str(value)


def render(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None) -> str:
    """Rows as CSV, JSON or Markdown text."""
    cols = list(columns) if columns else (list(rows[0].keys()) if rows else list(OBS_COLUMNS))
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(cols)
        for r in rows:
            writer.writerow([_csv_cell(r.get(c)) for c in cols])
        return buf.getvalue()
    if fmt == "json":
        return (
            json.dumps([{c: r.get(c) for c in cols} for r in rows], ensure_ascii=False, indent=2)
            + "\n"
        )
    if fmt == "md":
        lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
        for r in rows:
            lines.append("| " + " | ".join(md_escape(_cell(r.get(c))) for c in cols) + " |")
        return "\n".join(lines) + "\n"
    raise ValueError(f"unknown format {fmt!r} (valid: {', '.join(FORMATS)})")


_MD_SPECIAL = re.compile(r"[\\|`*\[\]]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")


def md_escape(text: str) -> str:
    """Text as one Markdown table cell that reads as written: no cell break (``|``), no HTML
    or entity (``<``, ``&``), no link, code or emphasis; line breaks become spaces.
    ``_`` inside a word (``hardware_consultancy``) needs no escape and keeps none."""
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    text = _MD_SPECIAL.sub(lambda m: "\\" + m.group(), text)
    return text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any) -> str:
    """A CSV cell; text a spreadsheet would run as a formula (``=...``, ``@...``, ``+x``) gets
    a leading ``'`` so it is shown, never run. Numbers are written as they are."""
    text = _cell(value)
    if isinstance(value, str) and text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def write_output(path: Path, text: str | bytes) -> Path:
    """Write ``text`` where ``-o PATH`` points; returns the file written.

    A regular file (or a new one) is written atomically (:func:`write_atomic`). A FIFO, a
    device or another special file (``-o /dev/stdout``, ``-o >(cmd)``) is written through,
    never renamed over: ``-o /dev/null`` leaves /dev/null a device. A symlink is followed,
    as shell redirection does: the file it points to is written, the link stays.
    A regular file the user may not write is refused (PermissionError), as ``>`` would.
    """
    path = Path(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        st = None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if st is not None and not stat.S_ISREG(st.st_mode):
        with open(path, "wb") as fh:
            fh.write(text.encode("utf-8") if isinstance(text, str) else text)
        return path
    if st is not None and not os.access(path, os.W_OK):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
    return write_atomic(path, text)


def write_atomic(path: Path, text: str | bytes) -> Path:
    """Write to a temp file in the same folder, then rename: never a half-written file.

    A symlink is followed (the file it points to is replaced, the link stays). The new file
    keeps the old one's mode, with read and write for its owner always (a file saved as
    mode 000 would be unreadable next time); returns the file written.
    """
    path = Path(os.path.realpath(path))
    folder = path.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        # mkstemp makes the file 0600: keep the old file's mode, else the usual one (umask)
        try:
            mode = (path.stat().st_mode & 0o777) | 0o600
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8") if isinstance(text, str) else text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path
