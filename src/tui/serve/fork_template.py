"""The warm template: a process that has imported Textual, pandas and the app and validated
the dataset once, and forks one child per session on request; the children inherit the
validated figures (:mod:`tui.data.held`) and show them with their first frame.

Started by the server as ``python -I -B -X utf8 -m tui.serve.fork_template SERVER_PID FD DATA_DIR``
with a SOCK_SEQPACKET socket on FD. Messages are JSON, one per packet:

* template -> server: ``{"ready": pid}`` once warm; ``{"id": n, "pid": pid}`` or
  ``{"id": n, "error": text}`` per request; ``{"exit": pid, "status": code}`` when a child
  ends (the template is the children's parent, so it reaps them and reports the status).
* server -> template: ``{"id": n, "argv": [...], "env": {...}, "cwd": dir}`` with the PTY
  slave attached (SCM_RIGHTS). The child becomes a new session on that PTY, takes it as its
  controlling terminal, replaces its whole environment with ``env`` and runs ``pkit argv``.

No threads and no event loop run here, so fork() is safe; gc.freeze() keeps the shared pages
shared. The template never reads client input: it only forks what the server asks.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import json
import os
import pkgutil
import random
import select
import signal
import socket
import sys
import threading
import traceback
from pathlib import Path
from typing import Any

from tui.serve.session_bootstrap import die_with_parent, run_pkit, take_terminal

# packages whose modules the app imports lazily (panes, screens, widgets, the data layer)
WARM_PACKAGES = ("tui.data", "tui.ui.panes", "tui.ui.screens", "tui.ui.widgets")
WARM_MODULES = (
    "tui.cli.main",
    "tui.cli.commands.explorer",
    "tui.ui.launch",
    "tui.ui.app",
    "tui.ui.prefs",
    "tui.ui.themes",
    "tui.ui.ascii_filter",
    "textual.app",
    "textual.drivers.linux_driver",
    "textual.widgets",
    "pandas",
)


def warm(data_dir: Path) -> None:
    """Import what a session will import and load the dataset once (validating it)."""
    for name in WARM_MODULES:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    for package_name in WARM_PACKAGES:
        with contextlib.suppress(ImportError):
            package = importlib.import_module(package_name)
            for info in pkgutil.iter_modules(getattr(package, "__path__", [])):
                with contextlib.suppress(Exception):
                    importlib.import_module(f"{package_name}.{info.name}")
    from tui.data import Facts, load_dataset
    from tui.data.held import hold

    facts = Facts(load_dataset(data_dir))  # validated in full: never a snapshot here
    _ = facts.explorer_years, facts.latest_full_fy
    hold(data_dir, facts)  # every session forked from here starts with these figures


def _send(sock: socket.socket, message: dict[str, Any]) -> None:
    with contextlib.suppress(OSError):
        sock.send(json.dumps(message).encode())


def _reopen_stdio() -> None:
    """Fresh sys.std* on the PTY now on fds 0-2, as a new interpreter would have them."""
    streams = {
        "stdin": open(0, encoding="utf-8", closefd=False),  # noqa: SIM115
        "stdout": open(1, "w", encoding="utf-8", buffering=1, closefd=False),  # noqa: SIM115
        "stderr": open(  # noqa: SIM115
            2, "w", encoding="utf-8", errors="backslashreplace", buffering=1, closefd=False
        ),
    }
    for name, stream in streams.items():
        setattr(sys, name, stream)
        setattr(sys, f"__{name}__", stream)


def _child(request: dict[str, Any], slave: int) -> None:
    """In the forked child: become the session on the PTY, then run pkit. Never returns."""
    code = 1
    try:
        signal.set_wakeup_fd(-1)
        for sig in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a new interpreter
        os.setsid()
        for fd in (0, 1, 2):
            os.dup2(slave, fd)
        os.closerange(3, 1 << 16)  # the template's socket, wake-up pipe and the slave copy
        take_terminal()
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update({str(k): str(v) for k, v in request["env"].items()})
        random.seed()  # gc stays frozen: the template's objects are never collected here
        _reopen_stdio()
        code = run_pkit([str(a) for a in request["argv"]])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # noqa: BLE001 - reported on the session's terminal, then exit 1
        with contextlib.suppress(Exception):
            traceback.print_exc()
        code = 1
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code & 0xFF)


def serve_forks(sock: socket.socket) -> None:
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    os.set_blocking(wake_r, False)
    signal.signal(signal.SIGCHLD, lambda signum, frame: None)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server decides when we stop
    _send(sock, {"ready": os.getpid()})
    while True:
        try:
            ready, _, _ = select.select([sock.fileno(), wake_r], [], [])
        except InterruptedError:
            continue
        if wake_r in ready:
            with contextlib.suppress(OSError):
                while os.read(wake_r, 512):
                    pass
        _reap(sock)
        if sock.fileno() not in ready:
            continue
        try:
            data, fds, _, _ = socket.recv_fds(sock, 1 << 16, 4)
        except InterruptedError:
            continue
        except OSError:
            return
        if not data:
            return  # the server is gone
        _fork_one(sock, data, fds)


def _fork_one(sock: socket.socket, data: bytes, fds: list[int]) -> None:
    request: dict[str, Any] = {}
    try:
        request = json.loads(data)
        if len(fds) != 1:
            raise ValueError(f"expected one PTY descriptor, got {len(fds)}")
        if threading.active_count() != 1:  # fork() with threads is unsafe
            raise RuntimeError("the template has started threads")
        pid = os.fork()
        if pid == 0:
            _child(request, fds[0])
        _send(sock, {"id": request.get("id"), "pid": pid})
    except Exception as exc:  # noqa: BLE001 - the server falls back to a cold start
        _send(sock, {"id": request.get("id"), "error": f"{type(exc).__name__}: {exc}"})
    finally:
        for fd in fds:
            with contextlib.suppress(OSError):
                os.close(fd)


def _reap(sock: socket.socket) -> None:
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        _send(sock, {"exit": pid, "status": os.waitstatus_to_exitcode(status)})


def main(argv: list[str]) -> int:
    server_pid, fd, data_dir = int(argv[0]), int(argv[1]), Path(argv[2])
    die_with_parent(server_pid)
    sock = socket.socket(fileno=fd)
    sock.set_inheritable(False)
    warm(data_dir)
    gc.collect()
    gc.freeze()  # keep the warm objects out of the collector: their pages stay shared
    with contextlib.suppress(SystemExit):
        serve_forks(sock)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
