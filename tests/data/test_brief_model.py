"""The brief's document model: the seed report's figures, each citing the source that holds it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.synthdata import OBSERVATIONS, with_rows, write_dataset
from tui.data import Facts, load_dataset
from tui.data.brief import TOPICS, Brief, Entry, build_brief
from tui.locations import bundled_data_dir

SEED_SOURCE = "cwp-2025-08-19-hardware"  # the article the project started from


@pytest.fixture(scope="module")
def bundled() -> Facts:
    return Facts(load_dataset(bundled_data_dir()))


@pytest.fixture(scope="module")
def fy25(bundled: Facts) -> Brief:
    return build_brief(bundled, 2024, "all")


def text_of(entry: Entry) -> str:
    return "".join(s.text for s in entry.spans)


def publishes(facts: Facts, source_id: str, series: str, period: str, raw: str) -> bool:
    """Does ``source_id`` publish exactly ``raw`` for the series and period?"""
    return any(
        o.series == series and o.period.label == period and facts.raw_of(o) == raw
        for o in facts.citing(source_id)
    )


def value_source(brief: Brief, entry: Entry) -> str:
    return brief.citation(entry.refs[0]).source_id


def test_headline_figures_cite_the_source_that_publishes_them(bundled: Facts, fy25: Brief) -> None:
    total = fy25.entry("ict_exports")
    assert total is not None and total.value == "3,810"
    assert publishes(bundled, value_source(fy25, total), "ict_exports", "FY2024-25", "3810")
    hw = fy25.entry("hardware_consultancy")
    assert hw is not None and hw.value == "7.5"
    assert publishes(bundled, value_source(fy25, hw), "hardware_consultancy", "FY2024-25", "7.5")
    sw = fy25.entry("software_consultancy")
    assert sw is not None and sw.value == ">1,100"
    assert "(lower bound; SBP)" in text_of(sw)
    assert value_source(fy25, sw) == SEED_SOURCE
    assert publishes(bundled, SEED_SOURCE, "software_consultancy", "FY2024-25", "1100")


def test_the_seed_reports_rounded_total_and_base_year_are_cited(
    bundled: Facts, fy25: Brief
) -> None:
    total = fy25.entry("ict_exports")
    assert total is not None
    text = text_of(total)
    assert "the same figure at another precision: 3,800" in text  # the seed's "$3.8 billion"
    assert SEED_SOURCE in {fy25.citation(n).source_id for n in total.refs}
    hw = fy25.entry("hardware_consultancy")
    assert hw is not None
    assert "Change from FY2023-24 (6.8 US$ million" in text_of(hw)
    base_ref = hw.refs[1]  # the second citation is the base year's
    base_src = fy25.citation(base_ref).source_id
    assert publishes(bundled, base_src, "hardware_consultancy", "FY2023-24", "6.8")
    assert "computed +10.3%" in text_of(hw)


def test_the_quoted_growth_rate_is_rechecked(fy25: Brief) -> None:
    check = fy25.entry("cwp-hardware-growth")
    assert check is not None and check.kind == "claim"
    assert check.value == "+9.9%"
    assert fy25.citation(check.refs[0]).source_id == SEED_SOURCE
    computed = [s.text for s in check.spans if s.kind == "computed"]
    assert len(computed) == 1 and "7.5 / 6.8" in computed[0] and "+10.29%" in computed[0]


def test_the_import_dependence_statement(bundled: Facts, fy25: Brief) -> None:
    dep = fy25.entry("hardware-import-dependence")
    assert dep is not None and dep.kind == "statement"
    assert dep.value == "99%"
    cited = [fy25.citation(n).source_id for n in dep.refs]
    statement = next(s for s in bundled.ds.statements if s.id == "hardware-import-dependence")
    assert cited == list(statement.sources) and SEED_SOURCE in cited
    assert "No period stated" in text_of(dep)


def test_quotes_name_speaker_role_date_and_kind(bundled: Facts, fy25: Brief) -> None:
    quotes = fy25.entries("quote")
    assert 2 <= len(quotes) <= 3
    by_id = {q.id: q for q in bundled.ds.quotes}
    people = set()
    for entry in quotes:
        q = by_id[entry.key]
        text = text_of(entry)
        assert q.speaker in text and q.role in text and q.date in text
        quoted = [s for s in entry.spans if s.kind == "quote"]
        if q.is_direct:
            assert [s.text for s in quoted] == [q.text] and "direct quote" in text
        else:  # reported speech is never shown as a quote
            assert not quoted and "not a direct quote" in text
        assert fy25.citation(entry.refs[-1]).source_id == q.source
        people.add(q.person)
    assert len(people) == len(quotes)  # one quote per person
    assert fy25.entries("quote")[0].key == "aftab-cwp-policy"  # from the seed article itself


def test_citations_are_numbered_in_order_of_first_use(fy25: Brief) -> None:
    assert [c.number for c in fy25.citations] == list(range(1, len(fy25.citations) + 1))
    seen: list[int] = []
    for entry in fy25.entries():
        for n in entry.refs:
            if n not in seen:
                seen.append(n)
    assert seen == [c.number for c in fy25.citations]
    assert len({c.source_id for c in fy25.citations}) == len(fy25.citations)


@pytest.mark.parametrize("topic", TOPICS)
def test_every_topic_builds_with_resolving_citations(bundled: Facts, topic: str) -> None:
    brief = build_brief(bundled, 2024, topic)
    assert brief.entries("figure")
    for entry in brief.entries():
        for n in entry.refs:
            assert brief.citation(n).source_id in bundled.ds.sources


def test_topics_pick_their_figures(bundled: Facts) -> None:
    exports = {e.key for e in build_brief(bundled, 2024, "exports").entries("figure")}
    assert {"ict_exports", "computer_services", "hardware_consultancy"} <= exports
    assert "office_machinery_imports" not in exports
    imports = {e.key for e in build_brief(bundled, 2024, "imports").entries("figure")}
    assert "office_machinery_imports" in imports and "ict_exports" not in imports


def test_unknown_topic_is_refused(bundled: Facts) -> None:
    with pytest.raises(ValueError, match="topic 'x'"):
        build_brief(bundled, 2024, "x")


def test_missing_figures_and_refused_changes_say_so(tmp_path: Path) -> None:
    folder = write_dataset(tmp_path / "ds")
    brief = build_brief(Facts(load_dataset(folder)), 2024, "all")
    sw = brief.entry("software_consultancy")
    assert sw is not None
    # over $1.1bn against an exact 1,500: the change is not known, and the brief says why
    assert "not computed (a value is a bound" in text_of(sw)
    assert not [s for s in sw.spans if s.kind == "computed"]
    bill = brief.entry("office_machinery_imports")
    assert bill is not None and bill.value == "~400"
    assert "(approximate; SBP)" in text_of(bill)


def test_a_missing_headline_figure_is_shown_as_missing(tmp_path: Path) -> None:
    rows = [
        ln
        for ln in OBSERVATIONS.splitlines()
        if ln != "hardware_consultancy,FY2024-25,7.5,,,src-a,,,,,"
    ]
    obs = with_rows(
        "hardware_consultancy,FY2024-25,,,,src-a,missing,,,not yet published,",
        base="\n".join(rows) + "\n",
    )
    folder = write_dataset(tmp_path / "ds", observations=obs)
    brief = build_brief(Facts(load_dataset(folder)), 2024, "hardware")
    hw = brief.entry("hardware_consultancy")
    assert hw is not None and hw.value == "" and hw.refs == []
    assert "not available (not yet published)" in text_of(hw)
    ratio = brief.entry("software-to-hardware")
    assert ratio is not None and ratio.value == "" and "not computed" in text_of(ratio)


def test_a_conflict_lists_the_other_values_and_why_one_is_preferred(dataset_dir: Path) -> None:
    brief = build_brief(Facts(load_dataset(dataset_dir)), 2024, "exports")
    cs = brief.entry("computer_services")
    assert cs is not None and cs.value == "3,000"
    text = text_of(cs)
    assert text.startswith("Computer services, FY2024-25: 3,000 US$ million (SBP)")
    assert "; sources differ, also published: 3,650" in text
    assert "(the value shown is preferred: official SBP figure)" in text
    assert [brief.citation(n).source_id for n in cs.refs[:2]] == ["src-a", "src-b"]
