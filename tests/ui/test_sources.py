"""The Sources pane: every source, the conflicts, the figures of one source."""

from __future__ import annotations

from collections import defaultdict

from textual.widgets import Static

from tui.data.agreement import CONFLICT, agreement
from tui.ui.screens.source_figures import SourceFigures

from .helpers import (
    SIZE,
    make_app,
    move_to,
    observations,
    press,
    ready,
    row_keys,
    screen_line,
    screen_text,
    sources,
    static_text,
    table,
    toml_file,
)


def expected_conflicts() -> set[str]:
    """series:period keys where the live values of different sources differ beyond rounding."""
    values: dict[tuple[str, str], list[tuple[float, str, str]]] = defaultdict(list)
    for r in observations():
        if r["status"] in ("", "ok", "conflict", "rounding") and r["value"]:
            values[(r["series"], r["period"])].append(
                (float(r["value"]), r["value"], r["qualifier"])
            )
    return {f"{s}:{p}" for (s, p), v in values.items() if agreement(v) == CONFLICT}


async def test_sources_pane_lists_sources_and_conflicts() -> None:
    conflicts = expected_conflicts()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "5")
        so = table(app, "so-table")
        assert set(row_keys(so)) == set(sources())
        cf = table(app, "cf-table")
        assert {k for k in row_keys(cf) if not k.startswith("claim:")} == conflicts
        head = static_text(app.query_one("#so-head", Static))
        assert head.startswith(
            f"{len(sources())} sources · {len(observations())} figures · {len(conflicts)} conflicts"
        )
        text = screen_text(app)
        assert f"{len(conflicts)} conflicts" in screen_line(app, "values kept")
        first = so.current_key
        assert first is not None
        url = str(sources()[first]["url"])
        assert url[:40] in text  # the highlighted source's URL, under the table
        cited = [r for r in observations() if r["source"] == first]
        await press(pilot, "enter")
        assert isinstance(app.screen, SourceFigures)
        assert len(row_keys(table(app, "sf-table"))) == len(cited)
        await press(pilot, "escape")
        assert len(app.screen_stack) == 1


async def test_a_source_without_figures_says_what_it_is_cited_for() -> None:
    cited = {r["source"] for r in observations()}
    wordy = [sid for sid in sources() if sid not in cited]
    assert wordy, "the bundled data has sources cited only for quotes or statements"
    quotes = sum(q["source"] == wordy[0] for q in toml_file("quotes.toml")["quote"])
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "5")
        await move_to(pilot, table(app, "so-table"), wordy[0])
        await press(pilot, "enter")
        assert isinstance(app.screen, SourceFigures)
        assert not table(app, "sf-table").display
        text = screen_text(app)
        assert "No figure in the dataset comes from this source" in text
        if quotes:
            assert f"{quotes} quote" in text
        footer = screen_text(app).splitlines()[-1]
        assert "Source" not in footer and "Export" not in footer  # nothing to cite or export
