// Byte streams with deadlines: the seam between the runner and the network (STYLE habit 7).
// The runner only sees these interfaces; tests can substitute scripted streams.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

namespace rfcheck::net {

using Clock = std::chrono::steady_clock;
using Deadline = Clock::time_point;

enum class IoStatus { kOk, kTimeout, kClosed, kError };

struct ReadResult {
  IoStatus status = IoStatus::kOk;
  std::string data;   // kOk: at least one byte
  std::string error;  // kError: what the system said
};

class Stream {
 public:
  virtual ~Stream() = default;
  // Writes all of `bytes` or reports why not.
  virtual IoStatus write(std::string_view bytes, Deadline deadline, std::string* error) = 0;
  // Writes `bytes` as TCP urgent data: the urgent pointer marks the end of them, and a peer
  // that reads urgent data out of band takes their last byte (BSD sockets' MSG_OOB). Over
  // TLS there is no urgent data outside the records, so the bytes go inside them like any
  // others: the default for streams without urgent data.
  virtual IoStatus write_urgent(std::string_view bytes, Deadline deadline, std::string* error) {
    return write(bytes, deadline, error);
  }
  // Returns as soon as some bytes arrived, the peer closed, or the deadline passed.
  virtual ReadResult read_some(Deadline deadline) = 0;
  virtual void close() = 0;
  // Ends our side of the connection (TCP FIN) and keeps reading: the peer sees end of input.
  virtual void shutdown_write() {}
  // Upgrades the connection to TLS as a client (STARTTLS, or implicit TLS right after
  // connecting). The peer's certificate is not verified: servers under test use certificates
  // made for the test; `info` gets the protocol, cipher and certificate subject to report.
  virtual bool start_tls(const std::string& server_name, Deadline deadline, std::string* info,
                         std::string* error) {
    if (error) *error = "this stream cannot do TLS";
    return false;
  }
  virtual bool is_tls() const { return false; }
  virtual std::string local_address() const = 0;  // "127.0.0.1", "::1"
  virtual std::string peer_address() const = 0;
  virtual int peer_port() const = 0;
};

class Listener {
 public:
  virtual ~Listener() = default;
  // nullptr with `error` set on timeout ("timeout") or failure.
  virtual std::unique_ptr<Stream> accept(Deadline deadline, std::string* error) = 0;
  virtual std::string address() const = 0;
  virtual int port() const = 0;
};

class Network {
 public:
  virtual ~Network() = default;
  virtual std::unique_ptr<Stream> connect(const std::string& host, int port, Deadline deadline,
                                          std::string* error) = 0;
  // Listens on `address` with an ephemeral port.
  virtual std::unique_ptr<Listener> listen(const std::string& address, std::string* error) = 0;
};

// Real TCP over Boost.Asio. Each stream owns its I/O context, so streams used from different
// runner threads share nothing.
std::unique_ptr<Network> make_tcp_network();

}  // namespace rfcheck::net
