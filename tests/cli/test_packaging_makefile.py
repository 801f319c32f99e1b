"""The Makefile removes a .venv that a failed first run left without pip, or that another
Python made, before it makes one; `make -n` shows the plan without installing anything."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.synthdata import REPO_ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def plan(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    for name in ("Makefile", "pyproject.toml", "constraints.txt"):
        shutil.copy(REPO_ROOT / name, folder / name)
    return subprocess.run(
        ["make", "-n", "run", f"PYTHON={sys.executable}", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_venv_without_pip_is_made_anew(tmp_path: Path) -> None:
    venv.create(tmp_path / ".venv", with_pip=False)  # what `python3 -m venv` leaves without
    done = plan(tmp_path)  # Debian's python3-venv
    assert done.returncode == 0, done.stderr
    assert "removing .venv and making it anew: its Python or its pip does not run" in done.stdout
    assert not (tmp_path / ".venv").exists()
    assert f"{sys.executable} -m venv .venv" in done.stdout


def test_a_venv_of_another_python_is_made_anew(tmp_path: Path) -> None:
    venv.create(tmp_path / ".venv", with_pip=False)
    fake = tmp_path / ".venv" / "bin" / "python"
    fake.unlink()
    # a "python" that has pip but reports another version than the one make is asked to use
    fake.write_text(
        '#!/bin/sh\ncase "$*" in *version_info*) echo 3 99;; *) exit 0;; esac\n',
        encoding="utf-8",
    )
    fake.chmod(0o755)
    done = plan(tmp_path)
    assert "it was made with another Python" in done.stdout, done.stdout
    assert not (tmp_path / ".venv").exists()


def test_a_healthy_venv_is_kept(tmp_path: Path) -> None:
    venv.create(tmp_path / ".venv", with_pip=True, symlinks=True)
    done = plan(tmp_path)
    assert done.returncode == 0, done.stderr
    assert "removing .venv" not in done.stdout
    assert (tmp_path / ".venv" / "bin" / "python").exists()
    assert "pip install --quiet -c constraints.txt -e ." in done.stdout
