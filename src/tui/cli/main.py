"""The ``pkit`` command line. Heavy imports (pandas, Textual) happen only when needed."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from tui import __version__
from tui.data.fiscal import PeriodError, fy_label, parse_fy
from tui.locations import bundled_data_dir

if TYPE_CHECKING:
    from tui.data.facts import Facts

EXIT_USAGE = 2
COLOR_CHOICES = ("truecolor", "256", "16", "mono")


class UsageError(Exception):
    """Bad arguments or input: printed as one clear message, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"pkit: error: {message}\n")


def _data_dir(text: str | None) -> Path:
    if text is None:
        return bundled_data_dir()
    path = Path(text).expanduser()
    if not path.exists():
        raise UsageError(f"--data {text}: no such folder")
    if not path.is_dir():
        raise UsageError(f"--data {text}: not a folder")
    return path


def _fy_arg(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return parse_fy(text)
    except PeriodError as exc:
        raise UsageError(f"--fy: {exc}") from None


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
    p.add_argument(
        "--ascii",
        action="store_true",
        default=argparse.SUPPRESS,
        help="plain ASCII text (also when the locale is not UTF-8)",
    )

    from tui.data.export import ALL_TABLES, FORMATS

    p = sub.add_parser(
        "export", parents=[sub_common], help="write a table as CSV, JSON or Markdown"
    )
    p.add_argument("--table", required=True, choices=ALL_TABLES, help="which table to write")
    p.add_argument(
        "--format",
        choices=(*FORMATS, "xlsx"),
        help="csv (default), json, md, or xlsx (an Excel workbook with a notes sheet)",
    )
    p.add_argument(
        "--excel-csv",
        action="store_true",
        help="CSV for Excel: UTF-8 with a byte-order mark, so Urdu and quotes show right",
    )
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE; - or none: standard output"
    )

    from tui.data.brief import TOPICS
    from tui.data.brief_render import FORMATS as BRIEF_FORMATS

    p = sub.add_parser(
        "brief",
        parents=[sub_common],
        help="a one-page sourced brief for one FY: figures, checks, statements, quotes",
        description="A one-page brief: headline figures as published with their changes, the "
        "quoted growth rates rechecked, key statements and quotes, each with a numbered "
        "citation (publisher, date, title, URL) listed at the end.",
    )
    p.add_argument("--topic", default="all", choices=TOPICS, help="what the brief covers")
    p.add_argument(
        "--format",
        choices=BRIEF_FORMATS,
        help="text, md or html (default: from the -o file's suffix, else text)",
    )
    p.add_argument(
        "--ascii",
        action="store_true",
        default=argparse.SUPPRESS,
        help="plain ASCII text (also on standard output when the locale is not UTF-8)",
    )
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE; - or none: standard output"
    )

    sub.add_parser("themes", help="list the colour themes and where each comes from")

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

    from tui.cli import helptext as clihelp

    clihelp.add_completions_command(sub)
    clihelp.finish(parser, sub.choices)
    return parser


def _load(data: Path, bundled: bool = False) -> Facts:
    """The validated dataset: the bundled one from its snapshot when no file changed since
    (no pandas; see tui.data.snapshot), else validated in full (and its snapshot kept)."""
    from tui.data.facts import Facts
    from tui.data.problems import DatasetError

    try:
        if not bundled:
            from tui.data.loader import load_dataset

            return Facts(load_dataset(data))
        from tui.data.snapshot import load, validate_and_keep

        found = load(data)
        if found.dataset is not None:
            return Facts(found.dataset)
        if found.note:
            print(f"pkit: {found.note}", file=sys.stderr)
        return Facts(validate_and_keep(data, keep=found.state != "off"))
    except DatasetError as exc:
        lines = [
            f"{data / p.file if p.file != str(data) else p.file}:{p.line}: {p.message}"
            if p.line
            else f"{data / p.file}: {p.message}"
            for p in exc.problems
        ]
        raise UsageError(
            f"dataset {data} has {len(exc.problems)} problem(s):\n" + "\n".join(lines)
        ) from None


def _check_fy(facts: Facts, fy: int | None) -> int:
    years = facts.explorer_years
    if fy is None:
        return facts.latest_full_fy
    if fy not in years:
        valid = ", ".join(fy_label(y) for y in years)
        raise UsageError(f"--fy {fy_label(fy)}: no data for that fiscal year (valid: {valid})")
    return fy


def cmd_validate(args: argparse.Namespace) -> int:
    from tui.data import DatasetError, load_dataset

    given = args.dir or args.data  # `pkit --data DIR validate` checks DIR too
    data = Path(given) if given else bundled_data_dir()
    try:
        ds = load_dataset(data)
    except DatasetError as exc:
        for p in exc.problems:
            # only the "folder does not exist" problem names the folder itself
            print(str(p) if p.file == str(data) else _prefixed(data, p), file=sys.stderr)
        print(f"pkit: {data}: {len(exc.problems)} problem(s)", file=sys.stderr)
        return EXIT_USAGE
    from tui.data.datapackage import check as check_descriptor

    stale = check_descriptor(ds)
    if stale:
        for p in stale:
            print(_prefixed(data, p), file=sys.stderr)
        print(f"pkit: {data}: datapackage.json disagrees with the data files", file=sys.stderr)
        return EXIT_USAGE
    n_obs = len(ds.table)
    print(
        f"ok: {data}: {n_obs} observations in {len(ds.series)} series, {len(ds.sources)} sources, "
        f"{len(ds.quotes)} quotes, {len(ds.claims)} claims"
    )
    return 0


def _prefixed(data: Path, p: object) -> str:
    from tui.data.problems import Problem

    assert isinstance(p, Problem)
    where = data / p.file
    return f"{where}:{p.line}: {p.message}" if p.line else f"{where}: {p.message}"


def cmd_summary(args: argparse.Namespace) -> int:
    import shutil

    from tui.cli.summary import render_summary
    from tui.ui.launch import utf8_locale

    facts = _load(_data_dir(args.data), bundled=args.data is None)
    fy = _check_fy(facts, _fy_arg(args.fy))
    terminal = sys.stdout.isatty()
    text = render_summary(
        facts,
        fy,
        args.format,
        ascii_only=bool(getattr(args, "ascii", False)) or not utf8_locale(),
        terminal=terminal,
        width=shutil.get_terminal_size().columns if terminal else None,
    )
    sys.stdout.write(text)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from tui.data.export import build_table, table_output

    form = args.format or _format_from_suffix(args.output)
    if args.excel_csv and form != "csv":
        raise UsageError(f"--excel-csv writes CSV; it cannot go with --format {form}")
    facts = _load(_data_dir(args.data), bundled=args.data is None)
    fy = _fy_arg(args.fy)
    if fy is not None:
        _check_fy(facts, fy)
    table = build_table(facts, args.table, fy)
    _write_output(args.output, table_output(facts, table, form, bom=args.excel_csv))
    return 0


def _format_from_suffix(output: str | None) -> str:
    """`-o imports.xlsx` (or .json, .md) without --format: the suffix says; else CSV."""
    suffix = Path(output).suffix.lower().lstrip(".") if output and output != "-" else ""
    return suffix if suffix in ("json", "md", "xlsx") else "csv"


def _write_output(output: str | None, text: str | bytes) -> None:
    """Write ``text`` to the file ``output`` (see export.write_output), or to stdout when
    there is none (or it is ``-``). Bytes (a workbook) never go to a terminal."""
    from tui.data.export import write_output

    if not output or output == "-":
        if isinstance(text, str):
            sys.stdout.write(text)
            return
        if sys.stdout.isatty():
            raise UsageError("a workbook is binary: give -o FILE, or redirect standard output")
        sys.stdout.flush()
        sys.stdout.buffer.write(text)
        sys.stdout.buffer.flush()
        return
    out = Path(output).expanduser()
    if out.is_dir():
        raise UsageError(f"-o {output}: is a folder; give a file name")
    if not out.parent.exists():
        raise UsageError(f"-o {output}: folder {out.parent} does not exist")
    try:
        write_output(out, text)
    except OSError as exc:
        raise UsageError(f"-o {output}: cannot write: {exc.strerror or exc}") from None
    print(f"wrote {out}", file=sys.stderr)


def cmd_brief(args: argparse.Namespace) -> int:
    from tui.data.brief import build_brief
    from tui.data.brief_render import SUFFIXES, render_brief
    from tui.ui.launch import utf8_locale

    to_stdout = not args.output or args.output == "-"
    form = args.format or SUFFIXES.get("" if to_stdout else Path(args.output).suffix.lower())
    facts = _load(_data_dir(args.data), bundled=args.data is None)
    fy = _check_fy(facts, _fy_arg(args.fy))
    text = render_brief(build_brief(facts, fy, args.topic), form or "text")
    if getattr(args, "ascii", False) or (to_stdout and not utf8_locale()):
        from tui.ui.ascii_filter import to_ascii

        text = to_ascii(text)
    _write_output(args.output, text)
    return 0


def cmd_themes(args: argparse.Namespace) -> int:
    from tui.ui.themes import load_themes

    themes, failures = load_themes()
    for spec in themes.values():
        print(f"{spec.name:24} {spec.origin}")
    for failure in failures:
        print(f"skipped: {failure}", file=sys.stderr)
    return 0


def cmd_completions(args: argparse.Namespace) -> int:
    from tui.cli.helptext import completion_script

    sys.stdout.write(completion_script(args.shell))
    return 0


def cmd_serve_ssh(args: argparse.Namespace) -> int:
    from tui.serve import serve_main

    return serve_main(args)


def _quick_fy_check(data: Path, fy: int) -> None:
    """Refuse an --fy the dataset never mentions, without loading it (first paint stays fast).

    Only fiscal-year labels written in observations.csv are scanned; a dataset that cannot
    be read is left to the app's own error screen.
    """
    import re

    from tui.data.fiscal import fy_of_month
    from tui.data.tomlcompat import tomllib

    path = data / "observations.csv"
    try:
        manifest = tomllib.loads((data / "manifest.toml").read_text(encoding="utf-8-sig"))
        total = str(manifest.get("analytics", {}).get("total_series", "ict_exports"))
        lines = path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except (OSError, ValueError, AttributeError):
        return
    # the explorer steps through the years of the total series
    text = "\n".join(ln for ln in lines if ln.startswith(total + ","))
    years = {int(m) for m in re.findall(r"\bFY(\d{4})-\d{2}\b", text)}
    years |= {
        fy_of_month(int(y), int(mo))
        for y, mo in re.findall(r"(?:^|,)(\d{4})-(\d{2})(?=,)", text, flags=re.M)
        if 1 <= int(mo) <= 12
    }
    if years and fy not in years:
        span = range(min(years), max(years) + 1)
        valid = ", ".join(fy_label(y) for y in span)
        raise UsageError(f"--fy {fy_label(fy)}: no data for that fiscal year (valid: {valid})")


def _check_terminal(args: argparse.Namespace) -> None:
    """No terminal, no explorer: stop at once instead of drawing into a pipe or a log.

    A host that brings its own Textual driver (textual-serve sets TEXTUAL_DRIVER) needs none.
    """
    if args.force_ui or os.environ.get("PKIT_FORCE_UI") == "1" or os.environ.get("TEXTUAL_DRIVER"):
        return
    for stream, name in ((sys.stdin, "input"), (sys.stdout, "output")):
        try:
            is_tty = stream is not None and stream.isatty()
        except ValueError:  # closed
            is_tty = False
        if not is_tty:
            raise UsageError(
                f"the explorer needs a terminal and standard {name} is not one; for text use "
                "`pkit summary` or `pkit export --table TABLE` (--force-ui starts it anyway)"
            )


def cmd_ui(args: argparse.Namespace) -> int:
    from tui.ui.launch import run_app

    _check_terminal(args)
    data = _data_dir(args.data)
    fy = _fy_arg(args.fy)
    if fy is not None:
        _quick_fy_check(data, fy)
    return run_app(args, data, fy)


def main(argv: Sequence[str] | None = None) -> int:
    from tui.cli.helptext import autocomplete

    parser = build_parser()
    autocomplete(parser)  # a shell asking for completions: answer and exit
    args = parser.parse_args(argv)
    handlers = {
        None: cmd_ui,
        "validate": cmd_validate,
        "summary": cmd_summary,
        "export": cmd_export,
        "brief": cmd_brief,
        "themes": cmd_themes,
        "serve-ssh": cmd_serve_ssh,
        "completions": cmd_completions,
    }
    try:
        code = handlers[args.command](args)
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
