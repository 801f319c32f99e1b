"""``pkit summary``: headline figures and categories for one FY (see tui.cli.summary)."""

from __future__ import annotations

import argparse
import sys

from tui.cli.dataset import check_fy, facts_from_options, fy_arg
from tui.cli.output import ascii_wanted


def run(args: argparse.Namespace) -> int:
    from tui.cli.summary import render_summary

    facts = facts_from_options(args.data)
    fy = check_fy(facts, fy_arg(args.fy))
    terminal = sys.stdout.isatty()
    text = render_summary(
        facts,
        fy,
        args.format,
        ascii_only=ascii_wanted(args),
        terminal=terminal,
    )
    sys.stdout.write(text)
    return 0
