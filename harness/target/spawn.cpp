#include "target/spawn.h"

#include "target/confine.h"

#include <fcntl.h>
#include <linux/close_range.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <boost/process.hpp>
#include <boost/process/extend.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

namespace rfcheck {

namespace bp = boost::process;
namespace fs = std::filesystem;

std::string quote_argv(const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& arg : argv) {
    if (!out.empty()) out += ' ';
    bool plain = !arg.empty() && arg.find_first_of(" \t\n'\"\\$") == std::string::npos;
    if (plain) {
      out += arg;
    } else {
      out += '\'';
      for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
      out += '\'';
    }
  }
  return out;
}

namespace {

// Every pid spawn_process started: our children that are not orphans adopted as subreaper.
std::mutex spawned_mutex;
std::set<pid_t> spawned_pids;

// Runs in the child between fork and exec: own session, clean signal state, no inherited
// descriptors beyond 0-2 (Boost's exec-error pipe is already close-on-exec), limits.
struct ChildSetup {
  std::optional<std::size_t> memory;
  std::optional<std::chrono::seconds> cpu;
  std::optional<std::uint64_t> processes;
  std::optional<std::uint64_t> file_size;
  std::optional<std::pair<uid_t, gid_t>> run_as;
  bool private_network = false;
  char** envp = nullptr;  // prepared in the parent; nullptr: inherit ours

  // A confinement that cannot be had must not start the program unconfined.
  static void fail(const char* step, int err) {
    const char* text = ::strerror(err);
    const char prefix[] = "rfcheck: cannot confine the process: ";
    [[maybe_unused]] auto r1 = ::write(2, prefix, sizeof prefix - 1);
    [[maybe_unused]] auto r2 = ::write(2, step, ::strlen(step));
    [[maybe_unused]] auto r3 = ::write(2, ": ", 2);
    [[maybe_unused]] auto r4 = ::write(2, text, ::strlen(text));
    [[maybe_unused]] auto r5 = ::write(2, "\n", 1);
    ::_exit(126);
  }

  static void limit(int resource, std::uint64_t value) {
    rlimit limit{static_cast<rlim_t>(value), static_cast<rlim_t>(value)};
    if (::setrlimit(resource, &limit) != 0) fail("setrlimit", errno);
  }

  template <typename Executor>
  void operator()(Executor& exec) const {
    // Boost 1.74's environment type reads past short entries (ASan finds it): we hand execve
    // our own array instead.
    if (envp) exec.env = envp;
    ::setsid();
    // If the harness dies without stopping the server (killed, crashed, or libFuzzer's _Exit
    // on Ctrl-C), the server dies with it instead of holding its port forever.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    sigset_t all;
    sigemptyset(&all);
    sigprocmask(SIG_SETMASK, &all, nullptr);
    for (int sig : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGCHLD}) ::signal(sig, SIG_DFL);
    if (::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) != 0) {  // kernels before 5.11
      long max_fd = ::sysconf(_SC_OPEN_MAX);
      if (max_fd < 0 || max_fd > 65536) max_fd = 65536;
      for (int fd = 3; fd < max_fd; ++fd) {
        int flags = ::fcntl(fd, F_GETFD);
        if (flags >= 0 && !(flags & FD_CLOEXEC)) ::fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
      }
    }
    if (memory) {
      rlimit limit{static_cast<rlim_t>(*memory), static_cast<rlim_t>(*memory)};
      ::setrlimit(RLIMIT_AS, &limit);
    }
    if (cpu) {
      // Soft limit: SIGXCPU; the hard limit a little later: SIGKILL.
      rlimit limit{static_cast<rlim_t>(cpu->count()), static_cast<rlim_t>(cpu->count() + 5)};
      ::setrlimit(RLIMIT_CPU, &limit);
    }
    confine();
  }

  // The network first (it needs root), then the limits, then the uid: once the uid is
  // dropped the hard limits cannot be raised again.
  void confine() const {
    const char* step = "";
    if (private_network) {
      if (int err = enter_private_network(&step)) fail(step, err);
    }
    if (processes) limit(RLIMIT_NPROC, *processes);
    if (file_size) limit(RLIMIT_FSIZE, *file_size);
    if (run_as) {
      if (int err = drop_to(run_as->first, run_as->second, &step)) fail(step, err);
    }
  }
};

// argv[0] as an absolute path: relative paths against our cwd, bare names through PATH.
std::optional<std::string> resolve_program(const std::string& program) {
  if (program.find('/') != std::string::npos) return fs::absolute(program).string();
  auto found = bp::search_path(program);
  if (found.empty()) return std::nullopt;
  return found.string();
}

}  // namespace

// Boost's child object is detached at once: we wait for the pid ourselves, so its destructor
// never signals a pid we already reaped (and that may be reused).
pid_t spawn_process(const SpawnOptions& options, std::string& error) {
  // A server's process that daemonizes (setsid, then its parent exits) leaves the server's
  // process group, session and tree; as the child subreaper we adopt it instead of init, so
  // stopping the server still finds it (adopted_orphans). Set once per process.
  [[maybe_unused]] static const bool subreaper = ::prctl(PR_SET_CHILD_SUBREAPER, 1) == 0;
  const auto& argv = options.argv;
  if (argv.empty()) {
    error = "empty command";
    return -1;
  }
  ChildSetup setup{options.memory_limit_bytes, options.cpu_limit,      options.process_limit,
                   options.file_size_limit,    options.run_as,         options.private_network};
  auto program = resolve_program(argv[0]);
  if (!program) {
    error = "program not found: " + argv[0];
    return -1;
  }
  // Our environment with options.environment on top, as a NULL-terminated array for execve.
  std::map<std::string, std::string> merged;
  for (char** entry = environ; entry && *entry; ++entry) {
    std::string text(*entry);
    auto eq = text.find('=');
    if (eq != std::string::npos) merged.emplace(text.substr(0, eq), text.substr(eq + 1));
  }
  for (const auto& [name, value] : options.environment) merged[name] = value;
  std::vector<std::string> storage;
  for (const auto& [name, value] : merged) storage.push_back(name + "=" + value);
  std::vector<char*> envp;
  for (auto& entry : storage) envp.push_back(entry.data());
  envp.push_back(nullptr);
  setup.envp = envp.data();
  std::vector<std::string> args(argv.begin() + 1, argv.end());
  try {
    bp::child child(bp::exe = *program, bp::args = args, bp::start_dir = options.cwd,
                    bp::std_in < bp::null, bp::std_out > options.stdout_path,
                    bp::std_err > options.stderr_path,
                    bp::extend::on_exec_setup = setup);
    pid_t pid = child.id();
    child.detach();
    std::lock_guard lock(spawned_mutex);
    spawned_pids.insert(pid);
    return pid;
  } catch (const std::exception& e) {
    error = "cannot start " + quote_argv(argv) + ": " + e.what();
    return -1;
  }
}

bool spawned_here(pid_t pid) {
  std::lock_guard lock(spawned_mutex);
  return spawned_pids.count(pid) > 0;
}

// waitpid with a deadline; nullopt when the process is still running at the deadline.
std::optional<int> wait_until(pid_t pid, std::chrono::steady_clock::time_point deadline) {
  while (true) {
    int status = 0;
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return status;
    if (r < 0 && errno != EINTR) return -1;  // not our child any more
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace rfcheck
