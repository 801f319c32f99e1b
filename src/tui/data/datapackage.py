"""The dataset's Frictionless data package descriptor (``datapackage.json``).

The descriptor is derived from the dataset and the model: the Table Schema of
observations.csv (types, enums, the period pattern, the primary key) and two small inline
resources holding the source and series ids that its foreign keys point to (sources.toml and
series.toml are TOML, which Frictionless does not read). ``pkit validate`` compares the file
on disk with the descriptor the files imply and names each line that disagrees;
``python -m tui.data.datapackage [DIR]`` rewrites it after the data change.
"""

from __future__ import annotations

import csv
import difflib
import json
import sys
from pathlib import Path
from typing import Any

from tui.data.load.observations.read import OBS_OPTIONAL, OBS_REQUIRED
from tui.data.model import BASES, QUALIFIERS, STATUSES, Dataset
from tui.data.problems import Problem

FILE = "datapackage.json"
# FY2024-25, FY2024-25/10M, 2024-07, CY2024, CY2025/7M (part-years run 1 to 11 months)
PERIOD_PATTERN = (
    r"^(FY\d{4}-\d{2}(/([1-9]|1[01])M)?|\d{4}-(0[1-9]|1[0-2])|CY\d{4}(/([1-9]|1[01])M)?)$"
)

_DESCRIPTIONS = {
    "series": "a series id from series.toml",
    "period": "FY2024-25 (full fiscal year, Jul-Jun), FY2024-25/10M (first 10 months), "
    "2024-07 (a month), CY2024 (calendar year), CY2025/7M (first 7 months of a calendar year)",
    "value": "the figure exactly as published; empty only when status is missing",
    "qualifier": "empty (exact), > (over), < (under), ~ (around)",
    "unit": "only when the row restates its series unit",
    "source": "a source id from sources.toml",
    "status": "empty or ok (a live value), conflict or rounding (a live value that says how it "
    "relates to other values of its series and period), missing, erratum",
    "preferred": "yes on the one value chosen where sources give different values",
    "reason": "why this value is preferred",
    "note": "anything a reader must know",
    "excerpt": "the verbatim excerpt from the source that holds the figure",
    "basis": "what the figure rests on, when not its source's usual basis",
}


def descriptor(ds: Dataset) -> dict[str, Any]:
    """The descriptor the dataset's files imply."""
    units = sorted({s.unit for s in ds.series.values()})
    fields: list[dict[str, Any]] = []
    for name in _header(ds):
        field: dict[str, Any] = {"name": name, "type": "string"}
        constraints: dict[str, Any] = {}
        if name in ("series", "period", "source"):
            constraints["required"] = True
        if name == "value":
            field["type"] = "number"
        elif name == "period":
            constraints["pattern"] = PERIOD_PATTERN
        elif name == "qualifier":
            constraints["enum"] = [q for q in QUALIFIERS if q]
        elif name == "unit":
            constraints["enum"] = units
        elif name == "status":
            constraints["enum"] = [s for s in STATUSES if s]
        elif name == "preferred":
            constraints["enum"] = ["yes", "no", "true", "false"]
        elif name == "basis":
            constraints["enum"] = list(BASES)
        field["description"] = _DESCRIPTIONS[name]
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    return {
        "name": "pkit-pakistan-it-trade",
        "title": ds.manifest.name,
        "version": ds.manifest.version,
        "description": "Pakistan's IT trade as published: one row per figure with its source. "
        "See README.md; sources.toml, series.toml, quotes.toml, statements.toml and "
        "claims.toml hold the metadata.",
        "resources": [
            {
                "name": "observations",
                "path": ds.manifest.file("observations"),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": fields,
                    "missingValues": [""],
                    "primaryKey": ["series", "period", "source"],
                    "foreignKeys": [
                        {"fields": "source", "reference": {"resource": "sources", "fields": "id"}},
                        {"fields": "series", "reference": {"resource": "series", "fields": "id"}},
                    ],
                },
            },
            _ids("sources", "the source ids of sources.toml", list(ds.sources)),
            _ids("series", "the series ids of series.toml", list(ds.series)),
        ],
    }


def _header(ds: Dataset) -> list[str]:
    """The columns of observations.csv in file order (the Table Schema follows the file)."""
    path = ds.root / ds.manifest.file("observations")
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            header = next(csv.reader(fh), [])
    except OSError:
        header = []
    known = OBS_REQUIRED + OBS_OPTIONAL
    cols = [c.strip() for c in header if c.strip() in known]
    return cols or list(known)


def _ids(name: str, description: str, ids: list[str]) -> dict[str, Any]:
    return {
        "name": name,
        "description": description,
        "data": [{"id": i} for i in ids],
        "schema": {"fields": [{"name": "id", "type": "string"}], "primaryKey": ["id"]},
    }


def render(ds: Dataset) -> str:
    return json.dumps(descriptor(ds), ensure_ascii=False, indent=2) + "\n"


def check(ds: Dataset) -> list[Problem]:
    """Each line of ``datapackage.json`` that disagrees with the files (none if it is absent)."""
    path = ds.root / FILE
    if not path.exists():
        return []
    try:
        actual = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n")
    except (OSError, UnicodeDecodeError) as exc:
        return [Problem(FILE, 0, f"cannot be read: {exc}")]
    expected = render(ds).split("\n")
    out: list[Problem] = []
    matcher = difflib.SequenceMatcher(a=actual, b=expected, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            continue
        want = " / ".join(s.strip() for s in expected[b0:b1] if s.strip())[:160]
        if op == "insert":
            line = min(a0 + 1, len(actual))
            out.append(Problem(FILE, line, f"the files imply a line here: {want}"))
            continue
        for n in range(a0, a1):
            have = actual[n].strip()[:100]
            what = f"; the files imply: {want}" if op == "replace" and want else ""
            out.append(Problem(FILE, n + 1, f"{have!r} disagrees with the data files{what}"))
    if out:
        out.append(Problem(FILE, 0, "rewrite it with: python -m tui.data.datapackage DATA_FOLDER"))
    return out


def main(argv: list[str] | None = None) -> int:
    from tui.data import DatasetError, load_dataset

    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path("data")
    try:
        ds = load_dataset(root)
    except DatasetError as exc:
        print(exc, file=sys.stderr)
        return 2
    (root / FILE).write_text(render(ds), encoding="utf-8")
    print(f"wrote {root / FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
