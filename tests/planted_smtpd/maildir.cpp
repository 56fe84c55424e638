#include "maildir.hpp"

#include <atomic>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace psmtp {

bool make_maildir(const std::string& dir) {
  for (const char* sub : {"", "/tmp", "/new", "/cur"}) {
    std::string p = dir + sub;
    if (mkdir(p.c_str(), 0755) != 0 && errno != EEXIST) return false;
  }
  return true;
}

bool deliver(const std::string& dir, const std::string& message) {
  static std::atomic<unsigned> counter{0};
  // time.pid_counter.host: unique across forked children too (Maildir's own naming scheme).
  std::string name = std::to_string(std::time(nullptr)) + "." + std::to_string(getpid()) + "_" +
                     std::to_string(counter++) + ".planted_smtpd";
  std::string tmp = dir + "/tmp/" + name;
  {
    std::ofstream out(tmp, std::ios::binary);
    out << message;
    if (!out.flush()) return false;
  }
  return std::rename(tmp.c_str(), (dir + "/new/" + name).c_str()) == 0;
}

}  // namespace psmtp
