"""What ``pkit --help`` adds to argparse: an example per subcommand, the environment variables,
and shell completion (argcomplete) for bash, zsh and fish."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Any

# Every subcommand has at least one example; a test checks that none is missing.
EXAMPLES: dict[str, tuple[str, ...]] = {
    "validate": (
        "pkit validate                    # the bundled dataset",
        "pkit validate ~/my-data          # exit 2 with every problem as file:line",
    ),
    "summary": (
        "pkit summary --fy 2023-24",
        "pkit summary --format md > summary.md",
        "pkit summary --format json | jq '.tables[0].rows'",
    ),
    "export": (
        "pkit export --table exports --fy 2024-25 -o exports.csv",
        "pkit export --table sources --format json -o -        # stdout",
        "pkit export --table imports --format xlsx -o imports.xlsx",
        "pkit export --table quotes --excel-csv -o quotes.csv  # UTF-8 with a BOM, for Excel",
    ),
    "brief": (
        "pkit brief --fy 2024-25                               # plain text on stdout",
        "pkit brief --fy 2024-25 --topic hardware -o brief.md  # Markdown (by the suffix)",
        "pkit brief --topic exports -o brief.html              # one self-contained HTML file",
    ),
    "themes": ("pkit themes",),
    "serve-ssh": (
        "pkit serve-ssh --authorized-keys ~/.ssh/authorized_keys --port 2222",
        "pkit serve-ssh --host 0.0.0.0 --allow-any-key --max-sessions 8   # a kiosk",
    ),
    "completions": (
        "pkit completions bash > ~/.local/share/bash-completion/completions/pkit",
        "pkit completions zsh > ~/.zfunc/_pkit",
        "pkit completions fish > ~/.config/fish/completions/pkit.fish",
    ),
}

MAIN_EXAMPLES = (
    "pkit                              # the explorer (needs a terminal)",
    "pkit --fy 2023-24 --theme pkit-light",
    "pkit summary | less",
)

ENVIRONMENT = (
    ("NO_COLOR", "any value: no colours (https://no-color.org)"),
    ("LANG, LC_ALL, LC_CTYPE", "a locale that is not UTF-8 turns on plain ASCII drawing"),
    ("SSH_CONNECTION", "set (over SSH): animations off, as with --low-bandwidth"),
    ("PKIT_PRELOAD", "0: load the dataset in the app's own process, no loader process"),
    ("PKIT_FORCE_UI", "1: start the explorer even when stdin or stdout is not a terminal"),
    ("XDG_CONFIG_HOME", "user themes in $XDG_CONFIG_HOME/pkit/themes (default ~/.config)"),
    ("XDG_STATE_HOME", "preferences in $XDG_STATE_HOME/pkit (default ~/.local/state)"),
    ("XDG_CACHE_HOME", "validated-data snapshot in $XDG_CACHE_HOME/pkit (default ~/.cache)"),
    ("TEXTUAL_DRIVER", "set by textual-serve and similar hosts: no terminal is needed"),
)

SHELLS = ("bash", "zsh", "fish")


def _examples(lines: tuple[str, ...]) -> str:
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


def environment_text() -> str:
    width = max(len(name) for name, _ in ENVIRONMENT)
    rows = [f"  {name:<{width}}  {text}" for name, text in ENVIRONMENT]
    return "environment variables:\n" + "\n".join(rows)


def add_completions_command(sub: Any) -> None:
    """``pkit completions SHELL`` (``sub``: the parser's subcommands)."""
    p = sub.add_parser(
        "completions",
        help="print the shell completion script for bash, zsh or fish",
        description="Print a completion script for your shell (made by argcomplete). "
        "Save it where your shell looks (see the examples), then open a new shell.",
    )
    p.add_argument("shell", choices=SHELLS, help="the shell to complete in")


def completion_script(shell: str) -> str:
    from argcomplete.shell_integration import shellcode

    return str(shellcode(["pkit"], shell=shell))


def finish(
    parser: argparse.ArgumentParser, commands: Mapping[str, argparse.ArgumentParser]
) -> None:
    """Examples under every subcommand's help, examples and environment under ``pkit --help``."""
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = _examples(MAIN_EXAMPLES) + "\n\n" + environment_text()
    for name, command in commands.items():
        command.formatter_class = argparse.RawDescriptionHelpFormatter
        if name in EXAMPLES:
            command.epilog = _examples(EXAMPLES[name])


def autocomplete(parser: argparse.ArgumentParser) -> None:
    """Answer a completion request from the shell (argcomplete sets _ARGCOMPLETE) and exit;
    otherwise return at once."""
    import os

    if "_ARGCOMPLETE" not in os.environ:
        return
    import argcomplete

    argcomplete.autocomplete(parser)
