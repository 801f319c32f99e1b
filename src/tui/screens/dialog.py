"""What every dialog shares: q and Esc close it, ? lists its keys, a footer shows them."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", id="close"),
    ]

    def action_close(self) -> None:
        self.dismiss(None)
