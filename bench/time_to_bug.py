#!/usr/bin/env python3
"""Reads the campaigns of bench/fuzz_time_to_bug.sh (OUT/run-N/findings.json) and prints, per
planted bug of tests/planted_ftpd, in how many runs it was found and the time to it.

    bench/time_to_bug.py OUT RUNS
"""
import json, os, statistics, sys
out, runs = sys.argv[1], int(sys.argv[2])
# Each planted bug by what its sanitizer report says (tests/planted_ftpd/README.md).
bugs = [
    ("1 first command: long USER", lambda f: "cmd_user" in f["stack_signature"]),
    ("2 after login: REST -1", lambda f: "cmd_rest" in f["stack_signature"]),
    ("3 RNFR, DELE, RNTO", lambda f: "heap-use-after-free" in f["message"]),
    ("4 REIN after a transfer", lambda f: "double-free" in f["message"]),
]
times = {name: [] for name, _ in bugs}
execs = []
for run in range(1, runs + 1):
    path = os.path.join(out, f"run-{run}", "findings.json")
    if not os.path.exists(path):
        continue
    doc = json.load(open(path))
    execs.append(doc["executions"] / max(doc["seconds"], 1e-9))
    for name, match in bugs:
        hits = [f["first_seen_seconds"] for f in doc["findings"] if f["kind"] == "crash" and match(f)]
        if hits:
            times[name].append(min(hits))
print(f"{'planted bug':28} {'found':>7} {'median s':>9} {'min s':>7} {'max s':>7}")
for name, _ in bugs:
    t = times[name]
    if t:
        print(f"{name:28} {len(t):>3}/{runs:<3} {statistics.median(t):9.1f} {min(t):7.1f} {max(t):7.1f}")
    else:
        print(f"{name:28} {0:>3}/{runs:<3} {'-':>9} {'-':>7} {'-':>7}")
if execs:
    print(f"campaign sessions/s (libFuzzer loop incl. triage): median {statistics.median(execs):.1f}")
print(f"coverage curves: {out}/run-*/coverage.csv, plots in {out}/run-*/report.html")
