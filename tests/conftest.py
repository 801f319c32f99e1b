"""Shared fixtures for the data-layer and CLI tests: small synthetic datasets in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from synthdata import DatasetFactory, write_dataset
from tui.data import Facts, load_dataset


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
