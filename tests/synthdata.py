"""Small synthetic pkit datasets written into a temporary folder.

``write_dataset(folder, observations=..., series=...)`` writes the seven dataset files; any
file's content can be replaced (a string), dropped (``None``) or given as raw bytes.
The default dataset is valid and small enough to check figures by hand.
"""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

MANIFEST = """\
name = "synthetic pkit dataset"
version = "test"

[files]
sources = "sources.toml"
series = "series.toml"
observations = "observations.csv"
quotes = "quotes.toml"
statements = "statements.toml"
claims = "claims.toml"

[analytics]
total_series = "ict_exports"
software_series = "software_consultancy"
hardware_export_series = "hardware_consultancy"
hardware_import_series = ["office_machinery_imports"]
"""

SOURCES = """\
[[source]]
id = "src-a"
title = "State bank release"
publisher = "SBP"
date = "2025-07-20"
url = "https://example.org/sbp"
basis = "SBP"

[[source]]
id = "src-b"
title = "Press report"
publisher = "Daily Example"
date = "2025-08-01"
url = "https://example.org/press"
basis = "press"
reliability = "low"

[[source]]
id = "src-c"
title = "PTA handset report"
publisher = "PTA"
date = "2025-02-01"
url = "https://example.org/pta"
basis = "PTA"
"""

SERIES = """\
[[series]]
id = "ict_exports"
name = "ICT exports"
group = "exports"
unit = "US$ million"
order = 0

[[series]]
id = "computer_services"
name = "Computer services"
group = "exports"
parent = "ict_exports"
unit = "US$ million"
order = 10

[[series]]
id = "software_consultancy"
name = "Software consultancy"
group = "exports"
parent = "computer_services"
unit = "US$ million"
order = 10

[[series]]
id = "hardware_consultancy"
name = "Hardware consultancy"
group = "exports"
parent = "computer_services"
unit = "US$ million"
order = 30

[[series]]
id = "telecom_services"
name = "Telecommunication services"
group = "exports"
parent = "ict_exports"
unit = "US$ million"
order = 20

[[series]]
id = "ites"
name = "IT-enabled services"
group = "exports"
parent = "ict_exports"
unit = "US$ million"
order = 30

[[series]]
id = "freelance"
name = "Freelance remittances"
group = "exports"
parent = "ict_exports"
unit = "US$ million"
order = 40

[[series]]
id = "office_machinery_imports"
name = "Office machinery"
group = "imports"
unit = "US$ million"

[[series]]
id = "handsets_assembled"
name = "Handsets assembled locally"
group = "assembly"
unit = "million units"
calendar = "cy"
"""

# line numbers matter to the tests: the header is line 1, the first row line 2
OBSERVATIONS = """\
series,period,value,qualifier,unit,source,status,preferred,reason,note,excerpt
ict_exports,FY2022-23,2600,,,src-a,,,,,
ict_exports,FY2023-24,3223,,,src-a,,,,,
ict_exports,FY2024-25,3800,,,src-a,,,,,"ICT exports reached $3.8 billion"
ict_exports,FY2024-25/4M,1100,,,src-a,,,,,
ict_exports,FY2025-26/4M,1300,,,src-a,,,,,
computer_services,FY2022-23,2108,,,src-a,,,,,
computer_services,FY2023-24,2619,,,src-a,,,,,
computer_services,FY2024-25,3000,,,src-a,,yes,official SBP figure,,
computer_services,FY2024-25,3650,,,src-b,,,,,
software_consultancy,FY2023-24,1500,,,src-a,,,,,
software_consultancy,FY2024-25,1100,>,,src-b,,,,"article says over $1.1bn",
hardware_consultancy,FY2023-24,6.8,,,src-a,,,,,
hardware_consultancy,FY2024-25,7.5,,,src-a,,,,,
telecom_services,FY2023-24,600,,,src-a,,,,,
telecom_services,FY2024-25,500,,,src-a,,,,,
ites,FY2023-24,90,,,src-a,,,,,
ites,FY2023-24/6M,40,,,src-a,,,,,
ites,FY2024-25/6M,50,,,src-a,,,,,
freelance,FY2023-24,20,,,src-b,,,,,
freelance,FY2024-25,,,,src-a,missing,,,not published for FY2024-25,
office_machinery_imports,FY2023-24,350,,,src-a,,,,,
office_machinery_imports,FY2024-25,400,~,,src-a,,,,,
office_machinery_imports,FY2025-26/3M,120,,,src-a,,,,,
office_machinery_imports,2024-07,30,,,src-a,,,,,
handsets_assembled,CY2023,21.9,,,src-c,,,,,
handsets_assembled,CY2024,31.4,,,src-c,,,,,
"""

QUOTES = """\
[[quote]]
id = "minister-total"
speaker = "A. Minister"
person = "a-minister"
role = "Minister for IT"
organisation = "MoITT"
date = "2025-07-21"
outlet = "Daily Example"
source = "src-b"
kind = "direct"
text = "Our ICT exports reached 3.8 billion dollars."
topics = ["exports"]
series = ["ict_exports"]
periods = ["FY2024-25"]
claim_series = "ict_exports"
claim_period = "FY2024-25"
claim_value = 3800.0

[[quote]]
id = "trader-total"
speaker = "B. Trader"
person = "b-trader"
role = "Chair, traders' body"
organisation = "Traders"
date = "date not shown"
outlet = "Daily Example"
source = "src-b"
kind = "reported"
text = "He said exports were about 3.5 billion dollars."
topics = ["exports"]
series = ["ict_exports"]
periods = ["FY2023-24"]
claim_series = "ict_exports"
claim_period = "FY2024-25"
claim_value = 3500.0
"""

STATEMENTS = """\
[[statement]]
id = "hardware-import-dependence"
label = "Share of hardware needs met by imports"
value = 99.0
unit = "%"
items = ["desktops", "laptops"]
sources = ["src-b"]
excerpt = "99% of hardware needs are imported"
"""

CLAIMS = """\
[[claim]]
id = "hw-growth"
series = "hardware_consultancy"
from_period = "FY2023-24"
to_period = "FY2024-25"
quoted_pct = 9.9
source = "src-b"
excerpt = "a 9.9% increase from $6.8 million"

[[claim]]
id = "cs-growth"
series = "computer_services"
from_period = "FY2022-23"
to_period = "FY2023-24"
quoted_pct = 47.43
source = "src-b"

[[claim]]
id = "ict-growth"
series = "ict_exports"
from_period = "FY2023-24"
to_period = "FY2024-25"
quoted_pct = 17.9
source = "src-a"
"""

DEFAULTS: dict[str, str] = {
    "manifest.toml": MANIFEST,
    "sources.toml": SOURCES,
    "series.toml": SERIES,
    "observations.csv": OBSERVATIONS,
    "quotes.toml": QUOTES,
    "statements.toml": STATEMENTS,
    "claims.toml": CLAIMS,
}

# keyword name -> file name
KEYWORDS = {
    "manifest": "manifest.toml",
    "sources": "sources.toml",
    "series": "series.toml",
    "observations": "observations.csv",
    "quotes": "quotes.toml",
    "statements": "statements.toml",
    "claims": "claims.toml",
}

Content = str | bytes | None


class _Unset:
    """Marks a file left at its default content."""


_UNSET = _Unset()


def write_dataset(
    folder: Path,
    *,
    manifest: Content | _Unset = _UNSET,
    sources: Content | _Unset = _UNSET,
    series: Content | _Unset = _UNSET,
    observations: Content | _Unset = _UNSET,
    quotes: Content | _Unset = _UNSET,
    statements: Content | _Unset = _UNSET,
    claims: Content | _Unset = _UNSET,
) -> Path:
    """Write a dataset into ``folder`` (created if needed) and return the folder.

    Each keyword replaces one file: a ``str`` is written as UTF-8 (no newline translation),
    ``bytes`` are written as given, ``None`` leaves the file out.
    """
    folder.mkdir(parents=True, exist_ok=True)
    given: dict[str, Content | _Unset] = {
        "manifest": manifest,
        "sources": sources,
        "series": series,
        "observations": observations,
        "quotes": quotes,
        "statements": statements,
        "claims": claims,
    }
    for key, name in KEYWORDS.items():
        content = given[key]
        if isinstance(content, _Unset):
            content = DEFAULTS[name]
        if content is None:
            continue
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
    return folder


def obs_csv(*rows: str, header: str = "series,period,value,source,status,note") -> str:
    """An observations.csv with the given header and rows (one string each)."""
    return "\n".join((header, *rows)) + "\n"


class DatasetFactory:
    """Writes datasets into numbered sub-folders of one temporary folder.

    ``make(observations=...)`` returns the folder; ``make.row(n)`` is the line of the n-th
    default observation (1-based), so tests need not count lines by hand.
    """

    def __init__(self, base: Path) -> None:
        self.base = base
        self.count = 0

    def __call__(
        self,
        name: str | None = None,
        *,
        manifest: Content | _Unset = _UNSET,
        sources: Content | _Unset = _UNSET,
        series: Content | _Unset = _UNSET,
        observations: Content | _Unset = _UNSET,
        quotes: Content | _Unset = _UNSET,
        statements: Content | _Unset = _UNSET,
        claims: Content | _Unset = _UNSET,
    ) -> Path:
        self.count += 1
        folder = self.base / (name or f"ds{self.count}")
        return write_dataset(
            folder,
            manifest=manifest,
            sources=sources,
            series=series,
            observations=observations,
            quotes=quotes,
            statements=statements,
            claims=claims,
        )


OBS_LINES = len(OBSERVATIONS.splitlines())  # header + rows; an appended row is line OBS_LINES+1
OBS_HEADER = OBSERVATIONS.splitlines()[0]


def with_rows(*rows: str, base: str = OBSERVATIONS) -> str:
    """The default observations.csv with ``rows`` appended (lines OBS_LINES+1, +2, ...)."""
    return base + "".join(r + "\n" for r in rows)


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line of ``text`` containing ``needle``."""
    for i, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return i
    raise AssertionError(f"{needle!r} not in text")
