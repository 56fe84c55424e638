#!/usr/bin/env python3
"""Reads the runs of suite_bench.sh and prints the figures (bench/README.md says what each
one means). Input: a manifest file, one run a line: JOBS REP USAGE_JSON REPORT_JSON."""
import json
import statistics
import sys
from collections import defaultdict


def load(manifest):
    runs = []
    with open(manifest) as f:
        for line in f:
            jobs, rep, usage, report = line.split()
            with open(usage) as u:
                use = json.loads(u.read().strip().splitlines()[-1])
            with open(report) as r:
                rep_json = json.load(r)
            runs.append({"jobs": int(jobs), "rep": int(rep), "use": use, "report": rep_json})
    return runs


def figures(run):
    use, cases = run["use"], run["report"]["cases"]
    cpu = use["self_user_s"] + use["self_sys_s"]
    wall = use["wall_s"]
    return {
        "wall_s": wall,
        "cases": len(cases),
        "cases_per_s": len(cases) / wall,
        "harness_cpu_s": cpu,
        "harness_user_s": use["self_user_s"],
        "harness_sys_s": use["self_sys_s"],
        "cpu_per_wall": cpu / wall,
        "server_cpu_s": use["children_user_s"] + use["children_sys_s"],
        "peak_rss_mib": use["self_peak_rss_kb"] / 1024,
        "over_1s": sum(1 for c in cases if c["duration_ms"] > 1000),
        "over_1s_ms": sum(c["duration_ms"] for c in cases if c["duration_ms"] > 1000),
        "case_ms_sum": sum(c["duration_ms"] for c in cases),
    }


ROWS = [
    ("wall time (s)", "wall_s", "{:.2f}"),
    ("cases", "cases", "{:d}"),
    ("cases per second", "cases_per_s", "{:.2f}"),
    ("harness CPU user+sys (s)", "harness_cpu_s", "{:.2f}"),
    ("  of which user (s)", "harness_user_s", "{:.2f}"),
    ("  of which sys (s)", "harness_sys_s", "{:.2f}"),
    ("harness CPU / wall", "cpu_per_wall", "{:.3f}"),
    ("server CPU, reaped (s)", "server_cpu_s", "{:.2f}"),
    ("harness peak RSS (MiB)", "peak_rss_mib", "{:.1f}"),
    ("cases taking > 1 s", "over_1s", "{:d}"),
    ("  their summed time (ms)", "over_1s_ms", "{:d}"),
    ("sum of case durations (ms)", "case_ms_sum", "{:d}"),
]


def median(values):
    m = statistics.median(values)
    return int(m) if all(isinstance(v, int) for v in values) and m == int(m) else m


def main():
    runs = load(sys.argv[1])
    by_jobs = defaultdict(list)
    for run in runs:
        by_jobs[run["jobs"]].append(run)
    jobs_list = sorted(by_jobs)

    print("== medians over {} runs each ==".format(
        "/".join(str(len(by_jobs[j])) for j in jobs_list)))
    header = "{:<30}".format("figure") + "".join("{:>14}".format(f"--jobs {j}") for j in jobs_list)
    print(header)
    for label, key, fmt in ROWS:
        line = "{:<30}".format(label)
        for j in jobs_list:
            line += "{:>14}".format(fmt.format(median([figures(r)[key] for r in by_jobs[j]])))
        print(line)

    print("\n== every run ==")
    for run in runs:
        f = figures(run)
        s = run["report"]["summary"]
        counts = " ".join(f"{k}={s[k]}" for k in ("pass", "fail", "known", "inconclusive", "error", "skip")
                          if k in s)
        print(f"jobs={run['jobs']} rep={run['rep']} exit={run['use']['exit']} "
              f"wall={f['wall_s']:.2f}s cpu={f['harness_cpu_s']:.2f}s "
              f"rss={f['peak_rss_mib']:.1f}MiB >1s={f['over_1s']} {counts}")

    if 1 in by_jobs and 2 in by_jobs:
        print("\n== speed-up, --jobs 2 over --jobs 1 (wall time ratio, same repetition) ==")
        ones = {r["rep"]: r["use"]["wall_s"] for r in by_jobs[1]}
        ratios = []
        for r in by_jobs[2]:
            if r["rep"] in ones:
                ratios.append(ones[r["rep"]] / r["use"]["wall_s"])
                print(f"rep {r['rep']}: {ones[r['rep']]:.2f}s / {r['use']['wall_s']:.2f}s = "
                      f"{ratios[-1]:.2f}x")
        if ratios:
            print(f"median speed-up: {statistics.median(ratios):.2f}x")

    # Slowest cases: each case's median duration over the --jobs 1 runs (no contention).
    base = by_jobs[jobs_list[0]]
    per_case = defaultdict(list)
    for run in base:
        for c in run["report"]["cases"]:
            per_case[c["id"]].append(c["duration_ms"])
    slowest = sorted(per_case.items(), key=lambda kv: -statistics.median(kv[1]))[:5]
    print(f"\n== 5 slowest cases (median duration over the --jobs {jobs_list[0]} runs) ==")
    verdicts = {c["id"]: c["verdict"] for c in base[0]["report"]["cases"]}
    for case_id, ms in slowest:
        print(f"{statistics.median(ms):>8.0f} ms  {case_id}  ({verdicts.get(case_id, '?')})")


if __name__ == "__main__":
    main()
