"""Whether the terminal can show Unicode: read from the locale, as the user set it.

Kept apart from :mod:`tui.ui.launch` so that ``pkit summary`` and ``pkit brief`` can ask
without importing the explorer's launcher.
"""

from __future__ import annotations

import locale
import os
import sys


def utf8_locale() -> bool:
    """True when the terminal's encoding can show Unicode glyphs."""
    coerced = _started_in_c_locale()
    for var in ("LC_ALL", "LC_CTYPE", "LANG"):
        if coerced and var == "LC_CTYPE":
            continue  # written by Python itself, not by the user
        value = os.environ.get(var)
        if value:
            return "utf-8" in value.lower() or "utf8" in value.lower()
    if coerced:
        return False
    enc = (
        getattr(sys.stdout, "encoding", None) or locale.getpreferredencoding(False) or ""
    ).lower()
    return "utf" in enc


def _started_in_c_locale() -> bool:
    """Python began in the C/POSIX locale (LANG=C, no locale set, or one not installed).

    Python then coerces the locale (PEP 538: it sets LC_CTYPE=C.UTF-8 in our own
    environment) and turns on UTF-8 mode (PEP 540), so LC_CTYPE and stdout's encoding no
    longer show the terminal's; UTF-8 mode switched on without being asked for is the trace.
    """
    asked = os.environ.get("PYTHONUTF8") == "1" or "utf8" in sys._xoptions
    return bool(sys.flags.utf8_mode) and not asked
