# Accepts connections and never says a word: the grader must give up within its limits.
import socket, sys, time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[2])))
s.listen(64)
held = []
while True:
    conn, _ = s.accept()
    held.append(conn)
