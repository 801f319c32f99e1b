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
from collections.abc import Mapping, Sequence
from pathlib import Path

from tui.data.choices import EXPORT_ALL_TABLES, EXPORT_FORMATS, EXPORT_TABLES
from tui.data.facts import Facts
from tui.data.numbers import exact
from tui.data.table import Record, Table, concat, records

TABLES = EXPORT_TABLES
ALL_TABLES = EXPORT_ALL_TABLES
FORMATS = EXPORT_FORMATS
_BY_FY = ("overview", "exports", "imports")
# the columns of the observations table (every published value)
OBS_COLUMNS = (
    "series",
    "series_name",
    "period",
    "period_start",
    "period_end",
    "coverage",
    "value",
    "qualifier",
    "unit",
    "status",
    "preferred",
    "conflict",
    "lower_bound",
    "source",
    "publisher",
    "source_url",
    "note",
)


def build_table(facts: Facts, name: str, fy: int | None = None) -> Table:
    """The table ``name`` as the explorer shows it: for one fiscal year, or every year."""
    from tui.data import tables

    if name in _BY_FY:
        make = {
            "overview": tables.overview_table,
            "exports": tables.exports_table,
            "imports": tables.imports_table,
        }[name]
        if fy is not None:
            return make(facts, fy)
        return concat(name, name, [make(facts, y) for y in facts.explorer_years])
    if name == "assembly":
        return tables.assembly_table(facts)
    if name == "quotes":
        return tables.quotes_table(facts, fy=fy)
    if name == "sources":
        return tables.sources_table(facts)
    if name == "conflicts":
        return tables.conflicts_table(facts)
    if name == "observations":
        return tables.observations_table(facts, fy)
    raise ValueError(f"unknown table {name!r} (valid: {', '.join(ALL_TABLES)})")


def table_rows(facts: Facts, table: str, fy: int | None = None) -> list[Record]:
    """Rows of one export table; every row keeps its own source."""
    return records(build_table(facts, table, fy))


def columns_of(table: Table) -> list[str]:
    return [c.key for c in table.exported]


def render_table(table: Table, fmt: str) -> str:
    """The whole table (every row, exported columns) as CSV, JSON or Markdown."""
    return render(records(table), fmt, columns_of(table))


def table_output(facts: Facts, table: Table, fmt: str, *, bom: bool = False) -> str | bytes:
    """The whole table in any format `pkit export` writes (``xlsx`` as bytes), for the CLI and
    the explorer alike. ``bom``: CSV that Excel opens as UTF-8."""
    if fmt == "xlsx":
        from tui.data.excel import xlsx_bytes  # pandas and openpyxl: only when asked

        return xlsx_bytes(facts, table.name, records(table), columns_of(table))
    text = render_table(table, fmt)
    return "\ufeff" + text if bom else text


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return exact(value)
    return str(value)


def render(
    rows: Sequence[Mapping[str, object]], fmt: str, columns: Sequence[str] | None = None
) -> str:
    """Rows as CSV, JSON or Markdown text."""
    cols = list(columns) if columns is not None else (list(rows[0].keys()) if rows else [])
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


_MD_SPECIAL = re.compile(r"\r\n|[\n\t&<\\|`*\[\]]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_MD_REPLACE = {"&": "&amp;", "<": "&lt;", "\r\n": " ", "\n": " ", "\t": " "}


def md_escape(text: str) -> str:
    """Text as one Markdown table cell that reads as written: no cell break (``|``), no HTML
    or entity (``<``, ``&``), no link, code or emphasis; line breaks become spaces.
    ``_`` inside a word (``hardware_consultancy``) needs no escape and keeps none."""
    if not _MD_SPECIAL.search(text):
        return text  # most cells: numbers, periods, ids
    return _MD_SPECIAL.sub(lambda m: _MD_REPLACE.get(m.group(), "\\" + m.group()), text)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: object) -> str:
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
