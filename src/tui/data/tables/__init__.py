"""Every table pkit shows or exports, built as :class:`~tui.data.table.Table` (no formatting).

Panes, dialogs and `pkit export` all call these builders, so a table has one set of
columns and rows wherever it appears. One module per pane (``overview``, ``exports``,
``imports``, ``quotes``, ``sources``), the dialogs' tables, and every observation;
``figures`` holds the cells and rows they share.
"""

from __future__ import annotations

from tui.data.tables.dialogs import compare_table, history_table, source_figures_table
from tui.data.tables.exports import exports_columns, exports_table
from tui.data.tables.imports import assembly_table, imports_table
from tui.data.tables.observations import observations_table
from tui.data.tables.overview import overview_table
from tui.data.tables.quotes import quotes_table
from tui.data.tables.sources import conflicts_table, sources_table

__all__ = [
    "assembly_table",
    "compare_table",
    "conflicts_table",
    "exports_columns",
    "exports_table",
    "history_table",
    "imports_table",
    "observations_table",
    "overview_table",
    "quotes_table",
    "source_figures_table",
    "sources_table",
]
