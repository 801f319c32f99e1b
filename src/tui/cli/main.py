"""The ``pkit`` command line: parse, run the subcommand, turn errors into exit codes.

Heavy imports (pandas, Textual) happen only in the subcommand that needs them.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence

from tui.cli.parser import build_parser
from tui.cli.usage import EXIT_USAGE, UsageError

__all__ = ["EXIT_USAGE", "UsageError", "build_parser", "main"]

# commands that run with the garbage collector paused: the explorer until its first frame,
# these three while they read the bundled data's snapshot and write (short, bounded by the
# snapshot's size); tui.cli.dataset.load resumes it before validating a dataset in full
_PAUSED = (None, "summary", "export", "brief")


def _command(name: str | None) -> Callable[[argparse.Namespace], int]:
    """The ``run`` of the subcommand ``name`` (None: the explorer), imported only now."""
    if name == "validate":
        from tui.cli.commands.validate import run as validate

        return validate
    if name == "summary":
        from tui.cli.commands.summary import run as summary

        return summary
    if name == "export":
        from tui.cli.commands.export import run as export

        return export
    if name == "brief":
        from tui.cli.commands.brief import run as brief

        return brief
    if name == "themes":
        from tui.cli.commands.themes import run as themes

        return themes
    if name == "serve-ssh":
        from tui.cli.commands.serve_ssh import run as serve_ssh

        return serve_ssh
    if name == "completions":
        from tui.cli.commands.completions import run as completions

        return completions
    from tui.cli.commands.explorer import run as explorer

    return explorer


def main(argv: Sequence[str] | None = None) -> int:
    from tui import gc_pause

    gc_pause.pause()  # see tui.gc_pause: the explorer resumes it after its first frame
    try:
        return _main(argv)
    finally:
        gc_pause.resume(freeze=False)  # as it was, for a caller that goes on (tests)


def _main(argv: Sequence[str] | None) -> int:
    from tui import gc_pause
    from tui.cli.helptext import autocomplete

    # the subcommands' own arguments only for the one run (all of them for a shell completing)
    parser = build_parser(lazy="_ARGCOMPLETE" not in os.environ)
    autocomplete(parser)  # a shell asking for completions: answer and exit
    args = parser.parse_args(argv)
    if args.command not in _PAUSED:
        gc_pause.resume(freeze=False)
    try:
        code = _command(args.command)(args)
        sys.stdout.flush()  # a closed pipe shows here, not at exit (where it would be status 120)
        return code
    except UsageError as exc:
        print(f"pkit: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # stdout closed early (e.g. `pkit export ... | head`): not an error worth a traceback
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception:  # noqa: BLE001 - a bug: one line on screen, the traceback in a log
        import traceback

        from tui import crash

        return crash.report(traceback.format_exc())
