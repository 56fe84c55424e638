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
# The campaigns run side by side (PARALLEL at a time, default all): each spends most of its
# time waiting on the network, so on 2 cores five at once still keep their pace roughly.
parallel=${PARALLEL:-$runs}
for run in $(seq 1 "$runs"); do
  echo "run $run/$runs: $seconds s" >&2
  "$rfcheck" fuzz --target targets/planted-ftpd.yaml --out "$out/run-$run" \
    -max_total_time="$seconds" -seed="$run" > "$out/run-$run.log" 2>&1 &
  if (( run % parallel == 0 )); then wait; fi
done
wait
python3 bench/time_to_bug.py "$out" "$runs"
