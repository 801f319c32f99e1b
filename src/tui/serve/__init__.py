"""`pkit serve-ssh`: host the explorer for a team over SSH (see docs/serve-ssh.md).

Kept import-light: each session's child runs ``python -m tui.serve.session_bootstrap``, which
imports this package first, so asyncssh is imported only by the server modules.
"""

from __future__ import annotations

import argparse
import warnings


def serve_main(args: argparse.Namespace) -> int:
    # asyncssh still names DSA at import; newer `cryptography` releases warn about it on
    # stderr, which would turn every one-line refusal of `pkit serve-ssh` into a dozen lines.
    warnings.filterwarnings("ignore", module=r"asyncssh(\.|$)")
    from tui.serve.main import serve_main as run

    return run(args)
