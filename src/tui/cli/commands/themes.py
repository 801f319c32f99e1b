"""``pkit themes``: every colour theme and where it comes from; skipped files on stderr."""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    from tui.ui.themes import load_themes

    themes, failures = load_themes()
    for spec in themes.values():
        print(f"{spec.name:24} {spec.origin}")
    for failure in failures:
        print(f"skipped: {failure}", file=sys.stderr)
    return 0
