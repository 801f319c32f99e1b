"""Load the dataset in a child process while the app starts.

The explorer's first paint needs Textual, the figures need pandas, and one process can only
import them one after the other (the GIL serialises imports, threads included). Started
before Textual is imported, a loader process imports pandas, loads and validates the data
on another core, and sends the app the :class:`~tui.data.model.Dataset`, which is plain
Python and unpickles without pandas. The app then never imports pandas at all.

Only the parent's own child is unpickled: the bytes come from a pipe to a process started
here with the parent's interpreter. Anything unexpected from it (a crash, a kill, stray
output) is reported as :class:`PreloadFailed`, and the caller loads in-process instead.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

from tui.data.model import Dataset
from tui.data.problems import DatasetError, Problem

ENV_SWITCH = "PKIT_PRELOAD"  # "0" turns the loader process off
_BOOT = (
    "import json, sys; sys.path[:] = json.loads(sys.argv[2]); "
    "from tui.data.preload import _serve; sys.exit(_serve(sys.argv[1]))"
)
MAX_DATA_BYTES = 16 << 20
BLAS_THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


class PreloadFailed(Exception):
    """The loader process gave no usable answer; the reason is the message."""


def wanted(root: Path) -> bool:
    """Use a loader process: not switched off, a second CPU to run it on, and a dataset
    small enough that handing it over costs less than the overlap saves.

    On one CPU the child would only compete with the first paint for the same core. The
    overlap saves about the pandas import (a few hundred ms) whatever the size, while the
    hand-over (build, pickle, unpickle) grows with the rows, and the data are in memory
    twice while it lasts: past MAX_DATA_BYTES of data files (about 400,000 short rows of
    observations) loading in-process is the better deal.
    """
    if os.environ.get(ENV_SWITCH, "1") == "0":
        return False
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    if cpus < 2:
        return False
    try:  # the files the manifest names live in root; their names may differ
        size = sum(f.stat().st_size for f in root.iterdir() if f.is_file())
    except OSError:  # missing or unreadable: the loader reports it, wherever it runs
        return True
    return size <= MAX_DATA_BYTES


class Preload:
    """A loader process for the dataset in ``root``, started at construction."""

    def __init__(self, root: Path, argv: list[str] | None = None) -> None:
        self.root = root
        self.cancelled = False
        env = dict(os.environ)
        # numpy's BLAS would start a pool of worker threads that spin while idle, taking the
        # CPU the app needs for its first paint; loading does no linear algebra
        for var in BLAS_THREAD_VARS:
            env[var] = "1"
        self._proc = subprocess.Popen(
            # the child searches for modules exactly where this process does
            argv or [sys.executable, "-c", _BOOT, str(root), json.dumps(sys.path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            close_fds=True,
        )

    @property
    def pid(self) -> int:
        return self._proc.pid

    def result(self, timeout: float | None = None) -> Dataset:
        """Wait for the dataset; DatasetError if it fails validation, else PreloadFailed."""
        try:
            out, err = self._proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.communicate()
            raise PreloadFailed(f"no answer within {timeout:g} s") from None
        code = self._proc.returncode
        if self.cancelled:
            raise PreloadFailed("cancelled")
        if code != 0:
            last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise PreloadFailed(f"loader process exited with {code}: {last[0]}".rstrip(": "))
        try:
            kind, payload = pickle.loads(out)
        except Exception as exc:  # noqa: BLE001 - any malformed answer means "load here"
            raise PreloadFailed(f"unreadable answer from the loader process: {exc}") from None
        if kind == "dataset" and isinstance(payload, Dataset):
            return payload
        if kind == "problems" and isinstance(payload, list):
            raise DatasetError([p for p in payload if isinstance(p, Problem)])
        raise PreloadFailed(f"unexpected answer from the loader process: {kind!r}")

    def cancel(self) -> None:
        """Stop the loader process if it still runs (the app quit before it answered)."""
        self.cancelled = True
        if self._proc.poll() is None:
            self._proc.kill()


def _serve(root: str) -> int:
    """The loader process: load ``root``; write the Dataset (or its problems) to stdout."""
    from tui.data.loader import load_dataset

    answer: tuple[str, object]
    try:
        answer = ("dataset", load_dataset(Path(root)))
    except DatasetError as exc:
        answer = ("problems", exc.problems)
    data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0
