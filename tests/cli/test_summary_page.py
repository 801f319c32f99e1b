"""`pkit summary` writes its page without Rich's console, and writes what Rich wrote.

The expected output is produced here by Rich itself, the way the summary printed through a
Rich Console before (the tables' segments, the lines through ``Console.print``): byte for
byte the same at every width, on a terminal or piped, with NO_COLOR, a dumb terminal, --ascii.
"""

from __future__ import annotations

import io
import random
from collections.abc import Iterator

import pytest
from rich.console import Console, ConsoleOptions
from rich.segment import Segment

from tui.cli.summary import render_summary, summary_items
from tui.cli.text_page import page_width, styled_terminal
from tui.cli.text_table import ASCII_BOX, HEAVY_HEAD, TextTable, render_lines, strip_control_codes
from tui.cli.text_wrap import expand_tabs, wrap_text
from tui.data import Facts, load_dataset
from tui.locations import bundled_data_dir
from tui.ui.ascii_text import to_ascii

_ENV = ("COLUMNS", "LINES", "TERM", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "COLORTERM")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in _ENV:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")


@pytest.fixture(scope="module")
def bundled() -> Facts:
    """The bundled data (long sources, claims, a statement), loaded without a snapshot: a
    module fixture runs before the per-test cache folder is set."""
    return Facts(load_dataset(bundled_data_dir()))


class RichTable:
    """A TextTable drawn through Rich, as TextTable.__rich_console__ drew it before."""

    def __init__(self, table: TextTable, ascii_box: bool) -> None:
        self.table, self.ascii_box = table, ascii_box

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        frame = ASCII_BOX if self.ascii_box or options.ascii_only else HEAVY_HEAD
        styles = {name: console.get_style(name) for name in ("bold", "italic")} | {"": None}
        for line in render_lines(self.table, options.max_width, frame):
            for text, style in line:
                yield Segment(text, styles[style])
            yield Segment.line()


def rich_console(terminal: bool, width: int | None) -> tuple[Console, io.StringIO]:
    """The console render_summary printed through before (same arguments)."""
    buf = io.StringIO()
    console = Console(
        file=buf,
        highlight=False,
        emoji=False,
        force_terminal=terminal,
        width=width,
        safe_box=True,
    )
    return console, buf


def rich_summary(
    facts: Facts, fy: int, *, terminal: bool, width: int | None, ascii_only: bool
) -> str:
    console, buf = rich_console(terminal, width)
    for item in summary_items(facts, fy):
        if isinstance(item, str):
            console.print(item, markup=False)
        else:
            console.print(RichTable(item, ascii_only), crop=False)
    return to_ascii(buf.getvalue()) if ascii_only else buf.getvalue()


def rich_print(text: str, width: int) -> str:
    console, buf = rich_console(False, width)
    console.print(text, markup=False)
    return buf.getvalue()


@pytest.mark.parametrize("ascii_only", [False, True], ids=["unicode", "ascii"])
@pytest.mark.parametrize("env", ["xterm", "NO_COLOR", "dumb", "unknown"])
@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "piped"])
@pytest.mark.parametrize("width", [30, 80, 200, None], ids=["w30", "w80", "w200", "COLUMNS"])
def test_summary_text_is_what_rich_wrote(
    bundled: Facts,
    monkeypatch: pytest.MonkeyPatch,
    width: int | None,
    terminal: bool,
    env: str,
    ascii_only: bool,
) -> None:
    if env == "NO_COLOR":
        monkeypatch.setenv("NO_COLOR", "1")
    elif env != "xterm":
        monkeypatch.setenv("TERM", env)
    if width is None:
        monkeypatch.setenv("COLUMNS", "47")
    for fy in (bundled.latest_full_fy, bundled.latest_full_fy - 1):
        ours = render_summary(
            bundled, fy, "text", ascii_only=ascii_only, terminal=terminal, width=width
        )
        theirs = rich_summary(bundled, fy, terminal=terminal, width=width, ascii_only=ascii_only)
        assert ours == theirs
        styled = terminal and env in ("xterm", "NO_COLOR")
        assert ("\x1b[1m" in ours and "\x1b[3m" in ours) == styled
        assert ("\x1b" in ours) == styled
        assert ours.isascii() == ascii_only


def test_terminal_styles_are_bold_headers_and_italic_titles(bundled: Facts) -> None:
    out = render_summary(bundled, bundled.latest_full_fy, "text", terminal=True, width=200)
    lines = out.splitlines()
    assert lines[0].startswith("\x1b[3mpkit summary: FY") and lines[0].endswith("\x1b[0m")
    assert lines[2].startswith("┃\x1b[1m figure ")
    assert "\x1b[0m┃\x1b[1m  value (US$m) \x1b[0m┃" in lines[2]
    assert any(line.startswith("\x1b[3mCategories, FY") for line in lines)


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"COLUMNS": "47"},
        {"COLUMNS": "0"},
        {"COLUMNS": "abc"},
        {"LINES": "30"},
        {"TERM": "dumb"},
        {"TERM": "DUMB", "LINES": "30"},
        {"TERM": "unknown", "COLUMNS": "120"},
    ],
    ids=repr,
)
@pytest.mark.parametrize("width", [None, 64])
@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "piped"])
def test_page_width_is_rich_console_width(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], width: int | None, terminal: bool
) -> None:
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    console, _ = rich_console(terminal, width)
    if console.width < 1:
        # Rich printed nothing at all at width 0; pkit takes COLUMNS=0 as unset
        monkeypatch.delenv("COLUMNS")
        console, _ = rich_console(terminal, width)
    assert page_width(width, terminal) == console.width
    assert styled_terminal(terminal) == (console.color_system is not None)


def test_no_color_keeps_bold_and_italic(monkeypatch: pytest.MonkeyPatch) -> None:
    """NO_COLOR asks for no colour: Rich keeps bold and italic, and so does the summary."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert styled_terminal(True)
    console, buf = rich_console(True, 40)
    console.print("title", style="italic")
    assert buf.getvalue() == "\x1b[3mtitle\x1b[0m\n"


# lines as the summary prints them (claim checks, statements), and harder ones
LINES = [
    "",
    "short",
    "Quoted growth, Hardware consultancy FY2023-24 to FY2024-25: quoted +9.9% (YoY, full "
    "year): consistent within rounding: 7.5 / 6.8 gives +10.29% [source: CW Pakistan, "
    "2025-08-19 [cwp-2025-08-19-hardware]]",
    "a [https://example.com/a-very-long/path/that-cannot-fit-on-any-line-of-thirty-cells] b",
    "averyveryverylongwordthatisfarlongerthanthirtycells and then some more words",
    "   leading spaces   and    inner   runs of spaces   at the end   ",
    "tabs\tafter\t\twords\tand a tab at the end\t",
    "line one\nline two, which is longer than the width of thirty cells\n\nafter a blank",
    "bell\x07 backspace\x08 vt\x0b ff\x0c cr\r, all dropped as Rich drops them",
    "数据来源巴基斯坦国家银行 wide characters 双宽字符 and a long 数据来源巴基斯坦国家银行数据来源",
    "curly “quotes” — dashes – and a non\u00a0breaking space; café, naïve",
    "emoji 👩\u200d💻 with a joiner, ✔\ufe0f with a selector, and 🇵🇰 flags",
    "ends with a newline\n",
]


@pytest.mark.parametrize("width", [1, 2, 7, 30, 80, 200])
@pytest.mark.parametrize("text", LINES)
def test_lines_wrap_as_rich_wraps_them(text: str, width: int) -> None:
    assert "".join(line + "\n" for line in wrap_text(text, width)) == rich_print(text, width)


def test_a_long_word_folds_at_thirty_cells() -> None:
    word = "x" * 70
    assert wrap_text(f"see {word} here", 30) == ["see ", "x" * 30, "x" * 30, "x" * 10 + " here"]


def test_random_lines_wrap_as_rich_wraps_them() -> None:
    """Many lines made of words, spaces, tabs, wide characters and long words."""
    rnd = random.Random(13)
    pieces = ["a", "word", "figures", "3,810", " ", "  ", "\t", "\n", "数据", "—", "x" * 33]
    for _ in range(300):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 40)))
        width = rnd.randint(1, 50)
        ours = "".join(line + "\n" for line in wrap_text(text, width))
        assert ours == rich_print(text, width), (text, width)


def test_control_codes_are_stripped_as_rich_strips_them() -> None:
    from rich.control import strip_control_codes as rich_strip

    every = "".join(map(chr, range(0x20))) + "\x7f\x9b text"
    assert strip_control_codes(every) == rich_strip(every)
    table = TextTable(title="t")
    table.add_column("c")
    table.add_row("bad\rcell\x07")
    assert table.rows == [["badcell"]]


def test_tabs_expand_to_stops_of_eight() -> None:
    assert expand_tabs("a\tb") == "a       b"
    assert expand_tabs("1234567\tb") == "1234567 b"
    assert expand_tabs("12345678\tb") == "12345678        b"
