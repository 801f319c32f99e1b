"""Theme files: parsing, every kind of invalid file, the user folder, fallback, `pkit themes`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.ui.helpers import ready
from tui.cli.main import main
from tui.locations import bundled_data_dir, bundled_themes_dir
from tui.ui.app import Options, PkitApp
from tui.ui.themes import DEFAULT_THEME, load_themes, parse_theme_file

from .helpers import Home

BUNDLED = ("pkit-ansi", "pkit-dark", "pkit-high-contrast", "pkit-light")

VALID = """\
# a user's own theme
name = "mine"
dark = false
ansi = false
primary = "#336699"
secondary = "ansi_cyan"
accent = "rgb(200, 120, 0)"
foreground = "#111111"
background = "#FFFFFF"
surface = "#F0F0F0"
panel = "#E0E0E0"
success = "green"
warning = "#AA6600"
error = "#B00020"
boost = "#00000010"

[variables]
footer-key-foreground = "#336699"
"""

MINIMAL = 'name = "{name}"\nprimary = "#336699"\nbackground = "#000000"\nforeground = "#FFFFFF"\n'


def _without(key: str) -> str:
    return "".join(line + "\n" for line in VALID.splitlines() if not line.startswith(f"{key} ="))


# ---------------------------------------------------------------------------------------------
# parse_theme_file


def test_valid_file_gives_a_theme_with_every_key(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(VALID, encoding="utf-8")
    theme, problems = parse_theme_file(path)
    assert problems == []
    assert theme is not None
    assert theme.name == "mine"
    assert theme.dark is False
    assert theme.ansi is False
    assert theme.primary == "#336699"
    assert theme.secondary == "ansi_cyan"
    assert theme.accent == "rgb(200, 120, 0)"
    assert theme.background == "#FFFFFF"
    assert theme.boost == "#00000010"
    assert theme.variables == {"footer-key-foreground": "#336699"}


def test_byte_order_mark_and_defaults(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.format(name="bom").encode())
    theme, problems = parse_theme_file(path)
    assert problems == []
    assert theme is not None
    assert (theme.name, theme.dark, theme.ansi, theme.variables) == ("bom", True, False, {})


@pytest.mark.parametrize("name", BUNDLED)
def test_every_bundled_theme_parses(name: str) -> None:
    theme, problems = parse_theme_file(bundled_themes_dir() / f"{name}.toml")
    assert problems == []
    assert theme is not None and theme.name == name


INVALID: list[tuple[str, str | bytes, str]] = [
    ("not-utf8", b'name = "caf\xe9"\nprimary = "#000000"\n', "not UTF-8"),
    ("toml-syntax", 'name = "unterminated\nprimary = "#000000"\n', "TOML syntax error"),
    ("no-name", _without("name"), "missing required key 'name'"),
    ("no-primary", _without("primary"), "missing required key 'primary'"),
    ("no-background", _without("background"), "missing required key 'background'"),
    ("no-foreground", _without("foreground"), "missing required key 'foreground'"),
    ("unknown-key", VALID.replace("ansi = false", 'colour = "#FFFFFF"'), "unknown key 'colour'"),
    ("bad-colour", VALID.replace('"#336699"\nsec', '"bluish"\nsec'), "primary = 'bluish'"),
    ("bad-ansi-name", VALID.replace('"ansi_cyan"', '"ansi_cyaan"'), "secondary = 'ansi_cyaan'"),
    ("colour-not-string", VALID.replace('error = "#B00020"', "error = 7"), "error = 7"),
    (
        "variables-not-table",
        VALID.split("[variables]")[0] + 'variables = "#FFFFFF"\n',
        "[variables] must be a table",
    ),
    (
        "variable-not-string",
        VALID + "scrollbar = 3\n",
        "variables.scrollbar must be a string",
    ),
    ("dark-not-bool", VALID.replace("dark = false", 'dark = "no"'), "dark must be true or false"),
    ("ansi-not-bool", VALID.replace("ansi = false", "ansi = 1"), "ansi must be true or false"),
    ("blank-name", VALID.replace('name = "mine"', 'name = "  "'), "name must be a non-empty"),
    ("name-not-string", VALID.replace('name = "mine"', "name = 3"), "name must be a non-empty"),
]


@pytest.mark.parametrize(
    ("content", "expected"), [(c, e) for _, c, e in INVALID], ids=[i for i, _, _ in INVALID]
)
def test_each_kind_of_invalid_file_is_rejected_and_named(
    tmp_path: Path, content: str | bytes, expected: str
) -> None:
    path = tmp_path / "broken.toml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    theme, problems = parse_theme_file(path)
    assert theme is None
    assert problems, "an invalid file must report at least one problem"
    assert all(p.startswith(f"{path}: ") for p in problems), problems
    assert any(expected in p for p in problems), problems


def test_unreadable_file_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    path = tmp_path / "folder.toml"
    path.mkdir()
    theme, problems = parse_theme_file(path)
    assert theme is None
    assert len(problems) == 1 and "cannot be read" in problems[0] and str(path) in problems[0]


def test_every_problem_in_a_file_is_listed(tmp_path: Path) -> None:
    path = tmp_path / "many.toml"
    path.write_text('name = ""\nprimary = "nope"\nbogus = 1\ndark = "x"\n', encoding="utf-8")
    _, problems = parse_theme_file(path)
    text = "\n".join(problems)
    for expected in (
        "missing required key 'background'",
        "missing required key 'foreground'",
        "unknown key 'bogus'",
        "primary = 'nope' is not a colour",
        "dark must be true or false",
        "name must be a non-empty string",
    ):
        assert expected in text


# ---------------------------------------------------------------------------------------------
# load_themes: bundled and user folders


def test_bundled_themes_load_with_their_origin(home: Home) -> None:
    specs, failures = load_themes()
    assert failures == []
    assert sorted(specs) == list(BUNDLED)
    for name, spec in specs.items():
        assert spec.origin == f"bundled: {bundled_themes_dir() / (name + '.toml')}"
        assert spec.theme.name == name
    assert specs["pkit-ansi"].theme.ansi is True
    assert specs["pkit-light"].theme.dark is False


def test_user_folder_comes_from_xdg_config_home(home: Home) -> None:
    path = home.write_theme("mine.toml", VALID)
    specs, failures = load_themes()
    assert failures == []
    assert specs["mine"].origin == f"user: {path}"
    assert set(BUNDLED) < set(specs)


def test_user_theme_overrides_a_bundled_one_of_the_same_name(home: Home) -> None:
    path = home.write_theme("dark.toml", MINIMAL.format(name="pkit-dark"))
    specs, _ = load_themes()
    assert specs["pkit-dark"].origin == f"user: {path}"
    assert specs["pkit-dark"].theme.primary == "#336699"


def test_broken_user_theme_is_skipped_and_named(home: Home) -> None:
    good = home.write_theme("good.toml", VALID)
    bad = home.write_theme("bad.toml", "name = 'bad'\nprimary = 'not a colour'\n")
    home.write_theme("notes.txt", "not a theme at all")  # only *.toml files are themes
    specs, failures = load_themes()
    assert "mine" in specs and specs["mine"].origin == f"user: {good}"
    assert "bad" not in specs
    assert failures and all(f.startswith(f"{bad}: ") for f in failures)
    assert set(BUNDLED) < set(specs)


def test_missing_user_folder_is_fine(home: Home) -> None:
    assert not home.user_themes.exists()
    specs, failures = load_themes()
    assert (sorted(specs), failures) == (list(BUNDLED), [])


def test_explicit_user_dir_argument(tmp_path: Path) -> None:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "x.toml").write_text(MINIMAL.format(name="elsewhere"), encoding="utf-8")
    specs, _ = load_themes(folder)
    assert specs["elsewhere"].origin == f"user: {folder / 'x.toml'}"


# ---------------------------------------------------------------------------------------------
# install_themes through the app: fallback and one notification


def _start(theme: str | None) -> PkitApp:
    return PkitApp(Options(data_dir=bundled_data_dir(), restore=False, theme=theme))


def _warnings(notes: list[tuple[str, dict[str, Any]]]) -> list[str]:
    return [msg for msg, kw in notes if kw.get("severity") == "warning"]


async def test_requested_theme_is_selected(home: Home, notes: list[tuple[str, Any]]) -> None:
    app = _start("pkit-high-contrast")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert app.theme == "pkit-high-contrast"
    assert notes == []


async def test_user_theme_can_be_selected(home: Home) -> None:
    home.write_theme("mine.toml", VALID)
    app = _start("mine")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "mine"
        assert app.current_theme.primary == "#336699"


async def test_default_theme_when_none_requested(home: Home) -> None:
    app = _start(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == DEFAULT_THEME == "pkit-dark"


async def test_broken_user_theme_falls_back_with_one_notification(
    home: Home, notes: list[tuple[str, dict[str, Any]]]
) -> None:
    bad = home.write_theme("mine.toml", VALID.replace('"#336699"\nsec', '"bluish"\nsec'))
    other = home.write_theme("other.toml", "this is not TOML")
    app = _start("mine")  # the user asked for the broken one
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert app.theme == DEFAULT_THEME
        assert app.facts is not None and app.fy is not None, "a broken theme must not stop it"
    warned = _warnings(notes)
    assert len(notes) == 1 and len(warned) == 1, notes
    assert str(bad) in warned[0] and str(other) in warned[0]
    assert "'mine' not found" in warned[0]


async def test_broken_user_theme_is_named_even_when_not_requested(
    home: Home, notes: list[tuple[str, dict[str, Any]]]
) -> None:
    bad = home.write_theme("typo.toml", VALID.replace('"ansi_cyan"', '"ansi_cyaan"'))
    app = _start(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == DEFAULT_THEME
        assert "mine" not in app.available_themes
    assert len(notes) == 1 and str(bad) in notes[0][0]


async def test_unknown_saved_theme_falls_back_to_default(
    home: Home, notes: list[tuple[str, dict[str, Any]]]
) -> None:
    app = _start("deleted-theme")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == DEFAULT_THEME
    assert len(notes) == 1 and "'deleted-theme' not found" in notes[0][0]


# ---------------------------------------------------------------------------------------------
# the command line


def test_pkit_themes_lists_bundled_and_user_themes_with_origin(
    home: Home, capsys: pytest.CaptureFixture[str]
) -> None:
    user = home.write_theme("mine.toml", VALID)
    assert main(["themes"]) == 0
    out, err = capsys.readouterr()
    rows = {line.split()[0]: line.split(None, 1)[1] for line in out.splitlines()}
    assert set(rows) == {*BUNDLED, "mine"}
    for name in BUNDLED:
        assert rows[name] == f"bundled: {bundled_themes_dir() / (name + '.toml')}"
    assert rows["mine"] == f"user: {user}"
    assert err == ""


def test_pkit_themes_names_a_broken_user_theme_and_still_succeeds(
    home: Home, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = home.write_theme("bad.toml", "name = [")
    assert main(["themes"]) == 0
    out, err = capsys.readouterr()
    assert sorted(line.split()[0] for line in out.splitlines()) == list(BUNDLED)
    assert err.startswith(f"skipped: {bad}: TOML syntax error")


def test_unknown_theme_option_exits_2_listing_valid_names(
    home: Home, capsys: pytest.CaptureFixture[str]
) -> None:
    home.write_theme("mine.toml", VALID)
    assert main(["--no-restore", "--force-ui", "--theme", "nosuch"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "nosuch" in err and "unknown theme" in err
    valid = err.split("valid:", 1)[1]
    for name in (*BUNDLED, "mine"):
        assert name in valid
