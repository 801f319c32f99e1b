"""Hostile datasets: what someone else's dataset could hold to attack the person who opens it.

``rejected(folder)`` breaks the one text rule and the sanity limits in every file (terminal
escapes, bidi overrides, a deep parent chain, periods centuries away, a huge field):
``validate`` must refuse it with file:line and never echo the bytes raw.
``accepted(folder)`` passes ``validate`` yet is full of Rich markup, Markdown and CSV
specials and text at the length limits: pkit must show all of it as plain text.
"""

from __future__ import annotations

from pathlib import Path

from tests.synthdata import OBSERVATIONS, QUOTES, SERIES, SOURCES, write_dataset
from tui.data.text import MAX_DEPTH, MAX_TEXT_CHARS

OSC52 = "\x1b]52;c;cHduZWQ=\x07"  # sets the clipboard of the terminal
TITLE = "\x1b]0;pwned\x07"  # sets the window title
CLEAR = "\x1b[2J"  # clears the screen
LINK = "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\"  # OSC 8 hyperlink
RLO = "\u202e"  # right-to-left override
ESC = "\x1b"

MARKUP = "[/] [bold]x[/bold] [link=https://evil.example/]click[/link] [@click=app.quit]q[/]"
MD_CSV = "| cell | <img src=x onerror=alert(1)> `code` *em* _u_ [t](javascript:alert(1)) &amp;"
FORMULA = '=HYPERLINK("https://evil.example","x")'


def _toml_str(text: str) -> str:
    """A TOML basic string holding ``text`` (control characters as \\u escapes)."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def chain_series(depth: int, parent: str = "hardware_consultancy") -> str:
    """``depth`` series, each the child of the one before, under ``parent``."""
    blocks = []
    for n in range(depth):
        blocks.append(
            f'[[series]]\nid = "deep_{n}"\nname = "Deep {n}"\ngroup = "exports"\n'
            f'parent = "{parent}"\nunit = "US$ million"\n'
        )
        parent = f"deep_{n}"
    return "\n".join(blocks)


def rejected(folder: Path) -> Path:
    """Every kind of hostile text and every sanity limit broken, one file each at least."""
    sources = SOURCES.replace(
        'title = "Press report"', f"title = {_toml_str('Press ' + OSC52 + TITLE + CLEAR)}"
    ).replace('publisher = "PTA"', f"publisher = {_toml_str('PTA' + RLO + 'gnp.exe')}")
    sources += (
        '\n[[source]]\nid = "src-d"\ntitle = "t"\npublisher = "p"\ndate = "d"\n'
        f'url = "https://x"\nbasis = "SBP"\n{_toml_str("bad" + ESC + "key")} = 1\n'
    )
    series = SERIES.replace('name = "Office machinery"', f"name = {_toml_str('Office' + LINK)}")
    series += "\n" + chain_series(MAX_DEPTH + 3)
    quotes = QUOTES.replace(
        'text = "Our ICT exports reached 3.8 billion dollars."',
        f'text = "{"x" * (MAX_TEXT_CHARS + 1)}"',
    ).replace('speaker = "B. Trader"', f"speaker = {_toml_str('B. Trader' + chr(0x9B) + '31m')}")
    observations = (
        OBSERVATIONS
        + "ict_exports,FY0999-00,1,,,src-a,,,,,\n"
        + "ict_exports,FY9999-00,1,,,src-a,,,,,\n"
        + f"hardware_consultancy,FY2022-23,1,,,src-a,,,,{CLEAR}note,\n"
        + f'hardware_consultancy,2024-08,1,,,src-a,,,,"two\nlines",{RLO}excerpt\n'
        + 'hardware_consultancy,2024-09,1,,"US$\nmillion",src-a,,,,,\n'
        + f"{ESC}[31mseries,FY2023-24,1,,,src-a,,,,,\n"
    )
    return write_dataset(
        folder, sources=sources, series=series, quotes=quotes, observations=observations
    )


def accepted(folder: Path) -> Path:
    """Valid, and hostile to whatever would read its text as markup, Markdown or CSV."""
    sources = SOURCES.replace('title = "Press report"', f"title = {_toml_str(MARKUP)}").replace(
        'publisher = "Daily Example"', f"publisher = {_toml_str('[/]Daily [b]Example')}"
    )
    sources = sources.replace('title = "PTA handset report"', f"title = {_toml_str(MD_CSV)}")
    series = (
        SERIES.replace(
            'name = "Hardware consultancy"', f"name = {_toml_str('[/]Hardware ' + MARKUP)}"
        ).replace('name = "Telecommunication services"', f"name = {_toml_str(FORMULA)}")
        + "\n"
        + chain_series(MAX_DEPTH - 2)
    )
    quotes = QUOTES.replace(
        'text = "Our ICT exports reached 3.8 billion dollars."',
        f"text = {_toml_str('[/]' * (MAX_TEXT_CHARS // 3))}",
    ).replace(
        'speaker = "B. Trader"',
        f"speaker = {_toml_str('[/]B. [link=https://evil.example/]Trader')}",
    )
    observations = OBSERVATIONS.replace(
        'software_consultancy,FY2024-25,1100,>,,src-b,,,,"article says over $1.1bn",',
        "software_consultancy,FY2024-25,1100,>,,src-b,,,,"
        '"[/]over [link=https://evil.example/]$1.1bn | =1+1","[bold]excerpt[/]"',
    ) + "".join(
        f"deep_{n},FY2024-25,{n + 1},,,src-a,,,,[/]deep {n},\n" for n in range(MAX_DEPTH - 2)
    )
    return write_dataset(
        folder, sources=sources, series=series, quotes=quotes, observations=observations
    )
