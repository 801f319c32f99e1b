"""The data layer: loading, validation, analytics and export. No Textual, no Rich.

The names below are imported on first use, so that ``import tui.data.facts`` (say, to read
a snapshot) does not import the loader and its TOML parser too.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.data.facts import Facts, Figure
    from tui.data.load.dataset import load_dataset
    from tui.data.model import Dataset, Observation, Quote, Series, Source, Statement
    from tui.data.problems import DatasetError, Problem

_HOME = {
    "Facts": "facts",
    "Figure": "facts",
    "load_dataset": "load.dataset",
    "Dataset": "model",
    "Observation": "model",
    "Quote": "model",
    "Series": "model",
    "Source": "model",
    "Statement": "model",
    "DatasetError": "problems",
    "Problem": "problems",
}

__all__ = [
    "Dataset",
    "DatasetError",
    "Facts",
    "Figure",
    "Observation",
    "Problem",
    "Quote",
    "Series",
    "Source",
    "Statement",
    "load_dataset",
]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'tui.data' has no attribute {name!r}")
    return getattr(import_module(f"tui.data.{home}"), name)
