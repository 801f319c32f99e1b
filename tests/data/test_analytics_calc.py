"""YoY, CAGR, shares, ratios, ranks and the checks of quoted growth rates and numbers."""

from __future__ import annotations

import math

import pytest

from tests.synthdata import OBSERVATIONS, DatasetFactory
from tui.data import Facts, load_dataset
from tui.data.analytics import (
    cagr,
    change,
    check_claim,
    check_claims,
    check_quote,
    month_yoy,
    ranks,
    ratio,
    same_months,
    share,
    software_vs_hardware,
    yoy,
)
from tui.data.fiscal import Period
from tui.data.model import Claim


def claim_by_id(facts: Facts, claim_id: str) -> Claim:
    return next(c for c in facts.ds.claims if c.id == claim_id)


# -- year on year ------------------------------------------------------------------------------


def test_yoy_full_years(facts: Facts) -> None:
    ch = yoy(facts, "ict_exports", 2024)
    assert ch.ok and ch.refused == ""
    assert ch.absolute == 577.0
    assert ch.pct == pytest.approx(577 / 3223 * 100)
    assert ch.base is not None and ch.base.period == Period("FY", 2023)
    assert ch.current is not None and ch.current.period == Period("FY", 2024)
    assert ch.note == ""


def test_yoy_negative(facts: Facts) -> None:
    ch = yoy(facts, "telecom_services", 2024)
    assert ch.absolute == -100.0
    assert ch.pct == pytest.approx(-100 / 600 * 100)


def test_yoy_same_months_of_part_years(facts: Facts) -> None:
    ch = yoy(facts, "ict_exports", 2025)  # only FY2025-26/4M is published
    assert ch.ok
    assert ch.base is not None and ch.base.period == Period("FYTD", 2024, 4)
    assert ch.current is not None and ch.current.period == Period("FYTD", 2025, 4)
    assert ch.pct == pytest.approx(200 / 1100 * 100)
    assert ch.note == "same 4 months"
    assert same_months(facts, "ict_exports", 2025) == ch
    assert same_months(facts, "ict_exports", 2022) is None


def test_yoy_part_year_without_same_months_is_refused(facts: Facts) -> None:
    ch = yoy(facts, "office_machinery_imports", 2025)
    assert not ch.ok
    assert ch.refused == (
        "only 3 months published for FY2025-26, and no same-months figure for FY2024-25"
    )


def test_change_refused_across_full_and_partial(facts: Facts) -> None:
    full = facts.figure("ict_exports", "FY2023-24")
    part = facts.figure("ict_exports", "FY2024-25/4M")
    ch = change(full, part)
    assert not ch.ok and ch.pct is None and ch.absolute is None
    assert ch.refused == "FY25 4M and FY24 cover different months"
    ch = change(part, facts.figure("ict_exports", "FY2024-25"))
    assert ch.refused == "FY25 and FY25 4M cover different months"
    # part-years of different lengths are refused too
    ites6 = facts.figure("ites", "FY2024-25/6M")
    assert change(part, ites6).refused == "FY25 6M and FY25 4M cover different months"


def test_change_refused_for_a_missing_figure(facts: Facts) -> None:
    ch = yoy(facts, "freelance", 2024)
    assert ch.refused == "FY25: not published for FY2024-25"
    ch = change(facts.figure("freelance", "FY2024-25"), facts.figure("freelance", "FY2023-24"))
    assert ch.refused == "FY25: not published for FY2024-25"


def test_change_refused_for_a_bound_and_approximate_for_around(facts: Facts) -> None:
    ch = yoy(facts, "software_consultancy", 2024)
    assert not ch.ok
    assert "bound" in ch.refused
    approx = yoy(facts, "office_machinery_imports", 2024)  # 350 -> ~400
    assert approx.qualifier == "~"
    assert approx.pct == pytest.approx(50 / 350 * 100)


def test_change_from_zero(make_dataset: DatasetFactory) -> None:
    text = OBSERVATIONS + "freelance,FY2022-23,0,,,src-b,,,,,\n"
    facts = Facts(load_dataset(make_dataset(observations=text)))
    ch = yoy(facts, "freelance", 2023)
    assert ch.absolute == 20.0
    assert ch.pct is None
    assert ch.refused == "base is zero"


def test_month_yoy(make_dataset: DatasetFactory) -> None:
    text = OBSERVATIONS + "office_machinery_imports,2023-07,24,,,src-a,,,,,\n"
    facts = Facts(load_dataset(make_dataset(observations=text)))
    ch = month_yoy(facts, facts.figure("office_machinery_imports", "2024-07"))
    assert ch.pct == pytest.approx(25.0)


# -- CAGR --------------------------------------------------------------------------------------


def test_cagr(facts: Facts) -> None:
    ch = cagr(facts, "ict_exports", 2022, 2024)
    assert ch.ok
    assert ch.pct == pytest.approx((math.sqrt(3800 / 2600) - 1) * 100)
    assert ch.absolute == 1200.0
    assert ch.note == "over 2 years"


def test_cagr_uses_the_preferred_value(facts: Facts) -> None:
    ch = cagr(facts, "computer_services", 2022, 2024)
    assert ch.pct == pytest.approx((math.sqrt(3000 / 2108) - 1) * 100)


def test_cagr_refused_across_a_gap(facts: Facts) -> None:
    ch = cagr(facts, "telecom_services", 2022, 2024)
    assert not ch.ok
    assert ch.refused == "gap in the series: no full-year figure for FY23"
    # a missing row in the middle counts as a gap too
    assert cagr(facts, "freelance", 2023, 2024).refused == (
        "gap in the series: no full-year figure for FY25"
    )


def test_cagr_refused_for_zero_or_negative(make_dataset: DatasetFactory) -> None:
    text = OBSERVATIONS + "freelance,FY2022-23,0,,,src-b,,,,,\nites,FY2022-23,-5,,,src-a,,,,,\n"
    facts = Facts(load_dataset(make_dataset(observations=text)))
    assert cagr(facts, "freelance", 2022, 2023).refused == (
        "CAGR is undefined across zero or negative values"
    )
    assert cagr(facts, "ites", 2022, 2023).refused == (
        "CAGR is undefined across zero or negative values"
    )


def test_cagr_refused_for_bounds_and_bad_years(facts: Facts) -> None:
    assert "bound" in cagr(facts, "software_consultancy", 2023, 2024).refused
    assert cagr(facts, "ict_exports", 2024, 2024).refused == (
        "the end year must come after the start year"
    )
    assert cagr(facts, "ict_exports", 2024, 2022).pct is None


# -- shares and ratios -------------------------------------------------------------------------


def test_share(facts: Facts) -> None:
    hw = facts.figure("hardware_consultancy", "FY2024-25")
    cs = facts.figure("computer_services", "FY2024-25")
    r = share(hw, cs)
    assert r.value == pytest.approx(0.25)
    assert r.qualifier == "" and r.refused == ""


def test_ratio_lower_bound_stays_a_lower_bound(facts: Facts) -> None:
    sw = facts.figure("software_consultancy", "FY2024-25")  # >1100
    hw = facts.figure("hardware_consultancy", "FY2024-25")  # 7.5
    r = ratio(sw, hw)
    assert r.value == pytest.approx(1100 / 7.5)
    assert r.qualifier == ">"
    s = share(sw, facts.figure("computer_services", "FY2024-25"))
    assert s.value == pytest.approx(1100 / 3000 * 100)
    assert s.qualifier == ">"


def test_ratio_refused_for_a_bound_denominator(facts: Facts) -> None:
    sw = facts.figure("software_consultancy", "FY2024-25")
    hw = facts.figure("hardware_consultancy", "FY2024-25")
    r = ratio(hw, sw)
    assert r.value is None
    assert r.refused == "the denominator is only a bound"
    assert share(hw, sw).refused == "the denominator is only a bound"


def test_ratio_approximate_denominator(facts: Facts) -> None:
    imports = facts.figure("office_machinery_imports", "FY2024-25")  # ~400
    hw = facts.figure("hardware_consultancy", "FY2024-25")
    r = ratio(hw, imports)
    assert r.value == pytest.approx(7.5 / 400)
    assert r.qualifier == "~"


def test_ratio_refusals(facts: Facts, make_dataset: DatasetFactory) -> None:
    hw = facts.figure("hardware_consultancy", "FY2024-25")
    free = facts.figure("freelance", "FY2024-25")
    assert ratio(free, hw).refused == "FY25: not published for FY2024-25"
    assert ratio(hw, free).refused == "FY25: not published for FY2024-25"
    other = facts.figure("hardware_consultancy", "FY2023-24")
    assert ratio(hw, other).refused == "FY25 and FY24 are different periods"
    text = OBSERVATIONS + "freelance,FY2022-23,0,,,src-b,,,,,\n"
    zf = Facts(load_dataset(make_dataset(observations=text)))
    zero = zf.figure("freelance", "FY2022-23")
    assert ratio(zf.figure("ict_exports", "FY2022-23"), zero).refused == "division by zero"


def test_software_vs_hardware(facts: Facts) -> None:
    hv = software_vs_hardware(facts, 2024)
    assert hv.software.value == 1100.0 and hv.hardware.value == 7.5 and hv.total.value == 3800.0
    assert hv.sw_hw_ratio.qualifier == ">"
    assert hv.hw_share_of_total.value == pytest.approx(7.5 / 3800 * 100)
    assert [f.value for f in hv.imports] == [400.0]
    assert hv.import_bill is not None and hv.import_bill.value == 400.0
    assert hv.import_to_export is not None
    assert hv.import_to_export.value == pytest.approx(400 / 7.5)
    assert hv.import_to_export.qualifier == "~"


# -- ranks -------------------------------------------------------------------------------------


def test_ranks_with_ties_and_missing() -> None:
    got = ranks({"a": 10.0, "b": 30.0, "c": 10.0, "d": None, "e": 5.0, "f": 30.0})
    assert got == {"b": 1, "f": 1, "a": 3, "c": 3, "e": 5}
    assert ranks({}) == {}
    assert ranks({"x": None}) == {}


# -- claims and quotes -------------------------------------------------------------------------


def test_check_claim_rounding(facts: Facts) -> None:
    chk = check_claim(facts, claim_by_id(facts, "hw-growth"))  # 6.8 -> 7.5, quoted 9.9%
    assert chk.verdict == "rounding"
    assert chk.flagged
    assert chk.recomputed == pytest.approx(10.294, abs=1e-3)
    assert chk.low is not None and chk.high is not None
    assert chk.low == pytest.approx((7.45 / 6.85 - 1) * 100)
    assert chk.high == pytest.approx((7.55 / 6.75 - 1) * 100)
    assert chk.summary == (
        "quoted +9.9% (YoY, full year): consistent within rounding: 7.5 / 6.8 gives +10.29%; "
        "the published figures' rounding allows +8.8% to +11.9%"
    )
    assert chk.wording == "consistent within rounding"


def test_check_claim_disagrees(facts: Facts) -> None:
    chk = check_claim(facts, claim_by_id(facts, "cs-growth"))  # 2108 -> 2619, quoted 47.43%
    assert chk.verdict == "disagrees"
    assert chk.flagged
    assert chk.recomputed == pytest.approx((2619 / 2108 - 1) * 100)
    assert chk.summary == "quoted +47.43% (YoY, full year): disagrees: 2619 / 2108 gives +24.24%"


def test_check_claim_agrees(facts: Facts) -> None:
    chk = check_claim(facts, claim_by_id(facts, "ict-growth"))  # 3223 -> 3800, quoted 17.9%
    assert chk.verdict == "agrees"
    assert not chk.flagged
    assert chk.summary == (
        "quoted +17.9% (YoY, full year): consistent within rounding: 3800 / 3223 gives +17.90%"
    )


def test_check_claim_unchecked_when_a_figure_is_missing(facts: Facts) -> None:
    claim = Claim("x", "freelance", "FY2023-24", "FY2024-25", 5.0, "src-b")
    chk = check_claim(facts, claim)
    assert chk.verdict == "unchecked"
    assert chk.recomputed is None and not chk.flagged
    assert chk.summary == "quoted +5% (YoY, full year): cannot check (a figure is missing)"


def test_check_claims_covers_every_claim(facts: Facts) -> None:
    assert [(c.claim.id, c.verdict) for c in check_claims(facts)] == [
        ("hw-growth", "rounding"),
        ("cs-growth", "disagrees"),
        ("ict-growth", "agrees"),
    ]


def test_check_quote(facts: Facts) -> None:
    agrees, disagrees = (check_quote(facts, q) for q in facts.ds.quotes)
    assert agrees.verdict == "agrees"
    assert agrees.figure is not None and agrees.figure.value == 3800.0
    assert agrees.detail == "data: 3800"
    assert disagrees.verdict == "disagrees"
    assert disagrees.detail == "said 3500, data 3800 (-300)"


def test_check_quote_without_a_number_or_figure(facts: Facts) -> None:
    from tui.data.record import replace

    q = facts.ds.quotes[0]
    assert check_quote(facts, replace(q, claim_value=None)).verdict == "none"
    unchecked = check_quote(facts, replace(q, claim_series="freelance"))
    assert unchecked.verdict == "unchecked"
    assert unchecked.detail == "no figure for FY25 in the data"
    # a spoken round number ("2.6 billion") is allowed its rounding: data 2619
    cs = replace(q, claim_series="computer_services", claim_period="FY2023-24")
    near = check_quote(facts, replace(cs, claim_value=2600.0))
    assert (near.verdict, near.detail) == ("agrees", "data: 2619")
    far = check_quote(facts, replace(cs, claim_value=2700.0))
    assert (far.verdict, far.detail) == ("disagrees", "said 2700, data 2619 (+81)")
    # a precise figure is not: 2610 is not a round hundred
    assert check_quote(facts, replace(cs, claim_value=2610.0)).verdict == "disagrees"
