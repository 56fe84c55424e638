#include "target/process_tree.h"

#include <dirent.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace rfcheck {

bool read_process_info(pid_t pid, ProcessInfo& info) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text;
  if (!std::getline(in, text)) return false;
  // "pid (comm) state ppid pgrp session ..."; comm may contain spaces and parentheses.
  std::size_t close = text.rfind(')');
  if (close == std::string::npos) return false;
  std::istringstream rest(text.substr(close + 1));
  std::string field;
  std::vector<std::string> fields;  // fields[0] is field 3 (state)
  while (rest >> field) fields.push_back(field);
  if (fields.size() < 20) return false;
  try {
    info.ref.pid = pid;
    info.state = fields[0].empty() ? '?' : fields[0][0];
    info.ppid = std::stoi(fields[1]);
    info.pgid = std::stoi(fields[2]);
    info.sid = std::stoi(fields[3]);
    info.ref.start_time = std::stoull(fields[19]);  // field 22
  } catch (const std::exception&) {
    return false;
  }
  return true;
}

std::vector<ProcessRef> collect_process_tree(const std::vector<pid_t>& roots, pid_t leader) {
  std::map<pid_t, ProcessInfo> all;
  if (DIR* dir = opendir("/proc")) {
    while (dirent* entry = readdir(dir)) {
      char* end = nullptr;
      long pid = std::strtol(entry->d_name, &end, 10);
      if (pid <= 0 || *end != '\0') continue;
      ProcessInfo info;
      if (read_process_info(static_cast<pid_t>(pid), info)) all[info.ref.pid] = info;
    }
    closedir(dir);
  }
  std::map<pid_t, std::vector<pid_t>> children;
  for (const auto& [pid, info] : all) children[info.ppid].push_back(pid);

  std::set<pid_t> found;
  std::vector<pid_t> queue;
  for (pid_t root : roots) {
    if (all.count(root)) queue.push_back(root);
  }
  for (const auto& [pid, info] : all) {
    if (leader > 0 && (info.pgid == leader || info.sid == leader)) queue.push_back(pid);
  }
  while (!queue.empty()) {
    pid_t pid = queue.back();
    queue.pop_back();
    if (!found.insert(pid).second) continue;
    for (pid_t child : children[pid]) queue.push_back(child);
  }
  std::vector<ProcessRef> out;
  for (pid_t pid : found) out.push_back(all[pid].ref);
  return out;
}

std::vector<ProcessRef> adopted_orphans(bool (*spawned)(pid_t)) {
  const pid_t parent = getpid();
  std::vector<ProcessRef> out;
  if (DIR* dir = opendir("/proc")) {
    while (dirent* entry = readdir(dir)) {
      char* end = nullptr;
      long pid = std::strtol(entry->d_name, &end, 10);
      ProcessInfo info;
      if (pid <= 0 || *end != '\0' || !read_process_info(static_cast<pid_t>(pid), info)) continue;
      if (info.ppid == parent && !spawned(info.ref.pid)) out.push_back(info.ref);
    }
    closedir(dir);
  }
  return out;
}

bool process_is_running(const ProcessRef& ref) {
  ProcessInfo info;
  return read_process_info(ref.pid, info) && info.ref.start_time == ref.start_time &&
         info.state != 'Z' && info.state != 'X';
}

std::string describe_wait_status(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    std::string out = "killed by signal " + std::to_string(sig);
    if (const char* name = sigabbrev_np(sig)) out += std::string(" (SIG") + name + ")";
    if (WCOREDUMP(status)) out += ", core dumped";
    return out;
  }
  return "stopped (wait status " + std::to_string(status) + ")";
}

}  // namespace rfcheck
