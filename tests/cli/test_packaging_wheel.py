"""The built wheel carries the dataset and the themes, and finds them from any folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from synthdata import REPO_ROOT

PROBE = """
import json
from tui.locations import bundled_data_dir, bundled_themes_dir
import tui
data, themes = bundled_data_dir(), bundled_themes_dir()
print(json.dumps({
    "package": tui.__file__,
    "data": str(data),
    "manifest": (data / "manifest.toml").is_file(),
    "observations": (data / "observations.csv").is_file(),
    "themes": str(themes),
    "themes_is_dir": themes.is_dir(),
}))
"""


def build_and_probe(project: Path, tmp_path: Path) -> dict[str, object]:
    """Build a wheel of ``project``, install it into a bare folder, run the probe elsewhere."""
    wheels, target, elsewhere = tmp_path / "wheels", tmp_path / "site", tmp_path / "elsewhere"
    elsewhere.mkdir()
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    build = subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(project)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert build.returncode == 0, build.stderr
    built = sorted(wheels.glob("pkit-*.whl"))
    assert len(built) == 1, [p.name for p in wheels.iterdir()]
    install = subprocess.run(
        [*pip, "install", "--no-deps", "--no-index", "--target", str(target), str(built[0])],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert install.returncode == 0, install.stderr
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(target)
    # -S: no site-packages, so neither an editable install nor a .pth file can supply `tui`;
    # the probe imports only the standard library and tui.locations
    probe = subprocess.run(
        [sys.executable, "-S", "-c", PROBE],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        timeout=120,
    )
    assert probe.returncode == 0, probe.stderr
    result: dict[str, object] = json.loads(probe.stdout)
    result["target"] = str(target)
    return result


@pytest.mark.slow
@pytest.mark.skipif(
    not (REPO_ROOT / "data" / "manifest.toml").exists(),
    reason="the bundled dataset is not complete yet (data/manifest.toml missing)",
)
def test_installed_wheel_finds_bundled_data_and_themes(tmp_path: Path) -> None:
    result = build_and_probe(REPO_ROOT, tmp_path)
    target = Path(str(result["target"])).resolve()
    assert Path(str(result["package"])).resolve().is_relative_to(target)
    data = Path(str(result["data"])).resolve()
    assert data.is_relative_to(target), data
    assert data == target / "tui" / "_bundled" / "data"
    assert result["manifest"] is True
    assert result["observations"] is True
    assert Path(str(result["themes"])).resolve() == target / "tui" / "_bundled" / "themes"
    assert result["themes_is_dir"] is True
