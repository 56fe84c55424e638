// The TCP stream against a plain POSIX peer on loopback: what the peer's kernel sees is what
// a server sees, urgent data included.
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <string>

#include "fault_common/net.hpp"
#include "net/stream.h"

namespace rfcheck::net {
namespace {

using namespace std::chrono_literals;

// A listening socket on 127.0.0.1, an ephemeral port; the accepted peer is `peer`.
class LoopbackPeer {
 public:
  LoopbackPeer() {
    sockaddr_storage addr{};
    EXPECT_TRUE(fcommon::parse_ip(AF_INET, "127.0.0.1", addr));
    listener_ = fcommon::listen_on(addr, 1);
    EXPECT_GE(listener_, 0);
    socklen_t len = sizeof addr;
    getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = fcommon::port_of(addr);
  }
  ~LoopbackPeer() {
    if (peer_ >= 0) close(peer_);
    close(listener_);
  }
  int port() const { return port_; }
  int accept_peer(bool oob_inline) {
    peer_ = accept(listener_, nullptr, nullptr);
    int on = oob_inline ? 1 : 0;
    setsockopt(peer_, SOL_SOCKET, SO_OOBINLINE, &on, sizeof on);
    return peer_;
  }
  // Reads until `size` bytes arrived or a second passed.
  std::string read_inline(std::size_t size) {
    std::string got;
    while (got.size() < size) {
      pollfd p{peer_, POLLIN, 0};
      if (poll(&p, 1, 1000) <= 0) break;
      char buf[64];
      ssize_t n = recv(peer_, buf, sizeof buf, 0);
      if (n <= 0) break;
      got.append(buf, static_cast<std::size_t>(n));
    }
    return got;
  }

 private:
  int listener_ = -1, peer_ = -1, port_ = 0;
};

std::unique_ptr<Stream> connect_to(const LoopbackPeer& peer) {
  auto network = make_tcp_network();
  std::string error;
  auto stream = network->connect("127.0.0.1", peer.port(), Clock::now() + 2s, &error);
  EXPECT_TRUE(stream) << error;
  return stream;
}

TEST(TcpStream, UrgentBytesArriveInOrderForAPeerThatKeepsThemInline) {
  LoopbackPeer peer;
  auto stream = connect_to(peer);
  ASSERT_TRUE(stream);
  peer.accept_peer(true);
  std::string error;
  ASSERT_EQ(stream->write_urgent("\xff\xf4\xff", Clock::now() + 2s, &error), IoStatus::kOk) << error;
  ASSERT_EQ(stream->write("\xf2" "ABOR\r\n", Clock::now() + 2s, &error), IoStatus::kOk) << error;
  EXPECT_EQ(peer.read_inline(10), std::string("\xff\xf4\xff\xf2" "ABOR\r\n"));
}

TEST(TcpStream, TheLastUrgentByteIsTheOneAPeerReadsOutOfBand) {
  LoopbackPeer peer;
  auto stream = connect_to(peer);
  ASSERT_TRUE(stream);
  const int fd = peer.accept_peer(false);
  std::string error;
  ASSERT_EQ(stream->write_urgent("\xff\xf4\xfe", Clock::now() + 2s, &error), IoStatus::kOk) << error;
  pollfd p{fd, POLLPRI, 0};
  ASSERT_EQ(poll(&p, 1, 2000), 1) << "the peer was not told of urgent data";
  char oob = 0;
  ASSERT_EQ(recv(fd, &oob, 1, MSG_OOB), 1);
  EXPECT_EQ(static_cast<unsigned char>(oob), 0xFE);
  // The rest stays in the normal stream.
  EXPECT_EQ(peer.read_inline(2), std::string("\xff\xf4"));
}

TEST(TcpStream, UrgentDataToAClosedStreamIsReportedClosed) {
  LoopbackPeer peer;
  auto stream = connect_to(peer);
  ASSERT_TRUE(stream);
  stream->close();
  std::string error;
  EXPECT_EQ(stream->write_urgent("\xff", Clock::now() + 1s, &error), IoStatus::kClosed);
}

}  // namespace
}  // namespace rfcheck::net
