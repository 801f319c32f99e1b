"""The data layer never imports Textual or Rich (the CLI and the SSH server rely on it)."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import pytest


def _data_modules() -> list[str]:
    """Every module of the data layer (cite, preload, the loader's parts, ...), found on disk."""
    import tui.data

    found = pkgutil.walk_packages(tui.data.__path__, prefix="tui.data.")
    return ["tui.data", *sorted(info.name for info in found)]


# Static imports are checked by lint-imports (pyproject.toml); this probe also sees what the
# third-party packages the data layer imports bring in at run time.
MODULES = _data_modules()

PROBE = """
import importlib, json, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich"))
print(json.dumps({"heavy": heavy, "loaded": [m for m in sys.argv[1:] if m in sys.modules]}))
"""


@pytest.mark.parametrize(
    "modules", [MODULES, ["tui.data"], ["tui.data.fmt"]], ids=["all", "data", "fmt"]
)
def test_data_layer_does_not_import_textual_or_rich(modules: list[str]) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *modules], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["loaded"] == modules  # the probe really imported them
    assert result["heavy"] == []


def test_every_data_module_is_probed() -> None:
    assert {"tui.data.cite", "tui.data.preload", "tui.data.fmt"} <= set(MODULES)


def test_the_probe_would_notice_rich() -> None:
    """Guard against a probe that cannot fail: importing rich is seen."""
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, "tui.data", "rich.console"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "rich.console" in json.loads(proc.stdout)["heavy"]
