#!/usr/bin/env bash
# fuzz-smoke for `rfcheck fuzz` (CTest, fuzz preset). Four runs:
#   planted       the planted-bug server (tests/planted_ftpd): the fuzzer must find the shallow
#                 bug (a long USER overflows a heap buffer), save a minimized reproducer, and
#                 that reproducer must replay: `rfcheck replay` fails on it (exit 1).
#   vsftpd        a real FTP server, briefly: the campaign runs clean (exit 0: the harness did
#   dovecot-pop3  not crash), writes its reports, finds no crash or hang; likewise Dovecot's
#   dovecot-imap  POP3 and IMAP (tagged commands, literals after the "+", untagged responses).
# All: nothing the campaign started is left running afterwards.
# Usage: session_fuzz_smoke.sh planted|vsftpd|dovecot-pop3|dovecot-imap RFCHECK PLANTED_FTPD SOURCE_DIR WORK_DIR SECONDS
set -euo pipefail
which_run=$1 rfcheck=$2 planted=$3 source=$4 work=$5 seconds=$6

rm -rf "$work"
mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

# Nothing of ours may survive the campaign: the launched servers run from a workdir under
# the system temp dir and are stopped by their pids; look for any left behind.
leftovers() {
  local pattern=$1
  pgrep -f -- "$pattern" || true
}

case $which_run in
  planted)
    profile=$work/planted-ftpd.yaml
    sed "s|build/fuzz/tests/planted_ftpd/planted_ftpd|$planted|" \
      "$source/targets/planted-ftpd.yaml" > "$profile"
    grep -q "$planted" "$profile" || fail "could not point the profile at $planted"
    "$rfcheck" fuzz --target "$profile" --out "$work/out" --specs "$source/specs/ftp" \
      -max_total_time="$seconds" -seed=1 -print_final_stats=1 2>&1 | tail -n 40 || true
    [ -f "$work/out/findings.json" ] || fail "no findings.json"
    python3 - "$work/out/findings.json" <<'PY' > "$work/reproducer"
import json, sys
doc = json.load(open(sys.argv[1]))
for f in doc["findings"]:
    if f["kind"] == "crash" and "heap-buffer-overflow" in f["message"] and "cmd_user" in f["stack_signature"]:
        assert f["confirmed"], "the USER overflow was not confirmed on replay"
        assert f["minimized_actions"] <= 2, "not minimized: %d actions" % f["minimized_actions"]
        print(f["reproducer_yaml"])
        break
else:
    sys.exit("the shallow planted bug (USER overflow in cmd_user) was not found: %s"
             % [(f["kind"], f["message"]) for f in doc["findings"]])
PY
    reproducer=$(cat "$work/reproducer")
    [ -f "$reproducer" ] || fail "reproducer $reproducer missing"
    set +e
    "$rfcheck" replay --target "$profile" --specs "$source/specs/ftp" "$reproducer" > "$work/replay.log" 2>&1
    code=$?
    set -e
    cat "$work/replay.log" | tail -n 20
    [ "$code" = 1 ] || fail "replaying the reproducer exited $code, not 1 (reproduced)"
    [ -z "$(leftovers "^$planted")" ] || fail "planted_ftpd still running: $(leftovers "^$planted")"
    ;;
  vsftpd|dovecot-pop3|dovecot-imap)
    protocol=$(sed -n 's/^protocol: *//p' "$source/targets/$which_run.yaml")
    before=$(leftovers "/tmp/rfcheck-$which_run-" | sort)
    "$rfcheck" fuzz --target "$source/targets/$which_run.yaml" --out "$work/out" \
      --specs "$source/specs/$protocol" -max_total_time="$seconds" -seed=1 2>&1 | tail -n 20
    for f in findings.json findings.sarif report.html coverage.csv; do
      [ -s "$work/out/$f" ] || fail "$f not written"
    done
    python3 - "$work/out/findings.json" "$which_run" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["executions"] > 0, "no sessions played"
crashes = [f for f in doc["findings"] if f["kind"] in ("crash", "hang")]
assert not crashes, "%s crashed or hung: %s" % (sys.argv[2], crashes)
print("%s: %d sessions, %d findings" % (sys.argv[2], doc["executions"], len(doc["findings"])))
PY
    after=$(leftovers "/tmp/rfcheck-$which_run-" | sort)
    left=$(comm -13 <(echo "$before") <(echo "$after"))
    [ -z "$left" ] || fail "$which_run processes left running: $left"
    ;;
  *) fail "unknown run $which_run" ;;
esac
echo "ok: $which_run"
