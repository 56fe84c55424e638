// Directory and file management commands, plus STAT.
#include <cstdio>
#include <ctime>
#include <sys/stat.h>
#include <unistd.h>

#include "fault_common/net.hpp"
#include "session.hpp"

namespace fftpd {

using namespace fcommon;  // socket helpers

namespace {
bool is_dir(const std::string& p) {
  struct stat st {};
  return stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}
bool is_file(const std::string& p, struct stat* out = nullptr) {
  struct stat st {};
  bool ok = stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
  if (out) *out = st;
  return ok;
}
}  // namespace

// RFC 959 Appendix II: the path in a 257 reply is quoted, embedded quotes are doubled.
std::string Session::quote_path(const std::string& vpath) const {
  if (fault(Fault::MkdBadQuote)) return vpath;
  std::string out = "\"";
  for (char c : vpath) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

void Session::cmd_cwd(const std::string& arg) {
  std::string v;
  auto real = sandbox_.map(cwd_, arg, &v);
  if (!real || !is_dir(*real)) return reply(550, "Failed to change directory.");
  cwd_ = v;
  reply(250, "Directory changed to " + v + ".");
}

void Session::cmd_cdup(const std::string&) {
  std::string v;
  auto real = sandbox_.map(cwd_, "..", &v);
  if (!real) {
    if (cwd_ == "/") return reply(200, "Already at the root directory.");
    return reply(550, "Failed to change directory.");
  }
  if (!is_dir(*real)) return reply(550, "Failed to change directory.");
  cwd_ = v;
  reply(200, "Directory changed to " + v + ".");
}

void Session::cmd_pwd(const std::string&) {
  if (fault(Fault::NoReply)) return;
  reply(257, quote_path(cwd_) + " is the current directory.");
}

void Session::cmd_mkd(const std::string& arg) {
  std::string v;
  auto real = sandbox_.map(cwd_, arg, &v);
  if (!real || mkdir(real->c_str(), 0755) != 0) return reply(550, "Create directory operation failed.");
  reply(257, quote_path(v) + " directory created.");
}

void Session::cmd_rmd(const std::string& arg) {
  std::string v;
  auto real = sandbox_.map(cwd_, arg, &v);
  if (!real || v == "/" || rmdir(real->c_str()) != 0)
    return reply(550, "Remove directory operation failed.");
  reply(250, "Directory removed.");
}

void Session::cmd_dele(const std::string& arg) {
  auto real = sandbox_.map(cwd_, arg);
  if (!real || !is_file(*real)) return reply(550, "File not found.");
  if (!fault(Fault::DeleNoop) && unlink(real->c_str()) != 0) return reply(450, "Delete failed.");
  reply(250, "File deleted.");
}

void Session::cmd_rnfr(const std::string& arg) {
  std::string v;
  auto real = sandbox_.map(cwd_, arg, &v);
  struct stat st {};
  if (!real || v == "/" || lstat(real->c_str(), &st) != 0) return reply(550, "File not found.");
  rnfr_ = *real;
  reply(350, "Ready for RNTO.");
}

void Session::cmd_rnto(const std::string& arg) {
  if (!rnfr_) {
    if (fault(Fault::RntoWithoutRnfr)) return reply(250, "Rename successful.");
    return reply(503, "Bad sequence of commands: RNFR required first.");
  }
  std::string from = *rnfr_;
  rnfr_.reset();
  std::string v;
  auto real = sandbox_.map(cwd_, arg, &v);
  if (!real || v == "/" || std::rename(from.c_str(), real->c_str()) != 0)
    return reply(553, "Requested action not taken. File name not allowed.");
  reply(250, "Rename successful.");
}

void Session::cmd_size(const std::string& arg) {
  auto real = sandbox_.map(cwd_, arg);
  struct stat st {};
  if (!real || !is_file(*real, &st)) return reply(550, "Could not get file size.");
  uint64_t size = static_cast<uint64_t>(st.st_size);
  if (type_ == 'A') {  // RFC 3659 4: octets as they would be transferred (LF -> CRLF)
    FILE* f = std::fopen(real->c_str(), "rb");
    if (!f) return reply(550, "Could not get file size.");
    for (int c; (c = std::fgetc(f)) != EOF;)
      if (c == '\n') ++size;
    std::fclose(f);
  }
  reply(213, std::to_string(size));
}

void Session::cmd_mdtm(const std::string& arg) {
  auto real = sandbox_.map(cwd_, arg);
  struct stat st {};
  if (!real || !is_file(*real, &st)) return reply(550, "Could not get file modification time.");
  std::tm tm{};
  gmtime_r(&st.st_mtime, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d%H%M%S", &tm);
  reply(213, buf);
}

void Session::cmd_stat(const std::string& arg) {
  if (arg.empty()) {
    reply_multi(211, {"fault_ftpd status:", "Connected from " + ip_string(peer_),
                      std::string(logged_in_ ? "Logged in as " + opts_.user : "Not logged in"),
                      std::string("TYPE: ") + (type_ == 'A' ? "ASCII" : "BINARY") +
                          ", STRUcture: File, MODE: Stream",
                      "End of status."});
    return;
  }
  int code = 450;
  auto lines = listing(arg, false, code);
  if (!lines) return reply(450, "No such file or directory.");
  auto real = sandbox_.map(cwd_, arg);
  int status = real && is_dir(*real) ? 212 : 213;
  std::vector<std::string> out{"Status of " + arg + ":"};
  out.insert(out.end(), lines->begin(), lines->end());
  out.push_back("End of status.");
  reply_multi(status, out);
}

}  // namespace fftpd
