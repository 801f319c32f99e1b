"""The app started with data validated before it (a snapshot, or a serve-ssh template's):
figures on the first frame, no loading worker, and the same figures as a full load."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from tui.data import Facts, load_dataset, snapshot
from tui.data.held import hold
from tui.ui.launch import validated_before
from tui.ui.widgets.figure_table import FigureTable

from .helpers import DATA, make_app, ready, row_cells

SIZE = (80, 24)


async def test_figures_from_a_snapshot_are_on_the_first_frame() -> None:
    snapshot.validate_and_keep(DATA)
    start = validated_before(DATA, bundled=True, serve_mode=False)
    assert start.origin == "snapshot" and start.facts is not None and start.note == ""
    app = make_app(facts=start.facts, facts_from=start.origin)
    async with app.run_test(size=SIZE) as pilot:
        assert app.facts is start.facts  # before any worker could have run
        assert not list(app.workers)  # nothing loads
        table = app.query_one("#ov-table", FigureTable)
        assert row_cells(table, "hardware")["value"] == "7.5"
        await pilot.press("left_square_bracket")
        await ready(pilot)
        assert row_cells(table, "hardware")["value"] == "6.8"
        assert app.load_path == "snapshot"


def test_without_a_snapshot_the_start_validates_and_keeps_one() -> None:
    start = validated_before(DATA, bundled=True, serve_mode=False)
    assert start.facts is None and start.keep and start.note == ""


def test_data_given_with_data_dir_never_use_a_snapshot(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    snapshot.validate_and_keep(root)
    start = validated_before(root, bundled=False, serve_mode=False)
    assert start.facts is None and not start.keep


async def test_a_changed_file_is_validated_in_full_and_the_app_says_so(
    tmp_path: Path, notes: list[tuple[str, dict[str, Any]]]
) -> None:
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    snapshot.validate_and_keep(root)
    with (root / "README.md").open("a", encoding="utf-8") as fh:
        fh.write("\nEdited.\n")  # any file of the folder counts
    start = validated_before(root, bundled=True, serve_mode=False)
    assert start.facts is None and start.keep
    assert start.note == f"{root}: data changed since the last start; validating in full"
    app = make_app(root, keep_snapshot=True, data_note=start.note)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert row_cells(app.query_one("#ov-table", FigureTable), "hardware")["value"] == "7.5"
        assert [message for message, _ in notes] == [start.note]
        assert app.load_path == "in this process"
    assert snapshot.load(root).state == "used"  # kept for the next start


def test_a_serve_session_takes_the_template_s_figures() -> None:
    assert validated_before(DATA, bundled=False, serve_mode=True).facts is None
    facts = Facts(load_dataset(DATA))
    hold(DATA, facts)
    start = validated_before(DATA, bundled=False, serve_mode=True)
    assert start.facts is facts and start.origin == "serve template" and not start.keep


def test_the_serve_template_holds_the_figures_it_validated(tmp_path: Path) -> None:
    from tui.data.held import held
    from tui.serve.fork_template import warm

    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    assert held(root) is None
    warm(root)
    facts = held(root)
    assert facts is not None
    assert facts.figure("ict_exports", "FY2024-25").value == 3810
    assert validated_before(root, bundled=False, serve_mode=True).facts is facts
