#!/usr/bin/env python3
"""Reference values for csat-trend's significance tests, computed independently with scipy.

Run:  python3 crates/csat-trend/tests/reference/make_reference.py
and paste the printed rows into crates/csat-trend/tests/significance_reference.rs.

- Welch's t-test: scipy.stats.ttest_ind_from_stats(..., equal_var=False) on means and standard
  deviations computed exactly (fractions) from the counts per level, for the statistic and the
  p-value; the degrees of freedom and the confidence interval come from scipy.stats.ttest_ind
  (equal_var=False) on the raw answers the counts describe (numpy.repeat), through its own
  result's .df and .confidence_interval().
- Two-proportion z-test: pooled standard error for z, unpooled (Wald) one for the interval,
  written out with scipy.stats.norm.
- NPS difference test: variance per wave p + d - (p - d)^2 (p, d as proportions of the base),
  z = dNPS / sqrt(v1/n1 + v2/n2), written out with scipy.stats.norm.

Every difference is later - earlier; intervals and standard errors are in the figure's units
(scale points, percentage points, NPS points).
"""
import warnings
from fractions import Fraction as F
from math import sqrt

import numpy as np
import scipy
from scipy import stats

# One case has a wave where everyone answered 5; scipy warns that its (zero) variance is
# computed from identical values, which is exactly the case being tested.
warnings.filterwarnings('ignore', message='Precision loss occurred in moment calculation')


def expand(levels):
    return np.repeat([float(x) for x, _ in levels], [c for _, c in levels])


def moments(levels):
    n = sum(c for _, c in levels)
    s = sum(F(x) * c for x, c in levels)
    ss = sum(F(x) ** 2 * c for x, c in levels)
    mean = s / n
    var = (n * ss - s * s) / (n * (n - 1))
    return n, mean, var


def welch(name, earlier, later, alpha):
    n1, m1, v1 = moments(earlier)
    n2, m2, v2 = moments(later)
    res = stats.ttest_ind_from_stats(
        float(m2), sqrt(v2), n2, float(m1), sqrt(v1), n1, equal_var=False
    )
    raw = stats.ttest_ind(expand(later), expand(earlier), equal_var=False)
    df = raw.df
    ci = raw.confidence_interval(confidence_level=1 - alpha)
    print(
        f'    // {name}\n'
        f'    Welch {{ earlier: &{levels_rs(earlier)}, later: &{levels_rs(later)}, alpha: {r(alpha)}, '
        f'statistic: {r(res.statistic)}, df: {r(df)}, p: {r(res.pvalue)}, '
        f'ci: ({r(ci.low)}, {r(ci.high)}) }},'
    )


def two_prop(name, x1, n1, x2, n2, alpha):
    p1, p2 = x1 / n1, x2 / n2
    pooled = (x1 + x2) / (n1 + n2)
    se0 = sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    z = (p2 - p1) / se0
    p = 2 * stats.norm.sf(abs(z))
    se = sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    crit = stats.norm.ppf(1 - alpha / 2)
    d = (p2 - p1) * 100
    print(
        f'    // {name}\n'
        f'    Prop {{ earlier: ({x1}, {n1}), later: ({x2}, {n2}), alpha: {r(alpha)}, '
        f'statistic: {r(z)}, p: {r(p)}, ci: ({r(d - crit * se * 100)}, {r(d + crit * se * 100)}) }},'
    )


def nps(name, e, l, alpha):
    def term(c):
        pro, _pas, det, base = c
        p, d = pro / base, det / base
        return (p + d - (p - d) ** 2) / base, p - d

    t1, net1 = term(e)
    t2, net2 = term(l)
    se = sqrt(t1 + t2)
    z = (net2 - net1) / se
    p = 2 * stats.norm.sf(abs(z))
    crit = stats.norm.ppf(1 - alpha / 2)
    d = (net2 - net1) * 100
    print(
        f'    // {name}\n'
        f'    Nps {{ earlier: {e!r}, later: {l!r}, alpha: {r(alpha)}, '
        f'statistic: {r(z)}, p: {r(p)}, ci: ({r(d - crit * se * 100)}, {r(d + crit * se * 100)}) }},'
    )


def r(x):
    return repr(float(x))


def levels_rs(levels):
    return '[' + ', '.join(f'("{x}", {c})' for x, c in levels) + ']'


print(f'// scipy {scipy.__version__}')
welch('item on the 5-point scale, 105 answers each year',
      [(5, 60), (4, 35), (3, 10)], [(5, 78), (4, 22), (3, 5)], 0.05)
welch('mapped values (100/90/70/0/-10), unequal n and spread, 99 % interval',
      [(100, 40), (90, 30), (70, 20), (0, 5), (-10, 5)], [(100, 70), (90, 20), (70, 8), (0, 2)], 0.01)
welch('five answers each, 90 % interval',
      [(5, 2), (4, 2), (3, 1)], [(5, 3), (4, 1), (3, 1)], 0.10)
welch('a fall, one wave without spread',
      [(5, 12)], [(5, 9), (4, 2), (2, 1)], 0.05)
two_prop('satisfaction rate 80/105 -> 92/104', 80, 105, 92, 104, 0.05)
two_prop('public-cloud share 12/80 -> 25/100, 99 % interval', 12, 80, 25, 100, 0.01)
two_prop('a fall from 100 % to 90 %', 50, 50, 45, 50, 0.05)
nps('REFERENCE-2021: 2020 70/28/7 over 106 -> 2021 69/29/6', (70, 28, 7, 106), (69, 29, 6, 104), 0.05)
nps('DOMAIN.md: 2019 62/30/12 of 104 (48.1) -> 2020 70/28/7 over 106 (59.4)', (62, 30, 12, 104), (70, 28, 7, 106), 0.05)
nps('a large rise, 99 % interval', (30, 40, 30, 100), (50, 30, 20, 100), 0.01)
