"""Helpers for the UI tests: build the app, wait for its data, read what is on screen.

What the user reads is taken from the widgets (table cells, Static content) and from the
rendered screen itself (:func:`screen_text`), never from the data layer alone. Expected
figures come from the dataset files, read here with ``csv``/``tomllib`` independently of
``tui.data``.
"""

from __future__ import annotations

import csv
import sys
from functools import cache
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import App
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Static

from tui.app import Options, PkitApp
from tui.locations import bundled_data_dir
from tui.widgets.figure_table import FigureTable

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DATA = bundled_data_dir()


def make_app(data_dir: Path | None = None, **options: Any) -> PkitApp:
    """The app as `pkit --no-restore` starts it, on the bundled data unless told otherwise."""
    return PkitApp(Options(data_dir=data_dir or DATA, restore=False, **options))


async def ready(pilot: Pilot[Any]) -> None:
    """Wait for the loading worker and for the messages it posted to be handled."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def screen_text(app: App[Any]) -> str:
    """The text of the active screen as the terminal shows it, one line per row.

    Textual 8.2.8 keeps the composed screen in ``Screen._compositor``; its
    ``render_strips()`` returns one :class:`textual.strip.Strip` per terminal row (what the
    driver would write, before any line filter), and ``Strip.text`` is its plain text. This
    is cheaper and easier to assert on than the SVG of ``export_screenshot``. A modal screen
    renders only itself (the screen below is not included).
    """
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def screen_line(app: App[Any], needle: str) -> str:
    """The first on-screen line containing ``needle`` (fails showing the screen if none)."""
    text = screen_text(app)
    for line in text.splitlines():
        if needle in line:
            return line
    raise AssertionError(f"{needle!r} is not on screen:\n{text}")


def plain(cell: object) -> str:
    """Plain text of a table cell or any Rich/Textual text."""
    if isinstance(cell, Text):
        return cell.plain
    if isinstance(cell, Content):
        return cell.plain
    return str(cell)


def static_text(widget: Static) -> str:
    """What a Static shows, as plain text."""
    visual = widget.visual
    if isinstance(visual, Content):
        return visual.plain
    return plain(widget.content)


def row_cells(table: FigureTable, key: str) -> dict[str, str]:
    """One row of a table as {column key: plain text}, read from the DataTable itself."""
    columns = [str(c.key.value) for c in table.ordered_columns]
    return dict(zip(columns, (plain(c) for c in table.get_row(key)), strict=True))


def row_keys(table: FigureTable) -> list[str]:
    """The row keys in display order."""
    return [str(row.key.value) for row in table.ordered_rows]


async def move_to(pilot: Pilot[Any], table: FigureTable, key: str) -> None:
    """Move the focused table's cursor to ``key`` with the arrow keys, as a user would."""
    assert pilot.app.focused is table, f"{table!r} is not focused ({pilot.app.focused!r} is)"
    target = table.get_row_index(key)
    step = "down" if target > table.cursor_row else "up"
    await pilot.press(*[step] * abs(target - table.cursor_row))
    await pilot.pause()
    assert table.current_key == key


# -- the dataset files, read without tui.data --------------------------------------------------


@cache
def observations(root: Path = DATA) -> tuple[dict[str, str], ...]:
    with (root / "observations.csv").open(encoding="utf-8-sig", newline="") as fh:
        return tuple(csv.DictReader(fh))


@cache
def toml_file(name: str, root: Path = DATA) -> dict[str, Any]:
    with (root / name).open("rb") as fh:
        return tomllib.load(fh)


def sources() -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in toml_file("sources.toml")["source"]}


def series() -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in toml_file("series.toml")["series"]}


def quotes() -> list[dict[str, Any]]:
    return list(toml_file("quotes.toml")["quote"])


def rows_of(series_id: str, period: str | None = None) -> list[dict[str, str]]:
    """Observation rows of a series (and period), live values only (not missing or errata)."""
    return [
        r
        for r in observations()
        if r["series"] == series_id
        and (period is None or r["period"] == period)
        and r.get("status", "") in ("", "ok")
    ]


def children(parent: str) -> list[str]:
    return [sid for sid, s in series().items() if s.get("parent") == parent]


def descendants(root: str) -> set[str]:
    out: set[str] = set()
    todo = [root]
    while todo:
        kids = children(todo.pop())
        out.update(kids)
        todo.extend(kids)
    return out
