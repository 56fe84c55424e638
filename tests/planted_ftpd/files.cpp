// Directory and file management: PWD CWD CDUP MKD RMD DELE RNFR RNTO SIZE.
#include <cstdio>
#include <sys/stat.h>
#include <unistd.h>

#include "session.hpp"

namespace planted {

namespace {
bool is_dir(const std::string& p) {
  struct stat st {};
  return stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool is_file(const std::string& p) {
  struct stat st {};
  return stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// RFC 959 Appendix II: the pathname in a 257 reply is quoted, embedded quotes doubled.
std::string quoted(const std::string& vpath) {
  std::string out = "\"";
  for (char c : vpath) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}
}  // namespace

void Session::cmd_pwd(const std::string&) {
  reply(257, quoted(cwd_) + " is the current directory.");
}

void Session::cmd_cwd(const std::string& arg) {
  std::string v;
  auto real = paths_.map(cwd_, arg, &v);
  if (!real || !is_dir(*real)) return reply(550, "Failed to change directory.");
  cwd_ = v;
  reply(250, "Directory changed to " + v + ".");
}

void Session::cmd_cdup(const std::string&) {
  std::string v;
  auto real = paths_.map(cwd_, "..", &v);  // at the root: ".." leaves it, refused
  if (!real || !is_dir(*real)) return reply(550, "Failed to change directory.");
  cwd_ = v;
  reply(200, "Directory changed to " + v + ".");
}

void Session::cmd_mkd(const std::string& arg) {
  std::string v;
  auto real = paths_.map(cwd_, arg, &v);
  if (!real || mkdir(real->c_str(), 0755) != 0) return reply(550, "Create directory operation failed.");
  reply(257, quoted(v) + " directory created.");
}

void Session::cmd_rmd(const std::string& arg) {
  std::string v;
  auto real = paths_.map(cwd_, arg, &v);
  if (!real || v == "/" || rmdir(real->c_str()) != 0)
    return reply(550, "Remove directory operation failed.");
  reply(250, "Directory removed.");
}

// DELE also ends a pending rename (handle() leaves that to it).
void Session::cmd_dele(const std::string& arg) {
  auto real = paths_.map(cwd_, arg);
  if (!real || !is_file(*real)) {
    drop_rename();
    return reply(550, "File not found.");
  }
  if (unlink(real->c_str()) != 0) {
    drop_rename();
    return reply(450, "Delete failed.");
  }
  if (rename_ && rename_->real == *real) {
    // PLANTED BUG 3 (first half): the pending rename's source is gone, so its record is
    // freed; but rnfr_, which RNTO reads, still points at it.
    rename_.reset();
  } else {
    drop_rename();
  }
  reply(250, "File deleted.");
}

void Session::cmd_rnfr(const std::string& arg) {
  std::string v;
  auto real = paths_.map(cwd_, arg, &v);
  struct stat st {};
  if (!real || v == "/" || lstat(real->c_str(), &st) != 0) return reply(550, "File not found.");
  rename_ = std::make_unique<PendingRename>(PendingRename{*real, v});
  rnfr_ = rename_.get();
  reply(350, "Ready for RNTO.");
}

void Session::cmd_rnto(const std::string& arg) {
  if (!rnfr_) return reply(503, "Bad sequence of commands: RNFR required first.");
  // PLANTED BUG 3 (second half): after RNFR x, DELE x the record is freed and this reads it.
  std::string from = rnfr_->real;
  drop_rename();
  std::string v;
  auto real = paths_.map(cwd_, arg, &v);
  if (!real || v == "/" || std::rename(from.c_str(), real->c_str()) != 0)
    return reply(553, "Requested action not taken. File name not allowed.");
  reply(250, "Rename successful.");
}

void Session::cmd_size(const std::string& arg) {
  auto real = paths_.map(cwd_, arg);
  struct stat st {};
  if (!real || stat(real->c_str(), &st) != 0 || !S_ISREG(st.st_mode))
    return reply(550, "Could not get file size.");
  auto size = static_cast<unsigned long long>(st.st_size);
  if (type_ == 'A') {  // RFC 3659 4: the octets a transfer would send, LF counted as CRLF
    FILE* f = std::fopen(real->c_str(), "rb");
    if (!f) return reply(550, "Could not get file size.");
    for (int c; (c = std::fgetc(f)) != EOF;)
      if (c == '\n') ++size;
    std::fclose(f);
  }
  reply(213, std::to_string(size));
}

}  // namespace planted
