#!/usr/bin/env python3
"""The drift benchmark's computation in SciPy/NumPy, for comparison: ks_2samp (method='asymp') and a
decile PSI for F features of N vs N normal rows. Usage: drift_scipy.py [features] [rows]"""
import sys
import time

import numpy as np
from scipy.stats import ks_2samp

features = int(sys.argv[1]) if len(sys.argv) > 1 else 40
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
rng = np.random.default_rng(42)
ref = [rng.normal(0, 1, rows) for _ in range(features)]
cur = [rng.normal(0.05 if f % 10 == 0 else 0, 1, rows) for f in range(features)]
start = time.perf_counter()
for a, b in zip(ref, cur):
    ks_2samp(a, b, method="asymp")
    edges = np.unique(np.quantile(a, np.linspace(0.1, 0.9, 9)))
    r = np.bincount(np.searchsorted(edges, a, side="left"), minlength=len(edges) + 1) / rows
    c = np.bincount(np.searchsorted(edges, b, side="left"), minlength=len(edges) + 1) / rows
    r, c = np.maximum(r, 1e-4), np.maximum(c, 1e-4)
    float(np.sum((c - r) * np.log(c / r)))
print(f"scipy {features} features, {rows:,} vs {rows:,} rows: {time.perf_counter() - start:.2f} s (single thread)")
