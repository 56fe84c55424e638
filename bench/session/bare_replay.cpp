#include "bare_replay.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <regex>

namespace rfcheck::bench {
namespace {

using Clock = std::chrono::steady_clock;

int dial(const std::string& host, int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  ::inet_pton(AF_INET, host.c_str(), &a.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Reads until `replies` final replies arrived or `silence` passes without a byte; returns the
// text of the last reply.
struct Reader {
  int fd = -1;
  std::string buffer;
  int last_code = 0;
  std::string last_text;
  bool transfer = false;  // a 1yz came since the last data action: data will move

  void wait(int replies, std::chrono::milliseconds silence) {
    while (replies > 0) {
      std::size_t eol;
      while (replies > 0 && (eol = buffer.find('\n')) != std::string::npos) {
        const std::string line = buffer.substr(0, eol + 1);
        buffer.erase(0, eol + 1);
        if (line.size() >= 4 && std::isdigit(static_cast<unsigned char>(line[0])) && line[3] == ' ') {
          last_code = std::atoi(line.substr(0, 3).c_str());
          last_text = line;
          if (last_code >= 100 && last_code < 200) transfer = true;
          if (last_code >= 200 || last_code < 100) --replies;
        }
      }
      if (replies == 0) return;
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(silence.count())) <= 0) return;
      char chunk[4096];
      const ssize_t n = ::read(fd, chunk, sizeof chunk);
      if (n <= 0) return;
      buffer.append(chunk, static_cast<std::size_t>(n));
    }
  }
};

void write_all(int fd, const std::string& bytes) {
  std::size_t at = 0;
  while (at < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + at, bytes.size() - at, MSG_NOSIGNAL);
    if (n <= 0) return;
    at += static_cast<std::size_t>(n);
  }
}

void drain(int fd, std::chrono::milliseconds idle) {
  char chunk[65536];
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(idle.count())) <= 0) return;
    if (::read(fd, chunk, sizeof chunk) <= 0) return;
  }
}

int lines_in(const std::string& bytes) {
  int n = 0;
  for (char c : bytes) n += c == '\n';
  return n;
}

}  // namespace

bool bare_play(const fuzz::Session& session, const BareOptions& o) {
  Reader r;
  r.fd = dial(o.host, o.port);
  if (r.fd < 0) return false;
  r.wait(1, o.silence);
  int data = -1, listener = -1;
  const auto close_data = [&] {
    if (data >= 0) ::close(data);
    if (listener >= 0) ::close(listener);
    data = listener = -1;
  };
  const auto data_fd = [&] {
    if (data < 0 && listener >= 0) {
      pollfd p{listener, POLLIN, 0};
      if (::poll(&p, 1, 50) > 0) data = ::accept(listener, nullptr, nullptr);
    }
    return data;
  };
  for (const auto& a : session.actions) {
    using K = fuzz::Action::Kind;
    switch (a.kind) {
      case K::kCommand:
      case K::kRaw: {
        const std::string bytes = fuzz::control_bytes(a);
        write_all(r.fd, bytes);
        r.wait(lines_in(bytes), o.silence);
        break;
      }
      case K::kMessage: {
        write_all(r.fd, a.payload + "\r\n.\r\n");
        r.wait(1, o.silence);
        break;
      }
      case K::kPassive: {
        if (!o.ftp) break;
        write_all(r.fd, a.payload == "EPSV" ? "EPSV\r\n" : "PASV\r\n");
        r.wait(1, o.silence);
        static const std::regex pasv(R"((\d+),(\d+),(\d+),(\d+),(\d+),(\d+))"), epsv(R"(\|\|\|(\d+)\|)");
        std::smatch m;
        int port = 0;
        if (r.last_code == 227 && std::regex_search(r.last_text, m, pasv)) port = std::stoi(m[5]) * 256 + std::stoi(m[6]);
        if (r.last_code == 229 && std::regex_search(r.last_text, m, epsv)) port = std::stoi(m[1]);
        close_data();
        if (port > 0) data = dial(o.host, port);
        break;
      }
      case K::kActive: {
        if (!o.ftp) break;
        close_data();
        listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        ::inet_pton(AF_INET, o.host.c_str(), &addr.sin_addr);
        socklen_t len = sizeof addr;
        ::bind(listener, reinterpret_cast<sockaddr*>(&addr), len);
        ::listen(listener, 1);
        ::getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len);
        const int port = ntohs(addr.sin_port);
        const std::string command = a.payload == "EPRT"
            ? "EPRT |1|" + o.host + "|" + std::to_string(port) + "|\r\n"
            : "PORT 127,0,0,1," + std::to_string(port / 256) + "," + std::to_string(port % 256) + "\r\n";
        write_all(r.fd, command);
        r.wait(1, o.silence);
        break;
      }
      case K::kDataSend:
      case K::kDataReceive:
      case K::kDataClose: {
        if (!o.ftp) break;
        // Like any client that reads its replies: data moves only after a 1yz, and only then
        // is a final reply due.
        const bool moving = r.transfer;
        r.transfer = false;
        const int fd = moving ? data_fd() : -1;
        if (fd >= 0 && a.kind == K::kDataSend) write_all(fd, a.payload);
        if (fd >= 0 && a.kind == K::kDataReceive) drain(fd, std::chrono::milliseconds(50));
        close_data();
        if (moving && a.kind != K::kDataClose) r.wait(1, o.silence);
        break;
      }
      case K::kReconnect:
        close_data();
        ::close(r.fd);
        r = Reader{};
        r.fd = dial(o.host, o.port);
        if (r.fd < 0) return false;
        r.wait(1, o.silence);
        break;
    }
  }
  close_data();
  ::close(r.fd);
  return true;
}

}  // namespace rfcheck::bench
