"""manifest.toml: the dataset's name and version, the names of its other files, and the
series the analytics use. Read once; its file names are the ones every reader uses."""

from __future__ import annotations

from pathlib import Path

from tui.data.load.fields import as_text
from tui.data.load.files import DataFile
from tui.data.model import DEFAULT_FILES, MANIFEST, Manifest, Series
from tui.data.problems import Problem
from tui.data.text import quoted

# the [analytics] series each default to one of the bundled dataset's ids
_ANALYTICS = {
    "total_series": "ict_exports",
    "software_series": "software_consultancy",
    "hardware_export_series": "hardware_consultancy",
}


def load_manifest(root: Path, problems: list[Problem]) -> tuple[Manifest | None, DataFile]:
    """The manifest (None if it cannot be read at all) and its file, for later checks."""
    file = DataFile(root / MANIFEST, MANIFEST, problems)
    doc = file.read_toml()
    if doc is None:
        return None, file
    for key, value in doc.items():
        file.check_text(file.lines.key(key), key, value)
    analytics = doc.get("analytics", {})
    if not isinstance(analytics, dict):
        file.add(1, "[analytics] must be a table")
        analytics = {}
    manifest = Manifest(
        name=as_text(doc.get("name")) or root.name,
        version=as_text(doc.get("version")),
        files=_files(file, doc.get("files")),
        total_series=_series(analytics, "total_series"),
        software_series=_series(analytics, "software_series"),
        hardware_export_series=_series(analytics, "hardware_export_series"),
        hardware_import_series=_import_series(file, analytics.get("hardware_import_series", [])),
    )
    return manifest, file


def peek_manifest(root: Path) -> Manifest | None:
    """The manifest if it reads without a problem, else None (nothing reported)."""
    problems: list[Problem] = []
    manifest, _ = load_manifest(root, problems)
    return None if problems else manifest


def _files(file: DataFile, table: object) -> dict[str, str]:
    files: dict[str, str] = {}
    if not isinstance(table, dict):
        file.add(1, "missing [files] table")
        return files
    for key in DEFAULT_FILES:
        name = table.get(key)
        if isinstance(name, str) and name:
            files[key] = name
            continue
        line = file.lines.key(key) if key in table else file.lines.section("files")
        file.add(line, f"[files] is missing '{key}'")
    return files


def _import_series(file: DataFile, value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        file.add(
            file.lines.key("hardware_import_series"),
            "[analytics] hardware_import_series must be a list of series ids",
        )
        return ()
    return tuple(x for x in value if isinstance(x, str))


def check_analytics(manifest: Manifest, file: DataFile, series: dict[str, Series]) -> None:
    """The [analytics] series must be in series.toml (unchecked if it failed to load)."""
    if not series:
        return
    for key in _ANALYTICS:
        sid = getattr(manifest, key)
        if sid not in series:
            message = f"[analytics] {key}: unknown series id {quoted(sid)}"
            file.add(file.lines.key(key), message)
    for sid in manifest.hardware_import_series:
        if sid not in series:
            message = f"[analytics] hardware_import_series: unknown series id {quoted(sid)}"
            file.add(file.lines.key("hardware_import_series"), message)


def _series(analytics: dict[str, object], key: str) -> str:
    return as_text(analytics.get(key)) or _ANALYTICS[key]
