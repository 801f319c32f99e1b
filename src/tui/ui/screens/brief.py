"""`b`: the one-page brief for the fiscal year and pane in view, to read, copy or save.

The brief comes from the data layer (:mod:`tui.data.brief`), shown as plain text wrapped
to the dialog. Locally `w` saves it atomically (Markdown, HTML or text by the file's
suffix); on a shared server (serve-ssh) nothing is written to the server's disk, and `y`
copies the Markdown with OSC 52 instead.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.data.brief import Brief, build_brief
from tui.data.brief_render import SUFFIXES, render_brief, to_text
from tui.data.facts import Facts
from tui.data.fiscal import fy_label
from tui.ui.actions import app_binding
from tui.ui.screens.dialog import save_typed_path, show_keys

# the brief's topic for each pane; the other panes get the whole picture
PANE_TOPICS = {"exports": "exports", "imports": "imports"}


def topic_for(pane: str) -> str:
    return PANE_TOPICS.get(pane, "all")


class BriefScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,b", "dismiss", "Close"),
        Binding("y", "copy", "Copy as Markdown"),
        Binding("w", "save", "Save…"),
        app_binding("help"),
        Binding("j,down", "scroll(1)", show=False),
        Binding("k,up", "scroll(-1)", show=False),
    ]

    def __init__(self, facts: Facts, fy: int, pane: str, serve_mode: bool = False) -> None:
        super().__init__()
        self.topic = topic_for(pane)
        self.brief: Brief = build_brief(facts, fy, self.topic)
        self.serve_mode = serve_mode
        self.width = 0

    @property
    def default_name(self) -> str:
        return f"pkit-brief-{fy_label(self.brief.fy)}-{self.topic}.md"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="brief-box"):
            yield Static(
                f"Brief: {fy_label(self.brief.fy)}, topic {self.topic}", classes="dialog-title"
            )
            with VerticalScroll(id="brief-scroll"):
                yield Static(id="brief-text")
            yield Input(id="brief-path", placeholder="file name")
            yield Static("", classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#brief-path", Input).display = False
        self.call_after_refresh(self._fill)
        show_keys(self, self.query_one(".dialog-keys", Static))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "save" and self.serve_mode)  # a shared server writes no file

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._fill)

    def _fill(self) -> None:
        """Wrap the text to the dialog's width (bullets keep their hanging indent)."""
        scroll = self.query_one("#brief-scroll", VerticalScroll)
        width = scroll.content_region.width
        if not scroll.show_vertical_scrollbar:  # it appears once the text is in
            width -= scroll.styles.scrollbar_size_vertical
        if width > 0 and width != self.width:
            self.width = width
            self.query_one("#brief-text", Static).update(Text(to_text(self.brief, width)))

    def text(self) -> str:
        """The brief as shown (for tests and copying)."""
        return to_text(self.brief, self.width or 78)

    def action_scroll(self, step: int) -> None:
        self.query_one("#brief-scroll", VerticalScroll).scroll_relative(y=step, animate=False)

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(render_brief(self.brief, "md"))
        self.app.notify("Brief copied as Markdown (OSC 52).")

    def action_save(self) -> None:
        if self.serve_mode:
            self.app.notify("Saving is off on a shared server; y copies the brief instead.")
            return
        box = self.query_one("#brief-path", Input)
        if not box.display:
            box.value = self.default_name
            box.display = True
        box.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not self.is_active or self.serve_mode:
            return

        def content(path: Path) -> str:
            return render_brief(self.brief, SUFFIXES.get(path.suffix.lower(), "md"))

        path = save_typed_path(self.app, event.value, content)
        if path is None:
            return
        form = SUFFIXES.get(path.suffix.lower(), "md")
        self.app.notify(f"Wrote the brief to {path} ({form}).", markup=False)
        self.dismiss(None)
