"""Preferences: theme, pane and FY saved, restored at start, ignored with --no-restore or when
the file is corrupt (with a notice), and rewritten atomically."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.ui.helpers import ready, settle
from tui.cli.main import main
from tui.data.tomlcompat import tomllib
from tui.ui.app import PkitApp
from tui.ui.prefs import load_preferences, prefs_path, save_preferences
from tui.ui.themes import DEFAULT_THEME

from .helpers import Home

LATEST = 2024  # latest full fiscal year in the bundled data (FY2024-25)

Notes = list[tuple[str, dict[str, Any]]]


# ---------------------------------------------------------------------------------------------
# the file itself


def test_path_is_in_xdg_state_home(home: Home) -> None:
    assert prefs_path() == home.prefs


def test_save_then_load_round_trip(home: Home) -> None:
    save_preferences({"theme": 'od"d\\name', "pane": "quotes", "fy": 2019})
    assert home.prefs.is_file()
    assert load_preferences() == ({"theme": 'od"d\\name', "pane": "quotes", "fy": 2019}, None)


@pytest.mark.parametrize(
    "theme",
    ["tab\there", "new\nline", "bell\x07esc\x1b[31m", "del\x7f", "nul\x00", "\u202eRTL", "اردو"],
    ids=repr,
)
def test_control_characters_round_trip(home: Home, theme: str) -> None:
    """What pkit writes it reads back unchanged: TOML escapes control characters."""
    save_preferences({"theme": theme, "fy": 2019})
    assert load_preferences() == ({"theme": theme, "fy": 2019}, None)
    assert tomllib.loads(home.prefs.read_text(encoding="utf-8"))["theme"] == theme


def test_save_drops_unknown_keys_and_wrong_types(home: Home) -> None:
    save_preferences({"theme": 3, "pane": "exports", "fy": "2019", "colour": "red"})
    assert home.prefs.read_text(encoding="utf-8") == 'pane = "exports"\n'


def test_load_ignores_wrong_types_with_a_notice(home: Home) -> None:
    home.prefs.parent.mkdir(parents=True)
    home.prefs.write_text('theme = 5\npane = "imports"\nfy = "x"\nextra = 1\n', encoding="utf-8")
    values, notice = load_preferences()
    assert values == {"pane": "imports"}
    assert notice == (
        f"Ignored in preferences file {home.prefs}: theme = 5 (not a theme name); "
        'fy = "x" (not a fiscal year).'
    )


@pytest.mark.parametrize("fy", ["true", "false", "99999", "1900", "2024.0", "[2024]"])
def test_a_fiscal_year_must_be_a_plausible_whole_year(home: Home, fy: str) -> None:
    """``fy = true`` was read as the year True (bool is an int in Python): "FYTrue-02"."""
    home.prefs.parent.mkdir(parents=True)
    home.prefs.write_text(f'fy = {fy}\npane = "quotes"\n', encoding="utf-8")
    values, notice = load_preferences()
    assert values == {"pane": "quotes"}
    assert notice is not None and "(not a fiscal year)" in notice
    save_preferences({"fy": True, "pane": "quotes"})
    assert "fy" not in home.prefs.read_text(encoding="utf-8")


@pytest.mark.parametrize("mode", [0o000, 0o200, 0o444])
def test_saving_over_a_file_without_owner_access_makes_it_readable_again(
    home: Home, mode: int
) -> None:
    """A mode-000 file (unreadable: a notice at every start) was rewritten as mode 000."""
    home.prefs.parent.mkdir(parents=True)
    home.prefs.write_text('pane = "quotes"\n', encoding="utf-8")
    home.prefs.chmod(mode)
    save_preferences({"pane": "imports"})
    assert home.prefs.stat().st_mode & 0o600 == 0o600
    assert load_preferences() == ({"pane": "imports"}, None)


def test_a_symlinked_preferences_file_stays_a_link(home: Home, tmp_path: Path) -> None:
    target = tmp_path / "dotfiles" / "pkit-preferences.toml"
    target.parent.mkdir()
    target.write_text('pane = "quotes"\n', encoding="utf-8")
    home.prefs.parent.mkdir(parents=True)
    home.prefs.symlink_to(target)
    save_preferences({"pane": "imports"})
    assert home.prefs.is_symlink()
    assert target.read_text(encoding="utf-8") == 'pane = "imports"\n'


def test_missing_file_is_no_preferences_and_no_notice(home: Home) -> None:
    assert load_preferences() == ({}, None)


@pytest.mark.parametrize(
    "content", [b'theme = "pkit-light\nfy = [', b"\xff\xfe garbage", b"= = ="], ids=str
)
def test_corrupt_file_is_ignored_with_a_notice(home: Home, content: bytes) -> None:
    home.prefs.parent.mkdir(parents=True)
    home.prefs.write_bytes(content)
    values, notice = load_preferences()
    assert values == {}
    assert notice is not None and str(home.prefs) in notice and "rewritten" in notice


def test_save_into_an_unwritable_place_is_silent(home: Home) -> None:
    home.state.parent.mkdir(parents=True, exist_ok=True)
    home.state.write_text("a file where the folder should be", encoding="utf-8")
    save_preferences({"pane": "quotes"})  # must not raise
    assert home.state.read_text(encoding="utf-8") == "a file where the folder should be"


# ---------------------------------------------------------------------------------------------
# through `pkit` and the app


async def test_choices_are_saved_and_restored_at_next_start(
    home: Home, started: list[PkitApp]
) -> None:
    assert main([]) == 0
    first = started[0]
    async with first.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert (first.theme, first.active_pane, first.fy) == (DEFAULT_THEME, "overview", LATEST)
        await pilot.press("4")  # Quotes pane
        await pilot.press("left_square_bracket")  # one fiscal year back
        await pilot.press("t", "down", "enter")  # theme picker: pkit-dark -> pkit-high-contrast
        await settle(pilot)
        assert (first.theme, first.active_pane, first.fy) == (
            "pkit-high-contrast",
            "quotes",
            LATEST - 1,
        )
    assert load_preferences() == (
        {"theme": "pkit-high-contrast", "pane": "quotes", "fy": LATEST - 1},
        None,
    )

    assert main([]) == 0
    second = started[1]
    opts = second.options
    assert (opts.theme, opts.start_pane, opts.fy, opts.notices) == (
        "pkit-high-contrast",
        "quotes",
        LATEST - 1,
        [],
    )
    async with second.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert second.theme == "pkit-high-contrast"
        assert second.active_pane == "quotes"
        assert second.fy == LATEST - 1


async def test_no_restore_ignores_saved_preferences(
    home: Home, started: list[PkitApp], notes: Notes
) -> None:
    save_preferences({"theme": "pkit-light", "pane": "sources", "fy": 2019})
    assert main(["--no-restore"]) == 0
    app = started[0]
    assert (app.options.theme, app.options.start_pane, app.options.fy) == (None, None, None)
    assert app.options.restore is False
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert (app.theme, app.active_pane, app.fy) == (DEFAULT_THEME, "overview", LATEST)
    assert notes == []


async def test_command_line_beats_saved_preferences(home: Home, started: list[PkitApp]) -> None:
    save_preferences({"theme": "pkit-light", "pane": "sources", "fy": 2019})
    assert main(["--theme", "pkit-ansi", "--fy", "FY2020-21"]) == 0
    opts = started[0].options
    assert (opts.theme, opts.fy, opts.start_pane) == ("pkit-ansi", 2020, "sources")


async def test_saved_year_without_data_falls_back_to_latest(
    home: Home, started: list[PkitApp], notes: Notes
) -> None:
    save_preferences({"fy": 1990})
    assert main([]) == 0
    app = started[0]
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert app.fy == LATEST
    assert [m for m, _ in notes if "FY1990-91" in m]


async def test_corrupt_file_is_ignored_with_one_notice_then_rewritten_atomically(
    home: Home, started: list[PkitApp], notes: Notes, monkeypatch: pytest.MonkeyPatch
) -> None:
    corrupt = b'theme = "pkit-light\npane = ['
    home.prefs.parent.mkdir(parents=True)
    home.prefs.write_bytes(corrupt)

    replaced: list[tuple[Path, Path, bytes, str]] = []
    real_replace = os.replace

    def spy(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        s, d = Path(src), Path(dst)
        if d == home.prefs:  # not the data snapshot in the cache folder, say
            replaced.append((s, d, d.read_bytes() if d.exists() else b"", s.read_text("utf-8")))
        real_replace(src, dst)

    monkeypatch.setattr("tui.data.export.os.replace", spy)

    assert main([]) == 0
    app = started[0]
    assert len(app.options.notices) == 1 and str(home.prefs) in app.options.notices[0]
    assert (app.options.theme, app.options.start_pane) == (None, None)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert (app.theme, app.active_pane, app.fy) == (DEFAULT_THEME, "overview", LATEST)
        assert not replaced, "saved before the user changed anything"
        await pilot.press("2")  # the user's first change: the next save
        await settle(pilot)

    warnings = [m for m, kw in notes if kw.get("severity") == "warning"]
    assert len(warnings) == 1 and str(home.prefs) in warnings[0], notes

    # rewritten through a temporary file in the same folder, renamed over the old one
    assert replaced, "the preferences were never saved"
    tmp, dst, before, written = replaced[0]
    assert dst == home.prefs
    assert tmp.parent == dst.parent and tmp != dst
    assert before == corrupt, "the old file was changed in place before the rename"
    assert tomllib.loads(written)["theme"] == DEFAULT_THEME  # complete before the rename
    assert replaced[-1][3] == home.prefs.read_text("utf-8")
    assert load_preferences() == ({"theme": DEFAULT_THEME, "pane": "exports", "fy": LATEST}, None)
    assert sorted(p.name for p in home.prefs.parent.iterdir()) == ["preferences.toml"]
