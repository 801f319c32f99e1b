"""The one action registry: it feeds the key bindings, the help screen and the command palette."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.binding import Binding, BindingType

from tui.data.record import record

if TYPE_CHECKING:
    from textual.app import App


@record
class Action:
    """One entry of the action registry: keys, where it acts, where it is shown."""

    id: str
    keys: str  # comma-separated Textual key names
    action: str  # Textual action string on the app
    title: str  # shown in the palette and help
    help: str  # one line of explanation
    footer: str = ""  # short footer label; empty = not in the footer
    panes: tuple[str, ...] = ()  # panes where it matters (empty = everywhere)
    palette: bool = True
    scope: str = "app"  # where the binding is declared: app, main (screen), table, exports, quotes


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
        scope="main",
    ),
    Action(
        "pane-exports",
        "2",
        "show_pane('exports')",
        "Go to Exports",
        "Category tree of ICT services exports",
        scope="main",
    ),
    Action(
        "pane-imports",
        "3",
        "show_pane('imports')",
        "Go to Imports",
        "Hardware imports and local assembly",
        scope="main",
    ),
    Action(
        "pane-quotes",
        "4",
        "show_pane('quotes')",
        "Go to Quotes",
        "What industry and government voices say",
        scope="main",
    ),
    Action(
        "pane-sources",
        "5",
        "show_pane('sources')",
        "Go to Sources",
        "Sources register and conflicts",
        scope="main",
    ),
    Action(
        "next-pane",
        "tab",
        "next_pane",
        "Next pane",
        "Cycle to the next pane",
        palette=False,
        scope="main",
    ),
    Action(
        "prev-pane",
        "shift+tab",
        "prev_pane",
        "Previous pane",
        "Cycle to the previous pane",
        palette=False,
        scope="main",
    ),
    Action(
        "fy-prev",
        "left_square_bracket",
        "step_fy(-1)",
        "Previous fiscal year",
        "Step the fiscal year back",
        scope="main",
    ),
    Action(
        "fy-next",
        "right_square_bracket",
        "step_fy(1)",
        "Next fiscal year",
        "Step the fiscal year forward",
        scope="main",
    ),
    Action(
        "fy-pick",
        "f",
        "pick_fy",
        "Set fiscal year…",
        "Pick the fiscal year for every pane",
        footer="Year",
        scope="main",
    ),
    Action(
        "compare",
        "c",
        "compare",
        "Compare two fiscal years…",
        "Side by side: change, % change, share in points",
        footer="Compare",
        scope="main",
    ),
    Action(
        "source",
        "s",
        "cite",
        "Show source of the highlighted figure",
        "Title, publisher, date, URL, basis, alternatives",
        footer="Source",
        scope="table",
    ),
    Action(
        "open",
        "enter",
        "open_row",
        "Open highlighted row",
        "What is below it: a history, a source's figures; else its source",
        footer="Open",
        scope="table",
        palette=False,
    ),
    Action(
        "search",
        "slash",
        "search",
        "Search this table…",
        "Find text in the table; the match is highlighted",
        footer="Search",
        scope="table",
    ),
    Action(
        "next-match",
        "n",
        "next_match",
        "Next match",
        "The next row matching the search",
        footer="Next",
        scope="table",
    ),
    Action(
        "prev-match",
        "N",
        "prev_match",
        "Previous match",
        "The previous row matching the search",
        scope="table",
    ),
    Action(
        "sort",
        "o",
        "sort",
        "Sort by the picked column",
        "Up, down, back to the natural order (left/right pick the column)",
        footer="Sort",
        scope="table",
    ),
    Action(
        "export",
        "e",
        "export",
        "Export this table…",
        "Save or copy the whole table (exact numbers, sources) in any CLI format",
        footer="Export",
        scope="table",
    ),
    Action(
        "filter",
        "F",
        "filter",
        "Filter quotes…",
        "Filter by speaker, organisation or topic",
        footer="Filter",
        panes=("quotes",),
        scope="quotes",
    ),
    Action(
        "clear",
        "escape",
        "clear",
        "Clear the quote filter",
        "Show every statement again",
        panes=("quotes",),
        scope="quotes",
        palette=False,
    ),
    Action(
        "toggle",
        "space",
        "toggle_fold",
        "Expand or collapse category",
        "Expand or collapse the highlighted category",
        footer="Fold",
        panes=("exports",),
        scope="exports",
    ),
    Action(
        "chart-focus",
        "tab",
        "toggle_chart",
        "Chart or table",
        "Move between the chart and its table (the highlighted point is the row)",
        footer="Chart",
        panes=("history",),
        scope="history",
        palette=False,
    ),
    Action(
        "chart-prev",
        "left,h",
        "step(-1)",
        "Previous point",
        "In the chart: the point before (the table row follows)",
        panes=("history",),
        scope="chart",
        palette=False,
    ),
    Action(
        "chart-next",
        "right,l",
        "step(1)",
        "Next point",
        "In the chart: the point after (the table row follows)",
        panes=("history",),
        scope="chart",
        palette=False,
    ),
    Action(
        "chart-source",
        "s",
        "cite",
        "Show source of the highlighted point",
        "In the chart: the source of the point, as in the table",
        footer="Source",
        panes=("history",),
        scope="chart",
        palette=False,
    ),
    Action(
        "brief",
        "b",
        "show_brief",
        "Brief for this year…",
        "One page for the year and pane: figures, checks, statements, quotes, numbered sources",
        footer="Brief",
        scope="main",
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


# Footer hints in order of importance: on a narrow terminal the last go first. Help, quit and
# a dialog's close key always stay; a dialog's own keys (not in the registry) come next.
FOOTER_PINNED = ("help", "quit", "close")
FOOTER_ORDER = (
    "open",
    "source",
    "search",
    "next-match",
    "toggle",
    "filter",
    "fy-pick",
    "compare",
    "export",
    "sort",
    "brief",
    "chart-focus",
    "chart-source",
)


def footer_rank(binding_id: str | None) -> int:
    """0 for keys that always show, 1 for a place's own keys, then the registry's order."""
    if binding_id in FOOTER_PINNED:
        return 0
    if binding_id in FOOTER_ORDER:
        return 2 + FOOTER_ORDER.index(binding_id)
    return 1


def bindings(scope: str = "app") -> list[BindingType]:
    """Textual bindings for the actions of one scope; footer labels only where they matter."""
    out: list[BindingType] = []
    for a in ACTIONS:
        if a.scope != scope:
            continue
        out.append(
            Binding(
                a.keys,
                a.action,
                a.footer or a.title,
                show=bool(a.footer),
                id=a.id,
                # tab and shift+tab would otherwise move focus (Screen bindings come first);
                # the palette opens over dialogs too, as Textual's own binding would
                priority=a.id in ("next-pane", "prev-pane", "palette"),
            )
        )
    return out


def app_binding(action_id: str) -> Binding:
    """An app key declared on a dialog: the app's own bindings do not reach through a modal
    screen, so a dialog that offers ``?`` declares it, running the app's action."""
    a = by_id(action_id)
    return Binding(a.keys, f"app.{a.action}", a.footer or a.title, show=bool(a.footer), id=a.id)


def by_binding(binding_id: str | None, action: str) -> Action | None:
    """The registry entry behind a binding (by its id, else by its action)."""
    for a in ACTIONS:
        if (binding_id and a.id == binding_id) or a.action == action:
            return a
    return None


def by_id(action_id: str) -> Action:
    return next(a for a in ACTIONS if a.id == action_id)


def key_display(app: App[Any], action_id: str) -> str:
    """The first key of a registry action as Textual displays it (for hints in text)."""
    return keys_display(app, by_id(action_id)).split(" ")[0]


def keys_display(app: App[Any], a: Action) -> str:
    """Every key of a registry action as Textual's footer and help show them (``^p``)."""
    return " ".join(app.get_key_display(Binding(k, a.action)) for k in a.keys.split(","))
