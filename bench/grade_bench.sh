#!/usr/bin/env bash
# Grades a class of N submissions (copies of the eight samples of tests/grade/samples) with tests/grade/pop3-rubric.yaml at --jobs 1 and at --jobs 2, and
# prints the wall times and their ratio. Each grading starts from nothing (--fresh, a new
# output folder). Needs root for the confinement (uids, network namespaces) and python3, cc.
#
# Usage: bench/grade_bench.sh [RFCHECK] [N]
#   RFCHECK  rfcheck binary (default build/release/harness/cli/rfcheck, else build/debug's)
#   N        submissions (default 30)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
rfcheck=${1:-$root/build/release/harness/cli/rfcheck}
[[ -x $rfcheck ]] || rfcheck=$root/build/debug/harness/cli/rfcheck
count=${2:-30}
if [[ ! -x $rfcheck ]]; then
  echo "ERROR: no rfcheck binary (build one, or pass its path)" >&2
  exit 2
fi

work=$(mktemp -d /tmp/rfcheck-grade-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
samples=$(ls -d "$root"/tests/grade/samples/*/ | wc -l)
copies=$(( (count + samples - 1) / samples ))
"$root/tests/grade/make_class.sh" "$work/all" "$copies"
# Exactly N: copy 1 of every sample, then copy 2 of every sample, ... (every sample is
# among them for N >= 8, and no sample has two copies more than another).
mkdir "$work/class"
for k in $(seq 1 "$copies"); do
  for sample in "$root"/tests/grade/samples/*/; do echo "$(basename "$sample")-$k"; done
done >"$work/order"
head -n "$count" "$work/order" | while read -r name; do mv "$work/all/$name" "$work/class/"; done
echo "binary: $rfcheck"
echo "class: $(ls "$work/class" | wc -l) submissions; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"

declare -A took
for jobs in 1 2; do
  start=$(date +%s.%N)
  status=0
  "$rfcheck" grade --rubric "$root/tests/grade/pop3-rubric.yaml" --submissions "$work/class" \
    --out "$work/out-$jobs" --jobs "$jobs" --fresh >"$work/log-$jobs" 2>&1 || status=$?
  end=$(date +%s.%N)
  took[$jobs]=$(python3 -c "print(f'{$end - $start:.1f}')")
  echo "--jobs $jobs: ${took[$jobs]} s (exit $status); statuses: $(cut -d, -f4 "$work/out-$jobs/gradebook.csv" | tail -n +2 | sort | uniq -c | tr -s ' ' | tr '\n' ';')"
done
if ! cmp -s "$work/out-1/gradebook.csv" "$work/out-2/gradebook.csv"; then
  echo "WARNING: the gradebooks of --jobs 1 and --jobs 2 differ:"
  diff "$work/out-1/gradebook.csv" "$work/out-2/gradebook.csv" || true
fi
python3 -c "print(f'ratio --jobs 1 / --jobs 2: {${took[1]} / ${took[2]}:.2f}')"
