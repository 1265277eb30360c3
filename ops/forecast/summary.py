"""Joins ForecastBenchmark's and references.py's lines (stdin) into the side-by-side table and the summary line."""
import statistics
import sys

rows, chosen = {}, {}
for line in sys.stdin:
    f = line.split()
    if len(f) < 6 or f[0] not in ("ours", "hw", "snaive"):
        continue
    rows[(f[1], int(f[2]), f[0])] = (float(f[3]), float(f[4]), int(f[5]))
    if f[0] == "ours":
        chosen[(f[1], int(f[2]))] = f[6] if len(f) > 6 else ""
series = sorted({k[0] for k in rows})
head = ("series", "step", "ours MAPE", "HW MAPE", "snaive", "ours cov", "HW cov", "sn cov")
print("%-16s %4s | %9s %8s %8s | %8s %7s %7s | chosen by ours (origins)" % head)
summary = {}
for step in (1, 3):
    ratios, beats, cov, cov_hw = [], 0, [], []
    for s in series:
        o, h, n = rows[(s, step, "ours")], rows[(s, step, "hw")], rows[(s, step, "snaive")]
        print("%-16s %4d | %9.4f %8.4f %8.4f | %8.3f %7.3f %7.3f | %s" % (s, step, o[0], h[0], n[0], o[1], h[1], n[1],
                                                                        chosen[(s, step)]))
        ratios.append(o[0] / h[0])
        beats += o[0] < n[0]
        cov.append(o[1])
        cov_hw.append(h[1])
    summary[f"h{step}_median_mape_ratio_vs_hw"] = round(statistics.median(ratios), 3)
    summary[f"h{step}_beats_snaive"] = f"{beats}/{len(series)}"
    summary[f"h{step}_coverage_ours"] = round(statistics.mean(cov), 3)
    summary[f"h{step}_coverage_hw"] = round(statistics.mean(cov_hw), 3)
print("forecast-vs-statsmodels: series=%d origins=%s " % (len(series), sys.argv[1])
      + " ".join(f"{k}={v}" for k, v in summary.items()))
