"""constraints.txt (the lock `make test` installs from) pins every dependency and extra of
pyproject.toml, each within its declared range; a stale lock fails here, not on CI."""

from __future__ import annotations

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.synthdata import REPO_ROOT
from tui.data.tomlcompat import tomllib

STALE = "constraints.txt is stale: run `make lock` and commit constraints.txt"


def locked_versions() -> dict[str, list[Version]]:
    pins: dict[str, list[Version]] = {}
    for line in (REPO_ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        req = Requirement(line)
        (spec,) = req.specifier  # every line is a pin: name==version [; marker]
        assert spec.operator == "==", line
        pins.setdefault(canonicalize_name(req.name), []).append(Version(spec.version))
    return pins


def declared() -> list[Requirement]:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = [Requirement(r) for r in project["dependencies"]]
    for extra in project.get("optional-dependencies", {}).values():
        reqs += [Requirement(r) for r in extra]
    return reqs


def test_lock_pins_every_declared_dependency_within_its_range() -> None:
    pins = locked_versions()
    for req in declared():
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is not in constraints.txt. {STALE}"
        inside = [v for v in pins[name] if req.specifier.contains(v, prereleases=True)]
        assert inside, f"{req} admits none of the locked {pins[name]}. {STALE}"
