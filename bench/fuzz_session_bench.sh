#!/usr/bin/env bash
# Sessions per second of the session fuzzer against a bare replay loop of the same sessions
# on the same server instance (bench/session/session_bench.cpp), for a target profile.
#
#   bench/fuzz_session_bench.sh PROFILE [SECONDS] [ROUNDS] [BUILD]
#
# 1. rfcheck fuzz runs SECONDS against the profile: its corpus is the sessions to measure
#    (seeds plus what the fuzzer kept), and its libFuzzer loop rate is reported too.
# 2. session_bench plays that corpus ROUNDS times through the fuzzer's machinery (executor,
#    codec, oracles, feedback) and through the bare loop, alternating, and prints the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=$1 seconds=${2:-60} rounds=${3:-3} build=${4:-build/fuzz}
name=$(basename "$profile" .yaml)
out=out/bench/sessions-$name
rm -rf "$out"
mkdir -p "$out"
"$build/harness/cli/rfcheck" fuzz --target "$profile" --out "$out/campaign" \
  -max_total_time="$seconds" -seed=1 > "$out/campaign.log" 2>&1 || true
python3 - "$out/campaign/findings.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print(f"campaign: {d['executions']} sessions in {d['seconds']:.1f} s = "
      f"{d['executions'] / max(d['seconds'], 1e-9):.1f}/s (libFuzzer loop, mutation and triage "
      f"included), {len(d['findings'])} findings, {d['server_restarts']} restarts, mode {d['mode']}")
PY
"$build/fuzz/bench-session/session_bench" "$profile" "$out/campaign/seeds:$out/campaign/corpus" "$rounds" \
  "specs/$(grep -m1 '^protocol:' "$profile" | awk '{print $2}')"
