#include "maildir.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

#include "flags.hpp"

namespace fimapd {

namespace fs = std::filesystem;

namespace {
bool make_dir(const std::string& p) {
  std::error_code ec;
  fs::create_directories(p, ec);
  return fs::is_directory(p, ec);
}

bool acceptable_name(const std::string& name) {
  return !name.empty() && name[0] != '.' &&
         std::none_of(name.begin(), name.end(), [](char c) {
           return c == ' ' || c == '\t' || c == '\n' || c == '\r';
         });
}

void list_sub(const std::string& dir, const char* sub, std::vector<MaildirFile>& out) {
  const std::string base = dir + "/" + sub;
  DIR* d = opendir(base.c_str());
  if (!d) return;
  while (dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (!acceptable_name(name)) continue;
    struct stat st {};
    if (stat((base + "/" + name).c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    MaildirFile f;
    f.sub = sub;
    f.name = name;
    const auto colon = name.find(':');
    f.base = name.substr(0, colon);
    // Only cur/ names carry flags (Maildir: new/ messages have no info part yet).
    if (f.sub == "cur" && colon != std::string::npos && name.compare(colon, 3, ":2,") == 0)
      f.system_flags = system_from_letters(std::string_view(name).substr(colon + 3));
    f.mtime = st.st_mtime;
    out.push_back(std::move(f));
  }
  closedir(d);
}
}  // namespace

bool ensure_maildir(const std::string& dir) {
  return make_dir(dir) && make_dir(dir + "/tmp") && make_dir(dir + "/new") && make_dir(dir + "/cur");
}

bool is_maildir(const std::string& dir) {
  struct stat st {};
  return stat((dir + "/cur").c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool list_messages(const std::string& dir, std::vector<MaildirFile>& out) {
  out.clear();
  if (!is_maildir(dir)) return false;
  list_sub(dir, "new", out);
  list_sub(dir, "cur", out);
  // Byte order of the names (std::string compares as unsigned char).
  std::sort(out.begin(), out.end(), [](const MaildirFile& a, const MaildirFile& b) {
    return a.name != b.name ? a.name < b.name : a.sub < b.sub;
  });
  // One message per base name: a name in both new/ and cur/ counts once (cur/ wins).
  out.erase(std::unique(out.begin(), out.end(),
                        [](const MaildirFile& a, const MaildirFile& b) { return a.base == b.base; }),
            out.end());
  return true;
}

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(s).str();
}

std::string unique_base() {
  static std::atomic<unsigned long> counter{0};
  return std::to_string(std::time(nullptr)) + ".M" + std::to_string(++counter) + "P" +
         std::to_string(getpid()) + ".fault_imapd";
}

std::string cur_name(std::string_view base, unsigned system_flags) {
  return std::string(base) + ":2," + maildir_letters(system_flags);
}

bool deliver(const std::string& dir, const std::string& name, std::string_view content,
             std::time_t mtime) {
  const std::string tmp = dir + "/tmp/" + name.substr(0, name.find(':'));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return false;
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out.flush()) {
      unlink(tmp.c_str());
      return false;
    }
  }
  timespec times[2] = {{mtime, 0}, {mtime, 0}};
  utimensat(AT_FDCWD, tmp.c_str(), times, 0);
  const bool ok = rename(tmp.c_str(), (dir + "/cur/" + name).c_str()) == 0;
  if (!ok) unlink(tmp.c_str());
  return ok;
}

bool remove_tree(const std::string& path) {
  std::error_code ec;
  fs::remove_all(path, ec);
  return !fs::exists(path, ec);
}

bool write_file_atomic(const std::string& path, std::string_view content) {
  const auto slash = path.rfind('/');
  const std::string tmp = path.substr(0, slash + 1) + "." + path.substr(slash + 1) + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return false;
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out.flush()) return false;
  }
  return rename(tmp.c_str(), path.c_str()) == 0;
}

}  // namespace fimapd
