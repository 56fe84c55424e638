#include "run_measured.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <thread>

namespace hostile_testing {
namespace {

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

pid_t spawn(const std::vector<std::string>& argv, int out_fd) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    const int null_in = open("/dev/null", O_RDONLY);
    dup2(null_in, 0);
    dup2(out_fd, 1);
    dup2(out_fd, 2);
    // ASan keeps freed memory in a quarantine (256 MiB by default) that a run reading a 10 GB
    // stream in 16 KiB buffers fills: its RSS would measure ASan, not rfcheck. 16 MiB keeps
    // use-after-free detection and makes the peak RSS mean what the harness holds.
    const char* asan = getenv("ASAN_OPTIONS");
    const std::string options = std::string(asan ? asan : "") + (asan && *asan ? ":" : "") +
                                "quarantine_size_mb=16";
    setenv("ASAN_OPTIONS", options.c_str(), 1);
    execv(args[0], args.data());
    _exit(127);
  }
  return pid;
}

}  // namespace

Measured run_measured(const std::vector<std::string>& argv, std::chrono::seconds hard_limit) {
  Measured m;
  char path[] = "/tmp/rfcheck-hostile-out-XXXXXX";
  const int out_fd = mkstemp(path);
  const auto started = std::chrono::steady_clock::now();
  const pid_t pid = spawn(argv, out_fd);
  int status = 0;
  rusage usage{};
  // Output goes to a file, not a pipe: a run that writes megabytes cannot block on us.
  while (wait4(pid, &status, WNOHANG, &usage) == 0) {
    if (std::chrono::steady_clock::now() - started > hard_limit) {
      kill(pid, SIGKILL);
      m.killed_by_test = true;
      wait4(pid, &status, 0, &usage);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  m.wall = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  m.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  m.max_rss_kib = usage.ru_maxrss;
  close(out_fd);
  m.output = read_all(path);
  unlink(path);
  return m;
}

std::vector<pid_t> processes_marked(const std::string& marker) {
  std::vector<pid_t> found;
  DIR* dir = opendir("/proc");
  if (!dir) return found;
  while (dirent* e = readdir(dir)) {
    const pid_t pid = std::atoi(e->d_name);
    if (pid <= 0 || pid == getpid()) continue;
    const std::string base = "/proc/" + std::string(e->d_name);
    std::string cmdline = read_all(base + "/cmdline");
    for (char& c : cmdline) if (c == '\0') c = ' ';
    if (cmdline.find(marker) == std::string::npos) continue;
    const std::string stat = read_all(base + "/stat");
    const auto close = stat.rfind(')');
    if (close != std::string::npos && close + 2 < stat.size() && stat[close + 2] == 'Z') continue;
    found.push_back(pid);
  }
  closedir(dir);
  return found;
}

void kill_marked(const std::string& marker) {
  for (pid_t pid : processes_marked(marker)) kill(pid, SIGKILL);
}

}  // namespace hostile_testing
