"""The one action registry: it feeds the key bindings, the help screen and the command palette."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class Action:
    id: str
    keys: str  # comma-separated Textual key names
    action: str  # Textual action string on the app
    title: str  # shown in the palette and help
    help: str  # one line of explanation
    footer: str = ""  # short footer label; empty = not in the footer
    panes: tuple[str, ...] = ()  # panes where it matters (empty = everywhere)
    palette: bool = True
    bind: bool = True  # False: handled by a widget (e.g. Enter on a table row)

    @property
    def display_keys(self) -> str:
        names = {
            "left_square_bracket": "[",
            "right_square_bracket": "]",
            "question_mark": "?",
            "slash": "/",
            "ctrl+p": "ctrl+p",
            "shift+tab": "shift+tab",
        }
        return " ".join(names.get(k, k) for k in self.keys.split(","))


PANES = ("overview", "exports", "imports", "quotes", "sources")
PANE_TITLES = {
    "overview": "1 Overview",
    "exports": "2 Exports",
    "imports": "3 Imports",
    "quotes": "4 Quotes",
    "sources": "5 Sources",
}

ACTIONS: tuple[Action, ...] = (
    Action(
        "pane-overview",
        "1",
        "show_pane('overview')",
        "Go to Overview",
        "Headline figures for the fiscal year",
    ),
    Action(
        "pane-exports",
        "2",
        "show_pane('exports')",
        "Go to Exports",
        "Category tree of ICT services exports",
    ),
    Action(
        "pane-imports",
        "3",
        "show_pane('imports')",
        "Go to Imports",
        "Hardware imports and local assembly",
    ),
    Action(
        "pane-quotes",
        "4",
        "show_pane('quotes')",
        "Go to Quotes",
        "What industry and government voices say",
    ),
    Action(
        "pane-sources",
        "5",
        "show_pane('sources')",
        "Go to Sources",
        "Sources register and conflicts",
    ),
    Action("next-pane", "tab", "next_pane", "Next pane", "Cycle to the next pane", palette=False),
    Action(
        "prev-pane",
        "shift+tab",
        "prev_pane",
        "Previous pane",
        "Cycle to the previous pane",
        palette=False,
    ),
    Action(
        "fy-prev",
        "left_square_bracket",
        "step_fy(-1)",
        "Previous fiscal year",
        "Step the fiscal year back",
    ),
    Action(
        "fy-next",
        "right_square_bracket",
        "step_fy(1)",
        "Next fiscal year",
        "Step the fiscal year forward",
    ),
    Action(
        "fy-pick",
        "f",
        "pick_fy",
        "Set fiscal year…",
        "Pick the fiscal year for every pane",
        footer="Year",
    ),
    Action(
        "compare",
        "c",
        "compare",
        "Compare two fiscal years…",
        "Side by side: change, % change, share in points",
        footer="Compare",
    ),
    Action(
        "source",
        "s",
        "show_source",
        "Show source of the highlighted figure",
        "Title, publisher, date, URL, basis, alternatives",
        footer="Source",
    ),
    Action(
        "open",
        "enter",
        "open_row",
        "Open highlighted row",
        "History of a category; the figure a quote is about",
        palette=False,
        bind=False,
    ),
    Action(
        "search",
        "slash",
        "search",
        "Search quotes…",
        "Search quote text, speakers and organisations",
        footer="Search",
        panes=("quotes",),
    ),
    Action(
        "filter",
        "F",
        "quote_filter",
        "Filter quotes…",
        "Filter by speaker, organisation or topic",
        footer="Filter",
        panes=("quotes",),
    ),
    Action(
        "toggle",
        "space",
        "toggle_row",
        "Expand or collapse category",
        "Expand or collapse the highlighted category",
        footer="Fold",
        panes=("exports",),
    ),
    Action(
        "export",
        "e",
        "export_view",
        "Export this view…",
        "Save or copy the current view as CSV or Markdown, with sources",
        footer="Export",
    ),
    Action(
        "brief",
        "b",
        "show_brief",
        "Brief for this year…",
        "One page for the year and pane: figures, checks, statements, quotes, numbered sources",
        footer="Brief",
    ),
    Action(
        "theme", "t", "pick_theme", "Change theme…", "Switch colour theme (previews as you move)"
    ),
    Action("help", "question_mark", "help", "Help: keys", "List every key", footer="Help"),
    Action(
        "palette",
        "ctrl+p",
        "command_palette",
        "Command palette",
        "Run any command by name",
        palette=False,
    ),
    Action("quit", "q", "quit", "Quit", "Leave pkit", footer="Quit"),
)


def bindings() -> list[BindingType]:
    """Textual bindings for every action; footer labels only where they matter."""
    out: list[BindingType] = []
    for a in ACTIONS:
        if not a.bind:
            continue
        out.append(
            Binding(
                a.keys,
                a.action,
                a.footer or a.title,
                show=bool(a.footer),
                id=a.id,
                # tab and shift+tab would otherwise move focus (Screen bindings come first)
                priority=a.id in ("next-pane", "prev-pane"),
            )
        )
    return out


def by_id(action_id: str) -> Action:
    return next(a for a in ACTIONS if a.id == action_id)
