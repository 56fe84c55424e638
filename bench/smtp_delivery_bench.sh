#!/usr/bin/env bash
# Messages per second through a delivery-checking SMTP case, against the server the profile
# launches, and the same messages sent by a bare smtplib loop against the same server started
# the same way. Builds nothing. Needs root (the SMTP profiles), python3 with PyYAML (for the
# bare loop's launch). See bench/README.md for the figures.
#
# Usage: bench/smtp_delivery_bench.sh TARGET [RFCHECK] [N]
#   TARGET   an SMTP target profile that launches its server (targets/exim4.yaml, targets/aiosmtpd.yaml)
#   RFCHECK  rfcheck binary (default build/release/harness/cli/rfcheck), a release build
#   N        messages, one case each (default 200)
# Environment: RFCHECK_BENCH_CHECK=body checks only the body (default full: the whole message),
#              RFCHECK_BENCH_KEEP=1 keeps the spec folder, reports and the bare loop's workdirs.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
if [[ $# -lt 1 ]]; then
  echo "usage: $0 TARGET [RFCHECK] [N]" >&2
  exit 2
fi
target=$1
rfcheck=${2:-$root/build/release/harness/cli/rfcheck}
n=${3:-200}
mode=${RFCHECK_BENCH_CHECK:-full}
jobs_values=(1 2)

case $rfcheck in /*) ;; *) rfcheck=$PWD/$rfcheck ;; esac
case $target in /*) ;; *) [[ -f $root/$target ]] || target=$PWD/$target ;; esac
[[ -f $target || -f $root/$target ]] || { echo "ERROR: no target profile $target" >&2; exit 2; }
[[ -x $rfcheck ]] || { echo "ERROR: no rfcheck binary at $rfcheck (build it first, or pass its path)" >&2; exit 2; }
# The bare loop reads the profile with PyYAML: the first interpreter that has it.
py=
for cand in python3 /usr/bin/python3; do
  if command -v "$cand" >/dev/null && "$cand" -c 'import yaml' 2>/dev/null; then py=$cand; break; fi
done
[[ -n $py ]] || { echo "ERROR: python3 with PyYAML (python3-yaml) is needed" >&2; exit 2; }

out=$(mktemp -d /tmp/rfcheck-smtpbench.XXXXXX)
if [[ -z ${RFCHECK_BENCH_KEEP:-} ]]; then trap 'rm -rf "$out"' EXIT; fi
manifest=$out/manifest
"$py" "$here/smtp_delivery.py" gen "$out/specs" "$root/specs/smtp/protocol.yaml" "$n" "$mode"
# The profile's baseline names cases of the shipped suites, none of which the bench's own
# suite has: an empty one (a baseline entry that names no case is an error).
printf 'known: []\n' >"$out/empty.baseline.yaml"

echo "rfcheck: $rfcheck"
echo "target: $target; $n messages; mailbox check: $mode"
echo "host: $(nproc) CPUs, $(uname -r); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "command: $rfcheck run --target $target --specs $out/specs --baseline EMPTY --jobs N --report json:FILE"
echo "bare:    $py bench/smtp_delivery.py bare $target $n N"
echo

# For each --jobs value the rfcheck run and the bare loop run back to back (same machine load).
for jobs in "${jobs_values[@]}"; do
  status=0
  (cd "$root" && python3 "$here/run_usage.py" "$rfcheck" run --target "$target" \
      --specs "$out/specs" --baseline "$out/empty.baseline.yaml" --jobs "$jobs" \
      --report "json:$out/j$jobs.json") \
    >"$out/j$jobs.usage" 2>"$out/j$jobs.stderr" || status=$?
  tail -n 1 "$out/j$jobs.usage" >"$out/j$jobs.usage.json"
  code=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["exit"])' \
    "$out/j$jobs.usage.json" 2>/dev/null || echo "?")
  if [[ $status -ne 0 || ( $code != 0 && $code != 1 ) || ! -s $out/j$jobs.json ]]; then
    echo "ERROR: rfcheck --jobs $jobs failed (exit $code); its stderr:" >&2
    tail -n 20 "$out/j$jobs.stderr" >&2
    exit 3
  fi
  echo "$jobs rfcheck $out/j$jobs.usage.json $out/j$jobs.json" >>"$manifest"
  echo "done: rfcheck --jobs $jobs"
  (cd "$root" && "$py" "$here/smtp_delivery.py" bare "$target" "$n" "$jobs") \
    >"$out/bare$jobs.json" 2>"$out/bare$jobs.stderr" || {
    echo "ERROR: bare loop --jobs $jobs failed:" >&2
    tail -n 20 "$out/bare$jobs.stderr" >&2
    exit 3
  }
  echo "$jobs bare $out/bare$jobs.json" >>"$manifest"
  echo "done: bare loop, $jobs thread(s)"
done
echo

python3 "$here/smtp_delivery.py" summary "$manifest"
if [[ -n ${RFCHECK_BENCH_KEEP:-} ]]; then echo; echo "kept in $out"; fi
