#include "uidlist.hpp"

#include <atomic>
#include <ctime>
#include <sstream>
#include <sys/stat.h>

#include "maildir.hpp"

namespace fimapd {

namespace {
constexpr const char* kMagic = "fault_imapd-uidlist";
}

std::string uidlist_path(const std::string& dir) { return dir + "/" + kMagic; }

bool uidlist_exists(const std::string& dir) {
  struct stat st {};
  return stat(uidlist_path(dir).c_str(), &st) == 0;
}

// "fault_imapd-uidlist 1 UIDVALIDITY UIDNEXT", then "UID UTC ZONE BASE [KEYWORD...]" lines.
std::optional<UidList> read_uidlist(const std::string& dir) {
  auto text = read_file(uidlist_path(dir));
  if (!text) return std::nullopt;
  std::istringstream in(*text);
  std::string magic, version;
  UidList list;
  if (!(in >> magic >> version >> list.uidvalidity >> list.uidnext) || magic != kMagic ||
      version != "1" || list.uidvalidity == 0 || list.uidnext == 0)
    return std::nullopt;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    UidListEntry e;
    long long utc = 0;
    std::string base, kw;
    if (!(ls >> e.uid >> utc >> e.internal_date.zone_minutes >> base) || e.uid == 0) continue;
    e.internal_date.utc = static_cast<std::time_t>(utc);
    while (ls >> kw) e.keywords.push_back(kw);
    list.messages[base] = std::move(e);
  }
  return list;
}

bool write_uidlist(const std::string& dir, const UidList& list) {
  std::ostringstream out;
  out << kMagic << " 1 " << list.uidvalidity << " " << list.uidnext << "\n";
  for (const auto& [base, e] : list.messages) {
    out << e.uid << " " << static_cast<long long>(e.internal_date.utc) << " "
        << e.internal_date.zone_minutes << " " << base;
    for (const auto& k : e.keywords) out << " " << k;
    out << "\n";
  }
  return write_file_atomic(uidlist_path(dir), out.str());
}

std::uint32_t new_uidvalidity() {
  static std::atomic<std::uint32_t> last{0};
  const auto now = static_cast<std::uint32_t>(std::time(nullptr));
  std::uint32_t prev = last.load(), next;
  do {
    next = now > prev ? now : prev + 1;
  } while (!last.compare_exchange_weak(prev, next));
  return next;
}

}  // namespace fimapd
