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
from tui.data.snapshot import MAX_DATA_BYTES as MAX_DATA_BYTES

ENV_SWITCH = "PKIT_PRELOAD"  # "0" turns the loader process off
_BOOT = (
    "import json, sys; sys.path[:] = json.loads(sys.argv[2]); "
    "from tui.data.preload import _serve; sys.exit(_serve(sys.argv[1], *sys.argv[3:]))"
)
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
    """A loader process for the dataset in ``root``, started at construction.

    With ``keep_snapshot`` the loader, once it has answered, writes the validated dataset's
    snapshot (:mod:`tui.data.snapshot`) for the next start; the app does not wait for that.
    """

    def __init__(
        self, root: Path, argv: list[str] | None = None, *, keep_snapshot: bool = False
    ) -> None:
        self.root = root
        self.cancelled = False
        self._answered = False
        env = dict(os.environ)
        # numpy's BLAS would start a pool of worker threads that spin while idle, taking the
        # CPU the app needs for its first paint; loading does no linear algebra
        for var in BLAS_THREAD_VARS:
            env[var] = "1"
        keep = "keep" if keep_snapshot else "-"
        self._proc = subprocess.Popen(
            # the child searches for modules exactly where this process does
            argv or [sys.executable, "-c", _BOOT, str(root), json.dumps(sys.path), keep],
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
        """Wait for the dataset; DatasetError if it fails validation, else PreloadFailed.

        The answer is complete when the loader closes its output; it may still be writing
        the snapshot then, and is not waited for.
        """
        try:
            out, err = self._read_until_answered(timeout)
        except TimeoutError:
            self._proc.kill()
            self._proc.communicate()
            raise PreloadFailed(f"no answer within {timeout:g} s") from None
        if self.cancelled:
            self._proc.wait()
            raise PreloadFailed("cancelled")
        try:
            kind, payload = pickle.loads(out)
        except Exception as exc:  # noqa: BLE001 - any malformed answer means "load here"
            kind, payload = None, f"unreadable answer from the loader process: {exc}"
        if kind == "dataset" and isinstance(payload, Dataset):
            self._answered = True
            return payload
        if kind == "problems" and isinstance(payload, list):
            self._answered = True
            raise DatasetError([p for p in payload if isinstance(p, Problem)])
        _, rest = self._proc.communicate()  # no usable answer: the exit status says more
        code = self._proc.returncode
        if code != 0:
            last = (err + rest).decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise PreloadFailed(f"loader process exited with {code}: {last[0]}".rstrip(": "))
        if kind is None:
            raise PreloadFailed(str(payload))
        raise PreloadFailed(f"unexpected answer from the loader process: {kind!r}")

    def _read_until_answered(self, timeout: float | None) -> tuple[bytes, bytes]:
        """stdout until the loader closes it (stderr too, so that it never fills up)."""
        import selectors
        import time

        deadline = None if timeout is None else time.monotonic() + timeout
        chunks: dict[int, list[bytes]] = {}
        assert self._proc.stdout is not None and self._proc.stderr is not None
        out_fd, err_fd = self._proc.stdout.fileno(), self._proc.stderr.fileno()
        with selectors.DefaultSelector() as sel:
            for fd in (out_fd, err_fd):
                sel.register(fd, selectors.EVENT_READ)
                chunks[fd] = []
            while out_fd in chunks and sel.get_map():
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    raise TimeoutError
                for key, _ in sel.select(left):
                    data = os.read(key.fd, 1 << 16)
                    if data:
                        chunks[key.fd].append(data)
                        continue
                    sel.unregister(key.fd)
                    if key.fd == out_fd:
                        return b"".join(chunks[out_fd]), b"".join(chunks[err_fd])
        return b"".join(chunks[out_fd]), b"".join(chunks[err_fd])

    def reap(self, timeout: float = 30.0) -> None:
        """Wait for the loader to end after it answered (it may be writing the snapshot)."""
        try:
            self._proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()

    def cancel(self) -> None:
        """Stop the loader process if it still runs (the app quit before it answered).

        Once it has answered it is only writing the snapshot: it finishes on its own.
        """
        self.cancelled = True
        if not self._answered and self._proc.poll() is None:
            self._proc.kill()


def _serve(root: str, keep: str = "-") -> int:
    """The loader process: load ``root``; write the Dataset (or its problems) to stdout;
    then, with ``keep == "keep"``, write its snapshot once stdout is closed."""
    from tui.data import snapshot
    from tui.data.load import load_dataset

    path = Path(root)
    before = snapshot.data_digests(path) if keep == "keep" else None
    answer: tuple[str, object]
    try:
        answer = ("dataset", load_dataset(path))
    except DatasetError as exc:
        answer = ("problems", exc.problems)
    data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    if before is not None and answer[0] == "dataset":
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)  # the app reads until this pipe closes
        os.dup2(devnull, 2)
        dataset = answer[1]
        assert isinstance(dataset, Dataset)
        snapshot.save(path, dataset, before)
    return 0
