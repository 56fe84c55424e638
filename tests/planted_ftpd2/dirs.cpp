// PWD, CWD, CDUP, MKD, RMD: the current directory (a malloc'ed C string, replaced on every
// change) and the inode record of its levels, which a later check of "is the client still
// where it thinks" would read.
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

#include "session.hpp"
#include "vpath.hpp"

namespace pftp2 {

namespace {
constexpr std::size_t kMaxDepth = 16;  // level_ino_ holds the root and 16 levels below it

std::string quote_path(const std::string& p) {  // RFC 959 Appendix II: double the quotes
  std::string out;
  for (char c : p) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return "\"" + out + "\"";
}
}  // namespace

bool Session::resolve_arg(const std::string& arg, std::string& real, std::string& vpath) {
  auto parts = resolve(cwd_, arg);
  auto r = real_path(opts_.root, parts);
  if (!r) return false;
  real = *r;
  vpath = join(parts);
  return true;
}

void Session::cmd_pwd(const std::string&) {
  reply(257, quote_path(cwd_) + " is the current directory.");
}

bool Session::change_dir(const std::string& arg) {
  auto parts = resolve(cwd_, arg);
  auto real = real_path(opts_.root, parts);
  struct stat st {};
  if (!real || stat(real->c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return false;
  // PLANTED BUG cwd-depth: the guard is off by one (kMaxDepth + 1 levels pass it), so a
  // directory 17 levels deep writes its inode one slot past the end of the heap array.
  std::size_t limit = bug("cwd-depth") ? kMaxDepth + 1 : kMaxDepth;
  if (parts.size() > limit) return false;
  std::string walk = opts_.root;
  stat(walk.c_str(), &st);
  level_ino_[0] = st.st_ino;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    walk += "/" + parts[i];
    if (stat(walk.c_str(), &st) != 0) return false;
    level_ino_[i + 1] = st.st_ino;
  }
  // PLANTED BUG rnfr-after-cwd (the free): the old directory string goes, whoever still
  // points into it (RNFR's rnfr_dir_, files.cpp).
  std::free(cwd_);
  cwd_ = strdup(join(parts).c_str());
  return true;
}

void Session::cmd_cwd(const std::string& arg) {
  if (!change_dir(arg)) return reply(550, "No such directory.");
  reply(verb_ == "CDUP" ? 200 : 250, "Directory changed.");
}

void Session::cmd_mkd(const std::string& arg) {
  std::string real, vpath;
  if (!resolve_arg(arg, real, vpath) || vpath == "/") return reply(550, "Cannot create directory.");
  if (mkdir(real.c_str(), 0755) != 0) return reply(550, std::string("Cannot create: ") + std::strerror(errno) + ".");
  reply(257, quote_path(vpath) + " created.");
}

void Session::cmd_rmd(const std::string& arg) {
  std::string real, vpath;
  if (!resolve_arg(arg, real, vpath) || vpath == "/") return reply(550, "Cannot remove directory.");
  if (rmdir(real.c_str()) != 0) return reply(550, std::string("Cannot remove: ") + std::strerror(errno) + ".");
  reply(250, "Directory removed.");
}

}  // namespace pftp2
