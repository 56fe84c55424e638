/* coverage_shim_probe: a small program built with the coverage flags and the shim, for the
 * shim's test. It runs a hot loop (its edges hit 1000 times, so their bytes saturate at 255),
 * in a forked child with "fork" (the parent then only waits), and exits 0. */
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int step(int i) {
  if (i % 3 == 0) return 1;
  if (i % 3 == 1) return 2;
  return 3;
}

static void hot_loop(void) {
  volatile int sum = 0;
  for (int i = 0; i < 1000; ++i) sum += step(i);
  (void)sum;
}

int main(int argc, char** argv) {
  if (argc > 1 && strcmp(argv[1], "fork") == 0) {
    pid_t pid = fork();
    if (pid < 0) return 1;
    if (pid == 0) {
      hot_loop();
      _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
  }
  hot_loop();
  return 0;
}
