"""The session channel: asyncssh's, with `env` requests bounded before anything is stored.

asyncssh keeps every `env` request a client sends, with no limit on their number or size,
until the channel is gone. Here a request is parsed and then kept only if its name is on the
allow-list (see session_env) and its value is short; after ``max_requests`` requests on one
channel the rest are refused unread. This is the one place that relies on asyncssh's
internals (the ``_process_env_request`` handler and the ``_env`` mapping behind
``SSHServerChannel.get_environment``; a process's attributes in :func:`release`);
tests/serve/test_serve_memory.py fails loudly if an asyncssh release changes them.
"""

from __future__ import annotations

import asyncio
from typing import Any, cast

import asyncssh

from tui.serve.session_env import allowed_env_name

MAX_NAME = 64  # bytes: every allow-listed name is far shorter


class BoundedEnvChannel(asyncssh.SSHServerChannel[bytes]):  # type: ignore[misc]
    """An SSHServerChannel whose env requests are counted, filtered and size-capped."""

    max_requests = 64
    max_value = 256
    env_requests = 0

    @classmethod
    def adopt(
        cls, channel: asyncssh.SSHServerChannel[bytes], max_requests: int, max_value: int
    ) -> BoundedEnvChannel:
        """Turn a channel made by ``create_server_channel`` into a bounded one."""
        channel.__class__ = cls
        bounded = cast(BoundedEnvChannel, channel)
        bounded.max_requests, bounded.max_value = max_requests, max_value
        bounded.env_requests = 0
        return bounded

    def _process_env_request(self, packet: Any) -> bool:
        self.env_requests += 1
        if self.env_requests > self.max_requests:
            return False  # not even parsed
        name = packet.get_string()
        value = packet.get_string()
        packet.check_end()
        if len(name) > MAX_NAME or len(value) > self.max_value:
            return False
        try:
            text = name.decode("ascii")
        except UnicodeDecodeError:
            return False
        if not allowed_env_name(text):
            return False
        self._env[name] = value
        return True


async def release(process: asyncssh.SSHServerProcess[bytes], timeout: float) -> None:
    """Once a session's channel has closed, break asyncssh's reference cycles around it.

    An SSHServerProcess refers to itself (its own bound ``_start_process``, and readers and
    writers that point back at it), so a closed channel, its process and whatever they hold
    would wait for the cyclic garbage collector, which runs rarely in a server that
    allocates little. Emptying the process's attributes after the close frees them at once.
    A channel that does not close within ``timeout`` (a client that never answers) is left
    to the collector.
    """
    try:
        await asyncio.wait_for(process.wait_closed(), timeout)
    except (asyncio.TimeoutError, OSError, asyncssh.Error):
        return
    vars(process).clear()
