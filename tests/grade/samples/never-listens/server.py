# Starts, says so, and never opens its port.
import time
print("server starting (but it never listens)", flush=True)
time.sleep(3600)
