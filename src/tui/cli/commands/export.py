"""``pkit export --table TABLE``: one table as CSV, JSON, Markdown or an Excel workbook."""

from __future__ import annotations

import argparse

from tui.cli.dataset import check_fy, facts_from_options, fy_arg
from tui.cli.output import format_from_suffix, write_output
from tui.cli.usage import UsageError


def run(args: argparse.Namespace) -> int:
    from tui.data.export import build_table, table_output

    form = args.format or format_from_suffix(args.output)
    if args.excel_csv and form != "csv":
        raise UsageError(f"--excel-csv writes CSV; it cannot go with --format {form}")
    facts = facts_from_options(args.data)
    fy = fy_arg(args.fy)
    if fy is not None:
        check_fy(facts, fy)
    table = build_table(facts, args.table, fy)
    write_output(args.output, table_output(facts, table, form, bom=args.excel_csv))
    return 0
