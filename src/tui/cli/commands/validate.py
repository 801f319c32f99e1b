"""``pkit validate [DIR]``: every problem of a dataset as ``file:line``, or one ``ok`` line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.cli.dataset import problem_line
from tui.cli.usage import EXIT_USAGE
from tui.locations import bundled_data_dir


def run(args: argparse.Namespace) -> int:
    from tui.data import DatasetError, load_dataset

    given = args.dir or args.data  # `pkit --data DIR validate` checks DIR too
    data = Path(given) if given else bundled_data_dir()
    try:
        ds = load_dataset(data)
    except DatasetError as exc:
        for p in exc.problems:
            print(problem_line(data, p), file=sys.stderr)
        print(f"pkit: {data}: {len(exc.problems)} problem(s)", file=sys.stderr)
        return EXIT_USAGE
    from tui.data.datapackage import check as check_descriptor

    stale = check_descriptor(ds)
    if stale:
        for p in stale:
            print(problem_line(data, p), file=sys.stderr)
        print(f"pkit: {data}: datapackage.json disagrees with the data files", file=sys.stderr)
        return EXIT_USAGE
    n_obs = len(ds.table)
    print(
        f"ok: {data}: {n_obs} observations in {len(ds.series)} series, {len(ds.sources)} sources, "
        f"{len(ds.quotes)} quotes, {len(ds.claims)} claims"
    )
    return 0
