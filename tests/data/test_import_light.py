"""The data layer never imports Textual or Rich (the CLI and the SSH server rely on it)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

MODULES = [
    "tui.data",
    "tui.data.loader",
    "tui.data.facts",
    "tui.data.analytics",
    "tui.data.views",
    "tui.data.export",
    "tui.data.brief",
    "tui.data.brief_render",
    "tui.data.fiscal",
    "tui.data.fmt",
]

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
