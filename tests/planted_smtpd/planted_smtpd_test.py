#!/usr/bin/env python3
"""planted_smtpd's tests (CTest, label integration; tests/planted_smtpd/CMakeLists.txt).

    planted_smtpd_test.py SERVER bug NAME        the bug's minimal session gives its report,
                                                 and with --no-bug NAME it does not
    planted_smtpd_test.py SERVER fork NAME       with --fork the child dies, the server lives
    planted_smtpd_test.py SERVER smoke RFCHECK   a clean session, then the minimum tag of the
                                                 SMTP suite passes against the server
"""
import base64, os, subprocess, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "planted_common"))
from planted_test import Conn, Server, expect, main  # noqa: E402

ARGS = ["--maildir", "{dir}/Maildir", "--domain", "lab.test", "--accept", "alice", "--accept", "bob",
        "--user", "alice", "--password", "s3cret"]
RCPT = "RCPT TO:<alice@lab.test>"


def plain(text):
    return base64.b64encode(text.encode()).decode()


# Each bug's minimal session (README.md): (command, expected code) pairs, the last command the
# one that crashes (its reply, if one gets out first, is not checked), then the report's type
# and a frame of its stack.
SESSIONS = {
    "ehlo-name": ([("EHLO " + "a" * 256, None)], "stack-buffer-overflow", "cmd_ehlo"),
    "auth-authzid": ([("EHLO client.test", 250), ("AUTH PLAIN " + plain("bob\0alice\0s3cret"), None)],
                     "attempting double-free", "auth_plain"),
    "size-after-rset": ([("EHLO client.test", 250), ("MAIL FROM:<a@client.test> SIZE=100", 250),
                         ("RSET", 250), ("MAIL FROM:<a@client.test>", 250), (RCPT, 250), ("DATA", 354),
                         ("Subject: x\r\n\r\nbody\r\n.", None)],
                        "heap-use-after-free", "trace_headers"),
    "rcpt-table": ([("EHLO client.test", 250), ("MAIL FROM:<a@client.test>", 250)] + [(RCPT, 250)] * 128
                   + [(RCPT, None)], "global-buffer-overflow", "add_recipient"),
}
# With the bug off, the crashing command's reply instead.
CLEAN_REPLY = {"ehlo-name": 250, "auth-authzid": 535, "size-after-rset": 250, "rcpt-table": 452}


def play(server, steps, last_expected):
    c = Conn(server.port)
    expect(c.reply() is not None, "no greeting")
    for i, (line, code) in enumerate(steps):
        if i + 1 == len(steps):
            code = last_expected
        got = c.cmd(line)
        expect(got == code or (i + 1 == len(steps) and code is None),
               f"{line[:60]!r}: expected {code}, got {got}")
    c.close()


def test_smoke(binary, rfcheck):
    with Server(binary, ARGS) as s:
        c = Conn(s.port)
        c.reply()
        for line, code in [("EHLO client.test", 250), ("MAIL FROM:<a@client.test> SIZE=10", 250),
                           (RCPT, 250), ("RCPT TO:<nobody@lab.test>", 550), ("DATA", 354),
                           ("Subject: s\r\n\r\n..dot\r\n.", 250), ("RSET", 250), ("VRFY alice", 252),
                           ("HELP", 214), ("NOOP", 250), ("QUIT", 221)]:
            got = c.cmd(line)
            expect(got == code, f"{line!r}: expected {code}, got {got}")
        c.close()
        maildir = os.path.join(s.dir.name, "Maildir", "new")
        msgs = os.listdir(maildir)
        expect(len(msgs) == 1 and b"\r\n.dot\r\n" in open(os.path.join(maildir, msgs[0]), "rb").read(),
               "the message was not delivered dot-unstuffed")
        r = subprocess.run([rfcheck, "run", "--protocol", "smtp", "--host", "127.0.0.1", "--port", str(s.port),
                            "--user", "alice", "--password", "s3cret", "--tag", "minimum", "-q",
                            "--var", "rcpt=alice@lab.test", "--var", "rcpt_unknown=nobody@lab.test",
                            "--var", "mailbox.maildir=" + os.path.join(s.dir.name, "Maildir"),
                            "--var", "policy.auth=yes", "--var", "policy.starttls=no"],
                           capture_output=True, text=True, timeout=240)
        print(r.stdout[-4000:], r.stderr[-2000:])
        expect(r.returncode == 0, f"rfcheck run exited {r.returncode}")
        expect("AddressSanitizer" not in s.stderr(), "a conformance case set off a planted bug: " + s.stderr())


if __name__ == "__main__":
    main(sys.argv, ARGS, play, SESSIONS, CLEAN_REPLY, test_smoke)
