"""Fiscal years and periods, handled in one place.

Pakistan's fiscal year runs July to June: FY2024-25 is July 2024 to June 2025.
Periods in the dataset are written as:

- ``FY2024-25``      a full fiscal year
- ``FY2024-25/10M``  the first 10 months of FY2024-25 (Jul 2024 to Apr 2025)
- ``2024-07``        one calendar month
- ``CY2024``         a calendar year (PTA data)
- ``CY2025/7M``      the first 7 months of a calendar year
"""

from __future__ import annotations

import re
from typing import Literal

from tui.data.record import record

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
FY_START_MONTH = 7
# every period lies within these calendar years (Pakistan's first fiscal year is FY1947-48);
# a year outside is a typo, and would stretch the explorer over centuries
FIRST_YEAR, LAST_YEAR = 1947, 2100

PeriodKind = Literal["FY", "FYTD", "M", "CY", "CYTD"]

_FY_LONG = re.compile(r"^(?:FY)?\s*(\d{4})\s*[-/–]\s*(\d{2}|\d{4})$", re.IGNORECASE)
_FY_SHORT = re.compile(r"^FY\s*(\d{2})$", re.IGNORECASE)
_FYTD = re.compile(r"^FY(\d{4})-(\d{2})/(\d{1,2})M$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_CY = re.compile(r"^CY(\d{4})$")
_CYTD = re.compile(r"^CY(\d{4})/(\d{1,2})M$")


class PeriodError(ValueError):
    """A period or fiscal-year label that cannot be read."""


def parse_fy(text: str) -> int:
    """Return the start year of a fiscal year written ``2024-25``, ``FY2024-25`` or ``FY25``.

    ``FY25`` is the fiscal year that ends in 2025, i.e. FY2024-25.
    """
    raw = text.strip()
    m = _FY_LONG.match(raw)
    if m:
        start = int(m.group(1))
        end_txt = m.group(2)
        end = int(end_txt) if len(end_txt) == 4 else (start // 100) * 100 + int(end_txt)
        if len(end_txt) == 2 and end < start:
            end += 100
        if end != start + 1:
            raise PeriodError(f"{text!r}: the second year must follow the first (e.g. 2024-25)")
        return _fy_in_range(text, start)
    m = _FY_SHORT.match(raw)
    if m:
        return _fy_in_range(text, 2000 + int(m.group(1)) - 1)
    raise PeriodError(f"{text!r} is not a fiscal year (write 2024-25, FY2024-25 or FY25)")


def _fy_in_range(text: str, start: int) -> int:
    if not FIRST_YEAR <= start < LAST_YEAR:
        raise PeriodError(
            f"{text!r}: fiscal years run from {fy_label(FIRST_YEAR)} to {fy_label(LAST_YEAR - 1)}"
        )
    return start


def _year_in_range(text: str, year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PeriodError(f"{text!r}: years run from {FIRST_YEAR} to {LAST_YEAR}")
    return year


def fy_label(start: int) -> str:
    """``2024`` -> ``FY2024-25``."""
    return f"FY{start}-{(start + 1) % 100:02d}"


def fy_short(start: int) -> str:
    """``2024`` -> ``FY25``."""
    return f"FY{(start + 1) % 100:02d}"


def fy_span(start: int) -> str:
    """``2024`` -> ``Jul 2024 to Jun 2025``."""
    return f"Jul {start} to Jun {start + 1}"


def fy_of_month(year: int, month: int) -> int:
    """The fiscal year (start year) a calendar month falls in."""
    if not 1 <= month <= 12:
        raise PeriodError(f"month {month} is not between 1 and 12")
    return year if month >= FY_START_MONTH else year - 1


def fy_month_index(month: int) -> int:
    """Position of a calendar month within the fiscal year: July is 1, June is 12."""
    return (month - FY_START_MONTH) % 12 + 1


@record(order=True)
class Period:
    """One period of observation; see the module docstring for the labels."""

    kind: PeriodKind
    year: int  # fiscal start year (FY, FYTD), calendar year (M, CY, CYTD)
    months: int = 12  # months covered; 12 for a full year
    month: int = 0  # calendar month, for kind M

    @property
    def label(self) -> str:
        if self.kind == "FY":
            return fy_label(self.year)
        if self.kind == "FYTD":
            return f"{fy_label(self.year)}/{self.months}M"
        if self.kind == "M":
            return f"{self.year}-{self.month:02d}"
        if self.kind == "CY":
            return f"CY{self.year}"
        return f"CY{self.year}/{self.months}M"

    @property
    def fy(self) -> int | None:
        """Fiscal start year, or None for calendar-year periods."""
        if self.kind in ("FY", "FYTD"):
            return self.year
        if self.kind == "M":
            return fy_of_month(self.year, self.month)
        return None

    @property
    def is_partial(self) -> bool:
        return self.kind in ("FYTD", "CYTD", "M")

    @property
    def is_annual(self) -> bool:
        return self.kind in ("FY", "CY")

    @property
    def short(self) -> str:
        """A compact label for tables: ``FY25``, ``FY25 10M``, ``Jul 2024``, ``CY2024``."""
        if self.kind == "FY":
            return fy_short(self.year)
        if self.kind == "FYTD":
            return f"{fy_short(self.year)} {self.months}M"
        if self.kind == "M":
            return f"{MONTHS[self.month - 1]} {self.year}"
        if self.kind == "CY":
            return f"CY{self.year}"
        return f"CY{self.year} {self.months}M"

    @property
    def span(self) -> str:
        """Human description of the months covered."""
        if self.kind == "FY":
            return fy_span(self.year)
        if self.kind == "FYTD":
            last = (FY_START_MONTH - 1 + self.months - 1) % 12
            end_year = self.year if FY_START_MONTH + self.months - 1 <= 12 else self.year + 1
            return f"Jul {self.year} to {MONTHS[last]} {end_year}"
        if self.kind == "M":
            return f"{MONTHS[self.month - 1]} {self.year}"
        if self.kind == "CY":
            return f"Jan to Dec {self.year}"
        return f"Jan to {MONTHS[self.months - 1]} {self.year}"

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Chronological key: the end month of the period, then its length."""
        if self.kind in ("FY", "FYTD"):
            end = self.year * 12 + FY_START_MONTH - 1 + self.months - 1
        elif self.kind == "M":
            end = self.year * 12 + self.month - 1
        else:
            end = self.year * 12 + self.months - 1
        return (end, self.months, 0 if self.kind.startswith("F") else 1)


def parse_period(text: str) -> Period:
    """Parse a dataset period label; raises PeriodError with the reason."""
    raw = text.strip()
    if m := _FYTD.match(raw):
        start = parse_fy(f"{m.group(1)}-{m.group(2)}")
        months = int(m.group(3))
        if not 1 <= months <= 11:
            raise PeriodError(f"{text!r}: a part-year must cover 1 to 11 months")
        return Period("FYTD", start, months)
    if raw.upper().startswith("FY"):
        if not re.match(r"^FY\d{4}-\d{2}$", raw):
            raise PeriodError(f"{text!r}: write fiscal years as FY2024-25")
        return Period("FY", parse_fy(raw))
    if m := _MONTH.match(raw):
        year, month = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            raise PeriodError(f"{text!r}: month must be 01 to 12")
        _fy_in_range(text, fy_of_month(_year_in_range(text, year), month))
        return Period("M", year, 1, month)
    if m := _CY.match(raw):
        return Period("CY", _year_in_range(text, int(m.group(1))))
    if m := _CYTD.match(raw):
        months = int(m.group(2))
        if not 1 <= months <= 11:
            raise PeriodError(f"{text!r}: a part-year must cover 1 to 11 months")
        return Period("CYTD", _year_in_range(text, int(m.group(1))), months)
    raise PeriodError(
        f"{text!r} is not a period (use FY2024-25, FY2024-25/10M, 2024-07, CY2024 or CY2025/7M)"
    )


def fy_header(start: int) -> str:
    """``FY2024-25 (Jul 2024 to Jun 2025)``, as shown in the app header."""
    return f"{fy_label(start)} ({fy_span(start)})"
