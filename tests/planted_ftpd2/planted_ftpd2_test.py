#!/usr/bin/env python3
"""planted_ftpd2's tests (CTest, label integration; tests/planted_ftpd2/CMakeLists.txt).

    planted_ftpd2_test.py SERVER bug NAME        the bug's minimal session gives its report,
                                                 and with --no-bug NAME it does not
    planted_ftpd2_test.py SERVER fork NAME       with --fork the child dies, the server lives
    planted_ftpd2_test.py SERVER smoke RFCHECK   a clean session, then the minimum tag of the
                                                 FTP suite passes against the server
"""
import os, re, socket, subprocess, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "planted_common"))
from planted_test import Conn, Server, expect, main  # noqa: E402

ARGS = ["--root", "{root}", "--user", "alice", "--password", "s3cret"]
LOGIN = [("USER alice", 331), ("PASS s3cret", 230)]
DEEP = "/".join(["d"] * 17)

# A step is (command, expected code), or ("STOU", ...) / ("NLST", ...) after a PASV: played
# with the data connection. The last step is the one that crashes (its reply, if any gets out
# before the crash, is not checked); then the report's type and a frame of its stack.
SESSIONS = {
    "help-topic": ([("HELP " + "x" * 32, None)], "stack-buffer-overflow", "cmd_help"),
    "rnfr-after-cwd": (LOGIN + [("RNFR readme.txt", 350), ("CWD /", 250), ("RNTO moved.txt", None)],
                       "heap-use-after-free", "cmd_rnto"),
    "stou-dele": (LOGIN + [("PASV", 227), ("STOU", 226), ("DELE U0001", 250), ("QUIT", None)],
                  "attempting double-free", "forget_upload"),
    "cwd-depth": (LOGIN + [("MKD " + "/".join(["d"] * i), 257) for i in range(1, 18)] + [("CWD " + DEEP, None)],
                  "heap-buffer-overflow", "change_dir"),
}
# With the bug off, the crashing command's reply instead.
CLEAN_REPLY = {"help-topic": 502, "rnfr-after-cwd": 250, "stou-dele": 221, "cwd-depth": 550}


def pasv_port(lines):
    m = re.search(r"\((\d+),(\d+),(\d+),(\d+),(\d+),(\d+)\)", lines[-1])
    return int(m.group(5)) * 256 + int(m.group(6))


def transfer(c, line, data_port, payload=b""):
    """A transfer command over the data connection PASV opened: returns the final code."""
    d = socket.create_connection(("127.0.0.1", data_port), timeout=10)
    c.send(line)
    first = c.reply()
    expect(first and first[-1][:3] in ("125", "150"), f"{line}: {first}")
    got = b""
    if payload:
        d.sendall(payload)
    else:
        while chunk := d.recv(65536):
            got += chunk
    d.close()
    final = c.reply()
    c.last_data = got
    return int(final[-1][:3]) if final else None


def play(server, steps, last_expected):
    c = Conn(server.port)
    expect(c.reply() is not None, "no greeting")
    data_port = None
    for i, (line, code) in enumerate(steps):
        last = i + 1 == len(steps)
        if last:
            code = last_expected
        if line == "PASV":
            c.send(line)
            data_port = pasv_port(c.reply())
            continue
        if line in ("STOU", "NLST", "LIST") or line.startswith(("RETR", "STOR")):
            got = transfer(c, line, data_port, b"uploaded\r\n" if line.startswith(("STO")) else b"")
        else:
            got = c.cmd(line)
        expect(got == code or (last and code is None), f"{line[:60]!r}: expected {code}, got {got}")
    c.close()


def test_smoke(binary, rfcheck):
    with Server(binary, ARGS) as s:
        c = Conn(s.port)
        c.reply()
        for line, code in LOGIN + [("PWD", 257), ("MKD sub", 257), ("CWD sub", 250), ("CDUP", 200),
                                   ("TYPE I", 200), ("RNFR readme.txt", 350), ("RNTO r.txt", 250),
                                   ("SIZE r.txt", 213), ("RMD sub", 250), ("HELP USER", 214)]:
            got = c.cmd(line)
            expect(got == code, f"{line!r}: expected {code}, got {got}")
        c.send("PASV")
        expect(transfer(c, "NLST", pasv_port(c.reply())) == 226 and c.last_data == b"r.txt\r\n",
               f"NLST: {c.last_data!r}")
        expect(c.cmd("QUIT") == 221, "QUIT")
        c.close()
        r = subprocess.run([rfcheck, "run", "--protocol", "ftp", "--host", "127.0.0.1", "--port", str(s.port),
                            "--user", "alice", "--password", "s3cret", "--tag", "minimum", "-q"],
                           capture_output=True, text=True, timeout=240)
        print(r.stdout[-4000:], r.stderr[-2000:])
        expect(r.returncode == 0, f"rfcheck run exited {r.returncode}")
        expect("AddressSanitizer" not in s.stderr(), "a conformance case set off a planted bug: " + s.stderr())


if __name__ == "__main__":
    main(sys.argv, ARGS, play, SESSIONS, CLEAN_REPLY, test_smoke)
