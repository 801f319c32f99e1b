"""The data layer: loading, validation, analytics and export. No Textual, no Rich."""

from tui.data.facts import Facts, Figure
from tui.data.loader import load_dataset
from tui.data.model import Dataset, Observation, Quote, Series, Source, Statement
from tui.data.problems import DatasetError, Problem

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
