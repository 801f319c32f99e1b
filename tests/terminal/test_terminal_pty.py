"""`python -m tui` in a real 80x24 pseudo-terminal, rendered by pyte.

Each test starts its own process with temporary XDG folders; every wait is bounded and the
process is killed and reaped however the test ends.
"""

from __future__ import annotations

import re
import signal
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

import pytest

from bench.term import Terminal

from .helpers import Home, child_env, pkit

HEADLINE = "3,810"  # ICT services exports FY2024-25, US$m: the overview is up
START_TIMEOUT = 20.0
ESC = "\x1b"

_SGR = re.compile(rb"\x1b\[([0-9;:]*)m")


def colour_codes(output: bytes) -> list[str]:
    """Every SGR sequence in ``output`` that selects a colour (fg, bg, underline, defaults)."""
    found: list[str] = []
    for match in _SGR.finditer(output):
        params = match.group(1).decode()
        for part in params.replace(":", ";").split(";"):
            code = int(part) if part.isdigit() else 0
            if 30 <= code <= 39 or 40 <= code <= 49 or 90 <= code <= 97 or 100 <= code <= 107:
                found.append(params)
                break
            if code in (58, 59):
                found.append(params)
                break
    return found


def non_ascii(app: Terminal) -> list[str]:
    return sorted({ch for line in app.screen.display for ch in line if not ch.isascii()})


@contextmanager
def started(
    home: Home, args: Sequence[str] = (), env: Mapping[str, str] | None = None
) -> Iterator[Terminal]:
    with pkit(["--no-restore", *args], child_env(home.root, env), cwd=home.root) as app:
        app.expect(HEADLINE, timeout=START_TIMEOUT)
        yield app


def press(app: Terminal, key: str) -> None:
    """Send a key and wait until the screen has changed and (for up to 2 s) settled.

    Not strict about settling: going Imports -> Quotes can start a focus ping-pong between
    the two tabs (PkitApp._tab_activated re-focusing a pane's table), a redraw loop that is
    not what these tests are about.
    """
    before = app.text()
    app.press(key)
    deadline = time.monotonic() + 15
    while app.text() == before and time.monotonic() < deadline:
        app.idle(0.02)
    assert app.text() != before, f"key {key!r} changed nothing on screen:\n{before}"
    app.settle(quiet=0.3, timeout=2, strict=False)


# ---------------------------------------------------------------------------------------------
# the detector the colour tests rely on


def test_colour_code_detector() -> None:
    coloured = [
        b"\x1b[31m",
        b"\x1b[1;38;5;254;48;5;23m",
        b"\x1b[38:2::1:2:3m",
        b"\x1b[48;2;0;0;0m",
        b"\x1b[97m",
        b"\x1b[104m",
        b"\x1b[39m",
        b"\x1b[0;49m",
        b"\x1b[58;5;1m",
    ]
    for seq in coloured:
        assert colour_codes(b"text" + seq + b"more") != [], seq
    plain = b"\x1b[0m\x1b[1m\x1b[7m\x1b[1;3;4m\x1b[m\x1b[22;23;24;27m\x1b[?25l\x1b[2;5H\x1b[38C"
    assert colour_codes(plain) == []


# ---------------------------------------------------------------------------------------------
# idle


def test_idle_writes_nothing(home: Home) -> None:
    with started(home, env={"LANG": "C.UTF-8"}) as app:
        app.settle(quiet=0.5, timeout=5, strict=True)  # the rest of the first frame
        start = len(app.output)
        got = app.idle(3.0)
        assert got == 0, f"{got} bytes while idle: {bytes(app.output[start:])[:300]!r}"


# ---------------------------------------------------------------------------------------------
# colours


@pytest.mark.parametrize(
    ("args", "env"),
    [(["--colors", "mono"], {}), ([], {"NO_COLOR": "1"})],
    ids=["colors-mono", "NO_COLOR"],
)
def test_no_colour_codes(home: Home, args: list[str], env: dict[str, str]) -> None:
    with started(home, args, env) as app:
        app.settle(strict=True)
        for key in ("2", "?", ESC, "1"):
            press(app, key)
        output = bytes(app.output)
    assert _SGR.search(output), "expected some SGR (bold, reverse) in the output"
    found = colour_codes(output)
    assert found == [], f"{len(found)} colour sequences, e.g. {sorted(set(found))[:8]}"


# ---------------------------------------------------------------------------------------------
# ASCII


@pytest.mark.parametrize(
    "keys",
    [("2", "3", "4", "5", "1"), ("s", ESC, "?", ESC)],
    ids=["panes", "source-and-help"],
)
def test_ascii_option_every_screen_is_ascii(home: Home, keys: tuple[str, ...]) -> None:
    """Two processes: the dialogs are opened from a fresh Overview (see press())."""
    with started(home, ["--ascii"]) as app:
        app.settle(strict=True)
        assert non_ascii(app) == [], app.text()
        for key in keys:
            press(app, key)
            assert non_ascii(app) == [], f"after {key!r}:\n{app.text()}"
        output = bytes(app.output)
    assert max(output) < 0x80, "non-ASCII bytes were written to the terminal"


def test_non_utf8_locale_chooses_ascii(home: Home) -> None:
    with started(home, env={"LANG": "C"}) as app:
        app.settle(strict=True)
        assert non_ascii(app) == [], app.text()
        press(app, "2")
        assert non_ascii(app) == [], app.text()
        output = bytes(app.output)
    assert max(output) < 0x80, "non-ASCII bytes were written to the terminal"


def test_utf8_locale_draws_unicode(home: Home) -> None:
    """The two ASCII tests above only mean something if the default draws Unicode."""
    with started(home, env={"LANG": "C.UTF-8"}) as app:
        app.settle(strict=True)
        assert non_ascii(app) != []


# ---------------------------------------------------------------------------------------------
# hang-ups


def test_sighup_ends_the_process(home: Home) -> None:
    with started(home) as app:
        app.settle(strict=True)
        app.send_signal(signal.SIGHUP)
        took = app.wait_exit(timeout=30)  # a bound, not a speed test (the benchmarks time it)
        assert took is not None, "still running 30 s after SIGHUP"
        assert app.exit_code in (129, -signal.SIGHUP), app.exit_code


def test_closing_the_terminal_ends_the_process(home: Home) -> None:
    with started(home) as app:
        app.settle(strict=True)
        app.close_master()
        took = app.wait_exit(timeout=30)
        assert took is not None, "still running 30 s after the terminal closed"
