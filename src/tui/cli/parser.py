"""The ``pkit`` argument parser: the explorer's options and every subcommand's.

What each subcommand does is in :mod:`tui.cli.commands`; examples and the environment
variables under ``--help`` come from :mod:`tui.cli.helptext`.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, NoReturn

from tui import __version__
from tui.cli.usage import EXIT_USAGE

COLOR_CHOICES = ("truecolor", "256", "16", "mono")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"pkit: error: {message}\n")


def _common_options(default: object) -> _Parser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--data",
        metavar="DIR",
        default=default,
        help="use the dataset in DIR instead of the bundled one (validated in full each time)",
    )
    common.add_argument(
        "--fy", metavar="FY", default=default, help="fiscal year, e.g. 2024-25, FY2024-25 or FY25"
    )
    return common


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


def build_parser() -> argparse.ArgumentParser:
    common = _common_options(None)
    # sub-commands leave the options unset when not given, so that `pkit --data DIR summary`
    # (options before the command) is not reset to None by the sub-command's defaults
    sub_common = _common_options(argparse.SUPPRESS)

    parser = _Parser(
        prog="pkit",
        description="Explore Pakistan's IT trade in the terminal: exports, hardware imports, "
        "voices, and the source behind every figure.",
        parents=[common],
    )
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

    p = sub.add_parser("validate", help="check a dataset; list every problem as file:line")
    p.add_argument("dir", nargs="?", metavar="DIR", help="dataset folder (default: bundled)")

    p = sub.add_parser(
        "summary", parents=[sub_common], help="headline figures and categories for one FY"
    )
    p.add_argument(
        "--format",
        default="text",
        choices=("text", "md", "json"),
        help="text (tables), md (Markdown tables) or json (default: text)",
    )
    _ascii_option(p)
    _add_export(sub, sub_common)
    _add_brief(sub, sub_common)
    sub.add_parser("themes", help="list the colour themes and where each comes from")
    _add_serve_ssh(sub, sub_common)

    from tui.cli import helptext as clihelp

    clihelp.add_completions_command(sub)
    clihelp.finish(parser, sub.choices)
    return parser


def _add_export(sub: Any, sub_common: argparse.ArgumentParser) -> None:
    # the names alone: importing tui.data.export here cost every start of pkit its imports
    from tui.data.choices import EXPORT_ALL_TABLES, EXPORT_FORMATS

    p = sub.add_parser(
        "export", parents=[sub_common], help="write a table as CSV, JSON or Markdown"
    )
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


def _add_brief(sub: Any, sub_common: argparse.ArgumentParser) -> None:
    from tui.data.choices import BRIEF_FORMATS, BRIEF_TOPICS

    p = sub.add_parser(
        "brief",
        parents=[sub_common],
        help="a one-page sourced brief for one FY: figures, checks, statements, quotes",
        description="A one-page brief: headline figures as published with their changes, the "
        "quoted growth rates rechecked, key statements and quotes, each with a numbered "
        "citation (publisher, date, title, URL) listed at the end.",
    )
    p.add_argument("--topic", default="all", choices=BRIEF_TOPICS, help="what the brief covers")
    p.add_argument(
        "--format",
        choices=BRIEF_FORMATS,
        help="text, md or html (default: from the -o file's suffix, else text)",
    )
    _ascii_option(p, "on standard output ")
    _output_option(p)


def _add_serve_ssh(sub: Any, sub_common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "serve-ssh", parents=[sub_common], help="host the explorer for a team over SSH"
    )
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
