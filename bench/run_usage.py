#!/usr/bin/env python3
"""Runs one command and prints its resource use as one JSON line on stdout.

Why not /usr/bin/time: its user/sys figures are the wait4() rusage of the child, which also
holds the CPU of every descendant the child reaped -- for `rfcheck run --target` that is the
launched server (vsftpd and its per-session processes). We want the harness alone, so:

- self CPU: after the child exits we wait with WNOWAIT (the child stays a zombie) and read
  utime/stime of /proc/<pid>/stat: the process's own CPU, all threads, children excluded.
- children CPU: cutime/cstime of the same line: descendants the child reaped (the server,
  the profile's prepare commands). A lower bound: server sessions still alive when the server
  was killed are reparented to init and never counted.
- peak RSS: VmHWM of /proc/<pid>/status, polled every 20 ms (a high-water mark, so polling
  only misses growth in the last 20 ms). wait4's ru_maxrss is printed too; it is the max over
  the process and its reaped descendants.

Usage: run_usage.py COMMAND [ARGS...]   (the command's stdout/stderr pass through)
"""
import json
import os
import subprocess
import sys
import threading
import time


def read_hwm_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: run_usage.py COMMAND [ARGS...]")
    tick = os.sysconf("SC_CLK_TCK")
    start = time.monotonic()
    child = subprocess.Popen(sys.argv[1:])
    peak = [0]
    done = threading.Event()

    def poll():
        while not done.is_set():
            peak[0] = max(peak[0], read_hwm_kb(child.pid))
            done.wait(0.02)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOWAIT)
    wall = time.monotonic() - start
    done.set()
    poller.join()
    with open(f"/proc/{child.pid}/stat") as f:
        stat = f.read()
    # Fields after "(comm) ": state is [0]; utime, stime, cutime, cstime are [11..14].
    fields = stat[stat.rindex(")") + 2:].split()
    utime, stime, cutime, cstime = (int(x) / tick for x in fields[11:15])
    _, status, rusage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    print(json.dumps({
        "exit": child.returncode,
        "wall_s": round(wall, 3),
        "self_user_s": utime,
        "self_sys_s": stime,
        "children_user_s": cutime,
        "children_sys_s": cstime,
        "self_peak_rss_kb": peak[0],
        "wait4_maxrss_kb": rusage.ru_maxrss,
    }))


if __name__ == "__main__":
    main()
