"""Random keys: thousands of presses from every key the app knows, with random resizes.

Passes if no handler raises, the app never hangs, and it keeps a consistent state (a fiscal
year with data, a known pane, the year in the header). A seed makes a run repeatable:

- by default the three runs use fixed seeds (``SEEDS``), so CI runs the same sequences;
- ``PKIT_UI_SEED=1234`` replays one seed (e.g. the one a failure printed) in run0;
- ``PKIT_UI_SEED=random`` draws a fresh seed for each run, to look for new failures.

Keys go in random batches of 1 to 25, sent without waiting (as a fast typist, a paste or a
slow SSH link delivers them); then the test waits for the app to handle them and checks its
state. After the keys in ``WAIT_AFTER`` it waits before sending the next key, because a few
known src bugs crash or hang the app when those keys race the next one (see each entry);
``PKIT_UI_RACES=1`` sends every batch without waiting, to look for such races.

Excluded: ``q``, ``ctrl+q`` and ``ctrl+c`` (quit). The palette can still run "Quit"; the run
then starts a new app and carries on. Opening URLs and writing export or brief files are
replaced by recorders so that random input cannot reach the browser or the file system.
"""

from __future__ import annotations

import os
import random
import string
from collections import deque
from pathlib import Path

import pytest
from textual.command import CommandPalette

import tui.ui.screens.dialog
from tui.ui.actions import ACTIONS, PANES
from tui.ui.app import PkitApp
from tui.ui.main_screen import MIN_HEIGHT, MIN_WIDTH

from .helpers import make_app, ready, screen_text, send_key, settle

SEEDS = (20251128, 7, 424242)
KEYS_PER_RUN = 1000
MAX_BATCH = 25
RESIZE_CHANCE = 0.06  # per batch
MIN_SIZE, MAX_SIZE = (40, 12), (160, 50)
QUIT_KEYS = {"q", "ctrl+q", "ctrl+c"}
PANE_KEYS = {"1", "2", "3", "4", "5", "tab", "shift+tab"}

WAIT_AFTER = (
    # A dialog choice (Enter, Space) and an Esc in one read dismiss the dialog twice:
    # ScreenStackError (pinned: test_navigation.py::test_enter_and_escape_arriving_together...).
    {"enter", "space"}
    # Textual 8.2.8: page up/down in the palette before its list is laid out raise KeyError
    # in OptionList._move_page (timing-dependent, not pinned; see also PAGE_KEYS).
    | {"ctrl+p"}
)
PAGE_KEYS = {"pageup", "pagedown"}  # become "down" while the palette is open (see above)
RACES = os.environ.get("PKIT_UI_RACES") == "1"

APP_KEYS = sorted({k for a in ACTIONS for k in a.keys.split(",")} - QUIT_KEYS)
TABLE_KEYS = ["j", "k", "h", "l", "g", "G"]
MOVES = ["up", "down", "left", "right", "pageup", "pagedown", "home", "end"]
CONTROL = ["enter", "escape", "tab", "shift+tab", "space", "backspace"]
SYMBOLS = ["[", "]", "/", "?", "ctrl+p"]
TYPING = [c for c in string.ascii_letters + string.digits if c not in QUIT_KEYS]
POOL: list[tuple[list[str], float]] = [
    (APP_KEYS, 3.0),
    (TABLE_KEYS + MOVES, 4.0),
    (CONTROL, 3.0),
    (SYMBOLS, 1.5),
    (TYPING, 2.0),
]


def seed_for(run: int) -> int | None:
    """The seed of run ``run`` (0, 1, 2), or None when a replayed seed leaves it out."""
    wanted = os.environ.get("PKIT_UI_SEED", "")
    if wanted == "random":
        return random.SystemRandom().randrange(2**32)
    if wanted:
        return int(wanted) if run == 0 else None
    return SEEDS[run]


def draw_keys(rng: random.Random, count: int) -> list[str]:
    groups = rng.choices([g for g, _ in POOL], weights=[w for _, w in POOL], k=count)
    return [rng.choice(group) for group in groups]


def check_state(app: PkitApp) -> None:
    """What must hold whatever was pressed."""
    assert app.return_code is None  # an exception in the app makes it 1
    assert app.facts is not None and app.fy in app.facts.explorer_years
    assert app.active_pane in PANES
    big_enough = app.size.width >= MIN_WIDTH and app.size.height >= MIN_HEIGHT
    # (a resize while a dialog is open leaves -too-small stale on the main screen: a src bug
    # pinned by test_terminal_size.py::test_resizing_while_a_dialog_is_open_updates_the_main_screen)
    if len(app.screen_stack) == 1 and big_enough and not app.screen.has_class("-too-small"):
        first_line = screen_text(app).splitlines()[0]
        assert f"FY{app.fy}-{(app.fy + 1) % 100:02d}" in first_line, (app.size, first_line)


class Run:
    """One seeded sequence of keys, over as many app instances as quitting makes necessary."""

    def __init__(self, seed: int, total: int) -> None:
        self.seed = seed
        self.total = total
        self.rng = random.Random(seed)
        self.recent: deque[str] = deque(maxlen=60)
        self.sent = 0
        self.apps = 0
        self.resizes = 0
        self.max_depth = 0
        self.opened: list[str] = []

    def where(self) -> str:
        return (
            f"seed {self.seed} (replay: PKIT_UI_SEED={self.seed}), after {self.sent} keys; "
            f"last keys: {' '.join(self.recent)}"
        )

    def random_size(self) -> tuple[int, int]:
        return (
            self.rng.randint(MIN_SIZE[0], MAX_SIZE[0]),
            self.rng.randint(MIN_SIZE[1], MAX_SIZE[1]),
        )

    async def play(self) -> None:
        while self.sent < self.total:
            app = make_app()
            self.apps += 1
            app.open_url = self._open_url  # type: ignore[method-assign]
            try:
                await self._play_one(app)
            except Exception as exc:
                raise AssertionError(f"{type(exc).__name__}: {exc} ({self.where()})") from exc
            assert app.return_code in (None, 0), self.where()

    def _open_url(self, url: str, *, new_tab: bool = True) -> None:
        self.opened.append(url)

    async def _play_one(self, app: PkitApp) -> None:
        async with app.run_test(size=self.random_size()) as pilot:
            await ready(pilot)
            while self.sent < self.total and app.return_code is None:
                if self.rng.random() < RESIZE_CHANCE:
                    width, height = self.random_size()
                    self.recent.append(f"<{width}x{height}>")
                    await pilot.resize_terminal(width, height)
                    self.resizes += 1
                count = min(self.rng.randint(1, MAX_BATCH), self.total - self.sent)
                for key in draw_keys(self.rng, count):
                    if app.return_code is not None:
                        break
                    if key in PAGE_KEYS and isinstance(app.screen, CommandPalette):
                        key = "down"
                    self.recent.append(key)
                    send_key(app, key)
                    self.sent += 1
                    if key in WAIT_AFTER and not RACES:
                        await settle(pilot)
                await settle(pilot)
                self.max_depth = max(self.max_depth, len(app.screen_stack))
                if app.return_code is None:
                    check_state(app)


@pytest.mark.parametrize("run", range(len(SEEDS)), ids=[f"run{i}" for i in range(len(SEEDS))])
async def test_random_keys_never_crash(
    run: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = seed_for(run)
    if seed is None:
        pytest.skip("PKIT_UI_SEED replays one seed, in run0")
    monkeypatch.chdir(tmp_path)
    written: list[Path] = []

    def record_write(path: Path, text: str | bytes) -> Path:
        written.append(path)
        return path

    monkeypatch.setattr(tui.ui.screens.dialog, "write_output", record_write)  # every dialog's save
    print(f"random keys: seed {seed} (replay with PKIT_UI_SEED={seed})")
    play = Run(seed, KEYS_PER_RUN)
    await play.play()
    print(
        f"random keys: seed {seed}: {play.sent} keys, {play.apps} apps, {play.resizes} "
        f"resizes, deepest stack {play.max_depth}, {len(play.opened)} URLs opened, "
        f"{len(written)} exports"
    )
    assert play.sent == KEYS_PER_RUN
    assert play.resizes > 0
    assert play.max_depth > 1  # dialogs were opened, not just the panes
    assert not list(tmp_path.iterdir())  # nothing was written to the working folder


def test_key_pool_covers_every_bound_action() -> None:
    pool = {k for group, _ in POOL for k in group}
    for action in ACTIONS:
        keys = set(action.keys.split(","))
        assert keys & QUIT_KEYS or keys <= pool, action
    assert not pool & QUIT_KEYS
    assert pool >= PANE_KEYS and pool >= PAGE_KEYS
