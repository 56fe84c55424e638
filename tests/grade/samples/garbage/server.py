# Floods its stdout, and answers every connection with 256 KiB of binary junk, then closes.
import socket, sys
junk = bytes(range(256)) * 1024
sys.stdout.buffer.write(junk * 8)
sys.stdout.flush()
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[2])))
s.listen(64)
while True:
    conn, _ = s.accept()
    try:
        conn.sendall(junk)
    except OSError:
        pass
    conn.close()
