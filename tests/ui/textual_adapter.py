"""The two things the UI tests need from Textual that it has no public API for, in one place.

1. :func:`key_event`: the Key event ``Pilot.press`` sends for a key name or a typed
   character. The tests post it to the app themselves (``send_key``) so that it is queued at
   once; Textual builds it in ``App._press_keys`` with the private ``textual.keys`` helpers
   ``_character_to_key`` and ``_get_unicode_name_from_key`` (the public ``key_to_character``
   gives other characters for ``-``, ``+``, ``/`` and more).
2. :func:`screen_rows`: the composed screen as rows of text, as the terminal shows them.
   Textual keeps it in ``Screen._compositor``; the public ``App.export_screenshot`` only
   gives it as SVG.

``test_textual_adapter.py`` checks both against the installed Textual; when a Textual
release changes them it fails saying what to update here. Nothing else in tests/ may use a
private Textual name.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import textual
from textual import events
from textual.app import App
from textual.keys import REPLACED_KEYS
from textual.strip import Strip

UPGRADE_HINT = (
    f"Textual {textual.__version__} changed a private name that tests/ui/textual_adapter.py "
    "relies on: update that module (and only it) from Textual's source"
)

try:
    from textual.keys import _character_to_key, _get_unicode_name_from_key
except ImportError as exc:  # pragma: no cover - only after a Textual upgrade
    raise ImportError(
        f"{UPGRADE_HINT} (textual.keys no longer has _character_to_key and "
        "_get_unicode_name_from_key: copy how App._press_keys builds its Key events)"
    ) from exc


def key_event(key: str) -> events.Key:
    """The Key event a terminal sends for ``key``, built as ``Pilot.press`` builds it."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char: str | None = unicodedata.lookup(
            _get_unicode_name_from_key(REPLACED_KEYS.get(key, key))
        )
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


def screen_rows(app: App[Any]) -> list[Strip]:
    """The active screen as composed for the terminal, one :class:`Strip` per row.

    What the driver would write, before any line filter; ``Strip.text`` is a row's plain
    text. A modal screen renders only itself (the screen below is not included).
    """
    compositor = getattr(app.screen, "_compositor", None)
    if compositor is None or not hasattr(compositor, "render_strips"):  # pragma: no cover
        raise AssertionError(f"{UPGRADE_HINT} (Screen._compositor.render_strips() is gone)")
    strips: list[Strip] = compositor.render_strips()
    return strips
