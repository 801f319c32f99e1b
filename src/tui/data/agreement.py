"""Do two published values disagree, or is one the other rounded?

"3,810" and "$3.8 billion" (3800) are one figure at two precisions: 3800 stands for anything
from 3750 to 3850. Values agree within rounding when each pair differs by no more than half a
unit of the coarser one's last published digit; only values further apart are a conflict.
"""

from __future__ import annotations

from collections.abc import Sequence

SAME, ROUNDING, CONFLICT = "same", "rounding", "conflict"


def decimals(raw: str) -> int:
    """Published precision: 3 for ``1438.827``; -2 for ``3800`` (as in "$3.8 billion")."""
    raw = raw.strip()
    if "." in raw:
        return len(raw.split(".", 1)[1])
    digits = raw.lstrip("+-")
    if not digits.isdigit() or set(digits) == {"0"}:
        return 0
    return -(len(digits) - len(digits.rstrip("0")))


def half_step(raw: str) -> float:
    """Half a unit of the last published digit: 0.0005 for ``1438.827``, 50 for ``3800``."""
    return 0.5 * 10.0 ** (-decimals(raw))


def agreement(values: Sequence[tuple[float, str, str]]) -> str:
    """``same``, ``rounding`` or ``conflict`` for live (value, raw text, qualifier) triples."""
    distinct = {v for v, _, _ in values}
    if len(distinct) <= 1:
        return SAME
    if any(q in (">", "<") for _, _, q in values):
        return CONFLICT  # a bound and a value are not two precisions of one figure
    for i, (a, raw_a, _) in enumerate(values):
        for b, raw_b, _ in values[i + 1 :]:
            allowed = max(half_step(raw_a), half_step(raw_b))
            if abs(a - b) > allowed * (1 + 1e-9):
                return CONFLICT
    return ROUNDING
