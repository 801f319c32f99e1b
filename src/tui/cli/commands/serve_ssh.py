"""``pkit serve-ssh``: host the explorer for a team over SSH (see tui.serve)."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    from tui.serve import serve_main

    return serve_main(args)
