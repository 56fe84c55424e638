// The data connection (PASV, EPSV, PORT, EPRT) and the transfers: LIST, NLST, RETR, STOR,
// STOU. A transfer runs to its end before the next command is read; every wait is bounded.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

#include "fault_common/net.hpp"
#include "session.hpp"
#include "vpath.hpp"

namespace pftp2 {

namespace {
constexpr int kDataTimeoutMs = 2000;  // under the fuzzer's 3 s hang check

// "a,b,c" split on sep; each field all digits and at most max.
bool numbers(const std::string& s, char sep, std::vector<unsigned long>& out, unsigned long max) {
  std::stringstream in(s);
  std::string f;
  while (std::getline(in, f, sep)) {
    if (f.empty() || f.size() > 5 || !std::all_of(f.begin(), f.end(), ::isdigit)) return false;
    out.push_back(std::stoul(f));
    if (out.back() > max) return false;
  }
  return true;
}

std::string ls_line(const std::string& name, const struct stat& st) {
  char when[32];
  std::strftime(when, sizeof when, "%b %d %H:%M", std::gmtime(&st.st_mtime));
  return std::string(S_ISDIR(st.st_mode) ? "drwxr-xr-x" : "-rw-r--r--") + " 1 ftp ftp " +
         std::to_string(st.st_size) + " " + when + " " + name;
}

// Every write on the data connection is bounded: a client that stops reading must not keep
// a one-process server from its next connection (the fuzzer would see a hang).
bool send_data(int fd, const std::string& bytes) {
  std::size_t off = 0;
  while (off < bytes.size()) {
    ssize_t n = send(fd, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      off += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      pollfd p{fd, POLLOUT, 0};
      if (poll(&p, 1, kDataTimeoutMs) == 1) continue;
    }
    return false;
  }
  return true;
}

bool wait_readable(int fd) {
  pollfd p{fd, POLLIN, 0};
  return poll(&p, 1, kDataTimeoutMs) == 1;
}
}  // namespace

bool Session::set_active(const sockaddr_storage& target) {
  // RFC 2577 3: only the client's own address, and no privileged port.
  if (!fcommon::same_ip(target, peer_) || fcommon::port_of(target) < 1024) {
    reply(504, "Only the client's own address and a port of 1024 or more.");
    return false;
  }
  data_.set_active(target);
  return true;
}

void Session::cmd_port(const std::string& arg) {
  if (epsv_all_) return reply(503, "EPSV ALL in effect.");
  std::vector<unsigned long> v;
  if (!numbers(arg, ',', v, 255) || v.size() != 6) return reply(501, "PORT h1,h2,h3,h4,p1,p2.");
  sockaddr_storage t{};
  std::string ip = std::to_string(v[0]) + "." + std::to_string(v[1]) + "." + std::to_string(v[2]) + "." + std::to_string(v[3]);
  if (!fcommon::parse_ip(AF_INET, ip, t)) return reply(501, "Bad address.");
  fcommon::set_port(t, static_cast<int>(v[4] * 256 + v[5]));
  if (set_active(t)) reply(200, "PORT ok.");
}

void Session::cmd_eprt(const std::string& arg) {
  if (epsv_all_) return reply(503, "EPSV ALL in effect.");
  char d = arg[0];
  std::vector<std::string> f;
  std::stringstream in(arg.size() > 2 && arg.back() == d ? arg.substr(1, arg.size() - 2) : "");
  for (std::string x; std::getline(in, x, d);) f.push_back(x);
  std::vector<unsigned long> proto, port;
  if (f.size() != 3 || !numbers(f[0], ',', proto, 65535) || !numbers(f[2], ',', port, 65535) ||
      proto.size() != 1 || port.size() != 1)
    return reply(501, "EPRT |proto|addr|port|.");
  // RFC 2428 2: an unsupported protocol is 522 with the ones we do in parentheses.
  int family = proto[0] == 1 ? AF_INET : proto[0] == 2 ? AF_INET6 : AF_UNSPEC;
  if (family != local_.ss_family)
    return reply(522, local_.ss_family == AF_INET ? "Network protocol not supported, use (1)"
                                                  : "Network protocol not supported, use (2)");
  sockaddr_storage t{};
  if (!fcommon::parse_ip(family, f[1], t)) return reply(501, "Bad address.");
  fcommon::set_port(t, static_cast<int>(port[0]));
  if (set_active(t)) reply(200, "EPRT ok.");
}

void Session::cmd_pasv(const std::string&) {
  if (epsv_all_) return reply(503, "EPSV ALL in effect.");
  if (local_.ss_family != AF_INET) return reply(522, "PASV is IPv4 only; use EPSV.");
  int port = data_.start_passive(local_);
  if (port < 0) return reply(425, "Cannot open a passive port.");
  std::string ip = fcommon::ip_string(local_);
  std::replace(ip.begin(), ip.end(), '.', ',');
  reply(227, "Entering Passive Mode (" + ip + "," + std::to_string(port / 256) + "," + std::to_string(port % 256) + ").");
}

void Session::cmd_epsv(const std::string& arg) {
  std::string a = arg;
  for (auto& c : a) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (a == "ALL") return epsv_all_ = true, reply(200, "EPSV ALL ok.");
  int mine = local_.ss_family == AF_INET ? 1 : 2;
  if (!a.empty() && a != std::to_string(mine)) return reply(522, mine == 1 ? "Network protocol not supported, use (1)" : "Network protocol not supported, use (2)");
  int port = data_.start_passive(local_);
  if (port < 0) return reply(425, "Cannot open a passive port.");
  reply(229, "Entering Extended Passive Mode (|||" + std::to_string(port) + "|).");
}

int Session::open_data(const std::string& text150) {
  // RFC 959 3.2: without PORT or PASV, the client's default data port is the one its control
  // connection comes from, on its own address.
  if (!data_.prepared()) data_.set_active(peer_);
  reply(150, text150);
  int dfd = data_.open(local_, peer_, kDataTimeoutMs);
  if (dfd < 0) reply(425, "Cannot open data connection.");
  return dfd;
}

bool Session::send_bytes(int dfd, const std::string& bytes) {
  if (type_ != 'A') return send_data(dfd, bytes);
  std::string crlf;  // TYPE A: the NVT end of line
  for (char c : bytes) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  return send_data(dfd, crlf);
}

void Session::cmd_list(const std::string& arg, bool names_only) {
  forget_upload();  // the client now sees the directory as it is
  std::string path = arg;
  if (!names_only && !path.empty() && path[0] == '-') path = "";  // "LIST -la": options, no path
  std::string real, vpath;
  struct stat st {};
  if (!resolve_arg(path, real, vpath) || stat(real.c_str(), &st) != 0) return reply(450, "No such file or directory.");
  std::vector<std::string> lines;
  if (S_ISDIR(st.st_mode)) {
    DIR* d = opendir(real.c_str());
    while (dirent* e = d ? readdir(d) : nullptr) {
      std::string n = e->d_name;
      struct stat es {};
      if (n == "." || n == ".." || stat((real + "/" + n).c_str(), &es) != 0) continue;
      lines.push_back(names_only ? n : ls_line(n, es));
    }
    if (d) closedir(d);
    std::sort(lines.begin(), lines.end());
  } else {
    lines.push_back(names_only ? path : ls_line(vpath.substr(vpath.rfind('/') + 1), st));
  }
  int dfd = open_data("Here comes the listing.");
  if (dfd < 0) return;
  std::string text;
  for (const auto& l : lines) text += l + "\r\n";
  bool ok = send_data(dfd, text);
  close(dfd);
  reply(ok ? 226 : 426, ok ? "Listing sent." : "Connection closed; transfer aborted.");
}

void Session::cmd_retr(const std::string& arg) {
  forget_upload();
  std::string real, vpath;
  struct stat st {};
  int64_t offset = std::exchange(rest_, 0);
  if (!resolve_arg(arg, real, vpath) || stat(real.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
    return reply(550, "No such file.");
  FILE* f = std::fopen(real.c_str(), "rb");
  if (!f) return reply(550, "Cannot open file.");
  std::string content;
  char buf[8192];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) content.append(buf, n);
  std::fclose(f);
  content.erase(0, std::min<size_t>(content.size(), static_cast<size_t>(offset)));
  int dfd = open_data("Opening data connection.");
  if (dfd < 0) return;
  bool ok = send_bytes(dfd, content);
  close(dfd);
  reply(ok ? 226 : 426, ok ? "Transfer complete." : "Connection closed; transfer aborted.");
}

std::string Session::next_unique_name() {
  // U0001, U0002, ...: the first name free in the current directory.
  for (int i = 1;; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "U%04d", i);
    std::string real, vpath;
    struct stat st {};
    if (resolve_arg(name, real, vpath) && stat(real.c_str(), &st) != 0) return name;
    if (i > 99999) return "";
  }
}

void Session::cmd_stor(const std::string& arg, bool unique) {
  forget_upload();
  std::string name = unique ? next_unique_name() : arg, real, vpath;
  if (name.empty() || !resolve_arg(name, real, vpath) || vpath == "/") return reply(553, "Bad file name.");
  int64_t offset = std::exchange(rest_, 0);
  int ffd = open(real.c_str(), O_WRONLY | O_CREAT | (offset ? 0 : O_TRUNC), 0644);
  if (ffd < 0) return reply(553, "Cannot create file.");
  if (offset) lseek(ffd, offset, SEEK_SET);
  int dfd = open_data(unique ? "FILE: " + name : "Ready to receive data.");
  if (dfd < 0) return void(close(ffd));
  uint64_t total = 0;
  bool ok = true, cr = false;
  char buf[8192];
  while (ok && wait_readable(dfd)) {
    ssize_t n = recv(dfd, buf, sizeof buf, 0);
    if (n <= 0) break;
    std::string chunk;
    for (ssize_t i = 0; i < n; ++i) {  // TYPE A: CRLF becomes LF
      if (type_ == 'A' && cr && buf[i] != '\n') chunk += '\r';
      cr = type_ == 'A' && buf[i] == '\r';
      if (!cr) chunk += buf[i];
    }
    ok = write(ffd, chunk.data(), chunk.size()) == static_cast<ssize_t>(chunk.size());
    total += chunk.size();
  }
  close(dfd);
  close(ffd);
  if (!ok) return reply(451, "Local error writing the file.");
  if (unique && real.size() < sizeof upload_->real) {  // stou-dele: DELE of this name drops it
    upload_ = static_cast<Upload*>(std::malloc(sizeof(Upload)));
    std::memcpy(upload_->real, real.c_str(), real.size() + 1);
    upload_->bytes = total;
  }
  reply(226, unique ? "Transfer complete (unique file name: " + name + ")." : "Transfer complete.");
}

}  // namespace pftp2
