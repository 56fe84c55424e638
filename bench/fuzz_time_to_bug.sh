#!/usr/bin/env bash
# Time to each planted bug of one planted server over several independent campaigns (median),
# and the campaigns' states/edges curves. Built with the fuzz preset.
#
#   [SERVER=planted-ftpd|planted-ftpd2|planted-smtpd] [ONLY=BUG] [PARALLEL=1]
#   bench/fuzz_time_to_bug.sh [RUNS] [SECONDS] [RFCHECK] [OUT]
#
# Each run: rfcheck fuzz --target targets/$SERVER.yaml -max_total_time=SECONDS -seed=N with
# its own out dir; the time a bug was first seen is the finding's first_seen_seconds
# (findings.json). A bug not found in a run counts as not found (the median is over the runs
# that found it, with the count shown). Prints one table; keeps every run's coverage.csv.
#
# ONLY=BUG (planted-ftpd2, planted-smtpd): every other bug is turned off (--no-bug), so a
# shallow crash found first does not end the sessions that would reach the deep one; run
# once per bug for per-bug times in isolation.
# The campaigns run one at a time by default (PARALLEL=1): on 2 shared cores, parallel
# campaigns slow each other and the times would measure the machine, not the fuzzer.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5} seconds=${2:-600} rfcheck=${3:-build/fuzz/harness/cli/rfcheck}
server=${SERVER:-planted-ftpd}
out=${4:-out/bench/time-to-bug/$server${ONLY:+-only-$ONLY}}
target=targets/$server.yaml
[[ -f $target ]] || { echo "no profile $target" >&2; exit 2; }
rm -rf "$out"
mkdir -p "$out"
if [[ -n ${ONLY:-} ]]; then
  # A copy of the profile whose command ends with --no-bug for each bug but ONLY.
  python3 - "$target" "$out/$server.yaml" "$ONLY" "$PWD" <<'PY'
import subprocess, sys, yaml
src, dst, only, repo = sys.argv[1:5]
doc = yaml.safe_load(open(src))
cmd = doc["launch"]["command"]
binary = cmd[0] if cmd[0].startswith("/") else f"{repo}/{cmd[0]}"
names = subprocess.run([binary, "--help"], capture_output=True, text=True).stdout
known = names.split("Bugs:")[1].split("(")[0].split()
if only not in known:
    sys.exit(f"{only} is not a bug of {binary} ({' '.join(known)})")
for name in known:
    if name != only:
        cmd += ["--no-bug", name]
cmd[0] = binary  # the copy lives in the out dir: an absolute path
yaml.safe_dump(doc, open(dst, "w"), sort_keys=False)
PY
  target=$out/$server.yaml
fi
parallel=${PARALLEL:-1}
for run in $(seq 1 "$runs"); do
  echo "$server run $run/$runs: $seconds s" >&2
  "$rfcheck" fuzz --target "$target" --out "$out/run-$run" \
    -max_total_time="$seconds" -seed="$run" > "$out/run-$run.log" 2>&1 &
  if (( run % parallel == 0 )); then wait; fi
done
wait
python3 bench/time_to_bug.py "$out" "$runs" "$server"
