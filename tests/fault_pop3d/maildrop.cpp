#include "maildrop.hpp"

#include <algorithm>
#include <cerrno>
#include <dirent.h>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

#include "text.hpp"

namespace fpop3d {

namespace {
// Maildrop directories in some session's TRANSACTION. Never destroyed: detached session
// threads may still release a lock while the process runs its exit-time destructors.
struct LockTable {
  std::mutex mutex;
  std::set<std::string> locked;
};
LockTable& lock_table() {
  static LockTable* table = new LockTable;
  return *table;
}

struct Entry {
  std::string name;
  std::string path;
};

// Appends the regular files of dir/sub; false when the directory cannot be opened.
bool list_files(const std::string& dir, const char* sub, std::vector<Entry>& out) {
  std::string base = dir + "/" + sub;
  DIR* d = opendir(base.c_str());
  if (!d) return false;
  while (dirent* e = readdir(d)) {
    std::string name = e->d_name;
    std::string path = base + "/" + name;
    struct stat st {};
    if (stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) out.push_back({name, path});
  }
  closedir(d);
  return true;
}
}  // namespace

bool scan_maildrop(const std::string& dir, std::vector<Message>& out) {
  std::vector<Entry> files;
  if (!list_files(dir, "new", files) || !list_files(dir, "cur", files)) return false;
  // Byte order of the names: std::string compares as unsigned char (char_traits<char>).
  std::sort(files.begin(), files.end(), [](const Entry& a, const Entry& b) {
    return a.name != b.name ? a.name < b.name : a.path < b.path;
  });
  out.clear();
  for (const auto& f : files) {
    auto content = read_message(f.path);
    if (!content) continue;  // removed between the listing and now: not a message any more
    Message m;
    m.path = f.path;
    m.uid = unique_id(f.name);
    for (auto line : message_lines(*content)) {
      m.octets += line.size() + 2;
      m.local_octets += line.size() + 1;
    }
    out.push_back(std::move(m));
  }
  return true;
}

std::optional<std::string> read_message(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(s).str();
}

std::vector<std::string_view> message_lines(std::string_view content) {
  std::vector<std::string_view> lines;
  while (!content.empty()) {
    auto lf = content.find('\n');
    std::string_view line = content.substr(0, lf);
    content.remove_prefix(lf == std::string_view::npos ? content.size() : lf + 1);
    if (lf != std::string_view::npos && !line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
  }
  return lines;
}

std::string unique_id(std::string_view file_name) {
  std::string_view base = file_name.substr(0, file_name.find(':'));
  bool safe = !base.empty() && base.size() <= 70 &&
              std::all_of(base.begin(), base.end(), [](char c) { return c > 0x20 && c < 0x7F; });
  // A hash, not a cleaned-up name: dropping bad characters could make two names collide.
  return safe ? std::string(base) : md5_hex(base);
}

bool remove_message(const std::string& path) { return unlink(path.c_str()) == 0 || errno == ENOENT; }

bool MaildropLock::acquire(const std::string& dir) {
  auto& t = lock_table();
  std::lock_guard<std::mutex> g(t.mutex);
  if (held()) return dir == dir_;
  if (!t.locked.insert(dir).second) return false;
  dir_ = dir;
  return true;
}

void MaildropLock::release() {
  if (!held()) return;
  auto& t = lock_table();
  std::lock_guard<std::mutex> g(t.mutex);
  t.locked.erase(dir_);
  dir_.clear();
}

}  // namespace fpop3d
