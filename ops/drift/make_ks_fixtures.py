#!/usr/bin/env python3
"""Writes the KS fixtures the Java tests compare against: samples and SciPy's ks_2samp statistic and p-value.

The method is fixed on both sides: 'exact' when n*m < 10,000 (Commons Math's exact distribution), else
'asymp'. Run with any Python that has numpy and scipy, e.g. MLflow's venv:
    ops/mlflow/.venv/bin/python ops/drift/make_ks_fixtures.py
"""
import json
import pathlib

import numpy as np
import scipy
from scipy.stats import ks_2samp

rng = np.random.default_rng(20261124)
cases = []


def case(name, a, b):
    a = [float(x) for x in a]
    b = [float(x) for x in b]
    method = "exact" if len(a) * len(b) < 10_000 else "asymp"
    r = ks_2samp(a, b, alternative="two-sided", method=method)
    cases.append({"name": name, "method": method, "statistic": float(r.statistic), "pvalue": float(r.pvalue),
                  "reference": a, "current": b})


case("small, same distribution", rng.normal(0, 1, 40), rng.normal(0, 1, 55))
case("small, shifted", rng.normal(0, 1, 30), rng.normal(0.8, 1, 45))
case("small, with ties", np.round(rng.normal(0, 1, 60) * 2) / 2, np.round(rng.normal(0.3, 1, 70) * 2) / 2)
case("small, unequal sizes", rng.exponential(1, 20), rng.exponential(1.5, 80))
case("large, same distribution", rng.normal(0, 1, 6000), rng.normal(0, 1, 9000))
case("large, shifted", rng.normal(0, 1, 5000), rng.normal(0.05, 1, 12000))
case("large, with ties", rng.poisson(4, 8000), rng.poisson(4.2, 15000))
case("large, scale change", rng.normal(0, 1, 20000), rng.normal(0, 1.05, 20000))

out = pathlib.Path(__file__).resolve().parents[2] / "models/src/test/resources/drift/ks_fixtures.json"
out.write_text(json.dumps({"generator": "scipy " + scipy.__version__ + " ks_2samp", "cases": cases}))
print(f"wrote {len(cases)} cases to {out}")
