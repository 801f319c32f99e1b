"""The one rule for text read from a dataset, and the sanity limits ``validate`` enforces.

A dataset may come from someone else, so its text is untrusted: a control character (ESC
starts a terminal escape sequence), a bidirectional override or another invisible format
character would reach the terminal of whoever looks at it. The loader rejects such text
with ``file:line``; messages that quote file content show it with :func:`quoted`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Sanity limits (documented in data/README.md). A dataset inside them loads, renders and
# exports without a crash or a hang.
MAX_DEPTH = 16  # levels below the root of a category tree
MIN_YEAR, MAX_YEAR = 1947, 2100  # every period lies within these calendar years
MAX_LINE_CHARS = 500  # one-line fields: names, titles, publishers, speakers, ids, ...
MAX_TEXT_CHARS = 10_000  # long text: quote text, excerpts, notes, descriptions, reasons
MAX_URL_CHARS = 2_000
MAX_ROWS = 2_000_000  # rows of observations.csv
MAX_SERIES = 10_000
MAX_SOURCES = 10_000
MAX_QUOTES = 10_000  # also statements and claims, each
MAX_FILE_BYTES = 256 * 1024 * 1024  # any one file (observations.csv is by far the largest)

# fields whose text may span lines (and hold tabs); every other field is one line
MULTILINE = frozenset({"text", "excerpt", "note", "description", "reason"})

# joiners are kept: Urdu and other scripts need ZWNJ/ZWJ to spell words, emoji need ZWJ
_ALLOWED_FORMAT = frozenset({"\u200c", "\u200d"})
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# invisible format characters (Unicode category Cf, and the line/paragraph separators) no
# field may hold; the Arabic number signs (U+0600-0605, U+06DD, ...) are visible and allowed
_FORMAT_CHARS = (
    "\u00ad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ufff9-\ufffb\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f"
)


# compiled when first used (a validation, a message quoting file text), not at every start
@cache
def unsafe_pattern(multiline: bool = True) -> re.Pattern[str]:
    """What no field may hold; with ``multiline``, tabs and line breaks are allowed."""
    controls = "\\x00-\\x08\\x0b-\\x1f" if multiline else "\\x00-\\x1f"
    return re.compile(f"[{controls}\\x7f-\\x9f{_FORMAT_CHARS}]")


_ASCII_OK = bytes(range(0x20, 0x7F)) + b"\t\n\r" + bytes(range(0x80, 0x100))
_ASCII = bytes(range(0x80))


def may_hold_unsafe(raw: bytes) -> bool:
    """Whether UTF-8 ``raw`` (a whole file) may hold a character :func:`unsafe_pattern`
    matches; a fast gate (C-speed byte filters, the regex only over the non-ASCII part), so a
    file of millions of clean rows is never scanned character by character."""
    if raw.translate(None, _ASCII_OK):
        return True  # a C0 control or DEL
    rest = raw.removeprefix(b"\xef\xbb\xbf").translate(None, _ASCII)
    return bool(rest) and unsafe_pattern().search(rest.decode("utf-8", "replace")) is not None


def describe(ch: str) -> str:
    """``U+001B (a control character)`` and the like, for a validation message."""
    code = f"U+{ord(ch):04X}"
    if ch in "\n\r":
        return f"{code} (a line break)"
    if ch == "\t":
        return f"{code} (a tab)"
    if ch in _BIDI:
        return f"{code} (a bidirectional control)"
    if unicodedata.category(ch) == "Cc":
        return f"{code} (a control character)"
    return f"{code} (an invisible format character)"


def unsafe_chars(text: str, multiline: bool = False) -> list[str]:
    """The distinct characters of ``text`` that no field may hold, in order of appearance.

    Tabs and line breaks are allowed only when ``multiline``.
    """
    return list(dict.fromkeys(unsafe_pattern(multiline).findall(text)))


def text_problem(field: str, text: str, limit: int | None = None) -> str | None:
    """What is wrong with ``text`` as the value of ``field``, or None when it is fine."""
    multiline = field in MULTILINE
    if limit is None:
        limit = MAX_TEXT_CHARS if multiline else MAX_URL_CHARS if field == "url" else MAX_LINE_CHARS
    if len(text) > limit:
        return f"{field} is {len(text):,} characters long; the limit is {limit:,}"
    bad = unsafe_chars(text, multiline)
    if not bad:
        return None
    shown = ", ".join(describe(c) for c in bad[:5]) + (", ..." if len(bad) > 5 else "")
    where = (
        ""
        if multiline or not any(c in "\t\n\r" for c in bad)
        else (f"; only {', '.join(sorted(MULTILINE))} may hold tabs and line breaks")
    )
    return f"{field} contains {shown}{where}"


@cache
def _escaped() -> re.Pattern[str]:
    return re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{_FORMAT_CHARS}\\u200c\\u200d]")


def printable(text: str) -> str:
    """``text`` with every control or format character written as an escape (``\\x1b``)."""
    return _escaped().sub(lambda m: repr(m.group())[1:-1], text)


def quoted(value: object, limit: int = 60) -> str:
    """A value from a file as a message quotes it: ``repr``-style (escapes shown as escapes),
    cut to ``limit`` characters so a huge field cannot flood the report."""
    text = value if isinstance(value, str) else str(value)
    if len(text) > limit:
        return repr(text[:limit]) + f"… ({len(text):,} characters)"
    return repr(text)
