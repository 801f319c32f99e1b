"""Launch-time terminal decisions: colours, locale -> ASCII, SSH -> no animations."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

import pytest
from rich.segment import ControlType, Segment
from rich.style import Style
from textual import constants
from textual.color import Color
from textual.filter import Monochrome

from tui.cli.main import main
from tui.ui.app import PkitApp
from tui.ui.ascii_filter import AsciiFilter
from tui.ui.ascii_text import ascii_char, to_ascii
from tui.ui.glyphs import Glyphs
from tui.ui.launch import configure_environment

from .helpers import Home, child_env

# ---------------------------------------------------------------------------------------------
# animations


def test_ssh_connection_turns_animations_off(
    home: Home, started: list[PkitApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.2 50000 10.0.0.1 22")
    assert main(["--no-restore"]) == 0
    app = started[0]
    assert app.animation_level == "none"
    assert app.options.low_bandwidth is True
    assert os.environ["TEXTUAL_ANIMATIONS"] == "none"
    assert app.check_action("suspend_process", ()) is False


def test_low_bandwidth_flag_turns_animations_off(home: Home, started: list[PkitApp]) -> None:
    assert main(["--no-restore", "--low-bandwidth"]) == 0
    assert started[0].animation_level == "none"


def test_local_terminal_keeps_animations(home: Home, started: list[PkitApp]) -> None:
    assert main(["--no-restore"]) == 0
    app = started[0]
    assert app.options.low_bandwidth is False
    assert app.animation_level == constants.TEXTUAL_ANIMATIONS
    assert "TEXTUAL_ANIMATIONS" not in os.environ


# ---------------------------------------------------------------------------------------------
# colours


@pytest.mark.parametrize(
    ("colors", "system"), [("truecolor", "truecolor"), ("256", "256"), ("16", "standard")]
)
def test_colors_option_sets_textual_colour_system(colors: str, system: str) -> None:
    configure_environment(argparse.Namespace(colors=colors))
    assert os.environ["TEXTUAL_COLOR_SYSTEM"] == system
    assert "NO_COLOR" not in os.environ


def test_colors_mono_means_no_color_and_a_valid_colour_system(home: Home) -> None:
    configure_environment(argparse.Namespace(colors="mono"))
    assert os.environ["NO_COLOR"] == "1"
    # Rich only knows auto/standard/256/truecolor/windows: "mono" made Console() raise
    assert os.environ.get("TEXTUAL_COLOR_SYSTEM", "auto") in {"auto", "standard", "256"}


def test_colors_mono_app_starts(home: Home, started: list[PkitApp]) -> None:
    assert main(["--no-restore", "--colors", "mono"]) == 0
    app = started[0]
    assert app.no_color is True
    # Textual's Monochrome filter only greys colours; pkit drops them instead
    assert not any(isinstance(f, Monochrome) for f in app.get_line_filters())
    probe = [Segment("x", Style(bold=True, color="red", bgcolor="#102030"))]
    for f in app.get_line_filters():
        probe = f.apply(probe, Color(0, 0, 0))
    assert probe[0].style is not None
    assert (probe[0].style.color, probe[0].style.bgcolor, probe[0].style.bold) == (None, None, True)


# ---------------------------------------------------------------------------------------------
# locale -> ASCII


@pytest.mark.parametrize(
    ("env", "utf8"),
    [
        ({"LANG": "C.UTF-8"}, True),
        ({"LANG": "en_US.utf8"}, True),
        ({"LANG": "C"}, False),
        ({"LANG": "POSIX"}, False),
        ({"LANG": "en_US.ISO-8859-1"}, False),
        ({"LANG": "C.UTF-8", "LC_ALL": "C"}, False),  # LC_ALL wins
        ({"LANG": "C", "LC_ALL": "C.UTF-8"}, True),
        ({"LANG": "C", "LC_CTYPE": "C.UTF-8"}, True),  # set by the user, not by Python
    ],
    ids=str,
)
def test_utf8_locale_in_a_fresh_interpreter(home: Home, env: dict[str, str], utf8: bool) -> None:
    """A fresh Python, because Python rewrites LC_CTYPE itself when it starts under LANG=C."""
    code = "from tui.ui.launch import utf8_locale; print(utf8_locale())"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=child_env(home.root, env),
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert result.stdout.strip() == str(utf8)


def test_ascii_option_reaches_the_app(home: Home, started: list[PkitApp]) -> None:
    assert main(["--no-restore", "--ascii"]) == 0
    app = started[0]
    assert app.options.ascii is True and app.glyphs.ascii is True
    assert any(isinstance(f, AsciiFilter) for f in app.get_line_filters())


def test_unicode_by_default_in_a_utf8_locale(home: Home, started: list[PkitApp]) -> None:
    assert main(["--no-restore"]) == 0
    app = started[0]
    assert app.options.ascii is False
    assert not any(isinstance(f, AsciiFilter) for f in app.get_line_filters())


# ---------------------------------------------------------------------------------------------
# the ASCII filter and glyphs


@pytest.mark.parametrize(
    "text",
    [
        "╭─╮│╰╯┌┬┐├┼┤└┴┘━┃╸╺",
        "▁▂▃▄▅▆▇█▏▎▍▌▋▊▉░▒▓",
        "“quoted” ‘single’ — – … · • ▲ ▼ ▸ ▾ ✓ ⚑ ≠ × ÷ \u00a0",
        "Café déjà vu naïve Ωmega ⠿ ⠀",
        "全角 wide 😀",
    ],
)
def test_to_ascii_is_ascii_and_keeps_cell_width(text: str) -> None:
    from rich.cells import cell_len

    out = to_ascii(text)
    assert out.isascii()
    assert cell_len(out) == cell_len(text)
    for ch in text:
        assert cell_len(ascii_char(ch)) == max(cell_len(ch), 1) or ch == "\u00a0"


def test_to_ascii_leaves_ascii_alone() -> None:
    assert to_ascii("plain 3,810 US$m [x]") == "plain 3,810 US$m [x]"
    assert to_ascii("—") == "-" and to_ascii("▲") == "^" and to_ascii("│") == "|"


def test_filter_keeps_styles_and_control_segments() -> None:
    style = Style(bold=True, color="red")
    control = Segment("\x1b[?25l", None, [(ControlType.HIDE_CURSOR,)])
    out = AsciiFilter().apply(
        [Segment("▲ 3,810 — ok", style), control, Segment("abc")], Color(0, 0, 0)
    )
    assert [s.text for s in out] == ["^ 3,810 - ok", "\x1b[?25l", "abc"]
    assert out[0].style == style
    assert out[1] is control


def test_glyphs_in_ascii_mode_are_ascii() -> None:
    g = Glyphs(ascii=True)
    values: list[float | None] = [1.0, None, 3.0, 8.0, 2.0]
    drawn = [
        g.sparkline(values),
        g.sparkline([None, None]),
        g.sparkline([5.0, 5.0]),
        g.bar(3.0, 10.0, 12),
        g.bar(0.01, 10.0, 12),
        g.up_down(1.0),
        g.up_down(-1.0),
        g.up_down(0.0),
        g.missing,
        g.expanded,
        g.collapsed,
        g.leaf,
        g.gap,
    ]
    assert all(s.isascii() for s in drawn), drawn
    assert len(g.sparkline(values)) == len(values)
    unicode = Glyphs(ascii=False)
    assert unicode.sparkline(values) != g.sparkline(values)  # the check above means something
    assert not unicode.up_down(1.0).isascii()
