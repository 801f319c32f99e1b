"""The app the snapshot tests screenshot (loaded by path with ``snap_compare``).

Bundled data, no restored preferences, the default theme; ``ascii_app`` is the same app in
ASCII mode. Building an app does not start it: ``snap_compare`` runs it headless.
"""

from __future__ import annotations

from tui.locations import bundled_data_dir
from tui.ui.app import Options, PkitApp

app = PkitApp(Options(data_dir=bundled_data_dir(), restore=False))
ascii_app = PkitApp(Options(data_dir=bundled_data_dir(), restore=False, ascii=True))
