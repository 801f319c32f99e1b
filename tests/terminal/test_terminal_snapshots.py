"""The Overview pane at 80x24 in each bundled theme and in ASCII mode (SVG snapshots).

Regenerate with: pytest tests/terminal/test_terminal_snapshots.py --snapshot-update
(note: Textual's screenshots skip line filters, so the ASCII snapshot shows pkit's own ASCII
glyphs while Textual's borders stay Unicode; the PTY tests check the real ASCII output).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from tests.ui.helpers import ready
from tui.locations import bundled_data_dir
from tui.ui.app import Options, PkitApp

from .helpers import Home

SnapCompare = Callable[..., bool]


async def _loaded(pilot: Pilot[int]) -> None:
    # ready() settles every queued message and callback: Pilot.pause alone can return while
    # a loaded machine (pytest -n) has not yet handled the loader's message
    await ready(pilot)


def _app(theme: str | None, ascii_only: bool = False) -> PkitApp:
    app = PkitApp(
        Options(data_dir=bundled_data_dir(), restore=False, theme=theme, ascii=ascii_only)
    )
    app.animation_level = "none"  # no tab underline caught mid-slide
    return app


@pytest.mark.parametrize("theme", ["pkit-dark", "pkit-light", "pkit-high-contrast", "pkit-ansi"])
def test_overview_in_each_bundled_theme(home: Home, snap_compare: SnapCompare, theme: str) -> None:
    app = _app(theme)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_loaded)
    assert app.theme == theme


def test_overview_in_ascii_mode(home: Home, snap_compare: SnapCompare) -> None:
    app = _app(None, ascii_only=True)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_loaded)
    assert app.glyphs.ascii is True
