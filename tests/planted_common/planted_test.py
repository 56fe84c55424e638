"""What the planted servers' tests share (tests/planted_ftpd2, tests/planted_smtpd): start a
built server on a kernel-chosen loopback port, talk raw lines to it, and read its stderr for an
AddressSanitizer report. Every process started here is stopped here, by its pid; every wait
has a deadline, so a broken server fails a test instead of hanging it."""
import os, re, signal, socket, subprocess, tempfile, time

REPLY_TIMEOUT = 10.0


class Server:
    """The server binary with `args`, on 127.0.0.1, port from --port-file; stderr to a file."""

    def __init__(self, binary, args, fork=False, no_bugs=()):
        self.dir = tempfile.TemporaryDirectory(prefix="planted-test-")
        self.root = os.path.join(self.dir.name, "root")
        os.mkdir(self.root)
        port_file = os.path.join(self.dir.name, "port")
        self.stderr_path = os.path.join(self.dir.name, "stderr")
        argv = [binary, "--host", "127.0.0.1", "--port", "0", "--port-file", port_file]
        argv += [a.replace("{root}", self.root).replace("{dir}", self.dir.name) for a in args]
        for name in no_bugs:
            argv += ["--no-bug", name]
        if fork:
            argv.append("--fork")
        env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0:symbolize=1")
        env.pop("RFCHECK_COVERAGE_SHM", None)  # no fuzzer here: the shim stays idle
        self.proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL,
                                     stderr=open(self.stderr_path, "wb"), env=env)
        deadline = time.time() + 15
        while not os.path.exists(port_file):
            if self.proc.poll() is not None or time.time() > deadline:
                self.stop()
                raise RuntimeError("server did not start: " + self.stderr())
            time.sleep(0.05)
        self.port = int(open(port_file).read())

    def stderr(self):
        with open(self.stderr_path, errors="replace") as f:
            return f.read()

    def alive(self):
        return self.proc.poll() is None

    def wait_report(self, seconds=15.0):
        """The ASan report once complete (its closing line), or '' after `seconds`."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            text = self.stderr()
            if "ERROR: AddressSanitizer" in text and "==ABORTING" in text:
                return text
            time.sleep(0.1)
        return ""

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.dir.cleanup()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


class Conn:
    """A line client for FTP and SMTP: a reply is complete at its line 'ddd ' (RFC 959 4.2,
    RFC 2821 4.2.1)."""

    def __init__(self, port, host="127.0.0.1"):
        self.sock = socket.create_connection((host, port), timeout=REPLY_TIMEOUT)
        self.buf = b""

    def reply(self):
        lines = []
        while True:
            while b"\r\n" not in self.buf:
                chunk = self.sock.recv(65536)
                if not chunk:
                    return None if not lines else lines  # closed (the server died, or QUIT)
                self.buf += chunk
            line, self.buf = self.buf.split(b"\r\n", 1)
            text = line.decode("latin-1")
            lines.append(text)
            if re.match(r"^\d{3}( |$)", text):
                return lines

    def send(self, line):
        self.sock.sendall(line.encode("latin-1") + b"\r\n")

    def cmd(self, line):
        """Sends line, returns the reply's code (int) or None when the connection ended."""
        self.send(line)
        try:
            lines = self.reply()
        except (ConnectionResetError, socket.timeout):
            return None
        return int(lines[-1][:3]) if lines else None

    def close(self):
        self.sock.close()


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


def check_report(server, bug_type, frame):
    """The server's stderr carries an ASan report of bug_type whose stack names frame."""
    report = server.wait_report()
    expect(report, "no AddressSanitizer report; stderr:\n" + server.stderr()[-3000:])
    expect(f"ERROR: AddressSanitizer: {bug_type}" in report,
           f"expected {bug_type}; report:\n{report[:3000]}")
    expect(frame in report, f"expected {frame} in the stack; report:\n{report[:3000]}")
    # UBSan (the debug and fuzz presets) must not report the overflow first: the fuzzer keys a
    # finding on the first report, and the README promises ASan's bug type.
    expect("runtime error:" not in server.stderr(), "UBSan reported first:\n" + server.stderr()[:2000])


def test_bug(binary, args, play, session, clean_reply, name):
    """The bug's session sets off its report; with --no-bug NAME the same session gets the
    clean reply and the server still serves: a new connection is greeted and QUIT gets 221
    (a server serving one connection at a time greets it only after the old session ended,
    so a report the session would cause after its last reply has been written by then)."""
    steps, bug_type, frame = session
    with Server(binary, args) as s:
        play(s, steps, None)
        check_report(s, bug_type, frame)
    with Server(binary, args, no_bugs=[name]) as s:
        play(s, steps, clean_reply)
        c = Conn(s.port)
        expect(c.reply() is not None and c.cmd("QUIT") == 221, "no service with the bug off")
        c.close()
        expect(s.alive() and "AddressSanitizer" not in s.stderr(), "report with the bug off: " + s.stderr())


def test_fork(binary, args, play, session):
    """Under --fork the child's report appears and the server lives on and serves."""
    steps, bug_type, frame = session
    with Server(binary, args, fork=True) as s:
        play(s, steps, None)
        check_report(s, bug_type, frame)
        expect(s.alive(), "the forking server died with its child")
        c = Conn(s.port)
        expect(c.reply() is not None and c.cmd("QUIT") == 221, "no service after the child's crash")
        c.close()


def main(argv, args, play, sessions, clean_replies, smoke):
    """argv: BINARY bug|fork NAME, or BINARY smoke RFCHECK."""
    binary, what, arg = argv[1:4]
    if what == "bug":
        test_bug(binary, args, play, sessions[arg], clean_replies[arg], arg)
    elif what == "fork":
        test_fork(binary, args, play, sessions[arg])
    else:
        smoke(binary, arg)
    print("ok")
