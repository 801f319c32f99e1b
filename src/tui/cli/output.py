"""Where a command's text goes: a file given with ``-o`` (written whole or not at all), or
standard output."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.cli.usage import UsageError


def format_from_suffix(output: str | None) -> str:
    """`-o imports.xlsx` (or .json, .md) without --format: the suffix says; else CSV."""
    suffix = Path(output).suffix.lower().lstrip(".") if output and output != "-" else ""
    return suffix if suffix in ("json", "md", "xlsx") else "csv"


def to_stdout(output: str | None) -> bool:
    """No ``-o``, or ``-o -``: standard output."""
    return not output or output == "-"


def write_output(output: str | None, text: str | bytes) -> None:
    """Write ``text`` to the file ``output`` (see export.write_output), or to stdout when
    there is none (or it is ``-``). Bytes (a workbook) never go to a terminal."""
    from tui.data.export import write_output as write_file

    if output is None or to_stdout(output):
        if isinstance(text, str):
            sys.stdout.write(text)
            return
        if sys.stdout.isatty():
            raise UsageError("a workbook is binary: give -o FILE, or redirect standard output")
        sys.stdout.flush()
        sys.stdout.buffer.write(text)
        sys.stdout.buffer.flush()
        return
    out = Path(output).expanduser()
    if out.is_dir():
        raise UsageError(f"-o {output}: is a folder; give a file name")
    if not out.parent.exists():
        raise UsageError(f"-o {output}: folder {out.parent} does not exist")
    try:
        write_file(out, text)
    except OSError as exc:
        raise UsageError(f"-o {output}: cannot write: {exc.strerror or exc}") from None
    print(f"wrote {out}", file=sys.stderr)


def ascii_wanted(args: argparse.Namespace, on_stdout: bool = True) -> bool:
    """Plain ASCII text: asked for with ``--ascii``, or (on standard output) a locale that
    cannot show Unicode."""
    if getattr(args, "ascii", False):
        return True
    if not on_stdout:
        return False
    from tui.ui.terminal_locale import utf8_locale

    return not utf8_locale()
