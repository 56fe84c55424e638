# Forks without end (every child forks too) and never listens: the process limit must stop
# it, and the grader must leave none of its processes behind.
import os, time
while True:
    try:
        os.fork()
    except OSError:
        time.sleep(0.05)
