"""``pkit`` without a subcommand: the explorer, in this terminal."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tui.cli.dataset import data_dir, fy_arg
from tui.cli.usage import UsageError
from tui.data.fiscal import fy_label


def run(args: argparse.Namespace) -> int:
    from tui.ui.launch import OptionError, run_app

    check_terminal(args)
    data = data_dir(args.data)
    fy = fy_arg(args.fy)
    if fy is not None:
        quick_fy_check(data, fy)
    try:
        return run_app(args, data, fy)
    except OptionError as exc:
        raise UsageError(str(exc)) from None


def quick_fy_check(data: Path, fy: int) -> None:
    """Refuse an --fy the dataset never mentions, without loading it (first paint stays fast).

    Only fiscal-year labels written in the observations file are scanned; a dataset that
    cannot be read is left to the app's own error screen.
    """
    import re

    from tui.data.fiscal import fy_of_month
    from tui.data.load.manifest import peek_manifest

    manifest = peek_manifest(data)
    if manifest is None:
        return
    total = manifest.total_series
    try:
        path = data / manifest.file("observations")
        lines = path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except (OSError, ValueError):
        return
    # the explorer steps through the years of the total series
    text = "\n".join(ln for ln in lines if ln.startswith(total + ","))
    years = {int(m) for m in re.findall(r"\bFY(\d{4})-\d{2}\b", text)}
    years |= {
        fy_of_month(int(y), int(mo))
        for y, mo in re.findall(r"(?:^|,)(\d{4})-(\d{2})(?=,)", text, flags=re.M)
        if 1 <= int(mo) <= 12
    }
    if years and fy not in years:
        span = range(min(years), max(years) + 1)
        valid = ", ".join(fy_label(y) for y in span)
        raise UsageError(f"--fy {fy_label(fy)}: no data for that fiscal year (valid: {valid})")


def check_terminal(args: argparse.Namespace) -> None:
    """No terminal, no explorer: stop at once instead of drawing into a pipe or a log.

    A host that brings its own Textual driver (textual-serve sets TEXTUAL_DRIVER) needs none.
    """
    if args.force_ui or os.environ.get("PKIT_FORCE_UI") == "1" or os.environ.get("TEXTUAL_DRIVER"):
        return
    for stream, name in ((sys.stdin, "input"), (sys.stdout, "output")):
        try:
            is_tty = stream is not None and stream.isatty()
        except ValueError:  # closed
            is_tty = False
        if not is_tty:
            raise UsageError(
                f"the explorer needs a terminal and standard {name} is not one; for text use "
                "`pkit summary` or `pkit export --table TABLE` (--force-ui starts it anyway)"
            )
