"""Fixtures for the serve-ssh tests: keys in tmp_path, servers on 127.0.0.1 with a free port."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from tui.serve.server import Server, start_server

from .helpers import Keys, ServerFactory, make_keys, serve_config


@pytest.fixture
def keys(tmp_path: Path) -> Keys:
    return make_keys(tmp_path / "keys")


@pytest_asyncio.fixture
async def make_server(keys: Keys) -> AsyncIterator[ServerFactory]:
    """make_server(**config overrides) -> a started Server; all are closed after the test."""
    servers: list[Server] = []

    async def make(**overrides: Any) -> Server:
        server = await start_server(serve_config(keys, **overrides))
        servers.append(server)
        return server

    yield make
    for server in servers:
        await server.close()
        assert not server.children, "a session's child outlived server.close()"
