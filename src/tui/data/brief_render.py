"""The brief as Markdown, plain text or one self-contained HTML file.

All data text is escaped for the format (Markdown punctuation backslash-escaped, HTML
entity-escaped) and flattened to one line, so no figure, quote or title can inject markup;
only http(s) URLs become links.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Callable, Iterable

from tui.data.brief_model import Brief, Citation, Span
from tui.data.choices import BRIEF_FORMATS
from tui.data.record import record

FORMATS = BRIEF_FORMATS
SUFFIXES = {".md": "md", ".markdown": "md", ".txt": "text", ".html": "html", ".htm": "html"}
WIDTH = 78

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~!#])")
_URL = re.compile(r"^https?://[^\s<>\"'`]+$")


def clean(text: str) -> str:
    """One line: each whitespace run becomes one space (kept at the ends), controls go."""
    return _SPACES.sub(" ", _CONTROLS.sub("", text))


@record
class _Style:
    """How one format escapes text and marks up each kind of span."""

    escape: Callable[[str], str]
    cite: str  # with {n} for the citation number
    strong: tuple[str, str]
    computed: tuple[str, str]
    quote: tuple[str, str]


def _span(style: _Style, span: Span) -> str:
    if span.kind == "cite":
        return style.cite.format(n=span.ref)
    if span.kind == "text":
        return style.escape(span.text)
    # outer spaces stay outside the markup (Markdown emphasis needs that)
    lead, core, trail = _ends(span.text)
    if not core:
        return lead
    start, end = getattr(style, span.kind)
    return f"{lead}{start}{style.escape(core)}{end}{trail}"


def _join(spans: Iterable[Span], style: _Style) -> str:
    """Render spans in order; a citation gets a space before it unless it follows another."""
    out: list[str] = []
    prev = ""
    for span in spans:
        piece = _span(style, span)
        if span.kind == "cite" and prev != "cite" and out:
            piece = " " + piece
        out.append(piece)
        prev = span.kind
    return "".join(out)


def _safe_url(url: str) -> str | None:
    url = clean(url)
    return url if _URL.match(url) else None


# -- Markdown ------------------------------------------------------------------------------


def md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", clean(text))


def _ends(text: str) -> tuple[str, str, str]:
    """(leading space, the text without outer spaces, trailing space)."""
    core = clean(text)
    lead = " " if core[:1] == " " else ""
    trail = " " if core[-1:] == " " and core.strip() else ""
    return lead, core.strip(), trail


MARKDOWN = _Style(md_escape, "\\[{n}\\]", ("**", "**"), ("*", "*"), ("“", "”"))


def _md_citation(c: Citation) -> str:
    url = _safe_url(c.url)
    link = f"<{url}>" if url else md_escape(c.url)
    return (
        f"{c.number}. {md_escape(c.publisher)}, {md_escape(c.date)}. {md_escape(c.title)}. {link}"
    )


def to_markdown(brief: Brief) -> str:
    lines = [f"# {md_escape(brief.title)}", "", _join(brief.intro, MARKDOWN)]
    for section in brief.sections:
        lines += ["", f"## {md_escape(section.title)}", ""]
        if not section.entries:
            lines.append(md_escape(section.empty))
        lines += [f"- {_join(e.spans, MARKDOWN).strip()}" for e in section.entries]
    lines += ["", "## Sources", ""]
    lines += [_md_citation(c) for c in brief.citations]
    return "\n".join(lines) + "\n"


# -- plain text ----------------------------------------------------------------------------


TEXT = _Style(clean, "[{n}]", ("", ""), ("", ""), ("“", "”"))


def _para(text: str, first: str = "", rest: str = "", width: int = WIDTH) -> list[str]:
    return textwrap.wrap(
        text,
        width,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )


def to_text(brief: Brief, width: int = WIDTH) -> str:
    """Plain text wrapped at ``width`` columns (URLs are never broken)."""
    width = max(width, 20)
    title = clean(brief.title).strip()
    lines = [title, "=" * min(len(title), width), ""]
    lines += _para(_join(brief.intro, TEXT), width=width)
    for section in brief.sections:
        lines += ["", section.title, "-" * min(len(section.title), width)]
        if not section.entries:
            lines += _para(section.empty, width=width)
        for e in section.entries:
            lines += _para(_join(e.spans, TEXT).strip(), "- ", "  ", width)
    lines += ["", "Sources", "-------"]
    for c in brief.citations:
        text = f"{clean(c.publisher)}, {clean(c.date)}. {clean(c.title)}. {clean(c.url)}"
        lines += _para(text, f"[{c.number}] ", " " * (len(str(c.number)) + 3), width)
    return "\n".join(lines) + "\n"


# -- HTML ----------------------------------------------------------------------------------

_CSS = (
    "body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.45}h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:1.6rem}"
    "li{margin:.35rem 0}.computed{font-style:italic}a.cite{text-decoration:none}"
    ".sources li{overflow-wrap:anywhere}"
)


def _h(text: str) -> str:
    return html.escape(clean(text), quote=True)


HTML = _Style(
    _h,
    '<a class="cite" href="#src-{n}">[{n}]</a>',
    ("<strong>", "</strong>"),
    ('<span class="computed">', "</span>"),
    ("<q>", "</q>"),
)


def _html_citation(c: Citation) -> str:
    url = _safe_url(c.url)
    link = f'<a href="{html.escape(url, quote=True)}">{_h(url)}</a>' if url else _h(c.url)
    return (
        f'<li id="src-{c.number}">{_h(c.publisher)}, {_h(c.date)}. '
        f"<cite>{_h(c.title)}</cite>. {link}</li>"
    )


def to_html(brief: Brief) -> str:
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(brief.title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{_h(brief.title)}</h1>",
        f"<p>{_join(brief.intro, HTML)}</p>",
    ]
    for section in brief.sections:
        out.append(f"<h2>{_h(section.title)}</h2>")
        if not section.entries:
            out.append(f"<p>{_h(section.empty)}</p>")
            continue
        out.append("<ul>")
        out += [f"<li>{_join(e.spans, HTML).strip()}</li>" for e in section.entries]
        out.append("</ul>")
    out += ["<h2>Sources</h2>", '<ol class="sources">']
    out += [_html_citation(c) for c in brief.citations]
    out += ["</ol>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


RENDERERS: dict[str, Callable[[Brief], str]] = {
    "text": to_text,
    "md": to_markdown,
    "html": to_html,
}


def render_brief(brief: Brief, form: str) -> str:
    """The brief in one of :data:`FORMATS`."""
    render = RENDERERS.get(form)
    if render is None:
        raise ValueError(f"format {form!r}: use one of {', '.join(FORMATS)}")
    return render(brief)
