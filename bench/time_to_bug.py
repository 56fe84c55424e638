#!/usr/bin/env python3
"""Reads the campaigns of bench/fuzz_time_to_bug.sh (OUT/run-N/findings.json) and prints, per
planted bug of the server fuzzed, in how many runs it was found and the time to it.

    bench/time_to_bug.py OUT RUNS [SERVER]

SERVER: planted-ftpd (default), planted-ftpd2 or planted-smtpd (their README.md list the bugs).
"""
import json, os, statistics, sys


def frame(name):
    """A crash whose top frames (or message) name the function the bug lives in."""
    return lambda f: name in f.get("stack_signature", "") or name in f.get("message", "")


def report(kind):
    return lambda f: kind in f.get("message", "") or kind in f.get("sanitizer_report", "")[:300]


# Each planted bug by what its sanitizer report says.
BUGS = {
    "planted-ftpd": [  # tests/planted_ftpd/README.md
        ("1 first command: long USER", frame("cmd_user")),
        ("2 after login: REST -1", frame("cmd_rest")),
        ("3 RNFR, DELE, RNTO", report("heap-use-after-free")),
        ("4 REIN after a transfer", report("double-free")),
    ],
    "planted-ftpd2": [  # tests/planted_ftpd2/README.md
        ("help-topic (depth 1)", frame("cmd_help")),
        ("rnfr-after-cwd (depth 5)", frame("cmd_rnto")),
        ("stou-dele (depth 6)", lambda f: frame("forget_upload")(f) or frame("cmd_dele")(f)),
        ("cwd-depth (depth 20)", frame("change_dir")),
    ],
    "planted-smtpd": [  # tests/planted_smtpd/README.md
        ("ehlo-name (depth 1)", frame("cmd_ehlo")),
        ("auth-authzid (depth 2)", frame("auth_plain")),
        ("size-after-rset (depth 6+)", frame("trace_headers")),
        ("rcpt-table (depth 131)", frame("add_recipient")),
    ],
}

out, runs = sys.argv[1], int(sys.argv[2])
server = sys.argv[3] if len(sys.argv) > 3 else "planted-ftpd"
bugs = BUGS[server.removesuffix("-fork")]
times = {name: [] for name, _ in bugs}
execs = []
for run in range(1, runs + 1):
    path = os.path.join(out, f"run-{run}", "findings.json")
    if not os.path.exists(path):
        continue
    doc = json.load(open(path))
    execs.append(doc["executions"] / max(doc["seconds"], 1e-9))
    for name, match in bugs:
        hits = [f["first_seen_seconds"] for f in doc["findings"] if f["kind"] == "crash" and match(f)]
        if hits:
            times[name].append(min(hits))
print(f"server: {server}")
print(f"{'planted bug':30} {'found':>7} {'median s':>9} {'min s':>7} {'max s':>7}")
for name, _ in bugs:
    t = times[name]
    if t:
        print(f"{name:30} {len(t):>3}/{runs:<3} {statistics.median(t):9.1f} {min(t):7.1f} {max(t):7.1f}")
    else:
        print(f"{name:30} {0:>3}/{runs:<3} {'-':>9} {'-':>7} {'-':>7}")
if execs:
    print(f"campaign sessions/s (libFuzzer loop incl. triage): median {statistics.median(execs):.1f}")
print(f"coverage curves: {out}/run-*/coverage.csv, plots in {out}/run-*/report.html")
