"""Cramps per week in routine weeks against ordinary weeks, as a Poisson rate ratio.

With a cramps over ta weeks of routine and b cramps over tb ordinary weeks, each count taken as
Poisson, the rate ratio and its 95% interval (the usual log, or Wald, interval) are

    RR = (a / ta) / (b / tb)
    SE = sqrt(1/a + 1/b)                 (the standard error of ln RR)
    95% interval = exp(ln RR - 1.96 SE) to exp(ln RR + 1.96 SE)

When a or b is 0 the log is undefined, so 0.5 is added to both counts first (Haldane's
correction); the interval is then wide, as it should be.

Worked example (the issue's check): 4 cramps in 4 routine weeks, 20 in 4 ordinary weeks:
RR = (4/4) / (20/4) = 0.2; SE = sqrt(1/4 + 1/20) = sqrt(0.3) = 0.5477;
1.96 SE = 1.0735; interval = 0.2 * exp(-1.0735) to 0.2 * exp(1.0735) = 0.068 to 0.585.
The interval lies below 1: fewer cramps in routine weeks, unlikely to be chance alone.

Cramps cluster: a bad week tends to follow a bad week, more than a Poisson count allows, so the
Poisson interval is too narrow. The interval is widened as a quasi-Poisson model does: by the
square root of the dispersion, estimated from the weekly counts (Pearson's chi-square over its
degrees of freedom, each week against its own kind's mean), never narrowed below Poisson.

    weeks 0, 0, 6, 0 and 2, 2, 2, 2: chi-square = (1.5^2*3 + 4.5^2)/1.5 + 0 = 18; df = 8 - 2 = 6;
    dispersion 3.0, so the interval's half-width on the log scale is sqrt(3) = 1.73 times wider.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

Z_95 = 1.959964  # the normal quantile for a two-sided 95% interval
CORRECTION = 0.5  # added to both counts when either is zero


@dataclass(frozen=True)
class RateRatio:
    ratio: float
    low: float
    high: float
    corrected: bool  # 0.5 was added to both counts

    @property
    def clearly_lower(self) -> bool:
        return self.high < 1

    @property
    def clearly_higher(self) -> bool:
        return self.low > 1


def dispersion(*groups: Sequence[int]) -> float:
    """How much more the weekly counts vary than Poisson counts would (1.0 = as Poisson).

    Each group (routine weeks, ordinary weeks) is compared with its own mean; below 1, or with
    too few weeks to tell, it is 1: the interval is never made narrower than Poisson's."""
    chi_square, weeks = 0.0, 0
    for counts in groups:
        if not counts:
            continue
        mean = sum(counts) / len(counts)
        weeks += len(counts)
        if mean > 0:
            chi_square += sum((c - mean) ** 2 for c in counts) / mean
    freedom = weeks - sum(1 for counts in groups if counts)
    if freedom < 1:
        return 1.0
    return max(1.0, chi_square / freedom)


def rate_ratio(a: int, ta: float, b: int, tb: float, spread_factor: float = 1.0) -> RateRatio:
    """Rate in the first group over rate in the second, with its 95% interval.

    `a`, `b`: event counts (>= 0); `ta`, `tb`: exposure (weeks, > 0); `spread_factor`: the
    dispersion (see `dispersion`): the log interval is widened by its square root.
    """
    if a < 0 or b < 0 or ta <= 0 or tb <= 0:
        raise ValueError(f"counts must be >= 0 and times > 0, got {a}/{ta} and {b}/{tb}")
    corrected = a == 0 or b == 0
    if corrected:
        a_, b_ = a + CORRECTION, b + CORRECTION
    else:
        a_, b_ = float(a), float(b)
    ratio = (a_ / ta) / (b_ / tb)
    spread = Z_95 * math.sqrt(max(spread_factor, 1.0) * (1 / a_ + 1 / b_))
    log_ratio = math.log(ratio)
    return RateRatio(
        ratio=ratio,
        low=math.exp(log_ratio - spread),
        high=math.exp(log_ratio + spread),
        corrected=corrected,
    )
