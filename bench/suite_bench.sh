#!/usr/bin/env bash
# Benchmarks `rfcheck run --target TARGET` (the suites of the profile's protocol, against the
# server the harness launches from the profile) at --jobs 1 and --jobs 2, REPS times each, and
# prints medians. Builds nothing. Needs what the profile needs (root for the launching profiles)
# and python3. See bench/README.md for the figures.
#
# Usage: bench/suite_bench.sh TARGET [RFCHECK] [REPS]
#   TARGET   target profile, e.g. targets/vsftpd.yaml, targets/exim4.yaml, targets/aiosmtpd.yaml
#            (relative to the repository root, or absolute)
#   RFCHECK  rfcheck binary (default build/release/harness/cli/rfcheck), a release build
#   REPS     repetitions per --jobs value (default 3); keep RFCHECK_BENCH_KEEP=1 to keep reports
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
if [[ $# -lt 1 ]]; then
  echo "usage: $0 TARGET [RFCHECK] [REPS]" >&2
  exit 2
fi
target=$1
rfcheck=${2:-$root/build/release/harness/cli/rfcheck}
reps=${3:-3}
jobs_values=(1 2)

if [[ ! -f $target && ! -f $root/$target ]]; then
  echo "ERROR: no target profile $target" >&2
  exit 2
fi
if [[ ! -x $rfcheck ]]; then
  echo "ERROR: no rfcheck binary at $rfcheck (build it first, or pass its path)" >&2
  exit 2
fi
# rfcheck runs from the repository root (the profiles' relative paths, the installed specs).
case $rfcheck in /*) ;; *) rfcheck=$PWD/$rfcheck ;; esac
case $target in /*) ;; *) [[ -f $root/$target ]] || target=$PWD/$target ;; esac
command -v python3 >/dev/null || { echo "ERROR: python3 is needed" >&2; exit 2; }

out=$(mktemp -d /tmp/rfcheck-bench.XXXXXX)
if [[ -z ${RFCHECK_BENCH_KEEP:-} ]]; then trap 'rm -rf "$out"' EXIT; fi
manifest=$out/manifest

echo "rfcheck: $rfcheck"
echo "target: $target"
echo "host: $(nproc) CPUs, $(uname -r); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "command: $rfcheck run --target $target --jobs N --report json:FILE"
echo

# Repetitions outermost, so --jobs 1 and --jobs 2 of one repetition run back to back and
# their ratio sees the same machine load.
for rep in $(seq 1 "$reps"); do
  for jobs in "${jobs_values[@]}"; do
    tag=j${jobs}-r${rep}
    status=0
    (cd "$root" && python3 "$here/run_usage.py" "$rfcheck" run --target "$target" \
        --jobs "$jobs" --report "json:$out/$tag.json") \
      >"$out/$tag.usage" 2>"$out/$tag.stderr" || status=$?
    # The usage line is the last line of stdout; rfcheck's own console output comes before it.
    tail -n 1 "$out/$tag.usage" >"$out/$tag.usage.json"
    code=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["exit"])' \
      "$out/$tag.usage.json" 2>/dev/null || echo "?")
    # 0: nothing gated failed, 1: gated failures (a verdict, not a bench failure).
    if [[ $status -ne 0 || ( $code != 0 && $code != 1 ) || ! -s $out/$tag.json ]]; then
      echo "ERROR: run $tag failed (rfcheck exit $code); its stderr:" >&2
      tail -n 20 "$out/$tag.stderr" >&2
      exit 3
    fi
    echo "$jobs $rep $out/$tag.usage.json $out/$tag.json" >>"$manifest"
    echo "done: --jobs $jobs, repetition $rep"
  done
done
echo

python3 "$here/summarize.py" "$manifest"
if [[ -n ${RFCHECK_BENCH_KEEP:-} ]]; then echo; echo "reports kept in $out"; fi
