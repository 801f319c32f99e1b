"""The cyclic garbage collector paused while the explorer starts.

Starting allocates a few hundred thousand long-lived objects (modules, classes, Textual's
widgets and styles, the dataset). Each of them makes the collector run: measured on the
explorer's start, its collections took about 55 ms of CPU before the first frame (a bare
Textual app: about 20 ms), one of them a full collection over every object. Nothing made
then is garbage worth collecting, so :func:`pause` turns the collector off at the start, and
:func:`resume`, once the first frame is out, moves every object alive by then to the
permanent generation (``gc.freeze``: later full collections skip them, so a key press never
pays for them either) and turns it back on.

``pkit summary``, ``export`` and ``brief`` keep it paused while they read the bundled
data's snapshot and write (their allocations are bounded by it); validating a dataset in
full resumes it first (:func:`tui.cli.dataset.load`).

Only a process that called :func:`pause` is changed: :func:`resume` alone does nothing
(tests and hosts that run the app without ``pkit``'s entry point keep their collector).
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume(*, freeze: bool = True) -> None:
    """Turn the collector back on if :func:`pause` turned it off (and freeze what is alive)."""
    global _paused
    if not _paused:
        return
    _paused = False
    if freeze:
        gc.freeze()
    gc.enable()
