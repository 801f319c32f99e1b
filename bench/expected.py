"""What the harness expects on the terminal: pkit's frame and figures, and the baseline's.

pkit's figures are those of the bundled dataset (FY2024-25 total 3,810; FY2023-24 total
3,223 with hardware consultancy 6.8) or, for the scale runs, of :mod:`bench.synth`.
"""

from __future__ import annotations

from bench import synth
from bench.baseline_app import TABS, TITLE, row_label
from bench.term import Condition, contains, matches
from tui.data.fiscal import fy_label

# -- the baseline -------------------------------------------------------------------------

_alpha, _beta = TABS.values()
BASE_FRAME = matches(rf"{TITLE}.*{_alpha}\s+{_beta}")
BASE_ALPHA = contains(row_label("alpha", 0), absent=(row_label("beta", 0),))
BASE_BETA = contains(row_label("beta", 0), absent=(row_label("alpha", 0),))
# key, what it shows
BASE_SWITCHES: tuple[tuple[str, Condition], ...] = (
    ("2", BASE_BETA),
    ("1", BASE_ALPHA),
    ("2", BASE_BETA),
    ("1", BASE_ALPHA),
)

# -- pkit on the bundled dataset ----------------------------------------------------------

PKIT_FRAME = matches(r"pkit.*1 Overview\s+2 Exports\s+3 Imports")
PKIT_READY = contains("3,810")
FY_2024 = matches(r"FY2024-25.*ICT services exports\s+3,810.*Hardware consultancy\s+7\.5\b")
FY_2023 = matches(r"FY2023-24.*ICT services exports\s+3,223.*Hardware consultancy\s+6\.8\b")
# key, label, what it shows
PKIT_FY_STEPS: tuple[tuple[str, str, Condition], ...] = (
    ("[", "FY2024-25 -> FY2023-24", FY_2023),
    ("]", "FY2023-24 -> FY2024-25", FY_2024),
    ("[", "FY2024-25 -> FY2023-24", FY_2023),
    ("]", "FY2023-24 -> FY2024-25", FY_2024),
)
_EXPORTS = contains("Category", "Computer services", absent=("Hardware share of ICT",))
_IMPORTS = contains("Hardware imports", "Calendar year", absent=("Category",))
_OVERVIEW = matches(
    r"FY2024-25.*ICT services exports\s+3,810.*Hardware consultancy\s+7\.5\b",
    absent=("Category", "Calendar year"),
)
# key, label, first visit?, what it shows
PKIT_PANE_SWITCHES: tuple[tuple[str, str, bool, Condition], ...] = (
    ("2", "Overview -> Exports", True, _EXPORTS),
    ("3", "Exports -> Imports", True, _IMPORTS),
    ("1", "Imports -> Overview", False, _OVERVIEW),
    ("2", "Overview -> Exports", False, _EXPORTS),
    ("1", "Exports -> Overview", False, _OVERVIEW),
)

# -- pkit on a synthetic dataset ----------------------------------------------------------


def synth_overview(fy: int) -> Condition:
    """The overview of a synthetic dataset at ``fy``: header, total and hardware rows."""
    return matches(
        rf"{fy_label(fy)}.*ICT services exports\s+{synth.total_text(fy)}"
        rf".*Hardware consultancy\s+{synth.hardware_text(fy)}\b"
    )


def synth_exports(fy: int) -> Condition:
    """The Exports pane of a synthetic dataset at ``fy``: the tree's root row."""
    return matches(
        # the name column may be cut to the terminal's width: match its start only
        rf"{fy_label(fy)}.*Category.*ICT services exports \(synth\S*\s+"
        rf"{synth.total_text(fy)}",
        absent=("Hardware share of ICT",),
    )
