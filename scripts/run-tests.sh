#!/usr/bin/env bash
# The test command: install what is needed, build the debug preset (ASan + UBSan) and run
# every test: unit, integration (against real vsftpd and our fault server, all launched
# and stopped by the tests themselves) and fuzz-smoke; meanwhile build the fuzz preset (clang,
# libFuzzer), then run its fuzz-smoke: each parser fuzz target for a few seconds, and
# `rfcheck fuzz` against the planted-bug server and vsftpd.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset debug >/dev/null
cmake --build --preset debug

# The fuzz preset compiles (at low priority) while the debug tests run: those mostly wait on
# servers and time-outs, so the two together take little longer than the tests alone.
cmake --preset fuzz >/dev/null
mkdir -p build
nice -n 10 cmake --build --preset fuzz >build/fuzz-build.log 2>&1 &
fuzz_build=$!
trap 'kill "$fuzz_build" 2>/dev/null || true' EXIT

# Sanitizer reports must fail the run, and leaks are checked too.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
debug_status=0
ctest --preset debug -j "$(nproc)" || debug_status=$?

fuzz_status=0
wait "$fuzz_build" || fuzz_status=$?
trap - EXIT
if [ "$fuzz_status" -ne 0 ]; then
  cat build/fuzz-build.log
  echo "run-tests: the fuzz preset did not build" >&2
  exit 1
fi
if [ "$debug_status" -ne 0 ]; then
  echo "run-tests: the debug tests failed" >&2
  exit "$debug_status"
fi
ctest --preset fuzz -L fuzz-smoke -j "$(nproc)"
