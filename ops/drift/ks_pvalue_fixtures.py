#!/usr/bin/env python3
"""Writes models/src/test/resources/drift/ks_pvalues.csv: SciPy's asymptotic two-sample KS p-value on a grid of
(n, m, D), for KolmogorovPValueTest.

ks_2samp(method='asymp', alternative='two-sided') computes, in scipy/stats/_stats_py.py (SciPy 1.17.1),
    m, n = sorted([float(n1), float(n2)], reverse=True); en = m * n / (m + n)
    prob = distributions.kstwo.sf(d, np.round(en))
and this script calls exactly that, with those arguments, for each grid point (no samples needed). It first checks,
on one pair of real samples per size, that ks_2samp's p-value is that call's value.

Sizes: n = m = 1e6 (the issue's case), 1e6 vs 3e5, 5e4 vs 5e4, and for the other branches of kstwo.sf:
1,000,001 each (en = 500000.5, rounded half to even), 3e6 each (en > 1e6: Miller's approximation), 1e4 each
(en = 5000: the term-by-term Smirnov sum and Durbin's matrix) and 200 vs 100 (en = 67: the small-n algorithms).
D runs from 1e-4 to 0.5 (and beyond for the small sizes), with extra points where p goes from 1e-2 to 1e-320 and
either side of n*D^2 = 370, where SciPy's p becomes exactly 0. Points within 1e-4 (relative) below SciPy's switch
points (n*D^2 = 2.2, or 4 for en <= 140; en*D^1.5 = 1.4 for en <= 10,000) are left out: there the Java
implementation blends the two formulas to stay monotone (see KolmogorovPValue's Javadoc).

Run it from the repository root (any Python with numpy and scipy; it takes a few minutes):
    python3 -m venv /tmp/scipyvenv && /tmp/scipyvenv/bin/pip install scipy numpy
    /tmp/scipyvenv/bin/python ops/drift/ks_pvalue_fixtures.py
"""
import math
import pathlib
import sys

import numpy as np
import scipy
from scipy.stats import distributions, ks_2samp

SIZES = [(1_000_000, 1_000_000), (1_000_000, 300_000), (50_000, 50_000), (1_000_001, 1_000_001),
         (3_000_000, 3_000_000), (10_000, 10_000), (200, 100)]
BLEND = 1e-4


def effective(n1, n2):
    m, n = sorted([float(n1), float(n2)], reverse=True)
    return np.round(m * n / (m + n))


def asymp(d, n1, n2):
    return float(distributions.kstwo.sf(d, effective(n1, n2)))


def in_blend_band(d, en):
    u = en * d * d
    bands = [(4.0 if en <= 140 else 2.2, u)]
    if 140 < en <= 10_000:
        bands.append((1.4, en * d ** 1.5))
    return any(edge * (1 - BLEND) <= value <= edge for edge, value in bands)


def grid(en):
    ds = list(np.geomspace(1e-4, 0.5, 48))
    ds += [math.sqrt(u / en) for u in np.geomspace(2.3, 369, 24)]
    ds += [math.sqrt(u / en) for u in (2.2 * (1 - 1e-3), 2.2 * (1 + 1e-3), 345.0, 369.9, 370.0, 370.1)]
    if en < 1000:
        ds += [0.6, 0.75, 0.9, 0.99]
    return sorted(float(d) for d in set(ds) if 0 < d < 1 and not in_blend_band(d, en))


def check_against_ks_2samp(rng):
    for n1, n2 in SIZES:
        a = rng.normal(0, 1, n1)
        b = rng.normal(0.002, 1, n2)
        r = ks_2samp(a, b, alternative="two-sided", method="asymp")
        assert float(r.pvalue) == asymp(float(r.statistic), n1, n2), (n1, n2, r)
        print(f"ks_2samp(asymp) {n1} vs {n2}: D {r.statistic:.6g}, p {r.pvalue:.6g} == kstwo.sf(D, round(en))",
              file=sys.stderr)


def main():
    check_against_ks_2samp(np.random.default_rng(20261124))
    rows = []
    for n1, n2 in SIZES:
        for d in grid(float(effective(n1, n2))):
            rows.append((n1, n2, d, asymp(d, n1, n2)))
        print(f"{n1} vs {n2}: {sum(1 for r in rows if r[:2] == (n1, n2))} points", file=sys.stderr)
    out = pathlib.Path(__file__).resolve().parents[2] / "models/src/test/resources/drift/ks_pvalues.csv"
    with out.open("w") as f:
        f.write(f"# scipy {scipy.__version__}: kstwo.sf(d, np.round(n*m/(n+m))), what ks_2samp(method='asymp') "
                "returns; written by ops/drift/ks_pvalue_fixtures.py\n")
        f.write("n,m,d,scipy_p\n")
        for n1, n2, d, p in rows:
            f.write(f"{n1},{n2},{d!r},{p!r}\n")
    print(f"wrote {len(rows)} rows to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
