"""The private Textual names of textual_adapter.py still do what the UI tests rely on.

When one of these fails after a Textual upgrade, fix tests/ui/textual_adapter.py (the only
module of the tests that may use a private Textual name), not the tests that use it.
"""

from __future__ import annotations

import string

from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Static

from .helpers import send_key, settle
from .textual_adapter import UPGRADE_HINT, key_event, screen_rows

# key names and typed characters, as the tests pass them to press() (not tab and shift+tab,
# which the app's focus bindings take before on_key)
KEYS = [
    *string.ascii_letters,
    *string.digits,
    *string.punctuation,
    " ",
    "enter",
    "escape",
    "space",
    "backspace",
    "up",
    "down",
    "pageup",
    "home",
    "ctrl+b",
    "left_square_bracket",
    "question_mark",
]


class KeyRecorder(App[None]):
    """Records every key event it receives; two rows of text at the top and bottom."""

    CSS = "#bottom { dock: bottom; }"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, str | None]] = []

    def compose(self) -> ComposeResult:
        yield Static("top row", id="top")
        yield Static("bottom row", id="bottom")

    def on_key(self, event: events.Key) -> None:
        event.prevent_default()
        event.stop()
        self.seen.append((event.key, event.character))


async def test_key_event_builds_the_events_that_pilot_press_sends() -> None:
    via_pilot = KeyRecorder()
    async with via_pilot.run_test() as pilot:
        await pilot.press(*KEYS)
        await settle(pilot)
    ours = KeyRecorder()
    async with ours.run_test() as pilot:
        for key in KEYS:
            send_key(ours, key)
        await settle(pilot)
    assert [key for key, _ in via_pilot.seen] == [key_event(k).key for k in KEYS]
    assert ours.seen == via_pilot.seen, (
        f"{UPGRADE_HINT}: key_event() no longer builds the Key events that Pilot.press sends"
        " (see App._press_keys)"
    )


async def test_screen_rows_are_the_terminal_rows_as_text() -> None:
    app = KeyRecorder()
    async with app.run_test(size=(30, 6)) as pilot:
        await settle(pilot)
        rows = [strip.text for strip in screen_rows(app)]
    expected = ["top row".ljust(30), *[" " * 30] * 4, "bottom row".ljust(30)]
    assert rows == expected, f"{UPGRADE_HINT}: screen_rows() no longer gives the screen's rows"
