#!/usr/bin/env bash
# Repeatability: runs each launched real target's suites REPS times at --jobs 1 and at
# --jobs 4 and prints, per target, how many cases ever changed verdict across all those runs
# (the goal is 0; every flip is a bug to fix at its cause). Builds nothing; give it a release
# binary. Needs what the profiles need (root, the server packages: scripts/install-deps.sh)
# and python3. See bench/README.md.
#
# Usage: bench/repeatability.sh [RFCHECK] [REPS] [TARGET...]
#   RFCHECK  rfcheck binary (default build/release/harness/cli/rfcheck)
#   REPS     runs per --jobs value and target (default 20)
#   TARGET   profiles (default: vsftpd, exim4, aiosmtpd, dovecot-pop3, dovecot-imap)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
rfcheck=${1:-$root/build/release/harness/cli/rfcheck}
reps=${2:-20}
shift $(( $# >= 2 ? 2 : $# ))
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  targets=(targets/vsftpd.yaml targets/exim4.yaml targets/aiosmtpd.yaml
           targets/dovecot-pop3.yaml targets/dovecot-imap.yaml)
fi
case $rfcheck in /*) ;; *) rfcheck=$PWD/$rfcheck ;; esac
[[ -x $rfcheck ]] || { echo "ERROR: no rfcheck binary at $rfcheck (build it first)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "ERROR: python3 is needed" >&2; exit 2; }

out=$(mktemp -d /tmp/rfcheck-repeat.XXXXXX)
if [[ -z ${RFCHECK_BENCH_KEEP:-} ]]; then trap 'rm -rf "$out"' EXIT; else echo "reports in $out"; fi
cd "$root"  # the profiles' relative paths
status=0
for target in "${targets[@]}"; do
  name=$(basename "$target" .yaml)
  for ((rep = 1; rep <= reps; rep++)); do
    for jobs in 1 4; do
      report=$out/$name.j$jobs.r$rep.json
      set +e
      "$rfcheck" run --target "$target" --jobs "$jobs" --report "json:$report" >/dev/null 2>&1
      code=$?
      set -e
      if [[ $code -ge 2 || ! -s $report ]]; then
        echo "ERROR: $name --jobs $jobs run $rep: exit $code" >&2
        status=3
      fi
    done
  done
done
python3 "$here/verdict_flips.py" "$out"/*.json || status=3
exit $status
