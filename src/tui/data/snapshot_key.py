"""The snapshot's key: what must match for a snapshot to stand for the files on disk.

The code digest covers pkit's version, the snapshot format, the model's fields and the
source of every module that decides what a validated dataset is; the data digests are the
SHA-256 of every file in the data folder.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import get_args

from tui import __version__
from tui.data.model import OBS_TABLE_COLUMNS, Dataset, Observation
from tui.data.record import fields, is_record
from tui.data.snapshot_codec import hints_of

FORMAT = 1  # bump when the file layout changes (the schema digest covers the model's fields)
MAX_DATA_BYTES = 16 << 20  # larger datasets are validated at every start, as before
# the modules whose code decides what a validated dataset is (relative to tui/data)
_CODE = (
    "load/*.py",
    "load/observations/*.py",
    "agreement.py",
    "model.py",
    "problems.py",
    "text.py",
    "fiscal.py",
    "snapshot.py",
    "snapshot_codec.py",
    "snapshot_key.py",
)


@cache
def code_digest() -> str:
    """pkit's version, the snapshot format, the model's fields and the validating code."""
    h = hashlib.sha256(f"pkit {__version__} snapshot {FORMAT}\n".encode())
    for cls in _record_classes():
        hints = hints_of(cls)
        shape = [(f.name, repr(hints[f.name])) for f in fields(cls)]
        h.update(f"{cls.__name__}: {shape}\n".encode())
    h.update(repr(OBS_TABLE_COLUMNS).encode())
    here = Path(__file__).resolve().parent
    for pattern in _CODE:
        paths = sorted(here.glob(pattern))
        if not paths:  # no source next to the bytecode: the version alone must do
            h.update(f"{pattern} missing\n".encode())
        for path in paths:
            try:
                h.update(path.read_bytes())
            except OSError:
                h.update(f"{pattern} unreadable\n".encode())
    return h.hexdigest()


def _record_classes() -> list[type]:
    """Every record a Dataset holds, found through the type hints."""
    seen: list[type] = []

    def visit(hint: object) -> None:
        if isinstance(hint, type) and is_record(hint):
            if hint in seen:
                return
            seen.append(hint)
            for f in fields(hint):
                visit(hints_of(hint)[f.name])
        for arg in get_args(hint):
            visit(arg)

    visit(Dataset)
    visit(Observation)
    return seen


def data_digests(root: Path, extra: Iterable[str] = ()) -> dict[str, str] | None:
    """SHA-256 of every regular file in ``root`` and of ``extra`` (paths relative to it).

    None when a file cannot be read or the files pass MAX_DATA_BYTES together: no snapshot.
    A name that is not a regular file gets the digest "" (a snapshot naming it is stale).
    """
    names: set[str] = set(extra)
    try:
        with os.scandir(root) as entries:
            names.update(e.name for e in entries if e.is_file())
    except OSError:
        return None
    out: dict[str, str] = {}
    total = 0
    for name in sorted(names):
        path = root / name
        try:
            st = path.stat()
        except (OSError, ValueError):
            out[name] = ""
            continue
        if not stat.S_ISREG(st.st_mode):
            out[name] = ""
            continue
        total += st.st_size
        if total > MAX_DATA_BYTES:
            return None
        try:
            out[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return None
    return out
