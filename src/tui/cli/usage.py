"""The CLI's one kind of user error: one clear message on stderr and exit code 2."""

from __future__ import annotations

EXIT_USAGE = 2


class UsageError(Exception):
    """Bad arguments or input: printed as one clear message, exit code 2."""
