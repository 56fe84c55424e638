// DELE, RNFR/RNTO, SIZE, and the two pieces of state they share with other commands: the
// pending rename and the last STOU upload.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

#include "session.hpp"
#include "vpath.hpp"

namespace pftp2 {

void Session::drop_rename() {
  if (rnfr_dir_owned_) std::free(const_cast<char*>(rnfr_dir_));
  rnfr_dir_ = nullptr;
  rnfr_dir_owned_ = false;
  rnfr_name_.clear();
}

void Session::forget_upload() {
  std::free(upload_);
  upload_ = nullptr;
}

void Session::cmd_dele(const std::string& arg) {
  std::string real, vpath;
  struct stat st {};
  if (!resolve_arg(arg, real, vpath) || stat(real.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
    return reply(550, "No such file.");
  if (unlink(real.c_str()) != 0) return reply(550, "Cannot delete.");
  if (upload_ && real == upload_->real) {
    // PLANTED BUG stou-dele (the first free): deleting the file STOU just made drops its
    // record, but the pointer stays; the session's end (or the next STOU) frees it again.
    std::free(upload_);
    if (!bug("stou-dele")) upload_ = nullptr;
  }
  reply(250, "File deleted.");
}

void Session::cmd_rnfr(const std::string& arg) {
  drop_rename();
  std::string real, vpath;
  struct stat st {};
  if (!resolve_arg(arg, real, vpath) || lstat(real.c_str(), &st) != 0 || vpath == "/")
    return reply(550, "No such file or directory.");
  rnfr_name_ = arg;
  // PLANTED BUG rnfr-after-cwd (the alias): the directory the name is relative to is kept as
  // a pointer to cwd_ itself, which the next CWD/CDUP frees (dirs.cpp); RNTO then reads it.
  if (bug("rnfr-after-cwd")) {
    rnfr_dir_ = cwd_;
  } else {
    rnfr_dir_ = strdup(cwd_);
    rnfr_dir_owned_ = true;
  }
  reply(350, "Ready for RNTO.");
}

void Session::cmd_rnto(const std::string& arg) {
  if (!rnfr_dir_) return reply(503, "RNFR first.");
  std::string from_dir = rnfr_dir_;  // the use after free, when CWD came between
  auto from = real_path(opts_.root, resolve(from_dir, rnfr_name_));
  std::string to, vpath;
  drop_rename();
  if (!from || !resolve_arg(arg, to, vpath) || vpath == "/") return reply(553, "Bad file name.");
  if (std::rename(from->c_str(), to.c_str()) != 0) return reply(553, "Rename failed.");
  reply(250, "Renamed.");
}

void Session::cmd_size(const std::string& arg) {
  std::string real, vpath;
  struct stat st {};
  if (!resolve_arg(arg, real, vpath) || stat(real.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
    return reply(550, "No such file.");
  reply(213, std::to_string(st.st_size));
}

}  // namespace pftp2
