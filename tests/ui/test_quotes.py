"""The Quotes pane: reported speech, search (/ n N), the filter (F), Enter on a quote."""

from __future__ import annotations

from collections import Counter

import pytest
from textual.widgets import Static

from tui.ui.screens.citation import CitationScreen
from tui.ui.screens.history import HistoryScreen
from tui.ui.screens.quote_filter import QuoteFilter
from tui.ui.widgets.table_search import SearchPrompt

from .helpers import (
    SIZE,
    focused,
    make_app,
    move_to,
    press,
    quotes,
    ready,
    row_cells,
    row_keys,
    rows_of,
    screen_text,
    static_text,
    table,
    until,
)


def quote_haystack(q: dict[str, object]) -> str:
    """The fields the quotes search looks in (text, speaker, role, organisation, outlet, topics)."""
    topics = q.get("topics", [])
    assert isinstance(topics, list)
    fields = [str(q.get(k, "")) for k in ("text", "speaker", "role", "organisation", "outlet")]
    return " ".join([*fields, " ".join(str(t) for t in topics)]).lower()


async def test_reported_statements_are_never_shown_as_quotations() -> None:
    by_id = {str(q["id"]): q for q in quotes()}
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "4")
        qt = table(app, "qu-table")
        detail = app.query_one("#qu-detail", Static)
        keys = row_keys(qt)
        assert keys == list(by_id)
        kinds: Counter[str] = Counter()
        for i, key in enumerate(keys):
            if i:
                await press(pilot, "down")
            assert qt.current_key == key
            q = by_id[key]
            words = str(q.get("text", ""))
            shown = static_text(detail)
            kinds[str(q["kind"])] += 1
            if q["kind"] == "reported":
                assert row_cells(qt, key)["kind"] == "reported"
                if not words:
                    assert "statement reported" in shown
                    continue
                assert "Reported speech" in shown, shown
                assert words in shown
                for mark in ("“", "”", '"'):
                    assert f"{mark}{words}" not in shown, shown
                    assert f"{words}{mark}" not in shown, shown
                assert "Reported speech" in screen_text(app)
            else:
                assert f"“{words}”" in shown
                assert "Reported speech" not in shown
        assert kinds["reported"] > 0 and kinds["direct"] > 0


async def test_slash_searches_quotes_n_and_capital_n_step_and_no_match_is_said(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    every = [str(q["id"]) for q in quotes()]
    expected = [str(q["id"]) for q in quotes() if "chromebook" in quote_haystack(q)]
    assert 0 < len(expected) < len(every)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        said: list[str] = []
        monkeypatch.setattr(app, "notify", lambda message, **kw: said.append(str(message)))
        await press(pilot, "4", "/")
        assert isinstance(app.screen, SearchPrompt)
        await press(pilot, *"Chromebook", "enter")
        qt = table(app, "qu-table")
        assert focused(app) is qt
        assert row_keys(qt) == every  # search moves to the match; it does not filter
        assert qt.current_key == expected[0]
        assert "Next" in screen_text(app)  # n is offered once there is a search
        if len(expected) > 1:
            await press(pilot, "n")
            assert qt.current_key == expected[1]
            await press(pilot, "N")
        assert qt.current_key == expected[0]
        await press(pilot, "/", *"zzqx", "enter")
        assert qt.current_key == expected[0]  # no match: the cursor stays
        assert said == ["No match for 'zzqx'."]


@pytest.mark.parametrize("needle", ["[/", "[b]x", "[/]"])
async def test_search_text_with_brackets_is_shown_literally(
    needle: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: search text with markup brackets never crashes and is shown as typed."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        said: list[tuple[str, object]] = []
        monkeypatch.setattr(app, "notify", lambda m, **kw: said.append((str(m), kw.get("markup"))))
        await press(pilot, "4", "/", *needle, "enter")
        assert app.return_code is None
        assert said == [(f"No match for {needle!r}.", False)]


async def test_capital_f_filters_quotes_by_speaker() -> None:
    people = Counter(str(q["person"]) for q in quotes())
    person, count = people.most_common(1)[0]
    names = {str(q["speaker"]) for q in quotes() if q["person"] == person}
    expected = [str(q["id"]) for q in quotes() if q["person"] == person]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "4", "F")
        screen = app.screen
        assert isinstance(screen, QuoteFilter)
        index = next(i for i, c in enumerate(screen.choices) if c[:2] == ("speaker", person))
        await press(pilot, *["down"] * index)
        label = screen.choices[index][2]
        assert label.endswith(f"({count})")
        assert label in screen_text(app)
        await press(pilot, "enter")
        assert not isinstance(app.screen, QuoteFilter)
        qt = table(app, "qu-table")
        assert row_keys(qt) == expected
        assert {row_cells(qt, k)["speaker"] for k in expected} == names
        assert f"{count} of {len(quotes())} statements" in screen_text(app)
        await press(pilot, "escape")
        assert len(row_keys(qt)) == len(quotes())


async def test_enter_on_a_quote_with_a_claim_opens_the_figure_history() -> None:
    q = next(q for q in quotes() if q.get("claim_series") and q.get("claim_period"))
    claim_series, claim_period = str(q["claim_series"]), str(q["claim_period"])
    published = rows_of(claim_series, claim_period)
    assert published
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "4")
        await move_to(pilot, table(app, "qu-table"), str(q["id"]))
        await press(pilot, "enter")
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert screen.series_id == claim_series
        hist = table(app, "hist-table")
        assert hist.current_key == claim_period
        shown = row_cells(hist, claim_period)["value"]
        assert float(shown.replace(",", "")) in {float(r["value"]) for r in published}
        assert app.fy == 2024  # the figure opens in a dialog: the year never changes
        await press(pilot, "escape")
        assert len(app.screen_stack) == 1


async def test_enter_on_a_quote_without_a_figure_shows_its_source() -> None:
    q = next(q for q in quotes() if not q.get("series") and not q.get("claim_series"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "4")
        await move_to(pilot, table(app, "qu-table"), str(q["id"]))
        await press(pilot, "enter")
        assert isinstance(app.screen, CitationScreen)
        assert str(q["speaker"]) in screen_text(app)
        assert app.fy == 2024


async def test_palette_on_the_quotes_pane_lists_quote_commands_with_their_keys() -> None:
    """Regression: the "[/]" key hint of "Search quotes…" was read as markup and crashed."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "4", "ctrl+p", *"quotes")
        await until(pilot, lambda: "Filter quotes…  [F]" in screen_text(app), "quote commands")
        assert "Filter quotes…  [F]" in screen_text(app)
        await press(pilot, "escape")
        assert app.return_code is None and len(app.screen_stack) == 1
