"""The dataset a command works on: ``--data`` and ``--fy`` checked, the figures loaded."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli.usage import UsageError
from tui.data.fiscal import PeriodError, fy_label, parse_fy
from tui.data.record import replace
from tui.locations import bundled_data_dir

if TYPE_CHECKING:
    from tui.data.facts import Facts
    from tui.data.problems import Problem


def data_dir(text: str | None) -> Path:
    """The folder ``--data`` names (it must exist), else the bundled dataset."""
    if text is None:
        return bundled_data_dir()
    path = Path(text).expanduser()
    if not path.exists():
        raise UsageError(f"--data {text}: no such folder")
    if not path.is_dir():
        raise UsageError(f"--data {text}: not a folder")
    return path


def fy_arg(text: str | None) -> int | None:
    """The fiscal year ``--fy`` names (its start year), or None when not given."""
    if text is None:
        return None
    try:
        return parse_fy(text)
    except PeriodError as exc:
        raise UsageError(f"--fy: {exc}") from None


def problem_line(data: Path, problem: Problem) -> str:
    """``DIR/file:line: message``; a problem with the folder itself names the folder alone."""
    if problem.file == str(data):
        return str(problem)
    return str(replace(problem, file=str(data / problem.file)))


def load(data: Path, bundled: bool = False) -> Facts:
    """The validated dataset: the bundled one from its snapshot when no file changed since
    (no pandas; see tui.data.snapshot), else validated in full (and its snapshot kept)."""
    from tui import gc_pause
    from tui.data.facts import Facts
    from tui.data.problems import DatasetError

    try:
        if not bundled:
            gc_pause.resume(freeze=False)  # pandas, any size: collect as usual
            from tui.data.load import load_dataset

            return Facts(load_dataset(data))
        from tui.data.snapshot import load, validate_and_keep

        found = load(data)
        if found.dataset is not None:
            return Facts(found.dataset)
        gc_pause.resume(freeze=False)
        if found.note:
            print(f"pkit: {found.note}", file=sys.stderr)
        return Facts(validate_and_keep(data, keep=found.state != "off"))
    except DatasetError as exc:
        lines = [problem_line(data, p) for p in exc.problems]
        raise UsageError(
            f"dataset {data} has {len(exc.problems)} problem(s):\n" + "\n".join(lines)
        ) from None


def facts_from_options(data: str | None) -> Facts:
    """The figures ``--data`` names (the bundled ones when not given)."""
    return load(data_dir(data), bundled=data is None)


def check_fy(facts: Facts, fy: int | None) -> int:
    """``fy`` if the explorer has figures for it (else a usage error); None: the latest."""
    years = facts.explorer_years
    if fy is None:
        return facts.latest_full_fy
    if fy not in years:
        valid = ", ".join(fy_label(y) for y in years)
        raise UsageError(f"--fy {fy_label(fy)}: no data for that fiscal year (valid: {valid})")
    return fy
