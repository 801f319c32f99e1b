"""``pkit brief``: a one-page sourced brief for one FY as text, Markdown or HTML."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.cli.dataset import check_fy, facts_from_options, fy_arg
from tui.cli.output import ascii_wanted, to_stdout, write_output


def run(args: argparse.Namespace) -> int:
    from tui.data.brief import build_brief
    from tui.data.brief_render import SUFFIXES, render_brief

    on_stdout = to_stdout(args.output)
    form = args.format or SUFFIXES.get("" if on_stdout else Path(args.output).suffix.lower())
    facts = facts_from_options(args.data)
    fy = check_fy(facts, fy_arg(args.fy))
    text = render_brief(build_brief(facts, fy, args.topic), form or "text")
    if ascii_wanted(args, on_stdout=on_stdout):
        from tui.ui.ascii_text import to_ascii

        text = to_ascii(text)
    write_output(args.output, text)
    return 0
