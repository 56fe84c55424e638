# Answers every connection with 256 KiB of binary junk, then closes; and floods its stdout
# with 1 MiB per connection, until the file-size limit (16 MiB in the rubric) stops it: the
# write fails (EFBIG: Python ignores SIGXFSZ) and the server dies of it.
import socket, sys
junk = bytes(range(256)) * 1024
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
    sys.stdout.buffer.write(junk * 4)
    sys.stdout.flush()
