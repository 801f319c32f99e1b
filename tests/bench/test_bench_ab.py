"""bench.ab's arithmetic: paired ratios (wall and CPU) and the median (min-max) cell."""

from __future__ import annotations

import pytest

from bench.ab import _cell, _ratios, main


def test_a_ratio_pairs_wall_with_wall_and_cpu_with_cpu() -> None:
    assert _ratios((0.6, 0.3), (0.4, 0.2)) == pytest.approx((1.5, 1.5))
    assert _ratios((0.5, 0.1), (0.25, 0.4)) == pytest.approx((2.0, 0.25))


def test_a_cell_is_the_median_then_the_range() -> None:
    assert _cell([1.3, 1.1, 1.2]) == "1.20 (1.10-1.30)"
    assert _cell([0.9, 1.25]) == "1.07 (0.90-1.25)"  # even count: the mean of the middle two


def test_two_sources_are_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["only-one"])
    assert exc.value.code == 2
    assert "new" in capsys.readouterr().err
