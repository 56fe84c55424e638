// Data connection set-up (PASV EPSV PORT EPRT) and the transfers (LIST NLST RETR STOR).
// Transfers run to their end before the next command is read; every wait is bounded.
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fault_common/net.hpp"
#include "session.hpp"

namespace planted {

using namespace fcommon;  // socket helpers

namespace {
// Below rfcheck fuzz's 3 s hang timeout: this server serves one client at a time, and a
// client that opens a transfer and walks away must not stall the next one for longer.
constexpr int kDataTimeoutMs = 2000;   // accepting or connecting the data connection
constexpr int kIoTimeoutMs = 2000;     // each wait for the data connection to move
constexpr size_t kChunk = 32 * 1024;   // the transfer buffer

bool parse_uint(const std::string& s, unsigned long max, unsigned long& out) {
  if (s.empty() || s.size() > 5 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  out = std::strtoul(s.c_str(), nullptr, 10);
  return out <= max;
}

std::vector<std::string> split(const std::string& s, char d) {
  std::vector<std::string> out;
  size_t i = 0;
  while (true) {
    size_t j = s.find(d, i);
    out.push_back(s.substr(i, j == std::string::npos ? std::string::npos : j - i));
    if (j == std::string::npos) return out;
    i = j + 1;
  }
}

std::string list_line(const std::string& name, const struct stat& st) {
  char perms[11] = "----------";
  if (S_ISDIR(st.st_mode)) perms[0] = 'd';
  if (S_ISLNK(st.st_mode)) perms[0] = 'l';
  const char* rwx = "rwxrwxrwx";
  for (int i = 0; i < 9; ++i)
    if (st.st_mode & (1 << (8 - i))) perms[i + 1] = rwx[i];
  std::tm tm{};
  gmtime_r(&st.st_mtime, &tm);
  char date[32];
  std::strftime(date, sizeof date, "%b %d %H:%M", &tm);
  char buf[128];
  std::snprintf(buf, sizeof buf, "%s %3lu ftp      ftp      %12llu %s ", perms,
                static_cast<unsigned long>(st.st_nlink),
                static_cast<unsigned long long>(st.st_size), date);
  return buf + name;
}

// Waits until fd is ready for events; false on time-out or error.
bool wait_for(int fd, short events) {
  while (true) {
    pollfd p{fd, events, 0};
    int r = poll(&p, 1, kIoTimeoutMs);
    if (r < 0 && errno == EINTR) continue;
    return r > 0;
  }
}

void close_data(int fd) {
  shutdown(fd, SHUT_WR);
  close(fd);
}
}  // namespace

bool Session::set_active_target(const sockaddr_storage& target) {
  // RFC 2577 3: no data connections to privileged ports, nor to a host other than the
  // client's own (bounce attack); 504 for both.
  if (port_of(target) < 1024) {
    reply(504, "Command not implemented for that parameter (port below 1024).");
    return false;
  }
  if (!same_ip(target, peer_)) {
    reply(504, "Command not implemented for that parameter (address is not the client's).");
    return false;
  }
  data_.set_active(target);
  return true;
}

void Session::cmd_port(const std::string& arg) {
  if (epsv_all_) return reply(501, "PORT not allowed after EPSV ALL.");
  auto f = split(arg, ',');
  unsigned long v[6];
  if (f.size() != 6) return reply(501, "Syntax error in parameters or arguments.");
  for (int i = 0; i < 6; ++i)
    if (!parse_uint(f[i], 255, v[i])) return reply(501, "Syntax error in parameters or arguments.");
  sockaddr_storage t{};
  parse_ip(AF_INET, std::to_string(v[0]) + "." + std::to_string(v[1]) + "." + std::to_string(v[2]) + "." +
                        std::to_string(v[3]), t);
  set_port(t, static_cast<int>(v[4] * 256 + v[5]));
  if (set_active_target(t)) reply(200, "PORT command successful.");
}

void Session::cmd_eprt(const std::string& arg) {
  if (epsv_all_) return reply(501, "EPRT not allowed after EPSV ALL.");
  char d = arg[0];
  if (arg.size() < 2 || d < 33 || d > 126 || arg.back() != d)
    return reply(501, "Syntax error in parameters or arguments.");
  auto f = split(arg.substr(1, arg.size() - 2), d);
  unsigned long proto = 0, port = 0;
  if (f.size() != 3 || !parse_uint(f[0], 65535, proto) || !parse_uint(f[2], 65535, port))
    return reply(501, "Syntax error in parameters or arguments.");
  int family = proto == 1 ? AF_INET : proto == 2 ? AF_INET6 : -1;
  if (family != local_.ss_family)
    return reply(522, local_.ss_family == AF_INET ? "Network protocol not supported, use (1)."
                                                  : "Network protocol not supported, use (2).");
  sockaddr_storage t{};
  if (!parse_ip(family, f[1], t)) return reply(501, "Syntax error in parameters or arguments.");
  set_port(t, static_cast<int>(port));
  if (set_active_target(t)) reply(200, "EPRT command successful.");
}

void Session::cmd_pasv(const std::string&) {
  if (epsv_all_) return reply(501, "PASV not allowed after EPSV ALL.");
  if (local_.ss_family != AF_INET) return reply(502, "PASV is IPv4 only, use EPSV.");
  int port = data_.start_passive(local_);
  if (port < 0) return reply(425, "Can't open passive connection.");
  std::string ip = ip_string(local_);
  std::replace(ip.begin(), ip.end(), '.', ',');
  reply(227, "Entering Passive Mode (" + ip + "," + std::to_string(port / 256) + "," +
                 std::to_string(port % 256) + ").");
}

void Session::cmd_epsv(const std::string& arg) {
  std::string a = arg;
  std::transform(a.begin(), a.end(), a.begin(), [](unsigned char c) { return std::toupper(c); });
  if (a == "ALL") {
    epsv_all_ = true;
    return reply(200, "EPSV ALL ok.");
  }
  if (!a.empty()) {
    unsigned long proto = 0;
    if (!parse_uint(a, 65535, proto)) return reply(501, "Syntax error in parameters or arguments.");
    int family = proto == 1 ? AF_INET : proto == 2 ? AF_INET6 : -1;
    if (family != local_.ss_family)
      return reply(522, local_.ss_family == AF_INET ? "Network protocol not supported, use (1)."
                                                    : "Network protocol not supported, use (2).");
  }
  int port = data_.start_passive(local_);
  if (port < 0) return reply(425, "Can't open passive connection.");
  reply(229, "Entering Extended Passive Mode (|||" + std::to_string(port) + "|).");
}

int Session::open_data(const std::string& text150) {
  // Without PORT/PASV: the default data port, the client's control port at its host
  // (RFC 959 3.2).
  if (!data_.prepared()) data_.set_active(peer_);
  reply(150, text150);
  int fd = data_.open(local_, peer_, kDataTimeoutMs);
  if (fd < 0) reply(425, "Can't open data connection.");
  return fd;
}

void Session::begin_transfer() { xfer_buf_ = static_cast<char*>(std::malloc(kChunk)); }

void Session::end_transfer(Xfer result) {
  std::free(xfer_buf_);
  // PLANTED BUG 4 (first half): only a failed transfer clears the pointer. After a completed
  // one (226) xfer_buf_ still points at the freed buffer, and REIN frees it again
  // (reset_login, session.cpp). The next transfer's begin_transfer overwrites it harmlessly.
  if (result != Xfer::Ok) xfer_buf_ = nullptr;
}

void Session::transfer_reply(Xfer result) {
  switch (result) {
    case Xfer::Ok: return reply(226, "Closing data connection. Transfer complete.");
    case Xfer::DataError: return reply(426, "Connection closed; transfer aborted.");
    case Xfer::LocalError: return reply(451, "Requested action aborted: local error in processing.");
  }
}

bool Session::send_data(int data_fd, const char* p, size_t n) {
  while (n > 0) {
    if (!wait_for(data_fd, POLLOUT)) return false;
    ssize_t k = send(data_fd, p, n, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (k < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) continue;
    if (k <= 0) return false;
    p += k;
    n -= static_cast<size_t>(k);
  }
  return true;
}

Session::Xfer Session::send_text(int data_fd, const std::string& text) {
  if (!xfer_buf_) return Xfer::LocalError;
  for (size_t at = 0; at < text.size(); at += kChunk) {
    size_t n = std::min(kChunk, text.size() - at);
    std::memcpy(xfer_buf_, text.data() + at, n);
    if (!send_data(data_fd, xfer_buf_, n)) return Xfer::DataError;
  }
  return Xfer::Ok;
}

Session::Xfer Session::retr_file(int data_fd, int file_fd) {
  if (!xfer_buf_) return Xfer::LocalError;
  while (true) {
    // TYPE A (RFC 959 3.1.1.1): LF on disk is CRLF on the wire; read half a buffer and
    // expand in place from the end.
    ssize_t n = read(file_fd, xfer_buf_, type_ == 'A' ? kChunk / 2 : kChunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Xfer::LocalError;
    if (n == 0) return Xfer::Ok;
    size_t len = static_cast<size_t>(n);
    if (type_ == 'A') {
      size_t lfs = static_cast<size_t>(std::count(xfer_buf_, xfer_buf_ + len, '\n'));
      for (size_t src = len, dst = len + lfs; src > 0;) {
        char c = xfer_buf_[--src];
        xfer_buf_[--dst] = c;
        if (c == '\n') xfer_buf_[--dst] = '\r';
      }
      len += lfs;
    }
    if (!send_data(data_fd, xfer_buf_, len)) return Xfer::DataError;
  }
}

Session::Xfer Session::stor_file(int data_fd, int file_fd) {
  if (!xfer_buf_) return Xfer::LocalError;
  bool held_cr = false;  // TYPE A: a CR at the end of the last chunk, LF may follow
  while (true) {
    if (!wait_for(data_fd, POLLIN)) return Xfer::DataError;
    ssize_t n = recv(data_fd, xfer_buf_, kChunk, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Xfer::DataError;
    size_t len = static_cast<size_t>(n);
    std::string out;
    if (type_ == 'A') {  // CRLF on the wire is LF on disk
      if (held_cr && (len == 0 || xfer_buf_[0] != '\n')) out += '\r';
      held_cr = false;
      for (size_t i = 0; i < len; ++i) {
        char c = xfer_buf_[i];
        if (c == '\r' && i + 1 == len) {
          held_cr = true;
        } else if (!(c == '\r' && xfer_buf_[i + 1] == '\n')) {
          out += c;
        }
      }
    } else {
      out.assign(xfer_buf_, len);
    }
    for (size_t at = 0; at < out.size();) {
      ssize_t w = write(file_fd, out.data() + at, out.size() - at);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) return Xfer::LocalError;
      at += static_cast<size_t>(w);
    }
    if (n == 0) return Xfer::Ok;
  }
}

std::optional<std::vector<std::string>> Session::listing(const std::string& arg, bool names_only,
                                                         bool* is_dir) {
  auto real = paths_.map(cwd_, arg.empty() ? "." : arg);
  struct stat st {};
  if (!real || stat(real->c_str(), &st) != 0) return std::nullopt;
  if (is_dir) *is_dir = S_ISDIR(st.st_mode);
  std::vector<std::string> lines;
  if (!S_ISDIR(st.st_mode)) {
    std::string base = real->substr(real->rfind('/') + 1);
    lines.push_back(names_only ? arg : list_line(base, st));
    return lines;
  }
  DIR* d = opendir(real->c_str());
  if (!d) return std::nullopt;
  std::vector<std::string> names;
  while (dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (name == "." || name == ".." || name.find_first_of("\r\n") != std::string::npos) continue;
    names.push_back(name);
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  for (const auto& name : names) {
    struct stat est {};
    if (lstat((*real + "/" + name).c_str(), &est) != 0) continue;
    lines.push_back(names_only ? name : list_line(name, est));
  }
  return lines;
}

namespace {
// LIST -la, NLST -l dir: options as ls takes them are skipped (clients send them).
std::string without_options(const std::string& arg) {
  std::string a = arg;
  while (!a.empty() && a[0] == '-') {
    auto sp = a.find(' ');
    a = sp == std::string::npos ? std::string() : a.substr(sp + 1);
  }
  return a;
}
}  // namespace

void Session::cmd_list(const std::string& arg) {
  send_listing(arg, false, "Here comes the directory listing.");
}

void Session::cmd_nlst(const std::string& arg) {
  send_listing(arg, true, "Here comes the name list.");
}

// LIST and NLST differ only in what a line holds (names_only) and the 150 text.
void Session::send_listing(const std::string& arg, bool names_only, const char* opening) {
  auto lines = listing(without_options(arg), names_only);
  if (!lines) return reply(450, "No such file or directory.");
  std::string text;
  for (const auto& l : *lines) text += l + "\r\n";
  int dfd = open_data(opening);
  if (dfd < 0) return;
  begin_transfer();
  Xfer r = send_text(dfd, text);
  close_data(dfd);
  end_transfer(r);
  transfer_reply(r);
}

void Session::cmd_retr(const std::string& arg) {
  auto real = paths_.map(cwd_, arg);
  struct stat st {};
  if (!real || stat(real->c_str(), &st) != 0 || !S_ISREG(st.st_mode))
    return reply(550, "File not found.");
  int ffd = open(real->c_str(), O_RDONLY | O_CLOEXEC);
  if (ffd < 0) return reply(550, "Failed to open file.");
  off_t offset = rest_ > 0 ? static_cast<off_t>(rest_) : 0;
  rest_ = 0;
  if (lseek(ffd, offset, SEEK_SET) < 0) {
    close(ffd);
    return reply(550, "Failed to open file.");
  }
  int dfd = open_data(std::string("Opening ") + (type_ == 'A' ? "ASCII" : "BINARY") +
                      " mode data connection for " + arg + ".");
  if (dfd < 0) {
    close(ffd);
    return;
  }
  begin_transfer();
  Xfer r = retr_file(dfd, ffd);
  close_data(dfd);
  close(ffd);
  end_transfer(r);
  transfer_reply(r);
}

void Session::cmd_stor(const std::string& arg) {
  std::string v;
  auto real = paths_.map(cwd_, arg, &v);
  struct stat st {};
  if (!real || v == "/" || (stat(real->c_str(), &st) == 0 && !S_ISREG(st.st_mode)))
    return reply(553, "Requested action not taken. File name not allowed.");
  off_t offset = rest_ > 0 ? static_cast<off_t>(rest_) : 0;
  rest_ = 0;
  // REST then STOR (RFC 3659 5.2): the file is written from the marker on, not truncated.
  int ffd = open(real->c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | (offset > 0 ? 0 : O_TRUNC), 0644);
  if (ffd < 0) return reply(553, "Requested action not taken. File name not allowed.");
  if (lseek(ffd, offset, SEEK_SET) < 0) {
    close(ffd);
    return reply(553, "Requested action not taken. File name not allowed.");
  }
  int dfd = open_data("Ok to send data.");
  if (dfd < 0) {
    close(ffd);
    return;
  }
  begin_transfer();
  Xfer r = stor_file(dfd, ffd);
  close(dfd);
  if (close(ffd) != 0 && r == Xfer::Ok) r = Xfer::LocalError;
  end_transfer(r);
  transfer_reply(r);
}

}  // namespace planted
