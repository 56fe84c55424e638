#!/usr/bin/env bash
# The main job: install what is needed, build rfcheck (release preset) and run the
# conformance suites against real servers that rfcheck launches itself. Reports are
# written to out/reports/ (JUnit XML and JSON per target).
# Exit status: 0 when no gated case failed beyond each server's known-deviation baseline.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release

mkdir -p out/reports
status=0
for target in vsftpd exim4 aiosmtpd aiosmtpd-smtps dovecot-pop3 dovecot-pop3s dovecot-imap dovecot-imaps; do
  echo "== rfcheck run --target targets/$target.yaml"
  ./build/release/harness/cli/rfcheck run --target "targets/$target.yaml" --jobs "$(nproc)" \
    --report "junit:out/reports/$target.junit.xml" --report "json:out/reports/$target.json" \
    || status=$?
done
echo "reports: $(pwd)/out/reports"
exit $status
