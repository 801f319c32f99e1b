"""Reading one data file: its text (size, encoding and emptiness checked) or its TOML, and
the problems found in it, reported against its name as the manifest gives it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tui.data.load.lines import Lines
from tui.data.problems import Problem
from tui.data.text import MAX_FILE_BYTES, may_hold_unsafe, text_problem
from tui.data.tomlcompat import tomllib

_TOML_POS = re.compile(r"at line (\d+)")


class DataFile:
    """One file of the dataset: collects its problems and knows where its lines are."""

    def __init__(self, path: Path, shown: str, problems: list[Problem]) -> None:
        self.path = path
        self.shown = shown
        self.problems = problems
        self.lines = Lines()
        self.unsafe = False  # the file may hold characters the text rule refuses

    def add(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.shown, line, message))

    def check_text(self, line: int, field: str, value: object) -> None:
        """Report text that breaks the one text rule (see tui.data.text), in any nesting."""
        stack = [(field, value)]
        while stack:
            name, item = stack.pop()
            if isinstance(item, str):
                problem = text_problem(name, item)
                if problem:
                    self.add(line, problem)
            elif isinstance(item, list):
                stack.extend((name, x) for x in reversed(item))
            elif isinstance(item, dict):
                stack.extend((f"{name}.{k}", x) for k, x in reversed(item.items()))

    def read_text(self) -> str | None:
        """The file's text with line ends made ``\\n``; None (and the problem) if unusable."""
        raw = self._read_bytes()
        if raw is None:
            return None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            where = f"byte 0x{raw[exc.start]:02x} at offset {exc.start}"
            self.add(line, f"bytes are not UTF-8 ({where})")
            return None
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        self.unsafe = may_hold_unsafe(raw)
        if not text.strip():
            self.add(0, "file is empty")
            return None
        self.lines = Lines(text.split("\n"))
        return text

    def _read_bytes(self) -> bytes | None:
        if not self.path.exists():
            self.add(0, "file is missing")
            return None
        if self.path.is_dir():
            self.add(0, "is a folder, expected a file")
            return None
        try:
            size = self.path.stat().st_size
            if size > MAX_FILE_BYTES:
                self.add(0, f"is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
                return None
            return self.path.read_bytes()
        except OSError as exc:
            self.add(0, f"cannot be read: {exc.strerror or exc}")
            return None

    def read_toml(self) -> dict[str, Any] | None:
        """The file parsed as TOML; None (and the problem, with its line) if it is not."""
        text = self.read_text()
        if text is None:
            return None
        try:
            return tomllib.loads(text)
        except RecursionError:  # tomllib parses nested arrays and tables recursively
            self.add(0, "values are nested too deeply (arrays or tables inside one another)")
            return None
        except tomllib.TOMLDecodeError as exc:
            msg = str(exc)
            m = _TOML_POS.search(msg)
            line = int(m.group(1)) if m else 0
            msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg)
            msg = re.sub(r"\s*\(at end of document\)", " (at end of file)", msg)
            self.add(line, f"TOML syntax error: {msg}")
            return None
