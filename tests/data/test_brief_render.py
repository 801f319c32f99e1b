"""The brief as Markdown, text and HTML: parses cleanly, cites by number, cannot be injected."""

from __future__ import annotations

import re
import warnings
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.synthdata import QUOTES, SOURCES, write_dataset
from tui.data import DatasetError, Facts, load_dataset
from tui.data.brief import Brief, build_brief
from tui.data.brief_render import FORMATS, render_brief
from tui.data.record import replace
from tui.locations import bundled_data_dir

SEED_URL = "https://cwpakistan.com/pakistans-it-hardware-exports-lag-as-software-dominates-sector"


@pytest.fixture(scope="module")
def fy25() -> Brief:
    return build_brief(Facts(load_dataset(bundled_data_dir())), 2024, "all")


def markdown_html(text: str) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        md = MarkdownIt("commonmark")
        tokens = md.parse(text)
        assert not [t for t in tokens if t.type == "html_block"]
        inline = [c for t in tokens if t.children for c in t.children]
        assert not [c for c in inline if c.type == "html_inline"]
        return str(md.renderer.render(tokens, md.options, {}))


def numbered_sources(lines: list[str], pattern: str) -> dict[int, str]:
    """Citation number -> its line in the sources list."""
    out = {}
    for line in lines:
        if m := re.match(pattern, line):
            out[int(m.group(1))] = line
    return out


def refs_after(line: str, value: str, ref: str) -> list[int]:
    """The citation numbers right after ``value`` on ``line``."""
    m = re.search(re.escape(value) + r" US\$ million \([^)]*\)((?:\s*" + ref + r")+)", line)
    assert m, f"{value} without a citation in: {line}"
    return [int(n) for n in re.findall(r"\d+", m.group(1))]


def test_markdown_parses_and_cites_the_seed_figures(fy25: Brief) -> None:
    text = render_brief(fy25, "md")
    html = markdown_html(text)
    assert "<h1>pkit brief: FY2024-25 (Jul 2024 to Jun 2025)</h1>" in html
    assert "<strong>Hardware consultancy</strong>, FY2024-25: 7.5 US$ million (SBP) [" in html
    assert "<em>computed +10.3%</em>" in html
    lines = text.splitlines()
    sources = numbered_sources(lines, r"^(\d+)\. ")
    assert len(sources) == len(fy25.citations)
    total = next(ln for ln in lines if "3,810" in ln)
    (n,) = refs_after(total, "3,810", r"\\\[(\d+)\\\]")
    assert fy25.citation(n).url in sources[n]
    hw = next(ln for ln in lines if ln.startswith("- **Hardware consultancy**, FY2024-25"))
    (n,) = refs_after(hw, "7.5", r"\\\[(\d+)\\\]")
    assert SEED_URL in sources[n]
    # every list item under Sources is a link to its URL
    assert html.count(f'<a href="{SEED_URL}">') == 1


def test_text_cites_the_seed_figures(fy25: Brief) -> None:
    text = render_brief(fy25, "text")
    flat = re.sub(r"\n  (?=\S)", " ", text)  # unwrap the bullets' continuation lines
    lines = flat.splitlines()
    sources = numbered_sources(re.sub(r"\n {4,}", " ", text).splitlines(), r"^\[(\d+)\] ")
    sw = next(ln for ln in lines if ln.startswith("- Software consultancy, FY2024-25"))
    (n,) = refs_after(sw, ">1,100", r"\[(\d+)\]")
    assert SEED_URL in sources[n]
    dep = next(ln for ln in lines if "99%" in ln and ln.startswith("- Share of hardware"))
    cited = [int(x) for x in re.findall(r"\[(\d+)\]", dep.split("99%", 1)[1])[:2]]
    assert SEED_URL in sources[cited[0]]
    assert "quotes +9.9%" in flat and "7.5 / 6.8" in flat
    assert all(len(ln) <= 78 or "http" in ln for ln in text.splitlines())


class _Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag in ("script", "link", "img", "iframe", "object", "embed", "audio", "video"):
            self.loads.append(tag)
        if "src" in names or "srcset" in names:
            self.loads.append(f"{tag}[src]")
        if tag == "a":
            self.links.append(names.get("href") or "")


def test_html_is_one_self_contained_file(fy25: Brief) -> None:
    text = render_brief(fy25, "html")
    assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
    parser = _Resources()
    parser.feed(text)
    assert parser.loads == []
    assert "url(" not in text and "@import" not in text
    anchors = {f"#src-{c.number}" for c in fy25.citations}
    assert {h for h in parser.links if h.startswith("#")} == anchors
    assert SEED_URL in parser.links
    assert f'<li id="src-{fy25.citations[0].number}">' in text


HOSTILE = "*bold* _em_ [link](javascript:alert(1)) <script>alert(1)</script> &amp; `code` # h"


@pytest.fixture
def hostile(tmp_path: Path) -> Brief:
    sources = SOURCES.replace('title = "Press report"', 'title = "<b>Press</b> [x](y)"').replace(
        'url = "https://example.org/press"', "url = \"https://example.org/p?a=<b>&c='x'\""
    )
    quotes = QUOTES.replace(
        'text = "Our ICT exports reached 3.8 billion dollars."', f'text = "{HOSTILE}"'
    ).replace('speaker = "A. Minister"', 'speaker = "A. **Minister** <i>x</i>"')
    folder = write_dataset(tmp_path / "ds", sources=sources, quotes=quotes)
    return build_brief(Facts(load_dataset(folder)), 2024, "all")


def test_markdown_escapes_data_text(hostile: Brief) -> None:
    html = markdown_html(render_brief(hostile, "md"))
    assert "<script" not in html and 'href="javascript' not in html
    assert "<a href" not in html.split("<h2>Sources</h2>")[0]  # no link from data text
    assert "https://example.org/p?a=&lt;b&gt;&amp;c='x'" in html  # not a safe link: text
    assert "<code>" not in html and html.count("<h1>") == 1
    # the words are all there, as text
    assert "*bold* _em_ [link](javascript:alert(1)) &lt;script&gt;" in html
    assert "A. **Minister** &lt;i&gt;x&lt;/i&gt;" in html
    assert "&lt;b&gt;Press&lt;/b&gt; [x](y)" in html


def test_html_escapes_data_text_and_links_only_http(hostile: Brief) -> None:
    text = render_brief(hostile, "html")
    assert "<script" not in text and "<i>" not in text and "<b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp;" in text
    parser = _Resources()
    parser.feed(text)
    assert not [h for h in parser.links if not h.startswith(("#", "https://"))]
    assert "https://example.org/p?a=&lt;b&gt;&amp;c=&#x27;x&#x27;</li>" in text  # as text


def test_control_characters_never_reach_the_output(tmp_path: Path) -> None:
    # the loader refuses such text (tui.data.text); the renderers still drop it if it came
    quotes = QUOTES.replace(
        'text = "Our ICT exports reached 3.8 billion dollars."',
        'text = "Our ICT\\u001b[31m exports\\nreached\\u202e 3.8 billion dollars."',
    )
    with pytest.raises(DatasetError, match="U\\+001B"):
        load_dataset(write_dataset(tmp_path / "hostile", quotes=quotes))
    facts = Facts(load_dataset(write_dataset(tmp_path / "ds")))
    first = facts.ds.quotes[0]
    text = "Our ICT\x1b[31m exports\nreached\u202e 3.8 billion dollars."
    facts.ds.quotes[0] = replace(first, text=text)
    brief = build_brief(facts, 2024, "all")
    for form in FORMATS:
        out = render_brief(brief, form)
        assert "\x1b" not in out and "\u202e" not in out
        assert "31m exports reached 3.8 billion dollars." in out


def test_unknown_format_is_refused(fy25: Brief) -> None:
    with pytest.raises(ValueError, match="format 'pdf'"):
        render_brief(fy25, "pdf")
