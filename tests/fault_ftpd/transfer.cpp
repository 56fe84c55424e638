// Data connection setup (PORT, EPRT, PASV, EPSV) and the transfer commands.
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fault_common/net.hpp"
#include "session.hpp"

namespace fftpd {

using namespace fcommon;  // socket helpers

namespace {
constexpr int kDataTimeoutMs = 15000;
constexpr int kIoTimeoutMs = 60000;
constexpr size_t kChunk = 64 * 1024;

bool parse_uint(const std::string& s, unsigned long max, unsigned long& out) {
  if (s.empty() || s.size() > 5 || !std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
    return false;
  out = std::stoul(s);
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

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
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
  bool recent = std::time(nullptr) - st.st_mtime < 180L * 24 * 3600;
  std::strftime(date, sizeof date, recent ? "%b %d %H:%M" : "%b %d  %Y", &tm);
  char buf[128];
  std::snprintf(buf, sizeof buf, "%s %3lu ftp      ftp      %12llu %s ", perms,
                static_cast<unsigned long>(st.st_nlink), static_cast<unsigned long long>(st.st_size),
                date);
  return buf + name;
}
}  // namespace

bool Session::set_active_target(const sockaddr_storage& target) {
  // RFC 2577 section 3: no data connections to ports below 1024 (504); and never to a host other
  // than the client's own (bounce attack), refused with the same 504.
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
  std::string ip = std::to_string(v[0]) + "." + std::to_string(v[1]) + "." + std::to_string(v[2]) +
                   "." + std::to_string(v[3]);
  parse_ip(AF_INET, ip, t);
  set_port(t, static_cast<int>(v[4] * 256 + v[5]));
  if (set_active_target(t)) reply(200, "PORT command successful.");
}

void Session::cmd_eprt(const std::string& arg) {
  if (epsv_all_) return reply(501, "EPRT not allowed after EPSV ALL.");
  if (arg.size() < 2) return reply(501, "Syntax error in parameters or arguments.");
  char d = arg[0];
  if (d < 33 || d > 126 || arg.back() != d) return reply(501, "Syntax error in parameters or arguments.");
  auto f = split(arg.substr(1, arg.size() - 2), d);
  unsigned long proto = 0, port = 0;
  if (f.size() != 3 || !parse_uint(f[0], 65535, proto) || !parse_uint(f[2], 65535, port))
    return reply(501, "Syntax error in parameters or arguments.");
  int family = proto == 1 ? AF_INET : proto == 2 ? AF_INET6 : -1;
  const char* want = local_.ss_family == AF_INET ? "(1)" : "(2)";
  if (family != local_.ss_family)
    return reply(522, std::string("Network protocol not supported, use ") + want + ".");
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
  std::string ip = fault(Fault::PasvOtherHost) ? "10.1.2.3" : ip_string(local_);
  std::replace(ip.begin(), ip.end(), '.', ',');
  reply(227, "Entering Passive Mode (" + ip + "," + std::to_string(port / 256) + "," +
                 std::to_string(port % 256) + ").");
}

void Session::cmd_epsv(const std::string& arg) {
  std::string a = upper(arg);
  const char* want = local_.ss_family == AF_INET ? "(1)" : "(2)";
  if (a == "ALL") {
    epsv_all_ = true;
    return reply(200, "EPSV ALL ok.");
  }
  if (!a.empty()) {
    unsigned long proto = 0;
    if (!parse_uint(a, 65535, proto)) return reply(501, "Syntax error in parameters or arguments.");
    int family = proto == 1 ? AF_INET : proto == 2 ? AF_INET6 : -1;
    if (family != local_.ss_family)
      return reply(522, std::string("Network protocol not supported, use ") + want + ".");
  }
  int port = data_.start_passive(local_);
  if (port < 0) return reply(425, "Can't open passive connection.");
  reply(229, "Entering Extended Passive Mode (|||" + std::to_string(port) + "|).");
}

int Session::open_data(const std::string& text150) {
  // No PORT/PASV/EPRT/EPSV: the default data port, the user's control-connection port at the
  // user's host (RFC 959 3.2, 5.2: "all FTP implementation must support data transfer using the
  // default port"). We connect there from any local port; 425 follows the 150 if that fails.
  if (!data_.prepared()) data_.set_active(peer_);
  reply(150, text150);
  int fd = data_.open(local_, peer_, kDataTimeoutMs);
  if (fd < 0) reply(425, "Can't open data connection.");
  return fd;
}

void Session::finish_data(int& fd) {
  if (fd < 0) return;
  if (fault(Fault::DataLeftOpen)) {
    leaked_fds_.push_back(fd);  // no EOF for the client, the 226 still follows
    fd = -1;
    return;
  }
  close_fd(fd);
}

void Session::finish_reply(Xfer r) {
  switch (r) {
    case Xfer::Ok: return reply(226, "Closing data connection. Transfer complete.");
    case Xfer::Aborted:
      reply(426, "Connection closed; transfer aborted.");
      return reply(226, "ABOR successful.");
    case Xfer::DataError: return reply(426, "Connection closed; transfer aborted.");
    case Xfer::LocalError: return reply(451, "Requested action aborted: local error in processing.");
    case Xfer::ControlLost: quit_ = true; return;
  }
}

// Waits until the data socket is ready, watching the control connection for ABOR meanwhile.
// Other commands that arrive during a transfer stay queued in inbuf_.
Session::Wait Session::wait_io(int data_fd, short events) {
  while (true) {
    pollfd p[2] = {{data_fd, events, 0}, {fd_, POLLIN, 0}};
    int r = poll(p, 2, kIoTimeoutMs);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return Wait::Timeout;
    if (p[1].revents) {
      char buf[4096];
      ssize_t n = recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return Wait::Lost;
      inbuf_.append(buf, static_cast<size_t>(n));
      size_t start = 0, nl;
      while ((nl = inbuf_.find('\n', start)) != std::string::npos) {
        std::string line = inbuf_.substr(start, nl - start);
        if (upper(line).find("ABOR") != std::string::npos && line.size() < 16) {
          inbuf_.erase(start, nl + 1 - start);
          return Wait::Abort;
        }
        start = nl + 1;
      }
    }
    if (p[0].revents) return Wait::Ready;
  }
}

Session::Xfer Session::send_data(int data_fd, const std::string& bytes) {
  std::string_view rest = bytes;
  while (!rest.empty()) {
    switch (wait_io(data_fd, POLLOUT)) {
      case Wait::Abort: return Xfer::Aborted;
      case Wait::Lost: return Xfer::ControlLost;
      case Wait::Timeout: return Xfer::DataError;
      case Wait::Ready: break;
    }
    ssize_t n = send(data_fd, rest.data(), rest.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      return Xfer::DataError;
    }
    rest.remove_prefix(static_cast<size_t>(n));
  }
  return Xfer::Ok;
}

// Record structure in stream mode (RFC 959 3.4.1): each record (a line of the file, without its
// LF) is followed by EOR = 0xFF 0x01; a data byte 0xFF is sent as 0xFF 0xFF. The lines carry no
// end-of-line sequence of their own: the EOR marks the end of the record in every TYPE.
std::string Session::record_encode(const char* p, size_t n, bool /*ascii*/) const {
  std::string out;
  out.reserve(n + n / 8 + 2);
  for (size_t i = 0; i < n; ++i) {
    auto c = static_cast<unsigned char>(p[i]);
    if (c == '\n') {
      out += '\xFF';
      out += '\x01';
    } else if (c == 0xFF) {
      out += '\xFF';
      out += '\xFF';
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

Session::Xfer Session::retr_file(int data_fd, int file_fd, uint64_t offset, uint64_t size) {
  if (lseek(file_fd, static_cast<off_t>(offset), SEEK_SET) < 0) return Xfer::LocalError;
  uint64_t pos = offset, corrupt_at = size / 2;
  bool ascii = type_ == 'A' && !fault(Fault::NoTypeAConversion);
  bool record = stru_ == 'R';
  bool open_record = false;  // bytes of a record without its EOR sent
  std::vector<char> buf(kChunk);
  while (true) {
    ssize_t n = read(file_fd, buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Xfer::LocalError;
    if (n == 0 && record) {
      // A last line without LF is still a record; then the end-of-file marker 0xFF 0x02.
      std::string tail = open_record ? std::string("\xFF\x01\xFF\x02", 4) : std::string("\xFF\x02", 2);
      return send_data(data_fd, tail);
    }
    if (n == 0) return Xfer::Ok;
    std::string out;
    if (record) {
      out = record_encode(buf.data(), static_cast<size_t>(n), ascii);
      open_record = buf[static_cast<size_t>(n) - 1] != '\n';
    } else if (ascii) {
      out.reserve(static_cast<size_t>(n) * 2);
      for (ssize_t i = 0; i < n; ++i) {
        if (buf[i] == '\n') out += '\r';
        out += buf[i];
      }
    } else {
      out.assign(buf.data(), static_cast<size_t>(n));
      if (type_ == 'I' && fault(Fault::TypeICorrupt) && corrupt_at >= pos &&
          corrupt_at < pos + static_cast<uint64_t>(n))
        out[corrupt_at - pos] = static_cast<char>(out[corrupt_at - pos] ^ 0x5A);
    }
    pos += static_cast<uint64_t>(n);
    if (Xfer r = send_data(data_fd, out); r != Xfer::Ok) return r;
  }
}

Session::Xfer Session::stor_file(int data_fd, int file_fd) {
  bool ascii = type_ == 'A';
  bool record = stru_ == 'R';
  bool cr_pending = false;
  rec_escape_ = false;
  rec_eof_ = false;
  std::vector<char> buf(kChunk);
  while (true) {
    switch (wait_io(data_fd, POLLIN)) {
      case Wait::Abort: return Xfer::Aborted;
      case Wait::Lost: return Xfer::ControlLost;
      case Wait::Timeout: return Xfer::DataError;
      case Wait::Ready: break;
    }
    ssize_t n = recv(data_fd, buf.data(), buf.size(), MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (n < 0) return Xfer::DataError;
    std::string out;
    if (n == 0) {
      if (cr_pending) out += '\r';
    } else if (record) {  // STRU R: EOR -> LF, 0xFF 0xFF -> 0xFF, EOF marker ends the file
      for (ssize_t i = 0; i < n && !rec_eof_; ++i) {
        auto c = static_cast<unsigned char>(buf[i]);
        if (!rec_escape_) {
          if (c == 0xFF)
            rec_escape_ = true;
          else
            out += static_cast<char>(c);
          continue;
        }
        rec_escape_ = false;
        if (c == 0xFF) {
          out += '\xFF';
          continue;
        }
        if (c & 0x01) out += '\n';  // 1 EOR, 2 EOF, 3 EOR + EOF
        if (c & 0x02) rec_eof_ = true;
      }
    } else if (ascii) {  // NVT-ASCII CRLF -> local LF
      for (ssize_t i = 0; i < n; ++i) {
        char c = buf[i];
        if (cr_pending) {
          cr_pending = false;
          if (c != '\n') out += '\r';
        }
        if (c == '\r')
          cr_pending = true;
        else
          out += c;
      }
    } else {
      out.assign(buf.data(), static_cast<size_t>(n));
    }
    if (!out.empty() && write(file_fd, out.data(), out.size()) != static_cast<ssize_t>(out.size()))
      return Xfer::LocalError;
    if (n == 0) return Xfer::Ok;
  }
}

void Session::cmd_retr(const std::string& arg) {
  uint64_t offset = fault(Fault::RestIgnored) ? 0 : rest_;
  rest_ = 0;
  auto real = sandbox_.map(cwd_, arg);
  struct stat st {};
  int file = real ? open(real->c_str(), O_RDONLY | O_CLOEXEC) : -1;
  if (file < 0 || fstat(file, &st) != 0 || !S_ISREG(st.st_mode)) {
    if (file >= 0) close(file);
    return reply(550, "File not found or not accessible.");
  }
  int dfd = open_data("Opening " + std::string(type_ == 'A' ? "ASCII" : "BINARY") +
                      " mode data connection for " + arg + " (" + std::to_string(st.st_size) +
                      " bytes).");
  if (dfd < 0) {
    close(file);
    return;
  }
  Xfer r = retr_file(dfd, file, offset, static_cast<uint64_t>(st.st_size));
  close(file);
  if (r == Xfer::Ok)
    finish_data(dfd);
  else
    close_fd(dfd);
  finish_reply(r);
}

void Session::store(const std::string& arg, bool append, bool unique) {
  uint64_t offset = fault(Fault::RestIgnored) ? 0 : rest_;
  rest_ = 0;
  std::string vpath, real;
  int file = -1;
  bool created = false;
  if (unique) {
    for (int i = 0; i < 10000 && file < 0; ++i) {
      std::string name = "stou." + std::to_string(std::time(nullptr)) + "." + std::to_string(i);
      auto r = sandbox_.map(cwd_, name, &vpath);
      if (!r) break;
      real = *r;
      file = open(real.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
      if (file < 0 && errno != EEXIST) break;
    }
  } else if (auto r = sandbox_.map(cwd_, arg, &vpath)) {
    real = *r;
    // Not truncated before the data connection is open: a failed transfer (425) leaves an
    // existing file as it was, and a file this command created is removed again.
    struct stat before {};
    created = lstat(real.c_str(), &before) != 0;
    int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : 0);
    file = open(real.c_str(), flags, 0644);
    if (file >= 0 && !append && offset > 0 &&
        (ftruncate(file, static_cast<off_t>(offset)) != 0 || lseek(file, static_cast<off_t>(offset), SEEK_SET) < 0)) {
      close(file);
      file = -1;
    }
  }
  if (file < 0) return reply(553, "Requested action not taken. File name not allowed.");
  if (unique) created = true;
  const bool named = unique && !fault(Fault::StouUnnamed);
  int dfd = open_data(named ? "FILE: " + base_name(vpath) : "Ok to send data.");
  if (dfd < 0) {
    close(file);
    if (created) unlink(real.c_str());
    return;
  }
  if (!append && offset == 0 && ftruncate(file, 0) != 0) {
    close(file);
    close_fd(dfd);
    return reply(451, "Requested action aborted: local error in processing.");
  }
  Xfer r = stor_file(dfd, file);
  if (close(file) != 0 && r == Xfer::Ok) r = Xfer::LocalError;
  close_fd(dfd);
  if (named && r == Xfer::Ok)
    return reply(226, "Transfer complete (unique file name: " + base_name(vpath) + ").");
  finish_reply(r);
}

void Session::cmd_stor(const std::string& arg) { store(arg, false, false); }
void Session::cmd_appe(const std::string& arg) { store(arg, true, false); }
void Session::cmd_stou(const std::string&) { store("", false, true); }

std::optional<std::vector<std::string>> Session::listing(const std::string& arg, bool names_only,
                                                         int& fail_code) {
  // Skip ls-style options ("-la") that many clients send.
  std::string path = arg;
  while (!path.empty() && path[0] == '-') {
    auto sp = path.find(' ');
    path = sp == std::string::npos ? std::string() : path.substr(sp + 1);
  }
  if (path.empty()) path = ".";
  fail_code = 450;
  auto real = sandbox_.map(cwd_, path);
  struct stat st {};
  if (!real || stat(real->c_str(), &st) != 0) return std::nullopt;
  std::vector<std::string> lines;
  if (!S_ISDIR(st.st_mode)) {
    lines.push_back(names_only ? path : list_line(base_name(*real), st));
    return lines;
  }
  DIR* d = opendir(real->c_str());
  if (!d) return std::nullopt;
  std::vector<std::string> names;
  while (dirent* e = readdir(d)) {
    std::string n = e->d_name;
    if (n != "." && n != "..") names.push_back(n);
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  for (const auto& n : names) {
    struct stat es {};
    if (lstat((*real + "/" + n).c_str(), &es) != 0) continue;
    lines.push_back(names_only ? n : list_line(n, es));
  }
  return lines;
}

void Session::cmd_list(const std::string& arg) {
  int code = 450;
  auto lines = listing(arg, false, code);
  if (!lines) return reply(code, "No such file or directory.");
  int dfd = open_data("Here comes the directory listing.");
  if (dfd < 0) return;
  std::string out;
  for (const auto& l : *lines) out += l + "\r\n";
  Xfer r = send_data(dfd, out);
  if (r == Xfer::Ok)
    finish_data(dfd);
  else
    close_fd(dfd);
  finish_reply(r);
}

void Session::cmd_nlst(const std::string& arg) {
  int code = 450;
  auto lines = listing(arg, true, code);
  if (!lines) return reply(code, "No such file or directory.");
  int dfd = open_data("Here comes the name list.");
  if (dfd < 0) return;
  std::string out;
  for (const auto& l : *lines) out += l + "\r\n";
  Xfer r = send_data(dfd, out);
  if (r == Xfer::Ok)
    finish_data(dfd);
  else
    close_fd(dfd);
  finish_reply(r);
}

}  // namespace fftpd
