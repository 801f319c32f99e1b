"""`pkit serve-ssh`: not built yet (see the serve-ssh issue)."""

from __future__ import annotations

import argparse
import sys


def serve_main(args: argparse.Namespace) -> int:
    print("pkit: serve-ssh is not available in this version yet", file=sys.stderr)
    return 2
