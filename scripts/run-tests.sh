#!/usr/bin/env bash
# The test command: install what is needed, build the debug preset (ASan + UBSan) and run
# every test: unit, integration (against real vsftpd and our fault server, all launched
# and stopped by the tests themselves) and fuzz-smoke; then build the fuzz preset (clang,
# libFuzzer) and run its fuzz-smoke: each parser fuzz target for a few seconds, and
# `rfcheck fuzz` against the planted-bug server and vsftpd.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake --preset debug >/dev/null
cmake --build --preset debug
# Sanitizer reports must fail the run, and leaks are checked too.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --preset debug -j "$(nproc)"

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
ctest --preset fuzz -L fuzz-smoke -j "$(nproc)"
