"""Fixtures for every test: a cache folder of its own, small synthetic datasets, a notify spy."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.synthdata import DatasetFactory, write_dataset
from tui.data import Facts, load_dataset


@pytest.fixture(autouse=True)
def isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test (and every pkit it starts) keeps its data snapshots in its own cache folder."""
    cache = tmp_path_factory.mktemp("xdg-cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    return cache


@pytest.fixture
def make_dataset(tmp_path: Path) -> DatasetFactory:
    """Write a dataset (defaults overridable per file) and return its folder."""
    return DatasetFactory(tmp_path / "datasets")


@pytest.fixture
def dataset_dir(tmp_path: Path) -> Path:
    """The default valid synthetic dataset."""
    return write_dataset(tmp_path / "dataset")


@pytest.fixture
def facts(dataset_dir: Path) -> Facts:
    return Facts(load_dataset(dataset_dir))


@pytest.fixture
def notes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dict[str, Any]]]:
    """Every PkitApp.notify call (message, keyword arguments); the toast is still shown."""
    from tui.ui.app import PkitApp

    seen: list[tuple[str, dict[str, Any]]] = []
    original: Callable[..., None] = PkitApp.notify

    def spy(self: PkitApp, message: str, **kwargs: Any) -> None:
        seen.append((message, kwargs))
        original(self, message, **kwargs)

    monkeypatch.setattr(PkitApp, "notify", spy)
    return seen
