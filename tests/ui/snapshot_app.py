"""The app the snapshot tests screenshot (loaded by path with ``snap_compare``).

Bundled data, no restored preferences, the default theme (pkit-dark); ``ascii_app`` is the
same app in ASCII mode, ``no_color_app`` as with NO_COLOR set (Textual reads it when the app
is made, and only for that app). Building an app does not start it: ``snap_compare`` runs
it headless.
"""

from __future__ import annotations

import os

from tui.locations import bundled_data_dir
from tui.ui.app import Options, PkitApp

app = PkitApp(Options(data_dir=bundled_data_dir(), restore=False))
ascii_app = PkitApp(Options(data_dir=bundled_data_dir(), restore=False, ascii=True))
_before = os.environ.pop("NO_COLOR", None)
os.environ["NO_COLOR"] = "1"  # read when the app is made; unset again for every other app
try:
    no_color_app = PkitApp(Options(data_dir=bundled_data_dir(), restore=False))
finally:
    del os.environ["NO_COLOR"]
    if _before is not None:
        os.environ["NO_COLOR"] = _before
