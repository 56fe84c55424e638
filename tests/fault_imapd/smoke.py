#!/usr/bin/env python3
"""Hand smoke test of fault_imapd: talks IMAP over a socket to a clean server (every check must
pass), then to one server per fault (that fault's check must fail), plus two-session updates,
a harness-style account reset and hostile input.

  python3 tests/fault_imapd/smoke.py BUILD_DIR/tests/fault_imapd/fault_imapd [-v]

The account's INBOX is reset before each check the way the harness does it: the Maildir is
deleted and specs/imap/maildrop/*.eml are written to cur/<1700000000+i>.M<i>P1.rfcheck:2,
while no session is open.
"""
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
EML_DIR = os.path.join(HERE, '..', '..', 'specs', 'imap', 'maildrop')
USER, PASSWORD = 'alice', 's3cret'
VERBOSE = '-v' in sys.argv


def eml_files():
    return [os.path.join(EML_DIR, f) for f in sorted(os.listdir(EML_DIR))]


def reset_account(maildir):
    shutil.rmtree(maildir, ignore_errors=True)
    for sub in ('tmp', 'new', 'cur'):
        os.makedirs(os.path.join(maildir, sub))
    for i, path in enumerate(eml_files(), 1):
        shutil.copy(path, os.path.join(maildir, 'cur', '%d.M%dP1.rfcheck:2,' % (1700000000 + i, i)))


def wire_size(path):
    data = open(path, 'rb').read()
    return len(data.replace(b'\r\n', b'\n').replace(b'\n', b'\r\n'))


class Server:
    def __init__(self, binary, maildir, faults=()):
        args = [binary, '--maildir', maildir, '--user', USER, '--password', PASSWORD, '--port', '0']
        for f in faults:
            args += ['--fault', f]
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        line = self.proc.stdout.readline().decode()
        m = re.match(r'listening on (\d+)', line)
        if not m:
            raise RuntimeError('no "listening on": %r %r' % (line, self.proc.stderr.read()))
        self.port = int(m.group(1))

    def stop(self):
        self.proc.terminate()
        return self.proc.wait(10)


class Client:
    """An IMAP client that inlines literals into the response line they belong to."""

    def __init__(self, port, timeout=10):
        self.sock = socket.create_connection(('127.0.0.1', port), timeout=timeout)
        self.buf = b''
        self.count = 0
        self.greeting = self.line()

    def _fill(self):
        data = self.sock.recv(65536)
        if not data:
            raise EOFError('connection closed; pending %r' % self.buf[:200])
        self.buf += data

    def raw_line(self):
        while b'\r\n' not in self.buf:
            self._fill()
        i = self.buf.index(b'\r\n')
        line, self.buf = self.buf[:i], self.buf[i + 2:]
        return line

    def octets(self, n):
        while len(self.buf) < n:
            self._fill()
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def line(self):
        out = b''
        while True:
            part = self.raw_line()
            out += part
            m = re.search(rb'\{(\d+)\}$', part)
            if not m:
                return out
            out += b'\r\n' + self.octets(int(m.group(1)))

    def send(self, data):
        self.sock.sendall(data if isinstance(data, bytes) else data.encode())

    def next_tag(self):
        self.count += 1
        return 'a%03d' % self.count

    def cmd(self, text, tag=None):
        """Sends a command; returns (untagged lines, completion line)."""
        tag = tag or self.next_tag()
        self.send(tag.encode() + b' ' + (text if isinstance(text, bytes) else text.encode()) + b'\r\n')
        untagged = []
        while True:
            line = self.line()
            if VERBOSE:
                print('   S:', line[:300])
            if not line.startswith(b'* ') and not line.startswith(b'+'):
                return untagged, line
            untagged.append(line)

    def ok(self, text):
        untagged, done = self.cmd(text)
        expect(re.match(rb'a\d+ OK', done), 'expected OK to %r, got %r' % (text, done))
        return untagged

    def login_select(self, mailbox='INBOX'):
        self.ok('LOGIN %s %s' % (USER, PASSWORD))
        return self.ok('SELECT ' + mailbox)


class CheckFailed(Exception):
    pass


def expect(cond, why):
    if not cond:
        raise CheckFailed(why)


def has(lines, pattern):
    return any(re.search(pattern, l) for l in lines)


# ---- checks of the clean behaviour; the dict maps each fault to the check it must fail ----

def check_greeting(c, port):
    expect(c.greeting.startswith(b'* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN LITERAL+]'), c.greeting)
    u = c.ok('CAPABILITY')
    expect(u == [b'* CAPABILITY IMAP4rev1 AUTH=PLAIN LITERAL+'], u)


def check_crlf(c, port):
    s = socket.create_connection(('127.0.0.1', port), timeout=10)
    data = b''
    while not data.endswith(b'\n'):
        data += s.recv(4096)
    expect(data.endswith(b'\r\n') and b'\n' not in data[:-1], 'greeting line end %r' % data)


def check_tag(c, port):
    c.ok('CAPABILITY')
    _, done = c.cmd('NOOP', tag='t42')
    expect(done.startswith(b't42 OK'), done)


def check_case(c, port):
    _, done = c.cmd('noop')
    expect(b' OK' in done, done)
    c.ok('login %s %s' % (USER, PASSWORD))
    c.ok('sElEcT inbox')


def check_login_forms(c, port):
    _, done = c.cmd('LOGIN %s wrong' % USER)
    expect(b' NO ' in done, done)
    _, done = c.cmd('FETCH 1 FLAGS')
    expect(b' BAD ' in done, done)
    # synchronizing literals: "+" before each
    c.send('b1 LOGIN {%d}\r\n' % len(USER))
    expect(c.line().startswith(b'+ '), 'no continuation')
    c.send('%s "%s"\r\n' % (USER, PASSWORD))
    expect(c.line().startswith(b'b1 OK'), 'literal login')
    c2 = Client(port)
    c2.ok('LOGIN {%d+}\r\n%s {%d+}\r\n%s' % (len(USER), USER, len(PASSWORD), PASSWORD))
    c3 = Client(port)
    c3.send('x AUTHENTICATE PLAIN\r\n')
    expect(c3.line() == b'+ ', 'AUTHENTICATE continuation')
    c3.send('*\r\n')
    expect(c3.line().startswith(b'x BAD'), 'cancel must be BAD')
    import base64
    c3.send('y AUTHENTICATE PLAIN\r\n')
    c3.line()
    c3.send(base64.b64encode(('\0%s\0%s' % (USER, PASSWORD)).encode()) + b'\r\n')
    expect(c3.line().startswith(b'y OK'), 'AUTHENTICATE PLAIN')


def check_logout(c, port):
    c.ok('LOGIN %s %s' % (USER, PASSWORD))
    u, done = c.cmd('LOGOUT')
    expect(has(u, rb'^\* BYE') and b' OK' in done, (u, done))
    try:
        c.raw_line()
        expect(False, 'connection stays open')
    except EOFError:
        pass


def check_select(c, port):
    u = c.login_select()
    for p in (rb'^\* FLAGS \(', rb'^\* 6 EXISTS', rb'^\* 6 RECENT', rb'^\* OK \[UNSEEN 1\]',
              rb'^\* OK \[PERMANENTFLAGS \(', rb'^\* OK \[UIDVALIDITY \d+\]', rb'^\* OK \[UIDNEXT 7\]'):
        expect(has(u, p), 'SELECT lacks %r: %r' % (p, u))


def check_examine(c, port):
    c.ok('LOGIN %s %s' % (USER, PASSWORD))
    _, done = c.cmd('EXAMINE INBOX')
    expect(b'OK [READ-ONLY]' in done, done)
    _, done = c.cmd('STORE 1 +FLAGS (\\Seen)')
    expect(b' NO ' in done, done)
    c.ok('FETCH 1 BODY[]')
    u = c.ok('FETCH 1 FLAGS')
    expect(b'\\Seen' not in u[0], 'EXAMINE must not set \\Seen: %r' % u)


def check_uidvalidity_stable(c, port):
    u1 = c.login_select()
    u2 = c.ok('SELECT INBOX')
    v1 = [l for l in u1 if b'UIDVALIDITY' in l]
    v2 = [l for l in u2 if b'UIDVALIDITY' in l]
    expect(v1 and v1 == v2, (v1, v2))


def check_failed_select(c, port):
    c.login_select()
    _, done = c.cmd('SELECT nosuch')
    expect(b' NO ' in done, done)
    _, done = c.cmd('FETCH 1 FLAGS')
    expect(b' BAD ' in done, 'still selected after a failed SELECT: %r' % done)


def check_unseen(c, port):
    c.login_select()
    c.ok('STORE 1 +FLAGS.SILENT (\\Seen)')
    u = c.ok('SELECT INBOX')
    expect(has(u, rb'\[UNSEEN 2\]'), u)


def check_list(c, port):
    c.ok('LOGIN %s %s' % (USER, PASSWORD))
    c.ok('CREATE Foo.Bar')
    u = c.ok('LIST "" %')
    expect(sorted(u) == [b'* LIST () "." Foo', b'* LIST () "." INBOX'], u)
    u = c.ok('LIST "" *')
    expect(len(u) == 3, u)
    u = c.ok('LIST Foo. %')
    expect(u == [b'* LIST () "." Foo.Bar'], u)
    u = c.ok('LIST "" ""')
    expect(u == [b'* LIST (\\Noselect) "." ""'], u)
    c.ok('DELETE Foo')
    u = c.ok('LIST "" %')
    expect(b'* LIST (\\Noselect) "." Foo' in u, u)
    _, done = c.cmd('DELETE Foo')
    expect(b' NO ' in done, done)
    c.ok('SUBSCRIBE Foo.Bar')
    u = c.ok('LSUB "" %')
    expect(u == [b'* LSUB (\\Noselect) "." Foo'], u)
    u = c.ok('LSUB "" *')
    expect(u == [b'* LSUB () "." Foo.Bar'], u)


def check_rename(c, port):
    c.ok('LOGIN %s %s' % (USER, PASSWORD))
    c.ok('CREATE A.B')
    c.ok('RENAME A Z')
    u = c.ok('LIST "" *')
    expect(sorted(u) == sorted([b'* LIST () "." INBOX', b'* LIST () "." Z', b'* LIST () "." Z.B']), u)
    _, done = c.cmd('RENAME nosuch X')
    expect(b' NO ' in done, done)


def check_rename_inbox(c, port):
    c.ok('LOGIN %s %s' % (USER, PASSWORD))
    c.ok('RENAME INBOX Old')
    u = c.ok('STATUS INBOX (MESSAGES)')
    expect(u == [b'* STATUS INBOX (MESSAGES 0)'], u)
    u = c.ok('STATUS Old (MESSAGES UIDNEXT)')
    expect(u == [b'* STATUS Old (MESSAGES 6 UIDNEXT 7)'], u)


def check_append(c, port):
    c.login_select()
    msg = b'Subject: appended\r\n\r\nhello\r\n'
    u = c.ok(b'APPEND INBOX (\\Flagged) "17-Jul-1996 02:44:25 -0700" {%d+}\r\n' % len(msg) + msg)
    expect(has(u, rb'^\* 7 EXISTS'), 'no EXISTS after APPEND: %r' % u)
    u = c.ok('FETCH 7 (FLAGS INTERNALDATE RFC822.SIZE UID BODY.PEEK[])')
    expect(b'INTERNALDATE "17-Jul-1996 02:44:25 -0700"' in u[0] and b'RFC822.SIZE %d' % len(msg) in u[0]
           and b'\\Flagged' in u[0] and b'UID 7' in u[0] and msg in u[0], u)


def check_append_missing(c, port):
    c.ok('LOGIN %s %s' % (USER, PASSWORD))
    _, done = c.cmd(b'APPEND nosuch {1+}\r\nx')
    expect(b'NO [TRYCREATE]' in done, done)
    u = c.ok('LIST "" *')
    expect(u == [b'* LIST () "." INBOX'], u)


def check_copy(c, port):
    c.login_select()
    _, done = c.cmd('COPY 1:2 nosuch')
    expect(b'NO [TRYCREATE]' in done, done)
    c.ok('CREATE Dest')
    c.ok('STORE 1 +FLAGS.SILENT (\\Answered)')
    c.ok('COPY 1:2 Dest')
    u = c.ok('STATUS Dest (MESSAGES RECENT)')
    expect(u == [b'* STATUS Dest (MESSAGES 2 RECENT 2)'], u)
    c.ok('EXAMINE Dest')
    u = c.ok('FETCH 1 FLAGS')
    expect(b'\\Answered' in u[0], u)


def check_uid_not_reused(c, port):
    c.login_select()
    c.ok('STORE 6 +FLAGS.SILENT (\\Deleted)')
    c.ok('EXPUNGE')
    c.ok(b'APPEND INBOX {3+}\r\nx\r\n')
    u = c.ok('FETCH 6 UID')
    expect(u == [b'* 6 FETCH (UID 7)'], u)


def check_close(c, port):
    c.login_select()
    c.ok('STORE 1:2 +FLAGS.SILENT (\\Deleted)')
    u = c.ok('CLOSE')
    expect(not has(u, rb'EXPUNGE'), 'CLOSE sent %r' % u)
    u = c.ok('STATUS INBOX (MESSAGES)')
    expect(u == [b'* STATUS INBOX (MESSAGES 4)'], u)


def check_expunge_numbers(c, port):
    c.login_select()
    c.ok('STORE 2:3,5 +FLAGS.SILENT (\\Deleted)')
    u = c.ok('EXPUNGE')
    expect(u == [b'* 2 EXPUNGE', b'* 2 EXPUNGE', b'* 3 EXPUNGE'], u)


def check_two_sessions(c, port):
    c.login_select()
    b = Client(port)
    b.login_select()
    b.ok('STORE 1 +FLAGS.SILENT (\\Deleted)')
    b.ok('STORE 2 +FLAGS.SILENT (\\Flagged)')
    b.ok('EXPUNGE')
    u = c.ok('FETCH 1:6 UID')
    expect(not has(u, rb'EXPUNGE'), 'EXPUNGE during FETCH: %r' % u)
    expect(has(u, rb'^\* 2 FETCH \(FLAGS \(\\Flagged'), 'flag change not reported: %r' % u)
    u = c.ok('SEARCH ALL')
    expect(not has(u, rb'EXPUNGE'), 'EXPUNGE during SEARCH: %r' % u)
    u = c.ok('NOOP')
    expect(u == [b'* 1 EXPUNGE'], u)
    b.ok(b'APPEND INBOX {3+}\r\nx\r\n')
    u = c.ok('NOOP')
    # the 5 left of those this session took at SELECT; b took the new one (it was told first)
    expect(u == [b'* 6 EXISTS', b'* 5 RECENT'], u)
    u = b.ok('NOOP')
    expect(u == [], 'the appending session sees the message as recent too: %r' % u)


def check_recent_once(c, port):
    c.login_select()
    b = Client(port)
    u = b.login_select()
    expect(has(u, rb'^\* 0 RECENT'), u)


def check_seen(c, port):
    c.login_select()
    u = c.ok('FETCH 1 BODY.PEEK[]')
    expect(b'FLAGS' not in u[0], u)
    u = c.ok('FETCH 1 FLAGS')
    expect(b'\\Seen' not in u[0], 'BODY.PEEK set \\Seen: %r' % u)
    u = c.ok('FETCH 2 BODY[TEXT]')
    expect(b'FLAGS (\\Seen \\Recent)' in u[0], u)


def check_store_silent(c, port):
    c.login_select()
    u = c.ok('STORE 1 +FLAGS.SILENT (\\Flagged)')
    expect(u == [], u)


def check_store_answers(c, port):
    c.login_select()
    u = c.ok('STORE 1 FLAGS (\\Flagged $Work)')
    expect(has(u, rb'^\* 1 FETCH \(FLAGS \(\\Flagged \\Recent \$Work\)\)'), u)
    u = c.ok('UID STORE 2 -FLAGS (\\Seen)')
    expect(has(u, rb'^\* 2 FETCH \(FLAGS \(\\Recent\) UID 2\)'), u)


def check_search(c, port):
    c.login_select()
    c.ok('STORE 1,3 +FLAGS.SILENT (\\Seen)')
    for query, want in [('NOT 1', b'2 3 4 5 6'), ('NOT SEEN', b'2 4 5 6'), ('OR 1 6', b'1 6'),
                        ('SUBJECT "empty body"', b'4'), ('FROM jose', b'6'), ('SUBJECT Rapport', b'6'),
                        ('LARGER 100000', b'3'), ('SENTBEFORE 1-Jan-2002', b'1 2 3 4 5'),
                        ('SENTON 1-Jan-2001', b'1 2 3 4 5'), ('SENTSINCE 1-Nov-2023', b'6'),
                        ('HEADER Message-ID 05-top', b'5'), ('(SEEN UNDELETED) NOT 3', b'1'),
                        ('UID 2:4', b'2 3 4'), ('BODY "single dot"', b'2'), ('TEXT forwarded', b'6'),
                        ('NEW', b'2 4 5 6'), ('OLD', b''), ('RECENT', b'1 2 3 4 5 6'), ('1:*', b'1 2 3 4 5 6'),
                        ('CHARSET UTF-8 BODY {9+}\r\n' + 'décembre', b'6')]:
        u = c.ok(b'SEARCH ' + query.encode('utf-8'))
        got = u[0][len(b'* SEARCH'):].strip()
        expect(got == want, 'SEARCH %s: %r, not %r' % (query, got, want))
    _, done = c.cmd('SEARCH CHARSET KOI8-R ALL')
    expect(b'NO [BADCHARSET (US-ASCII UTF-8)]' in done, done)


def check_bodystructure(c, port):
    c.login_select()
    u = c.ok('FETCH 6 BODYSTRUCTURE')
    expect(b'"ALTERNATIVE"' in u[0] and u[0].count(b'"MIXED"') == 1, u)
    expect(b'((("TEXT" "PLAIN"' in u[0], 'nesting: %r' % u)


def check_size(c, port):
    c.login_select()
    files = eml_files()
    u = c.ok('FETCH 1:* RFC822.SIZE')
    for i, line in enumerate(u):
        expect(line == b'* %d FETCH (RFC822.SIZE %d)' % (i + 1, wire_size(files[i])), (line, i))


def check_literal(c, port):
    c.login_select()
    u = c.ok('FETCH 1 BODY.PEEK[]')
    text = open(eml_files()[0], 'rb').read().replace(b'\n', b'\r\n')
    expect(u[0] == b'* 1 FETCH (BODY[] {%d}\r\n' % len(text) + text + b')', u)


def check_header(c, port):
    c.login_select()
    u = c.ok('FETCH 1 (BODY.PEEK[HEADER] RFC822.HEADER)')
    expect(u[0].count(b'\r\n\r\n') == 2, u)


def check_sections(c, port):
    c.login_select()
    u = c.ok('FETCH 6 (BODY.PEEK[1.1] BODY.PEEK[3.HEADER.FIELDS (Subject)] BODY.PEEK[3.TEXT] '
             'BODY.PEEK[2.MIME] BODY.PEEK[]<0.6> BODY.PEEK[4])')
    line = u[0]
    for want in (b'BODY[1.1] {46}\r\nBonjour,\r\nvoici le rapport de d=C3=A9cembre.\r\n',
                 b'BODY[3.HEADER.FIELDS (Subject)] {31}\r\nSubject: The forwarded note\r\n\r\n',
                 b'BODY[3.TEXT] {31}\r\nThe forwarded body, one line.\r\n',
                 b'BODY[2.MIME] {152}\r\nContent-Type: application/octet-stream',
                 b'BODY[]<0> {6}\r\nReturn', b'BODY[4] NIL'):
        expect(want in line, 'missing %r in %r' % (want, line[:400]))
    u = c.ok('FETCH 1 (BODY.PEEK[1] BODY.PEEK[HEADER.FIELDS.NOT (From To Date Message-ID)])')
    expect(b'BODY[1] {43}\r\nA short plain message.\r\nIt has two lines.\r\n' in u[0], u)
    expect(b'{34}\r\nSubject: rfcheck plain message\r\n\r\n' in u[0], u)
    u = c.ok('FETCH 2 FULL')
    expect(b'ENVELOPE (' in u[0] and b' BODY (' in u[0], u)
    _, done = c.cmd('FETCH 7 FLAGS')
    expect(b' BAD ' in done, done)
    _, done = c.cmd('FETCH 0:1 FLAGS')
    expect(b' BAD ' in done, done)
    u = c.ok('UID FETCH 4:* FLAGS')
    expect(len(u) == 3 and b'UID 6' in u[2], u)


def check_reset(c, port):
    """The harness resets the account between cases: a new UIDVALIDITY, UIDs from 1."""
    u1 = c.login_select()
    c.ok('STORE 1 +FLAGS.SILENT (\\Deleted)')
    c.ok('EXPUNGE')
    c.ok('LOGOUT')
    reset_account(MAILDIR)
    c2 = Client(port)
    u2 = c2.login_select()
    v = lambda u: [l for l in u if b'UIDVALIDITY' in l]
    expect(v(u1) != v(u2) and has(u2, rb'^\* 6 EXISTS') and has(u2, rb'UIDNEXT 7'), (u1, u2))


def check_hostile(c, port):
    c.send(b'x ' + b'A' * 70000 + b'\r\n')
    expect(c.line().startswith(b'* BAD'), 'long line')
    _, done = c.cmd('LOGIN {99999999999}')
    expect(b' NO ' in done or b' BAD ' in done, done)
    c.ok('LOGIN %s %s' % (USER, PASSWORD))
    c.ok('SELECT INBOX')
    _, done = c.cmd('SEARCH ' + 'NOT ' * 5000 + 'ALL')
    expect(b' BAD ' in done, done)
    _, done = c.cmd('SEARCH ' + '(' * 5000 + 'ALL' + ')' * 5000)
    expect(b' BAD ' in done, done)
    _, done = c.cmd(b'\x00\xff\x01 garbage')
    expect(b'BAD' in done, done)
    _, done = c.cmd('FETCH 1 (BODY[1.2.3.4.5.6.7.8.9.1.1.1.1] BODY[HEADER.FIELDS ()])')
    expect(b' BAD ' in done, done)
    _, done = c.cmd('LIST "" ' + '*%' * 600)
    expect(b' NO ' in done or b' OK ' in done, done)
    evil = b'Content-Type: multipart/mixed; boundary=x\r\n\r\n' + b'--x\r\nContent-Type: message/rfc822\r\n\r\n' * 100
    c.ok(b'APPEND INBOX {%d+}\r\n' % len(evil) + evil)
    c.ok('FETCH 7 (BODYSTRUCTURE ENVELOPE BODY[1])')
    c.send('y LOGIN {%d+}\r\n' % (64 * 1024 * 1024))
    expect(c.line().startswith(b'* BYE'), 'huge LITERAL+')


CLEAN_CHECKS = [check_greeting, check_crlf, check_tag, check_case, check_login_forms, check_logout,
                check_select, check_examine, check_uidvalidity_stable, check_failed_select,
                check_unseen, check_list, check_rename, check_rename_inbox, check_append,
                check_append_missing, check_copy, check_uid_not_reused, check_close,
                check_expunge_numbers, check_two_sessions, check_recent_once, check_seen,
                check_store_silent, check_store_answers, check_search, check_bodystructure,
                check_size, check_literal, check_header, check_sections, check_reset, check_hostile]

FAULT_CHECKS = {
    'literal-short': check_literal, 'bare-lf': check_crlf, 'wrong-tag': check_tag,
    'case-sensitive': check_case, 'logout-no-bye': check_logout,
    'examine-no-read-only': check_examine, 'select-no-uidvalidity': check_select,
    'uidvalidity-changes': check_uidvalidity_stable, 'failed-select-keeps': check_failed_select,
    'unseen-count': check_unseen, 'list-percent-star': check_list,
    'rename-inbox-keeps': check_rename_inbox, 'append-creates': check_append_missing,
    'no-append-exists': check_append, 'copy-no-trycreate': check_copy,
    'uid-reuse': check_uid_not_reused, 'close-sends-expunge': check_close,
    'expunge-original-numbers': check_expunge_numbers, 'expunge-during-fetch': check_two_sessions,
    'recent-twice': check_recent_once, 'peek-sets-seen': check_seen,
    'silent-store-fetch': check_store_silent, 'store-no-fetch': check_store_answers,
    'search-ignores-not': check_search, 'bodystructure-flat': check_bodystructure,
    'size-lf': check_size, 'header-no-blank-line': check_header,
}


def run(binary, faults, check):
    reset_account(MAILDIR)
    server = Server(binary, MAILDIR, faults)
    try:
        try:
            check(Client(server.port, timeout=5), server.port)
            return None
        except (CheckFailed, EOFError, socket.timeout, ConnectionError) as e:
            return '%s: %s' % (type(e).__name__, str(e)[:300])
    finally:
        rc = server.stop()
        if rc != 0:
            return 'exit status %d: %s' % (rc, server.proc.stderr.read().decode()[-2000:])


def main():
    global MAILDIR
    binary = sys.argv[1]
    MAILDIR = os.path.join(tempfile.mkdtemp(prefix='fault_imapd.'), 'Maildir')
    failures = 0
    for check in CLEAN_CHECKS:
        err = run(binary, (), check)
        print('%-6s clean %s%s' % ('ok' if err is None else 'FAIL', check.__name__, '' if err is None else ': ' + err))
        failures += err is not None
    listed = subprocess.run([binary, '--help'], capture_output=True, text=True).stdout
    names = re.findall(r'^  (\S+)', listed.split('faults:\n', 1)[1], re.M)
    for name in names:
        check = FAULT_CHECKS.get(name)
        err = run(binary, (name,), check) if check else 'no check'
        caught = check is not None and err is not None and 'exit status' not in err
        print('%-6s --fault %s (%s)%s' % ('ok' if caught else 'FAIL', name, check.__name__ if check else '-',
                                           ': ' + err if err and VERBOSE else ''))
        failures += not caught
    shutil.rmtree(os.path.dirname(MAILDIR), ignore_errors=True)
    print('%d failure(s)' % failures)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
