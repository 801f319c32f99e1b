"""First code a session's pkit process runs (in the child, cold or forked from the template):
``python -m tui.serve.session_bootstrap PARENT_PID ARGS...``.

It takes the PTY on fd 0 as its controlling terminal (the server started it in a new session),
so window-size changes arrive as SIGWINCH and a closed PTY as SIGHUP; asks Linux to kill it if
the server dies; forbids core files; then runs ``pkit ARGS...`` as ``python -m tui`` would.
Kept tiny: nothing here imports asyncssh or Textual, and the server never imports the CLI or
the UI (the layers contract in pyproject.toml checks it): the program is named, not imported.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import resource
import runpy
import signal
import sys
import termios

PR_SET_PDEATHSIG = 1
PROGRAM = "tui"  # run as its __main__ (`python -m tui`): the pkit command line
STDERR_ENV = "PKIT_SERVE_STDERR"  # set by the server: where Python's own stderr goes


def take_terminal() -> None:
    with contextlib.suppress(OSError):
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def die_with_parent(parent: int) -> None:
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if parent and os.getppid() != parent:  # the server is already gone
        os._exit(129)


def main(argv: list[str]) -> int:
    parent = int(argv[0]) if argv and argv[0].isdigit() else 0
    args = argv[1:] if argv and argv[0].isdigit() else argv
    take_terminal()
    die_with_parent(parent)
    return run_pkit(args)


def capture_stderr() -> None:
    """Send Python's error output (tracebacks, warnings, crash messages) to the file the
    server names, which it copies into its log: never to the remote user's terminal.

    Only ``sys.stderr`` changes: Textual draws through ``sys.__stderr__`` (fd 2, the PTY).
    """
    path = os.environ.get(STDERR_ENV)
    if not path:
        return
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW, 0o600)
    except OSError:
        return
    sys.stderr = open(fd, "w", encoding="utf-8", errors="backslashreplace", buffering=1)  # noqa: SIM115


def run_pkit(args: list[str]) -> int:
    """Run ``pkit ARGS`` as a session: no core files, private files, errors to the server's
    log, then the CLI (which ends with SystemExit and its exit status)."""
    with contextlib.suppress(OSError, ValueError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    os.umask(0o077)
    capture_stderr()
    sys.argv = ["pkit", *args]
    runpy.run_module(PROGRAM, run_name="__main__")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
