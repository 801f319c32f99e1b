"""The brief as a plain document model: sections of entries, each a run of spans, and the
numbered citations they point to (built by :mod:`tui.data.brief`, laid out by
:mod:`tui.data.brief_render`)."""

from __future__ import annotations

from typing import Literal

from tui.data.record import record

SpanKind = Literal["text", "strong", "computed", "quote", "cite"]


@record
class Span:
    """An inline part: plain text, a label, a computed value, quoted words or a citation."""

    kind: SpanKind
    text: str = ""
    ref: int = 0  # the citation number, for kind "cite"


@record
class Citation:
    number: int
    source_id: str
    publisher: str
    date: str
    title: str
    url: str


@record
class Entry:
    """One line of the brief: a figure, a computed ratio, a claim check, a statement or a quote."""

    kind: str  # figure | ratio | claim | statement | quote
    key: str  # series, claim, statement or quote id
    value: str  # the number as shown ("3,810", ">1,100", "99%"); "" when there is none
    spans: tuple[Span, ...]

    @property
    def refs(self) -> list[int]:
        """Citation numbers in order of appearance; the first cites ``value``."""
        return [s.ref for s in self.spans if s.kind == "cite"]


@record
class Section:
    title: str
    entries: tuple[Entry, ...]
    empty: str  # said when there are no entries


@record
class Brief:
    fy: int
    topic: str
    title: str
    intro: tuple[Span, ...]
    sections: tuple[Section, ...]
    citations: tuple[Citation, ...]

    def citation(self, number: int) -> Citation:
        return self.citations[number - 1]

    def entries(self, kind: str | None = None) -> list[Entry]:
        return [e for s in self.sections for e in s.entries if kind is None or e.kind == kind]

    def entry(self, key: str) -> Entry | None:
        return next((e for e in self.entries() if e.key == key), None)
