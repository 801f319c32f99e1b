"""Several live values for one series and period: rounding (they agree within the coarser
one's published precision) or a real conflict. Either way exactly one must be preferred,
and a row that declares conflict or rounding must be right about it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.data.agreement import CONFLICT, ROUNDING, SAME, agreement
from tui.data.load.observations.validate import Rows
from tui.data.text import quoted

if TYPE_CHECKING:
    import pandas as pd

Key = tuple[str, str]  # (series, period)


def settle(rows: Rows) -> tuple[set[Key], set[Key]]:
    """Turn the checked columns into the model's (value, raw, status, preferred) and find
    the conflicting and the differently rounded (series, period) keys, reporting
    undeclared, misdeclared and unresolved ones."""
    df = rows.frame
    status = rows.status
    df["raw"] = rows.raw
    df["value"] = rows.values.where(~rows.missing)
    declared = status.where(status.isin(["conflict", "rounding"]), "")
    df["status"] = status.replace(["", "conflict", "rounding"], "ok")
    df["preferred"] = rows.preferred
    live = df[(df["status"] == "ok") & df["value"].notna()]
    grp = live.groupby(["series", "period"], sort=False)
    nvals = grp["value"].nunique()
    differing = nvals[nvals > 1].index
    npref = grp["preferred"].sum()
    kinds = _agreements(live, set(differing))
    rows.problems += _declared_mismatches(df, declared, kinds)
    for key in differing:
        if npref.get(key, 0) != 1:
            rows.problems.append(_unresolved(live, key, kinds[key], npref.get(key, 0)))
    conflicts = {k for k in differing if kinds[k] == CONFLICT}
    roundings = {k for k in differing if kinds[k] == ROUNDING}
    return conflicts, roundings


def mark(frame: pd.DataFrame, conflicts: set[Key], roundings: set[Key]) -> None:
    """Columns ``conflict`` and ``rounding``: the row's series and period is one of them."""
    import pandas as pd

    keys = pd.MultiIndex.from_arrays([frame["series"], frame["period"]])
    frame["conflict"] = keys.isin(list(conflicts)) if conflicts else False
    frame["rounding"] = keys.isin(list(roundings)) if roundings else False


def _unresolved(live: pd.DataFrame, key: Key, kind: str, preferred: int) -> tuple[int, str]:
    rows = live[(live["series"] == key[0]) & (live["period"] == key[1])]
    line = int(rows["line"].min())
    pairs = zip(rows["raw"], rows["source"], strict=False)
    vals = ", ".join(f"{v} ({s})" for v, s in pairs)
    what = "none is" if preferred == 0 else "more than one is"
    kind_text = "conflicting" if kind == CONFLICT else "differently rounded"
    return (
        line,
        f"{kind_text} values for {quoted(key[0])} {key[1]}: {vals}; {what} marked "
        "preferred=yes (exactly one must be, with a reason)",
    )


def _agreements(live: pd.DataFrame, keys: set[Key]) -> dict[Key, str]:
    """Rounding or conflict for each (series, period) with several live values."""
    out: dict[Key, str] = {}
    if not keys:
        return out
    triples: dict[Key, list[tuple[float, str, str]]] = {}
    for s, p, v, raw, q in zip(
        live["series"], live["period"], live["value"], live["raw"], live["qualifier"], strict=True
    ):
        if (s, p) in keys:
            triples.setdefault((s, p), []).append((float(v), raw, q))
    for key, vals in triples.items():
        out[key] = agreement(vals)
    return out


def _declared_mismatches(
    df: pd.DataFrame, declared: pd.Series, kinds: dict[Key, str]
) -> list[tuple[int, str]]:
    """A row marked conflict or rounding must say what the values are."""
    out: list[tuple[int, str]] = []
    marked = df[declared != ""]
    for (_, r), said in zip(marked.iterrows(), declared[declared != ""], strict=True):
        key = (r["series"], r["period"])
        actual = kinds.get(key, SAME)
        if actual == said:
            continue
        rows = df[(df["series"] == key[0]) & (df["period"] == key[1]) & (df["raw"] != "")]
        vals = " and ".join(sorted(set(rows["raw"])))
        if actual == SAME:
            why = "no other live value differs from it"
        elif actual == ROUNDING:
            why = (
                f"the values ({vals}) agree within the coarser one's published precision: "
                "that is rounding, not a conflict (status = rounding)"
            )
        else:
            why = f"the values ({vals}) differ beyond their published precision (status = conflict)"
        out.append((int(r["line"]), f"marked {said}, but {why}"))
    return out
