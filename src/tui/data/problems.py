"""Problems found while loading a dataset, reported as ``file:line: what is wrong``."""

from __future__ import annotations

from tui.data.record import record
from tui.data.text import printable


@record(order=True)
class Problem:
    """One thing wrong with a dataset, where it is (line 0: the whole file)."""

    file: str
    line: int  # 0 when the problem concerns the whole file
    message: str

    def __post_init__(self) -> None:
        # a message may quote file content (a file name from manifest.toml, a pandas or TOML
        # parser message): nothing in it may reach a terminal as a control sequence
        object.__setattr__(self, "file", printable(self.file))
        object.__setattr__(self, "message", printable(self.message))

    def __str__(self) -> str:
        return (
            f"{self.file}:{self.line}: {self.message}"
            if self.line
            else f"{self.file}: {self.message}"
        )


class DatasetError(Exception):
    """A dataset that failed validation; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))
