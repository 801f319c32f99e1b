"""Tests of the data layer (tui.data): loading, validation, figures, exports, snapshots."""
