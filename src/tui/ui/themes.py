"""Themes from TOML files: the bundled ones in themes/ and the user's in ~/.config/pkit/themes/.

A broken file never stops the app: it is skipped, named in one notification, and the app
falls back to the default theme.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.data.record import record
from tui.data.tomlcompat import tomllib
from tui.locations import bundled_themes_dir, user_themes_dir

if TYPE_CHECKING:
    from textual.app import App
    from textual.theme import Theme

DEFAULT_THEME = "pkit-dark"
COLOR_KEYS = (
    "primary",
    "secondary",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "success",
    "warning",
    "error",
    "boost",
)
REQUIRED = ("name", "primary", "background", "foreground")
KNOWN = set(COLOR_KEYS) | {"name", "dark", "ansi", "variables", "luminosity_spread", "text_alpha"}


@record
class ThemeSpec:
    """A theme and the file it came from."""

    name: str
    origin: str  # "bundled: PATH" or "user: PATH"
    theme: Theme


def _color_ok(value: Any) -> bool:
    from textual.color import Color, ColorParseError

    if not isinstance(value, str):
        return False
    try:  # Color.parse knows the ansi_* names too; a misspelt one must not pass
        Color.parse(value)
    except ColorParseError:
        return False
    return True


def _variable_ok(key: str, value: str) -> bool:
    """Theme variables are colours, except text styles and Textual's own keywords."""
    if key.endswith("-style") or value in ("initial", "auto", "none"):
        return True
    if value.startswith("auto"):
        return True  # "auto 87%"
    return _color_ok(value)


def parse_theme_file(path: Path) -> tuple[Theme | None, list[str]]:
    """Read and validate one theme file; return (theme, problems)."""
    from textual.theme import Theme

    try:
        raw = path.read_bytes().decode("utf-8-sig")
        doc = tomllib.loads(raw)
    except UnicodeDecodeError:
        return None, [f"{path}: not UTF-8"]
    except tomllib.TOMLDecodeError as exc:
        return None, [f"{path}: TOML syntax error: {exc}"]
    except RecursionError:
        return None, [f"{path}: values are nested too deeply"]
    except OSError as exc:
        return None, [f"{path}: cannot be read: {exc.strerror or exc}"]
    problems = [f"{path}: missing required key '{k}'" for k in REQUIRED if k not in doc]
    problems += [f"{path}: unknown key {k!r}" for k in doc if k not in KNOWN]
    for key in COLOR_KEYS:
        if key in doc and not _color_ok(doc[key]):
            problems.append(f"{path}: {key} = {doc[key]!r} is not a colour")
    variables = doc.get("variables", {})
    if not isinstance(variables, dict):
        problems.append(f"{path}: [variables] must be a table")
        variables = {}
    for key, val in variables.items():
        if not isinstance(val, str):
            problems.append(f"{path}: variables.{key} must be a string")
        elif not _variable_ok(str(key), val):
            problems.append(f"{path}: variables.{key} = {val!r} is not a colour")
    for flag in ("dark", "ansi"):
        if flag in doc and not isinstance(doc[flag], bool):
            problems.append(f"{path}: {flag} must be true or false")
    name = doc.get("name")
    if "name" in doc and (not isinstance(name, str) or not name.strip()):
        problems.append(f"{path}: name must be a non-empty string")
    if problems:
        return None, problems
    kwargs = {k: doc[k] for k in COLOR_KEYS if k in doc}
    theme = Theme(
        name=str(name),
        dark=bool(doc.get("dark", True)),
        ansi=bool(doc.get("ansi", False)),
        variables={str(k): str(v) for k, v in variables.items()},
        **kwargs,
    )
    return theme, []


def load_themes(user_dir: Path | None = None) -> tuple[dict[str, ThemeSpec], list[str]]:
    """All themes by name (user files may override bundled ones) and every failure."""
    specs: dict[str, ThemeSpec] = {}
    failures: list[str] = []
    for origin, folder in (
        ("bundled", bundled_themes_dir()),
        ("user", user_dir or user_themes_dir()),
    ):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            theme, problems = parse_theme_file(path)
            if theme is None:
                failures.extend(problems)
                continue
            specs[theme.name] = ThemeSpec(theme.name, f"{origin}: {path}", theme)
    return specs, failures


def install_themes(app: App[Any], wanted: str | None) -> list[str]:
    """Register every theme on ``app`` (from its ``__init__``: not running yet) and select
    ``wanted`` (or the default)."""
    specs, failures = load_themes()
    for spec in specs.values():
        app.register_theme(spec.theme)
    name = wanted or DEFAULT_THEME
    if name not in specs:
        if wanted:
            failures.append(f"theme {wanted!r} not found; using {DEFAULT_THEME}")
        name = DEFAULT_THEME if DEFAULT_THEME in specs else "textual-dark"
    _select_before_start(app, name)
    if failures:
        app.call_later(
            app.notify,
            "Some themes were skipped:\n" + "\n".join(failures[:6]),
            severity="warning",
            timeout=10,
        )
    return failures


def _select_before_start(app: App[Any], name: str) -> None:
    """Select theme ``name`` on an app that has not started.

    Setting ``app.theme`` runs Textual's theme watcher, which queues a refresh that parses
    every CSS rule again and restyles and lays out the whole screen once the app runs: the
    first frame paid for its CSS twice (about 2% of pkit's instructions to it). Before the
    app starts there is nothing parsed or styled yet, so when the theme is as dark and as
    ANSI as Textual's default (the app's colour filter and dark/light class are then already
    right), setting the value and the CSS variables it implies is the whole change. Any
    other theme goes through the watcher, as a later change of theme does.
    """
    from textual.app import App

    before, chosen = app.current_theme, app.get_theme(name)
    if chosen is None or (chosen.dark, chosen.ansi) != (before.dark, before.ansi):
        app.theme = name
        return
    app.set_reactive(App.theme, name)
    app.set_class(True, f"-theme-{name}", update=False)  # as the watcher would
    app.stylesheet.set_variables(app.get_css_variables())


def theme_names() -> list[str]:
    return sorted(load_themes()[0])
