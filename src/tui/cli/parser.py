"""The ``pkit`` argument parser: the explorer's options and every subcommand's.

What each subcommand does is in :mod:`tui.cli.commands`; examples and the environment
variables under ``--help`` come from :mod:`tui.cli.helptext`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from tui import __version__
from tui.cli.usage import EXIT_USAGE

COLOR_CHOICES = ("truecolor", "256", "16", "mono")


class _Parser(argparse.ArgumentParser):
    """pkit's parser: usage errors exit with status 2; a subcommand's own arguments are added
    by ``fill`` when it is first used (parsed, or its help shown), so that a start of pkit
    builds only the subcommand it runs (argparse looks up a translation for every help text
    and sizes a help formatter for every argument it is given)."""

    def __init__(self, *args: Any, fill: Callable[[_Parser], None] | None = None, **kwargs: Any):
        kwargs.setdefault("formatter_class", _Unsized)  # tui.cli.helptext.finish sets the real one
        super().__init__(*args, **kwargs)
        self._fill = fill

    def filled(self) -> _Parser:
        """This parser with all its arguments (added now if they were not yet)."""
        fill, self._fill = self._fill, None
        if fill is not None:
            shown, self.formatter_class = self.formatter_class, _Unsized
            try:
                fill(self)
            finally:
                self.formatter_class = shown
        return self

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        self.filled()
        return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        self.filled()
        return super().format_usage()

    def format_help(self) -> str:
        self.filled()
        return super().format_help()

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"pkit: error: {message}\n")


class _Unsized(argparse.HelpFormatter):
    """The formatter argparse makes for every argument it is given (to check its metavar) and
    for the subcommands' prog, while the parser is built: 80 columns, not asked of the
    terminal (that imports shutil, and with it bz2, lzma and zlib). Help is formatted by the
    formatter :func:`tui.cli.helptext.finish` sets, sized as usual."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        super().__init__(prog, indent_increment, max_help_position, 80 if width is None else width)


def _common_options(p: argparse.ArgumentParser, default: object) -> None:
    p.add_argument(
        "--data",
        metavar="DIR",
        default=default,
        help="use the dataset in DIR instead of the bundled one (validated in full each time)",
    )
    p.add_argument(
        "--fy", metavar="FY", default=default, help="fiscal year, e.g. 2024-25, FY2024-25 or FY25"
    )


def _sub_common(p: argparse.ArgumentParser) -> None:
    # sub-commands leave the options unset when not given, so that `pkit --data DIR summary`
    # (options before the command) is not reset to None by the sub-command's defaults
    _common_options(p, argparse.SUPPRESS)


def _ascii_option(p: argparse.ArgumentParser, where: str = "") -> None:
    # SUPPRESS: `pkit --ascii summary` (before the command) is not reset by the subcommand
    p.add_argument(
        "--ascii",
        action="store_true",
        default=argparse.SUPPRESS,
        help=f"plain ASCII text (also {where}when the locale is not UTF-8)",
    )


def _output_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE; - or none: standard output"
    )


def build_parser(*, lazy: bool = False) -> argparse.ArgumentParser:
    """The whole parser; ``lazy``: each subcommand's own arguments are added only when that
    subcommand is parsed or its help shown (``pkit`` itself builds only the one it runs)."""
    parser = _Parser(
        prog="pkit",
        description="Explore Pakistan's IT trade in the terminal: exports, hardware imports, "
        "voices, and the source behind every figure.",
    )
    _common_options(parser, None)
    parser.add_argument("--version", action="version", version=f"pkit {__version__}")
    ui = parser.add_argument_group("explorer options")
    ui.add_argument("--theme", metavar="NAME", help="colour theme (see `pkit themes`)")
    ui.add_argument("--colors", choices=COLOR_CHOICES, help="force a colour depth")
    ui.add_argument("--ascii", action="store_true", help="draw with plain ASCII only")
    ui.add_argument("--low-bandwidth", action="store_true", help="no animations (set over SSH)")
    ui.add_argument("--no-restore", action="store_true", help="ignore saved preferences")
    ui.add_argument(
        "--force-ui",
        action="store_true",
        help="start the explorer even when stdin or stdout is not a terminal",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.add_parser(
        "validate", help="check a dataset; list every problem as file:line", fill=_validate
    )
    sub.add_parser("summary", help="headline figures and categories for one FY", fill=_summary)
    sub.add_parser("export", help="write a table as CSV, JSON or Markdown", fill=_export)
    sub.add_parser(
        "brief",
        help="a one-page sourced brief for one FY: figures, checks, statements, quotes",
        description="A one-page brief: headline figures as published with their changes, the "
        "quoted growth rates rechecked, key statements and quotes, each with a numbered "
        "citation (publisher, date, title, URL) listed at the end.",
        fill=_brief,
    )
    sub.add_parser("themes", help="list the colour themes and where each comes from")
    sub.add_parser("serve-ssh", help="host the explorer for a team over SSH", fill=_serve_ssh)

    from tui.cli import helptext as clihelp

    clihelp.add_completions_command(sub)
    clihelp.finish(parser, sub.choices)
    if not lazy:
        for command in sub.choices.values():
            if isinstance(command, _Parser):
                command.filled()
    return parser


def _validate(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", nargs="?", metavar="DIR", help="dataset folder (default: bundled)")


def _summary(p: argparse.ArgumentParser) -> None:
    _sub_common(p)
    p.add_argument(
        "--format",
        default="text",
        choices=("text", "md", "json"),
        help="text (tables), md (Markdown tables) or json (default: text)",
    )
    _ascii_option(p)


def _export(p: argparse.ArgumentParser) -> None:
    # the names alone: importing tui.data.export here cost every start of pkit its imports
    from tui.data.choices import EXPORT_ALL_TABLES, EXPORT_FORMATS

    _sub_common(p)
    p.add_argument("--table", required=True, choices=EXPORT_ALL_TABLES, help="which table to write")
    p.add_argument(
        "--format",
        choices=(*EXPORT_FORMATS, "xlsx"),
        help="csv (default), json, md, or xlsx (an Excel workbook with a notes sheet)",
    )
    p.add_argument(
        "--excel-csv",
        action="store_true",
        help="CSV for Excel: UTF-8 with a byte-order mark, so Urdu and quotes show right",
    )
    _output_option(p)


def _brief(p: argparse.ArgumentParser) -> None:
    from tui.data.choices import BRIEF_FORMATS, BRIEF_TOPICS

    _sub_common(p)
    p.add_argument("--topic", default="all", choices=BRIEF_TOPICS, help="what the brief covers")
    p.add_argument(
        "--format",
        choices=BRIEF_FORMATS,
        help="text, md or html (default: from the -o file's suffix, else text)",
    )
    _ascii_option(p, "on standard output ")
    _output_option(p)


def _serve_ssh(p: argparse.ArgumentParser) -> None:
    _sub_common(p)
    p.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: %(default)s)"
    )
    p.add_argument(
        "--port", type=int, default=2222, help="port to listen on (default: %(default)s)"
    )
    p.add_argument(
        "--host-key",
        metavar="FILE",
        help="the server's private host key (default: made once in pkit's state folder)",
    )
    p.add_argument(
        "--authorized-keys",
        metavar="FILE",
        help="public keys allowed in, one per line (OpenSSH authorized_keys format; from=, "
        "expiry-time=, no-pty and restrict are enforced, any other option is refused; the "
        "file must not be writable by group or others)",
    )
    p.add_argument(
        "--allow-any-key",
        action="store_true",
        help="let any SSH key in: a public read-only kiosk (instead of --authorized-keys)",
    )
    p.add_argument(
        "--max-sessions",
        type=int,
        default=32,
        help="sessions at once; more are refused politely (default: %(default)s)",
    )
    p.add_argument(
        "--idle-timeout",
        type=int,
        default=900,
        help="seconds without input before a session ends; 0: never (default: %(default)s)",
    )
