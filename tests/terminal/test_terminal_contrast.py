"""The high-contrast theme meets WCAG AA (4.5:1) for text, computed from its TOML file."""

from __future__ import annotations

import pytest

from tui.data.tomlcompat import tomllib
from tui.locations import bundled_themes_dir

AA = 4.5


def _channel(c: int) -> float:
    s = c / 255
    return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of ``#RRGGBB``."""
    h = hex_colour.lstrip("#")
    assert len(h) == 6, f"expected #RRGGBB, got {hex_colour!r}"
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _theme() -> dict[str, object]:
    path = bundled_themes_dir() / "pkit-high-contrast.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


def test_contrast_formula_matches_known_values() -> None:
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#777777") == pytest.approx(1.0)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # the AA grey
    assert contrast("#777777", "#FFFFFF") < AA


@pytest.mark.parametrize("key", ["foreground", "primary", "accent"])
def test_text_colours_against_background(key: str) -> None:
    doc = _theme()
    fg, bg = doc[key], doc["background"]
    assert isinstance(fg, str) and isinstance(bg, str)
    ratio = contrast(fg, bg)
    assert ratio >= AA, f"{key} {fg} on background {bg}: {ratio:.2f}:1 < {AA}:1"


@pytest.mark.parametrize(
    "key", ["foreground", "primary", "secondary", "accent", "success", "warning", "error"]
)
@pytest.mark.parametrize("ground", ["background", "surface", "panel"])
def test_every_text_colour_on_every_ground(key: str, ground: str) -> None:
    doc = _theme()
    fg, bg = doc[key], doc[ground]
    assert isinstance(fg, str) and isinstance(bg, str)
    assert contrast(fg, bg) >= AA, f"{key} {fg} on {ground} {bg}"


def test_cursor_and_footer_keys() -> None:
    doc = _theme()
    var = doc["variables"]
    assert isinstance(var, dict)
    assert contrast(var["block-cursor-foreground"], var["block-cursor-background"]) >= AA
    for ground in ("background", "panel"):
        assert contrast(var["footer-key-foreground"], str(doc[ground])) >= AA, ground
