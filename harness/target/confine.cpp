#include "target/confine.h"

#include <dirent.h>
#include <grp.h>
#include <net/if.h>
#include <pwd.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

namespace rfcheck {

std::optional<std::pair<uid_t, gid_t>> resolve_user(const std::string& name_or_uid,
                                                    std::string& error) {
  if (const passwd* pw = ::getpwnam(name_or_uid.c_str())) {
    return std::pair{pw->pw_uid, pw->pw_gid};
  }
  char* end = nullptr;
  const unsigned long number = std::strtoul(name_or_uid.c_str(), &end, 10);
  if (!name_or_uid.empty() && *end == '\0' && number > 0 && number < 4294967295UL) {
    return std::pair{static_cast<uid_t>(number), static_cast<gid_t>(number)};
  }
  error = "no system user '" + name_or_uid + "' (give a user name or a numeric uid)";
  return std::nullopt;
}

int enter_private_network(const char** step) {
  *step = "unshare(CLONE_NEWNET)";
  if (::unshare(CLONE_NEWNET) != 0) return errno;
  // A new namespace has `lo` down: nothing, not even 127.0.0.1, would answer.
  *step = "bring lo up";
  const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return errno;
  ifreq request{};
  std::strncpy(request.ifr_name, "lo", IFNAMSIZ - 1);
  int err = 0;
  if (::ioctl(fd, SIOCGIFFLAGS, &request) != 0) {
    err = errno;
  } else {
    request.ifr_flags |= IFF_UP | IFF_RUNNING;
    if (::ioctl(fd, SIOCSIFFLAGS, &request) != 0) err = errno;
  }
  ::close(fd);
  return err;
}

int drop_to(uid_t uid, gid_t gid, const char** step) {
  *step = "setgroups";
  if (::setgroups(0, nullptr) != 0) return errno;
  *step = "setgid";
  if (::setgid(gid) != 0) return errno;
  *step = "setuid";
  if (::setuid(uid) != 0) return errno;
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  return 0;
}

bool private_network_available() {
  const pid_t pid = ::fork();
  if (pid < 0) return false;
  if (pid == 0) {
    const char* step = nullptr;
    ::_exit(enter_private_network(&step) == 0 ? 0 : 1);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

namespace {

// Real uid and state from /proc/PID/status; false when the process is gone.
bool read_uid_and_state(pid_t pid, uid_t& uid, char& state) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  bool have_uid = false, have_state = false;
  while (std::getline(in, line) && !(have_uid && have_state)) {
    if (line.rfind("State:", 0) == 0) {
      const auto at = line.find_first_not_of(" \t", 6);
      state = at == std::string::npos ? '?' : line[at];
      have_state = true;
    } else if (line.rfind("Uid:", 0) == 0) {
      uid = static_cast<uid_t>(std::strtoul(line.c_str() + 4, nullptr, 10));
      have_uid = true;
    }
  }
  return have_uid && have_state;
}

}  // namespace

namespace {

std::vector<pid_t> tasks_of_user(uid_t uid, bool with_zombies) {
  std::vector<pid_t> out;
  DIR* dir = ::opendir("/proc");
  if (!dir) return out;
  while (dirent* entry = ::readdir(dir)) {
    char* end = nullptr;
    const long pid = std::strtol(entry->d_name, &end, 10);
    if (pid <= 0 || *end != '\0') continue;
    uid_t owner = 0;
    char state = '?';
    if (!read_uid_and_state(static_cast<pid_t>(pid), owner, state)) continue;
    if (owner == uid && (with_zombies || (state != 'Z' && state != 'X'))) {
      out.push_back(static_cast<pid_t>(pid));
    }
  }
  ::closedir(dir);
  return out;
}

}  // namespace

std::vector<pid_t> processes_of_user(uid_t uid) { return tasks_of_user(uid, false); }

std::string give_tree_to(const std::string& dir, std::pair<uid_t, gid_t> ids) {
  std::error_code ec;
  if (::lchown(dir.c_str(), ids.first, ids.second) != 0) {
    return "chown " + dir + ": " + std::strerror(errno);
  }
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec); !ec && it != std::filesystem::end(it);
       it.increment(ec)) {
    if (::lchown(it->path().c_str(), ids.first, ids.second) != 0) {
      return "chown " + it->path().string() + ": " + std::strerror(errno);
    }
  }
  if (ec) return "cannot list " + dir + ": " + ec.message();
  return {};
}

bool kill_processes_of_user(uid_t uid, int rounds) {
  for (int round = 0; round < rounds; ++round) {
    if (processes_of_user(uid).empty()) break;
    const pid_t helper = ::fork();
    if (helper == 0) {
      // kill(-1) as `uid`: every process that uid may signal, which is exactly its own.
      if (::setgid(static_cast<gid_t>(uid)) != 0 || ::setuid(uid) != 0) ::_exit(1);
      ::kill(-1, SIGKILL);
      ::_exit(0);
    }
    if (helper > 0) {
      int status = 0;
      while (::waitpid(helper, &status, 0) < 0 && errno == EINTR) {
      }
    }
    // The killed become zombies until their parents (or init) reap them: not running.
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (!processes_of_user(uid).empty()) return false;
  // A zombie still counts against the uid's RLIMIT_NPROC until it is reaped: the next
  // submission of this uid could not fork ("Cannot fork"). Orphans are ours to reap: spawn
  // makes rfcheck their child subreaper (spawn.h), so init never will. Others' zombies their
  // parents reap soon; wait for that (bounded). waitpid on a pid that is not our child fails
  // harmlessly, and the uid is this slot's alone, so no other wait is robbed of its child.
  for (int wait = 0; wait < 250; ++wait) {
    const std::vector<pid_t> zombies = tasks_of_user(uid, true);
    if (zombies.empty()) break;
    for (pid_t pid : zombies) ::waitpid(pid, nullptr, WNOHANG);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

}  // namespace rfcheck
