"""The Poisson rate ratio against worked examples (coach/core/trial/stats.py has the formula)."""

from __future__ import annotations

import math

import pytest

from coach.core.trial.stats import rate_ratio


def test_the_issues_example_one_against_five_a_week() -> None:
    # RR = (4/4)/(20/4) = 0.2; SE = sqrt(1/4 + 1/20) = 0.5477; 0.2 * exp(-/+ 1.96 * 0.5477)
    rr = rate_ratio(4, 4, 20, 4)
    assert rr.ratio == pytest.approx(0.2)
    assert rr.low == pytest.approx(0.0684, abs=5e-4)
    assert rr.high == pytest.approx(0.5848, abs=5e-4)
    assert rr.clearly_lower and not rr.clearly_higher and not rr.corrected


def test_equal_rates_give_one_and_an_interval_around_it() -> None:
    # 10 in 5 weeks each: RR = 1; SE = sqrt(0.2) = 0.4472; exp(-/+ 0.8765) = 0.416 to 2.403
    rr = rate_ratio(10, 5, 10, 5)
    assert rr.ratio == 1
    assert (round(rr.low, 3), round(rr.high, 3)) == (0.416, 2.403)
    assert not rr.clearly_lower and not rr.clearly_higher


def test_unequal_weeks_are_rates_not_counts() -> None:
    # 6 cramps in 3 weeks (2 a week) against 8 in 2 weeks (4 a week): 0.5
    rr = rate_ratio(6, 3, 8, 2)
    assert rr.ratio == pytest.approx(0.5)
    spread = 1.959964 * math.sqrt(1 / 6 + 1 / 8)
    assert rr.low == pytest.approx(0.5 * math.exp(-spread))
    assert rr.high == pytest.approx(0.5 * math.exp(spread))
    assert not rr.clearly_lower  # 0.17 to 1.45: could be chance


def test_zero_counts_add_a_half_to_both() -> None:
    # 0 in 4 weeks against 6 in 4: (0.5/4)/(6.5/4) = 0.0769; SE = sqrt(2 + 1/6.5) = 1.4676
    rr = rate_ratio(0, 4, 6, 4)
    assert rr.corrected
    assert rr.ratio == pytest.approx(0.5 / 6.5)
    assert rr.low == pytest.approx(0.00434, abs=5e-5)
    assert rr.high == pytest.approx(1.3655, abs=5e-4)  # 0.0769 * exp(2.8765)
    assert not rr.clearly_lower  # one zero week pair is not enough to be sure
    both = rate_ratio(0, 2, 0, 2)
    assert both.ratio == 1 and both.low < 0.1 and both.high > 10


@pytest.mark.parametrize("args", [(-1, 1, 1, 1), (1, 0, 1, 1), (1, 1, 1, -2)])
def test_impossible_input_is_refused(args) -> None:
    with pytest.raises(ValueError):
        rate_ratio(*args)


def test_clustered_weeks_widen_the_interval_as_quasi_poisson_does() -> None:
    """Weeks of 0, 0, 6, 0 cramps are clustered: Pearson chi-square 18 on 6 degrees of freedom
    (with 2, 2, 2, 2), dispersion 3, so the log interval is sqrt(3) times as wide."""
    from coach.core.trial.stats import dispersion

    assert dispersion([0, 0, 6, 0], [2, 2, 2, 2]) == pytest.approx(3.0)
    assert dispersion([1, 1, 1, 1], [5, 5, 5, 5]) == 1.0  # steadier than Poisson: not narrowed
    assert dispersion([3], [4]) == 1.0  # no degrees of freedom: Poisson
    plain = rate_ratio(6, 4, 8, 4)
    wide = rate_ratio(6, 4, 8, 4, 3.0)
    assert wide.ratio == plain.ratio
    half_plain = math.log(plain.high) - math.log(plain.ratio)
    half_wide = math.log(wide.high) - math.log(wide.ratio)
    assert half_wide == pytest.approx(half_plain * math.sqrt(3))
