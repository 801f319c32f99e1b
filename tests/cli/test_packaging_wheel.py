"""The built wheel carries the dataset, the themes and the license (not tests or bench), its
metadata is complete, and an installed copy finds its data from any folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

import tui
from tests.synthdata import REPO_ROOT

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
    built = sorted(wheels.glob("pkit_explorer-*.whl"))
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
    result["wheel"] = str(built[0])
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
    check_wheel_contents(Path(str(result["wheel"])))


def check_wheel_contents(wheel: Path) -> None:
    """Only the package (with its bundled data) and the license; the metadata a registry shows."""
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        dist_info = next(n.split("/")[0] for n in names if n.endswith(".dist-info/METADATA"))
        meta = Parser().parsestr(zf.read(f"{dist_info}/METADATA").decode())
        entry_points = zf.read(f"{dist_info}/entry_points.txt").decode()
    tops = {n.split("/")[0] for n in names}
    assert tops == {"tui", dist_info}, tops
    assert f"{dist_info}/licenses/LICENSE" in names
    assert not [n for n in names if "/tests/" in n or n.startswith(("tests/", "bench/"))]
    # the data package descriptor ships beside the data it describes
    assert "tui/_bundled/data/datapackage.json" in names
    assert meta["Name"] == "pkit-explorer"
    assert meta["Version"] == tui.__version__
    assert meta["License-Expression"] == "MIT"
    assert "pkit = tui.cli.main:main" in entry_points
    classifiers = meta.get_all("Classifier") or []
    for minor in (10, 11, 12, 13):
        assert f"Programming Language :: Python :: 3.{minor}" in classifiers
    urls = meta.get_all("Project-URL") or []
    assert any(u.startswith("Homepage, https://") for u in urls), urls
