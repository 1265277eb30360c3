#!/usr/bin/env python3
"""Writes the isolation forest fixtures the Java tests (IsolationForestTest) compare against.

Each fixture is a CSV in models/src/test/resources/anomaly/: the feature columns x0..x{d-1}, `outlier`
(0 for an ordinary row, 1 for a planted outlier that is extreme along at least one feature axis, 2 for one
that is unusual only jointly: every feature within the bulk's range, the combination far from it),
`sklearn_score`, scikit-learn's -score_samples(X) for IsolationForest(n_estimators=100, max_samples=256,
random_state=0) fitted on the same rows, the paper's 2^(-E[h(x)]/c(psi)) score, and `sklearn_score_1000`,
the same with 1000 trees: with 100 trees the Monte Carlo noise of the trees alone keeps two scikit-learn
seeds from ranking the rows alike (Spearman 0.70-0.97 here, printed below), with 1000 it is small enough
to compare implementations. Features are rounded to 3 decimals before fitting, so that the CSV holds exactly
the data scikit-learn saw (apart from its float32 cast). The data is made with fixed NumPy seeds; rerunning
gives the same files for the same NumPy / scikit-learn versions (printed at the end).

Run with any Python that has numpy and scikit-learn, from the repository root, e.g.
    python3 -m venv /tmp/skvenv && /tmp/skvenv/bin/pip install numpy scikit-learn
    /tmp/skvenv/bin/python ops/anomaly/iforest_fixtures.py
"""
import pathlib

import numpy as np
import sklearn
from scipy.stats import spearmanr
from sklearn.ensemble import IsolationForest

OUT = pathlib.Path(__file__).resolve().parents[2] / "models" / "src" / "test" / "resources" / "anomaly"


def gaussian(rng):
    """2000 rows x 4 independent standard normal features; 3% (60) planted outliers: 30 extreme along every
    axis (each feature +-5 to 8 sd, kind 1), 30 at radius 4.5-7 sd in a random direction, so that each
    feature is only about 2-3.5 sd out (kind 2)."""
    n, d, k = 2000, 4, 60
    x = rng.normal(0, 1, (n, d))
    outliers = rng.choice(n, k, replace=False)
    axis, joint = outliers[: k // 2], outliers[k // 2:]
    x[axis] = rng.choice([-1.0, 1.0], (len(axis), d)) * rng.uniform(5, 8, (len(axis), d))
    direction = rng.normal(0, 1, (len(joint), d))
    direction /= np.linalg.norm(direction, axis=1, keepdims=True)
    x[joint] = direction * rng.uniform(4.5, 7, (len(joint), 1))
    label = np.zeros(n, dtype=int)
    label[axis] = 1
    label[joint] = 2
    return x, label


def seasonal(rng):
    """1500 daily rows of a supplier-like series: season (sin, cos of the day of the year), revenue with a
    yearly cycle, sessions and enquiries correlated with it; 2% (30) planted outliers, half revenue spikes,
    half rows where sessions and enquiries collapse while revenue stays seasonal (all kind 1)."""
    n, k = 1500, 30
    day = np.arange(n)
    angle = 2 * np.pi * day / 365.25
    revenue = 100 + 25 * np.sin(angle) + rng.normal(0, 5, n)
    sessions = 0.8 * revenue + rng.normal(0, 4, n)
    enquiries = 0.1 * sessions + rng.normal(0, 1, n)
    x = np.column_stack([np.sin(angle), np.cos(angle), revenue, sessions, enquiries])
    outliers = rng.choice(n, k, replace=False)
    spikes, breaks = outliers[: k // 2], outliers[k // 2:]
    x[spikes, 2] *= rng.uniform(1.8, 2.5, len(spikes))
    x[breaks, 3] = rng.uniform(0, 10, len(breaks))
    x[breaks, 4] = rng.uniform(0, 1, len(breaks))
    label = np.zeros(n, dtype=int)
    label[outliers] = 1
    return x, label


def constant_column(rng):
    """1000 rows: 3 normal features with correlation 0.6 and a constant fourth column (1.0); 3% (30)
    planted outliers shifted by 5 in the first feature (kind 1), the constant column kept constant."""
    n, k = 1000, 30
    cov = np.full((3, 3), 0.6) + 0.4 * np.eye(3)
    x = np.column_stack([rng.multivariate_normal(np.zeros(3), cov, n), np.ones(n)])
    outliers = rng.choice(n, k, replace=False)
    x[outliers, 0] += rng.choice([-5.0, 5.0], k)
    label = np.zeros(n, dtype=int)
    label[outliers] = 1
    return x, label


def write(name, x, label):
    x = np.round(x, 3)
    forest = IsolationForest(n_estimators=100, max_samples=256, random_state=0).fit(x)
    score = -forest.score_samples(x)
    score_1000 = -IsolationForest(n_estimators=1000, max_samples=256, random_state=0).fit(x).score_samples(x)
    d = x.shape[1]
    header = ",".join([f"x{j}" for j in range(d)] + ["outlier", "sklearn_score", "sklearn_score_1000"])
    lines = [header] + [",".join([f"{v:.3f}" for v in row] + [str(l), f"{s:.5f}", f"{s1:.5f}"])
                        for row, l, s, s1 in zip(x, label, score, score_1000)]
    path = OUT / f"{name}.csv"
    path.write_text("\n".join(lines) + "\n")
    print(f"{path.name}: {len(x)} rows x {d} features, {np.sum(label > 0)} planted outliers, {path.stat().st_size:,} bytes")
    for kind in sorted(set(label)):
        s = score[label == kind]
        print(f"  kind {kind} ({len(s)} rows): median score {np.median(s):.3f}, > 0.6: {np.mean(s > 0.6):.3f}, "
              f"> 0.7: {np.mean(s > 0.7):.3f}")
    for trees, reference in ((100, score), (1000, score_1000)):
        seeds = [spearmanr(reference, -IsolationForest(n_estimators=trees, max_samples=256, random_state=r).fit(x)
                           .score_samples(x)).statistic for r in (1, 2, 3)]
        print(f"  {trees} trees: Spearman of random_state=0 with 1, 2, 3: " + ", ".join(f"{v:.4f}" for v in seeds))


OUT.mkdir(parents=True, exist_ok=True)
write("gaussian", *gaussian(np.random.default_rng(20260301)))
write("seasonal", *seasonal(np.random.default_rng(20260302)))
write("constant_column", *constant_column(np.random.default_rng(20260303)))
print(f"numpy {np.__version__}, scikit-learn {sklearn.__version__}")
