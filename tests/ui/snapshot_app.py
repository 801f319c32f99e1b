"""The app the snapshot tests screenshot (loaded by path with ``snap_compare``).

Bundled data, no restored preferences, the default theme (pkit-dark); ``ascii_app`` is the
same app in ASCII mode, ``no_color_app`` as with NO_COLOR set (Textual reads it when the app
is made). Building an app does not start it: ``snap_compare`` runs it headless.
"""

from __future__ import annotations

import os

from tui.locations import bundled_data_dir
from tui.ui.app import Options, PkitApp

app = PkitApp(Options(data_dir=bundled_data_dir(), restore=False))
ascii_app = PkitApp(Options(data_dir=bundled_data_dir(), restore=False, ascii=True))
os.environ["NO_COLOR"] = "1"  # taken (popped) by the app made next
no_color_app = PkitApp(Options(data_dir=bundled_data_dir(), restore=False))
