#!/usr/bin/env bash
# Time to each planted bug of tests/planted_ftpd over several independent campaigns (median),
# and the campaigns' states/edges curves. Built with the fuzz preset.
#
#   bench/fuzz_time_to_bug.sh [RUNS] [SECONDS] [RFCHECK] [OUT]
#
# Each run: rfcheck fuzz --target targets/planted-ftpd.yaml -max_total_time=SECONDS -seed=N
# with its own out dir; the time a bug was first seen is the finding's first_seen_seconds
# (findings.json). A bug not found in a run counts as not found (the median is over the runs
# that found it, with the count shown). Prints one table; keeps every run's coverage.csv.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5} seconds=${2:-600} rfcheck=${3:-build/fuzz/harness/cli/rfcheck} out=${4:-out/bench/time-to-bug}
rm -rf "$out"
mkdir -p "$out"
for run in $(seq 1 "$runs"); do
  echo "run $run/$runs: $seconds s" >&2
  "$rfcheck" fuzz --target targets/planted-ftpd.yaml --out "$out/run-$run" \
    -max_total_time="$seconds" -seed="$run" > "$out/run-$run.log" 2>&1 || true
done
python3 - "$out" "$runs" <<'PY'
import json, os, statistics, sys
out, runs = sys.argv[1], int(sys.argv[2])
# Each planted bug by what its sanitizer report says (tests/planted_ftpd/README.md).
bugs = [
    ("1 first command: long USER", lambda f: "cmd_user" in f["stack_signature"]),
    ("2 after login: REST -1", lambda f: "cmd_rest" in f["stack_signature"]),
    ("3 RNFR, DELE, RNTO", lambda f: "heap-use-after-free" in f["stack_signature"]),
    ("4 REIN after a transfer", lambda f: "double-free" in f["stack_signature"]),
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
PY
