"""Data text on screen: always a plain ``rich.text.Text``, never parsed as markup.

Textual and Rich read a ``str`` given to a table cell, a ``Static`` or an option as markup:
``[/]`` in a source title would crash the app and ``[link=...]`` would become a live link.
Every string that can hold data-file text (or a path the user typed) goes through
:func:`plain` or :func:`plain_cell` on its way to a widget.
"""

from __future__ import annotations

from rich.text import Text


def plain(text: str | Text) -> Text:
    """``text`` shown exactly as written (a Text passes through unchanged)."""
    return text if isinstance(text, Text) else Text(text)


def plain_cell(text: str | Text) -> Text:
    """A one-line table cell: what DataTable makes of a ``str`` (no wrap, no line end),
    without reading it as markup."""
    return text if isinstance(text, Text) else Text(text, end="", no_wrap=True)
