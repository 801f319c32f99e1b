"""``pkit completions SHELL``: the shell completion script (see tui.cli.helptext)."""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    from tui.cli.helptext import completion_script

    sys.stdout.write(completion_script(args.shell))
    return 0
