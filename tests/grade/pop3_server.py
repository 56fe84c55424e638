#!/usr/bin/env python3
"""A small RFC 1939 POP3 server: the sample "student" submission rfcheck grade's tests grade.

It serves one account's Maildir (USER/PASS, STAT, LIST, RETR, DELE, NOOP, RSET, TOP, UIDL,
CAPA, QUIT with the UPDATE state) and holds an exclusive lock on the maildrop per session.
--quirks makes it the "partial" or "crashing" sample (see QUIRKS).
"""
import argparse
import os
import socketserver
import threading

QUIRKS = {
    "lf-sizes": "LIST and STAT count octets with bare LF line ends, not CRLF",
    "keep-deleted": "STAT and LIST still count messages marked deleted",
    "crash-on-rset": "RSET kills the server (abort)",
}

LOCKS = set()
LOCK = threading.Lock()


def load_maildrop(root):
    messages = []
    for sub in ("cur", "new"):
        folder = os.path.join(root, sub)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            with open(os.path.join(folder, name), "rb") as f:
                data = f.read().replace(b"\r\n", b"\n")
            messages.append({"path": os.path.join(folder, name), "lf": data,
                             "crlf": data.replace(b"\n", b"\r\n"), "uid": name.split(":")[0][:70]})
    messages.sort(key=lambda m: m["path"])
    return messages


class Session(socketserver.StreamRequestHandler):
    def reply(self, text):
        self.wfile.write(text.encode() + b"\r\n")

    def multiline(self, first, body):
        out = [first.encode() + b"\r\n"]
        for line in body:
            out.append((b"." + line if line.startswith(b".") else line) + b"\r\n")
        out.append(b".\r\n")
        self.wfile.write(b"".join(out))

    def size(self, m):
        return len(m["lf"] if "lf-sizes" in self.server.quirks else m["crlf"])

    def live(self):
        keep = "keep-deleted" in self.server.quirks
        return [(i + 1, m) for i, m in enumerate(self.messages) if keep or i + 1 not in self.deleted]

    def message(self, arg):
        if not arg or not arg.isdigit():
            return None
        n = int(arg)
        if n < 1 or n > len(self.messages) or n in self.deleted:
            return None
        return n

    def handle(self):
        self.user, self.logged_in, self.messages, self.deleted = None, False, [], set()
        self.reply("+OK POP3 server ready")
        try:
            while True:
                line = self.rfile.readline(1024)
                if not line:
                    break
                words = line.rstrip(b"\r\n").decode("latin-1").split(" ")
                keyword, args = words[0].upper(), words[1:]
                handler = getattr(self, ("trans_" if self.logged_in else "auth_") + keyword.lower(), None)
                if len(keyword) not in (3, 4) or handler is None:
                    self.reply("-ERR unknown command")
                    continue
                if handler(args) == "quit":
                    break
        finally:
            if self.logged_in:
                with LOCK:
                    LOCKS.discard(self.server.account[0])

    # AUTHORIZATION state
    def auth_capa(self, args):
        self.multiline("+OK capabilities follow", [b"USER", b"TOP", b"UIDL"])

    def auth_user(self, args):
        if len(args) != 1 or not args[0]:
            return self.reply("-ERR USER needs a name")
        self.user = args[0]
        self.reply("+OK send PASS")

    def auth_pass(self, args):
        user, self.user = self.user, None
        if user is None or not args:
            return self.reply("-ERR USER first, then PASS with the password")
        if (user, " ".join(args)) != self.server.account:
            return self.reply("-ERR invalid login")
        with LOCK:
            if user in LOCKS:
                return self.reply("-ERR [IN-USE] maildrop already locked")
            LOCKS.add(user)
        self.logged_in = True
        self.messages = load_maildrop(self.server.maildrop)
        self.reply("+OK maildrop locked and ready")

    def auth_apop(self, args):
        self.reply("-ERR APOP not supported")

    def auth_quit(self, args):
        self.reply("+OK bye")
        return "quit"

    # TRANSACTION state
    def trans_capa(self, args):
        self.auth_capa(args)

    def trans_stat(self, args):
        live = self.live()
        self.reply("+OK %d %d" % (len(live), sum(self.size(m) for _, m in live)))

    def trans_list(self, args):
        if args:
            n = self.message(args[0])
            if n is None:
                return self.reply("-ERR no such message")
            return self.reply("+OK %d %d" % (n, self.size(self.messages[n - 1])))
        self.multiline("+OK scan listing follows",
                       [b"%d %d" % (n, self.size(m)) for n, m in self.live()])

    def body_lines(self, m):
        text = m["lf"]
        return (text[:-1] if text.endswith(b"\n") else text).split(b"\n")

    def trans_retr(self, args):
        n = self.message(args[0] if args else "")
        if n is None:
            return self.reply("-ERR no such message")
        m = self.messages[n - 1]
        self.multiline("+OK %d octets" % self.size(m), self.body_lines(m))

    def trans_top(self, args):
        n = self.message(args[0] if args else "")
        if n is None or len(args) != 2 or not args[1].isdigit():
            return self.reply("-ERR TOP needs a message and a line count")
        lines = self.body_lines(self.messages[n - 1])
        end = lines.index(b"") if b"" in lines else len(lines)
        self.multiline("+OK top of message follows", lines[:end + 1 + int(args[1])])

    def trans_uidl(self, args):
        if args:
            n = self.message(args[0])
            if n is None:
                return self.reply("-ERR no such message")
            return self.reply("+OK %d %s" % (n, self.messages[n - 1]["uid"]))
        self.multiline("+OK", [b"%d %s" % (n, m["uid"].encode()) for n, m in self.live()])

    def trans_dele(self, args):
        n = self.message(args[0] if args else "")
        if n is None:
            return self.reply("-ERR no such message")
        self.deleted.add(n)
        self.reply("+OK message %d deleted" % n)

    def trans_noop(self, args):
        self.reply("+OK")

    def trans_rset(self, args):
        if "crash-on-rset" in self.server.quirks:
            os.abort()
        self.deleted.clear()
        self.reply("+OK")

    def trans_quit(self, args):
        for n in sorted(self.deleted):
            os.remove(self.messages[n - 1]["path"])
        self.reply("+OK bye")
        return "quit"


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--maildrop", required=True)
    p.add_argument("--user", default="alice")
    p.add_argument("--password", default="s3cret")
    p.add_argument("--quirks", default="")
    a = p.parse_args()
    server = Server(("127.0.0.1", a.port), Session)
    server.maildrop, server.account = a.maildrop, (a.user, a.password)
    server.quirks = set(q for q in a.quirks.split(",") if q)
    server.serve_forever()


if __name__ == "__main__":
    main()
